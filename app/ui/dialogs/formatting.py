"""Locale-aware text for dates, date ranges, contacts and participations.

Qt offers a short (numeric) and a long (with weekday) date format per locale; lists and
dialogs want the middle ground "8 Dec 2026" / "Dec 8, 2026" / "8. Dez. 2026". It is derived
from the locale's long format, so the order of day, month and year stays the locale's own.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from app.domain import Contact, Event, Participant

#: Shown for every value the server did not send.
UNKNOWN = "—"

_WEEKDAY = re.compile(r"\s*dddd[,\s]*|[,\s]*dddd\s*")
_YEAR = re.compile(r"y+(?:年|년)?")
_TRAILING_LITERAL = re.compile(r"\s*'[^']*'\s*$")
_DAY = re.compile(r"(?<![d'])d{1,2}(?![d'])(\.?)")


def medium_date_format(locale: QLocale | None = None) -> str:
    """The locale's long date format without the weekday and with abbreviated months."""
    locale = locale or QLocale()
    pattern = locale.dateFormat(QLocale.FormatType.LongFormat)
    pattern = _WEEKDAY.sub("", pattern, count=1).strip()
    return pattern.replace("MMMM", "MMM")


def _without_year(pattern: str) -> str:
    pattern = _YEAR.sub("", pattern).strip(" ,/-")
    return _TRAILING_LITERAL.sub("", pattern).strip(" ,/-")


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def format_date(value: date | None, locale: QLocale | None = None) -> str:
    """A date like "8 Dec 2026" in the locale's order, or "—" when unknown."""
    if value is None:
        return UNKNOWN
    locale = locale or QLocale()
    return locale.toString(_qdate(value), medium_date_format(locale))


def format_day(value: date, locale: QLocale | None = None, *, today: date | None = None) -> str:
    """A day without the year in the current year ("3 Mar"), else with it ("3 Mar 2025")."""
    locale = locale or QLocale()
    pattern = medium_date_format(locale)
    if value.year == (today or date.today()).year:
        pattern = _without_year(pattern)
    return locale.toString(_qdate(value), pattern)


def local_datetime(value: datetime) -> datetime:
    """An aware timestamp in the computer's time zone (naive ones are taken as UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone()


def format_datetime(value: datetime | None, locale: QLocale | None = None) -> str:
    """A timestamp like "8 Dec 2026, 14:03" in local time and locale format; "—" if unknown."""
    if value is None:
        return UNKNOWN
    locale = locale or QLocale()
    local = local_datetime(value)
    day = locale.toString(_qdate(local.date()), medium_date_format(locale))
    time = locale.toString(
        QTime(local.hour, local.minute), locale.timeFormat(QLocale.FormatType.ShortFormat)
    )
    return QCoreApplication.translate("formatting", "{day}, {time}").format(day=day, time=time)


def format_date_range(start: date | None, end: date | None, locale: QLocale | None = None) -> str:
    """A compact range: "8–11 Dec 2026", "28 Nov – 2 Dec 2026"; an empty string if undated."""
    locale = locale or QLocale()
    if start is None and end is None:
        return ""
    if start is None or end is None or start == end or end < start:
        if start is None:
            return QCoreApplication.translate("formatting", "until {date}").format(
                date=format_date(end, locale)
            )
        return format_date(start, locale)
    pattern = medium_date_format(locale)
    if (start.year, start.month) == (end.year, end.month) and _DAY.search(pattern):
        first_day = locale.toString(start.day).replace("'", "")
        # "8–11 Dec", "Dec 8–11", and with German day dots "8.–11. Dez."
        ranged = _DAY.sub(lambda m: f"'{first_day}{m[1]}–'d{m[1]}", pattern, count=1)
        return locale.toString(_qdate(end), ranged)
    if start.year == end.year:
        first = locale.toString(_qdate(start), _without_year(pattern))
    else:
        first = locale.toString(_qdate(start), pattern)
    return f"{first} – {locale.toString(_qdate(end), pattern)}"


def event_label(event: Event, locale: QLocale | None = None) -> str:
    """An event as "Title · 8–11 Dec 2026 · EXPO26", leaving out what is unknown."""
    parts = [event.title] if event.title and event.title != event.event_key else []
    dates = format_date_range(event.date_from, event.date_to, locale)
    if dates:
        parts.append(dates)
    parts.append(event.event_key)
    return " · ".join(parts)


def contact_summary(contact: Contact | None, contact_id: int | None = None) -> str:
    """Company and person as "Müller GmbH (Hans Müller)", or whichever is known."""
    if contact is None:
        if contact_id is None:
            return QCoreApplication.translate("formatting", "an unknown contact")
        return QCoreApplication.translate("formatting", "contact {id}").format(id=contact_id)
    person = contact.person_name
    if contact.company_name and person:
        return f"{contact.company_name} ({person})"
    return contact.display_name


def contact_choice(contact: Contact) -> str:
    """A pick-list line: "Müller GmbH — Hans Müller — #10023"."""
    parts = [part for part in (contact.company_name, contact.person_name) if part]
    if not parts:
        parts = [
            contact.email
            or QCoreApplication.translate("formatting", "Contact {id}").format(id=contact.id)
        ]
    if contact.customer_number:
        parts.append(f"#{contact.customer_number}")
    else:
        parts.append(QCoreApplication.translate("formatting", "no customer number"))
    return " — ".join(parts)


def event_name(participant: Participant) -> str:
    """The participation's event as a coordinator names it."""
    if participant.event is not None:
        return participant.event.display_name
    if participant.event_id is not None:
        return QCoreApplication.translate("formatting", "event {id}").format(
            id=participant.event_id
        )
    return QCoreApplication.translate("formatting", "an unknown event")


def participation_line(participant: Participant) -> str:
    """A list line: "Müller GmbH — Hans Müller — Fachmesse 2026"."""
    contact = participant.contact
    parts: list[str] = []
    if contact is not None:
        parts = [part for part in (contact.company_name, contact.person_name) if part]
        if not parts:
            parts = [contact.display_name]
    else:
        parts = [contact_summary(None, participant.contact_id)]
    parts.append(event_name(participant))
    return " — ".join(parts)
