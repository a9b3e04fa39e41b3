"""KeyStore: keys in the keyring, session-only when no usable keyring, never on disk."""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringLocked, PasswordDeleteError

from app.redaction import is_registered
from app.secrets import SERVICE, KeyStorage, KeyStore, unusable_reason
from tests.memory_keyring import MemoryKeyring

ACCOUNT = "https://acme.plandocket.com"
# The system's temporary folder, found before any test points TMPDIR elsewhere.
SYSTEM_TMP = Path(tempfile.gettempdir())
KEY = "pd_live_SECRET_4f1e2d3c4b5a"


class ExplodingKeyring(KeyringBackend):
    """A recommended backend whose every call raises (a locked keychain, a DBus failure)."""

    priority = 5

    def __init__(self, error: Exception) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.error = error
        self.calls = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.calls += 1
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls += 1
        raise self.error

    def delete_password(self, service: str, username: str) -> None:
        self.calls += 1
        raise self.error


class PlaintextKeyring(KeyringBackend):
    """Like keyrings.alt's file backend: writes keys to a file as they are."""

    priority = 0.5
    folder: Path = Path()

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]

    def get_password(self, service: str, username: str) -> str | None:
        path = self.folder / "keyring_pass.cfg"
        return path.read_text() if path.exists() else None

    def set_password(self, service: str, username: str, password: str) -> None:
        (self.folder / "keyring_pass.cfg").write_text(password)

    def delete_password(self, service: str, username: str) -> None:
        (self.folder / "keyring_pass.cfg").unlink(missing_ok=True)


class EmptyChainer(chainer.ChainerBackend):
    """The chainer keyring picks when no real backend is installed."""

    backends: list[KeyringBackend] = []  # noqa: RUF012 - overrides a class property

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]


class ChainerWithPlaintext(EmptyChainer):
    """A chainer that would fall through to a plain file."""

    backends: list[KeyringBackend] = [MemoryKeyring(), PlaintextKeyring()]  # noqa: RUF012


def failing_keyring() -> KeyringBackend:
    """keyring's backend when nothing is installed: raises NoKeyringError on every call."""
    return fail.Keyring()  # type: ignore[no-untyped-call]


def null_keyring() -> KeyringBackend:
    """keyring's backend when turned off (``keyring --disable``): silently stores nothing."""
    return null.Keyring()  # type: ignore[no-untyped-call]


def _exploding(error: Exception) -> Callable[[Path], KeyringBackend]:
    return lambda _: ExplodingKeyring(error)


def _plaintext(folder: Path) -> KeyringBackend:
    PlaintextKeyring.folder = folder
    return PlaintextKeyring()


