"""factdiff on Apache Spark: the findings of one `factdiff check`, computed by partitions.

Steps (each one a pipe of a partition through the factdiff binary):
  1. documents -> JSONL records {path, text, id?, front-matter keys}   (a folder of files, JSONL or Parquet)
  2. `factdiff events cues`      per partition -> one cue line per document
     `factdiff events assign`    once, on the driver, over every cue line -> the events file (ids, events)
  3. `factdiff extract --events` per partition -> document, claim and quote lines with `comparison_key`
  4. route claims and quotes by comparison key (event, group); a line whose event is null goes to every
     event of its group (or alone when its group has none), with the document lines it names
  5. `factdiff compare`          per partition -> finding lines; the union, de-duplicated by id, is written

Usage: spark-submit [--files factdiff] spark/factdiff_job.py --input DIR --output OUT [options]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib

from pyspark import SparkFiles
from pyspark.sql import SparkSession

ERROR_TAG = "\x00stderr\x00"
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
VERDICT_ORDER = ["conflict", "disputed", "tension", "regression", "evolution", "misattribution", "misquote"]


def parse_args(argv):
    p = argparse.ArgumentParser(description="Run factdiff over a corpus with Spark.")
    p.add_argument("--input", required=True, help="a folder of .txt/.md files, or JSONL / Parquet records")
    p.add_argument("--input-format", choices=["files", "jsonl", "parquet"], default="files")
    p.add_argument("--output", required=True, help="folder for findings.jsonl (and factdiff-v1.json)")
    p.add_argument("--factdiff", default="factdiff",
                   help="the binary: a name shipped with --files, a path, or a name on PATH")
    p.add_argument("--rules", help="a rules file (ship it with --files on a cluster)")
    p.add_argument("--partitions", type=int, default=0,
                   help="partitions for extraction and comparison (default: Spark's parallelism)")
    p.add_argument("--json", action="store_true", help="also write the factdiff/v1 JSON (collects everything)")
    p.add_argument("--fail-on", choices=["error", "warning", "never"], default="error")
    p.add_argument("--timings", action="store_true",
                   help="run stage by stage and print the time of each (slightly slower)")
    return p.parse_args(argv)


def binary(name):
    """The factdiff binary on an executor: shipped with --files, else a path or a name on PATH."""
    for candidate in (SparkFiles.get(os.path.basename(name)), name, shutil.which(name) or ""):
        if candidate and os.path.isfile(candidate):
            if not os.access(candidate, os.X_OK):
                os.chmod(candidate, 0o755)
            return candidate
    raise RuntimeError(f"factdiff binary not found: {name} (ship it with --files or put it on PATH)")


def local_file(name):
    """A file argument on an executor: the copy shipped with --files (or sc.addFile) when there is one."""
    if name.startswith("-"):
        return name
    shipped = SparkFiles.get(os.path.basename(name))
    return shipped if os.path.isfile(shipped) and not os.path.isfile(name) else name


def pipe(args, ok_codes=(0,)):
    """A mapPartitions function: streams the partition's lines through `factdiff ARGS -`, yields its
    output lines, and its standard-error lines tagged with ERROR_TAG. Exit 2 (bad input records,
    reported) is accepted with ok_codes; any other failure fails the task (Spark retries it)."""

    def run(lines):
        cmd = [binary(args[0])] + [local_file(a) for a in args[1:]] + ["-"]
        with tempfile.TemporaryFile() as err:
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err)

            def feed():
                try:
                    for line in lines:
                        proc.stdin.write(line.encode("utf-8"))
                        proc.stdin.write(b"\n")
                finally:
                    proc.stdin.close()

            writer = threading.Thread(target=feed, daemon=True)
            writer.start()
            for out in proc.stdout:
                yield out.decode("utf-8").rstrip("\n")
            writer.join()
            code = proc.wait()
            err.seek(0)
            messages = err.read().decode("utf-8", "replace").splitlines()
            if code not in ok_codes:
                raise RuntimeError(f"{' '.join(cmd)} exited {code}: {' '.join(messages[-5:])}")
            for m in messages:
                if m.strip() and m.strip() != "error: no documents found (looked for .txt and .md files)":
                    yield ERROR_TAG + m

    return run


def file_records(spark, source, partitions):
    """A folder of .txt/.md files as records {path, text}: the path as `factdiff check SOURCE` names it."""
    sc = spark.sparkContext
    sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    jvm_path = sc._jvm.org.apache.hadoop.fs.Path(source)
    base = jvm_path.getFileSystem(sc._jsc.hadoopConfiguration()).makeQualified(jvm_path).toString().rstrip("/")
    shown = source.rstrip("/") or "/"

    def record(pair):
        uri, data = pair
        rel = uri[len(base) + 1:] if uri.startswith(base + "/") else os.path.basename(uri)
        path = os.path.join(shown, rel)
        try:
            if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
                text = data.decode("utf-16")
            else:
                text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            return ERROR_TAG + f"error: {path}: not valid UTF-8 ({e.reason} at offset {e.start}); skipped"
        return json.dumps({"path": path, "text": text}, ensure_ascii=False)

    def wanted(pair):
        name = pair[0].rsplit("/", 1)[-1]
        hidden = any(part.startswith(".") for part in pair[0][len(base):].split("/") if part)
        return not hidden and name.lower().endswith((".txt", ".md"))

    return sc.binaryFiles(source, minPartitions=partitions).filter(wanted).map(record)


def jsonl_records(spark, source, partitions):
    """JSONL records; one without `path` gets its id (or its position) as path, so that the events file
    can name it. A line that is not a JSON object is reported with its position and skipped."""

    def with_path(pair):
        line, n = pair
        try:
            value = json.loads(line)
        except ValueError as e:
            return ERROR_TAG + f"error: {source}: record {n + 1}: not a JSON record: {e}; skipped"
        if not isinstance(value, dict):
            return ERROR_TAG + f"error: {source}: record {n + 1}: a record must be a JSON object; skipped"
        if not isinstance(value.get("path"), str):
            value["path"] = value["id"] if isinstance(value.get("id"), str) else f"record-{n + 1}"
        return json.dumps(value, ensure_ascii=False)

    lines = spark.sparkContext.textFile(source, minPartitions=partitions)
    return lines.zipWithIndex().filter(lambda p: p[0].strip()).map(with_path)


def parquet_records(spark, source, partitions):
    """Parquet rows (a `text` column, `id` and front-matter columns) as JSONL records."""
    df = spark.read.parquet(source)
    return jsonl_records_from_rows(df.toJSON().repartition(partitions))


def jsonl_records_from_rows(rdd):
    def with_path(pair):
        line, n = pair
        value = json.loads(line)
        if not isinstance(value.get("path"), str):
            value["path"] = value["id"] if isinstance(value.get("id"), str) else f"row-{n + 1}"
        return json.dumps(value, ensure_ascii=False)

    return rdd.zipWithIndex().map(with_path)


def bucket_of(key):
    """A partition for a comparison key, the same in every Python process (no hash randomisation)."""
    event, group = key
    return zlib.crc32(f"{event or ''}\x1f{group}".encode("utf-8"))


def route(extracted, partitions):
    """(key, line) pairs: every claim and quote line under its comparison key (replicated to every
    event of its group when its event is null), and each document line under every key its claims and
    quotes are sent to."""
    parsed = extracted.map(json.loads)
    docs = parsed.filter(lambda v: v.get("type") == "document").map(lambda v: (v["id"], json.dumps(v, ensure_ascii=False)))
    records = parsed.filter(lambda v: v.get("type") in ("claim", "quote")).map(
        lambda v: (v["comparison_key"]["event"], v["comparison_key"]["group"], v["doc"], json.dumps(v, ensure_ascii=False)))
    events_of_group = records.filter(lambda r: r[0] is not None).map(lambda r: (r[1], r[0])).distinct()
    with_event = records.filter(lambda r: r[0] is not None).map(lambda r: ((r[0], r[1]), (r[2], r[3])))
    without_event = (records.filter(lambda r: r[0] is None)
                     .map(lambda r: (r[1], (r[2], r[3])))
                     .leftOuterJoin(events_of_group)
                     .map(lambda kv: ((kv[1][1], kv[0]), kv[1][0])))
    keyed = with_event.union(without_event)
    doc_lines = (keyed.map(lambda kv: (kv[1][0], kv[0])).distinct()
                 .join(docs)
                 .map(lambda kv: (kv[1][0], kv[1][1])))
    lines = keyed.mapValues(lambda doc_line: doc_line[1]).union(doc_lines)
    return lines.partitionBy(partitions, bucket_of).values()


def distinct_sorted(lines):
    """A partition's lines, each once (a line replicated to two events of one partition), in order."""
    return iter(sorted(set(lines)))


