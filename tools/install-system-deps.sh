#!/usr/bin/env bash
# System packages the tests need: Qt's xcb libraries, Xvfb, D-Bus and gnome-keyring (for the
# Secret Service keyring tests), Chromium (report tests), AppStream (package checks), and for the
# accessibility tests a window manager (openbox), key presses through X (xdotool), xprop, the
# AT-SPI accessibility bus (at-spi2-core) and a screen reader's view of it (python3-pyatspi).
# Installs only when running as root with apt-get; otherwise says what is missing and goes on.
set -euo pipefail
packages=(libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
          libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1 libfontconfig1
          libdbus-1-3 fonts-dejavu-core xvfb xauth dbus dbus-x11 gnome-keyring chromium appstream
          openbox xdotool x11-utils at-spi2-core python3-pyatspi)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Not root or no apt-get: these system packages are missing (some tests will be skipped): ${missing[*]}" >&2
fi
