"""Participant Desk: manage Plandocket event participants and run check-in desks."""

from __future__ import annotations

from functools import cache

APP_NAME = "Participant Desk"
ORGANIZATION_NAME = "Participant Desk"


@cache
def _installed_version() -> str:
    # importlib.metadata takes ~25 ms to import: looked up on first use, not at start-up.
    from importlib import metadata  # noqa: PLC0415

    try:
        return metadata.version("participant-desk")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> str:
    """``app.__version__``: the installed version (from pyproject.toml via package metadata)."""
    if name == "__version__":
        return _installed_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
