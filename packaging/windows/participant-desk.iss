; Inno Setup script for the Windows installer of Participant Desk.
; Built by packaging/build.py, which passes the version (from pyproject.toml) and the paths:
;   iscc /DAppVersion=0.1.0 /DSourceDir=...\dist\participant-desk /DIconFile=...\participant-desk.ico
;        /DOutputDir=...\dist /DOutputBaseName=participant-desk-0.1.0-windows-x86_64-setup
;        packaging\windows\participant-desk.iss

#ifndef AppVersion
  #error AppVersion must be given: iscc /DAppVersion=X.Y.Z
#endif
#ifndef SourceDir
  #error SourceDir (the PyInstaller one-folder bundle) must be given
#endif
#ifndef OutputDir
  #define OutputDir "."
#endif
#ifndef OutputBaseName
  #define OutputBaseName "participant-desk-" + AppVersion + "-setup"
#endif

[Setup]
; A fixed AppId lets later versions upgrade this installation in place.
AppId={{6C1D9B52-8E0B-4D6A-9B3C-5F2E7A41C0D8}
AppName=Participant Desk
AppVersion={#AppVersion}
AppVerName=Participant Desk {#AppVersion}
AppPublisher=Participant Desk developers
DefaultDirName={autopf}\Participant Desk
DefaultGroupName=Participant Desk
DisableProgramGroupPage=yes
; Per-user install needs no administrator (check-in laptops are often locked down);
; an administrator may still choose "for all users".
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename={#OutputBaseName}
#ifdef IconFile
SetupIconFile={#IconFile}
#endif
UninstallDisplayIcon={app}\participant-desk.exe
UninstallDisplayName=Participant Desk
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The app keeps its outbox of unsent check-ins open; never replace files under it.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "german"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Participant Desk"; Filename: "{app}\participant-desk.exe"
Name: "{group}\Participant Desk (check-in desk)"; Filename: "{app}\participant-desk.exe"; Parameters: "--desk"
Name: "{group}\Participant Desk (demo data)"; Filename: "{app}\participant-desk.exe"; Parameters: "--demo"
Name: "{group}\{cm:UninstallProgram,Participant Desk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Participant Desk"; Filename: "{app}\participant-desk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\participant-desk.exe"; Description: "{cm:LaunchProgram,Participant Desk}"; Flags: nowait postinstall skipifsilent

; Uninstalling removes the program only. Settings, logs and the outbox of changes not yet
; sent stay in the user's application-data folder, so nothing queued is ever lost by it.
