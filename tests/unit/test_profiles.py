"""ProfileStore: profiles round-trip through the INI file, and nothing secret lands in it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app import settings as declared
from app.api import ConfigurationError
from app.profiles import Profile, ProfileStore
from app.redaction import register_secret
from app.secrets import KeyStore
from app.settings import Settings
from tests.memory_keyring import MemoryKeyring

KEY = "pd_profile_test_SECRET_24680"


def reopen(tmp_path: Path) -> ProfileStore:
    """A store on a fresh Settings object over the same INI file (as after a restart)."""
    ini = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return ProfileStore(Settings(ini))


def test_profiles_round_trip_with_normalised_addresses(settings: Settings, tmp_path: Path):
    store = ProfileStore(settings)
    assert store.profiles() == []
    assert store.active_name is None

    live = store.save(Profile("  Acme   live ", "acme"))
    other = store.save(Profile("Beta", "https://beta.plandocket.com/api/v1/participants"))
    demo = store.save(Profile("Training", "http://127.0.0.1:8765/", is_demo=True))
    assert live == Profile("Acme live", "https://acme.plandocket.com")
    assert other.base_url == "https://beta.plandocket.com"
    assert demo == Profile("Training", "http://127.0.0.1:8765", is_demo=True)
    store.active_name = "beta"  # names are case-insensitive, stored as saved

    again = reopen(tmp_path)
    assert again.profiles() == [live, other, demo]
    assert again.active_name == "Beta"
    assert again.active() == other
    assert again.get("TRAINING") == demo
    assert again.get("nobody") is None
    assert live.account == "https://acme.plandocket.com"


def test_saving_a_known_name_replaces_it_in_place(settings: Settings):
    store = ProfileStore(settings)
    store.save(Profile("One", "one"))
    store.save(Profile("Two", "two"))
    store.save(Profile("one", "uno.plandocket.com", is_demo=True))
    assert store.profiles() == [
        Profile("one", "https://uno.plandocket.com", is_demo=True),
        Profile("Two", "https://two.plandocket.com"),
    ]


def test_invalid_profiles_are_refused_and_nothing_is_written(settings: Settings):
    store = ProfileStore(settings)
    with pytest.raises(ConfigurationError):
        store.save(Profile("Bad", "http://acme.example.com"))  # a key must not travel in clear
    with pytest.raises(ValueError, match="needs a name"):
        store.save(Profile("   ", "acme"))
    register_secret(KEY)
    with pytest.raises(ValueError, match="must not contain an API key"):
        store.save(Profile(KEY, "acme"))  # the key pasted into the name field
    assert store.profiles() == []


def active(store: ProfileStore) -> str | None:
    """The active name, read afresh (mypy would otherwise narrow the property)."""
    return store.active_name


def test_remove_and_the_active_profile(settings: Settings):
    store = ProfileStore(settings)
    store.save(Profile("A", "a"))
    store.save(Profile("B", "b"))
    store.active_name = "A"
    with pytest.raises(KeyError):
        store.active_name = "C"
    assert active(store) == "A"
    assert store.remove("a")
    assert not store.remove("a")
    assert active(store) is None
    assert [p.name for p in store.profiles()] == ["B"]
    store.active_name = "B"
    store.active_name = None
    assert store.active() is None


def test_unreadable_entries_are_skipped(settings: Settings):
    raw: list[object] = [
        {"name": "Good", "base_url": "good"},
        {"name": "", "base_url": "x"},
        {"name": "No address"},
        {"name": "Bad address", "base_url": "http://evil.example.com"},
        {"name": "good", "base_url": "dupe"},
        "not a dict",
        {"name": "Demo", "base_url": "demo", "is_demo": "yes"},
    ]
    settings.store.setValue(declared.PROFILES.key, json.dumps(raw))
    store = ProfileStore(settings)
    assert store.profiles() == [
        Profile("Good", "https://good.plandocket.com"),
        Profile("Demo", "https://demo.plandocket.com", is_demo=False),
    ]
    settings.set(declared.ACTIVE_PROFILE, "Gone")
    assert store.active_name is None


def test_nothing_secret_reaches_the_settings_file(
    settings: Settings, tmp_path: Path, memory_keyring: MemoryKeyring
):
    store = ProfileStore(settings)
    profile = store.save(Profile("Acme", "acme"))
    store.active_name = "Acme"
    KeyStore().set(profile.account, KEY)
    settings.sync()

    ini = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert "acme.plandocket.com" in ini
    assert KEY not in ini
    assert "key" not in ini.lower().replace("plandocket", "")
    assert memory_keyring.passwords  # the key went to the keyring instead
