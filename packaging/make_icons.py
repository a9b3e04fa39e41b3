"""Render the app icon (resources/icons/app.svg) into what each OS needs.

Writes into an output folder (default ``packaging/build/icons``):

- ``hicolor/<N>x<N>/apps/participant-desk.png`` for Linux desktops (16 … 512) and the SVG
  as ``hicolor/scalable/apps/participant-desk.svg``;
- ``participant-desk.ico`` for Windows (16, 24, 32, 48, 64, 128, 256 in one file);
- ``participant-desk.icns`` for macOS (16 … 1024).

Qt renders the SVG (QtSvg, already a dependency); Pillow packs the .ico and .icns.
Run: ``python packaging/make_icons.py [OUTPUT_DIR]``.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "app.svg"
NAME = "participant-desk"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render_png(svg: Path, size: int) -> bytes:
    """The SVG rendered to a square PNG of ``size`` pixels, transparent around it."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: PLC0415
    from PySide6.QtGui import QImage, QPainter  # noqa: PLC0415
    from PySide6.QtSvg import QSvgRenderer  # noqa: PLC0415

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub says bytes; PySide wants str
    buffer.close()
    return bytes(data.data())


def make_icons(output: Path, svg: Path = SOURCE) -> dict[str, Path]:
    """Write every icon file; returns the main ones by kind ("ico", "icns", "png", "svg")."""
    from PIL import Image  # noqa: PLC0415
    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication([])
    output.mkdir(parents=True, exist_ok=True)
    rendered = {size: render_png(svg, size) for size in {*HICOLOR_SIZES, *ICO_SIZES, *ICNS_SIZES}}

    for size in HICOLOR_SIZES:
        folder = output / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{NAME}.png").write_bytes(rendered[size])
    scalable = output / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    (scalable / f"{NAME}.svg").write_bytes(svg.read_bytes())

    largest = Image.open(io.BytesIO(rendered[max(ICO_SIZES)]))
    ico = output / f"{NAME}.ico"
    # Each size is given its own rendering: downscaled bitmaps look blurry at 16 px.
    largest.save(
        ico,
        format="ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=[Image.open(io.BytesIO(rendered[size])) for size in ICO_SIZES],
    )
    icns = output / f"{NAME}.icns"
    Image.open(io.BytesIO(rendered[max(ICNS_SIZES)])).save(
        icns,
        format="ICNS",
        append_images=[Image.open(io.BytesIO(rendered[size])) for size in ICNS_SIZES],
    )
    png = output / f"{NAME}.png"
    png.write_bytes(rendered[256])
    return {"ico": ico, "icns": icns, "png": png, "svg": scalable / f"{NAME}.svg"}


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "packaging" / "build" / "icons"
    for kind, path in make_icons(target).items():
        print(f"{kind:5} {path}")