def split_errors(rdd):
    """The output lines and the tagged error lines of a piped RDD (cached, so that reading both does not
    run the pipe twice)."""
    rdd = rdd.persist()
    return rdd.filter(lambda l: not l.startswith(ERROR_TAG)), rdd.filter(lambda l: l.startswith(ERROR_TAG))


def main(argv):
    args = parse_args(argv)
    spark = SparkSession.builder.appName("factdiff").getOrCreate()
    sc = spark.sparkContext
    partitions = args.partitions or sc.defaultParallelism
    rules = ["--rules", args.rules] if args.rules else []
    times = {}
    clock = time.monotonic()

    def stage(name, rdd):
        """With --timings, computes the RDD now (cached) and records the time since the last stage."""
        nonlocal clock
        rdd = rdd.persist()
        if args.timings:
            rdd.count()
            now = time.monotonic()
            times[name] = now - clock
            clock = now
        return rdd

    read = {"files": file_records, "jsonl": jsonl_records, "parquet": parquet_records}[args.input_format]
    raw = read(spark, args.input, partitions)
    records, read_errors = split_errors(raw)
    records = stage("read", records)

    # Pass 1: event cues per partition, ids and events once over the corpus.
    cues = records.mapPartitions(pipe([args.factdiff, "events", "cues", "--input-format", "jsonl", "-q"] + rules, (0, 2)))
    cue_lines, cue_errors = split_errors(cues)
    cue_lines = stage("event cues", cue_lines)
    workdir = tempfile.mkdtemp(prefix="factdiff-spark-")
    cues_path = os.path.join(workdir, "cues.jsonl")
    with open(cues_path, "w", encoding="utf-8") as f:
        for line in cue_lines.toLocalIterator():
            f.write(line + "\n")
    events_path = os.path.join(workdir, "events.jsonl")
    with open(events_path, "wb") as out:
        subprocess.run([binary(args.factdiff), "events", "assign", cues_path], stdout=out, check=True)
    sc.addFile(events_path)
    if args.timings:
        now = time.monotonic()
        times["event assign (driver)"] = now - clock
        clock = now

    # Pass 2: extraction per partition, with the corpus-wide ids and events.
    def extract(lines):
        events = SparkFiles.get(os.path.basename(events_path))
        return pipe([args.factdiff, "extract", "--input-format", "jsonl", "--format", "jsonl", "-q",
                     "--events", events] + rules, (0, 2))(lines)

    extracted, extract_errors = split_errors(records.mapPartitions(extract))
    extracted = stage("extract", extracted.filter(lambda l: '"type":"summary"' not in l[:40]))

    # Pass 3: shuffle by comparison key, compare per partition.
    routed = stage("shuffle", route(extracted, partitions))
    compared = routed.mapPartitions(distinct_sorted).mapPartitions(
        pipe([args.factdiff, "compare", "--format", "jsonl", "--fail-on", "never"] + rules))
    findings_lines, compare_errors = split_errors(compared)
    findings = stage("compare", findings_lines.filter(lambda l: l.startswith('{"type":"finding"')))
    by_id = findings.map(lambda l: (json.loads(l)["id"], l)).reduceByKey(min).collect()

    errors = [e[len(ERROR_TAG):] for rdd in (read_errors, cue_errors, extract_errors, compare_errors)
              for e in rdd.collect()]
    os.makedirs(args.output, exist_ok=True)
    with open(os.path.join(args.output, "findings.jsonl"), "w", encoding="utf-8") as f:
        for _, line in sorted(by_id):
            f.write(line + "\n")
    if args.json:
        write_v1_json(os.path.join(args.output, "factdiff-v1.json"), extracted, [l for _, l in by_id], errors)
    if args.timings:
        times["write"] = time.monotonic() - clock
        for name, seconds in times.items():
            print(f"time: {name}: {seconds:.2f} s", file=sys.stderr)
    for e in dict.fromkeys(errors):
        print(e, file=sys.stderr)
    verdicts = [json.loads(l) for _, l in by_id]
    print(f"{len(verdicts)} findings written to {os.path.join(args.output, 'findings.jsonl')}", file=sys.stderr)
    spark.stop()
    shutil.rmtree(workdir, ignore_errors=True)
    threshold = {"error": 2, "warning": 1, "never": 99}[args.fail_on]
    worst = max((SEVERITY_RANK.get(f["severity"], 0) for f in verdicts), default=-1)
    return 1 if worst >= threshold else 0


