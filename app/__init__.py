"""Participant Desk: manage Plandocket event participants and run check-in desks."""

from importlib import metadata

APP_NAME = "Participant Desk"
ORGANIZATION_NAME = "Participant Desk"


def _installed_version() -> str:
    try:
        return metadata.version("participant-desk")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


__version__ = _installed_version()
