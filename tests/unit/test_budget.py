"""The hourly request budget: sliding window, persistence, pruning, threads, 429s, plan changes."""

from __future__ import annotations

import math
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from app.budget import (
    DEFAULT_RATE_LIMIT_PAUSE,
    MAX_RATE_LIMIT_PAUSE,
    PLANS,
    PRUNE_EVERY,
    SCHEMA_VERSION,
    WINDOW_SECONDS,
    RequestBudget,
    RequestBudgetError,
    plan_limit,
)
from tests.unit.store._helpers import ACCOUNT, OTHER_ACCOUNT, FakeClock

HOUR = WINDOW_SECONDS


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def budget(tmp_path: Path, clock: FakeClock):
    opened = RequestBudget(tmp_path / "requests.db", ACCOUNT, 1000, clock=clock)
    yield opened
    opened.close()


def stored_rows(budget: RequestBudget) -> int:
    with budget._lock:
        (count,) = budget._db.execute("SELECT COUNT(*) FROM requests").fetchone()
    return int(count)


# -- plans -----------------------------------------------------------------------------------------


def test_plans_and_their_hourly_limits():
    assert PLANS == {"standard": 1000, "professional": 5000, "enterprise": None}
    assert plan_limit("Standard") == 1000
    assert plan_limit(" professional ") == 5000
    assert plan_limit("enterprise") is None
    with pytest.raises(ValueError, match="unknown Plandocket plan 'gold'"):
        plan_limit("gold")


# -- the sliding window ----------------------------------------------------------------------------


def test_a_request_counts_for_exactly_one_hour(budget: RequestBudget, clock: FakeClock):
    start = clock.now
    budget.record()
    clock.advance(600)
    budget.record()
    assert budget.used() == 2
    assert budget.used(start + HOUR - 0.001) == 2
    assert budget.used(start + HOUR) == 1  # the first one left the window
    assert budget.used(start + 600 + HOUR) == 0
    assert budget.remaining(start + HOUR) == 999


def test_requests_recorded_at_given_times(budget: RequestBudget, clock: FakeClock):
    budget.record(at=clock.now - HOUR - 1)  # already outside the window
    budget.record(at=clock.now - 10)
    budget.record(at=clock.now, count=3)
    budget.record(count=0)  # nothing
    assert budget.used() == 4
    assert budget.timestamps() == [clock.now - 10, clock.now, clock.now, clock.now]


def test_remaining_never_goes_below_zero(clock: FakeClock):
    small = RequestBudget(None, ACCOUNT, 3, clock=clock)
    small.record(count=5)
    assert (small.used(), small.remaining()) == (5, 0)
    small.close()


def test_seconds_until_available_waits_for_the_oldest_requests_to_leave(clock: FakeClock):
    budget = RequestBudget(None, ACCOUNT, 5, clock=clock)
    start = clock.now
    for offset in (0, 100, 200, 300, 400):
        budget.record(at=start + offset)
    now = start + 500
    assert budget.remaining(now) == 0
    assert budget.seconds_until_available(1, now) == HOUR - 500  # the request at +0 leaves
    assert budget.seconds_until_available(3, now) == HOUR - 500 + 200  # ... and the one at +200
    assert budget.seconds_until_available(5, now) == HOUR - 500 + 400
    assert budget.seconds_until_available(6, now) == math.inf  # more than the plan allows
    assert budget.seconds_until_available(0, now) == 0
    assert budget.seconds_until_available(1, start + HOUR) == 0
    budget.close()


def test_seconds_until_available_is_zero_while_there_is_room(budget: RequestBudget):
    budget.record(count=10)
    assert budget.seconds_until_available(990) == 0
    assert budget.seconds_until_available(991) > 0


def test_an_unlimited_plan_never_waits_but_still_counts(tmp_path: Path, clock: FakeClock):
    budget = RequestBudget(tmp_path / "requests.db", ACCOUNT, None, clock=clock)
    budget.record(count=10_000)
    assert budget.used() == 10_000
    assert budget.remaining() is None
    assert budget.seconds_until_available(1_000_000) == 0
    budget.close()


# -- the plan changes ------------------------------------------------------------------------------


def test_changing_the_plan_keeps_the_count_and_moves_the_cap(budget: RequestBudget):
    budget.record(count=1200)
    assert budget.remaining() == 0
    budget.limit_per_hour = PLANS["professional"]
    assert (budget.limit_per_hour, budget.used(), budget.remaining()) == (5000, 1200, 3800)
    budget.limit_per_hour = None
    assert budget.remaining() is None
    assert budget.seconds_until_available(10_000) == 0
    budget.limit_per_hour = 1000
    assert budget.seconds_until_available(1) > 0


