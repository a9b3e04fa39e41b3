"""When the check-in desk may read the event's list again without starving its check-ins.

Other desks' check-ins reach this desk only by re-reading the list (the API has no "changed
since" filter), and every re-read costs as many requests as the list has pages, from an
hourly limit shared by every desk on the API key. Check-ins always come first: the planner
spends on refreshes only what the expected check-ins leave over.

The rules, in order:

1. While Plandocket answers 429, or check-ins wait to be sent, no refresh: plan again later.
2. Unlimited plan: refresh every ``min_interval``.
3. Otherwise this desk may use ``limit / desks_sharing`` requests per hour. Its expected
   check-ins (the rate, plus :data:`SAFETY_MARGIN`; but never less than ``checkin_floor``
   of the share) are reserved; refreshes get the rest, spread evenly over the hour: one
   every ``3600 * refresh_cost / rest`` seconds, clamped to [``min_interval``,
   ``max_interval``].
4. And a refresh happens only when it fits the *sliding* window: for every moment of the
   hour after it, the requests still in the window (those already sent, see
   :meth:`~app.budget.RequestBudget.timestamps`, minus the ones that have left it), the
   refresh itself and the check-ins expected from now to then must stay within the share.
   That is rule 3's "reserve for the rest of the hour", computed exactly against the
   requests already sent: a burst (the first full load of a big event) delays the next
   refresh until enough of it has left the window.
5. If even ``max_interval`` is too soon for rule 4, say so: the desk is close to the limit.

Why a floor: a measured rate trails a rush. Simulated on a Standard plan (1,000/hour, a
12-page refresh), a quiet hour followed by 900 arrivals/hour left hundreds of check-ins
without room when the rate was "arrivals in the last hour"; with the rate from
:func:`estimate_checkin_rate` (which also looks at the last 10 and 30 minutes) and half the
hour always kept for check-ins, none, also for a cold start at 600/hour and a 1,500/hour
burst at the doors. The price: a quiet desk refreshes every ~90 s instead of every minute.

Pure: no clock, no I/O besides reading the budget, no Qt. The reason is plain English for a
tooltip; pass ``translate`` (e.g. ``QCoreApplication.translate`` bound to a context) to get
the templates in the display language before the values are filled in.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from app.budget import WINDOW_SECONDS, RequestBudget
from app.i18n import QT_TRANSLATE_NOOP

# Check-ins are reserved at the measured rate plus this share: arrivals come in waves.
SAFETY_MARGIN: Final = 0.10
# At least this share of the hour is always kept for check-ins, whatever the measured rate.
CHECKIN_FLOOR: Final = 0.5
# The windows estimate_checkin_rate looks at: a rush shows in the short ones first.
RATE_WINDOWS: Final = (600.0, 1800.0, 3600.0)

Translate = Callable[[str], str]


def _untranslated(text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class RefreshPlan:
    """When to refresh next, and why, in words for a tooltip."""

    delay: float  # seconds from now
    reason: str  # e.g. "Next refresh in 4 min to stay within 1,000 requests/hour"
    blocked: bool = False
    """True: when the delay is over, plan again rather than refresh (check-ins wait, 429, or
    even ``max_interval`` would not leave the check-ins enough of the hour)."""


def plan_refresh(
    *,
    now: float,
    budget: RequestBudget,
    refresh_cost: int,
    checkin_rate_per_hour: float,
    pending_checkins: int,
    last_refresh_at: float | None,
    min_interval: float = 60.0,
    max_interval: float = 1800.0,
    desks_sharing: int = 1,
    checkin_floor: float = CHECKIN_FLOOR,
    translate: Translate | None = None,
    number: Callable[[int], str] = "{:,}".format,
) -> RefreshPlan:
    """When the desk may next re-read the event's list (see the module docstring for the rules).

    ``refresh_cost`` is the requests one refresh takes (its pages); ``checkin_rate_per_hour``
    the check-ins this desk expects per hour (best from :func:`estimate_checkin_rate`);
    ``pending_checkins`` those waiting in the outbox; ``last_refresh_at`` when the last
    refresh started (None: count the interval from now); ``desks_sharing`` how many desks
    use the API key, each planning for its share; ``checkin_floor`` the share of the hour
    always kept for check-ins.
    """
    _check(refresh_cost, checkin_rate_per_hour, pending_checkins, min_interval, max_interval)
    if desks_sharing < 1:
        raise ValueError(f"desks_sharing must be at least 1, not {desks_sharing}")
    if not 0 <= checkin_floor <= 1:
        raise ValueError(f"checkin_floor must be between 0 and 1, not {checkin_floor}")
    say = translate or _untranslated

    waiting = _waiting_plan(
        now,
        budget,
        pending_checkins=pending_checkins,
        min_interval=min_interval,
        max_interval=max_interval,
        say=say,
    )
    if waiting is not None:
        return waiting

    start = now if last_refresh_at is None else min(last_refresh_at, now)
    limit = budget.limit_per_hour
    if limit is None:
        return _unlimited_plan(max(0.0, start + min_interval - now), say)

    share = limit // desks_sharing
    allowance = _allowance(number(limit), number(share), desks_sharing, say)
    reserve = max(checkin_rate_per_hour * (1 + SAFETY_MARGIN), checkin_floor * share)
    spare = share - reserve
    steady = WINDOW_SECONDS * refresh_cost / spare if spare > 0 else math.inf
    interval = min(max(steady, min_interval), max_interval)
    fits_at = earliest_fit(
        now=now,
        sent=budget.timestamps(now),
        share=share,
        reserve_per_hour=reserve,
        refresh_cost=refresh_cost,
    )
    due = max(start + interval, fits_at)
    delay = max(0.0, due - now)

    if delay > max_interval:
        text = say(
            QT_TRANSLATE_NOOP(
                "RefreshPlanner",
                "Close to the limit of {allowance}: the check-ins need what is left, so the list "
                "is not refreshed; the desk checks again in {wait}",
            )
        )
        wait_text = _duration(max_interval, say)
        return RefreshPlan(max_interval, text.format(allowance=allowance, wait=wait_text), True)
    now_due = delay < 1
    if steady > max_interval:
        if now_due:
            template = QT_TRANSLATE_NOOP(
                "RefreshPlanner",
                "Close to the limit of {allowance}: refreshing now, after that only every "
                "{interval}",
            )
        else:
            template = QT_TRANSLATE_NOOP(
                "RefreshPlanner",
                "Close to the limit of {allowance}: next refresh in {wait}, after that only "
                "every {interval}",
            )
        text = say(template)
    elif now_due:
        text = say(QT_TRANSLATE_NOOP("RefreshPlanner", "Refreshing now (within {allowance})"))
    elif fits_at > start + interval:
        text = say(
            QT_TRANSLATE_NOOP(
                "RefreshPlanner",
                "Next refresh in {wait}: until then the requests left in the hour are kept for "
                "check-ins ({allowance})",
            )
        )
    else:
        text = say(
            QT_TRANSLATE_NOOP("RefreshPlanner", "Next refresh in {wait} to stay within {allowance}")
        )
    reason = text.format(
        wait=_duration(delay, say), allowance=allowance, interval=_duration(max_interval, say)
    )
    return RefreshPlan(delay, reason)


def estimate_checkin_rate(arrivals: Iterable[float], now: float) -> float:
    """Check-ins per hour to plan for: the highest rate of the last 10, 30 and 60 minutes.

    ``arrivals`` are the times of this desk's check-ins (at least those of the last hour).
    The last hour alone trails a rush by up to an hour; the short windows see it at once.
    """
    recent = [now - at for at in arrivals if 0 <= now - at < WINDOW_SECONDS]
    return max(
        sum(1 for age in recent if age < window) * WINDOW_SECONDS / window
        for window in RATE_WINDOWS
    )


def earliest_fit(
    *,
    now: float,
    sent: Sequence[float],
    share: float,
    reserve_per_hour: float,
    refresh_cost: int,
) -> float:
    """The earliest time from ``now`` at which a refresh leaves the check-ins enough room.

    ``sent`` are the times of the requests of the hour up to ``now``. A refresh at ``t`` fits
    when, for every moment ``u`` in the hour after it, the requests still in the window at
    ``u`` plus ``refresh_cost`` plus the check-ins expected from ``now`` to ``u`` stay within
    ``share``. ``math.inf`` when a refresh never fits (the check-ins alone need the share).
    """
    if reserve_per_hour + refresh_cost > share:
        return math.inf
    per_second = reserve_per_hour / WINDOW_SECONDS
    # When each request leaves the window. A timestamp in the future counts as sent now.
    leaves = sorted(min(at, now) + WINDOW_SECONDS for at in sent)
    count = len(leaves)
    # The load just before the j-th request leaves is (count - j) still in the window plus
    # the check-ins until then; the worst moment after a refresh at t is the largest of these
    # over the requests still in the window at t, or the full hour's check-ins after them.
    # Scanning from the newest, the running maximum is that worst load for "j and later".
    worst_from = [-math.inf] * (count + 1)
    worst = -math.inf
    for j in range(count - 1, -1, -1):
        worst = max(worst, (count - j) + per_second * (leaves[j] - now))
        worst_from[j] = worst
    for gone in range(count + 1):  # how many of the sent requests must have left first
        if max(worst_from[gone], reserve_per_hour) + refresh_cost <= share:
            return now if gone == 0 else max(now, leaves[gone - 1])
    return math.inf  # not reached: with all gone, only the reserve is left, which fits


def sustainable_checkins_per_hour(
    limit: int | None,
    refresh_cost: int,
    refresh_interval: float,
    *,
    desks: int = 1,
    safety_margin: float = 0.0,
) -> float:
    """Check-ins per hour that fit beside refreshes of ``refresh_cost`` every ``refresh_interval``.

    For ``desks`` desks each refreshing that often, the check-ins of all of them together.
    With ``safety_margin=SAFETY_MARGIN``: the highest rate at which :func:`plan_refresh`
    still allows that interval. ``math.inf`` for an unlimited plan.
    """
    if refresh_interval <= 0:
        raise ValueError(f"refresh_interval must be positive, not {refresh_interval}")
    if limit is None:
        return math.inf
    refreshes = desks * refresh_cost * WINDOW_SECONDS / refresh_interval
    return max(0.0, (limit - refreshes) / (1 + safety_margin))


def _unlimited_plan(delay: float, say: Translate) -> RefreshPlan:
    """The plan when the account's plan has no hourly limit: every ``min_interval``."""
    if delay < 1:
        template = QT_TRANSLATE_NOOP(
            "RefreshPlanner", "Refreshing now; this plan has no hourly request limit"
        )
    else:
        template = QT_TRANSLATE_NOOP(
            "RefreshPlanner", "Next refresh in {wait}; this plan has no hourly request limit"
        )
    return RefreshPlan(delay, say(template).format(wait=_duration(delay, say)))


