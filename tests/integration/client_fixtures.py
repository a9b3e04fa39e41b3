"""Fixtures and helpers for testing PlandocketClient against a running sandbox over loopback.

Test modules load this as a plugin (``pytest_plugins``); the sandbox fixtures themselves
(``sandbox``, ``make_sandbox``) come from tests/sandbox_fixtures.py via the root conftest.

- ``make_plandocket(server, key=..., **client_options)``: a PlandocketClient on a sandbox,
  with fast retries and a :class:`Recorder` of its requests; closed at teardown.
- ``client``: such a client on the shared default ``sandbox`` with the full demo key.

The test modules import helpers from here before pytest loads it as a plugin, so pytest
cannot rewrite its asserts anyway (PYTEST_DONT_REWRITE silences the warning about that);
the helpers' asserts therefore carry their own messages.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import pytest

from app.api import PlandocketClient, PlandocketError, RequestRecord, RetryPolicy
from app.domain import Participant
from app.sandbox import DEMO_KEYS, ParticipantRecord, SandboxServer

# Retries that cost (almost) no time, so fault tests stay fast without sleeping.
FAST = RetryPolicy(
    max_attempts=4, base_delay=0.01, max_delay=0.05, max_total=10.0, max_retry_after=5.0
)
# For random faults at rates like 0.3: 12 attempts make an unlucky streak (0.3**12) negligible.
PATIENT = RetryPolicy(
    max_attempts=12, base_delay=0.005, max_delay=0.02, max_total=20.0, max_retry_after=5.0
)

ALL_DEMO_KEYS = (DEMO_KEYS.full, DEMO_KEYS.participants_only, DEMO_KEYS.no_participants)

# (id, event_id, contact_id, category_id, is_confirmed, created_at, updated_at)
Row = tuple[int, int | None, int | None, int | None, bool | None, datetime | None, datetime | None]


class Recorder:
    """Collects the client's RequestRecords (``on_request``) from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: list[RequestRecord] = []
        self.hooks: list[Callable[[RequestRecord], None]] = []

    def __call__(self, record: RequestRecord) -> None:
        with self._lock:
            self._records.append(record)
        for hook in self.hooks:
            hook(record)

    @property
    def records(self) -> list[RequestRecord]:
        """Every request so far, in the order they finished."""
        with self._lock:
            return list(self._records)

    def statuses(self, method: str | None = None) -> list[int | None]:
        """Statuses of the requests (of one method, if given)."""
        return [r.status for r in self.records if method is None or r.method == method]

    def clear(self) -> None:
        """Forget the requests recorded so far."""
        with self._lock:
            self._records.clear()


MakePlandocket = Callable[..., PlandocketClient]


@pytest.fixture
def make_plandocket() -> Iterator[MakePlandocket]:
    """Factory: ``make_plandocket(server, key=DEMO_KEYS.full, recorder=None, **options)``."""
    clients: list[PlandocketClient] = []

    def make(
        server: SandboxServer,
        key: str = DEMO_KEYS.full,
        *,
        recorder: Recorder | None = None,
        **options: Any,
    ) -> PlandocketClient:
        options.setdefault("retry", FAST)
        if recorder is not None:
            options["on_request"] = recorder
        client = PlandocketClient(server.base_url, key, **options)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def recorder() -> Recorder:
    """A fresh request recorder to pass to ``make_plandocket``."""
    return Recorder()


@pytest.fixture
def client(
    sandbox: SandboxServer, make_plandocket: MakePlandocket, recorder: Recorder
) -> PlandocketClient:
    """A client on the shared default sandbox (full key), recording into ``recorder``."""
    return make_plandocket(sandbox, recorder=recorder)


# -- comparisons with the store ------------------------------------------------------------


def moment(microseconds: int) -> datetime:
    """The aware UTC datetime of a store timestamp (microseconds since the epoch)."""
    return datetime.fromtimestamp(microseconds // 1_000_000, UTC).replace(
        microsecond=microseconds % 1_000_000
    )


def row_of(participant: Participant) -> Row:
    """The participant's own fields as a comparable tuple."""
    p = participant
    return (
        p.id,
        p.event_id,
        p.contact_id,
        p.category_id,
        p.is_confirmed,
        p.created_at,
        p.updated_at,
    )


def stored_row(record: ParticipantRecord, *, whole_seconds: bool = False) -> Row:
    """What the client should have read for a store row (sample shape: whole seconds)."""
    created, updated = moment(record.created_us), moment(record.updated_us)
    if whole_seconds:
        created, updated = created.replace(microsecond=0), updated.replace(microsecond=0)
    return (
        record.id,
        record.event_id,
        record.contact_id,
        record.category_id,
        record.is_confirmed,
        created,
        updated,
    )


def ids_of(items: Sequence[Any]) -> list[int]:
    """The ``id`` of every item, in order."""
    return [item.id for item in items]


# -- error texts ---------------------------------------------------------------------------

_TECHNICAL = re.compile(r"/api/|\breq_[0-9a-f]+|[{}<\[\]]|Traceback|HTTPError|httpx|None\b")


def assert_plain_sentence(text: str) -> None:
    """One or more plain sentences: capitalised, ending in a full stop, nothing technical."""
    assert text, "empty message"
    assert text == text.strip(), f"untrimmed message {text!r}"
    assert "\n" not in text, f"multi-line message {text!r}"
    assert text[0].isupper(), f"message does not start a sentence: {text!r}"
    assert text.endswith("."), f"message does not end a sentence: {text!r}"
    assert not _TECHNICAL.search(text), f"technical detail in a user message: {text!r}"


def error_texts(error: PlandocketError) -> list[str]:
    """Every text of an error a user, a log or a bug report could see."""
    texts = [
        str(error),
        repr(error),
        error.user_message,
        error.support_details,
        *(str(arg) for arg in error.args),
    ]
    texts.extend(t for t in (error.server_message, error.request_id, error.path) if t)
    cause = error.__cause__ or error.__context__
    if cause is not None:
        texts.append(str(cause))
    return texts


def assert_no_key_in(error: PlandocketError, *keys: str) -> None:
    """None of ``keys`` (default: every demo key) appears in any text of the error."""
    for text in error_texts(error):
        for key in keys or ALL_DEMO_KEYS:
            assert key not in text, f"API key leaked into {text!r}"
