"""Reading the values of an imported row: the confirmation in its many spellings."""

from __future__ import annotations

from typing import Final

# Spellings seen in CRM and spreadsheet exports, English and German, compared without case.
# An empty cell means "not confirmed", as for a participant added by hand.
_CONFIRMED: Final = frozenset(
    ("yes", "y", "true", "1", "x", "ja", "j", "wahr", "confirmed", "bestätigt", "✓", "✔")
)
_NOT_CONFIRMED: Final = frozenset(
    (
        "", "no", "n", "false", "0", "nein", "falsch", "not confirmed", "unconfirmed",
        "unbestätigt", "nicht bestätigt",
    )
)  # fmt: skip


def parse_confirmed(text: str) -> bool | None:
    """True/False for a known spelling of yes or no; None for anything else."""
    value = text.strip().casefold()
    if value in _CONFIRMED:
        return True
    if value in _NOT_CONFIRMED:
        return False
    return None