def _waiting_plan(
    now: float,
    budget: RequestBudget,
    *,
    pending_checkins: int,
    min_interval: float,
    max_interval: float,
    say: Translate,
) -> RefreshPlan | None:
    """The plan while no refresh may happen at all (429, or check-ins waiting); else None."""
    if budget.is_rate_limited(now):
        wait = budget.seconds_until_available(1, now)
        delay = min(max(wait, min_interval), max_interval)
        text = say(
            QT_TRANSLATE_NOOP(
                "RefreshPlanner",
                "Plandocket's hourly request limit for this API key (shared by every desk using "
                "it) is used up; the desk tries again in {wait}",
            )
        )
        return RefreshPlan(delay, text.format(wait=_duration(delay, say)), blocked=True)
    if pending_checkins > 0:
        if pending_checkins == 1:
            template = QT_TRANSLATE_NOOP(
                "RefreshPlanner", "The list is refreshed once the waiting check-in is sent"
            )
        else:
            template = QT_TRANSLATE_NOOP(
                "RefreshPlanner",
                "The list is refreshed once the {count} waiting check-ins are sent",
            )
        text = say(template)
        return RefreshPlan(min_interval, text.format(count=pending_checkins), blocked=True)
    return None


def _allowance(limit: str, share: str, desks: int, say: Translate) -> str:
    """The request allowance in words; ``limit`` and ``share`` come formatted for the locale."""
    if desks == 1:
        return say(QT_TRANSLATE_NOOP("RefreshPlanner", "{limit} requests/hour")).format(limit=limit)
    text = say(
        QT_TRANSLATE_NOOP(
            "RefreshPlanner",
            "this desk's share of {limit} requests/hour ({share} for each of {desks} desks)",
        )
    )
    return text.format(limit=limit, share=share, desks=desks)


