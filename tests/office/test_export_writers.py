"""The CSV and XLSX writers: Excel-friendly encoding, safe cells, all-or-nothing files."""

from __future__ import annotations

import csv
import errno
import io
import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from app.office.export_writers import (
    DISK_FULL,
    NO_PERMISSION,
    ExportError,
    csv_delimiter,
    defuse,
    sheet_name,
    write_csv,
    write_xlsx,
)
from tests.office.xlsx_reader import read_xlsx

HEADERS = ["Status", "Customer no.", "Company", "Created"]
CREATED = datetime(2026, 3, 14, 9, 26, 53, tzinfo=UTC)
ROWS = [
    ("Confirmed", "007", "Müller & Söhne GmbH", CREATED),
    ("Not confirmed", "10023", 'Café "Crème"; Lefèvre, SARL', None),
    ("Unknown", "K-10", "Zeile 1\nZeile 2\r\nZeile 3", CREATED),
    ("Confirmed", "", "Ørsted\tLogistik", datetime(2026, 12, 31, 23, 59, 0)),
]


def read_csv(path: Path, delimiter: str) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- CSV -----------------------------------------------------------------------------------


def test_csv_delimiter_follows_the_decimal_point():
    german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert csv_delimiter(german.decimalPoint()) == ";"
    assert csv_delimiter(english.decimalPoint()) == ","
    assert (
        csv_delimiter(QLocale(QLocale.Language.French, QLocale.Country.France).decimalPoint())
        == ";"
    )


def test_csv_starts_with_a_bom_and_ends_rows_with_crlf(tmp_path):
    path = tmp_path / "out.csv"
    write_csv(path, HEADERS, ROWS[:2], ";")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].startswith(b"Status;Customer no.;Company;Created\r\n")
    assert data.endswith(b"\r\n")


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_round_trips_umlauts_quotes_delimiters_and_newlines(tmp_path, delimiter):
    path = tmp_path / "out.csv"
    assert write_csv(path, HEADERS, ROWS, delimiter) == len(ROWS)
    rows = read_csv(path, delimiter)
    assert rows[0] == HEADERS
    assert [row[2] for row in rows[1:]] == [
        "Müller & Söhne GmbH",
        'Café "Crème"; Lefèvre, SARL',
        "Zeile 1\nZeile 2\r\nZeile 3",
        "Ørsted\tLogistik",
    ]
    assert [row[1] for row in rows[1:]] == ["007", "10023", "K-10", ""]


def test_csv_writes_moments_as_local_iso_time_excel_reads_in_every_locale(tmp_path):
    path = tmp_path / "out.csv"
    write_csv(path, ["When", "Day"], [(CREATED, date(2026, 12, 8)), (None, None)], ",")
    rows = read_csv(path, ",")
    local = CREATED.astimezone().replace(tzinfo=None)
    assert rows[1] == [local.isoformat(sep=" ", timespec="seconds"), "2026-12-08"]
    assert rows[2] == ["", ""]


def test_csv_numbers_use_the_decimal_point_that_goes_with_the_delimiter(tmp_path):
    path = tmp_path / "out.csv"
    write_csv(path, ["n", "x"], [(-12, -3.5)], ";")
    assert read_csv(path, ";")[1] == ["-12", "-3,5"]
    write_csv(path, ["n", "x"], [(-12, -3.5)], ",")
    assert read_csv(path, ",")[1] == ["-12", "-3.5"]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+49 89 123", "'+49 89 123"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-12", "-12"),  # a plain negative number runs nothing
        ("-3,5", "-3,5"),
        ("Müller = Meier", "Müller = Meier"),  # only the first character matters
        ("", ""),
    ],
)
def test_formula_injection_is_defused(text, written):
    assert defuse(text) == written


def test_csv_file_carries_the_defused_cells(tmp_path):
    path = tmp_path / "out.csv"
    write_csv(path, ["=cmd|' /C calc'!A0"], [("=1+1", "@x", 5)], ",")
    rows = read_csv(path, ",")
    assert rows == [["'=cmd|' /C calc'!A0"], ["'=1+1", "'@x", "5"]]


def test_csv_reports_progress_and_can_be_stopped_without_a_file(tmp_path):
    path = tmp_path / "out.csv"
    seen: list[int] = []

    def progress(rows: int) -> None:
        seen.append(rows)
        if rows >= 4_000:
            raise KeyboardInterrupt  # anything raised stops the export

    rows = [("x",)] * 10_000
    with pytest.raises(KeyboardInterrupt):
        write_csv(path, ["a"], rows, ",", progress=progress)
    assert seen == [2_000, 4_000]
    assert files_in(tmp_path) == []


# -- XLSX ----------------------------------------------------------------------------------


