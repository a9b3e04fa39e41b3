"""Which column is which: English and German names, contents, and mapping errors."""

from __future__ import annotations

import pytest

from app.office.csv_columns import (
    ColumnMapping,
    ImportField,
    check_mapping,
    field_of_header,
    looks_like_header,
    normalise_header,
    suggest_mapping,
)
from app.office.csv_import import parse_bytes
from app.office.import_messages import CsvImportError


def table_of(text: str):
    return parse_bytes(text.encode())


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("Event key", ImportField.EVENT_KEY),
        ("event_key", ImportField.EVENT_KEY),
        ("EVENT", ImportField.EVENT_KEY),
        ("Veranstaltung", ImportField.EVENT_KEY),
        ("Messe", ImportField.EVENT_KEY),
        ("Customer number", ImportField.CUSTOMER_NUMBER),
        ("Customer No.", ImportField.CUSTOMER_NUMBER),
        ("customer_number", ImportField.CUSTOMER_NUMBER),
        ("Kundennummer", ImportField.CUSTOMER_NUMBER),
        ("Kd.-Nr.", ImportField.CUSTOMER_NUMBER),
        ("Kunden-Nr.", ImportField.CUSTOMER_NUMBER),
        ("Confirmed", ImportField.CONFIRMED),
        ("is_confirmed", ImportField.CONFIRMED),
        ("Bestätigt", ImportField.CONFIRMED),
        ("Status", ImportField.CONFIRMED),
        ("Firma", None),
        ("E-Mail", None),
        ("Eventdatum", None),
    ],
)
def test_header_names_in_english_and_german(name: str, field: ImportField | None):
    assert field_of_header(name) is field


def test_names_are_compared_without_case_spaces_and_punctuation():
    assert normalise_header(" Kd.-Nr. ") == "kdnr"
    assert normalise_header("Customer  No.") == "customerno"


def test_a_german_export_maps_by_its_names():
    table = table_of("Firma;Kd.-Nr.;Messe;Bestätigt\nMüller GmbH;10001;EXPO26;ja\n")
    assert looks_like_header(table)
    mapping = suggest_mapping(table, has_header=True)
    assert mapping == ColumnMapping(event_key=2, customer_number=1, confirmed=3)
    check_mapping(table, True, mapping)


def test_the_first_of_two_matching_columns_is_taken():
    table = table_of("Event,Event key,Customer\nA,B,1\n")
    assert suggest_mapping(table, True).event_key == 0


def test_without_a_header_columns_are_guessed_from_their_contents():
    table = table_of("Müller GmbH;10001;EXPO26;x\nWeiß AG;10002;WS26;\nBöhm KG;10003;EXPO26;x\n")
    assert not looks_like_header(table)
    mapping = suggest_mapping(table, has_header=False, known_events=["EXPO26", "WS26"])
    assert mapping == ColumnMapping(event_key=2, customer_number=1, confirmed=3)


def test_unknown_names_above_numbers_still_look_like_a_header():
    table = table_of("Name;Nummer\nMüller;10001\n")
    assert looks_like_header(table)


def test_a_column_serves_one_field():
    mapping = ColumnMapping(event_key=0, customer_number=1)
    moved = mapping.with_column(ImportField.CONFIRMED, 1)
    assert moved == ColumnMapping(event_key=0, customer_number=None, confirmed=1)


def test_no_matching_column_names_the_columns_found():
    table = table_of("Name,Firma,E-Mail\nHans,Müller GmbH,h@example.com\n")
    mapping = suggest_mapping(table, True)
    assert mapping.is_empty
    with pytest.raises(CsvImportError) as caught:
        check_mapping(table, True, mapping)
    text = caught.value.message.text()
    assert text.startswith("None of the columns is named like an event key")
    assert "“Name”, “Firma”, “E-Mail”" in text


def test_a_missing_required_column_names_the_columns_found():
    table = table_of("Kundennummer;Firma\n10001;Müller GmbH\n")
    with pytest.raises(CsvImportError) as caught:
        check_mapping(table, True, suggest_mapping(table, True))
    assert caught.value.message.text() == (
        "Choose the column that holds the event key. Columns found: “Kundennummer”, “Firma”."
    )
    table = table_of("Messe;Firma\nEXPO26;Müller GmbH\n")
    with pytest.raises(CsvImportError) as caught:
        check_mapping(table, True, suggest_mapping(table, True))
    assert caught.value.message.text().startswith(
        "Choose the column that holds the customer number."
    )


def test_only_a_header():
    table = table_of("event key,customer number,confirmed\n")
    assert looks_like_header(table)
    with pytest.raises(CsvImportError) as caught:
        check_mapping(table, True, suggest_mapping(table, True))
    assert caught.value.message.text() == (
        "The file has column names but no participant rows below them."
    )
