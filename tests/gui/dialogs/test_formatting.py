"""Locale-aware dates, ranges and names."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QLocale

from app.domain import Contact, Event
from app.ui.dialogs.formatting import (
    contact_choice,
    contact_summary,
    event_label,
    format_date,
    format_date_range,
    format_day,
)

GB = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
DE = QLocale(QLocale.Language.German, QLocale.Country.Germany)


@pytest.mark.parametrize(
    ("locale", "start", "end", "expected"),
    [
        (GB, date(2026, 12, 8), date(2026, 12, 11), "8–11 Dec 2026"),
        (GB, date(2026, 11, 28), date(2026, 12, 2), "28 Nov – 2 Dec 2026"),
        (GB, date(2026, 12, 30), date(2027, 1, 2), "30 Dec 2026 – 2 Jan 2027"),
        (GB, date(2026, 12, 8), date(2026, 12, 8), "8 Dec 2026"),
        (GB, date(2026, 12, 8), None, "8 Dec 2026"),
        (GB, None, None, ""),
        (US, date(2026, 12, 8), date(2026, 12, 11), "Dec 8–11, 2026"),
        (US, date(2026, 11, 28), date(2026, 12, 2), "Nov 28 – Dec 2, 2026"),
        (DE, date(2026, 12, 8), date(2026, 12, 11), "8.–11. Dez. 2026"),
    ],
)
def test_date_ranges_follow_the_locale(locale, start, end, expected):
    assert format_date_range(start, end, locale) == expected


def test_dates_and_days():
    assert format_date(date(2026, 3, 3), GB) == "3 Mar 2026"
    assert format_date(None, GB) == "—"
    assert format_day(date(2026, 3, 3), GB, today=date(2026, 9, 1)) == "3 Mar"
    assert format_day(date(2025, 3, 3), GB, today=date(2026, 9, 1)) == "3 Mar 2025"


def test_event_label_leaves_out_what_is_unknown():
    event = Event(
        1, "EXPO26", "Fachmesse Grün & Gärten 2026", date(2026, 12, 8), date(2026, 12, 11)
    )
    assert event_label(event, GB) == "Fachmesse Grün & Gärten 2026 · 8–11 Dec 2026 · EXPO26"
    assert event_label(Event(2, "WEB"), GB) == "WEB"
    assert event_label(Event(3, "X", "X"), GB) == "X"


def test_contact_texts():
    mueller = Contact(1, "10023", "Müller GmbH", "Hans", "Müller")
    assert contact_summary(mueller) == "Müller GmbH (Hans Müller)"
    assert contact_choice(mueller) == "Müller GmbH — Hans Müller — #10023"
    assert contact_choice(Contact(2, "7")) == "Contact 2 — #7"
    assert contact_choice(Contact(2, "7", email="a@b.de")) == "a@b.de — #7"
    assert contact_choice(Contact(3, None, "Öko AG")) == "Öko AG — no customer number"
    assert contact_summary(None, 5) == "contact 5"
    assert contact_summary(Contact(4, None, None, "Zoë")) == "Zoë"
