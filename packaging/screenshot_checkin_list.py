"""Picture of page 1 of the check-in list PDF of the demo trade show (EXPO26, 600 exhibitors).

    QT_QPA_PLATFORM=offscreen python packaging/screenshot_checkin_list.py [--dpi 110]

Writes the PDF with the app's own code, then rasterises page 1 with ``pdftoppm``
(poppler-utils) to ``packaging/screenshots/checkin-list-page1.png``, for checking the layout
by eye and for the README.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QPageSize
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from app.office.checkin_list import checkin_sheet  # noqa: E402
from app.office.checkin_pdf import write_checkin_pdf  # noqa: E402
from app.sandbox import EXPO_KEY  # noqa: E402
from tests.office.demo_participants import demo_event  # noqa: E402

OUTPUT = ROOT / "packaging" / "screenshots" / "checkin-list-page1.png"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--dpi", type=int, default=110)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    options = parser.parse_args(argv)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("pdftoppm is missing: apt-get install poppler-utils", file=sys.stderr)
        return 1
    qt_app = QApplication.instance() or QApplication([])
    event, participants = demo_event(EXPO_KEY)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "checkin.pdf"
        pages = write_checkin_pdf(
            pdf, checkin_sheet(event, participants), QPageSize(QPageSize.PageSizeId.A4)
        )
        prefix = Path(folder) / "page"
        page_one = ["-f", "1", "-l", "1", "-singlefile"]
        command = [pdftoppm, "-png", "-r", str(options.dpi), *page_one, str(pdf), str(prefix)]
        subprocess.run(command, check=True)
        options.output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(prefix.with_suffix(".png"), options.output)
    del qt_app
    print(f"{options.output} (page 1 of {pages})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
