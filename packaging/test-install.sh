#!/usr/bin/env bash
# The clean-root install test (`make package-test`): installs the .deb `make package` built into a
# fresh Debian 12 root made by debootstrap (no container), with `apt-get install ./file.deb` so apt
# resolves the Depends, then starts both binaries there: `segctl --version`, a demo workspace and
# its segment list, and the app's --screenshot under Xvfb. Also validates the installed desktop
# entry and AppStream metadata. Needs root (chroot, mounts) and Debian's mirror.
#   packaging/test-install.sh [BUILD_DIR]
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
deb=$(ls -t "$build"/segment-builder_*_amd64.deb 2>/dev/null | head -1 || true)
[ -n "$deb" ] || { echo "test-install: no package in $build — run make package first" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "test-install: needs root (debootstrap, chroot)" >&2; exit 1; }
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache_dir=${XDG_CACHE_HOME:-$HOME/.cache}/segment-builder
base="$cache_dir/bookworm-minbase.tgz"
root=$(mktemp -d /var/tmp/sb-clean-root.XXXXXX)
started=$(date +%s)

cleanup() {
  for m in dev/pts dev proc sys; do umount -l "$root/$m" 2>/dev/null || true; done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT

step() { printf '\n== %s (%ss)\n' "$*" "$(( $(date +%s) - started ))"; }

mkdir -p "$cache_dir"
if [ ! -s "$base" ]; then
  step "debootstrap: downloading a minimal Debian 12 (kept in $base)"
  debootstrap --variant=minbase --make-tarball="$base.part" bookworm "$root/tarball" "$mirror" >/dev/null
  mv "$base.part" "$base"
  rm -rf "$root/tarball"
fi
step "debootstrap: a clean Debian 12 root in $root"
debootstrap --variant=minbase --unpack-tarball="$base" bookworm "$root" "$mirror" >/dev/null

mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
cp /etc/resolv.conf "$root/etc/resolv.conf"
echo "deb $mirror bookworm main" > "$root/etc/apt/sources.list"
cp "$deb" "$root/tmp/"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

step "apt-get install ./$(basename "$deb") (Depends resolved by apt)"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  "./tmp/$(basename "$deb")" xvfb xauth fonts-dejavu-core >/dev/null

step "segctl in the clean root"
in_root segctl --version
in_root segctl demo --workspace /root/demo.sqlite >/dev/null
count=$(in_root segctl segments list --workspace /root/demo.sqlite | wc -l)
[ "$count" -gt 3 ] || { echo "test-install: segctl segments list printed $count lines" >&2; exit 1; }
echo "segctl segments list: $count lines"
in_root man -w segctl >/dev/null 2>&1 || test -f "$root/usr/share/man/man1/segctl.1.gz"

step "segment-builder --screenshot under Xvfb in the clean root"
in_root xvfb-run -a -s "-screen 0 1280x800x24" segment-builder --workspace /root/demo.sqlite --screenshot /root/shot.png
size=$(stat -c %s "$root/root/shot.png")
[ "$size" -gt 20000 ] || { echo "test-install: the screenshot is only $size bytes" >&2; exit 1; }
cp "$root/root/shot.png" "$build/clean-root-screenshot.png"
echo "screenshot: $size bytes → $build/clean-root-screenshot.png"

step "desktop entry and AppStream metadata as installed"
desktop-file-validate "$root"/usr/share/applications/*.desktop
appstreamcli validate --no-net "$root"/usr/share/metainfo/*.metainfo.xml
test -s "$root/usr/share/icons/hicolor/256x256/apps/io.github.segmentbuilder.SegmentBuilder.png"

step "passed: $(basename "$deb") installs and runs on a clean Debian 12"
