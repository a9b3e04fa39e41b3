"""The secret registry and the logging filter that keeps keys out of every log line."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from app.redaction import (
    REDACTED,
    RedactingFilter,
    contains_secret,
    is_registered,
    redact,
    register_secret,
)

KEY = "REDACT-TEST-KEY-7f3a9c"


@pytest.fixture
def captured() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A logger whose only handler writes through the redacting filter into a buffer."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger("tests.redaction")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)
    logger.propagate = True


def test_registered_secret_is_replaced_everywhere_in_a_text():
    register_secret(f"  {KEY}\n")
    assert is_registered(KEY)
    assert redact(f"key={KEY}; again {KEY}") == f"key={REDACTED}; again {REDACTED}"
    assert contains_secret(f"x{KEY}x")
    assert not contains_secret("nothing here")


def test_short_texts_are_not_treated_as_secrets():
    register_secret("abc")
    register_secret("")
    register_secret(None)
    assert redact("abc is a word") == "abc is a word"


def test_a_longer_secret_containing_a_shorter_one_is_replaced_whole():
    register_secret("SHORT-SECRET")
    register_secret("SHORT-SECRET-AND-MORE")
    assert redact("x SHORT-SECRET-AND-MORE y") == f"x {REDACTED} y"


def test_url_encoded_form_of_a_secret_is_replaced():
    register_secret("key+with/slash=")
    assert REDACTED in redact("https://x/?k=key%2Bwith%2Fslash%3D")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Authorization: Bearer abc.def-ghi", "Authorization: Bearer"),
        ("GET /api/v1/participants?api_key=unregistered123&x=1", "api_key="),
        ("headers={'X-API-Key': 'unregistered456'}", "X-API-Key"),
    ],
)
def test_unregistered_tokens_in_known_places_are_redacted(text, kept):
    result = redact(text)
    assert REDACTED in result
    assert kept in result
    assert "abc.def-ghi" not in result
    assert "unregistered" not in result


def test_filter_redacts_the_formatted_message_and_its_arguments(captured):
    logger, stream = captured
    register_secret(KEY)
    logger.info("sending %s to %s", KEY, "acme")
    logger.info("mapping %(key)s", {"key": KEY})
    output = stream.getvalue()
    assert KEY not in output
    assert f"sending {REDACTED} to acme" in output
    assert f"mapping {REDACTED}" in output


def test_filter_redacts_exception_text_and_traceback(captured):
    logger, stream = captured
    register_secret(KEY)

    def fail(key: str) -> None:
        raise ValueError(f"the server rejected {key}")

    try:
        fail(KEY)
    except ValueError:
        logger.exception("request failed")
    logger.warning("stack of %s", KEY, stack_info=True)
    output = stream.getvalue()
    assert "Traceback" in output
    assert "ValueError: the server rejected [redacted]" in output
    assert KEY not in output


def test_filter_survives_a_broken_format_string(captured):
    logger, stream = captured
    register_secret(KEY)
    broken_format = "two %s %s"
    logger.info(broken_format, KEY)  # one argument missing: logging would print a traceback
    output = stream.getvalue()
    assert KEY not in output
    assert "two" in output
