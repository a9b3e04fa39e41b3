"""API keys in the OS keyring, with a session-only fallback that never touches the disk.

Keys are stored under the service "Participant Desk" with the profile's normalised base URL
as the account. When the computer offers no usable keyring (a headless Linux session
without Secret Service, a locked keychain, a DBus failure, keyring turned off), keys are
kept in memory for this session only and :attr:`KeyStore.problem` says why in a sentence
for a banner. There is deliberately no plaintext file fallback.

**Threading:** every method except :meth:`KeyStore.session_key` may block — the first use
detects the backend (DBus on Linux), and the OS may show a keychain unlock prompt. Call
them on a worker (``WorkerPool.submit``), never on the GUI thread. KeyStore is thread-safe.
"""

from __future__ import annotations

import enum
import logging
import threading

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringLocked, PasswordDeleteError
from PySide6.QtCore import QCoreApplication

from app.redaction import redact, register_secret

log = logging.getLogger(__name__)

SERVICE = "Participant Desk"

# Below this keyring itself calls a backend "not recommended" (e.g. keyrings.alt's files).
_RECOMMENDED_PRIORITY = 1.0


class KeyStorage(enum.Enum):
    """Where :meth:`KeyStore.set` put a key."""

    KEYRING = "keyring"
    """In the OS keyring: it is there at the next start."""
    SESSION_ONLY = "session-only"
    """In memory only: gone when the app closes."""


def _no_backend_message() -> str:
    return QCoreApplication.translate(
        "KeyStore",
        "This computer offers no password store (keyring) to Participant Desk, so the API "
        "key is kept only until the app closes.",
    )


def _disabled_message() -> str:
    return QCoreApplication.translate(
        "KeyStore",
        "Saving passwords in the system keyring is turned off on this computer, so the API "
        "key is kept only until the app closes.",
    )


def _insecure_message() -> str:
    return QCoreApplication.translate(
        "KeyStore",
        "The only password store on this computer would save the API key unencrypted, so "
        "it is kept only until the app closes.",
    )


def _locked_message() -> str:
    return QCoreApplication.translate(
        "KeyStore",
        "The system keyring is locked, so the API key is kept only until the app closes. "
        "Unlock the keyring and save the connection again to keep the key.",
    )


def _failed_message() -> str:
    return QCoreApplication.translate(
        "KeyStore",
        "The system keyring did not respond as expected, so the API key is kept only until "
        "the app closes.",
    )


def unusable_reason(backend: KeyringBackend) -> str | None:
    """A sentence saying why ``backend`` must not hold keys, or None when it may."""
    if isinstance(backend, fail.Keyring):
        return _no_backend_message()
    if isinstance(backend, null.Keyring):
        return _disabled_message()
    if isinstance(backend, chainer.ChainerBackend):
        try:
            chained = list(backend.backends)
        except Exception:  # detecting the chained backends may itself fail (DBus)
            log.warning("The keyring backends could not be listed", exc_info=True)
            return _failed_message()
        if not chained:
            return _no_backend_message()
        # The chainer falls through to later backends: none of them may be a plain file.
        reasons = [unusable_reason(inner) for inner in chained]
        return next((reason for reason in reasons if reason is not None), None)
    if _writes_plaintext(backend):
        return _insecure_message()
    return None


def _writes_plaintext(backend: KeyringBackend) -> bool:
    """Whether a backend stores keys unencrypted (or is one keyring does not recommend)."""
    kind = type(backend)
    if "plaintext" in kind.__name__.lower() or kind.__module__.startswith("keyrings.alt"):
        return True
    try:
        priority = float(backend.priority)
    except Exception:  # a backend that cannot tell its priority is not viable either
        return True
    return priority < _RECOMMENDED_PRIORITY


