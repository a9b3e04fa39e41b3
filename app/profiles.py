"""Connection profiles: a name and a Plandocket address each, stored in the settings.

A profile never holds a key: the key for a profile lives in the keyring (app.secrets) under
the profile's ``base_url``. Several profiles cover two tenants, or live and demo data.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Any

from app import settings as declared
from app.api.errors import PlandocketError
from app.api.urls import normalise_base_url
from app.redaction import contains_secret
from app.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Profile:
    """One Plandocket connection as the person named it."""

    name: str
    base_url: str
    is_demo: bool = False

    @property
    def account(self) -> str:
        """The keyring account holding this profile's API key."""
        return self.base_url


class ProfileStore:
    """The saved profiles and which one is active (settings PROFILES and ACTIVE_PROFILE)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def profiles(self) -> list[Profile]:
        """Every saved profile, in the order they were first saved; unreadable entries skipped."""
        found: list[Profile] = []
        names: set[str] = set()
        for raw in self._settings.get(declared.PROFILES):
            profile = _profile_from(raw)
            if profile is None:
                log.warning("Skipping an unreadable connection profile in the settings")
                continue
            if profile.name.casefold() in names:
                continue
            names.add(profile.name.casefold())
            found.append(profile)
        return found

    def get(self, name: str) -> Profile | None:
        """The profile called ``name`` (case-insensitive), or None."""
        wanted = name.strip().casefold()
        return next((p for p in self.profiles() if p.name.casefold() == wanted), None)

    def save(self, profile: Profile) -> Profile:
        """Add ``profile``, or replace the one with the same name; returns it as stored.

        The name is trimmed and the address normalised (ConfigurationError when it is not
        valid). ValueError for an empty name or one that contains an API key.
        """
        name = " ".join(profile.name.split())
        if not name:
            raise ValueError("a profile needs a name")
        if contains_secret(name) or contains_secret(profile.base_url):
            # Someone pasted a key into the wrong field: it must not reach the settings file.
            raise ValueError("a profile must not contain an API key")
        stored = dataclasses.replace(
            profile, name=name, base_url=normalise_base_url(profile.base_url)
        )
        profiles = self.profiles()
        folded = [p.name.casefold() for p in profiles]
        if name.casefold() in folded:
            profiles[folded.index(name.casefold())] = stored
        else:
            profiles.append(stored)
        self._write(profiles)
        return stored

    def remove(self, name: str) -> bool:
        """Forget the profile called ``name``; True if there was one.

        Its key stays in the keyring (another profile may use the same address).
        """
        profiles = self.profiles()
        kept = [p for p in profiles if p.name.casefold() != name.strip().casefold()]
        if len(kept) == len(profiles):
            return False
        if self.active_name is not None and self.active_name.casefold() == name.strip().casefold():
            self._settings.remove(declared.ACTIVE_PROFILE)
        self._write(kept)
        return True

    @property
    def active_name(self) -> str | None:
        """The name of the profile in use, or None (none chosen, or it was removed)."""
        name = self._settings.get(declared.ACTIVE_PROFILE)
        profile = self.get(name) if name else None
        return profile.name if profile is not None else None

    @active_name.setter
    def active_name(self, name: str | None) -> None:
        if name is None:
            self._settings.remove(declared.ACTIVE_PROFILE)
        else:
            profile = self.get(name)
            if profile is None:
                raise KeyError(name)
            self._settings.set(declared.ACTIVE_PROFILE, profile.name)
        self._settings.sync()

    def active(self) -> Profile | None:
        """The profile in use, or None."""
        name = self.active_name
        return self.get(name) if name is not None else None

    def _write(self, profiles: list[Profile]) -> None:
        self._settings.set(declared.PROFILES, [dataclasses.asdict(p) for p in profiles])
        self._settings.sync()


def _profile_from(raw: Any) -> Profile | None:
    if not isinstance(raw, dict):
        return None
    name, base_url, is_demo = raw.get("name"), raw.get("base_url"), raw.get("is_demo", False)
    if not isinstance(name, str) or not name.strip() or not isinstance(base_url, str):
        return None
    try:
        base_url = normalise_base_url(base_url)
    except PlandocketError as error:  # ConfigurationError: an address edited by hand
        log.debug("unusable profile address: %s", error)
        return None
    return Profile(name=name.strip(), base_url=base_url, is_demo=is_demo is True)
