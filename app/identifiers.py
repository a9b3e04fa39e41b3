"""What makes an event key or a customer number well-formed: the rules every input shares.

The Add and Edit dialogs check typed values by these rules and the CSV import checks each
row by them, so a value a dialog refuses is refused by the import too. No Qt here: the
callers turn a :class:`IdentifierProblem` into their own (translated) sentence.
"""

from __future__ import annotations

from enum import Enum
from typing import Final

#: The longest customer number or event key Plandocket stores (a string column).
MAX_LENGTH: Final = 255


class IdentifierProblem(Enum):
    """Why a trimmed event key or customer number cannot be sent."""

    MISSING = "missing"
    SPACES = "spaces"  # a name or two numbers pasted into one cell, most of the time
    INVISIBLE = "invisible"  # a control character or a zero-width space from a copy
    TOO_LONG = "too_long"


def identifier_problem(value: str) -> IdentifierProblem | None:
    """What is wrong with a trimmed event key or customer number (None: nothing)."""
    if not value:
        return IdentifierProblem.MISSING
    if any(ch.isspace() for ch in value):
        return IdentifierProblem.SPACES
    if not value.isprintable():
        return IdentifierProblem.INVISIBLE
    if len(value) > MAX_LENGTH:
        return IdentifierProblem.TOO_LONG
    return None
