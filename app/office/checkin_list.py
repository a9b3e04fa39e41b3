"""A printable check-in list of an event: rows sorted by company, a box to tick per person.

Three steps, so that most of it is testable without painting:

1. :func:`checkin_sheet` turns an event and its participants into texts (sorted rows,
   locale-formatted dates, translated headers);
2. :meth:`PageLayout.measure` sizes everything from the font metrics of the paint device
   (no pixel sizes: a larger font gives taller rows and fewer rows per page), and
   :func:`paginate` splits the rows into pages;
3. :func:`paint_page` / :func:`render_checkin_list` paint with QPainter onto any device:
   a QPrinter, a QPdfWriter, or a QImage in tests.

Every page repeats the event header and the column header, and ends with the printed date
and "Page X of Y". Participants confirmed already get a ticked box and "Confirmed", so desk
staff see at a glance who has checked in before the list was printed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, TypeVar

from PySide6.QtCore import QCoreApplication, QLineF, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPen,
)

from app.domain import Event, Participant
from app.search import fold
from app.ui.dialogs.formatting import format_date_range, format_datetime

T = TypeVar("T")
#: A participant's confirmation state as the window shows it.
ConfirmedState = Callable[[Participant], bool | None]

#: The smallest body text printed, in points: lists are read at arm's length at a desk.
MIN_POINT_SIZE: Final = 10.0
#: Page margins in millimetres, inside what every office printer can print.
MARGIN_MM: Final = 15.0
#: Countries whose offices use US Letter paper; the rest of the world uses A4.
LETTER_COUNTRIES: Final = frozenset(
    {
        QLocale.Country.UnitedStates,
        QLocale.Country.Canada,
        QLocale.Country.Mexico,
        QLocale.Country.Philippines,
        QLocale.Country.Chile,
        QLocale.Country.Colombia,
        QLocale.Country.Venezuela,
        QLocale.Country.PuertoRico,
    }
)

# Quiet colours that still read in black and white: grey bars, a dark green tick.
INK: Final = QColor(0x20, 0x20, 0x20)
MUTED: Final = QColor(0x55, 0x55, 0x55)
RULE: Final = QColor(0x88, 0x88, 0x88)
ZEBRA: Final = QColor(0xF0, 0xF0, 0xF0)
HEADER_FILL: Final = QColor(0xDD, 0xE3, 0xEA)
TICK: Final = QColor(0x1B, 0x6E, 0x2E)

_DIGITS = re.compile(r"(\d+)")
#: Company and name together get at least this share of the width before "Status" goes.
NAMES_SHARE: Final = 0.55

# Column order; the first (the box) has no header text.
BOX, COMPANY, NAME, NUMBER, CITY, STATUS = range(6)


@dataclass(frozen=True, slots=True)
class CheckinRow:
    """One person on the list."""

    company: str
    name: str
    customer_number: str
    city: str
    confirmed: bool

    def cells(self, confirmed_text: str) -> tuple[str, ...]:
        """The texts of the columns after the box."""
        status = confirmed_text if self.confirmed else ""
        return (self.company, self.name, self.customer_number, self.city, status)


@dataclass(frozen=True, slots=True)
class CheckinSheet:
    """Everything the list says, as text in the interface language; no device yet."""

    title: str
    subtitle: str  # event key · dates · city
    counts: str  # "600 participants · 210 confirmed"
    printed: str  # "Printed 8 Dec 2026, 14:03"
    headers: tuple[str, ...]  # after the box column
    rows: Sequence[CheckinRow]
    confirmed_text: str
    empty_text: str

    def page_footer(self, number: int, count: int) -> str:
        """ "Page X of Y", numbers in the interface locale."""
        locale = QLocale()
        return (
            QCoreApplication.translate("CheckinList", "Page %1 of %2")
            .replace("%1", locale.toString(number))
            .replace("%2", locale.toString(count))
        )


def _server_state(participant: Participant) -> bool | None:
    return participant.is_confirmed


def natural_key(text: str) -> tuple[Any, ...]:
    """Case- and accent-insensitive order with numbers by value: "Hall 9" before "Hall 10"."""
    parts = _DIGITS.split(fold(text))
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in parts if part)


def _row_key(participant: Participant) -> tuple[Any, ...]:
    contact = participant.contact
    if contact is None:
        return (2, (), "", "", str(participant.contact_id or ""))
    company = contact.company_name or ""
    return (
        0 if company else 1,  # people without a company after the companies, by name
        natural_key(company),
        fold(contact.last_name or ""),
        fold(contact.first_name or ""),
        natural_key(contact.customer_number or ""),
    )


def person_name(participant: Participant) -> str:
    """ "Last, First" (the order the list is sorted in), or whichever part is known."""
    contact = participant.contact
    if contact is None:
        return QCoreApplication.translate("CheckinList", "Contact %1").replace(
            "%1", str(participant.contact_id or "?")
        )
    if contact.last_name and contact.first_name:
        return (
            QCoreApplication.translate("CheckinList", "%1, %2", "last name, first name")
            .replace("%1", contact.last_name)
            .replace("%2", contact.first_name)
        )
    return contact.last_name or contact.first_name or ""


def checkin_rows(
    participants: Sequence[Participant], confirmed_state: ConfirmedState | None = None
) -> list[CheckinRow]:
    """The list's rows, by company (natural, accent- and case-insensitive), then last name.

    ``confirmed_state`` tells a participant's state as the window shows it (pending changes
    included, e.g. the table model's ``is_confirmed``); without it, the server's state.
    """
    state = confirmed_state or _server_state
    rows = []
    for participant in sorted(participants, key=_row_key):
        contact = participant.contact
        rows.append(
            CheckinRow(
                company=(contact.company_name or "") if contact else "",
                name=person_name(participant),
                customer_number=(contact.customer_number or "") if contact else "",
                city=(contact.city or "") if contact else "",
                confirmed=bool(state(participant)),
            )
        )
    return rows


def checkin_sheet(
    event: Event,
    participants: Sequence[Participant],
    *,
    printed_at: datetime | None = None,
    locale: QLocale | None = None,
    confirmed_state: ConfirmedState | None = None,
) -> CheckinSheet:
    """The texts of ``event``'s check-in list (``printed_at`` defaults to now)."""
    locale = locale or QLocale()
    rows = checkin_rows(participants, confirmed_state)
    confirmed = sum(row.confirmed for row in rows)
    dates = format_date_range(event.date_from, event.date_to, locale)
    subtitle = " · ".join(part for part in (event.event_key, dates, event.city) if part)
    # No plural forms needed ("Participants: 1"), so English reads right without a .qm file.
    counts = (
        QCoreApplication.translate("CheckinList", "Participants: %1 · confirmed: %2")
        .replace("%1", locale.toString(len(rows)))
        .replace("%2", locale.toString(confirmed))
    )
    printed = QCoreApplication.translate("CheckinList", "Printed %1").replace(
        "%1", format_datetime(printed_at or datetime.now().astimezone(), locale)
    )
    return CheckinSheet(
        title=event.display_name,
        subtitle=subtitle,
        counts=counts,
        printed=printed,
        headers=(
            QCoreApplication.translate("CheckinList", "Company"),
            QCoreApplication.translate("CheckinList", "Name"),
            QCoreApplication.translate("CheckinList", "Customer no."),
            QCoreApplication.translate("CheckinList", "City"),
            QCoreApplication.translate("CheckinList", "Status"),
        ),
        rows=rows,
        confirmed_text=QCoreApplication.translate("CheckinList", "Confirmed"),
        empty_text=QCoreApplication.translate(
            "CheckinList", "This event has no participants to check in."
        ),
    )


