"""Which column of an imported CSV holds the event key, the customer number, the confirmation.

Column names come from CRMs and spreadsheets in English and German ("Customer No.",
"Kd.-Nr.", "Veranstaltung"); they are compared without case, spaces and punctuation. A
file without a header row is mapped by its contents instead (a column of known event
keys, a column of numbers, a column of yes/no). The person can change every choice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Final

from app.i18n import QT_TRANSLATE_NOOP
from app.office.csv_import import CsvTable
from app.office.import_messages import CsvImportError, Message
from app.office.import_values import parse_confirmed


class ImportField(Enum):
    """What the import needs from a row."""

    EVENT_KEY = "event_key"
    CUSTOMER_NUMBER = "customer_number"
    CONFIRMED = "confirmed"  # optional: without it, every participant starts not confirmed


REQUIRED_FIELDS: Final = (ImportField.EVENT_KEY, ImportField.CUSTOMER_NUMBER)


def normalise_header(text: str) -> str:
    """ "Kd.-Nr." → "kdnr", "Customer No." → "customerno": what is compared."""
    return re.sub(r"[\W_]+", "", text.casefold())


_HEADER_NAMES: Final[dict[ImportField, frozenset[str]]] = {
    ImportField.EVENT_KEY: frozenset(
        normalise_header(name)
        for name in (
            "event key", "event", "event code", "eventkey", "event_key",
            "veranstaltung", "veranstaltungskey", "veranstaltungsschlüssel",
            "veranstaltungskürzel", "veranstaltungscode", "veranstaltungs-key",
            "messe", "messekürzel", "messe-key", "messeschlüssel", "event-kürzel",
            "eventschlüssel", "event-key",
        )
    ),
    ImportField.CUSTOMER_NUMBER: frozenset(
        normalise_header(name)
        for name in (
            "customer number", "customer no", "customer no.", "customer nr", "customer #",
            "customer_number", "customernumber", "cust no", "customer",
            "kundennummer", "kundennr", "kunden-nr.", "kd.-nr.", "kd-nr", "kdnr", "kd. nr.",
            "knr", "kunde", "debitor", "debitorennummer", "debitoren-nr.",
        )
    ),
    ImportField.CONFIRMED: frozenset(
        normalise_header(name)
        for name in (
            "confirmed", "is confirmed", "is_confirmed", "confirmation", "status",
            "bestätigt", "bestaetigt", "bestätigung", "paid", "bezahlt",
        )
    ),
}  # fmt: skip

# Content guesses look at this many rows of a file without column names.
_GUESS_ROWS: Final = 200
_CUSTOMER_NUMBER_LIKE = re.compile(r"^[A-Za-z]{0,4}[-/.]?\d{2,}$")

NO_COLUMN_MATCHED = QT_TRANSLATE_NOOP(
    "CsvImport",
    "None of the columns is named like an event key or a customer number. Columns found: "
    "%1. Choose the columns for the import below.",
)
NO_COLUMN_FOR_EVENT = QT_TRANSLATE_NOOP(
    "CsvImport", "Choose the column that holds the event key. Columns found: %1."
)
NO_COLUMN_FOR_NUMBER = QT_TRANSLATE_NOOP(
    "CsvImport", "Choose the column that holds the customer number. Columns found: %1."
)
NO_COLUMN_FOR_EVENT_UNNAMED = QT_TRANSLATE_NOOP(
    "CsvImport", "Choose the column that holds the event key."
)
NO_COLUMN_FOR_NUMBER_UNNAMED = QT_TRANSLATE_NOOP(
    "CsvImport", "Choose the column that holds the customer number."
)
ONLY_HEADER = QT_TRANSLATE_NOOP(
    "CsvImport", "The file has column names but no participant rows below them."
)


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """The column (0-based) of each field; None: not in the file."""

    event_key: int | None = None
    customer_number: int | None = None
    confirmed: int | None = None

    def column(self, which: ImportField) -> int | None:
        """The column chosen for ``which``."""
        return getattr(self, which.value)  # type: ignore[no-any-return]

    def with_column(self, which: ImportField, column: int | None) -> ColumnMapping:
        """This mapping with ``column`` for ``which``; a column serves one field only."""
        changes: dict[str, int | None] = {which.value: column}
        if column is not None:
            for other in ImportField:
                if other is not which and self.column(other) == column:
                    changes[other.value] = None
        return replace(self, **changes)

    @property
    def is_empty(self) -> bool:
        """Whether no field has a column."""
        return all(self.column(which) is None for which in ImportField)


def field_of_header(text: str) -> ImportField | None:
    """The field a column name stands for, if it is one of the known names."""
    name = normalise_header(text)
    for which, names in _HEADER_NAMES.items():
        if name in names:
            return which
    return None


def looks_like_header(table: CsvTable) -> bool:
    """Whether the first row holds column names (a guess the person can correct)."""
    first = table.records[0]
    if any(field_of_header(cell) for cell in first):
        return True
    if len(table.records) < 2:
        return False
    # Unknown names: a first row without any digit above rows with digits is a header.
    digits_first = any(ch.isdigit() for cell in first for ch in cell)
    digits_next = any(ch.isdigit() for cell in table.records[1] for ch in cell)
    return not digits_first and digits_next


def header_cells(table: CsvTable, has_header: bool) -> list[str]:
    """The column names (empty strings without a header row), one per column."""
    width = column_count(table, has_header)
    first = table.records[0] if has_header else []
    return [first[i].strip() if i < len(first) else "" for i in range(width)]


def column_count(table: CsvTable, has_header: bool) -> int:
    """How many columns the file has: the header's width, or the usual width of its rows."""
    if has_header:
        return max(len(table.records[0]), 1)
    return max(table.usual_width, 1)


