"""Command line entry point: ``python -m app`` and the ``participant-desk`` command."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Sequence

# Options that print and exit (or run headless): no start-up window for them.
NO_WINDOW_OPTIONS = frozenset({"--self-test", "--help", "-h", "--version"})


def main(argv: Sequence[str] | None = None) -> int:
    """Start Participant Desk with the given arguments (default: the command line)."""
    # A frozen build re-launches itself for the loader process; this hands it over there.
    multiprocessing.freeze_support()
    arguments = sys.argv[1:] if argv is None else list(argv)
    splash = None
    if not NO_WINDOW_OPTIONS.intersection(arguments):
        # On screen within a bare Qt start-up; the app's own modules load behind it.
        from PySide6.QtWidgets import QApplication  # noqa: PLC0415

        from app import APP_NAME  # noqa: PLC0415
        from app.ui.startup_splash import show_startup_splash  # noqa: PLC0415

        _qt_app = QApplication.instance() or QApplication([APP_NAME])
        splash = show_startup_splash()

    from app.application import (  # noqa: PLC0415 - keep the loader child light
        AlreadyRunningError,
        Application,
        parse_arguments,
    )

    if parse_arguments(arguments).self_test:
        from app.self_test import main as self_test  # noqa: PLC0415

        return self_test()
    try:
        application = Application.from_args(arguments)
    except AlreadyRunningError as error:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        if splash is not None:
            splash.close()
        QMessageBox.information(None, "Participant Desk", str(error))
        return 1
    return application.run(splash=splash)


if __name__ == "__main__":
    sys.exit(main())
