#!/bin/sh
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring secret service, so keytar
# (libsecret) has a real keychain to talk to on headless machines and in CI. Usage:
#   build/with-keyring.sh npx vitest run test/unit/credentials
# The keyring lives in a throwaway directory (never the user's own login keyring) and is removed afterwards.
set -eu
if [ "$#" -eq 0 ]; then
  echo "usage: build/with-keyring.sh COMMAND [ARGS...]" >&2
  exit 2
fi
if [ -n "${DOCKHAND_KEYRING_ACTIVE:-}" ]; then
  exec "$@"
fi
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring: $tool is not installed (apt-get install -y dbus gnome-keyring libsecret-1-0); running without a keychain" >&2
    exec "$@"
  fi
done
KEYRING_HOME=$(mktemp -d "${TMPDIR:-/tmp}/dockhand-keyring.XXXXXX")
trap 'rm -rf "$KEYRING_HOME"' EXIT INT TERM
export KEYRING_HOME
# The password only protects this throwaway keyring; it is not a secret. XDG_DATA_HOME is changed for the
# daemon alone (the keyring files go there), so the command still sees the caller's XDG_DATA_HOME.
# dbus-daemon may warn that it cannot raise its fd limit; that line is harmless.
status=0
dbus-run-session -- sh -c '
  echo -n dockhand-test | XDG_DATA_HOME="$KEYRING_HOME" gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  DOCKHAND_KEYRING_ACTIVE=1 exec "$@"' with-keyring "$@" || status=$?
exit "$status"
