"""Check every row of an imported CSV before anything is sent: values, events, duplicates.

A row is ready when its event key and customer number are well-formed (the rules of
:mod:`app.identifiers`, the same as in the Add dialog), its event exists (when the list of
events is known), its confirmation reads as yes or no, it has as many fields as the header,
and no earlier row of the file names the same event and customer number.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Final

from app.i18n import QT_TRANSLATE_NOOP
from app.identifiers import MAX_LENGTH, IdentifierProblem, identifier_problem
from app.office.csv_columns import ColumnMapping, column_count, data_rows
from app.office.csv_import import CsvTable
from app.office.import_messages import Message
from app.office.import_values import parse_confirmed

EVENT_PROBLEMS: Final = {
    IdentifierProblem.MISSING: QT_TRANSLATE_NOOP("CsvImport", "The event key is missing."),
    IdentifierProblem.SPACES: QT_TRANSLATE_NOOP("CsvImport", "The event key “%1” contains spaces."),
    IdentifierProblem.INVISIBLE: QT_TRANSLATE_NOOP(
        "CsvImport", "The event key contains invisible characters."
    ),
    IdentifierProblem.TOO_LONG: QT_TRANSLATE_NOOP(
        "CsvImport", "The event key is longer than %2 characters."
    ),
}
NUMBER_PROBLEMS: Final = {
    IdentifierProblem.MISSING: QT_TRANSLATE_NOOP("CsvImport", "The customer number is missing."),
    IdentifierProblem.SPACES: QT_TRANSLATE_NOOP(
        "CsvImport", "The customer number “%1” contains spaces."
    ),
    IdentifierProblem.INVISIBLE: QT_TRANSLATE_NOOP(
        "CsvImport", "The customer number contains invisible characters."
    ),
    IdentifierProblem.TOO_LONG: QT_TRANSLATE_NOOP(
        "CsvImport", "The customer number is longer than %2 characters."
    ),
}
UNKNOWN_EVENT = QT_TRANSLATE_NOOP("CsvImport", "There is no event with the key “%1”.")
NOT_YES_OR_NO = QT_TRANSLATE_NOOP(
    "CsvImport",
    "“%1” is not a yes or no for “confirmed”. Use yes or no (also ja/nein, 1/0, x or an "
    "empty cell).",
)
WIDTH_NOT_HEADER = QT_TRANSLATE_NOOP(
    "CsvImport",
    "This row has a different number of fields (%1) than the header (%2). A value may "
    "contain the delimiter without quotes.",
)
WIDTH_NOT_USUAL = QT_TRANSLATE_NOOP(
    "CsvImport",
    "This row has a different number of fields (%1) than most rows (%2). A value may "
    "contain the delimiter without quotes.",
)
DUPLICATE = QT_TRANSLATE_NOOP("CsvImport", "Same event and customer number as row %1.")


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One participant row of the file, as read and checked.

    ``problems`` is empty for a row that may be sent; ``problem_columns[i]`` is the column
    whose cell caused ``problems[i]`` (-1: the row as a whole, e.g. its field count);
    ``duplicate_of`` is the row number of the first row with the same event and customer
    number.
    """

    row: int
    event_key: str
    customer_number: str
    confirmed: bool
    problems: tuple[Message, ...] = ()
    problem_columns: tuple[int, ...] = ()
    duplicate_of: int | None = None

    @property
    def is_valid(self) -> bool:
        """Whether nothing is wrong with the row."""
        return not self.problems

    @property
    def bad_columns(self) -> tuple[int, ...]:
        """The columns whose cells have a problem."""
        return tuple(column for column in self.problem_columns if column >= 0)

    def problems_of(self, column: int) -> list[Message]:
        """The problems a cell of ``column`` shows: its own and those of the whole row."""
        return [
            problem
            for problem, at in zip(self.problems, self.problem_columns, strict=True)
            if at in (column, -1)
        ]


def check_rows(
    table: CsvTable,
    has_header: bool,
    mapping: ColumnMapping,
    known_events: Collection[str] | None = None,
    *,
    limit: int | None = None,
) -> list[ImportRow]:
    """Every participant row (the first ``limit`` only, for a preview), checked.

    ``known_events`` None means the events are not known (a key without the events scope):
    event keys are then only checked for their form, and Plandocket judges the rest.
    A key that differs from a known one only in case is taken in the known spelling.
    """
    width = column_count(table, has_header)
    known = None if known_events is None else {key.casefold(): key for key in known_events}
    first_row_of: dict[tuple[str, str], int] = {}
    event_column = mapping.event_key
    number_column = mapping.customer_number
    confirmed_column = mapping.confirmed
    records, numbers = table.records, table.row_numbers
    width_message = WIDTH_NOT_HEADER if has_header else WIDTH_NOT_USUAL
    indexes = data_rows(table, has_header)
    if limit is not None:
        indexes = indexes[:limit]

    checked: list[ImportRow] = []
    for index in indexes:
        record = records[index]
        fields = len(record)
        problems: list[Message] = []
        bad: list[int] = []
        # Trailing empty fields (";;" at a row's end) are an export's habit, not an error.
        if fields != width and (fields < width or "".join(record[width:]).strip()):
            problems.append(Message(width_message, (fields, width)))
            bad.append(-1)
        event = _event_key(_cell(record, event_column), known, problems)
        if len(problems) > len(bad):
            bad.append(_column(event_column))
        number = _cell(record, number_column)
        problem = identifier_problem(number)
        if problem is not None:
            problems.append(Message(NUMBER_PROBLEMS[problem], (number, MAX_LENGTH)))
            bad.append(_column(number_column))
        confirmed_text = _cell(record, confirmed_column)
        confirmed = parse_confirmed(confirmed_text)
        if confirmed is None:
            problems.append(Message(NOT_YES_OR_NO, (confirmed_text,)))
            bad.append(_column(confirmed_column))

        row = numbers[index]
        duplicate_of = None
        if not problems:
            first = first_row_of.setdefault((event.casefold(), number), row)
            if first != row:
                duplicate_of = first
                problems.append(Message(DUPLICATE, (first,)))
                bad.append(-1)
        checked.append(
            ImportRow(
                row=row,
                event_key=event,
                customer_number=number,
                confirmed=bool(confirmed),
                problems=tuple(problems),
                problem_columns=tuple(bad),
                duplicate_of=duplicate_of,
            )
        )
    return checked


def _event_key(event: str, known: dict[str, str] | None, problems: list[Message]) -> str:
    """The event key in its known spelling; a problem with it is appended to ``problems``."""
    problem = identifier_problem(event)
    if problem is not None:
        problems.append(Message(EVENT_PROBLEMS[problem], (event, MAX_LENGTH)))
    elif known is not None:
        spelled = known.get(event.casefold())
        if spelled is None:
            problems.append(Message(UNKNOWN_EVENT, (event,)))
        else:
            return spelled
    return event


def _cell(record: list[str], column: int | None) -> str:
    if column is None or column >= len(record):
        return ""
    return record[column].strip()


def _column(column: int | None) -> int:
    return -1 if column is None else column
