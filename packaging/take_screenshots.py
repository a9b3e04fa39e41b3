"""Render the screenshots used in the README and the store listings, from the demo data.

Run: ``python packaging/take_screenshots.py [OUTPUT_DIR]`` (default ``packaging/screenshots``),
preferably under Xvfb so fonts render as on a desktop (``xvfb-run -a python packaging/...``).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from app.application import Application
from app.domain import ParticipantFilter
from app.paths import AppPaths
from app.sandbox import SandboxServer
from app.secrets import KeyStore
from app.settings import Settings
from app.ui.dialogs.add_participant import AddParticipantDialog
from app.ui.dialogs.remove_confirmation import RemoveConfirmationDialog

OUTPUT = Path(__file__).resolve().parent / "screenshots"


def settle(
    app: QApplication, condition: Callable[[], bool] = lambda: True, seconds: float = 20
) -> None:
    """Process events until ``condition`` holds, plus a few rounds for painting."""
    deadline = time.monotonic() + seconds
    while not condition():
        app.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not reach the expected state")
    for _ in range(20):
        app.processEvents()


def save(widget: QWidget, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
    return path


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT
    folder.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="participant-desk-shots-"))
    settings = Settings(QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat))
    application = Application.from_args(
        ["--demo"], settings=settings, paths=AppPaths(scratch / "data"), keystore=KeyStore()
    )
    qt_app = application.qt_app
    window = application.main_window
    controller = application.controller
    window.resize(1360, 800)
    window.show()
    settle(qt_app, lambda: controller.total_count == 600 and not controller.loading)

    # A coordinator at work: two confirmations on their way, one problem waiting.
    proxy = controller.proxy
    rows = [proxy.participant(proxy.index(row, 0)) for row in range(12)]
    unconfirmed = [p for p in rows if p is not None and not p.is_confirmed]
    sandbox = application.sandbox
    assert isinstance(sandbox, SandboxServer)
    sandbox.faults.latency_ms = 60_000  # keep the confirmations visibly pending
    controller.confirm(unconfirmed[:2])
    window.select_participants([unconfirmed[0].id])
    settle(qt_app)
    save(window, folder, "main-window")

    # The add dialog, filled in.
    sandbox.faults.latency_ms = 0
    free = sandbox.store.free_contacts()[0]
    add = AddParticipantDialog(
        window,
        submit=controller.submit_add,
        event_key="EXPO26",
        events=controller.events,
        existing=controller.existing,
    )
    add.number_field.set_value(free.customer_number or "")
    add.show()
    settle(qt_app)
    save(add, folder, "add-participant")
    add.reject()

    # Removing three participations.
    remove = RemoveConfirmationDialog(window, [p for p in rows[3:6] if p is not None])
    remove.show()
    settle(qt_app)
    save(remove, folder, "remove-confirmation")
    remove.reject()

    # Plandocket failing: the error state with Retry.
    sandbox.faults.error_rate = 1.0
    sandbox.faults.error_statuses = (500,)
    failed: list[object] = []
    controller.load_failed.connect(failed.append)
    window.filter_bar.set_filters(ParticipantFilter(event_key="CONF26"))
    window.filter_bar.filters_changed.emit(window.filter_bar.filters())
    settle(qt_app, lambda: bool(failed))
    save(window, folder, "error-state")

    application.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
