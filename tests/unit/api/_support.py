"""Shared helpers for the API-layer tests: scripted MockTransport handlers, no network."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import httpx

from app.api import PlandocketClient, PlandocketError, RequestRecord, RetryPolicy

KEY = "KEY-CANARY-1234567890"
BASE = "https://acme.plandocket.com"
HOST = "acme.plandocket.com"
PARTICIPANTS = "/api/v1/participants"

# Retries that cost (almost) no time: tests stay fast without sleeping.
FAST = RetryPolicy(
    max_attempts=4, base_delay=0.001, max_delay=0.002, max_total=10.0, max_retry_after=5.0
)
NO_RETRY = RetryPolicy(max_attempts=1)
WAIT = 5.0  # seconds any Event/Barrier wait may take before the test fails instead of hanging

Handler = Callable[[httpx.Request], httpx.Response]
Step = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


def respond(
    status: int = 200,
    body: Any = None,
    *,
    headers: dict[str, str] | None = None,
    raw: bytes | None = None,
) -> httpx.Response:
    """A response with a JSON body (or raw bytes, or nothing when both are None)."""
    if raw is not None:
        return httpx.Response(status, content=raw, headers=headers)
    if body is None:
        return httpx.Response(status, headers=headers)
    return httpx.Response(status, json=body, headers=headers)


def participant(pid: int, **fields: Any) -> dict[str, Any]:
    """A participant object as the documented list shows it."""
    return {
        "id": pid,
        "event_id": 10,
        "contact_id": 100 + pid,
        "is_confirmed": False,
        "created_at": "2024-01-01T10:00:00Z",
        "updated_at": "2024-01-02T10:00:00Z",
        **fields,
    }


def laravel_page(
    ids: Iterable[int],
    page: int,
    last_page: int,
    *,
    per_page: int = 2,
    path: str = PARTICIPANTS,
    base: str = BASE,
) -> dict[str, Any]:
    """One page in Laravel's API-resource shape (``data`` + ``links`` + ``meta``)."""
    items = [participant(i) for i in ids]
    next_link = f"{base}{path}?page={page + 1}" if page < last_page else None
    return {
        "data": items,
        "links": {
            "first": f"{base}{path}?page=1",
            "last": f"{base}{path}?page={last_page}",
            "prev": None,
            "next": next_link,
        },
        "meta": {
            "current_page": page,
            "last_page": last_page,
            "per_page": per_page,
            "total": per_page * last_page,
        },
    }


class Server:
    """A MockTransport handler that records every request (thread-safe).

    ``steps`` are served in order (a response, an exception to raise, or a callable);
    ``route`` answers every request after the steps run out. Running out of both is an
    assertion failure, so an unexpected extra request fails the test.
    """

    def __init__(self, steps: Sequence[Step] = (), route: Handler | None = None) -> None:
        self._steps = list(steps)
        self._route = route
        self._lock = threading.Lock()
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self.requests.append(request)
            step: Step | None = self._steps.pop(0) if self._steps else None
        if step is None:
            if self._route is None:
                raise AssertionError(f"unexpected request {request.method} {request.url}")
            return self._route(request)
        if isinstance(step, Exception):
            raise step
        if isinstance(step, httpx.Response):
            return step
        return step(request)

    @property
    def calls(self) -> list[tuple[str, str]]:
        """(method, path) of every request seen, in arrival order."""
        with self._lock:
            return [(r.method, r.url.path) for r in self.requests]

    def params(self, index: int) -> dict[str, str]:
        """Query parameters of the ``index``-th request."""
        with self._lock:
            return dict(self.requests[index].url.params)

    def body(self, index: int) -> Any:
        """The JSON body of the ``index``-th request."""
        with self._lock:
            return json.loads(self.requests[index].content)


def make_client(
    handler: Handler,
    *,
    retry: RetryPolicy = FAST,
    records: list[RequestRecord] | None = None,
    **kwargs: Any,
) -> PlandocketClient:
    """A client on the mock transport; request records land in ``records`` if given."""
    on_request = records.append if records is not None else None
    return PlandocketClient(
        BASE,
        KEY,
        transport=httpx.MockTransport(handler),
        retry=retry,
        on_request=on_request,
        **kwargs,
    )


def raised(call: Callable[[], object]) -> PlandocketError:
    """The PlandocketError a call raises (fails if it returns or raises anything else)."""
    try:
        call()
    except PlandocketError as error:
        return error
    raise AssertionError("expected a PlandocketError")


def exception_chain(error: BaseException) -> list[BaseException]:
    """The error and everything reachable through ``__cause__`` and ``__context__``."""
    seen: list[BaseException] = []
    pending: list[BaseException] = [error]
    while pending:
        current = pending.pop()
        if any(current is known for known in seen):
            continue
        seen.append(current)
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)
    return seen


def texts_of(error: BaseException) -> list[str]:
    """Every text a log, dialog or crash report could show for an error and its chain."""
    texts: list[str] = []
    for link in exception_chain(error):
        texts += [str(link), repr(link), *(repr(arg) for arg in link.args)]
        if isinstance(link, PlandocketError):
            texts += [link.user_message, link.support_details]
            texts += [repr(link.server_message), repr(link.request_id), repr(link.path)]
            texts += [repr(getattr(link, "field_errors", None))]
    return texts


def assert_key_absent(error: BaseException) -> None:
    """The API key appears nowhere in the error, its attributes or its chain."""
    for text in texts_of(error):
        assert KEY not in text, f"API key leaked in: {text!r}"
