"""Build Participant Desk for the OS this runs on: ``python packaging/build.py``.

1. renders the icons (``make_icons.py``);
2. freezes the app with PyInstaller (``participant-desk.spec``, one folder);
3. runs the bundle's ``--self-test``;
4. packs what users install, into ``packaging/dist/``:
   - Linux: ``.tar.gz`` and ``.deb``;
   - Windows: a portable ``.zip`` and, when Inno Setup's ``iscc`` is on PATH, the installer;
   - macOS: ``Participant Desk.app`` inside a ``.dmg``.

``--skip-freeze`` reuses the bundle already in ``packaging/dist`` (only re-packs).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUILD = HERE / "build"
DIST = HERE / "dist"
NAME = "participant-desk"
APP_BUNDLE = "Participant Desk.app"

sys.path.insert(0, str(HERE))
from make_icons import make_icons  # noqa: E402 - the packaging folder is not a package


def project_version() -> str:
    """The version in ``pyproject.toml``: the single source for every artifact."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def machine() -> str:
    """Architecture name used in artifact file names."""
    return {"amd64": "x86_64", "arm64": "arm64", "aarch64": "arm64"}.get(
        platform.machine().lower(), platform.machine().lower()
    )


def folder_size(path: Path) -> int:
    """Bytes of every file below ``path`` (symlinks not followed)."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def freeze() -> Path:
    """Run PyInstaller on the spec; returns the one-folder bundle."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level=WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / "pyinstaller"),
            str(HERE / "participant-desk.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    return DIST / NAME


def executable(bundle: Path) -> Path:
    """The program inside the one-folder bundle that can print (Windows: the console twin)."""
    return bundle / (f"{NAME}-console.exe" if sys.platform == "win32" else NAME)


def self_test(bundle: Path) -> None:
    """Run the bundle's own self-test; a failing bundle is never packed."""
    result = subprocess.run(
        [str(executable(bundle)), "--self-test"],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    print(result.stdout + result.stderr)
    if result.returncode != 0:
        raise SystemExit(f"the bundle's self-test failed (exit code {result.returncode})")


def pack_linux(bundle: Path, version: str, icons: Path) -> list[Path]:
    """A ``.tar.gz`` of the bundle and a ``.deb`` that installs it system-wide."""
    sys.path.insert(0, str(HERE / "linux"))
    from make_deb import make_deb  # noqa: PLC0415

    tarball = DIST / f"{NAME}-{version}-linux-{machine()}.tar.gz"
    with tarfile.open(tarball, "w:gz") as archive:
        archive.add(bundle, arcname=f"{NAME}-{version}")
    deb = make_deb(bundle, version=version, icons=icons, output=DIST, work=BUILD / "deb")
    return [tarball, deb]


def pack_windows(bundle: Path, version: str, icons: Path) -> list[Path]:
    """A portable ``.zip`` and, with Inno Setup installed, ``...-setup.exe``."""
    portable = DIST / f"{NAME}-{version}-windows-{machine()}-portable.zip"
    with zipfile.ZipFile(portable, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(bundle.rglob("*")):
            archive.write(path, Path(f"{NAME}-{version}") / path.relative_to(bundle))
    artifacts = [portable]
    iscc = shutil.which("iscc") or _inno_setup_default()
    if iscc is None:
        print("Inno Setup (iscc) not found: installer skipped, portable zip built")
        return artifacts
    subprocess.run(
        [
            iscc,
            f"/DAppVersion={version}",
            f"/DSourceDir={bundle}",
            f"/DIconFile={icons / f'{NAME}.ico'}",
            f"/DOutputDir={DIST}",
            f"/DOutputBaseName={NAME}-{version}-windows-{machine()}-setup",
            str(HERE / "windows" / "participant-desk.iss"),
        ],
        check=True,
    )
    artifacts.append(DIST / f"{NAME}-{version}-windows-{machine()}-setup.exe")
    return artifacts


def _inno_setup_default() -> str | None:
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        if base and (candidate := Path(base) / "Inno Setup 6" / "ISCC.exe").exists():
            return str(candidate)
    return None


def pack_macos(version: str) -> list[Path]:
    """``Participant Desk.app`` and a link to Applications inside a compressed ``.dmg``."""
    app = DIST / APP_BUNDLE
    staging = BUILD / "dmg"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    shutil.copytree(app, staging / APP_BUNDLE, symlinks=True)
    (staging / "Applications").symlink_to("/Applications")
    dmg = DIST / f"{NAME}-{version}-macos-{machine()}.dmg"
    dmg.unlink(missing_ok=True)
    subprocess.run(
        [
            "hdiutil",
            "create",
            "-volname",
            "Participant Desk",
            "-srcfolder",
            str(staging),
            "-fs",
            "HFS+",
            "-format",
            "UDZO",
            str(dmg),
        ],
        check=True,
    )
    return [dmg]


def main() -> int:
    """Build, test and pack for this OS; print the artifacts and the bundle size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-freeze", action="store_true", help="re-pack the existing bundle")
    parser.add_argument("--skip-self-test", action="store_true", help="do not run --self-test")
    args = parser.parse_args()

    version = project_version()
    icons = BUILD / "icons"
    make_icons(icons)
    bundle = DIST / NAME if args.skip_freeze else freeze()
    if not args.skip_self_test:
        self_test(bundle)
    if sys.platform.startswith("linux"):
        artifacts = pack_linux(bundle, version, icons)
    elif sys.platform == "win32":
        artifacts = pack_windows(bundle, version, icons)
    elif sys.platform == "darwin":
        artifacts = pack_macos(version)
    else:
        raise SystemExit(f"no packaging for {sys.platform}")
    print(f"bundle  {bundle}  {folder_size(bundle) / 1e6:.1f} MB unpacked")
    for artifact in artifacts:
        print(f"built   {artifact}  {artifact.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
