#!/bin/sh
# Builds this tree's binary, records its CLI output (tools/cli_snapshot.sh) and compares it
# with a recording made earlier: `tools/cli_diff.sh BEFORE_DIR`. Exit status 1 on a difference.
set -eu
BEFORE=${1:?usage: tools/cli_diff.sh BEFORE_DIR}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cargo build --quiet --manifest-path "$ROOT/Cargo.toml"
mkdir -p "$WORK/bin"
cp "$ROOT/target/debug/spider-vein-bot" "$WORK/bin/spider-vein-bot"
"$ROOT/tools/cli_snapshot.sh" "$WORK/bin/spider-vein-bot" "$WORK/now"
diff -r "$BEFORE" "$WORK/now" && echo "CLI output identical ($(ls "$WORK/now" | wc -l) files)"
