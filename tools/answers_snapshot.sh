#!/usr/bin/env bash
# Every reply the bot gives to every question we have, to diff before and after a change that
# must not change behaviour (a refactor, a speed-up).
#
#   tools/answers_snapshot.sh OUT_DIR [BINARY]
#
# Asks every question of tests/cases/*.toml and tests/blind/*.toml (`ask --format json`, one
# question a line on stdin) on the shipped knowledge/ and on a copy with the three documents
# of tests/blind/docs/ added, and writes OUT_DIR/shipped.jsonl and OUT_DIR/with-docs.jsonl.
# Then: diff -r before/ after/ (any difference is a change of behaviour).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: $0 OUT_DIR [BINARY]}"
bin="${2:-$root/target/debug/spider-vein-bot}"
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# One question a line. A question spanning lines (only whitespace ones do) is asked as one line.
python3 - "$root" >"$tmp/questions.txt" <<'PY'
import glob, sys, tomllib
root = sys.argv[1]
files = sorted(glob.glob(f"{root}/tests/cases/*.toml") + glob.glob(f"{root}/tests/blind/*.toml"))
for f in files:
    with open(f, "rb") as fh:
        data = tomllib.load(fh)
    for case in data.get("case", []):
        print(" ".join(case["question"].splitlines()))
    for message in data.get("message", []):
        print(" ".join(message["text"].splitlines()))
PY

cp -r "$root/knowledge" "$tmp/with-docs"
cp "$root"/tests/blind/docs/*.md "$tmp/with-docs/"

# ask exits 1 when a line is bad; the replies are what we compare.
"$bin" ask --format json --knowledge "$root/knowledge" <"$tmp/questions.txt" >"$out/shipped.jsonl" || true
"$bin" ask --format json --knowledge "$tmp/with-docs" <"$tmp/questions.txt" >"$out/with-docs.jsonl" || true
wc -l "$tmp/questions.txt" "$out/shipped.jsonl" "$out/with-docs.jsonl"
