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
from app.pin import hash_pin
from app.sandbox import SandboxServer
from app.secrets import KeyStore
from app.settings import DESK_KIOSK_PIN_HASH, DESK_MUTED, DESK_RESULT_SECONDS, Settings
from app.ui.dialogs.add_participant import AddParticipantDialog
from app.ui.dialogs.remove_confirmation import RemoveConfirmationDialog

OUTPUT = Path(__file__).resolve().parent / "screenshots"


def settle(
    app: QApplication, condition: Callable[[], bool] = lambda: True, seconds: float = 20
) -> None:
    """Process events until ``condition`` holds, then 300 ms more (deferred counters, paint)."""
    deadline = time.monotonic() + seconds
    while not condition():
        app.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not reach the expected state")
    calm = time.monotonic() + 0.3
    while time.monotonic() < calm:
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

    window.close()
    application.shutdown()
    take_desk_screenshots(qt_app, folder, scratch)
    return 0


def take_desk_screenshots(qt_app: QApplication, folder: Path, scratch: Path) -> None:
    """The desk's three result states, and kiosk mode."""
    settings = Settings(QSettings(str(scratch / "desk.ini"), QSettings.Format.IniFormat))
    settings.set(DESK_MUTED, True)
    settings.set(DESK_RESULT_SECONDS, 60)
    settings.set(DESK_KIOSK_PIN_HASH, hash_pin("2468"))
    application = Application.from_args(
        ["--demo", "--desk", "EXPO26", "--kiosk"],
        settings=settings,
        paths=AppPaths(scratch / "desk-data"),
        keystore=KeyStore(),
    )
    settle(qt_app, lambda: application.desk_window is not None)
    desk = application.desk_window
    assert desk is not None
    controller = desk.controller
    settle(qt_app, lambda: controller.loaded_once and not controller.refreshing)
    people = [p for p in controller.index.participants() if p.contact and p.contact.person_name]
    arriving = [p for p in people if not p.is_confirmed][:14]
    for participant in arriving[1:13]:  # a morning's first arrivals, for the counts
        desk.input.take_scan(participant.contact.customer_number or "")  # type: ignore[union-attr]
    settle(qt_app)
    screen = desk.screen()  # kiosk mode fills the screen: take all of it
    screen.grabWindow(0).save(str(folder / "desk-kiosk.png"))
    print(folder / "desk-kiosk.png")

    desk.showNormal()
    desk.resize(1180, 820)
    first = arriving[0]
    desk.input.take_scan(first.contact.customer_number or "")  # type: ignore[union-attr]
    settle(qt_app)
    save(desk, folder, "desk-confirmed")
    already = next(p for p in people if p.is_confirmed)
    desk.input.take_scan(already.contact.customer_number or "")  # type: ignore[union-attr]
    settle(qt_app)
    save(desk, folder, "desk-already-confirmed")
    desk.input.take_scan("K-99812")
    settle(qt_app)
    save(desk, folder, "desk-not-registered")
    desk.kiosk = False
    desk.close()
    application.shutdown()


if __name__ == "__main__":
    sys.exit(main())
