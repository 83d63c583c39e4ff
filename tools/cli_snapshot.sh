#!/bin/sh
# Records the command line's output over tests/cases, so a refactoring can be checked to
# change nothing a user sees: `tools/cli_snapshot.sh BIN OUT_DIR`, then `diff -r` two runs.
# Covers eval on each case file, ask (text and JSON) and passages on each case's question,
# check (text and JSON), passages with no query, and --help of every subcommand. Each output
# file ends with the command's exit status.
set -u
BIN=${1:?usage: tools/cli_snapshot.sh BIN OUT_DIR}
OUT=${2:?usage: tools/cli_snapshot.sh BIN OUT_DIR}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KNOWLEDGE=knowledge
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
cd "$ROOT" || exit 1
unset KNOWLEDGE_DIR LOG_UNANSWERED HEALTH_ADDR WEBHOOK_URL LISTEN_ADDR ADMIN_IDS STATE_DIR WEBHOOK_SECRET
export RUST_LOG=off

run() { # run NAME ARGS... : stdout, stderr and the exit status into OUT/NAME
    name=$1
    shift
    "$BIN" "$@" >"$OUT/$name" 2>"$OUT/$name.err" </dev/null
    echo "exit $?" >>"$OUT/$name"
}

run check check --knowledge "$KNOWLEDGE"
run check-json check --knowledge "$KNOWLEDGE" --json
run passages-list passages --knowledge "$KNOWLEDGE"
run help --help
for sub in chat ask check eval passages report telegram healthcheck; do
    run "help-$sub" "$sub" --help
done
run eval-all eval --knowledge "$KNOWLEDGE" tests/cases knowledge/cases
for file in tests/cases/*.toml knowledge/cases/*.toml; do
    base=$(basename "$file" .toml)
    run "eval-$base" eval --knowledge "$KNOWLEDGE" "$file"
    # Every question of the file, one a line (TOML basic strings decoded by Python).
    python3 -c '
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    data = tomllib.load(f)
for case in data.get("case", []):
    print(case["question"].replace("\n", " "))
' "$file" >"$OUT/questions-$base"
    "$BIN" ask --knowledge "$KNOWLEDGE" <"$OUT/questions-$base" >"$OUT/ask-$base" 2>&1
    echo "exit $?" >>"$OUT/ask-$base"
    "$BIN" ask --knowledge "$KNOWLEDGE" --format json <"$OUT/questions-$base" >"$OUT/ask-json-$base" 2>&1
    echo "exit $?" >>"$OUT/ask-json-$base"
    : >"$OUT/passages-$base"
    while IFS= read -r question; do
        "$BIN" passages --knowledge "$KNOWLEDGE" "$question" >>"$OUT/passages-$base" 2>&1
        echo "exit $?" >>"$OUT/passages-$base"
    done <"$OUT/questions-$base"
done
