"""Read back the workbooks the export writes: a zip of XML, parsed with the standard library.

Only what the tests check: the sheet name, cell values (text, numbers, dates by their
number format), the bold header, the frozen row, the autofilter and the column widths.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_EXCEL_EPOCH = datetime(1899, 12, 30)
_DATE_CODE = re.compile(r"[dmyhs]")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _text(element: ET.Element) -> str:
    """The text of a string item; OOXML writes control characters as _xHHHH_."""
    raw = "".join(t.text or "" for t in element.iter(f"{{{NS['m']}}}t"))
    return _ESCAPE.sub(lambda m: chr(int(m[1], 16)), raw)


@dataclass
class Sheet:
    """One worksheet as the tests see it."""

    name: str
    rows: list[list[Any]]
    bold_cells: set[str] = field(default_factory=set)
    formats: dict[str, str] = field(default_factory=dict)  # cell -> number format code
    frozen_rows: int = 0
    autofilter: str = ""
    widths: list[float] = field(default_factory=list)


def _column_index(reference: str) -> int:
    letters = re.match(r"[A-Z]+", reference)
    assert letters is not None
    index = 0
    for letter in letters.group(0):
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def read_xlsx(path: Path) -> Sheet:
    """The first worksheet of ``path``; dates come back as naive ``datetime``."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        workbook = ET.fromstring(archive.read("xl/workbook.xml"))
        sheet_xml = ET.fromstring(archive.read("xl/worksheets/sheet1.xml"))
        styles = ET.fromstring(archive.read("xl/styles.xml"))
        shared = (
            [
                _text(item)
                for item in ET.fromstring(archive.read("xl/sharedStrings.xml")).findall("m:si", NS)
            ]
            if "xl/sharedStrings.xml" in names
            else []
        )
    sheet_name = workbook.find("m:sheets/m:sheet", NS)
    assert sheet_name is not None
    custom = {
        fmt.get("numFmtId"): fmt.get("formatCode", "")
        for fmt in styles.findall("m:numFmts/m:numFmt", NS)
    }
    bold_fonts = {
        index
        for index, font in enumerate(styles.findall("m:fonts/m:font", NS))
        if font.find("m:b", NS) is not None
    }
    xfs = styles.findall("m:cellXfs/m:xf", NS)
    sheet = Sheet(name=sheet_name.get("name", ""), rows=[])
    for row in sheet_xml.findall("m:sheetData/m:row", NS):
        values: list[Any] = []
        for cell in row.findall("m:c", NS):
            reference = cell.get("r", "")
            column = _column_index(reference)
            values.extend([None] * (column - len(values)))
            style = xfs[int(cell.get("s", "0"))]
            code = custom.get(style.get("numFmtId"), "")
            if code:
                sheet.formats[reference] = code
            if int(style.get("fontId", "0")) in bold_fonts:
                sheet.bold_cells.add(reference)
            kind = cell.get("t")
            if kind == "inlineStr":
                value: Any = _text(cell)
            elif kind == "s":
                value = shared[int(cell.findtext("m:v", "0", NS))]
            else:
                number = float(cell.findtext("m:v", "0", NS))
                if code and _DATE_CODE.search(code):
                    value = _EXCEL_EPOCH + timedelta(days=number)
                    value = value.replace(microsecond=0) + timedelta(
                        seconds=round(value.microsecond / 1e6)
                    )
                else:
                    value = number
            values.append(value)
        sheet.rows.append(values)
    pane = sheet_xml.find("m:sheetViews/m:sheetView/m:pane", NS)
    if pane is not None and pane.get("state") == "frozen":
        sheet.frozen_rows = int(float(pane.get("ySplit", "0")))
    autofilter = sheet_xml.find("m:autoFilter", NS)
    sheet.autofilter = autofilter.get("ref", "") if autofilter is not None else ""
    sheet.widths = [float(col.get("width", "0")) for col in sheet_xml.findall("m:cols/m:col", NS)]
    return sheet
