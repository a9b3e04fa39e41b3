"""The refresh planner: table-driven cases, reasons, helpers, and simulated hours at a desk."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest

from app.budget import WINDOW_SECONDS, RequestBudget
from app.desk.refresh_planner import (
    CHECKIN_FLOOR,
    SAFETY_MARGIN,
    RefreshPlan,
    earliest_fit,
    estimate_checkin_rate,
    plan_refresh,
    sustainable_checkins_per_hour,
)
from tests.unit.store._helpers import ACCOUNT, FakeClock

NOW = 1_800_000_000.0
HOUR = WINDOW_SECONDS
COST = 12  # the confirmed-only list of 1,200 rows at 100 per page


def spread(count: int, *, over: float = HOUR, ending: float = 0.0) -> list[float]:
    """``count`` request times spread evenly over ``over`` seconds ending ``ending`` s ago."""
    step = over / count
    return [NOW - ending - over + step * (index + 0.5) for index in range(count)]


@dataclass(frozen=True)
class Case:
    """One situation at the desk and the plan expected for it."""

    limit: int | None = 1000
    sent: Sequence[float] = ()
    rate: float = 0.0
    pending: int = 0
    last_refresh_ago: float | None = None
    rate_limited_for: float | None = None  # a 429 with this Retry-After (math.nan: none)
    desks: int = 1
    expected_delay: float = 0.0
    blocked: bool = False
    reason: str = ""
    options: dict[str, float] = field(default_factory=dict)


CASES = {
    "quiet desk: half the hour is kept for check-ins, refreshes share the rest": Case(
        sent=spread(20),
        expected_delay=HOUR * COST / (1000 * (1 - CHECKIN_FLOOR)),  # 86.4 s
        reason="Next refresh in 1 min to stay within 1,000 requests/hour",
    ),
    "quiet desk without a floor refreshes at the minimum interval": Case(
        expected_delay=60.0,
        reason="Next refresh in 1 min to stay within 1,000 requests/hour",
        options={"checkin_floor": 0.0},
    ),
    "busy desk: 600 arrivals/hour leave 340 requests for refreshes": Case(
        sent=spread(600 + 28 * COST),
        rate=600,
        expected_delay=HOUR * COST / (1000 - 600 * (1 + SAFETY_MARGIN)),  # 127 s
        reason="Next refresh in 2 min to stay within 1,000 requests/hour",
    ),
    "busy desk on the Professional plan": Case(
        limit=5000,
        sent=spread(700),
        rate=600,
        expected_delay=60.0,
        reason="Next refresh in 1 min to stay within 5,000 requests/hour",
    ),
    "near the limit: waits until a burst of requests leaves the window": Case(
        sent=[NOW - HOUR + 300] * 980,  # the first full load, 55 minutes ago
        rate=120,
        expected_delay=300.0,
        reason="Next refresh in 5 min: until then the requests left in the hour are kept for "
        "check-ins (1,000 requests/hour)",
    ),
    "near the limit: not even the longest interval leaves check-ins enough": Case(
        sent=[NOW - 600] * 950,
        rate=300,
        expected_delay=1800.0,
        blocked=True,
        reason="Close to the limit of 1,000 requests/hour: the check-ins need what is left, "
        "so the list is not refreshed; the desk checks again in 30 min",
    ),
    "check-ins alone fill the hour": Case(
        rate=900,
        expected_delay=1800.0,
        blocked=True,
        reason="Close to the limit of 1,000 requests/hour: the check-ins need what is left",
    ),
    "close to the limit: refreshes only at the longest interval": Case(
        rate=890,  # 979 reserved: 21 requests an hour left, less than two refreshes
        expected_delay=1800.0,
        reason="Close to the limit of 1,000 requests/hour: next refresh in 30 min, after "
        "that only every 30 min",
    ),
    "rate limited with Retry-After": Case(
        rate_limited_for=240,
        expected_delay=240.0,
        blocked=True,
        reason="Plandocket's hourly request limit for this API key (shared by every desk "
        "using it) is used up; the desk tries again in 4 min",
    ),
    "rate limited without Retry-After: the budget's conservative pause": Case(
        rate_limited_for=math.nan, expected_delay=300.0, blocked=True, reason="in 5 min"
    ),
    "rate limited for long: planned again at the longest interval": Case(
        rate_limited_for=3000, expected_delay=1800.0, blocked=True, reason="in 30 min"
    ),
    "rate limited briefly: not sooner than the minimum interval": Case(
        rate_limited_for=10, expected_delay=60.0, blocked=True, reason="in 1 min"
    ),
    "rate limited even on an unlimited plan": Case(
        limit=None, rate_limited_for=120, expected_delay=120.0, blocked=True, reason="used up"
    ),
    "rate limited while check-ins wait: the 429 is the reason": Case(
        rate_limited_for=120, pending=4, expected_delay=120.0, blocked=True, reason="used up"
    ),
    "unlimited plan": Case(
        limit=None,
        rate=5000,
        expected_delay=60.0,
        reason="Next refresh in 1 min; this plan has no hourly request limit",
    ),
    "unlimited plan, last refresh 45 s ago": Case(
        limit=None,
        last_refresh_ago=45,
        expected_delay=15.0,
        reason="Next refresh in 15 s; this plan has no hourly request limit",
    ),
    "unlimited plan, overdue": Case(
        limit=None,
        last_refresh_ago=600,
        expected_delay=0.0,
        reason="Refreshing now; this plan has no hourly request limit",
    ),
    "check-ins waiting": Case(
        pending=3,
        expected_delay=60.0,
        blocked=True,
        reason="The list is refreshed once the 3 waiting check-ins are sent",
    ),
    "one check-in waiting": Case(
        limit=None,
        pending=1,
        expected_delay=60.0,
        blocked=True,
        reason="The list is refreshed once the waiting check-in is sent",
    ),
    "four desks share the key": Case(
        rate=150,  # 165 of this desk's 250 reserved
        desks=4,
        expected_delay=HOUR * COST / (250 - 150 * (1 + SAFETY_MARGIN)),  # 508 s
        reason="Next refresh in 8 min to stay within this desk's share of 1,000 "
        "requests/hour (250 for each of 4 desks)",
    ),
    "last refresh 30 s ago": Case(
        last_refresh_ago=30,
        expected_delay=86.4 - 30,
        reason="Next refresh in 56 s to stay within 1,000 requests/hour",
    ),
    "last refresh long ago: refresh now": Case(
        last_refresh_ago=1000,
        expected_delay=0.0,
        reason="Refreshing now (within 1,000 requests/hour)",
    ),
    "a last refresh in the future counts as now": Case(last_refresh_ago=-500, expected_delay=86.4),
    "custom intervals": Case(
        expected_delay=120.0,
        reason="in 2 min",
        options={"min_interval": 120.0, "max_interval": 600.0},
    ),
}


def budget_for(case: Case, clock: FakeClock) -> RequestBudget:
    budget = RequestBudget(None, ACCOUNT, case.limit, clock=clock)
    for at in case.sent:
        budget.record(at=at)
    if case.rate_limited_for is not None:
        retry_after = None if math.isnan(case.rate_limited_for) else case.rate_limited_for
        budget.note_rate_limited(retry_after, now=NOW)
    return budget


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_plan(case: Case):
    clock = FakeClock(NOW)
    budget = budget_for(case, clock)
    try:
        plan = plan_refresh(
            now=NOW,
            budget=budget,
            refresh_cost=COST,
            checkin_rate_per_hour=case.rate,
            pending_checkins=case.pending,
            last_refresh_at=None if case.last_refresh_ago is None else NOW - case.last_refresh_ago,
            desks_sharing=case.desks,
            **case.options,  # type: ignore[arg-type]
        )
    finally:
        budget.close()
    assert plan.delay == pytest.approx(case.expected_delay, abs=0.01)
    assert plan.blocked is case.blocked
    assert case.reason in plan.reason
    assert len(plan.reason) < 160  # a tooltip, not a paragraph


def test_the_plan_never_exceeds_the_longest_interval_or_goes_negative():
    clock = FakeClock(NOW)
    for case in CASES.values():
        budget = budget_for(case, clock)
        plan = plan_refresh(
            now=NOW,
            budget=budget,
            refresh_cost=COST,
            checkin_rate_per_hour=case.rate,
            pending_checkins=case.pending,
            last_refresh_at=None,
            desks_sharing=case.desks,
        )
        budget.close()
        assert 0 <= plan.delay <= 1800
        assert plan == RefreshPlan(plan.delay, plan.reason, plan.blocked)


def test_reasons_can_be_translated_before_the_values_are_filled_in():
    seen: list[str] = []

    def translate(template: str) -> str:
        seen.append(template)
        return template.replace("Next refresh in", "Nächste Aktualisierung in").replace(
            "to stay within", "um unter"
        )

    budget = RequestBudget(None, ACCOUNT, 1000)
    plan = plan_refresh(
        now=NOW,
        budget=budget,
        refresh_cost=COST,
        checkin_rate_per_hour=600,
        pending_checkins=0,
        last_refresh_at=None,
        translate=translate,
    )
    budget.close()
    assert plan.reason == "Nächste Aktualisierung in 2 min um unter 1,000 requests/hour"
    assert "Next refresh in {wait} to stay within {allowance}" in seen
    assert "{count} min" in seen


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"refresh_cost": 0}, "at least one request"),
        ({"checkin_rate_per_hour": -1.0}, "checkin_rate_per_hour"),
        ({"checkin_rate_per_hour": math.nan}, "checkin_rate_per_hour"),
        ({"pending_checkins": -1}, "pending_checkins"),
        ({"min_interval": 100.0, "max_interval": 50.0}, "min_interval <= max_interval"),
        ({"min_interval": -1.0}, "min_interval <= max_interval"),
        ({"desks_sharing": 0}, "desks_sharing"),
        ({"checkin_floor": 1.5}, "checkin_floor"),
    ],
)
def test_nonsense_arguments_are_refused(arguments: dict[str, float], message: str):
    budget = RequestBudget(None, ACCOUNT, 1000)
    call: dict[str, object] = {
        "now": NOW,
        "budget": budget,
        "refresh_cost": COST,
        "checkin_rate_per_hour": 0.0,
        "pending_checkins": 0,
        "last_refresh_at": None,
        **arguments,
    }
    with pytest.raises(ValueError, match=message):
        plan_refresh(**call)  # type: ignore[arg-type]
    budget.close()


# -- helpers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limit", "cost", "interval", "options", "expected"),
    [
        (1000, 12, 120.0, {}, 1000 - 30 * 12),  # a refresh every 2 min leaves 640 check-ins
        (1000, 12, 60.0, {}, 1000 - 60 * 12),
        (1000, 12, 300.0, {"desks": 2}, 1000 - 2 * 12 * 12),
        (1000, 100, 60.0, {}, 0.0),  # never negative
        (5000, 12, 300.0, {}, 5000 - 12 * 12),
        (1000, 12, 120.0, {"safety_margin": SAFETY_MARGIN}, 640 / 1.1),
        (None, 12, 60.0, {}, math.inf),
    ],
)
def test_sustainable_checkins_per_hour(
    limit: int | None, cost: int, interval: float, options: dict[str, float], expected: float
):
    result = sustainable_checkins_per_hour(limit, cost, interval, **options)  # type: ignore[arg-type]
    assert result == pytest.approx(expected)


def test_sustainable_checkins_needs_a_positive_interval():
    with pytest.raises(ValueError, match="refresh_interval"):
        sustainable_checkins_per_hour(1000, 12, 0)


def test_the_sustainable_rate_is_the_highest_at_which_the_planner_keeps_the_interval():
    interval = 300.0
    rate = sustainable_checkins_per_hour(1000, COST, interval, safety_margin=SAFETY_MARGIN)
    budget = RequestBudget(None, ACCOUNT, 1000)
    at_rate = plan_refresh(
        now=NOW,
        budget=budget,
        refresh_cost=COST,
        checkin_rate_per_hour=rate,
        pending_checkins=0,
        last_refresh_at=None,
    )
    above = plan_refresh(
        now=NOW,
        budget=budget,
        refresh_cost=COST,
        checkin_rate_per_hour=rate + 10,
        pending_checkins=0,
        last_refresh_at=None,
    )
    budget.close()
    assert at_rate.delay == pytest.approx(interval)
    assert above.delay > interval


@pytest.mark.parametrize(
    ("ages", "expected"),
    [
        ([], 0.0),
        ([10.0 * n for n in range(360)], 360.0),  # steady 360/hour: every window agrees
        ([5.0 * n for n in range(100)], 600.0),  # a rush: 100 in the last ~8 minutes
        ([1000.0 + n for n in range(100)], 200.0),  # 100 a while ago: the 30-min window
        ([4000.0, -5.0], 0.0),  # older than an hour, and not yet happened
    ],
)
def test_estimate_checkin_rate_follows_a_rush_at_once(ages: list[float], expected: float):
    assert estimate_checkin_rate([NOW - age for age in ages], NOW) == pytest.approx(expected)


def test_earliest_fit_cases():
    fit = earliest_fit
    assert fit(now=NOW, sent=[], share=1000, reserve_per_hour=0, refresh_cost=12) == NOW
    # 995 sent just now: 7 must leave the window (in an hour) before 12 more fit.
    sent = [NOW - 100.0 + n * 0.1 for n in range(995)]
    assert fit(now=NOW, sent=sent, share=1000, reserve_per_hour=0, refresh_cost=12) == (
        pytest.approx(sent[6] + HOUR)
    )
    # The check-ins of the hour after the refresh must fit too.
    assert fit(now=NOW, sent=[], share=1000, reserve_per_hour=990, refresh_cost=12) == math.inf
    # A timestamp in the future (clock set back) counts as sent now.
    assert fit(
        now=NOW, sent=[NOW + 500] * 995, share=1000, reserve_per_hour=0, refresh_cost=12
    ) == (NOW + HOUR)


# -- simulated hours at the desk ----------------------------------------------------------------


def arrivals(phases: Sequence[tuple[float, float]], start: float) -> list[float]:
    """Evenly spaced arrivals: ``phases`` of (seconds, arrivals per hour)."""
    times: list[float] = []
    begin = start
    for seconds, rate in phases:
        if rate > 0:
            step = HOUR / rate
            times.extend(begin + step * n for n in range(math.ceil(seconds / step)))
        begin += seconds
    return times


@dataclass
class SimulatedDesk:
    """A desk that checks people in as they arrive and refreshes when the planner says."""

    budget: RequestBudget
    arrivals: list[float]
    desks_sharing: int = 1
    checkin_floor: float = CHECKIN_FLOOR
    rate_of: Callable[[list[float], float], float] = estimate_checkin_rate
    checked_in: list[float] = field(default_factory=list)
    next_refresh: float = NOW
    refreshes: int = 0
    blocked_plans: int = 0

    def events(self) -> Iterator[tuple[float, str]]:
        """Arrivals and refreshes in time order, forever (the caller stops)."""
        index = 0
        while True:
            arrival = self.arrivals[index] if index < len(self.arrivals) else math.inf
            if arrival <= self.next_refresh:
                index += 1
                yield arrival, "check-in"
            else:
                yield self.next_refresh, "refresh"

    def refresh(self, now: float) -> None:
        plan = plan_refresh(
            now=now,
            budget=self.budget,
            refresh_cost=COST,
            checkin_rate_per_hour=self.rate_of(self.checked_in, now),
            pending_checkins=0,
            last_refresh_at=now,
            desks_sharing=self.desks_sharing,
            checkin_floor=self.checkin_floor,
        )
        if plan.blocked:
            self.blocked_plans += 1
        else:
            self.budget.record(at=now, count=COST)
            self.refreshes += 1
        self.next_refresh = now + max(plan.delay, 1.0)


def simulate(
    phases: Sequence[tuple[float, float]],
    *,
    limit: int = 1000,
    desks: int = 1,
    **options: Any,
) -> tuple[int, int, list[SimulatedDesk]]:
    """Run ``desks`` desks on one key; returns (most requests in any hour, check-ins that
    found the shared hour full, the desks)."""
    clock = FakeClock(NOW)
    total = RequestBudget(None, "all desks on the key", None, clock=clock)
    end = NOW + sum(seconds for seconds, _ in phases)
    simulated = [
        SimulatedDesk(
            RequestBudget(None, ACCOUNT, limit, clock=clock),
            arrivals(phases, NOW + index * 7.0),  # the desks' arrivals interleave
            desks_sharing=desks,
            **options,
        )
        for index in range(desks)
    ]
    streams = [desk.events() for desk in simulated]
    upcoming = [next(stream) for stream in streams]
    worst = starved = 0
    while True:
        index = min(range(desks), key=lambda i: upcoming[i][0])
        now, what = upcoming[index]
        if now >= end:
            break
        clock.now = now
        desk = simulated[index]
        if what == "check-in":
            if total.used(now) + 1 > limit:
                starved += 1
            desk.budget.record(at=now)
            total.record(at=now)
            desk.checked_in.append(now)
        else:
            before = desk.refreshes
            desk.refresh(now)
            total.record(at=now, count=COST * (desk.refreshes - before))
        worst = max(worst, total.used(now))
        upcoming[index] = next(streams[index])
    for desk in simulated:
        desk.budget.close()
    total.close()
    return worst, starved, simulated


SIMULATIONS = {
    "quiet for two hours": [(2 * HOUR, 0.0)],
    "a cold start at 600 arrivals/hour": [(3 * HOUR, 600.0)],
    "850 arrivals/hour, close to the limit": [(3 * HOUR, 850.0)],
    "a quiet hour, then 900 arrivals/hour": [(HOUR, 0.0), (2 * HOUR, 900.0)],
    "doors open: 1,500/hour for 20 minutes": [(HOUR, 0.0), (1200.0, 1500.0), (5400.0, 200.0)],
    "rising: 300, 600, 900 per hour": [(HOUR, 300.0), (HOUR, 600.0), (HOUR, 900.0)],
}


@pytest.mark.parametrize("phases", SIMULATIONS.values(), ids=SIMULATIONS.keys())
def test_a_simulated_desk_never_leaves_its_check_ins_without_room(
    phases: list[tuple[float, float]],
):
    worst, starved, (desk,) = simulate(phases)
    assert starved == 0
    assert worst <= 1000
    assert desk.refreshes >= 2  # the other desks' check-ins still arrive, if rarely


def test_a_quiet_desk_refreshes_about_every_ninety_seconds():
    _, _, (desk,) = simulate([(2 * HOUR, 0.0)])
    assert desk.refreshes == pytest.approx(2 * HOUR / 86.4, abs=2)


@pytest.mark.parametrize("desks", [2, 3])
def test_desks_sharing_a_key_stay_within_it_together(desks: int):
    worst, starved, simulated = simulate([(HOUR, 100.0), (2 * HOUR, 250.0)], desks=desks)
    assert starved == 0
    assert worst <= 1000
    assert all(desk.refreshes >= 2 for desk in simulated)


def last_hour_only(arrivals: list[float], now: float) -> float:
    """The naive rate: arrivals in the last hour. It trails a rush by up to an hour."""
    return float(sum(1 for at in arrivals if now - HOUR < at <= now))


def test_without_the_floor_a_trailing_rate_lets_refreshes_crowd_out_a_rush():
    # Why the floor and the short windows exist: the same rush, planned naively.
    phases = SIMULATIONS["a quiet hour, then 900 arrivals/hour"]
    _, starved, _ = simulate(phases, checkin_floor=0.0, rate_of=last_hour_only)
    assert starved > 100
    _, starved_with_both, _ = simulate(phases)
    assert starved_with_both == 0
