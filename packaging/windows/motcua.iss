; Inno Setup 6 script: the Windows installer around the one-folder build.
;
;   1. On Windows, in the project's venv:   python packaging\build.py       → dist\motcua-desk\
;   2. Then:                                 iscc packaging\windows\motcua.iss
;      → dist\motcua-desk-<version>-setup.exe
;
; What it adds to the folder: a Start-menu group (the desk, its self-test, uninstall), an optional desktop
; shortcut, an entry in "Apps & features" with the uninstaller. Uninstalling removes the program's own
; files only: the desk's data (%LOCALAPPDATA%\motcua-desk, or data\ beside the program in portable mode)
; is kept, as are the backups in it. Installing a newer version over an older one keeps the data too; the
; desk backs it up and migrates it when it first opens.
;
; Vietnamese installer texts need Inno Setup's unofficial Vietnamese.isl (jrsoftware.org, "Inno Setup
; Translations"): put it in the compiler's Languages\ folder and uncomment the line in [Languages].

#define AppExe "MotCua.exe"
#define BuildDir "..\..\dist\motcua-desk"
; The version comes from the build itself (build.spec writes it into MotCua.exe's version resource,
; which it reads from pyproject.toml through the package metadata).
#define AppVersion GetStringFileInfo(AddBackslash(SourcePath) + BuildDir + "\" + AppExe, "ProductVersion")

[Setup]
AppId={{6B1E6A2C-3D4F-4C8B-9E2A-5F7D1C0B9A41}
AppName=Phần mềm Bộ phận Một cửa
AppVersion={#AppVersion}
AppVerName=Phần mềm Bộ phận Một cửa {#AppVersion}
AppPublisher=Bộ phận Một cửa
DefaultDirName={autopf}\MotCua
DefaultGroupName=Một cửa
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=motcua-desk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\motcua.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=Phần mềm Bộ phận Một cửa
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
; The desk must not be running while its files are replaced.
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"

[Tasks]
Name: "desktopicon"; Description: "Tạo lối tắt trên màn hình / Desktop shortcut"; Flags: unchecked

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Một cửa"; Filename: "{app}\{#AppExe}"
; The self-test in a console window that stays open, so its lines can be read.
Name: "{group}\Tự kiểm tra phần mềm"; Filename: "{cmd}"; Parameters: "/k ""{app}\desk.exe"" --self-test"; WorkingDir: "{app}"
Name: "{group}\Gỡ cài đặt Một cửa"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Một cửa"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "Mở phần mềm Một cửa / Start the desk"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself writes beside its files; never the data folder.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
