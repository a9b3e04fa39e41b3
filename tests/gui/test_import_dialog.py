"""The CSV import end to end against the sandbox: check, send, cancel, wait for the budget."""

from __future__ import annotations

import csv
import time
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt

from app.application import Application
from app.budget import RequestBudget
from app.domain import ParticipantFilter
from app.office.import_results import RowOutcome
from app.sandbox import WORKSHOP_KEY, SandboxServer
from app.ui.import_dialog import REPORT, SENDING, ImportDialog
from app.ui.import_run import ImportRun
from tests.gui.import_support import (
    TIMEOUT,
    application,
    check,
    free_numbers,
    import_and_wait,
    numbers_in,
    open_dialog,
    outcomes,
    write_csv,
)

__all__ = ["application"]  # a fixture, used by name


def stopped(run: ImportRun) -> bool:
    """Whether the import was cancelled (a function: the answer changes under mypy's eyes)."""
    return run.cancelled


def test_valid_rows_are_added_and_every_row_is_reported(
    qtbot, tmp_path: Path, application: Application, sandbox: SandboxServer
):
    before = numbers_in(sandbox, WORKSHOP_KEY)
    new = free_numbers(sandbox, 4)
    lines = [
        "Veranstaltung;Kundennummer;Firma;Bestätigt",
        f"WS26;{new[0]};Müller & Söhne;ja",  # row 2
        f"WS26;{before[0]};Weiß AG;",  # 3: already participating
        f"ws26;{new[1]};Grünwerk;nein",  # 4: the known spelling is used
        f"NOPE26;{new[2]};Böhm KG;",  # 5: no such event
        "WS26;;Ohne Nummer;",  # 6: no customer number
        f"WS26;{new[3]};Café Crème;vielleicht",  # 7: not a yes or no
        f"WS26;{new[0]};Müller & Söhne;ja",  # 8: repeats row 2
        f"WS26;{before[1]};Stahlbau Weiß;x",  # 9: already participating
        "WS26;99999999;Unbekannt GmbH;",  # 10: Plandocket knows no such customer
        f"WS26;{new[2]};Böhm KG;",  # 11
    ]
    dialog = open_dialog(qtbot, application, write_csv(tmp_path / "crm.csv", lines, "cp1252"))
    assert dialog.table is not None
    assert dialog.table.encoding == "cp1252"
    assert dialog.table.delimiter == ";"
    assert sandbox.store.count(WORKSHOP_KEY) == 24

    check(qtbot, dialog)
    counts = {key: label.text() for key, label in dialog.check_page.count_labels.items()}
    assert counts == {"ready": "4", "already": "2", "invalid": "3", "duplicates": "1"}
    problems = dialog.check_page.problems_model.stringList()
    assert problems == [
        "Row 5: There is no event with the key “NOPE26”.",
        "Row 6: The customer number is missing.",
        "Row 7: “vielleicht” is not a yes or no for “confirmed”. Use yes or no (also "
        "ja/nein, 1/0, x or an empty cell).",
        "Row 8: Same event and customer number as row 2.",
    ]
    # Without an English translation loaded, Qt shows plurals as written: "request(s)".
    budget_text = dialog.check_page.budget_label.text()
    assert budget_text.startswith("Checking who already takes part took 1 request")
    assert "About 4 request" in budget_text
    assert "left this hour." in budget_text
    assert dialog.next_button.text().startswith("&Import 4 participant")
    assert sandbox.store.count(WORKSHOP_KEY) == 24  # nothing sent before the button

    import_and_wait(qtbot, dialog)
    assert outcomes(dialog) == {
        2: RowOutcome.ADDED,
        3: RowOutcome.ALREADY,
        4: RowOutcome.ADDED,
        5: RowOutcome.INVALID,
        6: RowOutcome.INVALID,
        7: RowOutcome.INVALID,
        8: RowOutcome.INVALID,
        9: RowOutcome.ALREADY,
        10: RowOutcome.REFUSED,
        11: RowOutcome.ADDED,
    }
    after = set(numbers_in(sandbox, WORKSHOP_KEY))
    assert after == set(before) | {new[0], new[1], new[2]}
    confirmed = {
        number: record.is_confirmed
        for number in new[:2]
        if (record := sandbox.store.find(WORKSHOP_KEY, number)) is not None
    }
    assert confirmed == {new[0]: True, new[1]: False}
    refused = next(r for r in dialog.results if r.row.row == 10)
    assert refused.detail == "The selected customer number is invalid."
    summary = dialog.report_page.summary_label.text()
    assert summary == ("3 added, 2 already participating, 4 invalid, 1 refused by Plandocket.")
    # Refusals of an import do not pile up under Problems: the report has them.
    assert application.controller.problem_count == 0

    # The filter shows one kind of result at a time.
    combo = dialog.report_page.filter_combo
    combo.setCurrentIndex(combo.findData(RowOutcome.ADDED.value))
    proxy = dialog.report_page.proxy
    shown = [proxy.index(i, 0).data() for i in range(proxy.rowCount())]
    assert shown == ["2", "4", "11"]


