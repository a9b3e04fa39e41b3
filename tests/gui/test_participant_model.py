"""The participants table model and its proxy: streaming, search, sort, pending changes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from app.domain import Category, Contact, Event, Participant
from app.ui.participant_model import (
    PARTICIPANT_ROLE,
    Column,
    ParticipantTableModel,
    RowChange,
)
from app.ui.participant_proxy import ParticipantProxyModel

EXPO = Event(id=101, event_key="EXPO26", title="Fachmesse Grün & Gärten 2026")
EXHIBITOR = Category(id=1, category_key="exhibitor", title="Exhibitor")


def person(
    pid: int,
    company: str,
    first: str = "Anna",
    last: str = "Schmidt",
    *,
    number: str | None = None,
    confirmed: bool | None = False,
) -> Participant:
    contact = Contact(
        id=1000 + pid,
        customer_number=number or str(10000 + pid),
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
        created_at=datetime(2026, 1, 1 + pid % 28, 9, 0, tzinfo=UTC),
        updated_at=datetime(2026, 2, 1, 9, 0, tzinfo=UTC),
        contact=contact,
        event=EXPO,
        category=EXHIBITOR,
    )


def sample() -> list[Participant]:
    return [
        person(1, "Müller & Söhne GmbH", "Jürgen", "Müller", confirmed=True),
        person(2, "Ørsted Logistik", "Søren", "Nielsen"),
        person(3, "Café Crème SARL", "François", "Lefèvre", confirmed=True),
        person(4, "Brückenbau Köhler", "Zoë", "Köhler", confirmed=None),
        person(5, "Acme Corp", "Anna", "Zimmer", number="K-9"),
        person(6, "Acme Corp", "Bert", "Adams", number="K-10"),
    ]


@pytest.fixture
def model(qtmodeltester) -> ParticipantTableModel:
    table = ParticipantTableModel()
    qtmodeltester.check(table)  # keeps watching every later change
    return table


@pytest.fixture
def proxy(model: ParticipantTableModel, qtmodeltester) -> ParticipantProxyModel:
    view_model = ParticipantProxyModel(model)
    qtmodeltester.check(view_model)
    return view_model


def shown_ids(proxy: ParticipantProxyModel) -> list[int]:
    return [proxy.index(row, 0).data(PARTICIPANT_ROLE).id for row in range(proxy.rowCount())]


def test_pages_stream_in_under_the_model_tester(model, proxy):
    rows = sample()
    for start in range(0, len(rows), 2):
        model.append(rows[start : start + 2])
    assert shown_ids(proxy) == [1, 2, 3, 4, 5, 6]
    assert model.total_count == 6
    assert model.confirmed_count == 2


def test_columns_show_status_as_text_and_icon(proxy, model):
    model.append(sample())
    status = proxy.index(0, Column.STATUS)
    assert status.data() == "Confirmed"
    assert not status.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert proxy.index(1, Column.STATUS).data() == "Not confirmed"
    assert proxy.index(3, Column.STATUS).data() == "Unknown"
    assert proxy.index(0, Column.COMPANY).data() == "Müller & Söhne GmbH"
    assert proxy.index(0, Column.CONTACT).data() == "Jürgen Müller"
    assert proxy.index(0, Column.EVENT).data() == "Fachmesse Grün & Gärten 2026"
    assert proxy.index(0, Column.CATEGORY).data() == "Exhibitor"
    assert proxy.index(0, Column.CREATED).data()  # locale-formatted local time
    assert proxy.headerData(Column.CUSTOMER_NUMBER, Qt.Orientation.Horizontal) == "Customer no."


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("muller", [1]),
        ("MÜLLER", [1]),
        ("orsted", [2]),
        ("francois lefevre", [3]),
        ("creme", [3]),
        ("koehler", []),
        ("kohler", [4]),
        ("acme", [5, 6]),
        ("K-10", [6]),
        ("bert.6@example", [6]),
        ("", [1, 2, 3, 4, 5, 6]),
    ],
)
def test_quick_search_ignores_accents_and_case(model, proxy, typed, expected):
    model.append(sample())
    proxy.set_quick_search(typed)
    assert shown_ids(proxy) == expected
    assert model.total_count == 6  # searching hides rows, it does not unload them


@pytest.mark.parametrize(
    ("column", "order", "expected"),
    [
        (Column.COMPANY, Qt.SortOrder.AscendingOrder, [5, 6, 4, 3, 1, 2]),
        (Column.CUSTOMER_NUMBER, Qt.SortOrder.AscendingOrder, [1, 2, 3, 4, 5, 6]),
        (Column.CONTACT, Qt.SortOrder.AscendingOrder, [6, 4, 3, 1, 2, 5]),
        (Column.STATUS, Qt.SortOrder.DescendingOrder, [1, 3, 2, 5, 6, 4]),
    ],
)
def test_sorting_is_accent_aware_and_natural(model, proxy, column, order, expected):
    model.append(sample())
    proxy.sort(column, order)
    assert shown_ids(proxy) == expected


def test_customer_numbers_sort_naturally(model, proxy):
    model.append(sample())
    proxy.set_quick_search("acme")
    proxy.sort(Column.CUSTOMER_NUMBER, Qt.SortOrder.AscendingOrder)
    assert shown_ids(proxy) == [5, 6]  # K-9 before K-10


def test_rows_streamed_into_a_sorted_and_searched_table_land_in_place(model, proxy):
    proxy.sort(Column.COMPANY, Qt.SortOrder.AscendingOrder)
    proxy.set_quick_search("er")  # Müller, Köhler, Zimmer, Bert
    rows = sample()
    model.append(rows[:3])
    assert shown_ids(proxy) == [1]
    model.append(rows[3:])
    assert shown_ids(proxy) == [5, 6, 4, 1]
    proxy.set_quick_search("")
    assert shown_ids(proxy) == [5, 6, 4, 3, 1, 2]


def test_descending_sort_keeps_its_order_while_streaming(model, proxy):
    proxy.sort(Column.COMPANY, Qt.SortOrder.DescendingOrder)
    for participant in sample():
        model.append([participant])
    assert shown_ids(proxy) == [2, 1, 3, 4, 5, 6]


def test_a_resort_keeps_the_current_row(model, proxy):
    model.append(sample())
    current = QPersistentModelIndex(proxy.index(0, Column.COMPANY))  # participant 1
    proxy.sort(Column.COMPANY, Qt.SortOrder.AscendingOrder)
    assert current.isValid()
    assert proxy.participant(proxy.index(current.row(), 0)).id == 1


def test_a_pending_confirmation_is_shown_and_counted_at_once(model, proxy):
    model.append(sample())
    model.set_change(2, RowChange.CONFIRMING)
    row = proxy.index_of(2, Column.STATUS)
    assert row.data() == "Confirming…"
    assert row.data(Qt.ItemDataRole.FontRole).italic()
    assert "not be lost" in row.data(Qt.ItemDataRole.ToolTipRole)
    assert model.confirmed_count == 3
    model.update_participant(Participant(id=2, is_confirmed=True))
    model.set_change(2, None)
    assert proxy.index_of(2, Column.STATUS).data() == "Confirmed"
    assert model.confirmed_count == 3


def test_a_problem_is_shown_with_its_message(model, proxy):
    model.append(sample())
    model.set_change(1, RowChange.UNCONFIRMING)
    assert model.confirmed_count == 1
    model.set_change(1, None)
    model.set_problem(1, "This participant no longer exists on Plandocket.")
    status = proxy.index_of(1, Column.STATUS)
    assert status.data() == "Problem"
    assert "no longer exists" in status.data(Qt.ItemDataRole.ToolTipRole)
    assert model.confirmed_count == 2


def test_server_answers_merge_onto_known_rows(model):
    model.append(sample())
    model.update_participant(Participant(id=3, is_confirmed=False))
    updated = model.participant(3)
    assert updated.is_confirmed is False
    assert updated.contact.company_name == "Café Crème SARL"  # unknown fields kept
    assert model.confirmed_count == 1


def test_a_placeholder_row_is_replaced_by_the_created_participant(model, proxy):
    model.append(sample())
    placeholder = Participant(
        id=-1, is_confirmed=True, contact=Contact(id=0, company_name="Neu AG")
    )
    model.append([placeholder])
    model.set_change(-1, RowChange.ADDING)
    assert proxy.index_of(-1, Column.STATUS).data() == "Adding…"
    created = person(77, "Neu AG", confirmed=True)
    model.replace_row(-1, created)
    assert model.participant(-1) is None
    assert proxy.index_of(77, Column.STATUS).data() == "Confirmed"
    assert model.total_count == 7
    assert model.confirmed_count == 3


def test_removed_rows_disappear_and_stay_gone_through_search_and_sort(model, proxy):
    model.append(sample())
    model.remove_row(3)
    assert 3 not in shown_ids(proxy)
    proxy.set_quick_search("c")
    proxy.set_quick_search("")
    proxy.sort(Column.COMPANY, Qt.SortOrder.AscendingOrder)
    assert shown_ids(proxy) == [5, 6, 4, 1, 2]
    assert model.total_count == 5
    assert model.confirmed_count == 1
    model.append([person(3, "Café Crème SARL", confirmed=True)])  # loaded again later
    assert 3 in shown_ids(proxy)


def test_a_known_row_arriving_again_updates_instead_of_doubling(model):
    model.append(sample())
    assert model.participant(1).is_confirmed is True  # a lookup: the id index now exists
    model.append([person(1, "Müller & Söhne GmbH", confirmed=False)])
    assert model.total_count == 6
    assert model.participant(1).is_confirmed is False
    assert model.confirmed_count == 1


def test_clear_forgets_rows_but_keeps_the_sort(model, proxy):
    proxy.sort(Column.COMPANY, Qt.SortOrder.AscendingOrder)
    model.append(sample())
    model.clear()
    assert proxy.rowCount() == 0
    model.append(sample())
    assert shown_ids(proxy) == [5, 6, 4, 3, 1, 2]


def test_invalid_indexes_and_roles_answer_none(model):
    model.append(sample())
    assert model.data(QModelIndex()) is None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.UserRole + 99) is None
    assert model.rowCount(model.index(0, 0)) == 0
