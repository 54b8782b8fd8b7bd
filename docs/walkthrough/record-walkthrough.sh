#!/usr/bin/env bash
# Records the walkthrough: the real window on the demo workspace under Xvfb, driven by real X
# input events (xdotool: keys and mouse, as a user would), recorded with ffmpeg to WebM, then an
# animated GIF for the README.
#   docs/walkthrough/record-walkthrough.sh [BUILD_DIR]     (make walkthrough; about a minute)
# Writes docs/walkthrough/walkthrough.webm and walkthrough.gif. Runs with a throw-away HOME;
# your own settings and workspace are neither used nor changed.
set -euo pipefail

BUILD_DIR=$(cd "${1:-build}" && pwd)
OUT=$(cd "$(dirname "$0")" && pwd)
APP="$BUILD_DIR/bin/segment-builder"
SEGCTL="$BUILD_DIR/bin/segctl"
for f in "$APP" "$SEGCTL"; do
  [ -x "$f" ] || { echo "record-walkthrough: $f is missing; build it first" >&2; exit 1; }
done
for tool in Xvfb xdotool ffmpeg; do
  command -v "$tool" >/dev/null || { echo "record-walkthrough: $tool is missing (bash packaging/install-deps.sh docs)" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/sb-walkthrough.XXXXXX)
DISPLAY_NUMBER=${WALKTHROUGH_DISPLAY:-:87}
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share"
export XDG_RUNTIME_DIR="$WORK/runtime" LANG=C.UTF-8
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
WS="$XDG_DATA_HOME/SegmentBuilder/segment-builder/workspace.sqlite"
"$SEGCTL" demo --workspace "$WS" >/dev/null
# Weekend Hikers (Northwind Outdoor), as in the screenshots, with an experiment running for 45 days.
HIKERS=d727a2d2-e305-5d0b-aa87-b04eea854134
"$SEGCTL" experiments create --workspace "$WS" --segment "$HIKERS" --name "Trail banner" --key trail-banner \
  --arms control=50,banner=50 --holdout 10 --metric ctr --start "$(date -u -d '-45 days' +%F)" >/dev/null

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

W=1280 H=800
Xvfb "$DISPLAY_NUMBER" -screen 0 ${W}x${H}x24 -nolisten tcp >/dev/null 2>&1 &
PIDS+=($!)
export DISPLAY=$DISPLAY_NUMBER
for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done
unset QT_QPA_PLATFORM

"$APP" --workspace "$WS" --segment "$HIKERS" >"$WORK/app.log" 2>&1 &
PIDS+=($!)
WINDOW=$(xdotool search --sync --onlyvisible --name "Segment Builder" | head -1)
xdotool windowmove "$WINDOW" 0 0 windowsize "$WINDOW" $W $H windowfocus "$WINDOW"
sleep 3 # the first reach and charts

ffmpeg -loglevel error -y -f x11grab -framerate 15 -video_size ${W}x${H} -i "$DISPLAY_NUMBER" \
  -c:v libvpx-vp9 -crf 38 -b:v 0 -row-mt 1 -deadline realtime -cpu-used 8 "$WORK/walkthrough.webm" &
FFMPEG=$!
PIDS+=($FFMPEG)
sleep 1

pause() { sleep "${1:-1.2}"; }
move() { xdotool mousemove --sync "$1" "$2"; }
click() { move "$1" "$2"; pause 0.3; xdotool click 1; }
key() { xdotool key --clearmodifiers "$@"; }
typeslow() { xdotool type --delay 90 "$1"; }

# The list's rows (Northwind Outdoor has five; Weekend Hikers is the last).
ROW_Y=(162 190 218 246 274)
LIST_X=120
# 1. The segment list and the form: move through the advertiser's segments with the keyboard.
click $LIST_X ${ROW_Y[4]}; pause
for _ in 1 2; do key Up; pause 1.1; done
for _ in 1 2; do key Down; pause 0.5; done
pause
# 2. Edit: the description changes as you type, Save lights up; undo it.
click 740 257; key End; typeslow " Spring trails push."; pause 1.5
for _ in 1 2 3 4; do key ctrl+z; pause 0.2; done
pause
# 3. Detail: KPIs with intervals, the daily chart; zoom in with the wheel, and out again.
key ctrl+2; pause 2.5
move 700 680; pause 0.4
for _ in 1 2 3; do xdotool click 4; pause 0.5; done
pause 1.2
for _ in 1 2 3; do xdotool click 5; pause 0.4; done
pause 1
# 4. Compare: three segments side by side (shift-select in the list, Compare selected).
click $LIST_X ${ROW_Y[4]}; key shift+Up shift+Up; pause 0.8
key ctrl+shift+c; pause 3.5
move 700 600; xdotool click 5 click 5 click 5; pause 2
# 5. Activate and Experiments of Weekend Hikers (the comparison has its own chooser in place of
# the list; the Activate tab brings the list back).
key ctrl+4; pause 1
click $LIST_X ${ROW_Y[4]}; pause 3
key ctrl+5; pause 4
# 6. Back to the form.
key ctrl+1; pause 2

kill -INT "$FFMPEG"; wait "$FFMPEG" 2>/dev/null || true
cp "$WORK/walkthrough.webm" "$OUT/walkthrough.webm"
ffmpeg -loglevel error -y -i "$WORK/walkthrough.webm" \
  -vf "fps=7,scale=960:-1:flags=lanczos,split[a][b];[a]palettegen=max_colors=96:stats_mode=diff[p];[b][p]paletteuse=dither=bayer:bayer_scale=4:diff_mode=rectangle" \
  "$OUT/walkthrough.gif"
ls -l "$OUT/walkthrough.webm" "$OUT/walkthrough.gif"
