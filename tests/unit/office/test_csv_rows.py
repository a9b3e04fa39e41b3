"""Checking each row before sending: values, events, confirmations, field counts, duplicates."""

from __future__ import annotations

import pytest

from app.identifiers import IdentifierProblem, identifier_problem
from app.office.csv_columns import ColumnMapping, suggest_mapping
from app.office.csv_import import parse_bytes
from app.office.csv_rows import ImportRow, check_rows
from app.office.import_values import parse_confirmed

HEADER = "event key;customer number;confirmed\n"


def rows_of(body: str, known: list[str] | None = None) -> list[ImportRow]:
    table = parse_bytes((HEADER + body).encode())
    return check_rows(table, True, suggest_mapping(table, True), known)


def texts(row: ImportRow) -> list[str]:
    return [problem.text() for problem in row.problems]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes", True), ("Yes", True), ("TRUE", True), ("1", True), ("ja", True), ("x", True),
        ("X", True), ("y", True), ("J", True), ("bestätigt", True),
        ("no", False), ("false", False), ("0", False), ("nein", False), ("n", False),
        ("", False), ("  ", False), ("Nein", False), ("unbestätigt", False),
        ("maybe", None), ("2", None), ("vielleicht", None), ("-", None),
    ],
)  # fmt: skip
def test_confirmed_values(text: str, value: bool | None):
    assert parse_confirmed(text) is value


def test_a_valid_row():
    (row,) = rows_of("EXPO26; 10001 ;ja\n")
    assert row == ImportRow(row=2, event_key="EXPO26", customer_number="10001", confirmed=True)
    assert row.is_valid


def test_a_row_without_the_confirmed_column_is_not_confirmed():
    table = parse_bytes(b"event,number\nEXPO26,10001\n")
    (row,) = check_rows(table, True, ColumnMapping(event_key=0, customer_number=1))
    assert row.is_valid
    assert row.confirmed is False


def test_missing_and_malformed_values_name_their_column():
    rows = rows_of(";10001;\nEXPO26;;\nEX PO;10 01;\nEXPO26;10001;maybe\n")
    assert texts(rows[0]) == ["The event key is missing."]
    assert rows[0].bad_columns == (0,)
    assert texts(rows[1]) == ["The customer number is missing."]
    assert rows[1].bad_columns == (1,)
    assert texts(rows[2]) == [
        "The event key “EX PO” contains spaces.",
        "The customer number “10 01” contains spaces.",
    ]
    assert rows[2].bad_columns == (0, 1)
    assert texts(rows[3]) == [
        "“maybe” is not a yes or no for “confirmed”. Use yes or no (also ja/nein, 1/0, x or "
        "an empty cell)."
    ]
    assert rows[3].bad_columns == (2,)
    assert [row.row for row in rows] == [2, 3, 4, 5]


def test_the_identifier_rules_are_the_dialogs_rules():
    assert identifier_problem("") is IdentifierProblem.MISSING
    assert identifier_problem("10\u00a0001") is IdentifierProblem.SPACES
    assert identifier_problem("10001\u200b") is IdentifierProblem.INVISIBLE
    assert identifier_problem("1" * 256) is IdentifierProblem.TOO_LONG
    assert identifier_problem("K-10001") is None


def test_unknown_events_are_flagged_only_when_the_events_are_known():
    rows = rows_of("NOPE26;10001;\nexpo26;10002;\n", known=["EXPO26", "WS26"])
    assert texts(rows[0]) == ["There is no event with the key “NOPE26”."]
    assert rows[1].is_valid
    assert rows[1].event_key == "EXPO26"  # the known spelling
    assert all(row.is_valid for row in rows_of("NOPE26;10001;\n", known=None))


def test_the_second_occurrence_of_a_row_names_the_first():
    rows = rows_of("EXPO26;10001;ja\nWS26;10001;\nexpo26;10001;nein\nEXPO26;10001;\n")
    assert rows[0].is_valid
    assert rows[1].is_valid
    assert texts(rows[2]) == ["Same event and customer number as row 2."]
    assert rows[2].duplicate_of == 2
    assert rows[3].duplicate_of == 2


def test_an_invalid_first_occurrence_makes_no_duplicate():
    rows = rows_of("EXPO26;10001;maybe\nEXPO26;10001;ja\n")
    assert not rows[0].is_valid
    assert rows[1].is_valid


def test_ragged_rows_are_flagged():
    rows = rows_of("EXPO26;10001\nEXPO26;10002;ja;extra\nEXPO26;10003;ja;;\n")
    assert texts(rows[0]) == [
        "This row has a different number of fields (2) than the header (3). A value may "
        "contain the delimiter without quotes."
    ]
    assert rows[0].bad_columns == ()
    assert not rows[1].is_valid
    assert rows[2].is_valid  # trailing empty fields are an export's habit


def test_a_preview_checks_only_the_first_rows():
    body = "".join(f"EXPO26;{10000 + i};\n" for i in range(500))
    table = parse_bytes((HEADER + body).encode())
    assert len(check_rows(table, True, suggest_mapping(table, True), limit=100)) == 100


def test_fifty_thousand_rows_are_checked():
    body = "".join(f"EXPO26;{100000 + i};{'ja' if i % 2 else ''}\n" for i in range(50_000))
    body += "EXPO26;100000;\n"
    rows = rows_of(body, known=["EXPO26"])
    assert len(rows) == 50_001
    assert sum(row.is_valid for row in rows) == 50_000
    assert rows[-1].duplicate_of == 2