UNUSABLE: dict[str, Callable[[Path], KeyringBackend]] = {
    "fail": lambda _: failing_keyring(),
    "null": lambda _: null_keyring(),
    "empty-chainer": lambda _: EmptyChainer(),
    "chainer-with-plaintext": lambda _: ChainerWithPlaintext(),
    "plaintext-file": _plaintext,
    "locked": _exploding(KeyringLocked("Failed to unlock the collection!")),
    "keyring-error": _exploding(PasswordDeleteError("nope")),
    "dbus": _exploding(RuntimeError("org.freedesktop.DBus.Error.ServiceUnknown")),
}


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME, XDG folders and TMPDIR inside tmp_path, so any file a backend writes is found."""
    home = tmp_path / "home"
    for name, sub in [
        ("HOME", ""),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("TMPDIR", "tmp"),
    ]:
        folder = home / sub
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(home / "tmp"))
    return home


def files_containing(text: str, *folders: Path, since: float = 0.0) -> list[Path]:
    """Files under ``folders`` (changed after ``since``) whose bytes contain ``text``."""
    needle = text.encode()
    hits = []
    for folder in folders:
        for root, _, names in os.walk(folder):
            for name in names:
                path = Path(root, name)
                try:
                    if path.stat().st_mtime >= since and needle in path.read_bytes():
                        hits.append(path)
                except OSError:
                    continue
    return hits


# -- a working keyring ---------------------------------------------------------------------


def test_set_get_delete_through_the_keyring(memory_keyring: MemoryKeyring):
    store = KeyStore()
    assert store.persistent
    assert store.problem is None
    assert store.set(ACCOUNT, f"  {KEY}\n") is KeyStorage.KEYRING
    assert memory_keyring.passwords[(SERVICE, ACCOUNT)] == KEY
    assert is_registered(KEY)

    assert KeyStore().get(ACCOUNT) == KEY  # a new session reads it from the keyring
    assert store.get("https://other.plandocket.com") is None

    assert store.delete(ACCOUNT)
    assert (SERVICE, ACCOUNT) not in memory_keyring.passwords
    assert store.get(ACCOUNT) is None
    assert store.delete(ACCOUNT)  # deleting a key that is not there is fine


def test_a_key_read_from_the_keyring_is_registered_and_cached(memory_keyring: MemoryKeyring):
    stored = "pd_read_from_keyring_98765"
    memory_keyring.passwords[(SERVICE, ACCOUNT)] = stored
    store = KeyStore()
    assert store.session_key(ACCOUNT) is None
    assert store.get(ACCOUNT) == stored
    assert is_registered(stored)
    memory_keyring.passwords.clear()
    assert store.get(ACCOUNT) == stored  # the session keeps using it
    assert store.session_key(ACCOUNT) == stored


def test_an_empty_key_is_refused():
    with pytest.raises(ValueError, match="empty API key"):
        KeyStore().set(ACCOUNT, " \n")


def test_an_explicit_backend_overrides_the_configured_one(memory_keyring: MemoryKeyring):
    own = MemoryKeyring()
    store = KeyStore(service="Other", backend=own)
    assert store.set(ACCOUNT, KEY) is KeyStorage.KEYRING
    assert own.passwords == {("Other", ACCOUNT): KEY}
    assert memory_keyring.passwords == {}


# -- unusable keyrings ---------------------------------------------------------------------


@pytest.mark.parametrize("case", list(UNUSABLE))
def test_unusable_backend_keeps_the_key_for_this_session_only(
    case: str, isolated_home: Path, tmp_path: Path
):
    started = time.time() - 1
    keyring.set_keyring(UNUSABLE[case](isolated_home))
    key = f"pd_{case.replace('-', '_')}_CANARY_0123456789"
    store = KeyStore()

    assert store.set(ACCOUNT, key) is KeyStorage.SESSION_ONLY
    assert not store.persistent
    problem = store.problem
    assert problem is not None
    assert problem[0].isupper()
    assert problem.endswith(".")
    assert "only until the app closes" in problem
    assert key not in problem
    assert is_registered(key)

    assert store.get(ACCOUNT) == key  # typed once, it works all session
    assert store.session_key(ACCOUNT) == key
    assert KeyStore().get(ACCOUNT) is None  # ... and is gone at the next start
    assert files_containing(key, tmp_path) == []
    assert files_containing(key, SYSTEM_TMP, since=started) == []


def test_locked_keyring_says_so_and_works_again_once_unlocked(memory_keyring: MemoryKeyring):
    locked = ExplodingKeyring(KeyringLocked("Failed to unlock the collection!"))
    store = KeyStore(backend=locked)
    assert store.get(ACCOUNT) is None
    assert store.problem is not None
    assert "locked" in store.problem
    calls = locked.calls
    assert store.get(ACCOUNT) is None
    assert locked.calls == calls  # no second unlock prompt for a read

    store = KeyStore(backend=locked)
    assert store.set(ACCOUNT, KEY) is KeyStorage.SESSION_ONLY
    store._backend = memory_keyring  # the person unlocked the keychain meanwhile
    assert store.set(ACCOUNT, KEY) is KeyStorage.KEYRING
    assert store.persistent


def test_backend_errors_are_logged_without_the_key(caplog: pytest.LogCaptureFixture):
    key = "pd_echoed_by_backend_55555"
    store = KeyStore(backend=ExplodingKeyring(RuntimeError(f"cannot store {key}")))
    with caplog.at_level(logging.WARNING, logger="app.secrets"):
        assert store.set(ACCOUNT, key) is KeyStorage.SESSION_ONLY
    assert "RuntimeError" in caplog.text
    assert key not in caplog.text


def test_a_failed_delete_is_reported():
    store = KeyStore(backend=ExplodingKeyring(RuntimeError("DBus timeout")))
    assert store.delete(ACCOUNT) is False


def test_a_backend_that_cannot_be_loaded_means_session_only(monkeypatch: pytest.MonkeyPatch):
    def broken() -> KeyringBackend:
        raise RuntimeError("bad keyringrc")

    monkeypatch.setattr(keyring, "get_keyring", broken)
    store = KeyStore()
    assert store.set(ACCOUNT, KEY) is KeyStorage.SESSION_ONLY
    assert store.get(ACCOUNT) == KEY
    assert not store.persistent


@pytest.mark.parametrize(
    ("backend", "usable"),
    [
        (MemoryKeyring(), True),
        (failing_keyring(), False),
        (null_keyring(), False),
        (EmptyChainer(), False),
        (ChainerWithPlaintext(), False),
        (PlaintextKeyring(), False),
    ],
)
def test_unusable_reason(backend: KeyringBackend, usable: bool):
    assert (unusable_reason(backend) is None) is usable