def test_save_report_writes_every_row(
    qtbot, tmp_path: Path, application: Application, sandbox: SandboxServer, monkeypatch
):
    new = free_numbers(sandbox, 2)
    lines = ["event key,customer number", f"WS26,{new[0]}", "WS26,", f"WS26,{new[1]}"]
    dialog = open_dialog(qtbot, application, write_csv(tmp_path / "list.csv", lines))
    check(qtbot, dialog)
    import_and_wait(qtbot, dialog)
    target = tmp_path / "out" / "Bericht.csv"
    target.parent.mkdir()
    asked: list[Path] = []

    def ask(_parent, suggested: Path) -> Path:
        asked.append(suggested)
        return target

    monkeypatch.setattr(ImportDialog, "ask_report_path", classmethod(lambda cls, p, s: ask(p, s)))
    qtbot.mouseClick(dialog.report_page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "saved" in dialog.report_page.save_status.text(), timeout=TIMEOUT)
    assert asked == [tmp_path / "list-report.csv"]
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert rows == [
        ["Row", "Event key", "Customer number", "Confirmed", "Result", "Details"],
        ["2", "WS26", new[0], "No", "Added", ""],
        ["3", "WS26", "", "No", "Invalid", "The customer number is missing."],
        ["4", "WS26", new[1], "No", "Added", ""],
    ]
    assert dialog.report_page.save_status.text() == f"Report saved to {target}."


def test_cancel_in_the_middle_reports_what_was_sent_and_what_not(
    qtbot, tmp_path: Path, application: Application, sandbox: SandboxServer
):
    sandbox.faults.latency_ms = 40  # so the import is still running when Cancel comes
    new = free_numbers(sandbox, 30)
    lines = ["event key;customer number", *(f"WS26;{number}" for number in new)]
    dialog = open_dialog(qtbot, application, write_csv(tmp_path / "many.csv", lines))
    check(qtbot, dialog)
    dialog.max_in_flight = 3
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == SENDING
    run = dialog.run
    assert run is not None
    qtbot.waitUntil(lambda: run.answered >= 5, timeout=TIMEOUT)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert run.cancelled
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == REPORT, timeout=TIMEOUT)

    sent = {r.row.customer_number for r in dialog.results if r.outcome is RowOutcome.ADDED}
    not_sent = {r.row.customer_number for r in dialog.results if r.outcome is RowOutcome.CANCELLED}
    assert len(sent) >= 5
    assert not_sent
    assert len(sent) + len(not_sent) == 30
    on_server = set(numbers_in(sandbox, WORKSHOP_KEY)) & set(new)
    assert on_server == sent
    summary = dialog.report_page.summary_label.text()
    assert summary == f"{len(sent)} added, {len(not_sent)} not sent."


def test_closing_while_sending_asks_first(
    qtbot, tmp_path: Path, application: Application, sandbox: SandboxServer, monkeypatch
):
    sandbox.faults.latency_ms = 40
    new = free_numbers(sandbox, 12)
    lines = ["event key;customer number", *(f"WS26;{number}" for number in new)]
    dialog = open_dialog(qtbot, application, write_csv(tmp_path / "close.csv", lines))
    check(qtbot, dialog)
    dialog.max_in_flight = 2
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    run = dialog.run
    assert run is not None
    answers = iter([False, True])
    asked: list[tuple[int, int]] = []

    def confirm(_parent, handed_over: int, not_sent: int) -> bool:
        asked.append((handed_over, not_sent))
        return next(answers)

    monkeypatch.setattr(ImportDialog, "confirm_stop", classmethod(lambda cls, *a: confirm(*a)))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert not stopped(run)
    dialog.close()
    assert not dialog.isVisible()
    assert stopped(run)
    assert len(asked) == 2
    handed_over, not_sent = asked[1]
    assert handed_over + not_sent == 12
    # What was handed over is still delivered by the outbox.
    qtbot.waitUntil(lambda: application.controller.pending_count == 0, timeout=TIMEOUT)
    assert len(set(numbers_in(sandbox, WORKSHOP_KEY)) & set(new)) == run.handed_over


