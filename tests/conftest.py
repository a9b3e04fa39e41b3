"""Test isolation: no test touches the real keyring, settings or user data folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QSettings, QStandardPaths

from app.settings import LANGUAGE, Settings
from tests.memory_keyring import MemoryKeyring

# Qt's test mode points QStandardPaths at ~/.qttest/... instead of the user's real folders.
QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets a fresh in-memory keyring backend."""
    previous: KeyringBackend = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings in a throw-away INI file, with the English interface the tests read."""
    stored = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    stored.set(LANGUAGE, "en")
    return stored
