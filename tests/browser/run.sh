#!/usr/bin/env bash
# Browser test of the HTML report (`factdiff check --format html`), run by .ci/run after `cargo test`:
# installs Debian's chromium when missing, installs playwright-core (package-lock.json) into
# tests/browser/node_modules (git-ignored), builds factdiff, and runs check-report.js on the reports of
# corpus/, of the dev corpus (../shared/devcorpus, when present) and of a hostile corpus. Screenshots
# and the reports land in target/browser/ (a CI artifact). Needs root for apt-get, Node 18+ and npm.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing chromium (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
dpkg-query -W -f 'chromium ${Version}\n' chromium 2>/dev/null || true

echo "== installing playwright-core (tests/browser/package-lock.json)"
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

echo "== building factdiff"
cargo build --release --quiet

corpora=(--corpus corpus)
devcorpus="$root/../shared/devcorpus"
if [ -d "$devcorpus" ]; then
  corpora+=(--corpus "$devcorpus")
else
  echo "dev corpus not found at $devcorpus: skipped (corpus/ and the hostile corpus are still checked)"
fi

echo "== checking the HTML reports in headless chromium"
node tests/browser/check-report.js --bin target/release/factdiff --out target/browser "${corpora[@]}" --hostile