def test_xlsx_reads_back_with_headers_text_numbers_and_dates(tmp_path):
    path = tmp_path / "out.xlsx"
    rows = [*ROWS, ("=1+1", "0042", None, date(2026, 12, 8))]
    assert write_xlsx(path, HEADERS, rows, sheet="Fachmesse Grün & Gärten 2026") == len(rows)
    sheet = read_xlsx(path)
    assert sheet.name == "Fachmesse Grün & Gärten 2026"
    assert sheet.rows[0] == HEADERS
    assert [row[1] for row in sheet.rows[1:]] == ["007", "10023", "K-10", None, "0042"]
    assert sheet.rows[2][2] == 'Café "Crème"; Lefèvre, SARL'
    assert sheet.rows[3][2] == "Zeile 1\nZeile 2\r\nZeile 3"
    # Text stays text: never a formula, so no apostrophe is needed in a workbook.
    assert sheet.rows[5][0] == "=1+1"
    assert sheet.rows[1][3] == CREATED.astimezone().replace(tzinfo=None)
    assert sheet.rows[4][3] == datetime(2026, 12, 31, 23, 59, 0)
    assert sheet.rows[5][3] == datetime(2026, 12, 8)
    assert sheet.formats["D2"] == "yyyy-mm-dd hh:mm"
    assert sheet.formats["D6"] == "yyyy-mm-dd"


def test_xlsx_header_is_bold_frozen_and_filtered_with_sensible_widths(tmp_path):
    path = tmp_path / "out.xlsx"
    long_company = "Société Générale des Écrans " * 5
    write_xlsx(path, HEADERS, [("Confirmed", "1", long_company, CREATED)])
    sheet = read_xlsx(path)
    assert {"A1", "B1", "C1", "D1"} <= sheet.bold_cells
    assert "A2" not in sheet.bold_cells
    assert sheet.frozen_rows == 1
    assert sheet.autofilter == "A1:D2"
    assert len(sheet.widths) == 4
    assert all(8 <= width <= 61 for width in sheet.widths)
    assert sheet.widths[2] > 50  # the long company column is wide, but capped
    assert sheet.widths[3] >= 18  # a whole date and time fits


def test_xlsx_with_no_rows_still_has_its_header(tmp_path):
    path = tmp_path / "empty.xlsx"
    assert write_xlsx(path, HEADERS, []) == 0
    assert read_xlsx(path).rows == [HEADERS]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Fachmesse Grün & Gärten 2026", "Fachmesse Grün & Gärten 2026"),
        ("Q1/Q2: [draft]?", "Q1 Q2 draft"),
        ("'quoted'", "quoted"),
        ("A very long event title that goes on and on", "A very long event title that go"),
        ("***", "Sheet1"),
    ],
)
def test_sheet_names_are_valid_for_excel(title, name):
    assert sheet_name(title) == name
    assert len(sheet_name(title)) <= 31


# -- failures ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "write"),
    [
        ("csv", lambda path: write_csv(path, HEADERS, ROWS, ",")),
        ("xlsx", lambda path: write_xlsx(path, HEADERS, ROWS)),
    ],
)
def test_a_read_only_folder_gives_a_clear_error_and_no_file(read_only_folder, suffix, write):
    path = read_only_folder / f"participants.{suffix}"
    with pytest.raises(ExportError) as caught:
        write(path)
    assert caught.value.template == NO_PERMISSION
    assert caught.value.path == path
    assert f"“participants.{suffix}” could not be saved" in str(caught.value)
    assert files_in(read_only_folder) == ["existing.csv"]


def test_a_full_disk_midway_leaves_no_partial_file_and_keeps_the_old_one(tmp_path):
    path = tmp_path / "participants.csv"
    path.write_text("previous export", encoding="utf-8")

    def disk_full(_rows: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(ExportError) as caught:
        write_csv(path, ["a"], [("x",)] * 5_000, ",", progress=disk_full)
    assert caught.value.template == DISK_FULL
    assert str(caught.value) == "“participants.csv” could not be saved: the disk is full."
    assert files_in(tmp_path) == ["participants.csv"]
    assert path.read_text(encoding="utf-8") == "previous export"


def test_a_file_held_open_by_excel_says_so(tmp_path, monkeypatch):
    """On Windows the final rename fails while Excel has the old file open."""
    path = tmp_path / "participants.xlsx"

    def locked(_source: object, _target: object) -> None:
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError) as caught:
        write_xlsx(path, HEADERS, ROWS)
    assert "close it and try again" in str(caught.value)
    assert files_in(tmp_path) == []


def test_a_missing_folder_is_named():
    path = Path("/nonexistent-folder-for-export-test/participants.csv")
    with pytest.raises(ExportError) as caught:
        write_csv(path, HEADERS, ROWS, ",")
    assert str(caught.value) == "“participants.csv” could not be saved: the folder does not exist."


def test_error_sentence_takes_a_translated_template():
    error = ExportError(NO_PERMISSION, Path("/x/100%2 sure.csv"))
    assert error.text("„%1“ konnte nicht gespeichert werden.") == (
        "„100%2 sure.csv“ konnte nicht gespeichert werden."
    )
