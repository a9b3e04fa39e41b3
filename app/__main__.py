"""Command line entry point: ``python -m app`` and the ``participant-desk`` command."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Start Participant Desk with the given arguments (default: the command line)."""
    # A frozen build re-launches itself for the loader process; this hands it over there.
    multiprocessing.freeze_support()
    from app.application import AlreadyRunningError, Application  # noqa: PLC0415 - keep the loader child light

    try:
        application = Application.from_args(sys.argv[1:] if argv is None else argv)
    except AlreadyRunningError as error:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        QMessageBox.information(None, "Participant Desk", str(error))
        return 1
    return application.run()


if __name__ == "__main__":
    sys.exit(main())
