#!/usr/bin/env bash
# Start-up benchmark: process start to the main window's first painted frame, and to the segment
# list being filled, on the demo workspace (issue target: first paint <= 300 ms).
#
#   tests/bench/startup_bench.sh [BUILD_DIR] [RUNS]      (defaults: build, 15)
#
# The demo workspace is created once with segctl (in $SB_BENCH_DIR, default
# ${TMPDIR:-/tmp}/sb-startup-bench) and reused. Each run is a fresh process under its own Xvfb
# (xvfb-run -a) with `segment-builder --startup-probe`, which prints first-paint-ms and
# list-ready-ms measured from exec (see app/gui/startup_probe.h). Settings and logs go to a
# private HOME so the user's window state does not change the figures.
set -euo pipefail

BUILD_DIR=${1:-build}
RUNS=${2:-15}
APP="$BUILD_DIR/bin/segment-builder"
SEGCTL="$BUILD_DIR/bin/segctl"
WORK=${SB_BENCH_DIR:-${TMPDIR:-/tmp}/sb-startup-bench}
WS="$WORK/ws.sqlite"

for tool in "$APP" "$SEGCTL"; do
  [ -x "$tool" ] || { echo "startup_bench: $tool is missing; build it first" >&2; exit 1; }
done
if ! command -v xvfb-run >/dev/null; then
  echo "startup_bench: xvfb-run is missing (apt-get install xvfb xauth)" >&2
  exit 1
fi

mkdir -p "$WORK/home"
if [ ! -f "$WS" ]; then
  echo "startup_bench: creating the demo workspace at $WS"
  "$SEGCTL" demo --workspace "$WS" >/dev/null
fi

export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/config" XDG_DATA_HOME="$WORK/home/data"
export XDG_RUNTIME_DIR="$WORK/home/runtime"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset QT_QPA_PLATFORM

paint=() list=() cpu=()
for ((i = 1; i <= RUNS; i++)); do
  if ! out=$(xvfb-run -a -s "-screen 0 1920x1080x24" "$APP" --workspace "$WS" --startup-probe 2>"$WORK/stderr.txt"); then
    echo "startup_bench: run $i failed:" >&2
    cat "$WORK/stderr.txt" >&2
    exit 3
  fi
  p=$(awk '$1 == "first-paint-ms" {print $2}' <<<"$out")
  l=$(awk '$1 == "list-ready-ms" {print $2}' <<<"$out")
  c=$(awk '$1 == "first-paint-gui-cpu-ms" {print $2}' <<<"$out")
  [ -n "$p" ] && [ -n "$l" ] || { echo "startup_bench: run $i printed no figures: $out" >&2; exit 3; }
  paint+=("$p") list+=("$l") cpu+=("${c:-0}")
done

# median and p95 (nearest rank) of the arguments
stats() {
  printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1}
    END {
      median = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      r = int(0.95 * NR + 0.999999); if (r < 1) r = 1; if (r > NR) r = NR
      printf "median %g ms, p95 %g ms (min %g, max %g)", median, v[r], v[1], v[NR]
    }'
}

echo "== startup ($RUNS runs, demo workspace, Xvfb, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
echo "first paint: $(stats "${paint[@]}")"
echo "list ready:  $(stats "${list[@]}")"
# CPU the GUI thread used until the first frame: what a busy machine stretches the least.
echo "GUI thread CPU to first paint: $(stats "${cpu[@]}")"
echo "first paint runs: ${paint[*]}"
echo "list ready runs:  ${list[*]}"
