"""Save a check-in list as a PDF file, all or nothing (no widgets; any thread)."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtCore import QFile, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

from app import APP_NAME
from app.office.checkin_list import (
    MARGIN_MM,
    CheckinSheet,
    default_page_size,
    render_checkin_list,
)
from app.office.export_writers import atomic_file

#: Print resolution of the PDF: fine enough for crisp boxes and small print.
PDF_DPI: Final = 300


def write_checkin_pdf(path: Path, sheet: CheckinSheet, page_size: QPageSize | None = None) -> int:
    """Write ``sheet`` to the PDF file ``path``; returns the page count.

    The PDF goes to a temporary file next to ``path`` first, so a failure leaves no broken
    file behind (and an existing one untouched); failures raise
    :class:`~app.office.export_writers.ExportError` naming the file.
    """
    with atomic_file(path) as temporary:
        # Our own QFile, closed before the rename (Windows cannot rename an open file),
        # whose error tells a full disk from a finished write.
        target = QFile(str(temporary))
        if not target.open(QIODevice.OpenModeFlag.WriteOnly):
            raise OSError(target.errorString())
        writer = QPdfWriter(target)
        writer.setResolution(PDF_DPI)
        writer.setTitle(sheet.title)
        writer.setCreator(APP_NAME)
        writer.setPageSize(page_size or default_page_size())
        margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
        writer.setPageMargins(margins, QPageLayout.Unit.Millimeter)
        try:
            pages = render_checkin_list(writer, sheet)
        finally:
            del writer  # finishes the PDF into the file
            failed = target.error() != QFile.FileError.NoError
            message = target.errorString()
            target.close()
        if failed:
            raise OSError(message)
    return pages
