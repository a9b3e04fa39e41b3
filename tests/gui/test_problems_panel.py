"""ProblemsPanel: entries, retry and discard by mouse and keyboard, and wiring to the sender."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QListWidget, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.api import PlandocketClient, RetryPolicy
from app.sandbox import DEMO_KEYS, EXPO_KEY, SandboxServer
from app.store import Operation, OperationState, Outbox
from app.ui.outbox_sender import OutboxSender
from app.ui.problems_panel import ProblemsPanel
from app.workers import WorkerPool

ACCOUNT = "https://acme.plandocket.com"
GONE = "This participant is gone on the server: someone may have removed it."


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    box = Outbox(tmp_path / "outbox.db")
    yield box
    box.close()


def make_problem(
    outbox: Outbox,
    row_id: int,
    label: str,
    message: str = GONE,
    *,
    kind: str = "confirm",
    fields: dict[str, list[str]] | None = None,
    account: str = ACCOUNT,
) -> Operation:
    op = outbox.enqueue(account=account, kind=kind, row_id=row_id, label=label)
    outbox.mark_sending(op.op_id)
    return outbox.mark_problem(op.op_id, message, fields)


@pytest.fixture
def problems(outbox: Outbox) -> list[Operation]:
    return [
        make_problem(
            outbox,
            12,
            "Confirm Müller GmbH (Hans Müller) · EXPO26",
            f"{GONE}\nHTTP 404 · PATCH /api/v1/participants/12 · request req_0123456789ab",
        ),
        make_problem(
            outbox,
            15,
            "Unconfirm Acme Corp (Jane Doe) · EXPO26",
            "Plandocket rejected the data: Not allowed.\nHTTP 422",
            kind="unconfirm",
            fields={"is_confirmed": ["Not allowed."]},
        ),
        make_problem(outbox, 18, "Remove Schmidt & Söhne KG (Eva Schmidt) · SUMMIT27", "Nope."),
    ]


@pytest.fixture
def panel(qtbot: QtBot, outbox: Outbox, problems: list[Operation]) -> ProblemsPanel:
    widget = ProblemsPanel(outbox, ACCOUNT)
    qtbot.addWidget(widget)
    widget.resize(520, 360)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def select(panel: ProblemsPanel, *rows: int) -> None:
    panel.list.clearSelection()
    for row in rows:
        item = panel.list.item(row)
        assert item is not None
        item.setSelected(True)
    panel.list.setCurrentRow(rows[0], panel.list.selectionModel().SelectionFlag.NoUpdate)


def answer_discard(monkeypatch: pytest.MonkeyPatch, answer: bool) -> list[list[Operation]]:
    asked: list[list[Operation]] = []

    def ask(cls: type[ProblemsPanel], parent: QWidget, operations: list[Operation]) -> bool:
        asked.append(operations)
        return answer

    monkeypatch.setattr(ProblemsPanel, "ask_discard", classmethod(ask))
    return asked


# -- showing -------------------------------------------------------------------------------


def test_each_entry_shows_what_was_attempted_and_what_the_server_said(
    panel: ProblemsPanel, problems: list[Operation]
):
    assert panel.count == 3
    assert panel.stack.currentWidget() is panel.list
    assert panel.intro.isVisible()
    item = panel.list.item(0)
    assert item is not None
    assert item.text() == f"Confirm Müller GmbH (Hans Müller) · EXPO26\n{GONE}"
    assert not item.icon().isNull()
    assert "request req_0123456789ab" in item.toolTip()  # support details: in the tooltip
    assert item.data(Qt.ItemDataRole.AccessibleTextRole).startswith("Confirm Müller GmbH")
    second = panel.list.item(1)
    assert second is not None
    assert "is_confirmed: Not allowed." in second.toolTip()
    assert [op.op_id for op in panel.operations] == [op.op_id for op in problems]


def test_the_empty_state_says_everything_was_delivered(qtbot: QtBot, outbox: Outbox):
    widget = ProblemsPanel(outbox, ACCOUNT)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.count == 0
    assert widget.stack.currentWidget() is widget.empty_label
    assert widget.empty_label.text() == (
        "No problems. Every change was delivered or is on its way."
    )
    assert not widget.intro.isVisible()
    assert not widget.retry_all_button.isEnabled()


def test_only_the_accounts_own_problems_are_listed(
    qtbot: QtBot, outbox: Outbox, problems: list[Operation]
):
    theirs = make_problem(outbox, 12, "Theirs", account="https://other.plandocket.com")
    widget = ProblemsPanel(outbox, "https://other.plandocket.com")
    qtbot.addWidget(widget)
    assert [op.op_id for op in widget.operations] == [theirs.op_id]
    with qtbot.waitSignal(widget.count_changed) as blocker:
        widget.set_account(ACCOUNT)
    assert blocker.args == [3]


def test_every_control_has_an_object_name_and_an_accessible_name(panel: ProblemsPanel):
    controls: list[QWidget] = [
        panel,
        panel.intro,
        panel.list,
        panel.stack,
        panel.empty_label,
        panel.retry_button,
        panel.discard_button,
        panel.retry_all_button,
    ]
    for widget in controls:
        assert widget.objectName(), widget
        assert widget.accessibleName(), widget.objectName()
    assert panel.findChild(QListWidget, "problemsList") is panel.list
    assert {b.objectName() for b in panel.findChildren(QAbstractButton)} == {
        "problemsRetryButton",
        "problemsDiscardButton",
        "problemsRetryAllButton",
    }
    assert panel.findChild(QLabel, "problemsEmptyLabel") is panel.empty_label


def test_retry_and_discard_need_a_selection(panel: ProblemsPanel):
    assert not panel.retry_button.isEnabled()
    assert not panel.discard_button.isEnabled()
    assert panel.retry_all_button.isEnabled()
    select(panel, 1)
    assert panel.retry_button.isEnabled()
    assert panel.discard_button.isEnabled()


def test_the_panel_renders_with_icons_and_text(panel: ProblemsPanel, tmp_path: Path):
    image = panel.grab()
    assert not image.isNull()
    assert image.save(str(tmp_path / "problems.png"))


# -- retry ---------------------------------------------------------------------------------


def test_retry_queues_the_selected_entries_again(
    qtbot: QtBot, panel: ProblemsPanel, outbox: Outbox, problems: list[Operation]
):
    select(panel, 0, 2)
    retried: list[Operation] = []
    panel.retried.connect(retried.append)
    QTest.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)
    assert [op.op_id for op in retried] == [problems[0].op_id, problems[2].op_id]
    assert [op.op_id for op in panel.operations] == [problems[1].op_id]
    for op in (problems[0], problems[2]):
        stored = outbox.get(op.op_id)
        assert stored is not None
        assert stored.state is OperationState.QUEUED
    assert panel.list.currentRow() == 0  # the keyboard stays in the list


def test_retry_all_queues_every_entry(qtbot: QtBot, panel: ProblemsPanel, outbox: Outbox):
    retried: list[Operation] = []
    panel.retried.connect(retried.append)
    QTest.mouseClick(panel.retry_all_button, Qt.MouseButton.LeftButton)
    assert len(retried) == 3
    assert outbox.problems(ACCOUNT) == []
    assert panel.stack.currentWidget() is panel.empty_label


def test_enter_retries_the_selection(qtbot: QtBot, panel: ProblemsPanel, outbox: Outbox):
    panel.list.setFocus()
    select(panel, 1)
    with qtbot.waitSignal(panel.retried) as blocker:
        QTest.keyClick(panel.list, Qt.Key.Key_Return)
    assert blocker.args[0].row_id == 15
    select(panel, 0)
    with qtbot.waitSignal(panel.retried):
        QTest.keyClick(panel.list, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert panel.count == 1


# -- discard -------------------------------------------------------------------------------


def test_discard_asks_first_and_then_gives_the_selection_up(
    qtbot: QtBot,
    panel: ProblemsPanel,
    outbox: Outbox,
    problems: list[Operation],
    monkeypatch: pytest.MonkeyPatch,
):
    asked = answer_discard(monkeypatch, True)
    select(panel, 0, 1)
    discarded: list[Operation] = []
    panel.discarded.connect(discarded.append)
    QTest.mouseClick(panel.discard_button, Qt.MouseButton.LeftButton)
    assert [[op.op_id for op in ops] for ops in asked] == [[problems[0].op_id, problems[1].op_id]]
    assert [op.op_id for op in discarded] == [problems[0].op_id, problems[1].op_id]
    assert all(op.state is OperationState.DISCARDED for op in discarded)
    assert [op.op_id for op in panel.operations] == [problems[2].op_id]


def test_discard_does_nothing_when_the_person_says_no(
    qtbot: QtBot, panel: ProblemsPanel, outbox: Outbox, monkeypatch: pytest.MonkeyPatch
):
    asked = answer_discard(monkeypatch, False)
    select(panel, 2)
    discarded: list[Operation] = []
    panel.discarded.connect(discarded.append)
    QTest.mouseClick(panel.discard_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert discarded == []
    assert panel.count == 3


def test_delete_discards_with_confirmation(
    qtbot: QtBot, panel: ProblemsPanel, monkeypatch: pytest.MonkeyPatch
):
    asked = answer_discard(monkeypatch, True)
    panel.list.setFocus()
    select(panel, 2)
    with qtbot.waitSignal(panel.discarded) as blocker:
        QTest.keyClick(panel.list, Qt.Key.Key_Delete)
    assert len(asked) == 1
    assert blocker.args[0].row_id == 18
    assert panel.list.currentRow() == 1  # the entry above takes the focus


def test_discarding_an_add_discards_its_rows_later_changes_too(
    qtbot: QtBot, outbox: Outbox, monkeypatch: pytest.MonkeyPatch
):
    answer_discard(monkeypatch, True)
    row = outbox.new_temporary_row_id()
    add = outbox.enqueue(
        account=ACCOUNT,
        kind="add",
        row_id=row,
        label="Add Contoso Ltd · EXPO26",
        event_key="EXPO26",
        customer_number="10786",
    )
    confirm = outbox.enqueue(account=ACCOUNT, kind="confirm", row_id=row, label="Confirm")
    outbox.mark_sending(add.op_id)
    outbox.mark_problem(add.op_id, "Plandocket rejected the data.", {"customer_number": ["x"]})
    widget = ProblemsPanel(outbox, ACCOUNT)
    qtbot.addWidget(widget)
    select(widget, 0)
    discarded: list[Operation] = []
    widget.discarded.connect(discarded.append)
    widget.discard_selected()
    assert [op.op_id for op in discarded] == [add.op_id, confirm.op_id]
    assert outbox.pending(ACCOUNT) == []


@pytest.mark.parametrize(
    ("button", "expected"),
    [(QMessageBox.StandardButton.Discard, True), (QMessageBox.StandardButton.Cancel, False)],
)
def test_the_confirmation_dialog_defaults_to_cancel(
    panel: ProblemsPanel,
    problems: list[Operation],
    monkeypatch: pytest.MonkeyPatch,
    button: QMessageBox.StandardButton,
    expected: bool,
):
    shown: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box)
        return int(button.value)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert ProblemsPanel.ask_discard(panel, problems[:2]) is expected
    (box,) = shown
    assert box.text() == "Discard 2 changes?"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert box.objectName() == "problemsDiscardConfirmation"
    assert box.accessibleName()


# -- with the sender -----------------------------------------------------------------------


@pytest.fixture
def live(
    qtbot: QtBot, tmp_path: Path, sandbox: SandboxServer
) -> Iterator[tuple[Outbox, OutboxSender, ProblemsPanel, PlandocketClient]]:
    box = Outbox(tmp_path / "live.db")
    pool = WorkerPool()
    sender = OutboxSender(box, pool, rng=random.Random(3))
    client = PlandocketClient(sandbox.base_url, DEMO_KEYS.full, retry=RetryPolicy(max_attempts=1))
    widget = ProblemsPanel(box, client.base_url)
    qtbot.addWidget(widget)
    widget.connect_sender(sender)
    sender.set_client(client, client.base_url)
    yield box, sender, widget, client
    sender.stop()
    pool.shutdown(10_000)
    client.close()
    box.close()


def test_a_refused_add_appears_and_a_retry_delivers_it_once_the_cause_is_gone(
    qtbot: QtBot,
    sandbox: SandboxServer,
    live: tuple[Outbox, OutboxSender, ProblemsPanel, PlandocketClient],
):
    box, sender, widget, client = live
    existing = sandbox.store.participants_of(EXPO_KEY)[0]
    contact = sandbox.store.contact(existing.contact_id)
    assert contact is not None
    assert contact.customer_number is not None
    row = box.new_temporary_row_id()
    box.enqueue(
        account=client.base_url,
        kind="add",
        row_id=row,
        label=f"Add {contact.company_name} · {EXPO_KEY}",
        event_key=EXPO_KEY,
        customer_number=contact.customer_number,
    )
    with qtbot.waitSignal(widget.count_changed, timeout=15_000):
        sender.wake()
    assert widget.count == 1
    item = widget.list.item(0)
    assert item is not None
    assert "rejected" in item.text()

    sandbox.store.delete_participant(existing.id)  # the person fixed it on the server
    select(widget, 0)
    with qtbot.waitSignal(sender.delivered, timeout=15_000) as blocker:
        widget.retry_selected()
    created = sandbox.store.find(EXPO_KEY, contact.customer_number)
    assert created is not None
    assert blocker.args[1].id == created.id
    assert widget.count == 0
