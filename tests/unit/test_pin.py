"""Kiosk PIN hashing, verification and the lockout after wrong tries."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from app.pin import (
    DEFAULT_ITERATIONS,
    PinLockout,
    hash_pin,
    valid_pin,
    verify_pin,
)

FAST = 1_000  # iterations for tests that are not about the cost


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize("text", ["1234", "000000", "123456789012"])
def test_valid_pins(text: str):
    assert valid_pin(text)


@pytest.mark.parametrize(
    "text", ["", "123", "1234567890123", "12a4", " 1234", "1234\n", "١٢٣٤", "12²4", "-123"]
)
def test_invalid_pins(text: str):
    assert not valid_pin(text)


def test_hash_format_and_default_cost():
    stored = hash_pin("2468")
    algorithm, iterations, salt, digest = stored.split("$")
    assert algorithm == "pbkdf2_sha256"
    assert int(iterations) == DEFAULT_ITERATIONS >= 200_000
    assert len(base64.b64decode(salt)) == 16
    assert len(base64.b64decode(digest)) == 32
    assert "2468" not in stored
    assert verify_pin("2468", stored)


def test_the_hash_is_plain_pbkdf2_so_other_tools_can_check_it():
    stored = hash_pin("97531", iterations=FAST)
    _, iterations, salt, digest = stored.split("$")
    expected = hashlib.pbkdf2_hmac("sha256", b"97531", base64.b64decode(salt), int(iterations))
    assert base64.b64decode(digest) == expected


def test_every_hash_has_its_own_salt():
    assert hash_pin("1234", iterations=FAST) != hash_pin("1234", iterations=FAST)


def test_wrong_pins_do_not_verify():
    stored = hash_pin("2468", iterations=FAST)
    for wrong in ("2469", "24680", "8642", "0000", "", "2468 "):
        assert not verify_pin(wrong, stored)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "2468",
        "pbkdf2_sha256$1000$abc",
        "pbkdf2_sha1$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",
        "pbkdf2_sha256$many$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2_sha256$0$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2_sha256$99999999999$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2_sha256$1000$not base64!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2_sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$tooshort",
        "pbkdf2_sha256$1000$$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2_sha256$１０００$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "pbkdf2_sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$ÄAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    ],
)
def test_malformed_stored_values_never_verify(stored: str):
    assert not verify_pin("2468", stored)


def test_verification_compares_in_constant_time(monkeypatch: pytest.MonkeyPatch):
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(first: bytes, second: bytes) -> bool:
        calls.append((first, second))
        return real(first, second)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    stored = hash_pin("2468", iterations=FAST)
    assert verify_pin("2468", stored)
    assert not verify_pin("1357", stored)
    assert len(calls) == 2
    assert all(len(first) == len(second) == 32 for first, second in calls)


def test_an_invalid_pin_cannot_be_hashed():
    with pytest.raises(ValueError, match="4 to 12 digits"):
        hash_pin("12")
    with pytest.raises(ValueError, match="iterations"):
        hash_pin("1234", iterations=0)


def test_lockout_after_three_wrong_tries_for_thirty_seconds():
    clock = Clock()
    lockout = PinLockout(clock=clock)
    assert lockout.tries_left() == 3
    lockout.record_failure()
    lockout.record_failure()
    assert lockout.tries_left() == 1
    assert not lockout.locked()
    lockout.record_failure()
    assert lockout.locked()
    assert lockout.seconds_left() == pytest.approx(30.0)
    clock.now += 29.5
    assert lockout.seconds_left() == pytest.approx(0.5)
    clock.now += 0.5
    assert not lockout.locked()
    assert lockout.tries_left() == 3  # a fresh set of tries after the lockout


def test_a_right_pin_forgets_earlier_wrong_tries():
    lockout = PinLockout(clock=Clock())
    lockout.record_failure()
    lockout.record_failure()
    lockout.record_success()
    assert lockout.tries_left() == 3
