"""Screenshot of the main window on the demo data, in a chosen language and font size.

    xvfb-run -a python packaging/screenshot_main_window.py --language de --name main-window-de
    xvfb-run -a python packaging/screenshot_main_window.py --font-scale 2 --name main-window-200

For checking the German interface and 200 % text by eye (see packaging/screenshots/).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from app import APP_NAME
from app.application import Application
from app.paths import AppPaths
from app.secrets import KeyStore
from app.settings import LANGUAGE, Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from take_screenshots import OUTPUT, save, settle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--language", default="en", choices=("en", "de", "system"))
    parser.add_argument("--font-scale", type=float, default=1.0)
    parser.add_argument("--name", default="main-window")
    parser.add_argument("--width", type=int, default=1360)
    parser.add_argument("--height", type=int, default=800)
    options = parser.parse_args(argv)

    qt_app = QApplication([APP_NAME])
    if options.font_scale != 1.0:
        font = QFont(qt_app.font())
        font.setPointSizeF(font.pointSizeF() * options.font_scale)
        qt_app.setFont(font)
    scratch = Path(tempfile.mkdtemp(prefix="participant-desk-shots-"))
    settings = Settings(QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat))
    settings.set(LANGUAGE, options.language)
    application = Application.from_args(
        ["--demo"], settings=settings, paths=AppPaths(scratch / "data"), keystore=KeyStore()
    )
    window = application.main_window
    controller = application.controller
    window.resize(options.width, options.height)
    window.show()
    settle(qt_app, lambda: controller.total_count == 600 and not controller.loading)
    proxy = controller.proxy
    first = proxy.participant(proxy.index(2, 0))
    if first is not None:
        window.select_participants([first.id])
    settle(qt_app)
    save(window, OUTPUT, options.name)
    window.close()
    application.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
