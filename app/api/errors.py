"""Every error the Plandocket client can raise, each with a sentence a coordinator understands."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from app.i18n import QT_TRANSLATE_NOOP

NetworkErrorKind = Literal["dns", "refused", "tls", "timeout", "connection"]

# Substrings that mark a 422 as "this contact already takes part in this event".
_DUPLICATE_MARKERS = ("already", "duplicate", "exists", "bereits", "taken")


class PlandocketError(Exception):
    """Base of every error the client raises.

    ``user_message`` is a plain sentence for the person at the screen; ``support_details``
    carries what support needs (status, method and path, request id, server message).
    Neither ever contains the API key: the client redacts it before building an error.

    ``message_template`` is the English sentence with ``{name}`` placeholders and
    ``message_values`` what fills them: the interface translates the template (context
    "PlandocketError", marked with QT_TRANSLATE_NOOP) before filling it in.
    """

    default_message = QT_TRANSLATE_NOOP("PlandocketError", "The request to Plandocket failed.")
    retryable = False

    def __init__(
        self,
        message: str | None = None,
        *,
        values: Mapping[str, object] | None = None,
        status: int | None = None,
        method: str | None = None,
        path: str | None = None,
        request_id: str | None = None,
        server_message: str | None = None,
    ) -> None:
        self.message_template = message or self.default_message
        self.message_values: dict[str, object] = dict(values or {})
        self.user_message = (
            self.message_template.format(**self.message_values)
            if self.message_values
            else self.message_template
        )
        self.status = status
        self.method = method
        self.path = path
        self.request_id = request_id
        self.server_message = server_message
        super().__init__(self.user_message)

    @property
    def support_details(self) -> str:
        """One line for a bug report: what was asked, what came back."""
        parts = []
        if self.status is not None:
            parts.append(f"HTTP {self.status}")
        if self.method and self.path:
            parts.append(f"{self.method} {self.path}")
        if self.request_id:
            parts.append(f"request {self.request_id}")
        if self.server_message:
            parts.append(f"server said: {self.server_message}")
        return " · ".join(parts)

    def __str__(self) -> str:
        details = self.support_details
        return f"{self.user_message} ({details})" if details else self.user_message


class ConfigurationError(PlandocketError):
    """The Plandocket address cannot be used as given."""

    default_message = QT_TRANSLATE_NOOP("PlandocketError", "The Plandocket address is not valid.")


class ClientClosedError(PlandocketError):
    """The client was closed while a request was waiting to be sent again."""

    default_message = QT_TRANSLATE_NOOP(
        "PlandocketError", "The connection to Plandocket was closed."
    )


class AuthenticationError(PlandocketError):
    """401: the key is unknown, mistyped, revoked or expired."""

    default_message = QT_TRANSLATE_NOOP(
        "PlandocketError",
        "Plandocket did not accept the API key. It may be mistyped, revoked or expired.",
    )


class PermissionDeniedError(PlandocketError):
    """403: the key is valid but lacks the scope for this resource."""

    def __init__(self, message: str | None = None, *, scope: str | None = None, **kwargs: object):
        self.scope = scope
        if message is None:
            if scope:
                message = QT_TRANSLATE_NOOP(
                    "PlandocketError",
                    "The API key lacks the '{scope}' permission. Ask a Plandocket administrator "
                    "to add the '{scope}' scope to the key under Settings > API.",
                )
                kwargs.setdefault("values", {"scope": scope})
            else:
                message = QT_TRANSLATE_NOOP(
                    "PlandocketError", "The API key is not allowed to do this."
                )
        super().__init__(message, **kwargs)  # type: ignore[arg-type]


class NotFoundError(PlandocketError):
    """404: the participant (or other resource) does not exist (any more)."""

    default_message = QT_TRANSLATE_NOOP(
        "PlandocketError", "Plandocket does not know this item; someone may have removed it."
    )


class ValidationError(PlandocketError):
    """422: the server rejected the data, with messages per field."""

    default_message = QT_TRANSLATE_NOOP("PlandocketError", "Plandocket rejected the data.")

    def __init__(
        self,
        message: str | None = None,
        *,
        field_errors: Mapping[str, tuple[str, ...]] | None = None,
        **kwargs: object,
    ) -> None:
        self.field_errors: dict[str, tuple[str, ...]] = dict(field_errors or {})
        if message is None and self.field_errors:
            message = QT_TRANSLATE_NOOP(
                "PlandocketError", "Plandocket rejected the data: {details}"
            )
            details = " ".join(msg for messages in self.field_errors.values() for msg in messages)
            kwargs.setdefault("values", {"details": details})
        super().__init__(message, **kwargs)  # type: ignore[arg-type]

    @property
    def is_duplicate(self) -> bool:
        """Whether the server says the contact already takes part in the event."""
        text = " ".join(m for messages in self.field_errors.values() for m in messages).lower()
        if not text and self.server_message:
            text = self.server_message.lower()
        return any(marker in text for marker in _DUPLICATE_MARKERS)


class RateLimitedError(PlandocketError):
    """429: the hourly request limit shared by everyone using this key is used up."""

    retryable = True

    def __init__(
        self, message: str | None = None, *, retry_after: float | None = None, **kwargs: object
    ) -> None:
        self.retry_after = retry_after
        if message is None:
            if retry_after is None:
                message = QT_TRANSLATE_NOOP(
                    "PlandocketError",
                    "Plandocket's hourly request limit for this API key has been reached.",
                )
            elif retry_after < 90:
                message = QT_TRANSLATE_NOOP(
                    "PlandocketError",
                    "Plandocket's hourly request limit for this API key has been reached. "
                    "It can be used again in {seconds} seconds.",
                )
                kwargs.setdefault("values", {"seconds": max(1, round(retry_after))})
            else:
                message = QT_TRANSLATE_NOOP(
                    "PlandocketError",
                    "Plandocket's hourly request limit for this API key has been reached. "
                    "It can be used again in {minutes} minutes.",
                )
                kwargs.setdefault("values", {"minutes": round(retry_after / 60)})
        super().__init__(message, **kwargs)  # type: ignore[arg-type]


class ServerError(PlandocketError):
    """5xx: Plandocket (or a proxy in front of it) failed to handle the request."""

    retryable = True
    default_message = QT_TRANSLATE_NOOP(
        "PlandocketError", "Plandocket had a problem handling the request. Try again in a moment."
    )


class RequestRejectedError(PlandocketError):
    """Another 4xx (400, 405, ...): the request itself was not acceptable."""

    default_message = QT_TRANSLATE_NOOP("PlandocketError", "Plandocket rejected the request.")


class NetworkError(PlandocketError):
    """No usable answer arrived: name lookup, refused connection, TLS, timeout, dropped line."""

    retryable = True

    _MESSAGES: Mapping[NetworkErrorKind, str] = {
        "dns": QT_TRANSLATE_NOOP(
            "PlandocketError",
            "The Plandocket server could not be found. Check the address and the "
            "internet connection.",
        ),
        "refused": QT_TRANSLATE_NOOP(
            "PlandocketError",
            "The Plandocket server refused the connection. It may be down or the "
            "address may be wrong.",
        ),
        "tls": QT_TRANSLATE_NOOP(
            "PlandocketError",
            "A secure connection to Plandocket could not be established (certificate "
            "problem). Check the address, the computer's clock and any proxy in between.",
        ),
        "timeout": QT_TRANSLATE_NOOP(
            "PlandocketError",
            "Plandocket did not answer in time. The connection may be slow or down.",
        ),
        "connection": QT_TRANSLATE_NOOP(
            "PlandocketError", "The connection to Plandocket was interrupted."
        ),
    }

    def __init__(
        self,
        message: str | None = None,
        *,
        kind: NetworkErrorKind = "connection",
        request_sent: bool = True,
        **kwargs: object,
    ) -> None:
        self.kind = kind
        # False only when the request provably never reached the server (refused, DNS,
        # connect timeout): then even a POST may simply be sent again.
        self.request_sent = request_sent
        super().__init__(message or self._MESSAGES[kind], **kwargs)  # type: ignore[arg-type]


class ProtocolError(PlandocketError):
    """The answer could not be read: HTML instead of JSON, truncated JSON, missing fields."""

    default_message = QT_TRANSLATE_NOOP(
        "PlandocketError", "Plandocket sent an answer the app cannot read."
    )
