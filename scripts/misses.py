#!/usr/bin/env python3
"""List the gold claims factdiff misses and the claims it adds, per document, for a gold set.

An evaluation aid for rule and grammar authors (not a test): it runs `score.py --keep` and then
prints, for each document, every non-optional gold claim without a matching tool claim (kind and
value), and every tool claim that matched no gold claim, with its sentence.

    python3 scripts/misses.py --gold ../shared/devset/gold.toml --texts ../shared/devset/texts \
        --factdiff target/release/factdiff [--kind killed]
"""
import argparse, json, os, subprocess, sys, tempfile, tomllib

ap = argparse.ArgumentParser()
ap.add_argument("--gold", required=True)
ap.add_argument("--texts", required=True)
ap.add_argument("--factdiff", default="target/release/factdiff")
ap.add_argument("--score", default=None, help="path of score.py (default: beside the gold's eval folder)")
ap.add_argument("--kind", default=None)
ap.add_argument("--subjects", action="store_true", help="also list matched claims with a wrong subject")
a = ap.parse_args()
score = a.score or os.path.join(os.path.dirname(os.path.abspath(a.gold)), "..", "eval", "score.py")
sys.path.insert(0, os.path.dirname(score))
import score as S  # noqa: E402

keep = tempfile.mkdtemp()
subprocess.run([sys.executable, score, "--gold", a.gold, "--texts", a.texts, "--factdiff", a.factdiff, "--keep", keep],
               check=True, capture_output=True)
out = None
for name in os.listdir(keep):
    if name.startswith("factdiff.json"):
        out = json.load(open(os.path.join(keep, name)))
gold = tomllib.load(open(a.gold, "rb"))
by_doc = {}
for c in out["claims"]:
    by_doc.setdefault(c["doc"], []).append(c)
for doc in gold["doc"]:
    if not os.path.exists(os.path.join(a.texts, doc["id"] + ".txt")):
        continue
    tool = [c for c in by_doc.get(doc["id"], []) if c["kind"] in S.TAXONOMY]
    used = set()
    lines = []
    for g in doc.get("claim", []):
        optional = any(g.get(f) for f in S.OPTIONAL)
        hit = None
        for i, t in enumerate(tool):
            if i not in used and t["kind"] == g["kind"] and S.matches_value(g, t["quantity"]):
                hit = i
                break
        if hit is not None:
            used.add(hit)
            t = tool[hit]
            if a.subjects and S.NAMED_SUBJECTS.match(g.get("subject", "")) and S.fold(t["subject"]) != S.fold(g["subject"]):
                lines.append(f"  SUBJ {g['kind']} want {g['subject']} got {t['subject']}: {g['anchor']}")
            continue
        if optional or (a.kind and g["kind"] != a.kind):
            continue
        lines.append(f"  MISS {g['kind']} {g.get('as_written')} [{g.get('modality')}] :: {g['anchor']}")
    for i, t in enumerate(tool):
        if i in used or (a.kind and t["kind"] != a.kind):
            continue
        lines.append(f"  FP   {t['kind']} {t['quantity']['text']} ({t['subject']}, {t['rule']}) :: {t['sentence'][:220]}")
    if lines:
        print(doc["id"])
        print("\n".join(lines))
