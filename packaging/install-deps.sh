#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build, run and test Segment Builder (and, with the
# group "docs", to build the documentation).
# Idempotent: does nothing when every package is already installed.
# Uses sudo when not run as root.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake pkg-config git ccache
  # Qt 6: Widgets/Network/Sql/Concurrent, Charts (needs OpenGL dev headers), Svg, HttpServer (needs WebSockets)
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev libgl-dev
  qt6-charts-dev qt6-svg-dev qt6-httpserver-dev qt6-websockets-dev
  libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins
  # the system SQLite the QSQLITE driver loads (the pipeline installs SQL functions on it)
  libsqlite3-dev
  qtkeychain-qt6-dev
  # fuzzing (make fuzz): clang with libFuzzer and the sanitizer runtimes
  clang libclang-rt-14-dev
  # logging and tests
  libspdlog-dev libfmt-dev googletest libgtest-dev libgmock-dev libbenchmark-dev
  # real X server for screenshots and UI runs; fonts so text renders
  xvfb xauth fonts-dejavu-core
  # PostgreSQL server for the Lakebase backend tests
  postgresql
  # libpq: the PostgreSQL backend (Lakebase) talks to the server through it, every value a protocol parameter
  libpq-dev
  # audience files (core/activation): phone numbers to E.164 (brings libprotobuf-dev), SHA-256 from OpenSSL
  libphonenumber-dev libssl-dev
  # the package: segctl's man page from its --help, validators of the desktop entry and AppStream
  # metadata, dpkg-shlibdeps for the Depends, debootstrap for the clean-root install test
  help2man desktop-file-utils appstream dpkg-dev debootstrap
  # report tests: pdftotext/pdfinfo read the rendered PDFs' pages and text back; systemd for the
  # report timer (systemd-analyze verify, and a user manager of the test's own firing the timer)
  poppler-utils systemd
)

# Optional groups, named as arguments: `install-deps.sh docs` (make docs, make walkthrough).
for group in "$@"; do
  case "$group" in
    # the API reference of core (Doxygen); the walkthrough: X screen recording to WebM and GIF, and
    # the scripted clicks
    docs) PACKAGES+=(doxygen graphviz ffmpeg xdotool) ;;
    *) echo "install-deps: unknown group '$group' (known: docs)" >&2; exit 1 ;;
  esac
done

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

echo "install-deps: installing ${#missing[@]} missing package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
