"""Build the ``.deb``: the one-folder bundle under /opt, a launcher, desktop entry, icons.

The bundle carries Qt and most libraries itself; the package depends only on what it does
not carry. ``system_libraries()`` reads what the bundle's binaries link against and is not
inside it, and the build refuses to produce a package whose ``Depends`` misses one.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = "participant-desk"
APP_ID = "com.participantdesk.ParticipantDesk"
INSTALL_DIR = Path("opt") / PACKAGE
MAINTAINER = "Participant Desk developers <support@participantdesk.invalid>"

# What the bundle needs from the system. Libraries: found by system_libraries() and checked
# below. Data: fontconfig's configuration and a font (a bare system has none, and Qt would
# draw no text), and the keyboard layouts libxkbcommon reads (without them no key types).
DEPENDS = (
    "libc6 (>= 2.36)",
    "libgl1",
    "libegl1",
    "libxcb1",
    "fontconfig-config",
    "fonts-dejavu-core | fonts-liberation2 | fonts-noto-core",
    "xkb-data",
)
# Nice to have: a keyring daemon to remember API keys, a player for the desk's sounds.
RECOMMENDS = (
    "gnome-keyring | kwalletmanager | keepassxc",
    "pulseaudio-utils | alsa-utils",
)
DESCRIPTION = """\
Manage Plandocket event participants and run check-in desks
 Participant Desk works with the participants of events, trade shows and
 exhibitions planned on Plandocket: list and filter them by event, customer and
 confirmation, add participants, confirm or unconfirm them, remove participations.
 .
 Its check-in desk mode confirms arriving attendees from a barcode scan or a typed
 name with one keystroke, and keeps every check-in on the computer until Plandocket
 has it, so none is lost on flaky Wi-Fi.
 .
 Built-in demo data (participant-desk --demo) needs no account."""


def elf_files(bundle: Path) -> Iterable[Path]:
    """The executables and shared libraries in the bundle."""
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    yield path


def needed_libraries(path: Path) -> set[str]:
    """The DT_NEEDED entries of one ELF file."""
    output = subprocess.run(
        ["readelf", "-d", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return {
        line.split("[", 1)[1].rstrip("]").strip()
        for line in output.splitlines()
        if "(NEEDED)" in line
    }


def system_libraries(bundle: Path) -> dict[str, str]:
    """Libraries the bundle links against but does not carry, with the package providing each."""
    carried = {path.name for path in bundle.rglob("*")}
    wanted = set().union(*(needed_libraries(path) for path in elf_files(bundle))) - carried
    providers = {}
    for library in sorted(wanted):
        result = subprocess.run(
            ["dpkg", "-S", f"*/{library}"], check=False, capture_output=True, text=True
        )
        line = result.stdout.splitlines()[0] if result.returncode == 0 else ""
        providers[library] = line.split(":", 1)[0] if line else "?"
    return providers


def check_depends(providers: dict[str, str]) -> None:
    """Refuse to build when a linked system library is not covered by ``DEPENDS``."""
    declared = {alternative.split()[0] for entry in DEPENDS for alternative in entry.split("|")}
    missing = {lib: pkg for lib, pkg in providers.items() if pkg not in declared}
    if missing:
        listed = ", ".join(f"{lib} (from {pkg})" for lib, pkg in sorted(missing.items()))
        raise SystemExit(f"the .deb's Depends misses system libraries: {listed}")


def make_deb(bundle: Path, *, version: str, icons: Path, output: Path, work: Path) -> Path:
    """Lay out the package tree under ``work`` and build ``output/<name>_<ver>_<arch>.deb``."""
    check_depends(system_libraries(bundle))
    architecture = subprocess.run(
        ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
    ).stdout.strip()
    root = work / f"{PACKAGE}_{version}_{architecture}"
    shutil.rmtree(root, ignore_errors=True)

    shutil.copytree(bundle, root / INSTALL_DIR, symlinks=True)
    launcher = root / "usr" / "bin" / PACKAGE
    launcher.parent.mkdir(parents=True)
    launcher.symlink_to(Path("/") / INSTALL_DIR / PACKAGE)

    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy(HERE / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    (share / "metainfo").mkdir(parents=True)
    metainfo = (HERE / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    today = dt.datetime.now(dt.UTC).date().isoformat()
    (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(
        metainfo.replace("@VERSION@", version).replace("@DATE@", today), encoding="utf-8"
    )
    shutil.copytree(icons / "hicolor", share / "icons" / "hicolor")
    doc = share / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "Participant Desk\nCopyright: Participant Desk developers\n"
        "Bundled third-party components (Qt, PySide6, Python, httpx, keyring) keep their "
        "own licences; see /opt/participant-desk/_internal.\n",
        encoding="utf-8",
    )

    installed_kib = sum(path.lstat().st_size for path in root.rglob("*") if path.is_file()) // 1024
    control = root / "DEBIAN" / "control"
    control.parent.mkdir(parents=True)
    control.write_text(
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {architecture}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(DEPENDS)}\n"
        f"Recommends: {', '.join(RECOMMENDS)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Description: {DESCRIPTION}\n",
        encoding="utf-8",
    )
    for path in [root, *root.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)
    output.mkdir(parents=True, exist_ok=True)
    deb = output / f"{PACKAGE}_{version}_{architecture}.deb"
    environment = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "0")}
    subprocess.run(
        ["dpkg-deb", "--build", "--root-owner-group", "-Zxz", str(root), str(deb)],
        check=True,
        env=environment,
    )
    return deb