@pytest.mark.parametrize("bad", [-1, True])
def test_a_limit_must_be_a_count_or_none(budget: RequestBudget, bad: int):
    with pytest.raises(ValueError, match="hourly request limit"):
        budget.limit_per_hour = bad
    with pytest.raises(ValueError, match="hourly request limit"):
        RequestBudget(None, ACCOUNT, bad)


def test_an_account_is_required():
    with pytest.raises(ValueError, match="needs an account"):
        RequestBudget(None, "", 1000)


# -- persistence and pruning -----------------------------------------------------------------------


def test_a_restarted_desk_still_knows_what_it_used(tmp_path: Path, clock: FakeClock):
    first = RequestBudget(tmp_path / "requests.db", ACCOUNT, 1000, clock=clock)
    first.record(count=40)
    first.note_rate_limited(120)
    first.close()
    first.close()  # closing twice is harmless

    clock.advance(60)
    again = RequestBudget(tmp_path / "requests.db", ACCOUNT, 1000, clock=clock)
    try:
        assert again.used() == 40
        assert again.is_rate_limited()
        assert again.seconds_until_available() == 60
        assert again.schema_version == SCHEMA_VERSION
        with again._lock:
            assert again._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        again.close()


def test_an_in_memory_budget_is_private_to_its_object(clock: FakeClock):
    one = RequestBudget(None, ACCOUNT, 1000, clock=clock)
    two = RequestBudget(None, ACCOUNT, 1000, clock=clock)
    one.record(count=3)
    assert (one.used(), two.used()) == (3, 0)
    one.close()
    two.close()


def test_two_accounts_in_one_file_are_counted_apart(tmp_path: Path, clock: FakeClock):
    ours = RequestBudget(tmp_path / "requests.db", ACCOUNT, 1000, clock=clock)
    theirs = RequestBudget(tmp_path / "requests.db", OTHER_ACCOUNT, 5000, clock=clock)
    try:
        ours.record(count=2)
        theirs.record(count=7)
        theirs.note_rate_limited(None)
        assert (ours.used(), theirs.used()) == (2, 7)
        assert not ours.is_rate_limited()
        assert theirs.is_rate_limited()
    finally:
        ours.close()
        theirs.close()


def test_old_requests_are_pruned_on_open(tmp_path: Path, clock: FakeClock):
    first = RequestBudget(tmp_path / "requests.db", ACCOUNT, 1000, clock=clock)
    first.record(count=5)
    first.close()
    clock.advance(HOUR + 1)
    again = RequestBudget(tmp_path / "requests.db", ACCOUNT, 1000, clock=clock)
    try:
        assert stored_rows(again) == 0
    finally:
        again.close()


def test_old_requests_are_pruned_while_recording(budget: RequestBudget, clock: FakeClock):
    budget.record(count=10)
    clock.advance(HOUR)
    for _ in range(PRUNE_EVERY - 10 - 1):
        budget.record()
    assert stored_rows(budget) == PRUNE_EVERY - 1  # not yet: pruning is batched
    budget.record()
    assert stored_rows(budget) == PRUNE_EVERY - 10
    assert budget.used() == PRUNE_EVERY - 10
    budget.record(at=clock.now - 2 * HOUR)
    assert budget.prune() == 1