def default_page_size(locale: QLocale | None = None) -> QPageSize:
    """US Letter where offices use it (the Americas' Letter countries), A4 elsewhere."""
    country = (locale or QLocale.system()).territory()
    letter = country in LETTER_COUNTRIES
    return QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)


def paginate(rows: Sequence[T], rows_per_page: int) -> list[Sequence[T]]:
    """The rows of each page; an empty list still has one page (which says so)."""
    per_page = max(1, rows_per_page)
    if not rows:
        return [rows[:0]]
    return [rows[start : start + per_page] for start in range(0, len(rows), per_page)]


def body_font(font: QFont | None = None) -> QFont:
    """The list's text font: the application's, at least :data:`MIN_POINT_SIZE` points."""
    base = QFont(font if font is not None else QGuiApplication.font())
    size = base.pointSizeF()
    base.setPointSizeF(max(size if size > 0 else MIN_POINT_SIZE, MIN_POINT_SIZE))
    return base


def _scaled(font: QFont, factor: float, *, bold: bool = False) -> QFont:
    scaled = QFont(font)
    scaled.setPointSizeF(font.pointSizeF() * factor)
    scaled.setBold(bold)
    return scaled


@dataclass(frozen=True, slots=True)
class PageLayout:
    """Sizes and positions on one device, in its pixels, all derived from the font metrics."""

    width: float
    height: float
    body: QFont
    bold: QFont
    title: QFont
    small: QFont
    padding: float
    line: float  # width of rules and box borders
    title_height: float
    subtitle_height: float
    row_height: float
    header_height: float  # event title + subtitle + gap + column header row
    footer_height: float
    columns: tuple[tuple[float, float], ...]  # (x, width) of each column, the box first

    @classmethod
    def measure(
        cls, device: QPaintDevice, sheet: CheckinSheet, font: QFont | None = None
    ) -> PageLayout:
        """Lay the list out for ``device`` (its paintable area and resolution)."""
        body = body_font(font)
        bold = _scaled(body, 1.0, bold=True)
        title = _scaled(body, 1.5, bold=True)
        small = _scaled(body, 0.85)
        metrics = QFontMetricsF(body, device)
        padding = metrics.averageCharWidth() * 0.8
        row_height = math.ceil(metrics.height() * 1.55)
        title_height = QFontMetricsF(title, device).height() * 1.2
        subtitle_height = metrics.height() * 1.3
        header_height = title_height + subtitle_height + metrics.height() * 0.6 + row_height
        footer_height = QFontMetricsF(small, device).height() * 2.0
        width, height = float(device.width()), float(device.height())
        columns = _columns(
            device, sheet, body=body, bold=bold, width=width, row_height=row_height, padding=padding
        )
        return cls(
            width=width,
            height=height,
            body=body,
            bold=bold,
            title=title,
            small=small,
            padding=padding,
            line=max(1.0, device.logicalDpiY() / 150),
            title_height=title_height,
            subtitle_height=subtitle_height,
            row_height=row_height,
            header_height=header_height,
            footer_height=footer_height,
            columns=columns,
        )

    @property
    def rows_per_page(self) -> int:
        """How many rows fit between the page header and the footer (at least one)."""
        room = self.height - self.header_height - self.footer_height
        return max(1, int(room // self.row_height))

    def row_top(self, index: int) -> float:
        """The top of the ``index``-th row of a page."""
        return self.header_height + index * self.row_height


def _columns(
    device: QPaintDevice,
    sheet: CheckinSheet,
    *,
    body: QFont,
    bold: QFont,
    width: float,
    row_height: float,
    padding: float,
) -> tuple[tuple[float, float], ...]:
    """Column spans: the short columns as wide as their widest text (capped); Company the rest."""
    metrics, header_metrics = QFontMetricsF(body, device), QFontMetricsF(bold, device)
    rest = width - row_height  # the box column is a square as wide as a row is tall

    def fitted(column: int, values: Collection[str], share: float) -> float:
        widest = max(
            [header_metrics.horizontalAdvance(sheet.headers[column - 1])]
            + [metrics.horizontalAdvance(value) for value in values]
        )
        return min(widest + 2 * padding, rest * share)

    number = fitted(NUMBER, {row.customer_number for row in sheet.rows}, 0.2)
    city = fitted(CITY, {row.city for row in sheet.rows}, 0.2)
    status = fitted(STATUS, {sheet.confirmed_text}, 0.16)
    if rest - number - city - status < rest * NAMES_SHARE:
        # Cramped (large print, narrow paper): the green tick alone says "confirmed".
        status = 0.0
    # Company and name share the rest; the company, which people look up first, gets the
    # larger part and whatever the names do not need.
    names = rest - number - city - status
    name = fitted(NAME, {row.name for row in sheet.rows}, 1.0)
    name = min(name, names * 0.4)
    company = names - name
    widths = (row_height, company, name, number, city, status)
    spans, x = [], 0.0
    for column_width in widths:
        spans.append((x, column_width))
        x += column_width
    return tuple(spans)


def paint_page(
    painter: QPainter,
    layout: PageLayout,
    sheet: CheckinSheet,
    rows: Sequence[CheckinRow],
    *,
    number: int,
    count: int,
) -> None:
    """Paint page ``number`` of ``count`` with ``rows`` onto the painter's current page."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _paint_header(painter, layout, sheet)
    _paint_column_header(painter, layout, sheet)
    if not rows:
        painter.setFont(layout.body)
        painter.setPen(INK)
        empty = QRectF(0, layout.header_height, layout.width, layout.row_height * 2)
        painter.drawText(empty, Qt.AlignmentFlag.AlignCenter, sheet.empty_text)
    for index, row in enumerate(rows):
        _paint_row(painter, layout, sheet, row, layout.row_top(index), shaded=index % 2 == 1)
    _paint_footer(painter, layout, sheet, number, count)
    painter.restore()


def _text(
    painter: QPainter,
    rect: QRectF,
    text: str,
    font: QFont,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
) -> None:
    """Draw ``text`` in ``rect``, elided with "…" when it does not fit."""
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
    painter.drawText(rect, align | Qt.AlignmentFlag.AlignVCenter, shown)


def _paint_header(painter: QPainter, layout: PageLayout, sheet: CheckinSheet) -> None:
    """The title across the page; below it the key, dates and city, and the counts right."""
    painter.setPen(INK)
    _text(painter, QRectF(0, 0, layout.width, layout.title_height), sheet.title, layout.title)
    painter.setPen(MUTED)
    metrics = QFontMetricsF(layout.body, painter.device())
    gap = layout.padding * 3
    wanted = metrics.horizontalAdvance(sheet.subtitle) + layout.padding
    # The event's key, dates and city come first; the counts get what is left (or 40 %).
    subtitle_width = min(wanted, layout.width - gap - metrics.horizontalAdvance(sheet.counts))
    subtitle_width = max(subtitle_width, min(wanted, layout.width * 0.6))
    line = QRectF(0, layout.title_height, layout.width, layout.subtitle_height)
    _text(
        painter, line.adjusted(0, 0, subtitle_width - layout.width, 0), sheet.subtitle, layout.body
    )
    counts = line.adjusted(subtitle_width + gap, 0, 0, 0)
    _text(painter, counts, sheet.counts, layout.body, Qt.AlignmentFlag.AlignRight)


def _paint_column_header(painter: QPainter, layout: PageLayout, sheet: CheckinSheet) -> None:
    top = layout.header_height - layout.row_height
    band = QRectF(0, top, layout.width, layout.row_height)
    painter.fillRect(band, HEADER_FILL)
    painter.setPen(INK)
    for column, header in enumerate(sheet.headers, start=COMPANY):
        x, width = layout.columns[column]
        if width <= 2 * layout.padding:
            continue  # a column left out for room
        cell = QRectF(x + layout.padding, top, width - 2 * layout.padding, layout.row_height)
        _text(painter, cell, header, layout.bold)
    _box(painter, layout, top, ticked=False)
    painter.setPen(QPen(INK, layout.line))
    painter.drawLine(QLineF(0, band.bottom(), layout.width, band.bottom()))


def _paint_row(
    painter: QPainter,
    layout: PageLayout,
    sheet: CheckinSheet,
    row: CheckinRow,
    top: float,
    *,
    shaded: bool,
) -> None:
    if shaded:
        painter.fillRect(QRectF(0, top, layout.width, layout.row_height), ZEBRA)
    _box(painter, layout, top, ticked=row.confirmed)
    painter.setPen(INK)
    for column, text in enumerate(row.cells(sheet.confirmed_text), start=COMPANY):
        x, width = layout.columns[column]
        if not text or width <= 2 * layout.padding:
            continue
        cell = QRectF(x + layout.padding, top, width - 2 * layout.padding, layout.row_height)
        if column == STATUS:
            painter.setPen(TICK)
        _text(painter, cell, text, layout.body)


def box_rect(layout: PageLayout, top: float) -> QRectF:
    """The checkbox square of the row starting at ``top`` (centred in the box column)."""
    size = layout.row_height * 0.6
    x, width = layout.columns[BOX]
    return QRectF(x + (width - size) / 2, top + (layout.row_height - size) / 2, size, size)


def _box(painter: QPainter, layout: PageLayout, top: float, *, ticked: bool) -> None:
    """An empty square to tick by hand; ticked (in green) for the already confirmed."""
    square = box_rect(layout, top)
    painter.setBrush(QBrush(Qt.GlobalColor.white))
    painter.setPen(QPen(INK, layout.line))
    painter.drawRect(square)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if not ticked:
        return
    tick = QPainterPath(QPointF(square.left() + square.width() * 0.2, square.center().y()))
    tick.lineTo(square.left() + square.width() * 0.42, square.bottom() - square.height() * 0.2)
    tick.lineTo(square.right() - square.width() * 0.15, square.top() + square.height() * 0.18)
    pen = QPen(TICK, max(layout.line * 2, square.width() / 8))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.drawPath(tick)


def _paint_footer(
    painter: QPainter, layout: PageLayout, sheet: CheckinSheet, number: int, count: int
) -> None:
    top = layout.height - layout.footer_height
    painter.setPen(QPen(RULE, layout.line))
    painter.drawLine(QLineF(0, top + layout.line, layout.width, top + layout.line))
    painter.setPen(MUTED)
    half = layout.width / 2
    text_area = QRectF(0, top, half, layout.footer_height)
    _text(painter, text_area, sheet.printed, layout.small)
    pages = QRectF(half, top, half, layout.footer_height)
    _text(
        painter, pages, sheet.page_footer(number, count), layout.small, Qt.AlignmentFlag.AlignRight
    )


def render_checkin_list(
    device: QPagedPaintDevice,
    sheet: CheckinSheet,
    *,
    font: QFont | None = None,
    pages: Collection[int] | None = None,
) -> int:
    """Paint the whole list (or only the 1-based ``pages``) onto ``device``; returns the pages.

    ``device`` is a QPrinter or a QPdfWriter, not yet painted on; its page size and margins
    are used as they are.
    """
    layout = PageLayout.measure(device, sheet, font)
    chunks = paginate(sheet.rows, layout.rows_per_page)
    wanted = [n for n in range(1, len(chunks) + 1) if pages is None or n in pages]
    if not wanted:
        return len(chunks)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("could not start painting the check-in list")
    try:
        for position, number in enumerate(wanted):
            if position:
                device.newPage()
            paint_page(painter, layout, sheet, chunks[number - 1], number=number, count=len(chunks))
    finally:
        painter.end()
    return len(chunks)
