"""Pacing an import within the hourly request budget: reserve, queue, waits, estimates."""

from __future__ import annotations

import math

from app.budget import RequestBudget
from app.office.import_pacing import (
    Allowance,
    WaitReason,
    allowance,
    estimate,
    reserve_for,
)
from tests.unit.store._helpers import ACCOUNT, FakeClock


def budget(limit: int | None, clock: FakeClock) -> RequestBudget:
    return RequestBudget(None, ACCOUNT, limit, clock=clock)


def test_no_budget_or_no_limit_means_no_pacing():
    clock = FakeClock()
    assert allowance(None, pending=500) == Allowance(None)
    assert allowance(budget(None, clock), pending=500) == Allowance(None)
    assert estimate(None, 10_000).fits_now


def test_the_reserve_is_twenty_or_a_tenth_of_a_small_limit():
    assert reserve_for(1000) == 20
    assert reserve_for(5000) == 20
    assert reserve_for(100) == 10
    assert reserve_for(5) == 0
    assert reserve_for(None) == 0


def test_what_is_left_beyond_the_reserve_and_the_queue_may_be_used():
    clock = FakeClock()
    hourly = budget(1000, clock)
    hourly.record(clock.now - 100, count=900)
    assert allowance(hourly, pending=0) == Allowance(80)
    assert allowance(hourly, pending=30) == Allowance(50)


def test_a_full_queue_waits_for_the_outbox_not_the_hour():
    clock = FakeClock()
    hourly = budget(1000, clock)
    assert allowance(hourly, pending=990) == Allowance(0, WaitReason.QUEUE)


def test_a_used_up_hour_says_when_it_frees():
    clock = FakeClock()
    hourly = budget(100, clock)
    hourly.record(clock.now - 3000, count=50)  # free again in 600 s
    hourly.record(clock.now - 10, count=45)
    got = allowance(hourly, pending=0)
    assert got.count == 0
    assert got.reason is WaitReason.BUDGET
    assert got.wait_seconds == 600.0
    clock.advance(600.5)
    assert allowance(hourly, pending=0) == Allowance(45)


def test_a_rate_limit_pause_waits_even_without_a_limit():
    clock = FakeClock()
    hourly = budget(None, clock)
    hourly.note_rate_limited(120.0)
    got = allowance(hourly, pending=0)
    assert got.reason is WaitReason.BUDGET
    assert got.wait_seconds == 120.0


def test_a_limit_too_small_for_the_reserve_waits_forever():
    clock = FakeClock()
    hourly = budget(0, clock)  # a limit of 0 allows no request at all
    got = allowance(hourly, pending=0)
    assert got.reason is WaitReason.BUDGET
    assert math.isinf(got.wait_seconds)


def test_estimates():
    clock = FakeClock()
    hourly = budget(1000, clock)
    hourly.record(clock.now - 10, count=150)
    fits = estimate(hourly, 240)
    assert (fits.needed, fits.remaining, fits.limit, fits.fits_now, fits.hours) == (
        240, 850, 1000, True, 1,
    )  # fmt: skip
    big = estimate(hourly, 50_000)
    assert not big.fits_now
    assert big.hours == 1 + math.ceil((50_000 - 830) / 980)
