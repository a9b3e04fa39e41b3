"""Reading CSV files for the import: encodings, delimiters, quoting, file-level errors."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from app.office import csv_import
from app.office.csv_import import (
    MAX_FILE_BYTES,
    detect_delimiter,
    detect_encoding,
    parse_bytes,
    read_file,
)
from app.office.import_messages import CsvImportError

GERMAN = "Veranstaltung;Kundennummer;Firma;Bestätigt\r\nEXPO26;10001;Müller & Söhne GmbH;ja\r\n"


def error_of(data: bytes, **options: str) -> str:
    with pytest.raises(CsvImportError) as caught:
        parse_bytes(data, **options)
    return caught.value.message.text()


@pytest.mark.parametrize(("delimiter", "name"), [(",", "comma"), (";", "semicolon"), ("\t", "tab")])
def test_each_delimiter_is_detected(delimiter: str, name: str):
    text = delimiter.join(["event key", "customer number", "confirmed"]) + "\n"
    text += delimiter.join(["EXPO26", "10001", "yes"]) + "\n"
    text += delimiter.join(["EXPO26", "10002", ""]) + "\n"
    table = parse_bytes(text.encode())
    assert table.delimiter == delimiter, name
    assert table.delimiter_detected
    assert table.records[1] == ["EXPO26", "10001", "yes"]
    assert table.records[2] == ["EXPO26", "10002", ""]


def test_a_delimiter_inside_quotes_does_not_count():
    text = 'event;number;company\nEXPO26;10001;"Müller, Schmidt, Meyer & Co"\n'
    text += 'EXPO26;10002;"Weiß, Böhm"\n'
    assert detect_delimiter(text) == ";"
    table = parse_bytes(text.encode())
    assert table.records[1] == ["EXPO26", "10001", "Müller, Schmidt, Meyer & Co"]


def test_commas_in_unquoted_values_of_a_semicolon_file_do_not_fool_detection():
    text = "Messe;Kd.-Nr.;Ansprechpartner\nEXPO26;10001;Müller, Hans\nEXPO26;10002;Weiß\n"
    assert detect_delimiter(text) == ";"


def test_one_column_files_read_as_one_column():
    table = parse_bytes(b"customer number\n10001\n10002\n")
    assert table.records == [["customer number"], ["10001"], ["10002"]]


def test_the_person_can_override_the_delimiter():
    table = parse_bytes(b"a;b,c\n1;2,3\n", delimiter=",")
    assert table.delimiter == ","
    assert not table.delimiter_detected
    assert table.records == [["a;b", "c"], ["1;2", "3"]]


def test_utf8_without_bom():
    table = parse_bytes(GERMAN.encode("utf-8"))
    assert table.encoding == "utf-8"
    assert table.encoding_name == "UTF-8"
    assert not table.has_bom
    assert table.records[1][2] == "Müller & Söhne GmbH"


def test_utf8_with_bom_keeps_the_bom_out_of_the_first_column_name():
    table = parse_bytes(codecs.BOM_UTF8 + GERMAN.encode("utf-8"))
    assert table.encoding == "utf-8-sig"
    assert table.has_bom
    assert table.records[0][0] == "Veranstaltung"


def test_windows_1252_umlauts():
    data = GERMAN.encode("cp1252")
    assert detect_encoding(data) == "cp1252"
    table = parse_bytes(data)
    assert table.encoding_name == "Windows-1252"
    assert table.records[0][3] == "Bestätigt"
    assert table.records[1][2] == "Müller & Söhne GmbH"


def test_the_euro_sign_and_quotes_of_windows_1252():
    table = parse_bytes("a;b\n€ 5;„Grün“\n".encode("cp1252"))
    assert table.records[1] == ["€ 5", "„Grün“"]


def test_utf16_from_excels_unicode_text_export():
    table = parse_bytes(GERMAN.replace(";", "\t").encode("utf-16"))
    assert table.encoding == "utf-16"
    assert table.delimiter == "\t"
    assert table.records[1][2] == "Müller & Söhne GmbH"


def test_an_overridden_encoding_that_does_not_fit_names_the_line():
    data = b"event,number\nEXPO26,10001\nEXPO26,M\xfcller\n"
    message = error_of(data, encoding="utf-8")
    assert message.startswith("The file cannot be read as UTF-8: line 3 contains")


def test_a_file_neither_utf8_nor_windows_1252_says_so():
    # 0x81 is undefined in Windows-1252 and invalid alone in UTF-8.
    message = error_of(b"event,number\nEXPO26,\x81\n")
    assert "neither UTF-8 nor Windows-1252" in message
    assert "line 2" in message
    # Latin-1 reads every byte: the person's way out.
    assert parse_bytes(b"event,number\nEXPO26,\x81\n", encoding="iso-8859-1").records


def test_crlf_lf_and_cr_line_endings():
    for newline in ("\r\n", "\n", "\r"):
        data = newline.join(["a,b", "1,2", "3,4"]).encode()
        assert parse_bytes(data).records == [["a", "b"], ["1", "2"], ["3", "4"]]


def test_row_numbers_are_spreadsheet_rows():
    data = b'a,b\n\n1,"two\nlines"\n,\n3,4\n'
    table = parse_bytes(data)
    assert table.records == [["a", "b"], ["1", "two\nlines"], ["3", "4"]]
    # Blank rows count but are left out; a quoted line break stays in its row.
    assert table.row_numbers == [1, 3, 5]


def test_an_empty_file():
    assert error_of(b"") == "The file is empty."
    assert error_of(b"\r\n\r\n  \n") == "The file is empty."
    assert error_of(codecs.BOM_UTF8) == "The file is empty."
    assert error_of(b";;;\n;;;\n") == "The file is empty."


def test_an_unclosed_quote_names_the_line_where_it_opens():
    data = b'a,b\n1,2\n3,"four\n5,6\n7,8\n'
    message = error_of(data)
    assert message.startswith("The quotation mark in line 3 is never closed")


def test_a_quote_in_the_middle_of_a_value_names_the_line():
    data = b'a,b\n1,2\n3,"four"x\n'
    assert error_of(data).startswith("Line 3 has a quotation mark in the middle of a value")


def test_a_quoted_value_spanning_lines_that_breaks_names_both_lines():
    data = b'a,b\n1,"two\nstill two"x\n'
    assert error_of(data).startswith("A quoted value that starts in line 2 is not closed")


def test_an_excel_workbook_is_recognised():
    assert "Excel workbook" in error_of(b"PK\x03\x04rest of a zip")
    assert "Excel workbook" in error_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old xls")


def test_binary_data_is_refused():
    assert "binary data" in error_of(b"a,b\n1,\x00\x00\n")


def test_a_file_too_large_is_refused_before_it_is_read(tmp_path: Path, monkeypatch):
    path = tmp_path / "huge.csv"
    path.write_bytes(b"a,b\n1,2\n")
    monkeypatch.setattr(csv_import, "MAX_FILE_BYTES", 4)
    with pytest.raises(CsvImportError) as caught:
        read_file(path)
    assert caught.value.message.template == csv_import.TOO_LARGE
    assert MAX_FILE_BYTES == 100 * 1024 * 1024


def test_a_missing_file_says_why(tmp_path: Path):
    with pytest.raises(CsvImportError) as caught:
        read_file(tmp_path / "gone.csv")
    assert caught.value.message.text().startswith("The file cannot be read:")


def test_read_file_keeps_the_name_and_the_bytes(tmp_path: Path):
    path = tmp_path / "Teilnehmer März.csv"
    path.write_bytes(GERMAN.encode("cp1252"))
    table = read_file(path)
    assert table.name == "Teilnehmer März.csv"
    assert table.raw == GERMAN.encode("cp1252")


def test_fifty_thousand_rows_parse_completely():
    lines = ["event key;customer number;confirmed"]
    lines += [f"EXPO26;{100000 + i};{'ja' if i % 3 == 0 else ''}" for i in range(50_000)]
    table = parse_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    assert len(table.records) == 50_001
    assert table.row_numbers[-1] == 50_001
    assert table.records[-1] == ["EXPO26", "149999", ""]
    assert table.usual_width == 3
