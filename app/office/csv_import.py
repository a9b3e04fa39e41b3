"""Read a CSV file for the participant import: encoding, delimiter, records and row numbers.

Files come from CRMs and from Excel in every flavour: UTF-8 with or without a byte order
mark, Windows-1252 from a German Excel, commas, semicolons or tabs. This module guesses
each (and says what it chose, so the person can override it), then parses strictly: broken
quoting is an error naming the line, never a silently shifted column.

Row numbers are what a spreadsheet shows: the n-th record of the file is row n, blank
lines count, and a value spanning several lines (quoted line breaks) is still one row.
Everything here is plain Python and runs on a worker thread; no Qt.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from app.i18n import QT_TRANSLATE_NOOP
from app.office.import_messages import CsvImportError, Message

#: Larger files are refused before reading: 100 MB of CSV is about a million participants,
#: far beyond what an hourly request limit lets anyone add.
MAX_FILE_BYTES: Final = 100 * 1024 * 1024

#: The delimiters a participant list may use, in the order of preference on a tie.
DELIMITERS: Final = (";", ",", "\t")

#: Encodings the person may choose; the first four cover every export seen in practice.
ENCODINGS: Final = ("utf-8", "cp1252", "iso-8859-1", "utf-16")

ENCODING_NAMES: Final = {
    "utf-8-sig": "UTF-8",
    "utf-8": "UTF-8",
    "cp1252": "Windows-1252",
    "iso-8859-1": "ISO-8859-1",
    "utf-16": "UTF-16",
}

# Delimiter detection looks at this much of the file only: enough for dozens of rows.
SAMPLE_CHARS: Final = 64 * 1024
SAMPLE_RECORDS: Final = 40

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls workbooks

TOO_LARGE = QT_TRANSLATE_NOOP(
    "CsvImport", "The file is %1 MB; files up to %2 MB can be imported. Split it into parts."
)
EMPTY = QT_TRANSLATE_NOOP("CsvImport", "The file is empty.")
WORKBOOK = QT_TRANSLATE_NOOP(
    "CsvImport",
    "This is an Excel workbook, not a CSV file. In Excel, choose File › Save As and the "
    "type “CSV UTF-8”, then import that file.",
)
BINARY = QT_TRANSLATE_NOOP(
    "CsvImport", "The file contains binary data, not text. Choose a CSV file (comma-separated)."
)
UNDECODABLE = QT_TRANSLATE_NOOP(
    "CsvImport",
    "The file cannot be read as %1: line %2 contains a character that is not valid in it. "
    "Choose another encoding.",
)
UNDECODABLE_GUESS = QT_TRANSLATE_NOOP(
    "CsvImport",
    "The file's characters cannot be read: it is neither UTF-8 nor Windows-1252 (see "
    "line %1). Choose the encoding, or save the file as “CSV UTF-8”.",
)
QUOTE_NOT_CLOSED = QT_TRANSLATE_NOOP(
    "CsvImport",
    "The quotation mark in line %1 is never closed, so the rest of the file would be one "
    "value. Close the quotes or remove the quotation mark.",
)
QUOTE_SPANS_LINES = QT_TRANSLATE_NOOP(
    "CsvImport",
    "A quoted value that starts in line %1 is not closed properly (the problem shows in "
    "line %2). Check the quotation marks there.",
)
QUOTE_IN_VALUE = QT_TRANSLATE_NOOP(
    "CsvImport",
    "Line %1 has a quotation mark in the middle of a value. Put the whole value in quotes "
    "and double the quotation marks inside it.",
)
UNREADABLE = QT_TRANSLATE_NOOP("CsvImport", "The file cannot be read: %1")


@dataclass(frozen=True, slots=True)
class CsvTable:
    """The records of a CSV file, with how it was read.

    ``records`` holds every row that has a value (blank rows are left out), each a list of
    its fields; ``row_numbers[i]`` is the spreadsheet row of ``records[i]``.
    """

    encoding: str  # the codec used (``utf-8-sig`` when the file starts with a BOM)
    delimiter: str
    records: list[list[str]]
    row_numbers: list[int]
    encoding_detected: bool = True  # False: the person chose it
    delimiter_detected: bool = True
    name: str = ""  # the file's name, for messages
    raw: bytes = field(default=b"", repr=False)  # to read again with other choices

    @property
    def encoding_name(self) -> str:
        """ "UTF-8", "Windows-1252", ... (never translated: these are proper names)."""
        return ENCODING_NAMES.get(self.encoding, self.encoding)

    @property
    def has_bom(self) -> bool:
        """Whether the file starts with a UTF-8 byte order mark."""
        return self.encoding == "utf-8-sig"

    @property
    def usual_width(self) -> int:
        """The number of fields most rows have (0 for no rows)."""
        if not self.records:
            return 0
        counts = Counter(len(record) for record in self.records[:1000])
        return counts.most_common(1)[0][0]


def read_file(path: Path, *, encoding: str | None = None, delimiter: str | None = None) -> CsvTable:
    """Read and parse ``path``; CsvImportError when the file as a whole cannot be used."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CsvImportError(
                Message(TOO_LARGE, (round(size / 1024 / 1024), MAX_FILE_BYTES // 1024 // 1024))
            )
        data = path.read_bytes()
    except OSError as error:
        raise CsvImportError(Message(UNREADABLE, (error.strerror or str(error),))) from error
    return parse_bytes(data, encoding=encoding, delimiter=delimiter, name=path.name)


def parse_bytes(
    data: bytes,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    name: str = "",
) -> CsvTable:
    """Decode and parse ``data``; ``encoding``/``delimiter`` None means detect them."""
    if len(data) > MAX_FILE_BYTES:
        raise CsvImportError(
            Message(TOO_LARGE, (round(len(data) / 1024 / 1024), MAX_FILE_BYTES // 1024 // 1024))
        )
    if data.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        raise CsvImportError(Message(WORKBOOK))
    chosen = encoding if encoding is not None else detect_encoding(data)
    text = decode(data, chosen, guessed=encoding is None)
    if "\0" in text:
        raise CsvImportError(Message(BINARY))
    if not text.strip():
        raise CsvImportError(Message(EMPTY))
    if delimiter is not None and delimiter not in DELIMITERS:
        raise ValueError(f"delimiter must be one of {DELIMITERS!r}, not {delimiter!r}")
    used_delimiter = delimiter if delimiter is not None else detect_delimiter(text)
    records, row_numbers = parse_text(text, used_delimiter)
    if not records:
        raise CsvImportError(Message(EMPTY))
    return CsvTable(
        encoding=chosen,
        delimiter=used_delimiter,
        records=records,
        row_numbers=row_numbers,
        encoding_detected=encoding is None,
        delimiter_detected=delimiter is None,
        name=name,
        raw=data,
    )


# -- encoding ---------------------------------------------------------------------------------


def detect_encoding(data: bytes) -> str:
    """UTF-8 with BOM → ``utf-8-sig``; valid UTF-8 → ``utf-8``; otherwise ``cp1252``.

    Valid UTF-8 is almost never an accident: Windows-1252 text with umlauts is not valid
    UTF-8, because its umlaut bytes never form UTF-8 sequences in ordinary words.
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # Excel's "Unicode Text" export
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def decode(data: bytes, encoding: str, *, guessed: bool = False) -> str:
    """The text of ``data``; CsvImportError naming the line of the first bad byte."""
    # A BOM is not part of the text, whichever UTF-8 the person chose.
    codec = "utf-8-sig" if encoding in ("utf-8", "utf-8-sig") else encoding
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        if guessed:
            raise CsvImportError(Message(UNDECODABLE_GUESS, (line,))) from error
        name = ENCODING_NAMES.get(encoding, encoding)
        raise CsvImportError(Message(UNDECODABLE, (name, line))) from error
    except LookupError as error:
        raise ValueError(f"unknown encoding {encoding!r}") from error


# -- delimiter --------------------------------------------------------------------------------


def detect_delimiter(text: str) -> str:
    """The delimiter among ``,`` ``;`` and tab that splits the first rows most consistently.

    ``csv.Sniffer`` (restricted to those three) is asked first; its guess is taken when the
    count outside quotes agrees that it splits every sampled row the same way. Otherwise,
    or when it gives up, the delimiter with the most consistent non-zero count wins.
    """
    sample = _sample(text)
    counts = _counts_outside_quotes(sample)
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    if sniffed in DELIMITERS:
        share, width = _consistency(counts[sniffed])
        if share == 1.0 and width > 0:
            return sniffed
    best = max(DELIMITERS, key=lambda d: (*_consistency(counts[d]), -DELIMITERS.index(d)))
    if _mode(counts[best]) == 0:
        return ","  # one column: any delimiter reads it the same
    return best


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_CHARS:
        return text
    cut = text.rfind("\n", 0, SAMPLE_CHARS)
    return text[: cut + 1] if cut > 0 else text[:SAMPLE_CHARS]


def _counts_outside_quotes(sample: str) -> dict[str, list[int]]:
    """Per delimiter, how often it occurs outside quotes in each of the first records."""
    counts: dict[str, list[int]] = {d: [] for d in DELIMITERS}
    current = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    has_content = False
    for char in sample:
        if char == '"':
            quoted = not quoted  # "" inside quotes toggles twice: still quoted
            has_content = True
        elif quoted:
            continue
        elif char in current:
            current[char] += 1
            has_content = True
        elif char in "\r\n":
            if has_content:
                for delimiter, count in current.items():
                    counts[delimiter].append(count)
                if len(counts[DELIMITERS[0]]) >= SAMPLE_RECORDS:
                    return counts
            current = dict.fromkeys(DELIMITERS, 0)
            has_content = False
        elif not char.isspace():
            has_content = True
    if has_content and not quoted:
        for delimiter, count in current.items():
            counts[delimiter].append(count)
    return counts


def _mode(values: Sequence[int]) -> int:
    return Counter(values).most_common(1)[0][0] if values else 0


def _consistency(values: Sequence[int]) -> tuple[float, int]:
    """(share of rows with the most common count, that count); 0 when it is zero."""
    mode = _mode(values)
    if not values or mode == 0:
        return 0.0, 0
    return sum(1 for value in values if value == mode) / len(values), mode


# -- records ----------------------------------------------------------------------------------


def parse_text(text: str, delimiter: str) -> tuple[list[list[str]], list[int]]:
    """The non-blank records and their spreadsheet row numbers; strict about quoting."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    row_numbers: list[int] = []
    row = 0
    start_line = 1
    try:
        for record in reader:
            row += 1
            start_line = reader.line_num + 1  # where the next record begins
            # A row of empty fields (";;;" at the end of an Excel export) is blank too.
            if record and "".join(record).strip():
                records.append(record)
                row_numbers.append(row)
    except csv.Error as error:
        raise CsvImportError(_quoting_message(str(error), start_line, reader.line_num)) from error
    return records, row_numbers


def _quoting_message(error: str, start_line: int, line: int) -> Message:
    if "end of data" in error or "field larger than field limit" in error:
        return Message(QUOTE_NOT_CLOSED, (start_line,))
    if line > start_line:
        return Message(QUOTE_SPANS_LINES, (start_line, line))
    return Message(QUOTE_IN_VALUE, (line,))
