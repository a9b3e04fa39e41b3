"""Where the app keeps its files: the outbox and caches, logs, and (via QSettings) settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The folders and files the app writes to."""

    data_dir: Path

    @property
    def outbox_file(self) -> Path:
        """The SQLite outbox of changes on their way to Plandocket."""
        return self.data_dir / "outbox.sqlite3"

    @property
    def log_dir(self) -> Path:
        """Log files and the crash file."""
        return self.data_dir / "logs"

    def ensure(self) -> AppPaths:
        """Create the folders (owner-only where the platform allows)."""
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self


def default_paths() -> AppPaths:
    """The platform's application-data folder (QStandardPaths.AppDataLocation)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return AppPaths(Path(location))