class KeyStore:
    """API keys per account in the OS keyring, plus this session's keys in memory.

    Every key read or stored is registered with app.redaction, so no log shows it.
    A key set once works for the rest of the session even when the keyring fails.
    """

    def __init__(self, service: str = SERVICE, *, backend: KeyringBackend | None = None) -> None:
        """``backend`` overrides keyring's configured backend (default: asked at each use)."""
        self.service = service
        self._backend = backend
        self._lock = threading.Lock()
        self._session: dict[str, str] = {}
        self._failure: str | None = None

    def __repr__(self) -> str:
        return f"KeyStore(service={self.service!r})"

    # -- keys --------------------------------------------------------------------------------

    def session_key(self, account: str) -> str | None:
        """The key used for ``account`` this session, without asking the keyring (never blocks)."""
        with self._lock:
            return self._session.get(account)

    def get(self, account: str) -> str | None:
        """The key for ``account``: this session's, else the keyring's, else None. May block."""
        cached = self.session_key(account)
        if cached is not None:
            return cached
        backend = self._usable_backend()
        with self._lock:
            failed_before = self._failure is not None
        # After a failure, reading again could hang on DBus or prompt again: keys come from
        # the person (and set() retries the keyring) until the app restarts.
        if backend is None or failed_before:
            return None
        try:
            key = backend.get_password(self.service, account)
        except Exception as error:
            self._record_failure(error, "read")
            return None
        if not key or not key.strip():
            return None
        key = key.strip()
        register_secret(key)
        with self._lock:
            self._session.setdefault(account, key)
            return self._session[account]

    def set(self, account: str, key: str) -> KeyStorage:
        """Use ``key`` for ``account`` from now on and save it in the keyring if possible.

        Returns where it went; with SESSION_ONLY, :attr:`problem` says why. May block.
        """
        key = key.strip()
        if not key:
            raise ValueError("an empty API key cannot be stored")
        register_secret(key)
        with self._lock:
            self._session[account] = key
        backend = self._usable_backend()
        if backend is None:
            return KeyStorage.SESSION_ONLY
        try:
            backend.set_password(self.service, account, key)
        except Exception as error:
            self._record_failure(error, "save")
            return KeyStorage.SESSION_ONLY
        with self._lock:
            self._failure = None  # e.g. the keychain was unlocked meanwhile
        return KeyStorage.KEYRING

    def delete(self, account: str) -> bool:
        """Forget the key for ``account`` here and in the keyring.

        Returns False when the keyring refused (the key may still be stored there). May block.
        """
        with self._lock:
            self._session.pop(account, None)
        backend = self._usable_backend()
        if backend is None:
            return True  # nothing was ever written to it
        try:
            backend.delete_password(self.service, account)
        except PasswordDeleteError:
            return True  # it was not stored
        except Exception as error:
            log.warning(
                "The key for %s could not be removed from the keyring (%s: %s)",
                account,
                type(error).__name__,
                redact(str(error)),
            )
            return False
        return True

    # -- state -------------------------------------------------------------------------------

    @property
    def persistent(self) -> bool:
        """Whether keys set now are still there at the next start. May block (first use)."""
        return self.problem is None

    @property
    def problem(self) -> str | None:
        """A plain sentence saying why keys are not saved, or None when they are. May block."""
        with self._lock:
            failure = self._failure
        return self._backend_problem() or failure

    # -- internals ---------------------------------------------------------------------------

    def _current_backend(self) -> KeyringBackend:
        return self._backend if self._backend is not None else keyring.get_keyring()

    def _backend_problem(self) -> str | None:
        try:
            backend = self._current_backend()
        except Exception as error:  # backend detection failed (e.g. a broken keyringrc)
            log.warning("No keyring backend could be loaded (%s)", type(error).__name__)
            return _no_backend_message()
        return unusable_reason(backend)

    def _usable_backend(self) -> KeyringBackend | None:
        if self._backend_problem() is not None:
            return None
        return self._current_backend()

    def _record_failure(self, error: Exception, action: str) -> None:
        message = _locked_message() if isinstance(error, KeyringLocked) else _failed_message()
        # Only the error's type and redacted text: a backend might echo what it was given.
        log.warning(
            "The keyring could not %s a key (%s: %s); keys are kept for this session only",
            action,
            type(error).__name__,
            redact(str(error)),
        )
        with self._lock:
            self._failure = message
