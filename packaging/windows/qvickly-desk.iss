; Inno Setup 6 script for Qvickly Desk: installs for the current user only (no administrator
; rights, into %LOCALAPPDATA%\Programs\Qvickly Desk), adds a Start-menu entry and an uninstaller
; (Settings > Apps). Compiled by packaging/build.ps1, which passes on the command line:
;
;   ISCC /DAppVersion=0.1.0          the version, from qvickly_desk/__init__.py (written nowhere else)
;        /DBundleDir=...\dist\qvickly-desk        the PyInstaller one-folder bundle
;        /DIconFile=...\icons\qvickly-desk.ico   rendered from the SVG by make_icons.py
;        /DArch=x64  (or arm64)      the bundle's architecture
;        /O...\dist                  where the setup .exe goes
;        packaging\windows\qvickly-desk.iss

#ifndef AppVersion
  #error AppVersion is not defined: run packaging/build.ps1 (or ISCC /DAppVersion=X.Y.Z ...)
#endif
#ifndef BundleDir
  #error BundleDir is not defined: pass /DBundleDir=<the PyInstaller dist\qvickly-desk folder>
#endif
#ifndef IconFile
  #error IconFile is not defined: pass /DIconFile=<qvickly-desk.ico made by make_icons.py>
#endif
#ifndef Arch
  #define Arch "x64"
#endif

#define AppName "Qvickly Desk"
#define AppExe "qvickly-desk.exe"
#if Arch == "arm64"
  #define ArchIdentifier "arm64"
#else
  #define ArchIdentifier "x64compatible"
#endif

[Setup]
; AppId names the program to Windows across versions, so an update replaces the installed copy.
; Never change it. (The doubled brace starts a literal "{".)
AppId={{52E411A2-90BE-4634-8836-486AA3207C7D}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=qvickly-desk team
AppPublisherURL=https://qvickly.io/
; Per-user install: no UAC prompt, so staff can install and update without IT. In this mode
; {autopf} is %LOCALAPPDATA%\Programs and {autoprograms} the user's Start menu.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed={#ArchIdentifier}
ArchitecturesInstallIn64BitMode={#ArchIdentifier}
; Qt 6 needs Windows 10 1809 or later.
MinVersion=10.0.17763
OutputBaseFilename=qvickly-desk-{#AppVersion}-windows-{#Arch}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; A running copy is closed (and restarted afterwards) instead of blocking the update.
CloseApplications=yes
RestartApplications=yes
ShowLanguageDialog=auto

[Languages]
; Swedish.isl ships with Inno Setup 6.5 and later; older compilers build an English-only setup.
#if FileExists(AddBackslash(CompilerPath) + "Languages\Swedish.isl")
Name: "swedish"; MessagesFile: "compiler:Languages\Swedish.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update must not leave the previous version's libraries beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The whole bundle: qvickly-desk.exe (the window), qvickly-desk-cli.exe (the command line) and
; _internal\ (Python, Qt and the resources).
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Look up a customer's Qvickly invoices"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent
