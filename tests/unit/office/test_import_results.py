"""The import report file: UTF-8 with BOM, the file's delimiter, no formulas, no half files."""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

import pytest

from app.office.import_messages import Message, fill
from app.office.import_results import safe_cell, write_report


def test_the_report_opens_in_a_spreadsheet(tmp_path: Path):
    path = tmp_path / "report.csv"
    write_report(
        path,
        ["Row", "Customer number", "Result"],
        [["2", "10001", "Added"], ["3", "=1+1", "Invalid; “quoted”"]],
        delimiter=";",
    )
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows == [
        ["Row", "Customer number", "Result"],
        ["2", "10001", "Added"],
        ["3", "'=1+1", "Invalid; “quoted”"],
    ]
    assert not list(tmp_path.glob("*.part"))


def test_formulas_are_defused():
    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("@SUM") == "'@SUM"
    assert safe_cell("10001") == "10001"


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path):
    target = tmp_path / "missing-folder" / "report.csv"
    with pytest.raises(FileNotFoundError):
        write_report(target, ["a"], [["b"]])
    assert not target.exists()


def test_messages_fill_placeholders_once():
    assert fill("%1 and %2", ["%2", "x"]) == "%2 and x"
    message = Message("Row %1 of %2", (1200, 50000))
    assert message.text() == "Row 1200 of 50000"
    rendered = message.render(str.upper, lambda n: f"{n:,}")
    assert rendered == "ROW 1,200 OF 50,000"
