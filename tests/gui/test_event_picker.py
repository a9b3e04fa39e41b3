"""EventPicker: free text with recent keys, or known events with accent-insensitive filtering."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from app.domain import Event
from app.ui.event_picker import EventPicker, sorted_for_picking

TODAY = date(2026, 6, 1)
EXPO = Event(1, "EXPO26", "Fachmesse Grün & Gärten 2026", date(2026, 12, 8), date(2026, 12, 11))
SPRING = Event(2, "FRUEH27", "Frühjahrsmesse Zürich", date(2027, 3, 2), date(2027, 3, 4))
RUNNING = Event(3, "SOMMER", "Sommerfest", date(2026, 5, 30), date(2026, 6, 2))
PAST = Event(4, "EXPO25", "Fachmesse Grün & Gärten 2025", date(2025, 12, 9), date(2025, 12, 12))
OLDER = Event(5, "EXPO24", "Fachmesse 2024", date(2024, 12, 10), date(2024, 12, 13))
UNDATED = Event(6, "WEB", "Webinar-Reihe")


@pytest.fixture(autouse=True)
def british_english() -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(previous)


@pytest.fixture
def picker(qtbot) -> EventPicker:
    widget = EventPicker()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    handle = widget.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.setFocus()
    return widget


def type_text(widget: QWidget, text: str) -> None:
    """Type key by key, including characters ``qtbot.keyClicks`` cannot type ("ü")."""
    for char in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click,
            widget,
            Qt.Key(ord(char.upper())),
            char,
            Qt.KeyboardModifier.NoModifier,
        )


def labels(picker: EventPicker) -> list[str]:
    return [picker.itemText(row) for row in range(picker.count())]


# -- free text --------------------------------------------------------------------------------


def test_without_events_it_is_free_text_with_recent_keys(picker):
    picker.set_recent_keys(["EXPO26", " FRUEH27 ", "EXPO26", ""])
    assert not picker.has_events()
    assert labels(picker) == ["EXPO26", "FRUEH27"]
    assert picker.text_field().placeholderText() == "Event key, e.g. EXPO26"
    assert picker.event_key() == ""
    type_text(picker.text_field(), "  NEW27 ")
    assert picker.event_key() == "NEW27"


def test_a_recent_key_can_be_chosen_from_the_list(picker, qtbot):
    picker.set_recent_keys(["EXPO26", "FRUEH27"])
    with qtbot.waitSignal(picker.event_key_changed) as blocker:
        qtbot.keyClick(picker, Qt.Key.Key_Down)  # steps through the list like a native combo
    assert blocker.args == ["EXPO26"]
    assert picker.event_key() == "EXPO26"


def test_set_event_key_shows_the_key_without_signalling(picker, qtbot):
    picker.set_recent_keys(["EXPO26"])
    with qtbot.assertNotEmitted(picker.event_key_changed):
        picker.set_event_key(" OTHER ")
    assert picker.event_key() == "OTHER"
    assert picker.currentText() == "OTHER"


def test_keystrokes_do_not_signal_but_enter_does_once(picker, qtbot):
    received: list[str] = []
    picker.event_key_changed.connect(received.append)
    type_text(picker.text_field(), "EXPO26")
    assert received == []
    qtbot.keyClick(picker.text_field(), Qt.Key.Key_Return)
    qtbot.keyClick(picker.text_field(), Qt.Key.Key_Return)
    assert received == ["EXPO26"]


def test_leaving_the_field_commits(picker, qtbot):
    other = QWidget()
    qtbot.addWidget(other)
    received: list[str] = []
    picker.event_key_changed.connect(received.append)
    type_text(picker.text_field(), "EXPO26")
    picker.text_field().clearFocus()  # focus-out
    assert received == ["EXPO26"]


# -- known events -----------------------------------------------------------------------------


def test_events_are_listed_with_dates_and_keys(picker):
    picker.set_events([EXPO, UNDATED], today=TODAY)
    assert picker.has_events()
    assert labels(picker) == [
        "Fachmesse Grün & Gärten 2026 · 8–11 Dec 2026 · EXPO26",
        "Webinar-Reihe · WEB",
    ]


def test_running_and_upcoming_come_first_then_the_latest_past_ones():
    ordered = sorted_for_picking([OLDER, UNDATED, SPRING, PAST, EXPO, RUNNING], TODAY)
    assert [event.event_key for event in ordered] == [
        "SOMMER",
        "EXPO26",
        "FRUEH27",
        "EXPO25",
        "EXPO24",
        "WEB",
    ]


def test_the_chosen_event_gives_its_key(picker, qtbot):
    picker.set_events([EXPO, SPRING], today=TODAY)
    with qtbot.waitSignal(picker.event_key_changed) as blocker:
        picker.setCurrentIndex(1)
        picker.activated.emit(1)
    assert blocker.args == ["FRUEH27"]
    assert picker.event_key() == "FRUEH27"
    assert picker.currentText().startswith("Frühjahrsmesse Zürich")


def test_typing_a_known_key_selects_its_event(picker, qtbot):
    picker.set_events([EXPO, SPRING], today=TODAY)
    type_text(picker.text_field(), "expo26")
    with qtbot.waitSignal(picker.event_key_changed) as blocker:
        qtbot.keyClick(picker.text_field(), Qt.Key.Key_Return)
    assert blocker.args == ["EXPO26"]
    assert picker.currentText() == "Fachmesse Grün & Gärten 2026 · 8–11 Dec 2026 · EXPO26"


def test_an_unknown_key_is_kept_as_typed(picker):
    picker.set_events([EXPO], today=TODAY)
    type_text(picker.text_field(), "HIDDEN27")
    assert picker.event_key() == "HIDDEN27"


def test_the_completer_matches_anywhere_ignoring_accents(picker, qtbot):
    picker.set_events([EXPO, SPRING, PAST], today=TODAY)
    completer = picker.completer()
    assert completer is not None
    assert completer.filterMode() == Qt.MatchFlag.MatchContains
    type_text(picker.text_field(), "garten")
    popup = completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    found = [
        completer.completionModel().index(row, 0).data()
        for row in range(completer.completionCount())
    ]
    assert found == [
        "Fachmesse Grün & Gärten 2026 · 8–11 Dec 2026 · EXPO26",
        "Fachmesse Grün & Gärten 2025 · 9–12 Dec 2025 · EXPO25",
    ]
    with qtbot.waitSignal(picker.event_key_changed) as blocker:
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert blocker.args == ["EXPO26"]
    assert picker.currentText() == found[0]


def test_zurich_finds_zuerich_and_a_date_part_finds_the_event(picker, qtbot):
    picker.set_events([EXPO, SPRING], today=TODAY)
    completer = picker.completer()
    assert completer is not None
    type_text(picker.text_field(), "zurich")
    assert completer.completionCount() == 1
    picker.text_field().clear()
    type_text(picker.text_field(), "mar 2027")
    assert completer.completionCount() == 1


def test_new_events_keep_the_current_choice(picker):
    picker.set_events([EXPO], today=TODAY)
    picker.set_event_key("EXPO26")
    picker.set_events([SPRING, EXPO], today=TODAY)
    assert picker.event_key() == "EXPO26"
    assert picker.currentText().endswith("EXPO26")


def test_new_events_keep_half_typed_text(picker):
    picker.set_events([EXPO], today=TODAY)
    type_text(picker.text_field(), "Früh")
    picker.set_events([SPRING, EXPO], today=TODAY)
    assert picker.currentText() == "Früh"


def test_without_events_again_it_falls_back_to_recent_keys(picker):
    picker.set_recent_keys(["EXPO26"])
    picker.set_events([SPRING], today=TODAY)
    picker.set_events([], today=TODAY)
    assert not picker.has_events()
    assert labels(picker) == ["EXPO26"]


def test_names_for_people_and_tests(picker):
    assert picker.objectName() == "event_picker"
    assert picker.accessibleName() == "Event"
    assert picker.text_field().objectName() == "event_picker_text"
    assert picker.text_field().accessibleName() == "Event key"
