"""Runs the real application in a child process, step by step, for crash and key-leak tests.

Usage: ``python -m tests.gui.app_driver PHASE --base-url URL`` with the key in
``PARTICIPANT_DESK_API_KEY`` and HOME/XDG folders pointing at a throw-away directory.

Phases (progress is printed as marker lines on stdout; the test reads them):

- ``queue N``: load EXPO26 (not confirmed), print ``LOADED``, wait for ``GO`` on stdin,
  confirm the first N rows, print ``QUEUED <ids>`` once all N are in the outbox, and keep
  running until killed.
- ``deliver``: start, print ``PENDING <n>``, wait until the outbox is empty, print
  ``DELIVERED``, quit.
- ``session``: load, confirm two rows, remove one, make a change the server refuses (404),
  raise an error whose text carries the key, then quit with ``DONE``.
- ``desk-queue N``: start as a desk (``--desk EVENT``), print ``LOADED`` once the event is
  in, wait for ``GO``, scan N participants not yet confirmed, print ``QUEUED <ids>`` once
  all are in the outbox, and keep running until killed.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.application import Application
from app.domain import Participant, ParticipantFilter
from app.sandbox import EXPO_KEY
from app.ui.dialogs.remove_confirmation import RemoveConfirmationDialog

POLL_MS = 50


def say(marker: str) -> None:
    print(marker, flush=True)


def poll(condition: Callable[[], bool], then: Callable[[], None]) -> None:
    """Call ``then`` once ``condition`` holds (checked on the event loop, never sleeping)."""
    timer = QTimer()
    timer.setInterval(POLL_MS)

    def check() -> None:
        if condition():
            timer.stop()
            timer.deleteLater()
            then()

    timer.timeout.connect(check)
    timer.start()
    poll.timers.append(timer)  # type: ignore[attr-defined]


poll.timers = []  # type: ignore[attr-defined]


class StdinLines(QObject):
    """Lines from the test, delivered on the GUI thread."""

    line = Signal(str)

    def start(self) -> None:
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for text in sys.stdin:
            self.line.emit(text.strip())


def load(application: Application, then: Callable[[], None], **filters: object) -> None:
    controller = application.controller
    done: list[int] = []
    controller.load_finished.connect(done.append)
    window = application.main_window
    window.filter_bar.set_filters(ParticipantFilter(event_key=EXPO_KEY, **filters))  # type: ignore[arg-type]
    window.filter_bar.filters_changed.emit(window.filter_bar.filters())
    poll(lambda: bool(done), then)


def visible(application: Application) -> list[Participant]:
    proxy = application.controller.proxy
    rows = (proxy.participant(proxy.index(row, 0)) for row in range(proxy.rowCount()))
    return [p for p in rows if p is not None]


def phase_queue(application: Application, count: int) -> None:
    stdin = StdinLines()
    controller = application.controller

    def account() -> str:
        return controller.session.account if controller.session else ""

    def confirm() -> None:
        targets = visible(application)[:count]
        controller.confirm(targets)
        poll(
            lambda: application.outbox.pending_count(account()) == count,
            lambda: say("QUEUED " + " ".join(str(p.id) for p in targets)),
        )

    stdin.line.connect(lambda text: confirm() if text == "GO" else None)
    stdin.start()
    load(application, lambda: say("LOADED"), confirmed=False)


def phase_desk_queue(application: Application, count: int) -> None:
    stdin = StdinLines()

    def desk_ready() -> bool:
        desk = application.desk_window
        return desk is not None and len(desk.controller.index) > 0

    def scan() -> None:
        desk = application.desk_window
        assert desk is not None
        controller = desk.controller
        targets = [
            p
            for p in controller.index.participants()
            if not p.is_confirmed and p.contact is not None and p.contact.customer_number
        ][:count]
        for participant in targets:
            assert participant.contact is not None
            desk.input.take_scan(participant.contact.customer_number or "")
        poll(
            lambda: controller.waiting_count == count,
            lambda: say("QUEUED " + " ".join(str(p.id) for p in targets)),
        )

    stdin.line.connect(lambda text: scan() if text == "GO" else None)
    stdin.start()
    poll(desk_ready, lambda: say("LOADED"))


def phase_deliver(application: Application) -> None:
    controller = application.controller
    outbox = application.outbox

    def started() -> bool:
        return controller.session is not None

    def report() -> None:
        account = controller.session.account if controller.session else ""
        say(f"PENDING {outbox.pending_count(account)}")

        def delivered() -> None:
            say("DELIVERED")
            application.qt_app.quit()

        poll(lambda: outbox.pending_count(account) == 0, delivered)

    poll(started, report)


def phase_session(application: Application) -> None:
    controller = application.controller
    RemoveConfirmationDialog.ask = classmethod(lambda cls, parent, participants: True)  # type: ignore[method-assign, assignment]

    def act() -> None:
        rows = visible(application)
        window = application.main_window
        controller.confirm(rows[:2])
        window.select_participants([rows[2].id])
        window.action_remove.trigger()
        controller.confirm([Participant(id=987654321, is_confirmed=False)])  # gone: a 404
        account = controller.session.account if controller.session else ""

        def done() -> None:
            say("DONE")
            application.qt_app.quit()

        def finish() -> None:
            QTimer.singleShot(0, leak_into_an_exception)
            QTimer.singleShot(200, done)

        poll(lambda: application.outbox.pending_count(account) == 0, finish)

    def leak_into_an_exception() -> None:
        # A bug that puts the key into an exception: logs and crash output must hide it.
        raise RuntimeError("unexpected state for key " + os.environ["PARTICIPANT_DESK_API_KEY"])

    load(application, act, confirmed=False)


def main() -> int:
    phase, *rest = sys.argv[1:]
    arguments = rest
    count = 0
    if phase in ("queue", "desk-queue"):
        count, arguments = int(rest[0]), rest[1:]
    application = Application.from_args(arguments)
    if phase == "queue":
        phase_queue(application, count)
    elif phase == "desk-queue":
        phase_desk_queue(application, count)
    elif phase == "deliver":
        phase_deliver(application)
    elif phase == "session":
        # Error dialogs would wait for a click; the message box is replaced by a log line.
        application._show_crash = lambda summary: say("CRASH-DIALOG " + summary)  # type: ignore[method-assign]
        application._crashed.disconnect()
        application._crashed.connect(application._show_crash)
        phase_session(application)
    return application.run()


if __name__ == "__main__":
    sys.exit(main())
