"""Write a table (headers + rows of typed cells) to a CSV file for Excel or to an XLSX workbook.

No Qt here: the caller decides the delimiter (:func:`csv_delimiter` from the locale's
decimal point) and hands over plain values. Both writers go through :func:`atomic_file`:
they write a temporary file next to the target and rename it at the end, so a failed or
cancelled export never leaves half a file behind, and an existing file is replaced only by a
complete one. Every :class:`OSError` becomes an :class:`ExportError` that names the file.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

import xlsxwriter  # type: ignore[import-untyped]  # ships no type information
from xlsxwriter.exceptions import XlsxFileError  # type: ignore[import-untyped]

from app.i18n import QT_TRANSLATE_NOOP

#: A cell: text, a number, a moment or a day, or nothing.
Cell = str | int | float | datetime | date | None
Progress = Callable[[int], None]

#: Translation context of the error sentences (the window translates them); lupdate needs
#: the literal in every QT_TRANSLATE_NOOP below.
CONTEXT: Final = "ExportWriters"
NO_PERMISSION = QT_TRANSLATE_NOOP(
    "ExportWriters",
    "“%1” could not be saved: access was denied. If the file is open in another program "
    "(such as Excel), close it and try again, or choose another folder.",
)
DISK_FULL = QT_TRANSLATE_NOOP("ExportWriters", "“%1” could not be saved: the disk is full.")
NO_FOLDER = QT_TRANSLATE_NOOP(
    "ExportWriters", "“%1” could not be saved: the folder does not exist."
)
OTHER_FAILURE = QT_TRANSLATE_NOOP("ExportWriters", "“%1” could not be saved: %2")

#: Report progress every this many rows (a callback per row would cost more than the row).
PROGRESS_EVERY: Final = 2_000
#: Excel's limits for a sheet name; these characters are not allowed in one.
SHEET_NAME_LENGTH: Final = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
#: Characters that make a spreadsheet treat a text cell as a formula (OWASP "CSV injection").
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")
#: A plain number such as "-12" or "-3.5" / "-3,5": no formula, Excel reads it as a number.
_PLAIN_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")
#: Widths in Excel's character units: narrow columns stay readable, long ones stay usable.
MIN_WIDTH: Final = 8
MAX_WIDTH: Final = 60
_WIDTH_SAMPLE: Final = 2_000  # rows measured for the column widths
_DATETIME_WIDTH: Final = 18
_DATE_WIDTH: Final = 12


class ExportError(Exception):
    """The file could not be written; ``template`` (with %1 = file, %2 = detail) says why."""

    def __init__(self, template: str, path: Path, detail: str = "") -> None:
        self.template = template
        self.path = path
        self.detail = detail
        super().__init__(self.text())

    def text(self, template: str | None = None) -> str:
        """The sentence, from ``template`` (a translation of :attr:`template`) if given."""
        sentence = template if template is not None else self.template
        # One pass each: a file name containing "%2" must stay as it is.
        return re.sub(
            r"%([12])", lambda m: self.path.name if m[1] == "1" else self.detail, sentence
        )


def error_for(error: OSError, path: Path) -> ExportError:
    """The :class:`ExportError` that explains ``error`` while saving ``path``."""
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM):
        return ExportError(NO_PERMISSION, path)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return ExportError(DISK_FULL, path)
    if isinstance(error, FileNotFoundError):
        return ExportError(NO_FOLDER, path)
    return ExportError(OTHER_FAILURE, path, error.strerror or str(error))


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """A temporary path next to ``path`` to write; renamed to ``path`` only on success.

    Anything raised inside removes the temporary file; an :class:`OSError` (also from the
    final rename, which fails on Windows while Excel holds the target open) is re-raised as
    an :class:`ExportError` naming ``path``.
    """
    path = Path(path)
    try:
        handle, name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.stem}-", suffix=f"{path.suffix}.part"
        )
    except OSError as error:
        raise error_for(error, path) from error
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise error_for(error, path) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def csv_delimiter(decimal_point: str) -> str:
    """``;`` where the decimal point is a comma (as Excel in German expects), else ``,``."""
    return ";" if decimal_point == "," else ","


def defuse(text: str) -> str:
    """``text`` made safe from formula injection: a leading ``'`` if it could start one.

    Following OWASP's advice, a text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
    return gets a leading apostrophe, so Excel shows it instead of evaluating it. A text that
    is only a (negative) number, such as "-12", is left alone: Excel cannot run it, and the
    apostrophe would corrupt a value people expect to calculate with.
    """
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def local_naive(moment: datetime) -> datetime:
    """A moment as the wall-clock time of this computer (spreadsheets have no time zones)."""
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo is not None else moment


def csv_text(value: Cell, decimal_point: str = ".") -> str:
    """How a cell reads in a CSV file: ISO dates (both Excel locales parse them), safe text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return defuse(value)
    if isinstance(value, datetime):
        return local_naive(value).isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value).replace(".", decimal_point)
    return str(value)  # numbers are written as they are: no formula can hide in them


