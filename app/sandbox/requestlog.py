"""Request ids and the request log: the outermost ASGI layer of the sandbox."""

from __future__ import annotations

import secrets
import threading
from collections import deque
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Enough for a long benchmark run without growing without bound.
MAX_ENTRIES = 200_000


def new_request_id() -> str:
    """A request id like the sample's: "req_" and 12 hex characters."""
    return "req_" + secrets.token_hex(6)


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One answered request; ``status`` is None if no response was started."""

    method: str
    path: str
    query: str
    status: int | None
    request_id: str
    # "error", "html", "drop", "broken_json", "rate_limit" or None.
    fault: str | None = None
    # For a faulted write: whether the write was applied before the fault hit.
    fault_after_write: bool | None = None


class RequestLog:
    """Thread-safe, bounded list of answered requests."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._lock = threading.Lock()
        self._entries: deque[RequestRecord] = deque(maxlen=max_entries)

    def append(self, record: RequestRecord) -> None:
        """Add one record."""
        with self._lock:
            self._entries.append(record)

    def entries(self) -> list[RequestRecord]:
        """All records, oldest first."""
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        """Forget all records."""
        with self._lock:
            self._entries.clear()


class RequestContextMiddleware:
    """Gives each request an id (scope state and ``X-Request-Id``) and logs its outcome."""

    def __init__(self, app: ASGIApp, log: RequestLog) -> None:
        self.app = app
        self.log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = new_request_id()
        state: dict[str, Any] = scope.setdefault("state", {})
        state["request_id"] = request_id
        header = (b"x-request-id", request_id.encode("ascii"))
        status: int | None = None
        logged = False

        def record() -> None:
            nonlocal logged
            if not logged:
                logged = True
                self.log.append(
                    RequestRecord(
                        method=scope["method"],
                        path=scope["path"],
                        query=scope.get("query_string", b"").decode("latin-1"),
                        status=status,
                        request_id=request_id,
                        fault=state.get("fault"),
                        fault_after_write=state.get("fault_after_write"),
                    )
                )

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", []), header]}
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                # Log before the last byte leaves: once a client has its response, the
                # request is in the log, so tests can check it without waiting.
                record()
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            record()  # responses that never finished (dropped connections, crashes)
