"""Fixtures of the export and check-in list tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write to (root too: the immutable flag where chmod is not enough)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "existing.csv").write_text("old", encoding="utf-8")
    folder.chmod(0o555)
    immutable = False
    if os.access(folder, os.W_OK):  # root ignores permission bits
        chattr = shutil.which("chattr")
        immutable = (
            chattr is not None
            and subprocess.run([chattr, "+i", str(folder)], check=False).returncode == 0
        )
        if not immutable:
            folder.chmod(0o755)
            pytest.skip("cannot make a read-only folder for this user")
    yield folder
    if immutable:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    folder.chmod(0o755)


@pytest.fixture(autouse=True)
def british_english() -> Iterator[None]:
    """Dates and numbers as in the UK ("8–11 Dec 2026"), whatever earlier tests set."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(previous)
