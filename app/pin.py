"""The desk's kiosk PIN: salted PBKDF2 hashes, verification and a lockout after wrong tries.

Only the hash is stored (``DESK_KIOSK_PIN_HASH``). A PIN of 4-12 digits has little entropy, so
the hash keeps it from being *read* in the settings file; the lockout is what stops guessing at
the desk itself.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable

ALGORITHM = "pbkdf2_sha256"
# OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about 0.2 s on a desk laptop, once per try.
DEFAULT_ITERATIONS = 600_000
# A stored value asking for more work than this is treated as malformed: reading a settings
# file must not be able to freeze the desk for minutes.
MAX_ITERATIONS = 10_000_000
SALT_BYTES = 16
MIN_DIGITS = 4
MAX_DIGITS = 12

# ASCII digits only: str.isdigit() would also accept "١٢٣٤" or "²", which no number pad types.
_PIN = re.compile(rf"[0-9]{{{MIN_DIGITS},{MAX_DIGITS}}}")


def valid_pin(pin: str) -> bool:
    """Whether ``pin`` is 4 to 12 ASCII digits."""
    return _PIN.fullmatch(pin) is not None


def _derive(pin: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, *, iterations: int = DEFAULT_ITERATIONS) -> str:
    """A storable hash of ``pin``: ``"pbkdf2_sha256$<iterations>$<salt>$<hash>"`` (base64).

    Raises ``ValueError`` when the PIN is not 4-12 digits, so a bad PIN can never be stored.
    ``iterations`` is only lowered by tests; the stored value records it, so a later default
    still verifies older hashes.
    """
    if not valid_pin(pin):
        raise ValueError("a PIN is 4 to 12 digits")
    if not 1 <= iterations <= MAX_ITERATIONS:
        raise ValueError("iterations out of range")
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _derive(pin, salt, iterations)
    return f"{ALGORITHM}${iterations}${_b64(salt)}${_b64(digest)}"


def _parse(stored: str) -> tuple[int, bytes, bytes] | None:
    parts = stored.split("$")
    if len(parts) != 4 or parts[0] != ALGORITHM:
        return None
    _, iterations_text, salt_text, digest_text = parts
    if not iterations_text.isascii() or not iterations_text.isdigit():
        return None
    iterations = int(iterations_text)
    if not 1 <= iterations <= MAX_ITERATIONS:
        return None
    try:
        salt = base64.b64decode(salt_text, validate=True)
        digest = base64.b64decode(digest_text, validate=True)
    except (binascii.Error, ValueError):
        return None
    if not salt or len(digest) != hashlib.sha256().digest_size:
        return None
    return iterations, salt, digest


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches ``stored`` (from :func:`hash_pin`); False for a malformed value."""
    parsed = _parse(stored)
    if parsed is None or not valid_pin(pin):
        return False
    iterations, salt, expected = parsed
    # Constant-time: how long the comparison takes must not tell how many bytes matched.
    return hmac.compare_digest(_derive(pin, salt, iterations), expected)


class PinLockout:
    """Counts wrong PINs; after ``max_tries`` in a row, refuses tries for ``lockout_seconds``.

    Kept outside any dialog (one per process by default) so closing and reopening the PIN
    dialog does not reset the count.
    """

    def __init__(
        self,
        *,
        max_tries: int = 3,
        lockout_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_tries = max_tries
        self.lockout_seconds = lockout_seconds
        self._clock = clock
        self._wrong = 0
        self._locked_until: float | None = None

    def seconds_left(self) -> float:
        """Seconds until tries are accepted again (0 when not locked)."""
        if self._locked_until is None:
            return 0.0
        left = self._locked_until - self._clock()
        if left <= 0:
            # The lockout is over: a fresh set of tries.
            self._locked_until = None
            self._wrong = 0
            return 0.0
        return left

    def locked(self) -> bool:
        """Whether tries are refused right now."""
        return self.seconds_left() > 0

    def tries_left(self) -> int:
        """Wrong tries still allowed before the lockout starts."""
        self.seconds_left()  # ends an expired lockout first
        return max(self.max_tries - self._wrong, 0)

    def record_failure(self) -> None:
        """Count a wrong PIN; starts the lockout on the last allowed try."""
        self._wrong += 1
        if self._wrong >= self.max_tries:
            self._locked_until = self._clock() + self.lockout_seconds

    def record_success(self) -> None:
        """Forget earlier wrong tries."""
        self._wrong = 0
        self._locked_until = None
