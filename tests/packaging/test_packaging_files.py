"""The packaging pieces that can be checked without a full build: icons, desktop files, .deb."""

from __future__ import annotations

import configparser
import importlib.util
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image

from app import __version__

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "com.participantdesk.ParticipantDesk"


def _load(path: Path) -> ModuleType:
    """Import a packaging script by path (``packaging/`` is not a package: the name is taken)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def make_icons() -> ModuleType:
    return _load(PACKAGING / "make_icons.py")


@pytest.fixture(scope="module")
def make_deb() -> ModuleType:
    return _load(PACKAGING / "linux" / "make_deb.py")


def test_icons_for_every_os_are_rendered_from_the_svg(qapp, make_icons, tmp_path):
    made = make_icons.make_icons(tmp_path)
    with Image.open(made["ico"]) as ico:
        assert ico.info["sizes"] == {(n, n) for n in make_icons.ICO_SIZES}
    with Image.open(made["icns"]) as icns:
        assert (1024, 1024) in {(w * scale, h * scale) for w, h, scale in icns.info["sizes"]}
    for size in make_icons.HICOLOR_SIZES:
        png = tmp_path / "hicolor" / f"{size}x{size}" / "apps" / "participant-desk.png"
        with Image.open(png) as image:
            assert image.size == (size, size)
            # Not blank: the icon's blue tile covers the middle.
            pixel = image.convert("RGBA").getpixel((size // 5, size // 2))
            assert isinstance(pixel, tuple)
            red, _green, blue, alpha = pixel
            assert alpha == 255
            assert blue > red
    assert made["svg"].read_bytes() == (ROOT / "resources" / "icons" / "app.svg").read_bytes()


def test_build_takes_its_version_from_pyproject():
    build = _load(PACKAGING / "build.py")
    assert build.project_version() == __version__


def test_desktop_entry_starts_the_installed_program_with_its_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(PACKAGING / "linux" / f"{APP_ID}.desktop", encoding="utf-8")
    main = entry["Desktop Entry"]
    assert main["Exec"] == "participant-desk"
    assert main["Icon"] == "participant-desk"
    assert main["Type"] == "Application"
    assert entry["Desktop Action desk"]["Exec"] == "participant-desk --desk"
    assert entry["Desktop Action demo"]["Exec"] == "participant-desk --demo"
    if shutil.which("desktop-file-validate"):
        path = PACKAGING / "linux" / f"{APP_ID}.desktop"
        result = subprocess.run(
            ["desktop-file-validate", str(path)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout
        assert not result.stdout.strip(), result.stdout


def test_appstream_metadata_names_the_desktop_entry():
    tree = ET.parse(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml")
    root = tree.getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.find("provides/binary").text == "participant-desk"  # type: ignore[union-attr]
    release = root.find("releases/release")
    assert release is not None
    assert release.get("version") == "@VERSION@"


def test_deb_depends_must_cover_every_linked_system_library(make_deb):
    make_deb.check_depends({"libxcb.so.1": "libxcb1", "libc.so.6": "libc6"})
    with pytest.raises(SystemExit, match=r"libfoo\.so\.1 \(from libfoo1\)"):
        make_deb.check_depends({"libfoo.so.1": "libfoo1", "libc.so.6": "libc6"})


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="builds a .deb: Debian tools only")
def test_deb_installs_bundle_launcher_desktop_entry_icons_and_metadata(
    qapp, make_icons, make_deb, tmp_path
):
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    shutil.copy("/bin/true", bundle / "participant-desk")  # an ELF that needs only libc
    icons = tmp_path / "icons"
    make_icons.make_icons(icons)

    deb = make_deb.make_deb(
        bundle, version="9.8.7", icons=icons, output=tmp_path / "out", work=tmp_path / "work"
    )

    info = subprocess.run(
        ["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    assert "Package: participant-desk" in info
    assert "Version: 9.8.7" in info
    assert "Depends: libc6 (>= 2.36), libgl1, libegl1, libxcb1, fontconfig-config" in info
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    for path in (
        "./opt/participant-desk/participant-desk",
        "./usr/bin/participant-desk -> /opt/participant-desk/participant-desk",
        f"./usr/share/applications/{APP_ID}.desktop",
        f"./usr/share/metainfo/{APP_ID}.metainfo.xml",
        "./usr/share/icons/hicolor/256x256/apps/participant-desk.png",
        "./usr/share/icons/hicolor/scalable/apps/participant-desk.svg",
    ):
        assert path in listing, path
    unpacked = tmp_path / "unpacked"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
    metainfo = (unpacked / "usr/share/metainfo" / f"{APP_ID}.metainfo.xml").read_text()
    assert 'version="9.8.7"' in metainfo
    assert "@DATE@" not in metainfo
