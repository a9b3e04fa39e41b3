"""Keep secrets out of every text the app writes: a process-wide registry and a logging filter.

Every API key the app handles is registered here (app.secrets does it for keys it stores or
reads, the dialogs for keys a person types). ``redact`` replaces each registered secret,
and anything that looks like a bearer token or an ``api_key=`` parameter, before a text
reaches a log file, the console or a crash report.
"""

from __future__ import annotations

import logging
import re
import threading
import traceback
from urllib.parse import quote

REDACTED = "[redacted]"

# Shorter "secrets" would blank out ordinary words all over the log; real keys are long.
MIN_SECRET_LENGTH = 6

# Defence in depth for keys nobody registered (e.g. typed into a field and logged by a bug).
_PATTERNS = (
    (re.compile(r"(?i)\b(bearer)\s+[^\s'\"<>,;]+"), r"\1 " + REDACTED),
    (re.compile(r"(?i)\b(x-api-key['\"]?\s*[:=]\s*['\"]?)[^\s'\"<>,;&]+"), r"\1" + REDACTED),
    (re.compile(r"(?i)\b(api_key=)[^\s'\"<>,;&#]+"), r"\1" + REDACTED),
)


class _Registry:
    """The secrets to redact; ``ordered`` is swapped as a whole, so readers need no lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.secrets: set[str] = set()
        self.ordered: tuple[str, ...] = ()


_registry = _Registry()


def register_secret(text: str | None) -> None:
    """Redact ``text`` (surrounding whitespace ignored) from everything logged from now on.

    Texts shorter than :data:`MIN_SECRET_LENGTH` are ignored. The registry lives for the
    whole process: a key replaced during the session still never appears in a log.
    """
    if not text:
        return
    secret = text.strip()
    if len(secret) < MIN_SECRET_LENGTH:
        return
    variants = {secret, quote(secret, safe="")}
    with _registry.lock:
        if variants <= _registry.secrets:
            return
        _registry.secrets.update(variants)
        # Longest first, so a secret containing another is replaced as a whole.
        _registry.ordered = tuple(sorted(_registry.secrets, key=len, reverse=True))


def is_registered(text: str) -> bool:
    """Whether ``text`` is a registered secret."""
    with _registry.lock:
        return text.strip() in _registry.secrets


def contains_secret(text: str) -> bool:
    """Whether any registered secret occurs in ``text``."""
    return any(secret in text for secret in _registry.ordered)


def redact(text: str) -> str:
    """``text`` with every registered secret and every bearer token replaced."""
    for secret in _registry.ordered:
        if secret in text:
            text = text.replace(secret, REDACTED)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Redacts a record's message, exception and stack text before any handler formats it.

    Attach it to handlers (not loggers): a handler filter also sees records that propagate
    from child loggers. The record is rewritten in place: ``msg`` becomes the redacted,
    fully formatted message with no ``args``, and the exception traceback is formatted
    and redacted into ``exc_text`` (``exc_info`` is dropped so no formatter re-renders it).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not hide the record
            message = f"{record.msg!r} % {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
