#!/usr/bin/env bash
# A report scheduled on this computer runs from its systemd user timer, with the app closed, and
# writes its PDF (issue 15). Real parts only: a systemd user manager of its own (HOME, config and
# runtime folders in a temporary folder, so nothing of the machine's user is touched), the units
# `segctl reports schedule` writes, and the timer firing at its calendar time.
#
#   tests/system/report_timer_test.sh BIN_DIR
#
# Exit 0: the timer fired and the PDF is there; 1: it did not (what systemd said is printed);
# 77: no systemd user manager can run here (the reason is printed; ctest reports it as skipped).
set -euo pipefail

bin=${1:?usage: report_timer_test.sh BIN_DIR}
segctl="$(cd "$bin" && pwd)/segctl"
systemd_bin=/lib/systemd/systemd
skip() { echo "SKIPPED: $*"; exit 77; }

[ -x "$systemd_bin" ] || skip "systemd is not installed ($systemd_bin)"
command -v systemctl >/dev/null || skip "systemctl is not installed"

# systemd --user refuses to start unless the machine was booted with systemd, which it tells by
# /run/systemd/system. In a container whose PID 1 is not systemd (CI, this workplace), root may
# create that marker for the length of the test; it is removed again if this test made it.
made_marker=
if [ ! -d /run/systemd/system ]; then
  [ "$(id -u)" = 0 ] || skip "PID 1 is not systemd and only root may stand in for it (/run/systemd/system)"
  mkdir -p /run/systemd/system && made_marker=1
fi

tmp=$(mktemp -d)
manager_pid=
cleanup() {
  if [ -n "$manager_pid" ]; then kill "$manager_pid" 2>/dev/null || true; wait "$manager_pid" 2>/dev/null || true; fi
  [ -n "$made_marker" ] && rmdir /run/systemd/system 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share" \
  XDG_STATE_HOME="$tmp/home/.local/state" XDG_RUNTIME_DIR="$tmp/run" QT_QPA_PLATFORM=offscreen
unset DBUS_SESSION_BUS_ADDRESS
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

"$systemd_bin" --user >"$tmp/manager.log" 2>&1 &
manager_pid=$!
state=
for _ in $(seq 1 50); do
  state=$(systemctl --user is-system-running 2>/dev/null || true)
  case "$state" in running|degraded) break ;; esac
  kill -0 "$manager_pid" 2>/dev/null || break
  sleep 0.2
done
case "$state" in
  running|degraded) ;;
  *) cat "$tmp/manager.log" >&2 || true; skip "the systemd user manager did not start (state: ${state:-none})" ;;
esac
echo "systemd user manager $(systemctl --user --version | head -1 | awk '{print $2}') is $state"

ws="$tmp/workspace.sqlite"
out="$tmp/reports"
"$segctl" --workspace "$ws" demo --users 2000 --days 40 >/dev/null
"$segctl" --workspace "$ws" reports create timer-check --advertiser adv-northwind --days 14 \
  --formats pdf --output "$out" >/dev/null

# The next whole minute at least 20 s away, in this computer's time zone, as the schedule takes it.
target=$(( ( $(date +%s) + 20 + 59 ) / 60 * 60 ))
day=$(date -d "@$target" +%a)
at=$(date -d "@$target" +%H:%M)
"$segctl" --workspace "$ws" reports schedule timer-check --weekly "$day" --time "$at"
timer=segment-report-timer-check.timer
systemctl --user is-enabled "$timer" >/dev/null || { echo "FAILED: $timer is not enabled" >&2; exit 1; }
systemctl --user is-active "$timer" >/dev/null || { echo "FAILED: $timer is not active" >&2; exit 1; }
echo "scheduled every $day at $at: next elapse $(systemctl --user show "$timer" -p NextElapseUSecRealtime --value)"
[ -z "$(ls -A "$out" 2>/dev/null)" ] || { echo "FAILED: files before the timer fired: $(ls "$out")" >&2; exit 1; }

# systemd's default accuracy lets a timer fire up to a minute after its time.
deadline=$(( target + 100 ))
pdf=
while [ "$(date +%s)" -lt "$deadline" ]; do
  pdf=$(find "$out" -name '*.pdf' -size +1k 2>/dev/null | head -1 || true)
  if [ -n "$pdf" ] && [ "$(systemctl --user show segment-report-timer-check.service -p ActiveState --value)" != activating ]; then
    break
  fi
  pdf=
  sleep 2
done
service=segment-report-timer-check.service
if [ -z "$pdf" ]; then
  echo "FAILED: no PDF in $out by $(date -d "@$deadline" +%T)" >&2
  systemctl --user status "$timer" "$service" --no-pager >&2 || true
  exit 1
fi
fired_at=$(date +%T)
result=$(systemctl --user show "$service" -p Result --value)
status=$(systemctl --user show "$service" -p ExecMainStatus --value)
triggered=$(systemctl --user show "$timer" -p LastTriggerUSec --value)
[ "$result" = success ] && [ "$status" = 0 ] || { echo "FAILED: the service ended $result (exit $status)" >&2; exit 1; }
[ -n "$triggered" ] && [ "$triggered" != n/a ] || { echo "FAILED: the timer never triggered, yet a PDF is there" >&2; exit 1; }
head -c 5 "$pdf" | grep -q '%PDF-' || { echo "FAILED: $pdf is not a PDF" >&2; exit 1; }
if command -v pdftotext >/dev/null; then
  text=$(pdftotext "$pdf" -)
  grep -q "Northwind" <<<"$text" || { echo "FAILED: the PDF does not name its advertiser" >&2; exit 1; }
fi
echo "the timer fired at $triggered; the service ended $result; $(basename "$pdf") ($(stat -c %s "$pdf") bytes) found at $fired_at"

"$segctl" --workspace "$ws" reports unschedule timer-check >/dev/null
if systemctl --user cat "$timer" >/dev/null 2>&1; then echo "FAILED: $timer is still known after unschedule" >&2; exit 1; fi
echo "unscheduled: the timer is gone"
