#!/usr/bin/env bash
# Runs every benchmark and prints the figures quoted in closing notes.
set -euo pipefail
BUILD_DIR=${1:-build}
for bench in "$BUILD_DIR"/bin/*_bench; do
  echo "== $(basename "$bench")"
  "$bench" --benchmark_counters_tabular=true
done
bash "$(dirname "$0")/startup_bench.sh" "$BUILD_DIR"
