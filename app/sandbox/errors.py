"""Exceptions that route handlers raise to answer with an error body."""

from __future__ import annotations

from collections.abc import Mapping


class ApiError(Exception):
    """Answer with ``status`` and ``{"error": message}``."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


class ValidationFailedError(Exception):
    """Answer 422 with ``{"error": "Validation failed", "errors": {field: [messages]}}``."""

    def __init__(self, errors: Mapping[str, list[str]]) -> None:
        super().__init__(dict(errors))
        self.errors = {field: list(messages) for field, messages in errors.items()}
