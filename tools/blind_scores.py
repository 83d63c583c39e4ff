#!/usr/bin/env python3
"""Scores the blind question sets as a new user would, with `ask --format json`.

    cargo build --release
    python3 tools/blind_scores.py [SET ...] [--bin PATH] [--rows FILE] [--failures]

Each set of tests/blind (all but the urgent*.toml triage sets, by default) is asked against a
copy of knowledge/ (its cases left out), with the leaflet of the same name from
tests/blind/docs added where there is one, and no synonym written for it. Prints, per set and
in total: answerable questions answered with a labelled passage, near misses and off-topic
questions refused, urgent messages triaged urgent, and the cross-document questions among the
answerable ones. --rows writes one JSON line per question (for comparing two engines:
diff the rows of two runs); --failures lists each miss. The same counts as tests/blind.rs,
whose floors hold them.
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REFUSALS = ("near-miss", "off-topic")


def folder(tmp, doc):
    """knowledge/ without its cases, plus tests/blind/docs/DOC.md if given; made once."""
    d = os.path.join(tmp, doc or "shipped")
    if not os.path.isdir(d):
        os.makedirs(d)
        for f in glob.glob(os.path.join(ROOT, "knowledge", "*")):
            if os.path.isfile(f):
                shutil.copy(f, d)
        if doc:
            shutil.copy(os.path.join(ROOT, "tests", "blind", "docs", doc + ".md"), d)
    return d


def ask(binary, knowledge, questions):
    lines = "".join(" ".join(q.splitlines()) + "\n" for q in questions)
    out = subprocess.run(
        [binary, "ask", "--format", "json", "--knowledge", knowledge],
        input=lines, capture_output=True, text=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines()]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("sets", nargs="*", help="set names (default: every non-triage set)")
    p.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "spider-vein-bot"))
    p.add_argument("--rows", help="write one JSON line per question here")
    p.add_argument("--failures", action="store_true", help="list each miss")
    args = p.parse_args()
    blind = os.path.join(ROOT, "tests", "blind")
    names = args.sets or sorted(
        os.path.basename(f)[:-5] for f in glob.glob(os.path.join(blind, "*.toml"))
        if not os.path.basename(f).startswith("urgent")
    )
    docs = {os.path.basename(f)[:-3] for f in glob.glob(os.path.join(blind, "docs", "*.md"))}
    rows_out = open(args.rows, "w") if args.rows else None
    total = {k: [0, 0] for k in ("answerable", "refused", "urgent", "cross")}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            cases = tomllib.load(open(os.path.join(blind, name + ".toml"), "rb")).get("case", [])
            kb = folder(tmp, name if name in docs else None)
            replies = ask(args.bin, kb, [c["question"] for c in cases])
            if len(replies) != len(cases):
                sys.exit(f"{name}: {len(cases)} questions, {len(replies)} replies")
            score = {k: [0, 0] for k in total}
            for c, r in zip(cases, replies):
                got = (r.get("passage") or {}).get("id")
                ok = r["kind"] == c["expect"] and (c["expect"] != "answer" or got in c.get("passages", []))
                cat = c.get("category", "")
                kind = ("answerable" if c["expect"] == "answer" else "urgent" if c["expect"] == "urgent"
                        else "refused" if cat in REFUSALS else None)
                for k in (kind, "cross" if cat == "cross-document" else None):
                    if k:
                        score[k][0] += ok
                        score[k][1] += 1
                if rows_out:
                    rows_out.write(json.dumps({"set": name, "question": c["question"], "expect": c["expect"],
                                               "category": cat, "kind": r["kind"], "passage": got, "ok": ok}) + "\n")
                if args.failures and not ok:
                    print(f"    {name}: {c['question']!r}: expected {c['expect']} {c.get('passages', '')}, got {r['kind']} {got or ''}")
            print(f"{name:42s} " + "  ".join(f"{k} {a}/{n}" for k, (a, n) in score.items()))
            for k in total:
                total[k][0] += score[k][0]
                total[k][1] += score[k][1]
    print("total " + "  ".join(f"{k} {a}/{n}" for k, (a, n) in total.items()))


if __name__ == "__main__":
    main()
