"""Every persisted preference, declared once with its type and default.

Nothing secret is ever declared here: API keys live in the OS keyring (see app.secrets).
Values are stored as JSON text where QSettings' own typing differs between platforms
(INI files return every scalar as a string, one-element lists as a plain string, ...).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    """One key in the settings store with its default."""

    key: str
    default: T


# Window and table layout (opaque Qt blobs).
WINDOW_GEOMETRY: Setting[bytes] = Setting("window/geometry", b"")
WINDOW_STATE: Setting[bytes] = Setting("window/state", b"")
TABLE_HEADER_STATE: Setting[bytes] = Setting("window/tableHeader", b"")

# Last filters, restored at start.
FILTER_EVENT_KEY: Setting[str] = Setting("filters/eventKey", "")
FILTER_CUSTOMER_NUMBER: Setting[str] = Setting("filters/customerNumber", "")
FILTER_CONFIRMED: Setting[str] = Setting("filters/confirmed", "all")
RECENT_EVENT_KEYS: Setting[list[str]] = Setting("filters/recentEventKeys", [])

# Connection profiles (names and addresses only; keys are in the keyring).
PROFILES: Setting[list[dict[str, Any]]] = Setting("connection/profiles", [])
ACTIVE_PROFILE: Setting[str] = Setting("connection/activeProfile", "")

# Interface.
LANGUAGE: Setting[str] = Setting("interface/language", "system")

# Export and check-in lists: the folder last saved to ("" = Documents), the last file type.
EXPORT_FOLDER: Setting[str] = Setting("export/folder", "")
EXPORT_FORMAT: Setting[str] = Setting("export/format", "xlsx")

# Check-in desk.
DESK_EVENT_KEY: Setting[str] = Setting("desk/eventKey", "")
DESK_REQUIRE_ENTER: Setting[bool] = Setting("desk/requireEnter", False)
DESK_MUTED: Setting[bool] = Setting("desk/muted", False)
DESK_RESULT_SECONDS: Setting[int] = Setting("desk/resultSeconds", 6)
# The Plandocket plan sets the hourly request limit shared by every desk using the key.
DESK_PLAN: Setting[str] = Setting("desk/plan", "standard")
# A salted PBKDF2 hash, never the PIN itself; empty: no PIN set.
DESK_KIOSK_PIN_HASH: Setting[str] = Setting("desk/kioskPinHash", "")


class Settings:
    """Typed access to a QSettings store through the declarations above."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings()

    @property
    def store(self) -> QSettings:
        """The underlying QSettings (for its file name in About and diagnostics)."""
        return self._store

    def get(self, setting: Setting[T]) -> T:
        """The stored value, or the default when absent or unreadable."""
        raw = self._store.value(setting.key)
        if raw is None:
            return setting.default
        if isinstance(setting.default, bytes):
            if isinstance(raw, QByteArray):
                return cast(T, raw.data())
            return cast(T, bytes(raw)) if isinstance(raw, bytes | bytearray) else setting.default
        try:
            value = json.loads(str(raw))
        except ValueError:
            return setting.default
        if not isinstance(value, type(setting.default)):
            return setting.default
        return value

    def set(self, setting: Setting[T], value: T) -> None:
        """Store a value (JSON text, or raw bytes for Qt state blobs)."""
        if isinstance(value, bytes):
            self._store.setValue(setting.key, QByteArray(value))
        else:
            self._store.setValue(setting.key, json.dumps(value, ensure_ascii=False))

    def remove(self, setting: Setting[Any]) -> None:
        """Forget a value so the default applies again."""
        self._store.remove(setting.key)

    def sync(self) -> None:
        """Write pending changes to disk now."""
        self._store.sync()
