"""When and how long to wait before sending a request again."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# Statuses that mean "not handled, try again": gateway trouble and the rate limit.
RETRY_STATUSES = frozenset({429, 502, 503, 504})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Bounded exponential backoff with jitter.

    ``max_total`` bounds the time one call may spend on retries, so a worker is never
    stuck for long; a ``Retry-After`` beyond ``max_retry_after`` is not waited out but
    reported to the caller, whose outbox can wait minutes without holding a thread.
    """

    max_attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_total: float = 30.0
    max_retry_after: float = 60.0

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Delay after the ``attempt``-th failure: half fixed, half random."""
        ceiling = min(self.max_delay, self.base_delay * 2.0 ** (attempt - 1))
        return ceiling / 2 + rng.uniform(0, ceiling / 2)

    def delay(self, attempt: int, retry_after: float | None, rng: random.Random) -> float | None:
        """Seconds to wait before the next attempt, or ``None`` when the server asks too long."""
        if retry_after is None:
            return self.backoff(attempt, rng)
        if retry_after > self.max_retry_after:
            return None
        # A little jitter on top keeps several desks from returning in lock-step.
        return retry_after + rng.uniform(0, min(1.0, self.base_delay))


NO_RETRIES = RetryPolicy(max_attempts=1)


def parse_retry_after(headers: Mapping[str, str], now: datetime | None = None) -> float | None:
    """Seconds to wait from ``Retry-After`` (seconds or HTTP date) or ``X-RateLimit-Reset``."""
    now = now or datetime.now(UTC)
    value = headers.get("retry-after")
    if value:
        value = value.strip()
        try:
            seconds = float(value)
        except ValueError:
            pass
        else:
            if math.isfinite(seconds):
                return max(0.0, seconds)
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            when = None
        if when is not None:
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            return max(0.0, (when - now).total_seconds())
    # Only called for a 429, so a reset time without "remaining: 0" still says when.
    if headers.get("x-ratelimit-remaining", "0").strip() == "0":
        reset = headers.get("x-ratelimit-reset", "").strip()
        try:
            seconds = float(reset) - now.timestamp()
        except ValueError:
            return None
        return max(0.0, seconds) if math.isfinite(seconds) else None
    return None
