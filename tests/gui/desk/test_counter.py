"""The desk's counts: confirmed of total, waiting check-ins, requests used; locale-formatted."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel, QProgressBar

from app.ui.desk.counter import CheckinCounter
from tests.gui.desk.desk_samples import british_english


@pytest.fixture
def counter(qtbot) -> Iterator[CheckinCounter]:
    with british_english():
        widget = CheckinCounter()
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
        yield widget


def test_starts_empty_and_named(counter: CheckinCounter):
    assert counter.objectName() == "checkinCounter"
    assert counter.accessibleName() == "Check-in counts"
    assert counter.confirmed_text == "0 of 0 confirmed"
    assert counter.waiting_text == "All check-ins sent"
    assert counter.requests_text == "0 requests used this hour"
    bar = counter.findChild(QProgressBar, "checkinCounterProgress")
    assert bar is not None
    assert bar.maximum() > 0  # 0..0 would show a busy indicator
    assert bar.value() == 0
    for name in ("Confirmed", "Waiting", "Requests"):
        found = counter.findChild(QLabel, f"checkinCounter{name}")
        assert found is not None
        assert found.accessibleName() == found.text()


def test_confirmed_of_total_with_progress(counter: CheckinCounter):
    counter.set_counts(412, 600)
    assert counter.confirmed_text == "412 of 600 confirmed"
    bar = counter.progress()
    assert (bar.minimum(), bar.maximum(), bar.value()) == (0, 600, 412)
    assert bar.accessibleDescription() == "412 of 600 confirmed"
    counter.set_counts(1412, 12000)
    assert counter.confirmed_text == "1,412 of 12,000 confirmed"


def test_more_confirmed_than_known_total_stays_within_the_bar(counter: CheckinCounter):
    counter.set_counts(5, 3)  # the list is still loading while check-ins happen
    assert counter.progress().value() == counter.progress().maximum()


@pytest.mark.parametrize(
    ("waiting", "text"),
    [
        (0, "All check-ins sent"),
        (1, "1 check-in waiting to be sent"),
        (3, "3 check-ins waiting to be sent"),
        (1500, "1,500 check-ins waiting to be sent"),
    ],
)
def test_waiting_line(counter: CheckinCounter, waiting: int, text: str):
    counter.set_waiting(waiting)
    assert counter.waiting_text == text


def test_requests_with_limit_and_note(counter: CheckinCounter):
    counter.set_requests(240, 1000, "next refresh in 4 min")
    assert counter.requests_text == "240 of 1,000 requests used this hour"
    requests = counter.findChild(QLabel, "checkinCounterRequests")
    assert requests is not None
    assert requests.toolTip() == "next refresh in 4 min"
    assert requests.accessibleDescription() == "next refresh in 4 min"
    counter.set_requests(12, None)
    assert counter.requests_text == "12 requests used this hour"
    assert requests.toolTip() == ""


def test_numbers_follow_the_locale(qtbot):
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        widget = CheckinCounter()
        qtbot.addWidget(widget)
        widget.set_counts(1412, 1600)
        widget.set_requests(240, 1000)
        widget.set_waiting(2500)
        assert widget.confirmed_text.startswith("1.412 ")
        assert "1.000" in widget.requests_text
        assert widget.waiting_text.startswith("2.500 ")
    finally:
        QLocale.setDefault(previous)


def test_the_count_is_large(counter: CheckinCounter):
    count = counter.findChild(QLabel, "checkinCounterConfirmed")
    assert count is not None
    assert count.font().pointSizeF() >= 1.5 * counter.font().pointSizeF()
    assert count.font().bold()
