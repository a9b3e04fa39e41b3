"""What a scan or search at the desk resulted in, in words a desk can show and say."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class ResultKind(StrEnum):
    """The outcome classes a desk shows in different colours (always spelled out too)."""

    CONFIRMED = "confirmed"  # green: checked in now
    ALREADY_CONFIRMED = "already-confirmed"  # amber: was already in
    NOT_REGISTERED = "not-registered"  # red: not a participant of this event
    SEVERAL = "several"  # neutral: a pick list is shown
    UNDONE = "undone"  # neutral: the last check-in was taken back
    ERROR = "error"  # red: something went wrong (the message says what)


@dataclass(frozen=True, slots=True)
class DeskResult:
    """One result for the result panel, the sound and the screen reader."""

    kind: ResultKind
    headline: str  # "Confirmed", "Already confirmed at 10:42", "Not registered for this event"
    company: str | None = None
    person: str | None = None
    detail: str | None = None  # e.g. the customer number, or "F2: add as walk-in"
    at: datetime | None = None

    @property
    def spoken(self) -> str:
        """The whole result as one sentence, for screen readers."""
        parts = [self.headline, self.company, self.person, self.detail]
        return ". ".join(part for part in parts if part)
