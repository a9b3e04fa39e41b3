"""Arrivals per quarter hour: bucketing, the summary in words, painting with an injected now."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from app.ui.desk.arrivals_chart import BUCKETS, ArrivalsChart, quarter_start
from tests.gui.desk.desk_samples import british_english

NOW = datetime(2026, 12, 8, 11, 7, 30).astimezone()


@pytest.fixture
def chart(qtbot) -> Iterator[ArrivalsChart]:
    with british_english():
        widget = ArrivalsChart(now=lambda: NOW)
        qtbot.addWidget(widget)
        widget.resize(widget.sizeHint())
        widget.show()
        qtbot.waitExposed(widget)
        yield widget


def test_quarter_start():
    assert quarter_start(datetime(2026, 12, 8, 10, 44, 59)) == datetime(2026, 12, 8, 10, 30)
    assert quarter_start(datetime(2026, 12, 8, 10, 45)) == datetime(2026, 12, 8, 10, 45)


def test_empty_chart(chart: ArrivalsChart):
    assert chart.objectName() == "checkinArrivals"
    assert chart.accessibleName() == "Arrivals per 15 minutes"
    assert chart.summary() == "0 arrivals in the last 15 minutes, 0 in the last hour"
    counts = chart.counts()
    assert len(counts) == BUCKETS == 16
    assert counts[-1][0] == NOW.replace(minute=0, second=0)
    assert counts[0][0] == NOW.replace(minute=0, second=0) - timedelta(hours=3, minutes=45)
    assert all(count == 0 for _, count in counts)
    assert not chart.grab().isNull()


def test_arrivals_are_counted_per_quarter(chart: ArrivalsChart):
    times = [
        NOW - timedelta(minutes=1),  # current quarter 11:00
        NOW - timedelta(minutes=7),  # 11:00:30, current quarter
        NOW - timedelta(minutes=8),  # 10:59:30 → 10:45
        NOW - timedelta(minutes=30),  # 10:37:30 → 10:30
        NOW - timedelta(hours=5),  # before the chart: not shown
        NOW + timedelta(minutes=3),  # clock skew: in the current quarter's bar, not "so far"
    ]
    chart.set_arrivals(times)
    by_start = {start.strftime("%H:%M"): count for start, count in chart.counts()}
    assert by_start["11:00"] == 3
    assert by_start["10:45"] == 1
    assert by_start["10:30"] == 1
    assert sum(by_start.values()) == 5
    assert chart.summary() == "3 arrivals in the last 15 minutes, 4 in the last hour"


def test_summary_in_tooltip_and_accessible_description(chart: ArrivalsChart):
    chart.set_arrivals([NOW - timedelta(minutes=minutes) for minutes in range(0, 60, 2)])
    expected = "8 arrivals in the last 15 minutes, 30 in the last hour"
    assert chart.summary() == expected
    assert chart.toolTip() == expected
    assert chart.accessibleDescription() == expected


def test_one_arrival_is_singular(chart: ArrivalsChart):
    chart.add_arrival(NOW - timedelta(minutes=2))
    assert chart.summary() == "1 arrival in the last 15 minutes, 1 in the last hour"


def test_add_arrival_updates_and_mixes_aware_and_naive_times(chart: ArrivalsChart):
    chart.set_arrivals([(NOW - timedelta(minutes=20)).astimezone(UTC)])
    naive_local = (NOW - timedelta(minutes=3)).replace(tzinfo=None)
    chart.add_arrival(naive_local)
    assert chart.arrivals_since(timedelta(minutes=15)) == 1
    assert chart.arrivals_since(timedelta(hours=1)) == 2
    assert chart.toolTip() == "1 arrival in the last 15 minutes, 2 in the last hour"


def test_now_moving_on_shifts_the_window(qtbot):
    now = [NOW]
    with british_english():
        chart = ArrivalsChart(now=lambda: now[0])
        qtbot.addWidget(chart)
        chart.add_arrival(NOW - timedelta(minutes=1))
        assert chart.counts()[-1][1] == 1
        now[0] = NOW + timedelta(minutes=20)
        chart.refresh()
        assert chart.counts()[-1][1] == 0
        assert chart.counts()[-2][1] == 1
        assert chart.summary() == "0 arrivals in the last 15 minutes, 1 in the last hour"


def test_paints_with_many_arrivals_at_any_size(chart: ArrivalsChart):
    chart.set_arrivals([NOW - timedelta(seconds=seconds * 37) for seconds in range(400)])
    for width, height in ((200, 60), (300, 100), (800, 240)):
        chart.resize(width, height)
        assert not chart.grab().isNull()
    assert chart.minimumSizeHint().width() < chart.sizeHint().width()
