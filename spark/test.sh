#!/usr/bin/env bash
# Runs the Spark job (spark/factdiff_job.py) in local mode and checks that its findings equal those of
# one-machine `factdiff check --format jsonl`, as sets by id with identical content:
#   1. corpus/ (files), 2 cores, 4 partitions (2 executors' worth);
#   2. ../shared/devcorpus (files), when present (skipped with a message otherwise);
#   3. a repeated dev corpus of a few thousand documents (generated under target/, ids unique), as files
#      and as JSONL records, 2 cores, 8 and 12 partitions.
# Installs what it needs: pyspark from PyPI into target/spark-venv; Java from Debian's packages when
# missing. Set FACTDIFF_SPARK_TIMINGS=1 to print each stage's time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PYSPARK_VERSION=4.3.0
VENV=target/spark-venv
COPIES=${FACTDIFF_SPARK_COPIES:-10}

if ! command -v java >/dev/null 2>&1; then
  echo "== installing Java (default-jre-headless)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq default-jre-headless >/dev/null
fi
if ! "$VENV/bin/python" -c "import pyspark" >/dev/null 2>&1; then
  echo "== installing pyspark $PYSPARK_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "pyspark==$PYSPARK_VERSION"
fi
echo "== cargo build --release"
cargo build --release -q
BIN="$ROOT/target/release/factdiff"
PY="$ROOT/$VENV/bin/python"
SUBMIT="$ROOT/$VENV/bin/spark-submit"
OUT="$ROOT/target/spark-test"
rm -rf "$OUT"; mkdir -p "$OUT"
export PYSPARK_PYTHON="$PY" PYSPARK_DRIVER_PYTHON="$PY" SPARK_LOCAL_IP=127.0.0.1
TIMINGS=(); [ "${FACTDIFF_SPARK_TIMINGS:-0}" = 1 ] && TIMINGS=(--timings)

# check_case NAME INPUT FORMAT PARTITIONS: the job's findings against one `check`.
check_case() {
  local name=$1 input=$2 format=$3 partitions=$4
  echo "== $name: spark-submit --master local[2], $partitions partitions, input $format"
  local check_format=files; [ "$format" = jsonl ] && check_format=jsonl
  "$BIN" check --format jsonl --fail-on never --input-format "$check_format" -q "$input" > "$OUT/$name.check.jsonl" || {
    echo "factdiff check failed on $input"; return 1; }
  "$SUBMIT" --master "local[2]" --conf spark.ui.enabled=false --conf spark.log.level=WARN \
    --files "$BIN" spark/factdiff_job.py --factdiff factdiff --input "$input" --input-format "$format" \
    --output "$OUT/$name" --partitions "$partitions" --fail-on never ${TIMINGS[@]+"${TIMINGS[@]}"} \
    2> "$OUT/$name.stderr" || { tail -30 "$OUT/$name.stderr"; return 1; }
  grep -E '^(time:|[0-9]+ findings)' "$OUT/$name.stderr" | sed 's/^/  /' || true
  "$PY" spark/compare_findings.py "$OUT/$name.check.jsonl" "$OUT/$name/findings.jsonl"
}

check_case corpus corpus files 4
if [ -d ../shared/devcorpus ]; then
  check_case devcorpus ../shared/devcorpus files 4
  echo "== generating a repeated dev corpus ($COPIES copies) under target/"
  rm -rf target/spark-repeated target/spark-repeated.jsonl
  "$PY" spark/make_repeated.py ../shared/devcorpus target/spark-repeated "$COPIES"
  check_case repeated-files target/spark-repeated files 8
  check_case repeated-jsonl target/spark-repeated.jsonl jsonl 12
else
  echo "== ../shared/devcorpus is not present: the dev corpus and repeated dev corpus cases were SKIPPED"
fi
echo "== spark/test.sh: all cases passed"
