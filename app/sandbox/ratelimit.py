"""Per-key sliding-hour request counter, like Plandocket's plan limits."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable

WINDOW_SECONDS = 3600.0


class RateLimiter:
    """Counts accepted requests per key over the last hour.

    Rejected requests are not counted: a client that backs off must get through again
    once the oldest accepted request leaves the window. ``clock`` is replaceable so tests
    can move time forward instead of waiting an hour.
    """

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._hits: dict[str, deque[float]] = {}

    def allow(self, key: str, limit: int) -> bool:
        """Record a request for ``key`` and say whether it is within ``limit`` per hour."""
        now = self.clock()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - WINDOW_SECONDS:
                hits.popleft()
            if len(hits) >= limit:
                return False
            hits.append(now)
            return True

    def used(self, key: str) -> int:
        """Requests of ``key`` counted in the current window."""
        now = self.clock()
        with self._lock:
            return sum(1 for hit in self._hits.get(key, ()) if hit > now - WINDOW_SECONDS)

    def reset(self) -> None:
        """Forget every counted request: all keys start a fresh hour."""
        with self._lock:
            self._hits.clear()