def write_v1_json(path, extracted, finding_lines, errors):
    """The factdiff/v1 JSON of the run (documents, claims, quotes, findings, summary), assembled on the
    driver: for corpora whose claims fit in the driver's memory."""
    docs, claims, quotes = [], [], []
    for line in extracted.collect():
        v = json.loads(line)
        kind = v.pop("type", None)
        {"document": docs, "claim": claims, "quote": quotes}.get(kind, []).append(v)
    docs.sort(key=lambda d: d["path"])
    order = {d["id"]: n for n, d in enumerate(docs)}
    claims.sort(key=lambda c: (order.get(c["doc"], 0), c["span"]["start"], c["id"]))
    quotes.sort(key=lambda q: (order.get(q["doc"], 0), q["span"]["start"], q["id"]))
    findings = [json.loads(l) for l in finding_lines]
    for f in findings:
        f.pop("type", None)
    findings.sort(key=lambda f: (-SEVERITY_RANK.get(f["severity"], 0), f["kind"], f["subject"],
                                 VERDICT_ORDER.index(f["verdict"]) if f["verdict"] in VERDICT_ORDER else 99, f["id"]))
    summary = {
        "documents": len(docs), "claims": len(claims), "quotes": len(quotes),
        "findings": {v: sum(1 for f in findings if f["verdict"] == v) for v in VERDICT_ORDER},
        "errors": errors,
    }
    value = {"schema": "factdiff/v1", "documents": docs, "claims": claims, "quotes": quotes,
             "findings": findings, "summary": summary}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
