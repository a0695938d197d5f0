# Build SocialSafe-<version>-x64.msi on Windows from the project root:
#     powershell -ExecutionPolicy Bypass -File packaging\windows\build-msi.ps1
# Needs: Python 3.11 with the project installed (pip install .), PyInstaller, Babel, and the WiX v5
# .NET tool (dotnet tool install --global wix --version 5.0.2). CI: .github/workflows/windows-msi.yml
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

$Version = (python -c "import socialsafe_desktop as s; print(s.__version__)").Trim()
Write-Host "== SocialSafe $Version"

Write-Host "== Translations (.po -> .mo)"
python tools\compile_translations.py
if ($LASTEXITCODE -ne 0) { throw "Compiling the translations failed (pip install babel)" }

Write-Host "== PyInstaller bundle"
python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller packaging\socialsafe.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
if (-not (Test-Path dist\socialsafe\SocialSafe.exe)) { throw "dist\socialsafe\SocialSafe.exe is missing" }
if (-not (Test-Path dist\socialsafe\socialsafe-cli.exe)) { throw "dist\socialsafe\socialsafe-cli.exe is missing" }

Write-Host "== smoke test (console twin)"
$out = & dist\socialsafe\socialsafe-cli.exe --version
if ($LASTEXITCODE -ne 0 -or $out -notmatch "^SocialSafe ") { throw "--version failed: $out" }
python packaging\smoke_test.py dist\socialsafe\socialsafe-cli.exe
if ($LASTEXITCODE -ne 0) { throw "smoke test failed" }

Write-Host "== MSI"
$Msi = "dist\SocialSafe-$Version-x64.msi"
wix build packaging\windows\SocialSafe.wxs -arch x64 `
  -d Version=$Version `
  -d BundleDir=(Resolve-Path dist\socialsafe) `
  -d IconFile=(Resolve-Path resources\icons\socialsafe.ico) `
  -o $Msi
if ($LASTEXITCODE -ne 0) { throw "wix build failed" }
Write-Host "== done: $Msi"
