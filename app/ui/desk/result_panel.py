"""The desk's big result panel: what the last scan did, readable from a metre away.

Each result fills the panel's width with a strong colour, but the kind is also carried by a
large icon *shape* and the spelled-out headline, so it never depends on colour alone. Every
result is announced to screen readers. With a high-contrast preference the system palette's
own colours are used and only a thick border carries the kind colour.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.desk.results import DeskResult, ResultKind

log = logging.getLogger(__name__)

DEFAULT_CLEAR_SECONDS = 6.0

# Type sizes relative to the panel's inherited font, so system font size and scaling apply.
HEADLINE_SCALE = 3.0
COMPANY_SCALE = 2.2
PERSON_SCALE = 1.8
DETAIL_SCALE = 1.3
IDLE_SCALE = 1.8
TEXT_SPACING = 2
ICON_LINES = 2.2  # icon side in headline line heights
HIGH_CONTRAST_BORDER = 0.5  # border width in base line heights


@dataclass(frozen=True, slots=True)
class KindColours:
    """Background and text colour of one result kind (text checked for WCAG AA contrast)."""

    background: str
    text: str


DARK_TEXT = "#1b1b1b"
LIGHT_TEXT = "#ffffff"
KIND_COLOURS: dict[ResultKind, KindColours] = {
    ResultKind.CONFIRMED: KindColours("#1b6e2c", LIGHT_TEXT),  # green, 6.3:1
    ResultKind.ALREADY_CONFIRMED: KindColours("#ffb300", DARK_TEXT),  # amber, 9.6:1
    ResultKind.NOT_REGISTERED: KindColours("#b71c1c", LIGHT_TEXT),  # red, 6.6:1
    ResultKind.ERROR: KindColours("#b71c1c", LIGHT_TEXT),
    ResultKind.SEVERAL: KindColours("#dfe4ea", DARK_TEXT),  # neutral grey-blue, 13.5:1
    ResultKind.UNDONE: KindColours("#dfe4ea", DARK_TEXT),
}


def relative_luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0 black … 1 white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    rgb = colour.toRgb()
    return (
        0.2126 * linear(rgb.redF()) + 0.7152 * linear(rgb.greenF()) + 0.0722 * linear(rgb.blueF())
    )


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2 contrast ratio between two colours (1 … 21; 4.5 is the AA minimum for text)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def prefers_high_contrast() -> bool:
    """Whether the system asks for high contrast (Qt ≥ 6.10 reports it; older: never)."""
    hints = QGuiApplication.styleHints()
    accessibility_hints = getattr(hints, "accessibility", None)
    if accessibility_hints is None:
        return False
    try:
        accessibility = accessibility_hints()
        return bool(accessibility.contrastPreference() == Qt.ContrastPreference.HighContrast)
    except RuntimeError:  # the hints object can vanish while the application shuts down
        return False


def scaled_font(base: QFont, factor: float, *, bold: bool = False) -> QFont:
    """``base`` scaled by ``factor`` (works for point- and pixel-sized fonts)."""
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    else:
        font.setPixelSize(max(1, round(base.pixelSize() * factor)))
    font.setBold(bold)
    return font


class ResultIcon(QWidget):
    """A large, shape-coded icon drawn in the text colour: check, clock, cross, warning, …

    Painted rather than loaded so it always has the panel's text colour (the bundled icons
    carry their own colours, which would vanish on a background of the same colour).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind: ResultKind | None = None
        self._colour = QColor(DARK_TEXT)
        self._hole = QColor(LIGHT_TEXT)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def kind(self) -> ResultKind | None:
        """The kind drawn; None: the idle (ready to scan) glyph."""
        return self._kind

    def set_kind(self, kind: ResultKind | None, colour: QColor, hole: QColor) -> None:
        """Draw ``kind`` in ``colour``; ``hole`` is used for marks cut into filled shapes."""
        self._kind = kind
        self._colour = QColor(colour)
        self._hole = QColor(hole)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Draw the glyph for the kind into a square scaled to the widget."""
        side = min(self.width(), self.height())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate((self.width() - side) / 2, (self.height() - side) / 2)
        painter.scale(side / 24.0, side / 24.0)  # draw on a 24 × 24 grid
        self._draw(painter)
        painter.end()

    def _pen(self, colour: QColor, width: float) -> QPen:
        pen = QPen(colour, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def _draw(self, painter: QPainter) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        draw = (
            {
                ResultKind.CONFIRMED: self._draw_disc,
                ResultKind.ALREADY_CONFIRMED: self._draw_disc,
                ResultKind.NOT_REGISTERED: self._draw_disc,
                ResultKind.ERROR: self._draw_warning,
                ResultKind.SEVERAL: self._draw_list,
                ResultKind.UNDONE: self._draw_undo,
            }.get(self._kind)
            if self._kind is not None
            else None
        )
        (draw or self._draw_badge)(painter)

    def _draw_disc(self, painter: QPainter) -> None:
        """A filled disc with a check (confirmed), a clock (already) or a cross (not registered)."""
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._colour)
        painter.drawEllipse(QRectF(1, 1, 22, 22))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self._pen(self._hole, 2.6))
        if self._kind is ResultKind.CONFIRMED:
            check = QPainterPath(QPointF(6.5, 12.4))
            check.lineTo(10.2, 16.0)
            check.lineTo(17.5, 8.3)
            painter.drawPath(check)
        elif self._kind is ResultKind.NOT_REGISTERED:
            painter.drawLine(QPointF(8, 8), QPointF(16, 16))
            painter.drawLine(QPointF(16, 8), QPointF(8, 16))
        else:  # a clock: "already, at 10:42"
            painter.drawLine(QPointF(12, 12), QPointF(12, 6))
            painter.drawLine(QPointF(12, 12), QPointF(16, 14.5))

    def _draw_warning(self, painter: QPainter) -> None:
        """A filled warning triangle with an exclamation mark (something went wrong)."""
        triangle = QPainterPath(QPointF(12, 1.5))
        triangle.lineTo(23, 21.5)
        triangle.lineTo(1, 21.5)
        triangle.closeSubpath()
        painter.setPen(self._pen(self._colour, 1.5))
        painter.setBrush(self._colour)
        painter.drawPath(triangle)
        painter.setPen(self._pen(self._hole, 2.6))
        painter.drawLine(QPointF(12, 8.5), QPointF(12, 13.5))
        painter.drawPoint(QPointF(12, 17.5))

    def _draw_list(self, painter: QPainter) -> None:
        """A bulleted list (several matches: pick one)."""
        painter.setPen(self._pen(self._colour, 2.4))
        for y in (6.0, 12.0, 18.0):
            painter.drawPoint(QPointF(3.5, y))
            painter.drawLine(QPointF(8, y), QPointF(21, y))

    def _draw_undo(self, painter: QPainter) -> None:
        """An arrow turning back (the last check-in was undone)."""
        painter.setPen(self._pen(self._colour, 2.4))
        arc = QPainterPath(QPointF(5, 10))
        arc.lineTo(15, 10)
        arc.cubicTo(QPointF(21.5, 10), QPointF(21.5, 20), QPointF(15, 20))
        arc.lineTo(9, 20)
        painter.drawPath(arc)
        head = QPainterPath(QPointF(9, 5.5))
        head.lineTo(4.5, 10)
        head.lineTo(9, 14.5)
        painter.drawPath(head)

    def _draw_badge(self, painter: QPainter) -> None:
        """A badge with a barcode (idle: ready to scan)."""
        painter.setPen(self._pen(self._colour, 1.6))
        painter.drawRoundedRect(QRectF(2, 4, 20, 16), 2.5, 2.5)
        for x, width in (
            (6.0, 1.2),
            (8.5, 0.6),
            (10.5, 1.6),
            (13.0, 0.6),
            (15.0, 1.2),
            (17.5, 0.6),
        ):
            painter.setPen(QPen(self._colour, width))
            painter.drawLine(QPointF(x, 8), QPointF(x, 16))


class CheckinResultPanel(QFrame):
    """Shows one :class:`DeskResult` large and in colour, then returns to a calm idle state.

    Signals: ``cleared()`` when a shown result gives way to the idle state (by
    :meth:`clear` or after :meth:`set_clear_after` seconds); ``announced(str)`` with the text
    sent to screen readers.
    """

    cleared = Signal()
    announced = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkinResult")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._result: DeskResult | None = None
        self._background = QColor()
        self._text = QColor()
        self._border: QColor | None = None

        self._timer = QTimer(self)
        self._timer.setObjectName("checkinResultTimer")
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)
        self.set_clear_after(DEFAULT_CLEAR_SECONDS)

        self._icon = ResultIcon(self)
        self._icon.setObjectName("checkinResultIcon")
        self._headline = self._label("checkinResultHeadline")
        self._company = self._label("checkinResultCompany")
        self._person = self._label("checkinResultPerson")
        self._detail = self._label("checkinResultDetail")
        # Display only: clicking the panel must not take the focus from the scan field.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        texts = QVBoxLayout()
        texts.setSpacing(TEXT_SPACING)
        # Centred vertically: the window may give the panel much more height than the text.
        texts.addStretch(1)
        for label in (self._headline, self._company, self._person, self._detail):
            texts.addWidget(label)
        texts.addStretch(1)
        self._layout = QHBoxLayout(self)
        self._layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignVCenter)
        self._layout.addLayout(texts, 1)

        hints = QGuiApplication.styleHints()
        if hasattr(hints, "accessibility"):
            try:
                hints.accessibility().contrastPreferenceChanged.connect(self._restyle)
            except RuntimeError:
                log.debug("No accessibility hints to follow")
        hints.colorSchemeChanged.connect(self._restyle)

        self._apply_fonts()
        self._show_idle()

    # -- public API --------------------------------------------------------------------------

    def result(self) -> DeskResult | None:
        """The result shown, or None in the idle state."""
        return self._result

    def colours(self) -> tuple[QColor, QColor]:
        """The background and text colour in use now."""
        return QColor(self._background), QColor(self._text)

    @property
    def headline(self) -> str:
        """The headline shown (the idle text when no result is shown)."""
        return self._headline.text()

    def clear_after(self) -> float:
        """Seconds after which a result gives way to the idle state (0: never)."""
        return self._timer.interval() / 1000 if self._timer.interval() > 0 else 0.0

    def set_clear_after(self, seconds: float) -> None:
        """Return to idle ``seconds`` after each result (0 or less: keep results up)."""
        self._timer.setInterval(max(0, round(seconds * 1000)))
        if self._timer.interval() == 0:
            self._timer.stop()
        elif self._result is not None:
            self._timer.start()

    def show_result(self, result: DeskResult) -> None:
        """Show ``result`` (replacing any other), announce it, and restart the idle timer."""
        self._result = result
        self._headline.setText(result.headline)
        for label, text in (
            (self._company, result.company),
            (self._person, result.person),
            (self._detail, result.detail),
        ):
            label.setText(text or "")
            label.setAccessibleName(text or "")
            label.setVisible(bool(text))
        self._headline.setAccessibleName(result.headline)
        self._icon.setAccessibleName(self._kind_word(result.kind))
        self.setAccessibleName(self.tr("Check-in result: %1").replace("%1", result.headline))
        self.setAccessibleDescription(result.spoken)
        self.setProperty("resultKind", result.kind.value)
        self._apply_fonts()
        self._restyle()
        if self._timer.interval() > 0:
            self._timer.start()  # a newer result restarts the countdown
        self._announce(result.spoken)

    def clear(self) -> None:
        """Show the idle state; emits ``cleared`` if a result was shown."""
        self._timer.stop()
        had_result = self._result is not None
        self._result = None
        self._show_idle()
        if had_result:
            self.cleared.emit()

    # -- Qt overrides --------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Follow font changes (system size, 200 % scaling) and palette changes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._apply_fonts()
        elif event.type() == QEvent.Type.PaletteChange:
            self._restyle()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Fill the whole panel with the kind's colour (and the high-contrast border)."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._background)
        if self._border is not None:
            width = self._border_width()
            pen = QPen(self._border, width)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = width / 2
            painter.drawRect(QRectF(self.rect()).adjusted(half, half, -half, -half))
        painter.end()
        super().paintEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Wide, and tall enough for a full result even when idle, so the layout never jumps."""
        base = self.font()
        lines = sum(
            QFontMetrics(scaled_font(base, scale, bold=bold)).height() + TEXT_SPACING
            for scale, bold in (
                (HEADLINE_SCALE, True),
                (COMPANY_SCALE, True),
                (PERSON_SCALE, False),
                (DETAIL_SCALE, False),
            )
        )
        margins = self._layout.contentsMargins()
        height = max(lines, self._icon.height()) + margins.top() + margins.bottom()
        return QSize(max(super().sizeHint().width(), 40 * self._unit()), height)

    # -- internals -----------------------------------------------------------------------------

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # names from the server are not HTML
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        return label

    def _unit(self) -> int:
        return QFontMetrics(self.font()).height()

    def _border_width(self) -> int:
        return max(3, round(self._unit() * HIGH_CONTRAST_BORDER))

    def _apply_fonts(self) -> None:
        base = self.font()
        headline = scaled_font(base, HEADLINE_SCALE, bold=True)
        # Idle is calm: the invitation to scan is smaller and not bold, unlike any result.
        idle = scaled_font(base, IDLE_SCALE)
        self._headline.setFont(idle if self._result is None else headline)
        self._company.setFont(scaled_font(base, COMPANY_SCALE, bold=True))
        self._person.setFont(scaled_font(base, PERSON_SCALE))
        self._detail.setFont(scaled_font(base, DETAIL_SCALE))
        side = round(QFontMetrics(headline).height() * ICON_LINES)
        self._icon.setFixedSize(side, side)
        self._layout.setSpacing(self._unit())
        self._apply_margins()
        self.updateGeometry()

    def _show_idle(self) -> None:
        idle = self.tr("Ready — scan a badge or type a name")
        self._headline.setText(idle)
        self._headline.setAccessibleName(idle)
        for label in (self._company, self._person, self._detail):
            label.setText("")
            label.setAccessibleName("")
            label.hide()
        self._icon.setAccessibleName(self.tr("Ready"))
        self.setAccessibleName(self.tr("Check-in result: %1").replace("%1", idle))
        self.setAccessibleDescription(idle)
        self.setProperty("resultKind", "idle")
        self._apply_fonts()
        self._restyle()

    def _restyle(self, *_args: object) -> None:
        """Pick the colours for the current kind and the system's contrast preference."""
        palette = self.palette()
        kind = self._result.kind if self._result is not None else None
        high_contrast = prefers_high_contrast()
        self._border = None
        if kind is None or high_contrast:
            # Idle, or the person chose their own high-contrast colours: use the palette.
            self._background = palette.color(QPalette.ColorRole.Window)
            self._text = palette.color(QPalette.ColorRole.WindowText)
            if kind is not None:
                # The kind colour goes to a thick border, if it stands out; else the text colour.
                border = QColor(KIND_COLOURS[kind].background)
                if contrast_ratio(border, self._background) < 3.0:
                    border = QColor(self._text)
                self._border = border
        else:
            colours = KIND_COLOURS[kind]
            self._background = QColor(colours.background)
            self._text = QColor(colours.text)
        for label in (self._headline, self._company, self._person, self._detail):
            label_palette = label.palette()
            label_palette.setColor(QPalette.ColorRole.WindowText, self._text)
            label.setPalette(label_palette)
        self._icon.set_kind(kind, self._text, self._background)
        self._apply_margins()
        self.update()

    def _apply_margins(self) -> None:
        unit = self._unit()
        margin = unit + (self._border_width() if self._border is not None else 0)
        self._layout.setContentsMargins(margin, margin, margin, margin)

    def _announce(self, text: str) -> None:
        """Have screen readers speak ``text`` now, without moving the focus."""
        announcement_type = getattr(QtGui, "QAccessibleAnnouncementEvent", None)
        if announcement_type is not None:
            # Qt ≥ 6.8: a real live-region style announcement; assertive because the person
            # at the desk needs the result before the next scan, not after other speech.
            event = announcement_type(self, text)
            event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
            QAccessible.updateAccessibility(event)
        else:
            # Older Qt: the name changed, and an alert makes most screen readers read it.
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.NameChanged))
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))
        self.announced.emit(text)

    def _kind_word(self, kind: ResultKind) -> str:
        return {
            ResultKind.CONFIRMED: self.tr("Confirmed"),
            ResultKind.ALREADY_CONFIRMED: self.tr("Already confirmed"),
            ResultKind.NOT_REGISTERED: self.tr("Not registered"),
            ResultKind.ERROR: self.tr("Error"),
            ResultKind.SEVERAL: self.tr("Several matches"),
            ResultKind.UNDONE: self.tr("Check-in undone"),
        }[kind]
