#!/usr/bin/env bash
# Build SocialSafe.app and an installer package on macOS (11 or later), from the project root:
#     bash packaging/macos/build-pkg.sh
# Needs: Python 3.11 with the project installed (pip install .), PyInstaller and Babel; Xcode command-line
# tools (pkgbuild, productbuild, codesign). Output: dist/SocialSafe.app, dist/SocialSafe-<version>.pkg
#
# Signing (optional, needed for Gatekeeper on managed Macs without an override):
#   APP_SIGN_ID="Developer ID Application: Example (TEAMID)"
#   PKG_SIGN_ID="Developer ID Installer: Example (TEAMID)"
#   NOTARY_PROFILE=name-of-a-notarytool-keychain-profile
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-python3}
VERSION=$($PY -c 'import socialsafe_desktop as s; print(s.__version__)')
ID=org.socialsafe.SocialSafe

echo "== Translations (.po -> .mo)"
$PY tools/compile_translations.py

echo "== PyInstaller: dist/SocialSafe.app"
rm -rf dist/SocialSafe.app dist/socialsafe build/pyinstaller
$PY -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/socialsafe.spec
APP=dist/SocialSafe.app
test -x "$APP/Contents/MacOS/SocialSafe"

echo "== smoke test"
$PY packaging/smoke_test.py "$APP/Contents/MacOS/SocialSafe"

if [ -n "${APP_SIGN_ID:-}" ]; then
  echo "== signing the app"
  codesign --force --deep --options runtime --timestamp --sign "$APP_SIGN_ID" "$APP"
  codesign --verify --deep --strict "$APP"
fi

echo "== installer package"
COMPONENT=build/macos/SocialSafe-component.pkg
mkdir -p build/macos
# Relocation off: the app always goes to /Applications, even if a copy exists elsewhere.
cat > build/macos/components.plist <<PLIST
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><array><dict>
  <key>RootRelativeBundlePath</key><string>SocialSafe.app</string>
  <key>BundleIsRelocatable</key><false/>
  <key>BundleIsVersionChecked</key><true/>
  <key>BundleHasStrictIdentifier</key><true/>
  <key>BundleOverwriteAction</key><string>upgrade</string>
</dict></array></plist>
PLIST
rm -rf build/macos/root && mkdir -p build/macos/root && cp -R "$APP" build/macos/root/
pkgbuild --root build/macos/root --component-plist build/macos/components.plist \
  --install-location /Applications --identifier "$ID" --version "$VERSION" "$COMPONENT"

PKG="dist/SocialSafe-$VERSION.pkg"
# The bundle runs on the architecture of the Python that built it (a universal2 Python with
# PyInstaller's target_arch=universal2 would cover both): say so, so Installer refuses a mismatch.
ARCH=$(uname -m)
sed -e "s/@VERSION@/$VERSION/g" -e "s/@ARCH@/$ARCH/g" packaging/macos/distribution.xml > build/macos/distribution.xml
SIGN_ARGS=()
[ -n "${PKG_SIGN_ID:-}" ] && SIGN_ARGS=(--sign "$PKG_SIGN_ID")
productbuild --distribution build/macos/distribution.xml --package-path build/macos "${SIGN_ARGS[@]}" "$PKG"

if [ -n "${NOTARY_PROFILE:-}" ]; then
  echo "== notarising"
  xcrun notarytool submit "$PKG" --keychain-profile "$NOTARY_PROFILE" --wait
  xcrun stapler staple "$PKG"
fi
echo "== done: $APP and $PKG"
echo "Silent install: sudo installer -pkg $PKG -target /"