def data_rows(table: CsvTable, has_header: bool) -> range:
    """Indexes into ``table.records`` of the participant rows."""
    return range(1 if has_header else 0, len(table.records))


def suggest_mapping(
    table: CsvTable, has_header: bool, known_events: Collection[str] | None = None
) -> ColumnMapping:
    """Columns for each field: by name when there is a header, else by contents."""
    mapping = ColumnMapping()
    if has_header:
        for column, name in enumerate(header_cells(table, has_header)):
            which = field_of_header(name)
            if which is not None and mapping.column(which) is None:
                mapping = mapping.with_column(which, column)
        return mapping
    return _guess_by_contents(table, known_events)


def _guess_by_contents(table: CsvTable, known_events: Collection[str] | None) -> ColumnMapping:
    width = column_count(table, has_header=False)
    sample = table.records[:_GUESS_ROWS]
    columns: list[list[str]] = [
        [value for record in sample if i < len(record) and (value := record[i].strip())]
        for i in range(width)
    ]
    known = {key.casefold() for key in known_events or ()}
    mapping = ColumnMapping()
    for column, values in enumerate(columns):
        if not values:
            continue
        which: ImportField | None = None
        if known and _share(values, lambda v: v.casefold() in known) >= 0.8:
            which = ImportField.EVENT_KEY
        elif all(parse_confirmed(v) is not None for v in values):
            which = ImportField.CONFIRMED
        elif _share(values, lambda v: bool(_CUSTOMER_NUMBER_LIKE.match(v))) >= 0.8:
            which = ImportField.CUSTOMER_NUMBER
        if which is not None and mapping.column(which) is None:
            mapping = mapping.with_column(which, column)
    return mapping


def _share(values: Sequence[str], test: Callable[[str], bool]) -> float:
    return sum(1 for value in values if test(value)) / len(values)


def check_mapping(table: CsvTable, has_header: bool, mapping: ColumnMapping) -> None:
    """CsvImportError when the rows cannot be imported with this mapping.

    Names the columns found, so the person sees at once whether the file is the wrong one
    or only named differently.
    """
    if not data_rows(table, has_header):
        raise CsvImportError(Message(ONLY_HEADER))
    names = [name for name in header_cells(table, has_header) if name]
    found = ", ".join(f"“{name}”" for name in names)
    if mapping.is_empty and names:
        raise CsvImportError(Message(NO_COLUMN_MATCHED, (found,)))
    if mapping.event_key is None:
        if names:
            raise CsvImportError(Message(NO_COLUMN_FOR_EVENT, (found,)))
        raise CsvImportError(Message(NO_COLUMN_FOR_EVENT_UNNAMED))
    if mapping.customer_number is None:
        if names:
            raise CsvImportError(Message(NO_COLUMN_FOR_NUMBER, (found,)))
        raise CsvImportError(Message(NO_COLUMN_FOR_NUMBER_UNNAMED))