def test_a_tiny_budget_waits_and_says_when_it_continues(
    qtbot, tmp_path: Path, application: Application, sandbox: SandboxServer
):
    now = [time.time()]
    session = application.controller.session
    assert session is not None
    account = session.account
    budget = RequestBudget(None, account, 20, clock=lambda: now[0])
    budget.record(now[0] - 1800, count=10)  # free again in half an hour
    assert application.budget is not None
    application.budget.close()
    application.budget = budget  # the application counts every request in it
    new = free_numbers(sandbox, 12)
    lines = ["event key;customer number", *(f"WS26;{number}" for number in new)]
    path = write_csv(tmp_path / "budget.csv", lines)
    dialog = open_dialog(qtbot, application, path, clock=lambda: now[0])
    dialog.recheck_ms = 20
    check(qtbot, dialog)
    text = dialog.check_page.budget_label.text()
    assert "About 12 request" in text
    assert "needed; 9 left this hour." in text
    assert "the import waits for the limit and goes on by itself" in text

    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    run = dialog.run
    assert run is not None
    status = dialog.sending_page.status_label
    qtbot.waitUntil(lambda: status.text().startswith("Waiting for the hourly"), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: run.in_flight == 0, timeout=TIMEOUT)
    # 20 an hour, 2 kept for the desks, 11 used (10 earlier, 1 for the check): 7 went out.
    assert run.answered == 7
    continues = QDateTime.fromMSecsSinceEpoch(int((now[0] - 1800 + 3600) * 1000)).time()
    at = QLocale().toString(continues, QLocale.FormatType.ShortFormat)
    assert status.text() == f"Waiting for the hourly request limit — continues at {at}."
    assert dialog.sending_page.progress_text() == "7 of 12"

    now[0] += 1801  # the earlier requests leave the window
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == REPORT, timeout=TIMEOUT)
    assert all(r.outcome is RowOutcome.ADDED for r in dialog.results)
    assert set(new) <= set(numbers_in(sandbox, WORKSHOP_KEY))
    assert budget.used() <= 20


def test_an_open_event_costs_no_check_and_each_add_one_request(
    qtbot, tmp_path: Path, application: Application, sandbox: SandboxServer
):
    controller = application.controller
    with qtbot.waitSignal(controller.load_finished, timeout=TIMEOUT):
        controller.set_filters(ParticipantFilter(event_key=WORKSHOP_KEY))
    assert controller.loaded_customer_numbers(WORKSHOP_KEY) == frozenset(
        numbers_in(sandbox, WORKSHOP_KEY)
    )
    assert controller.loaded_customer_numbers("EXPO26") is None
    before = numbers_in(sandbox, WORKSHOP_KEY)
    new = free_numbers(sandbox, 5)
    lines = ["event key;customer number", f"WS26;{before[0]}", *(f"WS26;{n}" for n in new)]
    dialog = open_dialog(qtbot, application, write_csv(tmp_path / "open.csv", lines))
    sandbox.clear_request_log()
    check(qtbot, dialog)
    assert sandbox.request_log() == []  # the table already held the whole list
    assert not dialog.check_page.budget_label.text().startswith("Checking who")
    assert dialog.check_page.count_labels["already"].text() == "1"

    with qtbot.waitSignal(controller.load_finished, timeout=TIMEOUT):
        import_and_wait(qtbot, dialog)  # and the list is loaded again at the end
    log = sandbox.request_log()
    posts = [r for r in log if r.method == "POST"]
    gets = [r for r in log if r.method == "GET"]
    assert len(posts) == 5
    assert all(r.path == "/api/v1/participants" for r in gets)  # no row fetched one by one
    assert len(gets) == 1
    shown = {
        p.contact.customer_number for p in controller.model.participants() if p.contact is not None
    }
    assert set(new) <= shown
    assert all(p.id > 0 for p in controller.model.participants())


def test_show_report_now_and_late_answers_update_it(
    qtbot, tmp_path: Path, application: Application, sandbox: SandboxServer
):
    new = free_numbers(sandbox, 8)
    lines = ["event key;customer number", *(f"WS26;{number}" for number in new)]
    dialog = open_dialog(qtbot, application, write_csv(tmp_path / "late.csv", lines))
    check(qtbot, dialog)
    dialog.max_in_flight = 3
    application.outbox_sender.pause()  # as if the line were down: nothing is answered
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    run = dialog.run
    assert run is not None
    qtbot.waitUntil(lambda: run.handed_over == 3, timeout=TIMEOUT)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == SENDING
    assert dialog.sending_page.status_label.text().startswith("Stopping: waiting for the answer")
    assert dialog.cancel_button.text() == "Show report &now"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == REPORT
    got = [r.outcome for r in dialog.results]
    assert got == [RowOutcome.QUEUED] * 3 + [RowOutcome.CANCELLED] * 5
    assert dialog.report_page.summary_label.text() == "3 queued to be sent later, 5 not sent."

    application.outbox_sender.resume()
    qtbot.waitUntil(
        lambda: dialog.report_page.summary_label.text() == "3 added, 5 not sent.",
        timeout=TIMEOUT,
    )
    assert set(numbers_in(sandbox, WORKSHOP_KEY)) & set(new) == set(new[:3])
