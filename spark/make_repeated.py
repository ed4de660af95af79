"""Builds a larger test corpus from a folder of articles: COPIES copies of each .txt file, each with a
unique id (the file stem gains `-cNN`), written both as files (OUT/copy-NN/…) and as one JSONL file of
records (OUT.jsonl: id, path, text and the front-matter keys as record keys).
Usage: make_repeated.py SOURCE OUT COPIES"""

import json
import os
import sys
import tomllib


def split_front_matter(text):
    lines = text.split("\n")
    if lines and lines[0].strip() == "+++":
        for n in range(1, len(lines)):
            if lines[n].strip() == "+++":
                return tomllib.loads("\n".join(lines[1:n])), "\n".join(lines[n + 1:])
    return {}, text


def main(source, out, copies):
    names = sorted(n for n in os.listdir(source) if n.endswith(".txt"))
    with open(out + ".jsonl", "w", encoding="utf-8") as records:
        for c in range(int(copies)):
            folder = os.path.join(out, f"copy-{c:02d}")
            os.makedirs(folder, exist_ok=True)
            for name in names:
                with open(os.path.join(source, name), encoding="utf-8") as f:
                    text = f.read()
                stem = f"{name[:-4]}-c{c:02d}"
                path = os.path.join(folder, stem + ".txt")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                front, body = split_front_matter(text)
                record = {"id": stem, "path": path}
                record.update({k: str(v) for k, v in front.items()})
                record["text"] = body
                records.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(names) * int(copies)} documents in {out} and {out}.jsonl")


if __name__ == "__main__":
    main(*sys.argv[1:4])
