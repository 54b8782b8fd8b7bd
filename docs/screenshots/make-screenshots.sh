#!/usr/bin/env bash
# Regenerates the README screenshots from the real app on the demo workspace, under Xvfb.
#   docs/screenshots/make-screenshots.sh [BUILD_DIR]        (default: build)
# main-window.png, segment-list.png, detail.png, compare.png and forecasts.png: `segment-builder
# --screenshot` (--view detail|compare|forecasts, detail with --forecast); validation.png needs
# typed input and compare-forecast.png shows the comparison's charts below the fold, so disabled
# UI tests render them on the same workspace (nothing is saved); import-events.png (the box after
# File ▸ Import Events…) is rendered on a throw-away copy of a small demo workspace; experiments.png
# (an experiment created on a copy of the workspace) and new-experiment.png (the dialog, typed in)
# come from the same disabled tests, as does access.png (the Access dialog, tests/ui/access_ui_test.cpp);
# reports.png and report-page-{1,2}.png from report_tests.
# history.png too (View ▸ History after two edits on a copy of the workspace; `segment-builder
# --view history --segment ID` renders the same dialog).
# Runs with a throw-away HOME (the status bar shows the usual ~/.local/share/… workspace path);
# your own settings are neither used nor changed.
set -euo pipefail

BUILD_DIR=${1:-build}
OUT=$(cd "$(dirname "$0")" && pwd)
APP="$BUILD_DIR/bin/segment-builder"
SEGCTL="$BUILD_DIR/bin/segctl"
TESTS="$BUILD_DIR/tests/ui_tests"
for f in "$APP" "$SEGCTL" "$TESTS"; do
  [ -x "$f" ] || { echo "make-screenshots: $f is missing; build it first" >&2; exit 1; }
done

HOME_DIR=$(mktemp -d /tmp/sb-screenshots.XXXXXX)
trap 'rm -rf "$HOME_DIR"' EXIT
export HOME="$HOME_DIR" XDG_CONFIG_HOME="$HOME_DIR/.config" XDG_DATA_HOME="$HOME_DIR/.local/share"
export XDG_RUNTIME_DIR="$HOME_DIR/runtime" LANG=C.UTF-8
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
WS="$XDG_DATA_HOME/SegmentBuilder/segment-builder/workspace.sqlite"
"$SEGCTL" demo --workspace "$WS" >/dev/null

xvfb() { xvfb-run -a -s "-screen 0 1600x1000x24" "$@"; }
unset QT_QPA_PLATFORM
# Weekend Hikers (Northwind Outdoor): three conditions, so the waterfall has something to show.
xvfb "$APP" --workspace "$WS" --segment d727a2d2-e305-5d0b-aa87-b04eea854134 \
  --screenshot "$OUT/main-window.png" >/dev/null
xvfb "$APP" --workspace "$WS" --advertiser adv-pixel --view list --screenshot "$OUT/segment-list.png" >/dev/null
# Its delivery (detail), and three Northwind segments compared: Weekend Hikers, Lapsed Campers and
# Outdoor Gift Buyers differ in most fields, share travel fans, and the gift buyers click far more.
xvfb "$APP" --workspace "$WS" --view detail --segment d727a2d2-e305-5d0b-aa87-b04eea854134 --forecast \
  --screenshot "$OUT/detail.png" >/dev/null
xvfb "$APP" --workspace "$WS" --view compare \
  --segments d727a2d2-e305-5d0b-aa87-b04eea854134,e51bbb6d-210a-5622-9e1c-c787cb7d9d61,ec4075b8-4cfe-5c3c-9173-bb6a76c47533 \
  --screenshot "$OUT/compare.png" >/dev/null
# The Activate tab of Weekend Hikers with a Google Ads destination (credentials from the
# environment, so nothing reaches a keychain), and the whole window in the dark theme.
SEGCTL_GOOGLE_CLIENT_ID=demo SEGCTL_GOOGLE_CLIENT_SECRET=demo SEGCTL_GOOGLE_REFRESH_TOKEN=demo \
  "$SEGCTL" destinations add google "Northwind Google Ads" --account 123-456-7890 --credentials-from-env >/dev/null
xvfb "$APP" --workspace "$WS" --view activate --segment d727a2d2-e305-5d0b-aa87-b04eea854134 \
  --screenshot "$OUT/activate.png" >/dev/null
xvfb "$APP" --workspace "$WS" --theme dark --view compare \
  --segments d727a2d2-e305-5d0b-aa87-b04eea854134,e51bbb6d-210a-5622-9e1c-c787cb7d9d61,ec4075b8-4cfe-5c3c-9173-bb6a76c47533 \
  --screenshot "$OUT/compare-dark.png" >/dev/null
# A 1280×800 laptop: the detail view wraps its cards and range bar instead of cutting them.
xvfb-run -a -s "-screen 0 1280x800x24" "$APP" --workspace "$WS" --view detail \
  --segment d727a2d2-e305-5d0b-aa87-b04eea854134 --screenshot "$OUT/detail-1280x800.png" >/dev/null
# Every segment forecast (View ▸ Forecast All Segments, all advertisers, with backtests).
xvfb "$APP" --workspace "$WS" --view forecasts --screenshot "$OUT/forecasts.png" >/dev/null
SB_SCREENSHOT_WORKSPACE="$WS" SB_SCREENSHOT_DIR="$OUT" QT_QPA_PLATFORM=offscreen "$TESTS" \
  --gtest_also_run_disabled_tests --gtest_filter='DocsScreenshots.*' >/dev/null 2>&1
# The connection dialog and the window on PostgreSQL (a private server the test starts).
SB_SCREENSHOT_DIR="$OUT" QT_QPA_PLATFORM=offscreen "$BUILD_DIR/tests/ui_databricks_tests" \
  --gtest_also_run_disabled_tests --gtest_filter='PostgresWindowTest.DISABLED_Screenshots*' >/dev/null 2>&1
# File ▸ Reports… with a weekly report previewed, and the first two pages of its PDF (pdftoppm).
SB_SCREENSHOT_WORKSPACE="$WS" SB_SCREENSHOT_DIR="$OUT" QT_QPA_PLATFORM=offscreen "$BUILD_DIR/tests/report_tests" \
  --gtest_also_run_disabled_tests --gtest_filter='DocsScreenshots.DISABLED_ReportsDialog*' >/dev/null 2>&1
ls -l "$OUT"/*.png
