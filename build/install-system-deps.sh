#!/usr/bin/env bash
# System packages the tests use: Chromium for browser tests, libsecret + gnome-keyring for the keychain,
# CUPS + cups-pdf for printing, poppler for reading PDFs, e2fsprogs/ntfs-3g/exfat-fuse for test devices,
# dmsetup and xfsprogs' xfs_io to pull a drive in the middle of a copy,
# python3-boto3 for the stock-client tests (boto3 against the embedded endpoint), and a compiler toolchain
# for the native modules (better-sqlite3, drivelist, keytar).
set -euo pipefail
PACKAGES=(
  build-essential python3 pkg-config
  libsecret-1-dev libudev-dev gnome-keyring dbus dbus-x11
  cups cups-client cups-bsd printer-driver-cups-pdf
  chromium poppler-utils zbar-tools python3-boto3
  util-linux e2fsprogs ntfs-3g exfat-fuse xvfb
  dmsetup xfsprogs
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