def _check(
    refresh_cost: int,
    checkin_rate_per_hour: float,
    pending_checkins: int,
    min_interval: float,
    max_interval: float,
) -> None:
    if refresh_cost < 1:
        raise ValueError(f"a refresh costs at least one request, not {refresh_cost}")
    if not checkin_rate_per_hour >= 0:  # also refuses NaN
        raise ValueError(f"checkin_rate_per_hour must be 0 or more, not {checkin_rate_per_hour}")
    if pending_checkins < 0:
        raise ValueError(f"pending_checkins must be 0 or more, not {pending_checkins}")
    if not 0 <= min_interval <= max_interval:
        raise ValueError(
            f"need 0 <= min_interval <= max_interval, got {min_interval} and {max_interval}"
        )


def _duration(seconds: float, say: Translate) -> str:
    """A wait in whole seconds (under a minute) or minutes, for people at a desk."""
    if seconds < 60:
        return say(QT_TRANSLATE_NOOP("RefreshPlanner", "{count} s")).format(
            count=max(1, round(seconds))
        )
    minutes = round(seconds / 60)
    if minutes < 60:
        return say(QT_TRANSLATE_NOOP("RefreshPlanner", "{count} min")).format(count=minutes)
    return say(QT_TRANSLATE_NOOP("RefreshPlanner", "{hours} h {minutes} min")).format(
        hours=minutes // 60, minutes=minutes % 60
    )
