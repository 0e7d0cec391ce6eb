<#
.SYNOPSIS
    Build the qvickly-desk bundle and its installer on Windows (Linux and macOS: build.sh).

.DESCRIPTION
    Produces, in -Dist (default: dist\ at the repository root):
      qvickly-desk\                                   the one-folder bundle:
          qvickly-desk.exe                            the window (no console)
          qvickly-desk-cli.exe                        the same program with a console, for
                                                      --version, lookup and credentials
      qvickly-desk-VERSION-windows-ARCH.zip           the bundle, to unpack and run as is
      qvickly-desk-VERSION-windows-ARCH-setup.exe     the installer (needs Inno Setup 6)

    The project and its packaging extra must be installed in the Python used:
        py -3.11 -m venv .venv; .venv\Scripts\pip install -e ".[packaging]"
    Inno Setup 6 (https://jrsoftware.org/isinfo.php, or `winget install JRSoftware.InnoSetup`) is
    found on PATH or in its default folders; -NoInstaller skips it.

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File packaging\build.ps1 -Python .venv\Scripts\python.exe
#>
[CmdletBinding()]
param(
    [string]$Python = "python",
    [string]$Dist = "",
    [string]$Work = "",
    [switch]$NoInstaller
)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

$Root = Split-Path -Parent $PSScriptRoot
if (-not $Dist) { $Dist = Join-Path $Root "dist" }
if (-not $Work) { $Work = Join-Path $Root "build\pyinstaller" }
New-Item -ItemType Directory -Force -Path $Dist, $Work | Out-Null
$Dist = (Resolve-Path $Dist).Path
$Work = (Resolve-Path $Work).Path

function Invoke-Checked {
    # Run a program; stop the build when it fails (PowerShell does not, for native programs).
    param([string]$What, [scriptblock]$Command)
    $output = & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)" }
    return $output
}

# The version is written once, in qvickly_desk/__init__.py; file names and the installer take it
# from there.
$Version = (Invoke-Checked "reading the version" {
    & $Python -c "import sys; sys.path.insert(0, sys.argv[1]); import qvickly_desk; print(qvickly_desk.__version__)" $Root
}).Trim()
$Machine = (Invoke-Checked "reading the architecture" {
    & $Python -c "import platform; print(platform.machine())"
}).Trim()
$Arch = if ($Machine -eq "ARM64") { "arm64" } else { "x64" }
Write-Host "Building qvickly-desk $Version for Windows $Arch"

Invoke-Checked "PyInstaller" {
    & $Python -m PyInstaller --noconfirm --clean --log-level WARN `
        --distpath $Dist --workpath $Work (Join-Path $PSScriptRoot "qvickly-desk.spec")
} | Out-Host

$Bundle = Join-Path $Dist "qvickly-desk"
$Cli = Join-Path $Bundle "qvickly-desk-cli.exe"

# Before packing: the bundle must start and tell its version, and the window must find invoices.
$Printed = (Invoke-Checked "qvickly-desk-cli --version" { & $Cli --version }).Trim()
if ($Printed -ne "qvickly-desk $Version") {
    throw "the bundle says '$Printed', expected 'qvickly-desk $Version'"
}
Invoke-Checked "the smoke test" { & $Cli --smoke-test } | Out-Host

$Zip = Join-Path $Dist "qvickly-desk-$Version-windows-$Arch.zip"
Compress-Archive -Path $Bundle -DestinationPath $Zip -Force
Write-Host "Built $Zip"

if ($NoInstaller) { return }
$Iscc = Get-Command "ISCC.exe" -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Source -First 1
if (-not $Iscc) {
    $Candidates = @(
        (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe")
    )
    $Iscc = $Candidates | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $Iscc) {
    throw "Inno Setup 6 (ISCC.exe) was not found: install it, or pass -NoInstaller for the .zip only"
}
$Icon = Join-Path $Work "qvickly-desk\icons\qvickly-desk.ico"
Invoke-Checked "Inno Setup" {
    & $Iscc /Q "/DAppVersion=$Version" "/DBundleDir=$Bundle" "/DIconFile=$Icon" "/DArch=$Arch" `
        "/O$Dist" (Join-Path $PSScriptRoot "windows\qvickly-desk.iss")
} | Out-Host
Write-Host "Built $(Join-Path $Dist "qvickly-desk-$Version-windows-$Arch-setup.exe")"
