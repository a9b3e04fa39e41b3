"""The printable check-in list: order, pages, what every page says, boxes to tick, PDF and print."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QBuffer, QLocale, QMarginsF, QPoint, QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from app.domain import Contact, Event, Participant
from app.office.checkin_list import (
    MARGIN_MM,
    STATUS,
    TICK,
    CheckinSheet,
    PageLayout,
    box_rect,
    checkin_rows,
    checkin_sheet,
    default_page_size,
    paginate,
    paint_page,
    render_checkin_list,
)
from app.office.checkin_pdf import write_checkin_pdf
from app.office.export_writers import ExportError
from app.settings import EXPORT_FOLDER, Settings
from app.ui import checkin_list_actions
from app.ui.checkin_list_actions import (
    checkin_preview,
    paint_for_printer,
    save_checkin_list_pdf,
)
from tests.office.demo_participants import demo_event

# Fonts and paint devices need the application object.
pytestmark = pytest.mark.usefixtures("qapp")

PRINTED = datetime(2026, 12, 7, 16, 45, tzinfo=UTC)
CUSTOMER_NUMBER = re.compile(r"\b(?:1\d{4}|M-\d{4})\b")


@pytest.fixture(scope="module")
def expo() -> tuple[Event, list[Participant]]:
    return demo_event("EXPO26")


def pdf_pages(path: Path) -> list[str]:
    """Each page's text, with the PDF's tabs and ligatures ("ﬁ") made plain."""
    reader = pypdf.PdfReader(path)
    return [
        unicodedata.normalize("NFKC", page.extract_text()).replace("\t", " ")
        for page in reader.pages
    ]


def pdf_writer(
    target: Path | QBuffer, page: QPageSize.PageSizeId = QPageSize.PageSizeId.A4
) -> QPdfWriter:
    writer = QPdfWriter(target if isinstance(target, QBuffer) else str(target))
    writer.setResolution(300)
    writer.setPageSize(QPageSize(page))
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    writer.setPageMargins(margins, QPageLayout.Unit.Millimeter)
    return writer


def layout_for(sheet: CheckinSheet, font: QFont | None = None) -> PageLayout:
    """The layout on an A4 PDF page at 300 dpi, as write_checkin_pdf uses."""
    buffer = QBuffer()  # kept alive while the writer exists
    writer = pdf_writer(buffer)
    return PageLayout.measure(writer, sheet, font)


def contact(pid: int, company: str | None, first: str | None, last: str | None) -> Participant:
    return Participant(
        id=pid,
        is_confirmed=pid % 2 == 0,
        contact=Contact(
            id=pid,
            customer_number=str(10_000 + pid),
            company_name=company,
            first_name=first,
            last_name=last,
            city="Köln",
        ),
    )


# -- order and pages -----------------------------------------------------------------------


def test_rows_are_sorted_by_company_naturally_then_by_last_name():
    people = [
        contact(1, "Hall 10 GmbH", "Anna", "Zimmer"),
        contact(2, "hall 9 gmbh", "Bert", "Adams"),
        contact(3, "Ärzte AG", "Clara", "Weiß"),
        contact(4, "Zeta", "Dora", "Öztürk"),
        contact(5, "Ärzte AG", "Emil", "Abel"),
        contact(6, None, "Frida", "Müller"),
        contact(7, "Arzte AG", "Gina", "Becker"),  # same company once accents are folded
        contact(8, None, "Hugo", "Adler"),
        contact(9, "Zeta", "Ida", "Özdemir"),
    ]
    rows = checkin_rows(people)
    assert [(r.company, r.name) for r in rows] == [
        ("Ärzte AG", "Abel, Emil"),
        ("Arzte AG", "Becker, Gina"),
        ("Ärzte AG", "Weiß, Clara"),
        ("hall 9 gmbh", "Adams, Bert"),
        ("Hall 10 GmbH", "Zimmer, Anna"),
        ("Zeta", "Özdemir, Ida"),
        ("Zeta", "Öztürk, Dora"),
        ("", "Adler, Hugo"),  # people without a company come last, by name
        ("", "Müller, Frida"),
    ]
    assert [r.confirmed for r in rows[:2]] == [False, False]
    assert rows[0].customer_number == "10005"
    assert rows[0].city == "Köln"


def test_pending_confirmations_tick_the_box_when_the_window_says_so():
    people = [contact(1, "A", "Anna", "Berg"), contact(2, "B", "Bert", "Cole")]
    assert [r.confirmed for r in checkin_rows(people)] == [False, True]  # the server's state
    pending = {1: True, 2: False}  # a confirm and an unconfirm on their way
    rows = checkin_rows(people, lambda participant: pending[participant.id])
    assert [r.confirmed for r in rows] == [True, False]
    sheet = checkin_sheet(Event(id=1, event_key="K"), people, confirmed_state=lambda _p: None)
    assert sheet.counts == "Participants: 2 · confirmed: 0"


def test_pagination_splits_rows_and_keeps_one_page_for_none():
    assert paginate(list(range(10)), 4) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert paginate(list(range(8)), 4) == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert paginate([], 40) == [[]]
    assert paginate([1, 2], 0) == [[1], [2]]


def test_a_larger_font_gives_taller_rows_and_fewer_per_page(expo):
    sheet = checkin_sheet(*expo, printed_at=PRINTED)
    normal = layout_for(sheet, QFont("DejaVu Sans", 10))
    large = layout_for(sheet, QFont("DejaVu Sans", 20))
    assert large.row_height > 1.8 * normal.row_height
    assert large.rows_per_page < normal.rows_per_page // 1.8
    assert normal.rows_per_page > 25  # a usable list, not a few rows a page
    assert large.header_height > normal.header_height
    # Large print leaves out the "Status" words (the tick stays) so names keep their room.
    assert normal.columns[STATUS][1] > 0
    assert large.columns[STATUS][1] == 0
    # Columns fill the width, in order, with room for the box first.
    ends = [x + width for x, width in normal.columns]
    assert ends[-1] == pytest.approx(normal.width)
    assert all(
        x == pytest.approx(end) for (x, _w), end in zip(normal.columns[1:], ends, strict=False)
    )


def test_tiny_application_fonts_still_print_readably():
    sheet = checkin_sheet(Event(id=1, event_key="K"), [], printed_at=PRINTED)
    assert layout_for(sheet, QFont("DejaVu Sans", 6)).body.pointSizeF() == 10


@pytest.mark.parametrize(
    ("country", "page"),
    [
        (QLocale.Country.UnitedStates, QPageSize.PageSizeId.Letter),
        (QLocale.Country.Canada, QPageSize.PageSizeId.Letter),
        (QLocale.Country.Germany, QPageSize.PageSizeId.A4),
        (QLocale.Country.UnitedKingdom, QPageSize.PageSizeId.A4),
    ],
)
def test_paper_follows_the_country(country, page):
    assert default_page_size(QLocale(QLocale.Language.English, country)).id() == page


def test_header_texts_are_locale_formatted(expo):
    event, participants = expo
    english = checkin_sheet(event, participants, printed_at=PRINTED)
    assert english.title == "Fachmesse Grün & Gärten 2026"
    assert english.subtitle == "EXPO26 · 8–11 Dec 2026 · Köln"
    assert english.counts == "Participants: 600 · confirmed: 222"
    german = checkin_sheet(
        event,
        participants,
        printed_at=PRINTED,
        locale=QLocale(QLocale.Language.German, QLocale.Country.Germany),
    )
    assert "Dez" in german.subtitle
    assert german.page_footer(1, 17) == "Page 1 of 17"  # untranslated in this test run


# -- the PDF -------------------------------------------------------------------------------


def test_pdf_of_600_people_has_the_pages_paginate_says(expo, tmp_path):
    event, participants = expo
    sheet = checkin_sheet(event, participants, printed_at=PRINTED)
    path = tmp_path / "expo.pdf"
    pages = write_checkin_pdf(path, sheet, QPageSize(QPageSize.PageSizeId.A4))
    chunks = paginate(sheet.rows, layout_for(sheet).rows_per_page)
    assert pages == len(chunks) > 10
    texts = pdf_pages(path)
    assert len(texts) == pages
    for number, (text, chunk) in enumerate(zip(texts, chunks, strict=True), start=1):
        assert "Fachmesse Grün & Gärten 2026" in text
        assert "EXPO26 · 8–11 Dec 2026 · Köln" in text
        assert f"Page {number} of {pages}" in text
        assert "Company" in text  # the column header, repeated
        assert "Customer no." in text
        assert "Printed" in text
        # Rows appear in list order (by company); customer numbers are never cut short.
        assert CUSTOMER_NUMBER.findall(text) == [row.customer_number for row in chunk]
        assert text.count("Confirmed") == sum(row.confirmed for row in chunk)
    companies = [row.company for row in sheet.rows if row.company]
    assert companies[0].startswith("Ærø")  # "Ærø" folds to "aero": before "Alpenglühen"
    assert pypdf.PdfReader(path).metadata.title == "Fachmesse Grün & Gärten 2026"  # type: ignore[union-attr]


def test_an_event_without_participants_prints_one_page_saying_so(tmp_path):
    event = Event(id=9, event_key="EMPTY", title="Leere Veranstaltung", city="Wien")
    path = tmp_path / "empty.pdf"
    assert write_checkin_pdf(path, checkin_sheet(event, [], printed_at=PRINTED)) == 1
    (text,) = pdf_pages(path)
    assert "Leere Veranstaltung" in text
    assert "This event has no participants to check in." in text
    assert "Page 1 of 1" in text


def test_a_failed_pdf_leaves_nothing_behind(read_only_folder):
    sheet = checkin_sheet(Event(id=1, event_key="K"), [], printed_at=PRINTED)
    with pytest.raises(ExportError, match=r"“list\.pdf” could not be saved: access was denied"):
        write_checkin_pdf(read_only_folder / "list.pdf", sheet)
    assert sorted(p.name for p in read_only_folder.iterdir()) == ["existing.csv"]


def test_every_row_has_a_box_to_tick_and_the_confirmed_are_ticked(qtbot, expo):
    sheet = checkin_sheet(*expo, printed_at=PRINTED)
    image = QImage(794, 1123, QImage.Format.Format_RGB32)  # A4 at 96 dpi
    image.fill(QColor("white"))
    layout = PageLayout.measure(image, sheet)
    rows = paginate(sheet.rows, layout.rows_per_page)[0]
    painter = QPainter(image)
    paint_page(painter, layout, sheet, rows, number=1, count=2)
    painter.end()

    def pixels(rect: QRectF) -> list[QColor]:
        inner = rect.toRect().adjusted(3, 3, -3, -3)
        return [
            image.pixelColor(QPoint(x, y))
            for x in range(inner.left(), inner.right() + 1)
            for y in range(inner.top(), inner.bottom() + 1)
        ]

    def greenish(color: QColor) -> bool:
        return color.green() > color.red() + 40 and color.green() > color.blue() + 20

    assert TICK.green() > TICK.red()
    for index, row in enumerate(rows):
        square = box_rect(layout, layout.row_top(index))
        y = round(square.center().y())
        edge = range(round(square.left()) - 1, round(square.left()) + 2)  # antialiased line
        darkest = min(image.pixelColor(QPoint(x, y)).lightness() for x in edge)
        assert darkest < 160, f"row {index} has no box border"
        inside = pixels(square)
        if row.confirmed:
            assert any(greenish(color) for color in inside), f"row {index} is not ticked"
        else:
            assert all(color.lightness() > 240 for color in inside), f"row {index} is not empty"


def test_the_list_renders_only_the_pages_asked_for(expo, tmp_path):
    sheet = checkin_sheet(*expo, printed_at=PRINTED)
    path = tmp_path / "range.pdf"
    writer = pdf_writer(path)
    total = render_checkin_list(writer, sheet, pages=range(2, 4))
    del writer
    texts = pdf_pages(path)
    assert [f"Page {n} of {total}" in text for n, text in zip((2, 3), texts, strict=True)] == [
        True,
        True,
    ]


# -- print preview and the File menu entries -----------------------------------------------


def test_print_preview_shows_every_page(qtbot, expo):
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = checkin_preview(parent, *expo)
    assert dialog.objectName() == "checkinPrintPreview"
    assert dialog.accessibleName()
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview is not None
    dialog.open()
    sheet = checkin_sheet(*expo)
    printer: QPrinter = dialog.printer_  # type: ignore[attr-defined]
    expected = len(paginate(sheet.rows, PageLayout.measure(printer, sheet).rows_per_page))
    qtbot.waitUntil(lambda: preview.pageCount() == expected)
    dialog.close()


def test_printing_a_page_range_prints_those_pages(expo, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(3, 3)
    total = paint_for_printer(printer, checkin_sheet(*expo))
    del printer
    (text,) = pdf_pages(tmp_path / "printed.pdf")
    assert f"Page 3 of {total}" in text


def test_save_as_pdf_asks_remembers_the_folder_and_reports(
    qtbot, monkeypatch, expo, tmp_path, settings: Settings
):
    window = QMainWindow()
    qtbot.addWidget(window)
    target = tmp_path / "pdfs" / "list"
    target.parent.mkdir()
    asked: list[str] = []

    def ask(_parent, _folder, suggested):
        asked.append(suggested)
        return target.with_suffix(".pdf")

    monkeypatch.setattr(checkin_list_actions, "ask_pdf_path", ask)
    event, participants = expo
    saved = save_checkin_list_pdf(window, event, participants, settings)
    assert saved == tmp_path / "pdfs" / "list.pdf"
    assert saved is not None
    assert saved.exists()
    assert asked == ["Check-in list EXPO26"]
    assert settings.get(EXPORT_FOLDER) == str(tmp_path / "pdfs")
    pages = len(pypdf.PdfReader(saved).pages)
    assert window.statusBar().currentMessage() == f"Saved “list.pdf”. Pages: {pages}"


def test_save_as_pdf_failure_is_explained(qtbot, monkeypatch, expo, settings, read_only_folder):
    window = QMainWindow()
    qtbot.addWidget(window)
    path = read_only_folder / "list.pdf"
    monkeypatch.setattr(checkin_list_actions, "ask_pdf_path", lambda *_args: path)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warnings.append(text))
    event, participants = expo
    assert save_checkin_list_pdf(window, event, participants, settings) is None
    assert len(warnings) == 1
    assert warnings[0].startswith("“list.pdf” could not be saved: access was denied.")
    assert sorted(p.name for p in read_only_folder.iterdir()) == ["existing.csv"]


def test_dates_of_one_day_events_print_once():
    event = Event(
        id=3,
        event_key="WS26",
        title="Workshop",
        date_from=date(2026, 3, 12),
        date_to=date(2026, 3, 12),
        city="Zürich",
    )
    assert checkin_sheet(event, [], printed_at=PRINTED).subtitle == "WS26 · 12 Mar 2026 · Zürich"
