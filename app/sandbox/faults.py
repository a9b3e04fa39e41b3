"""ASGI middleware that injects latency, rate limiting and failures into /api/ requests.

Every knob lives in a :class:`~app.sandbox.config.FaultConfig` read afresh per request, so
tests can turn faults on and off while the server runs. The dice are a seeded
``random.Random``, so a run with the same seed and request order fails the same way.

A dropped connection is made the way a proxy or a crashing worker makes one: the response
announces a ``Content-Length``, sends part of the body and the app then returns without
finishing it. uvicorn answers that by closing the transport, and an HTTP client sees the
peer close before the announced length arrived (httpx: ``RemoteProtocolError``).
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import random
from collections.abc import Callable
from http import HTTPStatus
from typing import Any, Literal

from starlette.datastructures import Headers, QueryParams
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.sandbox.auth import presented_key
from app.sandbox.config import FaultConfig
from app.sandbox.ratelimit import RateLimiter

FaultKind = Literal["error", "html", "drop", "broken_json", "rate_limit"]

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

RATE_LIMIT_MESSAGE = "Rate limit exceeded"

PROXY_502_PAGE = b"""<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
"""

# uvicorn logs an error when an app leaves a response unfinished. For a drop we inject
# on purpose that is noise, so the drop marks its own context and a filter hides it.
_DROPPING: contextvars.ContextVar[bool] = contextvars.ContextVar("sandbox_dropping", default=False)
_UNFINISHED_MESSAGE = "ASGI callable returned without completing response."


class _DroppedResponseLogFilter(logging.Filter):
    """Hides uvicorn's "without completing response" error for drops made on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (_DROPPING.get() and record.msg == _UNFINISHED_MESSAGE)


_LOG_FILTER = _DroppedResponseLogFilter()


def install_log_filter() -> None:
    """Attach the filter to uvicorn's error logger (idempotent)."""
    logger = logging.getLogger("uvicorn.error")
    if _LOG_FILTER not in logger.filters:
        logger.addFilter(_LOG_FILTER)


def error_message(status: int) -> str:
    """The message of an injected 5xx, worded as Laravel and proxies word them."""
    return "Server Error" if status == 500 else HTTPStatus(status).phrase


def _json_bytes(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


async def _send_simple(
    send: Send,
    status: int,
    body: bytes,
    content_type: bytes,
    extra_headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    headers = [
        (b"content-type", content_type),
        (b"content-length", str(len(body)).encode()),
        *(extra_headers or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


class _Captured:
    """A response the app produced, held back so a fault can replace or truncate it."""

    def __init__(self) -> None:
        self.status = 500
        self.headers: list[tuple[bytes, bytes]] = []
        self.chunks: list[bytes] = []

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            self.chunks.append(message.get("body", b""))

    @property
    def body(self) -> bytes:
        return b"".join(self.chunks)


class FaultMiddleware:
    """Latency, per-key rate limit and the random faults, for paths under /api/."""

    def __init__(
        self,
        app: ASGIApp,
        faults: FaultConfig,
        limiter: RateLimiter,
        envelope: Callable[[dict[str, Any], str], dict[str, Any]],
    ) -> None:
        self.app = app
        self.faults = faults
        self.limiter = limiter
        self._envelope = envelope
        self.rng = random.Random(faults.seed)

    def reseed(self) -> None:
        """Restart the dice from ``faults.seed``."""
        self.rng = random.Random(self.faults.seed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        faults = self.faults
        state: dict[str, Any] = scope.setdefault("state", {})
        if faults.latency_ms > 0:
            # asyncio.sleep, not time.sleep: concurrent requests wait side by side.
            await asyncio.sleep(faults.latency_ms / 1000)

        if faults.rate_limit_per_hour is not None and not self._within_rate_limit(scope):
            state["fault"] = "rate_limit"
            retry_after = faults.rate_limit_retry_after
            extra = [] if retry_after is None else [(b"retry-after", str(retry_after).encode())]
            await self._send_json(send, state, 429, {"error": RATE_LIMIT_MESSAGE}, extra)
            return

        kind = self._draw(faults)
        if kind is None:
            await self.app(scope, receive, send)
            return
        state["fault"] = kind
        is_write = scope["method"] in WRITE_METHODS
        # A 200 with a broken body means the server did the work: for writes it is always
        # "after". Reads have no side effects; they run so the truncated body is real.
        if is_write:
            after = kind == "broken_json" or self.rng.random() < faults.faults_after_write
            state["fault_after_write"] = after
            run_app = after
        else:
            run_app = kind in ("drop", "broken_json")
        captured = _Captured()
        if run_app:
            await self.app(scope, receive, captured.send)

        if kind == "error":
            status = self.rng.choice(faults.error_statuses)
            await self._send_json(send, state, status, {"error": error_message(status)})
        elif kind == "html":
            await _send_simple(send, 502, PROXY_502_PAGE, b"text/html; charset=utf-8")
        elif kind == "broken_json":
            status, body = self._body_to_break(captured, run_app)
            await _send_simple(send, status, body[: len(body) // 2], b"application/json")
        else:
            await self._drop(send, captured, run_app)

    def _within_rate_limit(self, scope: Scope) -> bool:
        limit = self.faults.rate_limit_per_hour
        assert limit is not None
        key = presented_key(Headers(scope=scope), QueryParams(scope.get("query_string", b"")))
        if key is None:
            client = scope.get("client")
            key = f"anonymous:{client[0] if client else '?'}"
        return self.limiter.allow(key, limit)

    def _draw(self, faults: FaultConfig) -> FaultKind | None:
        """One roll of the dice, so the rates partition [0, 1) and add up exactly."""
        roll = self.rng.random()
        threshold = 0.0
        kind: FaultKind
        for kind, rate in (
            ("error", faults.error_rate),
            ("html", faults.html_error_rate),
            ("drop", faults.drop_rate),
            ("broken_json", faults.broken_json_rate),
        ):
            threshold += rate
            if roll < threshold:
                return kind
        return None

    @staticmethod
    def _body_to_break(captured: _Captured, ran: bool) -> tuple[int, bytes]:
        """A status and a JSON body long enough to cut; 204s become 200s with a body."""
        body = captured.body if ran else b""
        status = captured.status if ran else 200
        if len(body) < 2 or status in (204, 304):
            body = b'{"data":{"id":0,"message":"placeholder for a body cut short"}}'
            status = 200 if status in (204, 304) else status
        return status, body

    async def _drop(self, send: Send, captured: _Captured, ran: bool) -> None:
        status, body = self._body_to_break(captured, ran)
        headers = [
            (name, value) for name, value in captured.headers if name.lower() != b"content-length"
        ]
        if not ran or not headers:
            headers = [(b"content-type", b"application/json")]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send(
            {"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True}
        )
        # Returning now leaves the response unfinished: uvicorn closes the connection.
        _DROPPING.set(True)

    async def _send_json(
        self,
        send: Send,
        state: dict[str, Any],
        status: int,
        payload: dict[str, Any],
        extra_headers: list[tuple[bytes, bytes]] | None = None,
    ) -> None:
        body = _json_bytes(self._envelope(payload, str(state.get("request_id", ""))))
        await _send_simple(send, status, body, b"application/json", extra_headers)
