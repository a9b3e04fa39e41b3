"""Translate failed HTTP exchanges into the client's error types."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import httpx

from app.api import errors
from app.api.errors import NetworkErrorKind, PlandocketError
from app.api.parsing import parse_text, request_id_of
from app.api.retry import parse_retry_after
from app.i18n import QT_TRANSLATE_NOOP

Redactor = Callable[[str], str]

EXCERPT_LENGTH = 160
_BEARER = re.compile(r"(?i)bearer\s+\S+")
_TAGS = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")

_NOT_FOUND_MESSAGES = {
    "participants": "This participant no longer exists on Plandocket; someone may have removed it.",
    "events": "Plandocket does not know this event.",
    "contacts": "Plandocket does not know this contact.",
}


def resource_of(path: str) -> str | None:
    """The resource (and scope) name of an API path: ``/api/v1/participants/5`` → participants."""
    parts = [part for part in path.split("/") if part]
    if "api" in parts:
        position = parts.index("api")
        if len(parts) > position + 2:
            return parts[position + 2]
    return None


def excerpt(response: httpx.Response, redact: Redactor) -> str | None:
    """A short, single-line, key-free excerpt of a body support can read."""
    try:
        text = response.content.decode("utf-8", errors="replace")
    except (httpx.ResponseNotRead, httpx.StreamError):
        return None
    if "<" in text and ">" in text:
        text = _TAGS.sub(" ", text)
    text = _SPACES.sub(" ", _BEARER.sub("Bearer [redacted]", redact(text))).strip()
    if not text:
        return None
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1] + "…"


def _field_errors(raw: Any) -> dict[str, tuple[str, ...]]:
    if isinstance(raw, dict):
        result: dict[str, tuple[str, ...]] = {}
        for field, messages in raw.items():
            if isinstance(messages, list | tuple):
                texts = tuple(t for m in messages if (t := parse_text(m)))
            else:
                texts = (t,) if (t := parse_text(messages)) else ()
            if texts:
                result[str(field)] = texts
        return result
    if isinstance(raw, list):
        texts = tuple(t for m in raw if (t := parse_text(m)))
        return {"": texts} if texts else {}
    return {}


def error_from_response(response: httpx.Response, method: str, redact: Redactor) -> PlandocketError:
    """The error for a non-2xx answer (or a 1xx/3xx one), classified by status."""
    status = response.status_code
    path = response.request.url.path
    try:
        body: Any = json.loads(response.content) if response.content.strip() else None
    except (ValueError, UnicodeDecodeError, RecursionError):  # recursion: absurd nesting
        body = None
    server_message: str | None = None
    if isinstance(body, dict):
        server_message = parse_text(body.get("error")) or parse_text(body.get("message"))
        if server_message is not None:
            server_message = redact(server_message)
    if server_message is None:
        server_message = excerpt(response, redact)
    request_id = request_id_of(body) or response.headers.get("x-request-id")
    context: dict[str, Any] = {
        "status": status,
        "method": method,
        "path": path,
        "request_id": redact(request_id) if request_id else None,
        "server_message": server_message,
    }
    resource = resource_of(path)
    if status == 401:
        return errors.AuthenticationError(**context)
    if status == 403:
        return errors.PermissionDeniedError(scope=resource, **context)
    if status == 404:
        return errors.NotFoundError(_NOT_FOUND_MESSAGES.get(resource or ""), **context)
    if status == 422:
        fields = _field_errors(body.get("errors")) if isinstance(body, dict) else {}
        fields = {redact(name): tuple(redact(m) for m in msgs) for name, msgs in fields.items()}
        return errors.ValidationError(field_errors=fields, **context)
    if status == 429:
        return errors.RateLimitedError(retry_after=parse_retry_after(response.headers), **context)
    if status >= 500:
        return errors.ServerError(
            QT_TRANSLATE_NOOP(
                "PlandocketError",
                "Plandocket had a problem handling the request (HTTP {status}). "
                "Try again in a moment.",
            ),
            values={"status": status},
            **context,
        )
    if 400 <= status < 500:
        return errors.RequestRejectedError(
            QT_TRANSLATE_NOOP(
                "PlandocketError", "Plandocket rejected the request (HTTP {status})."
            ),
            values={"status": status},
            **context,
        )
    if 300 <= status < 400:
        location = redact(response.headers.get("location", "another address"))
        return errors.ProtocolError(
            QT_TRANSLATE_NOOP(
                "PlandocketError",
                "Plandocket redirected the request to {location}. Check the Plandocket address.",
            ),
            values={"location": location},
            **context,
        )
    return errors.ProtocolError(
        QT_TRANSLATE_NOOP("PlandocketError", "Plandocket answered with unexpected HTTP {status}."),
        values={"status": status},
        **context,
    )


_DNS_MARKERS = (
    "name or service not known",
    "nodename nor servname",
    "getaddrinfo",
    "temporary failure in name resolution",
    "no address associated",
    "name resolution",
)
_REFUSED_MARKERS = ("refused", "errno 111", "errno 61", "10061")
_TLS_MARKERS = ("ssl", "certificate", "tls", "handshake")


def _connect_kind(message: str) -> NetworkErrorKind:
    text = message.lower()
    if any(marker in text for marker in _TLS_MARKERS):
        return "tls"
    if any(marker in text for marker in _DNS_MARKERS):
        return "dns"
    if any(marker in text for marker in _REFUSED_MARKERS):
        return "refused"
    return "connection"


def network_error_from(
    exc: httpx.HTTPError | httpx.InvalidURL, method: str, path: str, redact: Redactor
) -> PlandocketError:
    """The error for a request that got no usable answer."""
    detail = redact(str(exc)) or type(exc).__name__
    context: dict[str, Any] = {"method": method, "path": path, "server_message": detail}
    if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
        return errors.NetworkError(kind="timeout", request_sent=False, **context)
    if isinstance(exc, httpx.TimeoutException):
        return errors.NetworkError(kind="timeout", request_sent=True, **context)
    if isinstance(exc, httpx.ConnectError):
        return errors.NetworkError(kind=_connect_kind(detail), request_sent=False, **context)
    if isinstance(exc, httpx.DecodingError):
        return errors.ProtocolError(
            QT_TRANSLATE_NOOP(
                "PlandocketError", "Plandocket sent an answer that could not be decoded."
            ),
            **context,
        )
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return errors.ConfigurationError(**context)
    if isinstance(exc, httpx.LocalProtocolError):
        return errors.ProtocolError(
            QT_TRANSLATE_NOOP("PlandocketError", "The request could not be sent to Plandocket."),
            **context,
        )
    return errors.NetworkError(kind="connection", request_sent=True, **context)
