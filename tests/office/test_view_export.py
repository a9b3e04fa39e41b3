"""Export of the participants view: what the table shows, in its order, written on a worker."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTableView

from app.domain import Category, Contact, Event, Participant
from app.office.view_export import (
    ExportFormat,
    ParticipantRows,
    take_snapshot,
    write_snapshot,
)
from app.settings import EXPORT_FOLDER, EXPORT_FORMAT, Settings
from app.ui import export_actions
from app.ui.export_actions import ViewExport, export_view
from app.ui.participant_model import PARTICIPANT_ROLE, Column, ParticipantTableModel, RowChange
from app.ui.participant_proxy import ParticipantProxyModel
from app.workers import WorkerPool
from tests.office.xlsx_reader import read_xlsx

EXPO = Event(id=101, event_key="EXPO26", title="Fachmesse Grün & Gärten 2026")
EXHIBITOR = Category(id=1, category_key="exhibitor", title="Exhibitor")
# Columns whose exported value is the text the table shows.
TEXT_COLUMNS = {Column.CUSTOMER_NUMBER, Column.COMPANY, Column.CONTACT, Column.EMAIL}


def person(
    pid: int,
    company: str,
    first: str,
    last: str,
    number: str,
    *,
    confirmed: bool | None = False,
) -> Participant:
    contact = Contact(
        id=1000 + pid,
        customer_number=number,
        company_name=company,
        first_name=first,
        last_name=last,
        email=f"{first.lower()}.{pid}@example.com",
    )
    return Participant(
        id=pid,
        event_id=EXPO.id,
        contact_id=contact.id,
        is_confirmed=confirmed,
        created_at=datetime(2026, 1, pid, 9, 30, tzinfo=UTC),
        updated_at=datetime(2026, 2, 1, 9, 0, tzinfo=UTC),
        contact=contact,
        event=EXPO,
        category=EXHIBITOR,
    )


def sample() -> list[Participant]:
    return [
        person(1, "Müller & Söhne GmbH", "Jürgen", "Müller", "0815", confirmed=True),
        person(2, 'Café "Crème"; SARL', "François", "Lefèvre", "10002"),
        person(3, "=HYPERLINK(1)", "Zoë", "Köhler", "10003", confirmed=None),
        person(4, "Acme Corp", "Anna", "Zimmer", "K-9"),
        person(5, "Acme Corp", "Bert", "Adams", "K-10", confirmed=True),
        person(6, "Ørsted\nLogistik", "Søren", "Nielsen", "00042"),
    ]


@pytest.fixture
def table(qtbot) -> QTableView:
    model = ParticipantTableModel()
    proxy = ParticipantProxyModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    model.append(sample())
    return view


def shown(view: QTableView) -> tuple[list[str], list[int], list[list[str]]]:
    """Header texts, participant ids and display texts the view shows, in its order."""
    header = view.horizontalHeader()
    model = view.model()
    columns = [
        header.logicalIndex(visual)
        for visual in range(header.count())
        if not header.isSectionHidden(header.logicalIndex(visual))
    ]
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in columns]
    ids = [model.index(row, 0).data(PARTICIPANT_ROLE).id for row in range(model.rowCount())]
    texts = [
        [model.index(row, column).data() for column in columns] for row in range(model.rowCount())
    ]
    return titles, ids, texts


def assert_matches_view(view: QTableView) -> None:
    titles, ids, texts = shown(view)
    snapshot = take_snapshot(view.model(), view.horizontalHeader())
    assert list(snapshot.headers) == titles
    assert isinstance(snapshot.rows, ParticipantRows)
    assert [p.id for p in snapshot.rows.participants] == ids
    header = view.horizontalHeader()
    columns = [header.logicalIndex(visual) for visual in range(header.count())]
    columns = [c for c in columns if not header.isSectionHidden(c)]
    for row, (exported, displayed) in enumerate(zip(snapshot.rows, texts, strict=True)):
        participant = snapshot.rows.participants[row]
        for position, column in enumerate(columns):
            if column in TEXT_COLUMNS:
                assert (exported[position] or "") == displayed[position]
            elif column == Column.CREATED:
                assert exported[position] == participant.created_at
            elif column == Column.STATUS:
                assert exported[position] == displayed[position]  # no pending changes here


def test_snapshot_is_the_view_as_loaded(table):
    assert_matches_view(table)
    snapshot = take_snapshot(table.model(), table.horizontalHeader())
    assert snapshot.headers[:3] == ("Status", "Customer no.", "Company")
    assert snapshot.rows[0][Column.CUSTOMER_NUMBER] == "0815"  # text, leading zero kept
    assert isinstance(snapshot.rows[0][Column.UPDATED], datetime)
    assert snapshot.sheet_title == "Fachmesse Grün & Gärten 2026"


def test_snapshot_follows_sorting_search_and_column_changes(table):
    header = table.horizontalHeader()
    table.sortByColumn(Column.COMPANY, Qt.SortOrder.DescendingOrder)
    assert_matches_view(table)
    table.model().set_quick_search("e")  # everyone with an "e" in name, company or email
    header.setSectionHidden(Column.EMAIL, True)
    header.setSectionHidden(Column.EVENT, True)
    header.moveSection(header.visualIndex(Column.CUSTOMER_NUMBER), header.count() - 1)
    header.moveSection(header.visualIndex(Column.CONTACT), 0)
    assert_matches_view(table)
    snapshot = take_snapshot(table.model(), header)
    assert snapshot.headers[0] == "Contact"
    assert snapshot.headers[-1] == "Customer no."
    assert "Email" not in snapshot.headers
    table.model().set_quick_search("acme")
    table.sortByColumn(Column.CUSTOMER_NUMBER, Qt.SortOrder.AscendingOrder)
    snapshot = take_snapshot(table.model(), header)
    assert [row[-1] for row in snapshot.rows] == ["K-9", "K-10"]  # natural order, as shown


def test_pending_changes_export_the_state_people_see(table):
    source = table.model().sourceModel()
    source.set_change(2, RowChange.CONFIRMING)
    source.set_change(1, RowChange.UNCONFIRMING)
    snapshot = take_snapshot(table.model(), table.horizontalHeader())
    rows = snapshot.rows
    assert isinstance(rows, ParticipantRows)
    states = {p.id: row[Column.STATUS] for p, row in zip(rows.participants, rows, strict=True)}
    assert states == {
        1: "Not confirmed",
        2: "Confirmed",
        3: "Unknown",
        4: "Not confirmed",
        5: "Confirmed",
        6: "Not confirmed",
    }


def test_a_proxy_that_sorts_by_itself_is_followed(qtbot):
    model = ParticipantTableModel()
    model.append(sample())
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(Column.CUSTOMER_NUMBER, Qt.SortOrder.DescendingOrder)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    rows = take_snapshot(proxy, view.horizontalHeader()).rows
    assert isinstance(rows, ParticipantRows)
    expected = [proxy.index(row, 0).data(PARTICIPANT_ROLE).id for row in range(proxy.rowCount())]
    assert [p.id for p in rows.participants] == expected
    assert expected != sorted(expected)


def test_any_other_model_is_exported_as_displayed(qtbot):
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels(["A", "B"])
    model.appendRow([QStandardItem("x"), QStandardItem("1")])
    model.appendRow([QStandardItem("y"), QStandardItem("2")])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.horizontalHeader().moveSection(1, 0)
    snapshot = take_snapshot(model, view.horizontalHeader())
    assert snapshot.headers == ("B", "A")
    assert list(snapshot.rows) == [("1", "x"), ("2", "y")]


def test_csv_of_the_view_reads_back_as_shown(table, tmp_path):
    table.sortByColumn(Column.COMPANY, Qt.SortOrder.AscendingOrder)
    snapshot = take_snapshot(table.model(), table.horizontalHeader())
    path = tmp_path / "view.csv"
    assert write_snapshot(snapshot, path, ExportFormat.CSV, delimiter=";") == 6
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline=""), delimiter=";"))
    titles, _ids, texts = shown(table)
    assert rows[0] == titles
    companies = [row[Column.COMPANY] for row in rows[1:]]
    assert companies == [
        "'=HYPERLINK(1)",  # defused
        "Acme Corp",
        "Acme Corp",
        'Café "Crème"; SARL',
        "Müller & Söhne GmbH",
        "Ørsted\nLogistik",
    ]
    assert [row[Column.CUSTOMER_NUMBER] for row in rows[1:]] == [
        t[Column.CUSTOMER_NUMBER] for t in texts
    ]


def test_xlsx_of_the_view_keeps_types(table, tmp_path):
    snapshot = take_snapshot(table.model(), table.horizontalHeader())
    path = tmp_path / "view.xlsx"
    write_snapshot(snapshot, path, ExportFormat.XLSX, sheet="ignored: the event wins")
    sheet = read_xlsx(path)
    assert sheet.name == "Fachmesse Grün & Gärten 2026"
    assert sheet.rows[0][Column.COMPANY] == "Company"
    assert sheet.rows[1][Column.CUSTOMER_NUMBER] == "0815"
    assert sheet.rows[6][Column.CUSTOMER_NUMBER] == "00042"
    created = datetime(2026, 1, 1, 9, 30, tzinfo=UTC).astimezone().replace(tzinfo=None)
    assert sheet.rows[1][Column.CREATED] == created
    assert sheet.rows[3][Column.COMPANY] == "=HYPERLINK(1)"  # text in a workbook, never run


# -- the File > Export view… entry point ---------------------------------------------------


@dataclass
class Screen:
    """A main window showing the participants table, the worker pool and settings."""

    window: QMainWindow
    table: QTableView
    pool: WorkerPool
    settings: Settings


@pytest.fixture
def screen(qtbot, table, settings: Settings) -> Iterator[Screen]:
    main = QMainWindow()
    qtbot.addWidget(main)
    main.setCentralWidget(table)
    workers = WorkerPool(2)
    yield Screen(main, table, workers, settings)
    workers.shutdown()


def choose(monkeypatch, path: Path, file_format: ExportFormat) -> list[tuple[Path, str]]:
    """Answer the file dialog with ``path``; returns what the dialog was asked."""
    asked: list[tuple[Path, str]] = []

    def ask(_parent, folder, suggested, preferred):
        asked.append((folder, suggested))
        return path, file_format

    monkeypatch.setattr(export_actions, "ask_export_target", ask)
    return asked


@pytest.mark.parametrize("file_format", list(ExportFormat))
def test_export_view_writes_on_a_worker_and_reports_the_count(
    qtbot, monkeypatch, screen, tmp_path, file_format
):
    path = tmp_path / f"EXPO26 participants.{file_format.value}"
    asked = choose(monkeypatch, path, file_format)
    settings = screen.settings
    export = export_view(screen.window, screen.table, screen.pool, settings, "EXPO26 participants")
    assert isinstance(export, ViewExport)
    with qtbot.waitSignal(export.succeeded) as done:
        pass
    assert done.args == [6]
    assert path.exists()
    assert asked[0][1] == "EXPO26 participants"
    assert screen.window.statusBar().currentMessage() == (
        f"Exported to “EXPO26 participants.{file_format.value}”. Rows: 6"
    )
    assert settings.get(EXPORT_FOLDER) == str(tmp_path)
    assert settings.get(EXPORT_FORMAT) == file_format.value
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_export_view_does_nothing_when_the_dialog_is_cancelled(monkeypatch, screen):
    monkeypatch.setattr(export_actions, "ask_export_target", lambda *_args: None)
    assert export_view(screen.window, screen.table, screen.pool, screen.settings, "x") is None
    assert screen.pool.active_count == 0


def test_a_failed_export_says_which_file_and_why(qtbot, monkeypatch, screen, read_only_folder):
    path = read_only_folder / "participants.csv"
    choose(monkeypatch, path, ExportFormat.CSV)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warnings.append(text))
    export = export_view(screen.window, screen.table, screen.pool, screen.settings, "participants")
    assert export is not None
    with qtbot.waitSignal(export.failed) as failed:
        pass
    assert failed.args[0].startswith("“participants.csv” could not be saved: access was denied.")
    assert warnings == failed.args
    assert sorted(p.name for p in read_only_folder.iterdir()) == ["existing.csv"]


def test_cancelling_a_big_export_leaves_no_file(qtbot, screen, tmp_path):
    many = [
        person(1 + i % 28, f"Firma {i}", "Anna", "Berg", str(100_000 + i)) for i in range(30_000)
    ]
    many = [
        Participant(id=i + 1, contact=p.contact, is_confirmed=p.is_confirmed, event=EXPO)
        for i, p in enumerate(many)
    ]
    model = ParticipantTableModel()
    model.append(many)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(ParticipantProxyModel(model))
    snapshot = take_snapshot(view.model(), view.horizontalHeader())
    folder = tmp_path / "exports"
    folder.mkdir()
    path = folder / "big.xlsx"
    export = ViewExport(screen.window, snapshot, path, ExportFormat.XLSX)
    with qtbot.waitSignal(export.ended):
        export.start(screen.pool)
        export.progress.cancel()
        export.progress.canceled.emit()  # what the Cancel button does
    assert list(folder.iterdir()) == []
