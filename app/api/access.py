"""What a key may do on a tenant: reachable, valid, and which scopes it has, in plain words.

One small request per resource (``per_page=1``, no retries), so a check costs three requests
of the hourly budget at most. No Qt here; the connection dialog runs it on a worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.api.client import PlandocketClient
from app.api.errors import (
    AuthenticationError,
    ClientClosedError,
    ConfigurationError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    PlandocketError,
    ProtocolError,
    RequestRejectedError,
)
from app.i18n import QT_TRANSLATE_NOOP

REQUIRED_SCOPE = "participants"
OPTIONAL_SCOPES = ("events", "contacts")

Line = tuple[bool | None, str]
Translate = Callable[[str], str]

# Answers that mean "something answered, but it is not a Plandocket API at this address".
_FOREIGN_ANSWERS = (ProtocolError, NotFoundError, RequestRejectedError)


def _untranslated(text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class AccessReport:
    """The outcome of :func:`check_access`; ``None`` means "could not be told"."""

    base_url: str
    reachable: bool | None
    key_valid: bool | None = None
    participants: bool | None = None
    events: bool | None = None
    contacts: bool | None = None
    error: PlandocketError | None = None
    """What kept the check from finishing or the app from working (None when all is well)."""

    @property
    def usable(self) -> bool:
        """Whether Participant Desk can work with this key (it may read participants)."""
        return self.participants is True

    @property
    def looks_like_plandocket(self) -> bool:
        """Whether whatever answered behaves like a Plandocket API."""
        foreign = self.key_valid is None and isinstance(self.error, _FOREIGN_ANSWERS)
        return self.reachable is True and not foreign

    def lines(self, translate: Translate | None = None) -> list[Line]:
        """One (ok, plain sentence) per fact; ok is None when it could not be told.

        ``translate`` maps each English template to the display language before the
        values are filled in (the dialog passes QCoreApplication.translate with the
        context "AccessReport").
        """
        say = translate or _untranslated
        detail = self.error.user_message if self.error is not None else ""
        url = self.base_url
        if self.reachable is not True:
            text = say(
                QT_TRANSLATE_NOOP("AccessReport", "Plandocket could not be reached at {url}.")
            ).format(url=url)
            return [(False, f"{text} {detail}".strip())]
        if not self.looks_like_plandocket:
            text = say(
                QT_TRANSLATE_NOOP(
                    "AccessReport",
                    "A server answered at {url}, but not the way Plandocket does. "
                    "Check the address.",
                )
            ).format(url=url)
            return [(False, text)]
        lines: list[Line] = [
            (
                True,
                say(QT_TRANSLATE_NOOP("AccessReport", "Plandocket answered at {url}.")).format(
                    url=url
                ),
            )
        ]
        if self.key_valid is False:
            lines.append(
                (
                    False,
                    say(
                        QT_TRANSLATE_NOOP(
                            "AccessReport",
                            "Plandocket did not accept the API key. It may be mistyped, revoked "
                            "or expired.",
                        )
                    ),
                )
            )
            return lines
        if self.key_valid is None:
            text = say(QT_TRANSLATE_NOOP("AccessReport", "The API key could not be checked."))
            lines.append((None, f"{text} {detail}".strip()))
            return lines
        lines.append((True, say(QT_TRANSLATE_NOOP("AccessReport", "The API key is valid."))))
        lines.append(self._participants_line(say))
        lines.append(
            _scope_line(
                self.events,
                say(
                    QT_TRANSLATE_NOOP(
                        "AccessReport", "The key may read events: pick events from a list."
                    )
                ),
                say(
                    QT_TRANSLATE_NOOP(
                        "AccessReport",
                        "The key has no 'events' scope: type event keys by hand instead of "
                        "picking them.",
                    )
                ),
                say(
                    QT_TRANSLATE_NOOP(
                        "AccessReport", "Whether the key may read events could not be checked."
                    )
                ),
            )
        )
        lines.append(
            _scope_line(
                self.contacts,
                say(
                    QT_TRANSLATE_NOOP(
                        "AccessReport",
                        "The key may read contacts: find contacts by name when adding "
                        "participants.",
                    )
                ),
                say(
                    QT_TRANSLATE_NOOP(
                        "AccessReport",
                        "The key has no 'contacts' scope: add participants by customer number "
                        "instead of finding contacts by name.",
                    )
                ),
                say(
                    QT_TRANSLATE_NOOP(
                        "AccessReport", "Whether the key may read contacts could not be checked."
                    )
                ),
            )
        )
        return lines

    def _participants_line(self, say: Translate) -> Line:
        return _scope_line(
            self.participants,
            say(QT_TRANSLATE_NOOP("AccessReport", "The key may read and change participants.")),
            say(
                QT_TRANSLATE_NOOP(
                    "AccessReport",
                    "The key has no 'participants' scope, so Participant Desk cannot work with "
                    "it. Ask a Plandocket administrator to add that scope to the key under "
                    "Settings > API.",
                )
            ),
            say(
                QT_TRANSLATE_NOOP(
                    "AccessReport", "Whether the key may read participants could not be checked."
                )
            ),
        )


def _scope_line(granted: bool | None, yes: str, no: str, unknown: str) -> Line:
    if granted is True:
        return (True, yes)
    if granted is False:
        return (False, no)
    return (None, unknown)


def check_access(
    client: PlandocketClient, *, should_stop: Callable[[], bool] | None = None
) -> AccessReport:
    """Probe the tenant with the client's key: participants first, then events and contacts.

    Never raises a PlandocketError: every failure ends up in the report. ``should_stop``
    (e.g. ``lambda: worker.cancelled``) is asked between requests.
    """
    base_url = client.base_url
    error: PlandocketError | None = None
    try:
        client.probe(REQUIRED_SCOPE)
    except AuthenticationError as failure:
        return AccessReport(base_url, reachable=True, key_valid=False, error=failure)
    except PermissionDeniedError as failure:
        participants: bool | None = False
        error = failure
    except (NetworkError, ConfigurationError, ClientClosedError) as failure:
        return AccessReport(base_url, reachable=False, error=failure)
    except PlandocketError as failure:  # rate limit, server trouble, not a Plandocket API
        return AccessReport(base_url, reachable=True, error=failure)
    else:
        participants = True

    granted: dict[str, bool | None] = dict.fromkeys(OPTIONAL_SCOPES)
    for scope in OPTIONAL_SCOPES:
        if should_stop is not None and should_stop():
            break
        try:
            client.probe(scope)
        except PermissionDeniedError:
            granted[scope] = False
        except PlandocketError as failure:
            error = error or failure
        else:
            granted[scope] = True
    return AccessReport(
        base_url,
        reachable=True,
        key_valid=True,
        participants=participants,
        events=granted["events"],
        contacts=granted["contacts"],
        error=error,
    )
