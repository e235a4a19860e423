#!/usr/bin/env bash
# End-to-end keystroke latency over stdio (issue 5): builds the release binary,
# then for each size opens a generated contract and types one character at a
# time in its middle, timing didChange -> publishDiagnostics. Run by hand (not
# in CI): scripts/bench_lsp.sh [SIZES...]   (default: 10000 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/clausewise"
sizes=("${@:-10000 100000 1000000}")
out="${TMPDIR:-/tmp}/clausewise-lsp-latency"
mkdir -p "$out"
for size in ${sizes[@]}; do
  python3 scripts/lsp_latency.py --size "$size" --edits 60 --burst 20 --json-out "$out/$size.json" -- "$bin"
done
echo "raw results in $out" >&2
