#!/usr/bin/env bash
# `make package`: build the Linux one-folder bundle with PyInstaller, wrap it in a .deb, check
# the metadata, then smoke-test both the bundle and the bundle as the .deb installs it.
# Output: dist/socialsafe/ (the bundle) and dist/socialsafe_<version>_<arch>.deb
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
PY=${PYTHON:-.venv/bin/python}
PYINSTALLER_SPEC='pyinstaller>=6.10,<7'

VERSION=$($PY -c 'import socialsafe_desktop as s; print(s.__version__)')
ARCH=$(dpkg --print-architecture 2>/dev/null || echo amd64)
APP_ID=org.socialsafe.SocialSafe
echo "== SocialSafe $VERSION ($ARCH)"

if ! $PY -m PyInstaller --version >/dev/null 2>&1; then
  echo "== installing $PYINSTALLER_SPEC"
  $PY -m pip install --quiet "$PYINSTALLER_SPEC"
fi

echo "== PyInstaller bundle"
rm -rf dist/socialsafe build/pyinstaller
$PY -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/socialsafe.spec
BUNDLE=dist/socialsafe
test -x "$BUNDLE/socialsafe"
ICU_LIB=$(find "$BUNDLE" -name 'libicudata.so.*' -type f | head -n 1)
# About 9 MB when the spec could trim ICU's data to English (packaging/linux/icu_trim.py), else 32 MB.
echo "bundle: $(du -sh "$BUNDLE" | cut -f1) (ICU data: $([ -n "$ICU_LIB" ] && du -h "$ICU_LIB" | cut -f1 || echo none))"

echo "== .deb"
STAGE=build/deb/socialsafe
rm -rf build/deb
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/metainfo" "$STAGE/usr/share/doc/socialsafe" "$STAGE/usr/share/icons/hicolor/scalable/apps"
cp -a "$BUNDLE" "$STAGE/opt/socialsafe"
ln -s /opt/socialsafe/socialsafe "$STAGE/usr/bin/socialsafe"
install -m 644 packaging/linux/socialsafe.desktop "$STAGE/usr/share/applications/socialsafe.desktop"
install -m 644 "packaging/linux/$APP_ID.metainfo.xml" "$STAGE/usr/share/metainfo/$APP_ID.metainfo.xml"
install -m 644 resources/icons/socialsafe.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/socialsafe.svg"
for size in 48 128 256 512; do
  mkdir -p "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps"
  install -m 644 "resources/icons/socialsafe-$size.png" "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/socialsafe.png"
done
install -m 644 packaging/policy.example.toml "$STAGE/usr/share/doc/socialsafe/policy.example.toml"
install -m 644 packaging/README.md "$STAGE/usr/share/doc/socialsafe/DEPLOYMENT.md"
cat > "$STAGE/usr/share/doc/socialsafe/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: SocialSafe
Files: *
License: GPL-3.0-or-later
 On Debian systems the full text is in /usr/share/common-licenses/GPL-3.
 The bundle in /opt/socialsafe also contains Python, Qt (LGPL-3.0) and PySide6 (LGPL-3.0),
 and the Python packages listed in /opt/socialsafe/_internal/*.dist-info.
COPYRIGHT

# Depends: the system libraries the bundle links to but PyInstaller leaves out on purpose
# (libc, libGL, libxcb...), found by asking dpkg which package owns each one.
DEPENDS=$($PY - "$BUNDLE" <<'PYDEPS'
import subprocess, sys
from pathlib import Path
from PyInstaller.depend import bindepend
bundle = Path(sys.argv[1])
inside = {p.name for p in bundle.rglob("*") if p.is_file() or p.is_symlink()}
paths = set()
for lib in bundle.rglob("*.so*"):
    if lib.is_file() and not lib.is_symlink():
        try:
            for name, path in bindepend.get_imports(str(lib)):
                if name not in inside and path:
                    paths.add(str(Path(path).resolve()))
        except Exception:
            pass
packages = set()
for path in sorted(paths):
    out = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True).stdout
    if not out:  # /lib is a symlink to /usr/lib on merged-/usr systems
        alt = path.replace("/usr/lib/", "/lib/", 1) if path.startswith("/usr/lib/") else "/usr" + path
        out = subprocess.run(["dpkg", "-S", alt], capture_output=True, text=True).stdout
    if out:
        packages.add(out.split(":")[0].strip())
print(", ".join(sorted(packages)))
PYDEPS
)
echo "Depends: $DEPENDS"
INSTALLED_KB=$(du -sk "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: socialsafe
Version: $VERSION
Architecture: $ARCH
Maintainer: SocialSafe developers <socialsafe@example.org>
Installed-Size: $INSTALLED_KB
Depends: ${DEPENDS:-libc6}
Recommends: gnome-keyring | kwalletmanager
Section: utils
Priority: optional
Homepage: https://example.org/socialsafe
Description: personal privacy self-audit for staff who work with the public
 SocialSafe walks a person through searching for themselves, locking their
 social media accounts down, recording what they did and keeping a plan.
 Everything stays on the computer: no account, no server, no telemetry.
 IT can brand it and set its network features with /etc/xdg/socialsafe/policy.toml.
CONTROL
DEB="dist/socialsafe_${VERSION}_${ARCH}.deb"
rm -f "$DEB"
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$DEB" >/dev/null
echo "deb: $DEB ($(du -h "$DEB" | cut -f1))"

echo "== metadata checks"
appstreamcli validate --no-net "$STAGE/usr/share/metainfo/$APP_ID.metainfo.xml"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$STAGE/usr/share/applications/socialsafe.desktop"
else
  echo "desktop-file-validate not installed (package desktop-file-utils): .desktop file not checked"
fi

echo "== smoke test: the bundle"
$PY packaging/smoke_test.py "$BUNDLE/socialsafe"
echo "== smoke test: the bundle as the .deb installs it"
EXTRACT=build/deb/extracted
rm -rf "$EXTRACT" && mkdir -p "$EXTRACT"
dpkg-deb -x "$DEB" "$EXTRACT"
$PY packaging/smoke_test.py "$EXTRACT/opt/socialsafe/socialsafe"
echo "== done: $BUNDLE and $DEB"
