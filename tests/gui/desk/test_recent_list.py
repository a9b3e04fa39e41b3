"""Recent check-ins: newest first, at most 20, state in words and icon, failures explained."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from app.ui.desk.recent_list import MAX_ENTRIES, RecentCheckins
from tests.gui.desk.desk_samples import british_english

START = datetime(2026, 12, 8, 10, 0)
NAME = "Müller & Söhne GmbH (Jürgen Müller)"


@pytest.fixture
def recent(qtbot) -> Iterator[RecentCheckins]:
    with british_english():
        widget = RecentCheckins()
        qtbot.addWidget(widget)
        widget.resize(480, 300)
        widget.show()
        qtbot.waitExposed(widget)
        yield widget


def test_named_and_empty(recent: RecentCheckins):
    assert recent.objectName() == "checkinRecent"
    assert recent.accessibleName() == "Recent check-ins"
    assert recent.entries() == []
    assert not recent.grab().isNull()  # paints its "No check-ins yet" note


def test_newest_first_with_time_name_and_state(recent: RecentCheckins):
    recent.add("op-1", START, "ACME Corp (Jane Doe)", "sent")
    recent.add("op-2", START + timedelta(minutes=1, seconds=30), NAME, "waiting")
    assert [entry.key for entry in recent.entries()] == ["op-2", "op-1"]
    top = recent.item(0)
    assert top is not None
    assert top.text() == f"10:01  {NAME} — waiting"
    assert top.data(Qt.ItemDataRole.AccessibleTextRole) == f"10:01, {NAME}, waiting"
    assert not top.icon().isNull()


def test_keeps_the_last_twenty(recent: RecentCheckins):
    for number in range(MAX_ENTRIES + 5):
        recent.add(f"op-{number}", START + timedelta(minutes=number), f"Person {number}", "sent")
    assert recent.count() == MAX_ENTRIES == 20
    keys = [entry.key for entry in recent.entries()]
    assert keys[0] == "op-24"
    assert keys[-1] == "op-5"


def test_state_changes_with_words_icons_and_a_failure_tooltip(recent: RecentCheckins):
    recent.add("op-1", START, NAME, "waiting")
    waiting_icon = recent.item(0).icon().cacheKey()
    recent.set_state("op-1", "sent")
    item = recent.item(0)
    assert item is not None
    assert item.text().endswith("— sent")
    assert item.icon().cacheKey() != waiting_icon
    recent.set_state("op-1", "failed", "422: The participant was removed from the event.")
    assert item.text().endswith("— failed")
    assert "422: The participant was removed from the event." in item.toolTip()
    assert recent.entries()[0].message == "422: The participant was removed from the event."
    recent.set_state("op-1", "undone", "")
    assert item.text().endswith("— undone")
    assert recent.entries()[0].message is None
    assert item.toolTip() == NAME


def test_a_state_for_a_row_that_left_the_list_is_ignored(recent: RecentCheckins):
    recent.add("op-1", START, NAME, "sent")
    recent.set_state("op-gone", "failed", "whatever")
    assert [entry.state for entry in recent.entries()] == ["sent"]


def test_adding_the_same_key_again_moves_it_to_the_top(recent: RecentCheckins):
    recent.add("op-1", START, NAME, "waiting")
    recent.add("op-2", START, "Other", "sent")
    recent.add("op-1", START + timedelta(minutes=5), NAME, "sent")
    assert [(entry.key, entry.state) for entry in recent.entries()] == [
        ("op-1", "sent"),
        ("op-2", "sent"),
    ]
    assert recent.count() == 2


def test_unknown_states_are_refused(recent: RecentCheckins):
    with pytest.raises(ValueError, match="unknown check-in state"):
        recent.add("op-1", START, NAME, "pending")
    recent.add("op-1", START, NAME, "sent")
    with pytest.raises(ValueError, match="unknown check-in state"):
        recent.set_state("op-1", "lost")


def test_aware_times_are_shown_in_local_time(recent: RecentCheckins):
    moment = datetime(2026, 12, 8, 9, 15, tzinfo=UTC)
    recent.add("op-1", moment, NAME, "sent")
    local = moment.astimezone()
    item = recent.item(0)
    assert item is not None
    assert item.text().startswith(f"{local:%H:%M}  ")


def test_long_names_are_elided_but_the_state_stays(recent: RecentCheckins, qtbot):
    long_name = "Straßenbau Weiß & Partner Kommanditgesellschaft auf Aktien (Björn-Friedrich Weiß)"
    recent.add("op-1", START, long_name, "failed")
    recent.resize(300, 120)
    image = recent.grab().toImage()
    assert not image.isNull()
    # No sideways scrolling: the row fits the view, so the state column stays in sight.
    assert not recent.horizontalScrollBar().isVisible()
    row = recent.visualItemRect(recent.item(0))
    assert row.right() <= recent.viewport().width()
    assert recent.entries()[0].name == long_name  # the full name stays in the data
    assert recent.item(0).toolTip().startswith(long_name)