def write_csv(
    path: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    delimiter: str,
    *,
    decimal_point: str | None = None,
    progress: Progress | None = None,
) -> int:
    """Write a CSV file Excel opens correctly: UTF-8 with BOM, CRLF rows; returns the rows.

    Values are quoted by the csv module when they contain the delimiter, quotes or line
    breaks. Customer numbers stay as written in the file; note that Excel itself drops
    leading zeros of a number-like text when it opens a CSV (the XLSX export keeps them).
    ``progress(rows written)`` is called every :data:`PROGRESS_EVERY` rows; it may raise
    to stop the export (the partial file is removed).
    """
    point = decimal_point if decimal_point is not None else ("," if delimiter == ";" else ".")
    count = 0
    with (
        atomic_file(path) as temporary,
        temporary.open("w", encoding="utf-8-sig", newline="") as out,
    ):
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow([defuse(header) for header in headers])
        for row in rows:
            writer.writerow([csv_text(value, point) for value in row])
            count += 1
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count)
    return count


def sheet_name(title: str) -> str:
    """A valid worksheet name from an event title: no ``[]:*?/\\``, at most 31 characters."""
    name = _SHEET_FORBIDDEN.sub(" ", title).strip().strip("'").strip()
    name = re.sub(r"\s+", " ", name)[:SHEET_NAME_LENGTH].strip()
    return name or "Sheet1"


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> list[int]:
    """Column widths (Excel character units) from the header and the first rows' contents."""
    widths = [len(header) + 3 for header in headers]  # room for the autofilter button
    for row in rows[:_WIDTH_SAMPLE]:
        for column, value in enumerate(row[: len(widths)]):
            if isinstance(value, datetime):
                size = _DATETIME_WIDTH
            elif isinstance(value, date):
                size = _DATE_WIDTH
            else:
                size = len(str(value)) + 1 if value is not None else 0
            widths[column] = max(widths[column], size)
    return [min(MAX_WIDTH, max(MIN_WIDTH, width)) for width in widths]


def write_xlsx(
    path: Path,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    sheet: str = "Sheet1",
    datetime_format: str = "yyyy-mm-dd hh:mm",
    date_format: str = "yyyy-mm-dd",
    progress: Progress | None = None,
) -> int:
    """Write an Excel workbook with one sheet; returns the rows written.

    The header row is bold, frozen and has an autofilter; text is always stored as text
    (customer numbers keep leading zeros, "=..." is never a formula), moments and days as
    real Excel dates in local time with ``datetime_format`` / ``date_format`` (Excel shows
    them in its own locale's order when the format is one of its built-in ones; ISO order
    reads unambiguously everywhere). ``progress`` as in :func:`write_csv`.
    """
    with (
        atomic_file(path) as temporary,
        tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as scratch,
    ):
        # constant_memory streams rows to disk: 100k rows cost megabytes, not a gigabyte.
        workbook: Any = xlsxwriter.Workbook(
            str(temporary),
            {
                "constant_memory": True,
                "tmpdir": scratch,  # removed with everything in it, also after a failure
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        try:
            count = _fill_sheet(
                workbook,
                headers,
                rows,
                sheet=sheet_name(sheet),
                datetime_format=datetime_format,
                date_format=date_format,
                progress=progress,
            )
        except BaseException:
            # Closing releases the scratch files; the partial workbook is thrown away.
            with contextlib.suppress(Exception):
                workbook.close()
            raise
        try:
            workbook.close()
        except XlsxFileError as error:
            cause = error.args[0] if error.args else None
            if isinstance(cause, OSError):
                raise cause from error
            raise ExportError(OTHER_FAILURE, path, str(error)) from error
    return count


def _fill_sheet(
    workbook: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    sheet: str,
    datetime_format: str,
    date_format: str,
    progress: Progress | None,
) -> int:
    worksheet = workbook.add_worksheet(sheet)
    bold = workbook.add_format({"bold": True, "bottom": 1})
    moment = workbook.add_format({"num_format": datetime_format, "align": "left"})
    day = workbook.add_format({"num_format": date_format, "align": "left"})
    for column, width in enumerate(column_widths(headers, rows)):
        worksheet.set_column(column, column, width)
    worksheet.freeze_panes(1, 0)
    worksheet.autofilter(0, 0, max(len(rows), 1), max(len(headers) - 1, 0))
    for column, header in enumerate(headers):
        worksheet.write_string(0, column, header, bold)
    count = 0
    for count, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                worksheet.write_string(count, column, value)
            elif isinstance(value, datetime):
                worksheet.write_datetime(count, column, local_naive(value), moment)
            elif isinstance(value, date):
                worksheet.write_datetime(count, column, value, day)
            else:
                worksheet.write_number(count, column, value)
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    return count
