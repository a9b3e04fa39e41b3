"""Configuration of a sandbox server: dataset, response shape, pagination and faults."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Literal, get_args

Pagination = Literal["laravel", "cursor", "none"]
ResponseShape = Literal["documented", "sample"]

PAGINATIONS: tuple[str, ...] = get_args(Pagination)
RESPONSE_SHAPES: tuple[str, ...] = get_args(ResponseShape)

_RATES = ("error_rate", "html_error_rate", "drop_rate", "broken_json_rate", "faults_after_write")


@dataclass
class FaultConfig:
    """Faults injected into /api/ requests; mutable while the server runs.

    Attributes are read afresh for every request, so a test can change them between two
    calls from its own thread. The rates are fractions in [0, 1]; at 1.0 a fault is certain.
    """

    latency_ms: float = 0.0
    error_rate: float = 0.0
    error_statuses: tuple[int, ...] = (500, 502, 503, 504)
    html_error_rate: float = 0.0
    drop_rate: float = 0.0
    broken_json_rate: float = 0.0
    # Of the faults hitting a write, the share injected after the write was applied.
    faults_after_write: float = 0.0
    rate_limit_per_hour: int | None = None
    rate_limit_retry_after: int | None = None
    # Seed of the fault dice, independent of the dataset's seed.
    seed: int = 1

    def validate(self) -> None:
        """Raise ValueError for values that make no sense."""
        for name in _RATES:
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value!r}")
        if self.latency_ms < 0:
            raise ValueError(f"latency_ms must be >= 0, got {self.latency_ms!r}")
        if not self.error_statuses or any(not 500 <= s <= 599 for s in self.error_statuses):
            raise ValueError(f"error_statuses must be 5xx codes, got {self.error_statuses!r}")
        if self.rate_limit_per_hour is not None and self.rate_limit_per_hour < 0:
            raise ValueError("rate_limit_per_hour must be >= 0 or None")
        if self.rate_limit_retry_after is not None and self.rate_limit_retry_after < 0:
            raise ValueError("rate_limit_retry_after must be >= 0 or None")

    def reset(self) -> None:
        """Back to no faults at all, in place (holders of this object see the change)."""
        fresh = FaultConfig()
        for spec in fields(self):
            setattr(self, spec.name, getattr(fresh, spec.name))

    @property
    def any_active(self) -> bool:
        """Whether any fault or the rate limit is switched on."""
        return bool(
            self.latency_ms
            or self.error_rate
            or self.html_error_rate
            or self.drop_rate
            or self.broken_json_rate
            or self.rate_limit_per_hour is not None
        )


@dataclass
class SandboxConfig:
    """Everything that makes one sandbox server what it is."""

    seed: int = 1
    # > 0 adds the event "BIG" with this many participants, each with its own contact.
    big_event_participants: int = 0
    pagination: Pagination = "laravel"
    response_shape: ResponseShape = "documented"
    per_page_default: int = 25
    per_page_max: int = 100
    # Answer POST/PUT/PATCH with only the id and timestamps, as the seed's sample does.
    partial_write_responses: bool = False
    host: str = "127.0.0.1"
    port: int = 0
    faults: FaultConfig = field(default_factory=FaultConfig)
    access_log: bool = False
    # Seconds since the epoch; used for timestamps of writes, "upcoming" and the rate limit.
    clock: Callable[[], float] = time.time

    def validate(self) -> None:
        """Raise ValueError for values that make no sense."""
        if self.pagination not in PAGINATIONS:
            raise ValueError(f"pagination must be one of {PAGINATIONS}, got {self.pagination!r}")
        if self.response_shape not in RESPONSE_SHAPES:
            raise ValueError(
                f"response_shape must be one of {RESPONSE_SHAPES}, got {self.response_shape!r}"
            )
        if self.per_page_max < 1 or self.per_page_default < 1:
            raise ValueError("per_page_default and per_page_max must be >= 1")
        if self.big_event_participants < 0:
            raise ValueError("big_event_participants must be >= 0")
        if not 0 <= self.port <= 65535:
            raise ValueError(f"port must be 0..65535, got {self.port}")
        self.faults.validate()
