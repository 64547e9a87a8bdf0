#!/usr/bin/env bash
# The Debian/Ubuntu packages `npm test` needs, installed if missing (run by `npm test` itself, so a fresh machine
# needs nothing by hand). It names what it installs, uses sudo when not root, and does nothing when all are present.
#   a C/C++ toolchain for the native modules built from source (drivelist; keytar, which also needs
#   libsecret-1-dev: without it npm skips keytar, an optional dependency, and build/ensure-keytar.js builds it
#   once the headers are here); Chromium for browser tests; libsecret + gnome-keyring + D-Bus for the
#   keychain tests; CUPS + cups-pdf for printing; poppler and zbar for reading labels; e2fsprogs, ntfs-3g,
#   exfat-fuse, dmsetup and xfsprogs for the device tests; python3-boto3 for the stock-client tests.
set -euo pipefail
PACKAGES=(
  build-essential python3 pkg-config
  libsecret-1-0 libsecret-1-dev libudev-dev gnome-keyring dbus dbus-x11
  cups cups-client cups-bsd printer-driver-cups-pdf
  chromium poppler-utils zbar-tools python3-boto3
  util-linux e2fsprogs ntfs-3g exfat-fuse xvfb
  dmsetup xfsprogs
)
if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: not a Debian/Ubuntu system (no dpkg/apt-get); install the equivalents of:" >&2
  echo "  ${PACKAGES[*]}" >&2
  echo "install-system-deps: tests whose prerequisite is missing skip with the reason." >&2
  exit 0
fi
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-system-deps: all ${#PACKAGES[@]} system packages the tests use are installed."
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-system-deps: these packages are missing and this is not root and there is no sudo:" >&2
    echo "  ${missing[*]}" >&2
    echo "install-system-deps: install them as root (apt-get install ${missing[*]}), then run npm test again." >&2
    exit 1
  fi
  SUDO="sudo"
fi
echo "install-system-deps: installing ${#missing[@]} package(s) the tests need${SUDO:+ (with sudo)}: ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
