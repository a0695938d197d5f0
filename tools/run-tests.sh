#!/usr/bin/env bash
# Runs the whole suite offscreen. Where D-Bus is available the run happens inside its own
# session bus, so the Secret Service keyring tests have a real gnome-keyring to talk to.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  exec dbus-run-session -- .venv/bin/python -m pytest "$@"
fi
exec .venv/bin/python -m pytest "$@"
