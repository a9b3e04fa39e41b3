"""What became of each row of a CSV import, and the report file that lists it.

The report is written as the person's spreadsheet expects it: UTF-8 with a byte order mark
(so Excel shows umlauts) and the delimiter of the imported file. The window hands over the
texts already translated; this module only knows rows and files (no Qt; runs on a worker).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Final

from app.office.csv_rows import ImportRow


class RowOutcome(Enum):
    """The result of one row, in the order the report filter lists them."""

    ADDED = "added"
    ALREADY = "already"  # already participating: skipped, nothing sent
    INVALID = "invalid"  # a problem in the file: nothing sent
    REFUSED = "refused"  # Plandocket refused it (its message says why)
    QUEUED = "queued"  # in the outbox, sent when the connection is back
    CANCELLED = "cancelled"  # not handed over: the person stopped the import
    WAITING = "waiting"  # ready, not handed over yet (the import is still running)
    SENDING = "sending"  # handed over, no answer yet


#: Outcomes that are final for the report (the others change while the import runs).
FINAL: Final = frozenset(
    (
        RowOutcome.ADDED,
        RowOutcome.ALREADY,
        RowOutcome.INVALID,
        RowOutcome.REFUSED,
        RowOutcome.QUEUED,
        RowOutcome.CANCELLED,
    )
)


@dataclass(frozen=True, slots=True)
class RowResult:
    """A row of the file and what became of it; ``detail`` is the reason, if any."""

    row: ImportRow
    outcome: RowOutcome
    detail: str = ""


# A cell starting like a formula would be run by a spreadsheet that opens the report.
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """``text`` as a spreadsheet shows it, never as a formula (OWASP's CSV injection rule)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_report(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[str]], delimiter: str = ","
) -> None:
    """Write the report; OSError when the file cannot be written."""
    # Written beside the target first: a failed save never leaves half a report behind.
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("w", encoding="utf-8-sig", newline="") as file:
            writer = csv.writer(file, delimiter=delimiter, lineterminator="\r\n")
            writer.writerow([safe_cell(cell) for cell in header])
            writer.writerows([safe_cell(cell) for cell in row] for row in rows)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
