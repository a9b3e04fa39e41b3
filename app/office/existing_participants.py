"""Who already takes part: the customer numbers of each event a CSV import adds to.

Asked once per event before anything is sent, so rows already participating are skipped
and reported instead of being refused one request at a time. Runs on a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from app.api import PlandocketClient


@dataclass(frozen=True, slots=True)
class ExistingParticipants:
    """Customer numbers taking part, per event key, and the requests it took to find out."""

    numbers: Mapping[str, frozenset[str]] = field(default_factory=dict)
    requests: int = 0

    def takes_part(self, event_key: str, customer_number: str) -> bool:
        """Whether the customer already takes part in the event."""
        return customer_number in self.numbers.get(event_key, frozenset())


def fetch_existing(
    client: PlandocketClient,
    event_keys: Iterable[str],
    *,
    known: Mapping[str, frozenset[str]] | None = None,
    stop: Callable[[], bool] = lambda: False,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> ExistingParticipants:
    """List each event's participants (with their contacts) and collect customer numbers.

    ``known`` lists events whose complete list is already loaded (no request needed).
    ``stop`` is asked between pages; when it says yes, what was found so far is returned.
    ``progress(done, total)`` reports events done. Each page is one request.
    """
    known = known or {}
    keys = list(dict.fromkeys(event_keys))
    numbers: dict[str, frozenset[str]] = {}
    requests = 0
    for done, key in enumerate(keys):
        progress(done, len(keys))
        if key in known:
            numbers[key] = known[key]
            continue
        found: set[str] = set()
        pages = client.iter_participant_pages(event_key=key, include=("contact",))
        try:
            for page in pages:
                requests += 1
                found.update(
                    participant.contact.customer_number
                    for participant in page
                    if participant.contact is not None and participant.contact.customer_number
                )
                if stop():
                    break
        finally:
            pages.close()
        numbers[key] = frozenset(found)
        if stop():
            break
    progress(len(numbers), len(keys))
    return ExistingParticipants(numbers, requests)
