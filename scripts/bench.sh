#!/usr/bin/env bash
# End-to-end speed against a plain scan of the same bytes (issue 15): `factdiff check --format json`
# on a generated corpus versus `grep -rcE` with the trigger words over the same files, in one run,
# printed as a ratio, with factdiff's peak memory.
#
#   scripts/bench.sh [MB] [DIR]
#
# MB (default 50) is the size of the corpus `examples/gen_corpus.rs` writes (seed 1) into DIR (default
# `${TMPDIR:-/tmp}/factdiff-bench-<MB>mb`, outside the repository; reused when complete). Needs cargo,
# grep and GNU time (`/usr/bin/time`) for the memory figure; without it memory is not reported.
set -euo pipefail

mb="${1:-50}"
dir="${2:-${TMPDIR:-/tmp}/factdiff-bench-${mb}mb}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-$root/target}/release/factdiff"
if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    cargo run --release --quiet --example gen_corpus -- --mb "$mb" --seed 1 "$dir"
    touch "$dir/.complete"
fi

# The words the rules trigger on (kinds' nouns and verbs), as one extended regex.
triggers='killed|dead|died|deaths|wounded|injured|missing|hostages?|captives?|released|freed|prisoners|detainees|displaced|trucks|truce|pause|ceasefire'

now() { date +%s.%N; }

t0=$(now)
grep -rcE "$triggers" "$dir" >/dev/null || true
t1=$(now)
if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$dir.rss" "$bin" check --format json --fail-on never "$dir" >/dev/null
else
    "$bin" check --format json --fail-on never "$dir" >/dev/null
fi
t2=$(now)

awk -v t0="$t0" -v t1="$t1" -v t2="$t2" -v mb="$mb" 'BEGIN {
    g = t1 - t0; f = t2 - t1
    printf "corpus:           %d MiB generated (seed 1)\n", mb
    printf "grep -rcE:        %.2f s\n", g
    printf "factdiff check:   %.2f s (json, %.1f MiB/s end to end)\n", f, mb / f
    printf "ratio:            %.1f x grep\n", f / g
}'
if [ -f "$dir.rss" ]; then
    printf 'peak memory:      %d MB\n' "$(( $(tail -1 "$dir.rss") / 1024 ))"
fi
