"""How many more adds an import may hand to the outbox now, within the hourly request budget.

Every desk and window using the API key shares its hourly limit, so an import never spends
the last requests of the hour: it keeps a small reserve for the check-in desks, counts the
changes still waiting in the outbox as already spent (each will cost a request), and when
nothing is left it says how long until the window frees. No Qt; the window asks again
whenever something was delivered or the wait is over.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from typing import Final

from app.budget import RequestBudget

#: Requests an import leaves in the hour for the check-in desks sharing the key.
DEFAULT_RESERVE: Final = 20
#: Adds of one import handed over and not answered yet, at most: enough to keep the
#: outbox sender busy, few enough that Cancel stops the import quickly.
MAX_IN_FLIGHT: Final = 20


class WaitReason(Enum):
    """Why an import hands over nothing right now."""

    BUDGET = "budget"  # the hour's requests are used up (or a 429 pause runs)
    QUEUE = "queue"  # earlier changes in the outbox will use what is left


@dataclass(frozen=True, slots=True)
class Allowance:
    """Adds that may be handed over now (None: no limit), or why not and for how long.

    ``wait_seconds`` is meaningful for :attr:`WaitReason.BUDGET` only: when the hour has
    room again (``math.inf``: the limit is too small for any request beyond the reserve).
    """

    count: int | None
    reason: WaitReason | None = None
    wait_seconds: float = 0.0


def reserve_for(limit: int | None) -> int:
    """The reserve kept for the desks: 20 requests, but never more than a tenth of the limit."""
    if limit is None:
        return 0
    return min(DEFAULT_RESERVE, limit // 10)


def allowance(budget: RequestBudget | None, pending: int, now: float | None = None) -> Allowance:
    """What the budget allows with ``pending`` changes of the account still to be sent."""
    if budget is None:
        return Allowance(None)
    rate_limited = budget.is_rate_limited(now)
    limit = budget.limit_per_hour
    if limit is None and not rate_limited:
        return Allowance(None)
    reserve = reserve_for(limit)
    remaining = budget.remaining(now) or 0
    free = remaining - reserve - pending
    if free > 0:
        return Allowance(free)
    if not rate_limited and remaining - reserve > 0:
        return Allowance(0, WaitReason.QUEUE)
    # When the hour has room again; queued changes may then still go first.
    wait = budget.seconds_until_available(reserve + 1, now)
    return Allowance(0, WaitReason.BUDGET, wait)


@dataclass(frozen=True, slots=True)
class Estimate:
    """What an import of ``needed`` adds means for the hour's budget."""

    needed: int
    remaining: int | None  # None: no limit
    limit: int | None
    fits_now: bool
    hours: int  # about how many hours it takes (1 when it fits)


def estimate(budget: RequestBudget | None, needed: int, pending: int = 0) -> Estimate:
    """Whether ``needed`` adds fit in this hour, and if not, about how many hours they take."""
    if budget is None or (budget.limit_per_hour is None and not budget.is_rate_limited()):
        return Estimate(needed, None, None, True, 1)
    limit = budget.limit_per_hour
    remaining = budget.remaining() or 0
    reserve = reserve_for(limit)
    free = max(0, remaining - reserve - pending)
    if needed <= free:
        return Estimate(needed, remaining, limit, True, 1)
    per_hour = (limit or 0) - reserve
    if per_hour <= 0:
        return Estimate(needed, remaining, limit, False, 0)  # never: the limit is too small
    hours = 1 + math.ceil((needed - free) / per_hour)
    return Estimate(needed, remaining, limit, False, hours)
