"""Plandocket REST API layer: the client, its error types and request budget records.

No Qt here: the layer is usable from scripts and testable without a display.
"""

from app.api.client import ListPage, PlandocketClient, RequestRecord
from app.api.errors import (
    AuthenticationError,
    ClientClosedError,
    ConfigurationError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    PlandocketError,
    ProtocolError,
    RateLimitedError,
    RequestRejectedError,
    ServerError,
    ValidationError,
)
from app.api.retry import RetryPolicy
from app.api.urls import normalise_base_url

__all__ = [
    "AuthenticationError",
    "ClientClosedError",
    "ConfigurationError",
    "ListPage",
    "NetworkError",
    "NotFoundError",
    "PermissionDeniedError",
    "PlandocketClient",
    "PlandocketError",
    "ProtocolError",
    "RateLimitedError",
    "RequestRecord",
    "RequestRejectedError",
    "RetryPolicy",
    "ServerError",
    "ValidationError",
    "normalise_base_url",
]