def test_record_is_fast(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    budget = RequestBudget(tmp_path / "requests.db", ACCOUNT, 1000)
    try:
        count = 1000
        started = time.perf_counter()
        for _ in range(count):
            budget.record()
        per_record = (time.perf_counter() - started) / count
        started = time.perf_counter()
        for _ in range(200):
            budget.used()
            budget.seconds_until_available(50)
        per_query = (time.perf_counter() - started) / 200
    finally:
        budget.close()
    with capsys.disabled():
        print(
            f"\n[request budget] record (WAL, synchronous=NORMAL): {per_record * 1000:.3f} ms "
            f"each; used + seconds_until_available with {count} in the window: "
            f"{per_query * 1000:.3f} ms"
        )
    assert per_record < 0.005  # target < 1 ms, asserted with room for a busy CI box


# -- threads ---------------------------------------------------------------------------------------


def test_records_from_several_threads_are_all_counted(budget: RequestBudget):
    threads_count, per_thread = 8, 150
    start = threading.Barrier(threads_count)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            start.wait()
            for _ in range(per_thread):
                budget.record()
                budget.used()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
    assert budget.used() == threads_count * per_thread


# -- 429 -------------------------------------------------------------------------------------------


def test_a_429_with_retry_after_closes_the_window_until_then(
    budget: RequestBudget, clock: FakeClock
):
    budget.record(count=10)  # this desk used little: other desks used up the key
    budget.note_rate_limited(120)
    assert budget.is_rate_limited()
    assert budget.remaining() == 0
    assert budget.used() == 10  # its own count is unchanged
    assert budget.seconds_until_available() == 120
    assert budget.rate_limited_until() == clock.now + 120
    clock.advance(120)
    assert not budget.is_rate_limited()
    assert budget.remaining() == 990
    assert budget.seconds_until_available() == 0


def test_a_429_without_retry_after_pauses_conservatively(budget: RequestBudget, clock: FakeClock):
    budget.note_rate_limited(None)
    assert budget.seconds_until_available() == DEFAULT_RATE_LIMIT_PAUSE
    assert budget.is_rate_limited(clock.now + DEFAULT_RATE_LIMIT_PAUSE - 1)
    assert not budget.is_rate_limited(clock.now + DEFAULT_RATE_LIMIT_PAUSE)


@pytest.mark.parametrize(
    ("retry_after", "pause"),
    [
        (10 * 3600.0, MAX_RATE_LIMIT_PAUSE),  # an hour's window is free within the hour
        (math.inf, DEFAULT_RATE_LIMIT_PAUSE),
        (math.nan, DEFAULT_RATE_LIMIT_PAUSE),
        (-5.0, 0.0),
    ],
)
def test_odd_retry_after_values_are_bounded(
    budget: RequestBudget, clock: FakeClock, retry_after: float, pause: float
):
    budget.note_rate_limited(retry_after)
    assert budget.seconds_until_available() == pause
    assert budget.is_rate_limited() is (pause > 0)


def test_a_later_429_only_lengthens_the_pause(budget: RequestBudget, clock: FakeClock):
    budget.note_rate_limited(600)
    clock.advance(10)
    budget.note_rate_limited(30)
    assert budget.seconds_until_available() == 590
    budget.note_rate_limited(900)
    assert budget.seconds_until_available() == 900


def test_a_retry_after_replaces_a_guessed_pause(budget: RequestBudget, clock: FakeClock):
    # The on_request callback sees the 429 first (no header there), the error comes after.
    budget.note_rate_limited(None)
    budget.note_rate_limited(30)
    assert budget.seconds_until_available() == 30
    budget.note_rate_limited(None)  # another 429 without a header: back to the guess
    assert budget.seconds_until_available() == DEFAULT_RATE_LIMIT_PAUSE
    budget.note_rate_limited(20)
    clock.advance(5)
    budget.note_rate_limited(5)  # an explicit pause is not shortened by another
    assert budget.seconds_until_available() == 15


def test_the_pause_and_the_window_both_apply(clock: FakeClock):
    budget = RequestBudget(None, ACCOUNT, 2, clock=clock)
    budget.record(count=2)
    budget.note_rate_limited(60)
    assert budget.seconds_until_available(1) == HOUR  # the window is the longer wait
    budget.clear_rate_limit()
    assert not budget.is_rate_limited()
    assert budget.rate_limited_until() is None
    budget.close()


def test_an_unlimited_plan_that_gets_a_429_still_pauses(clock: FakeClock):
    budget = RequestBudget(None, ACCOUNT, None, clock=clock)
    budget.note_rate_limited(45, now=clock.now)
    assert budget.remaining() == 0
    assert budget.seconds_until_available(5) == 45
    budget.close()


# -- the file --------------------------------------------------------------------------------------


def test_a_file_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path):
    path = tmp_path / "requests.db"
    RequestBudget(path, ACCOUNT, 1000).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    db.commit()
    db.close()
    with pytest.raises(RequestBudgetError, match="newer version"):
        RequestBudget(path, ACCOUNT, 1000)
    db = sqlite3.connect(path)
    assert db.execute("SELECT version FROM schema_version").fetchone()[0] == SCHEMA_VERSION + 1
    db.close()


def test_a_file_that_is_not_a_database_is_put_aside(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    path = tmp_path / "requests.db"
    path.write_bytes(b"garbage" * 200)
    budget = RequestBudget(path, ACCOUNT, 1000)
    try:
        assert "starting afresh" in caplog.text
        assert (tmp_path / "requests.db.unreadable").exists()
        budget.record()
        assert budget.used() == 1
    finally:
        budget.close()


def test_a_folder_that_cannot_hold_the_file_is_refused(tmp_path: Path):
    (tmp_path / "requests.db").mkdir()
    with pytest.raises(RequestBudgetError, match="cannot open"):
        RequestBudget(tmp_path / "requests.db", ACCOUNT, 1000)
