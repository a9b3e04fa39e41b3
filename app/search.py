"""Accent- and case-insensitive text matching: "muller" finds "Müller", "sao" finds "São"."""

from __future__ import annotations

import unicodedata

from app.domain import Participant

# Letters that carry no combining mark to strip, so NFKD leaves them alone.
_SPECIAL_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
        "þ": "th",
        "Þ": "th",
        "ð": "d",
        "Ð": "d",
    }
)


def fold(text: str) -> str:
    """Lower-case text without accents, for comparisons people expect to be loose."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def search_text(participant: Participant) -> str:
    """What quick search looks in: company, person, email and customer number, folded."""
    contact = participant.contact
    if contact is None:
        return str(participant.contact_id or "")
    parts = (
        contact.company_name,
        contact.first_name,
        contact.last_name,
        contact.email,
        contact.customer_number,
    )
    return fold("\x1f".join(part for part in parts if part))


def matches(needle: str, haystack: str) -> bool:
    """Whether every word of a (folded) needle occurs in a folded haystack."""
    return all(word in haystack for word in needle.split())
