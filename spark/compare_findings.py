"""Checks that two findings files hold the same findings: the same ids, each with identical content.
Usage: compare_findings.py EXPECTED ACTUAL  (JSONL; lines other than findings are ignored)."""

import json
import sys


def findings(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            v = json.loads(line)
            if v.get("type") == "finding":
                if v["id"] in out and out[v["id"]] != v:
                    sys.exit(f"{path}: finding {v['id']} twice with different content")
                out[v["id"]] = v
    return out


def main(expected_path, actual_path):
    expected, actual = findings(expected_path), findings(actual_path)
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    differ = sorted(i for i in set(expected) & set(actual) if expected[i] != actual[i])
    for name, ids in (("missing from the Spark job", missing), ("only in the Spark job", extra),
                      ("with different content", differ)):
        if ids:
            print(f"  {len(ids)} findings {name}: {', '.join(ids[:10])}", file=sys.stderr)
    if missing or extra or differ:
        return 1
    print(f"  same {len(expected)} findings (ids and content)")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
