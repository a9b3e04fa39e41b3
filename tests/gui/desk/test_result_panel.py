"""The result panel: colour *and* words and shape, contrast, scaling, auto-clear, screen readers."""

from __future__ import annotations

import time
from collections.abc import Iterator
from itertools import combinations

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QAccessible, QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from app.desk.results import DeskResult, ResultKind
from app.ui.desk import result_panel
from app.ui.desk.result_panel import (
    KIND_COLOURS,
    CheckinResultPanel,
    ResultIcon,
    contrast_ratio,
    relative_luminance,
)
from tests.gui.desk.desk_samples import COMPANY, PERSON, RESULTS

LABELS = ("Headline", "Company", "Person", "Detail")


@pytest.fixture
def panel(qtbot) -> Iterator[CheckinResultPanel]:
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    widget = CheckinResultPanel(host)
    layout.addWidget(widget)
    host.resize(900, 260)
    host.show()
    qtbot.waitExposed(host)
    yield widget
    host.close()


def label(panel: CheckinResultPanel, part: str) -> QLabel:
    found = panel.findChild(QLabel, f"checkinResult{part}")
    assert found is not None
    return found


def dark_palette() -> QPalette:
    palette = QPalette(QColor("#000000"))
    palette.setColor(QPalette.ColorRole.Window, QColor("#000000"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#ffffff"))
    return palette


# -- contrast (pure) -------------------------------------------------------------------------


def test_contrast_ratio_matches_wcag_reference_values():
    black, white = QColor("#000000"), QColor("#ffffff")
    assert relative_luminance(black) == 0
    assert relative_luminance(white) == pytest.approx(1)
    assert contrast_ratio(black, white) == pytest.approx(21)
    assert contrast_ratio(white, black) == pytest.approx(21)
    assert contrast_ratio(QColor("#777777"), white) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("kind", list(ResultKind))
def test_every_kind_has_colours_with_at_least_aa_contrast(kind: ResultKind):
    colours = KIND_COLOURS[kind]
    assert contrast_ratio(QColor(colours.background), QColor(colours.text)) >= 4.5


def test_the_three_outcomes_have_clearly_different_colours():
    green = QColor(KIND_COLOURS[ResultKind.CONFIRMED].background)
    amber = QColor(KIND_COLOURS[ResultKind.ALREADY_CONFIRMED].background)
    red = QColor(KIND_COLOURS[ResultKind.NOT_REGISTERED].background)
    assert green.hue() in range(90, 150)
    assert amber.hue() in range(35, 50)
    assert red.hue() in range(0, 10)
    assert KIND_COLOURS[ResultKind.ERROR] == KIND_COLOURS[ResultKind.NOT_REGISTERED]


# -- showing results -------------------------------------------------------------------------


def test_idle_state_is_calm_and_named(panel: CheckinResultPanel):
    assert panel.objectName() == "checkinResult"
    assert panel.result() is None
    assert panel.headline == "Ready — scan a badge or type a name"
    assert panel.accessibleName() == "Check-in result: Ready — scan a badge or type a name"
    assert panel.property("resultKind") == "idle"
    for part in LABELS[1:]:
        assert not label(panel, part).isVisible()
    background, text = panel.colours()
    assert background == panel.palette().color(QPalette.ColorRole.Window)
    assert text == panel.palette().color(QPalette.ColorRole.WindowText)
    assert not label(panel, "Headline").font().bold()


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_each_result_is_spelled_out_coloured_and_shaped(
    panel: CheckinResultPanel, qtbot, name: str
):
    result = RESULTS[name]
    panel.show_result(result)
    assert panel.result() is result
    assert label(panel, "Headline").text() == result.headline
    for part, text in (
        ("Company", result.company),
        ("Person", result.person),
        ("Detail", result.detail),
    ):
        assert label(panel, part).text() == (text or "")
        assert label(panel, part).isVisible() == bool(text)
    background, text_colour = panel.colours()
    assert background == QColor(KIND_COLOURS[result.kind].background)
    assert text_colour == QColor(KIND_COLOURS[result.kind].text)
    for part in LABELS:
        assert label(panel, part).palette().color(QPalette.ColorRole.WindowText) == text_colour
    icon = panel.findChild(ResultIcon, "checkinResultIcon")
    assert icon is not None
    assert icon.kind() is result.kind
    assert icon.accessibleName()
    # The whole width is filled: the panel's corners have the kind's colour.
    image = panel.grab().toImage()
    for point in (QPoint(1, 1), QPoint(image.width() - 2, image.height() - 2)):
        assert image.pixelColor(point) == background


def test_company_and_person_are_large_relative_to_the_application_font(
    panel: CheckinResultPanel,
):
    panel.show_result(RESULTS["confirmed"])
    base = panel.font().pointSizeF()
    assert label(panel, "Headline").font().pointSizeF() >= 2.5 * base
    assert label(panel, "Headline").font().bold()
    assert label(panel, "Company").font().pointSizeF() >= 2 * base
    assert label(panel, "Person").font().pointSizeF() >= 1.5 * base
    assert label(panel, "Detail").font().pointSizeF() > base
    assert label(panel, "Company").text() == COMPANY
    assert label(panel, "Person").text() == PERSON


def test_text_follows_a_doubled_application_font(panel: CheckinResultPanel, qtbot):
    panel.show_result(RESULTS["already"])
    before = label(panel, "Company").font().pointSizeF()
    icon_before = panel.findChild(ResultIcon, "checkinResultIcon").width()  # type: ignore[union-attr]
    original = QApplication.font()
    bigger = QFont(original)
    bigger.setPointSizeF(original.pointSizeF() * 2)
    QApplication.setFont(bigger)
    try:
        qtbot.waitUntil(lambda: label(panel, "Company").font().pointSizeF() == 2 * before)
        icon = panel.findChild(ResultIcon, "checkinResultIcon")
        assert icon is not None
        assert icon.width() > 1.8 * icon_before
    finally:
        QApplication.setFont(original)
    qtbot.waitUntil(lambda: label(panel, "Company").font().pointSizeF() == before)


def test_a_pixel_sized_application_font_is_scaled_too():
    font = QFont("Sans")
    font.setPixelSize(14)
    assert result_panel.scaled_font(font, 2.0, bold=True).pixelSize() == 28


def test_the_icon_shapes_differ_even_in_one_colour(qtbot):
    images: dict[object, QImage] = {}
    for kind in [*ResultKind, None]:
        icon = ResultIcon()
        qtbot.addWidget(icon)
        icon.setFixedSize(48, 48)
        icon.set_kind(kind, QColor("#000000"), QColor("#ffffff"))
        images[kind] = icon.grab().toImage()
    different = {
        (first, second)
        for first, second in combinations(images, 2)
        if images[first] != images[second]
    }
    # NOT_REGISTERED and ERROR share a colour, so their shapes must differ; all others too.
    assert len(different) == len(list(combinations(images, 2)))


# -- high contrast ---------------------------------------------------------------------------


def test_high_contrast_uses_the_system_colours_and_a_kind_border(
    panel: CheckinResultPanel, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(result_panel, "prefers_high_contrast", lambda: True)
    panel.setPalette(dark_palette())
    panel.show_result(RESULTS["confirmed"])
    background, text = panel.colours()
    assert background == QColor("#000000")
    assert text == QColor("#ffffff")
    assert contrast_ratio(background, text) >= 4.5
    assert label(panel, "Headline").text() == "Confirmed"
    icon = panel.findChild(ResultIcon, "checkinResultIcon")
    assert icon is not None
    assert icon.kind() is ResultKind.CONFIRMED
    image = panel.grab().toImage()
    assert image.pixelColor(1, 1) == QColor(KIND_COLOURS[ResultKind.CONFIRMED].background)
    assert image.pixelColor(image.width() // 2, image.height() - 20) == background


def test_high_contrast_border_falls_back_to_the_text_colour_when_it_would_not_show(
    panel: CheckinResultPanel, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(result_panel, "prefers_high_contrast", lambda: True)
    light = QPalette(QColor("#ffffff"))
    light.setColor(QPalette.ColorRole.Window, QColor("#ffffff"))
    light.setColor(QPalette.ColorRole.WindowText, QColor("#000000"))
    panel.setPalette(light)
    panel.show_result(RESULTS["already"])  # amber on white would be too faint for a border
    image = panel.grab().toImage()
    assert image.pixelColor(1, 1) == QColor("#000000")


def test_a_dark_palette_keeps_results_and_idle_readable(panel: CheckinResultPanel):
    panel.setPalette(dark_palette())
    background, text = panel.colours()
    assert (background, text) == (QColor("#000000"), QColor("#ffffff"))
    for result in RESULTS.values():
        panel.show_result(result)
        assert contrast_ratio(*panel.colours()) >= 4.5


# -- clearing ---------------------------------------------------------------------------------


def test_default_clear_after_is_six_seconds(panel: CheckinResultPanel):
    assert panel.clear_after() == 6.0


def test_auto_clears_and_signals(panel: CheckinResultPanel, qtbot):
    panel.set_clear_after(0.05)
    panel.show_result(RESULTS["confirmed"])
    with qtbot.waitSignal(panel.cleared, timeout=3000):
        pass
    assert panel.result() is None
    assert panel.headline == "Ready — scan a badge or type a name"
    assert panel.property("resultKind") == "idle"


def test_a_newer_result_restarts_the_countdown(panel: CheckinResultPanel, qtbot):
    panel.set_clear_after(0.4)
    later = QTimer()
    later.setSingleShot(True)
    later.timeout.connect(lambda: panel.show_result(RESULTS["already"]))
    cleared: list[ResultKind] = []
    panel.cleared.connect(lambda: cleared.append(ResultKind.ALREADY_CONFIRMED))
    panel.show_result(RESULTS["confirmed"])
    started = time.monotonic()
    later.start(250)  # a second scan before the first result's 0.4 s are up
    with qtbot.waitSignal(panel.cleared, timeout=3000):
        pass
    # Cleared once, 0.4 s after the *second* result (at ~0.65 s), not after the first.
    assert time.monotonic() - started >= 0.6
    assert cleared == [ResultKind.ALREADY_CONFIRMED]


def test_clearing_twice_signals_once(panel: CheckinResultPanel, qtbot):
    cleared: list[bool] = []
    panel.cleared.connect(lambda: cleared.append(True))
    panel.clear()  # idle already: nothing to clear
    panel.show_result(RESULTS["error"])
    panel.clear()
    panel.clear()
    assert cleared == [True]


def test_zero_keeps_results_up(panel: CheckinResultPanel):
    panel.set_clear_after(0)
    panel.show_result(RESULTS["not_registered"])
    assert panel.clear_after() == 0
    timer = panel.findChild(QTimer, "checkinResultTimer")
    assert timer is not None
    assert not timer.isActive()


# -- screen readers --------------------------------------------------------------------------


def test_each_result_sets_names_and_is_announced(panel: CheckinResultPanel, qtbot, monkeypatch):
    sent: list[tuple[QAccessible.Event, str, object]] = []
    real_update = QAccessible.updateAccessibility

    def record(event: QtGui.QAccessibleEvent) -> None:
        message = event.message() if isinstance(event, QtGui.QAccessibleAnnouncementEvent) else ""
        politeness = (
            event.politeness() if isinstance(event, QtGui.QAccessibleAnnouncementEvent) else None
        )
        sent.append((event.type(), message, politeness))
        real_update(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", record)
    result = RESULTS["already"]
    with qtbot.waitSignal(panel.announced) as announced:
        panel.show_result(result)
    spoken = "Already confirmed at 10:42. Müller & Söhne GmbH. Jürgen Müller. "
    spoken += "Checked in at desk 2 (Nordeingang)"
    assert announced.args == [spoken]
    assert result.spoken == spoken
    assert panel.accessibleName() == "Check-in result: Already confirmed at 10:42"
    assert panel.accessibleDescription() == spoken
    assert label(panel, "Company").accessibleName() == COMPANY
    assert sent == [
        (
            QAccessible.Event.Announcement,
            spoken,
            QAccessible.AnnouncementPoliteness.Assertive,
        )
    ]


def test_without_announcement_events_it_falls_back_to_an_alert(
    panel: CheckinResultPanel, qtbot, monkeypatch: pytest.MonkeyPatch
):
    sent: list[QAccessible.Event] = []
    monkeypatch.delattr(QtGui, "QAccessibleAnnouncementEvent")
    monkeypatch.setattr(QAccessible, "updateAccessibility", lambda event: sent.append(event.type()))
    with qtbot.waitSignal(panel.announced):
        panel.show_result(RESULTS["confirmed"])
    assert sent == [QAccessible.Event.NameChanged, QAccessible.Event.Alert]


def test_a_result_without_company_or_person(panel: CheckinResultPanel):
    result = DeskResult(ResultKind.NOT_REGISTERED, "Not registered for this event")
    panel.show_result(result)
    assert panel.accessibleDescription() == "Not registered for this event"
    assert not label(panel, "Company").isVisible()
    assert not label(panel, "Detail").isVisible()
