"""What the main window does with participants: load, filter, and change them via the outbox.

The window only presents; this controller owns the table model, the loader and the write
path. Every change goes to the outbox first (durable), shows at once as pending in the
table, and is reconciled with the server's answer when the sender reports back.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from app.api import AuthenticationError, PermissionDeniedError, PlandocketError
from app.domain import Contact, Event, Participant, ParticipantFilter
from app.session import Session
from app.store import Operation, OperationKind, OperationState, Outbox
from app.store.outbox import PlannedAdd
from app.ui.contact_lookup import ContactLookup
from app.ui.dialogs.add_participant import AddParticipantRequest
from app.ui.dialogs.edit_participation import EditParticipationRequest
from app.ui.outbox_sender import OutboxSender
from app.ui.participant_loader import INCLUDE, LoadedPage, ParticipantLoader
from app.ui.participant_model import ParticipantTableModel, RowChange
from app.ui.participant_proxy import ParticipantProxyModel
from app.ui.submission import Submission
from app.workers import Worker, WorkerPool

log = logging.getLogger(__name__)

# Pages after the first are handed to the table at most this often: every insertion makes
# the view lay out and repaint, which costs the same for one page as for twenty.
APPEND_INTERVAL_MS = 100

CHANGE_OF_KIND = {
    OperationKind.ADD: RowChange.ADDING,
    OperationKind.CONFIRM: RowChange.CONFIRMING,
    OperationKind.UNCONFIRM: RowChange.UNCONFIRMING,
    OperationKind.UPDATE: RowChange.UPDATING,
    OperationKind.REMOVE: RowChange.REMOVING,
}


def describe(participant: Participant) -> str:
    """ "Müller GmbH (Hans Müller)" — how people recognise a participant."""
    contact = participant.contact
    if contact is None:
        return QCoreApplication.translate("ParticipantsController", "Participant %1").replace(
            "%1", str(participant.id)
        )
    person = contact.person_name
    if contact.company_name and person:
        return f"{contact.company_name} ({person})"
    return contact.display_name


def operation_label(kind: OperationKind, participant: Participant, event_key: str | None) -> str:
    """What the Problems list says a write was: "Confirm Müller GmbH (Hans Müller) · EXPO26"."""
    verb = {
        OperationKind.ADD: QCoreApplication.translate("ParticipantsController", "Add"),
        OperationKind.CONFIRM: QCoreApplication.translate("ParticipantsController", "Confirm"),
        OperationKind.UNCONFIRM: QCoreApplication.translate("ParticipantsController", "Unconfirm"),
        OperationKind.UPDATE: QCoreApplication.translate("ParticipantsController", "Change"),
        OperationKind.REMOVE: QCoreApplication.translate("ParticipantsController", "Remove"),
    }[kind]
    where = f" · {event_key}" if event_key else ""
    return f"{verb} {describe(participant)}{where}"


@dataclass(frozen=True, slots=True)
class Marks:
    """The pending change and the problem shown on one row."""

    change: RowChange | None = None
    problem: str | None = None


class ParticipantsController(QObject):
    """Loads the filtered participant list and carries out changes to it."""

    load_started = Signal()
    load_progress = Signal(int, int)  # loaded, total (-1 unknown)
    load_finished = Signal(int)
    load_failed = Signal(object)  # PlandocketError
    load_cancelled = Signal()
    counts_changed = Signal()
    auth_required = Signal(object)  # AuthenticationError: ask for a new key
    permission_denied = Signal(object)  # PermissionDeniedError: say which scope is missing
    capabilities_changed = Signal()
    notice = Signal(str)  # a short, plain message for the status bar

    def __init__(
        self,
        *,
        pool: WorkerPool,
        outbox: Outbox,
        sender: OutboxSender,
        loader: ParticipantLoader,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pool = pool
        self._outbox = outbox
        self._sender = sender
        self._loader = loader
        self.model = ParticipantTableModel(self)
        self.proxy = ParticipantProxyModel(self.model, self)
        self.session: Session | None = None
        self.filters = ParticipantFilter()
        self.events: list[Event] = []
        self.lookup: ContactLookup | None = None
        self._marks: dict[int, Marks] = {}
        self._pending = 0
        self._loaded_once = False
        self._arrived: list[LoadedPage] = []
        self._shown_first_page = False
        self._append_timer = QTimer(self)
        self._append_timer.setSingleShot(True)
        self._append_timer.setInterval(APPEND_INTERVAL_MS)
        self._append_timer.timeout.connect(self._append_arrived)
        # Adds of an import are not fetched again one by one after delivery (see submit_adds).
        self._quiet_adds: set[str] = set()
        # The filters whose whole list the model holds (the last load ran to its end).
        self._complete_filters: ParticipantFilter | None = None
        self.load_finished.connect(self._note_complete)
        for incomplete in (self.load_started, self.load_failed, self.load_cancelled):
            incomplete.connect(self._forget_complete)

        loader.started.connect(lambda _generation: self.load_started.emit())
        loader.page_loaded.connect(self._on_page)
        loader.progress.connect(self.load_progress)
        loader.finished.connect(self._on_load_finished)
        loader.failed.connect(self._on_load_failed)
        loader.cancelled.connect(lambda _generation: self.load_cancelled.emit())

        sender.delivered.connect(self._on_delivered)
        sender.problem.connect(self._on_problem)
        sender.withdrawn.connect(self._on_withdrawn)
        sender.pending_changed.connect(self._on_pending_changed)
        sender.auth_failed.connect(self.auth_required)
        sender.permission_denied.connect(self.permission_denied)

    # -- session and loading -------------------------------------------------------------------

    def set_session(self, session: Session | None) -> None:
        """Work on another account (or none); queued changes of each account stay its own."""
        previous = self.session
        self.session = session
        self.events = []
        self.lookup = None
        self._loader.cancel_silently()
        self._discard_arrived()
        self.model.clear()
        self._marks = {}
        if session is None:
            self._sender.set_client(None, "")
        else:
            self._sender.set_client(session.client, session.account)
            self._sender.recover()
            self._discover_capabilities(session)
        if previous is not None and previous is not session:
            previous.close()
        self.capabilities_changed.emit()
        self.reload()

    def replace_key(self, session: Session) -> None:
        """Continue with a new key for the same account, keeping the view and the queue."""
        old = self.session
        self.session = session
        self._sender.set_client(session.client, session.account)
        if old is not None and old is not session:
            old.close()
        if not self._loaded_once or self._loader.loading:
            self.reload()

    def set_filters(self, filters: ParticipantFilter) -> None:
        """Load the list for new server-side filters."""
        self.filters = filters
        self.reload()

    @property
    def has_scope_filter(self) -> bool:
        """Whether the filters narrow the list enough to load it (an event or a customer)."""
        return bool(self.filters.event_key or self.filters.customer_number)

    def reload(self) -> None:
        """Load the current filters again from the server (F5)."""
        self._sender.retry_now()
        self._loader.cancel_silently()
        self._discard_arrived()
        self.model.clear()
        self._sync_marks()
        if self.session is not None and self.has_scope_filter:
            self._show_queued_adds()
            self._loader.load(self.session.connection, self.filters)
        self.counts_changed.emit()

    def cancel_load(self) -> None:
        """Stop loading; what arrived stays."""
        self._append_arrived()
        self._loader.cancel()

    @property
    def loading(self) -> bool:
        """Whether a list is being loaded."""
        return self._loader.loading

    def _on_page(self, page: LoadedPage) -> None:
        self._arrived.append(page)
        if not self._shown_first_page:
            self._shown_first_page = True
            self._append_arrived()  # the first rows as soon as they exist
        elif not self._append_timer.isActive():
            self._append_timer.start()

    def _append_arrived(self) -> None:
        """Hand the pages that arrived meanwhile to the table in one insertion."""
        self._append_timer.stop()
        if not self._arrived:
            return
        pages, self._arrived = self._arrived, []
        participants = [p for page in pages for p in page.participants]
        keys = [key for page in pages for key in page.keys]
        self.model.append(participants, keys)
        self.counts_changed.emit()

    def _discard_arrived(self) -> None:
        self._append_timer.stop()
        self._arrived = []
        self._shown_first_page = False

    def _on_load_finished(self, _generation: int, count: int) -> None:
        self._append_arrived()
        self._loaded_once = True
        self.load_finished.emit(count)
        self.counts_changed.emit()

    def _on_load_failed(self, _generation: int, error: Exception) -> None:
        self._append_arrived()
        if isinstance(error, AuthenticationError):
            self.auth_required.emit(error)
        elif isinstance(error, PermissionDeniedError):
            self.permission_denied.emit(error)
        self.load_failed.emit(error)

    def _discover_capabilities(self, session: Session) -> None:
        """Find out whether the key may list events and search contacts (optional scopes)."""

        def probe(_worker: Worker) -> tuple[list[Event] | None, bool | None]:
            events: list[Event] | None
            try:
                events = session.client.list_events()
            except PermissionDeniedError:
                events = None
            except PlandocketError:
                return None, None
            try:
                session.client.probe("contacts")
                contacts: bool | None = True
            except PermissionDeniedError:
                contacts = False
            except PlandocketError:
                contacts = None
            return events, contacts

        def done(result: tuple[list[Event] | None, bool | None]) -> None:
            if self.session is not session:
                return  # the person switched accounts meanwhile
            events, contacts = result
            session.can_list_events = events is not None
            session.can_search_contacts = contacts
            self.events = events or []
            if contacts:
                self.lookup = ContactLookup(
                    lambda text: session.client.search_contacts(text, limit=20), self._pool, self
                )
            self.capabilities_changed.emit()

        self._pool.submit(probe, name="capabilities", on_result=done)

    # -- counts --------------------------------------------------------------------------------

    @property
    def total_count(self) -> int:
        """Participants loaded for the current filters."""
        return self.model.total_count

    @property
    def confirmed_count(self) -> int:
        """Loaded participants shown as confirmed (queued changes included)."""
        return self.model.confirmed_count

    @property
    def pending_count(self) -> int:
        """Changes of this account not yet delivered."""
        return self._pending

    @property
    def problem_count(self) -> int:
        """Changes of this account that need a person."""
        return sum(1 for marks in self._marks.values() if marks.problem)

    def _on_pending_changed(self, count: int) -> None:
        self._pending = count
        self.counts_changed.emit()

    # -- lookups for dialogs -------------------------------------------------------------------

    def existing(self, event_key: str, customer_number: str) -> Participant | None:
        """A loaded participation of this customer in this event, if there is one."""
        wanted_event, wanted_number = event_key.casefold(), customer_number.strip()

        def same(participant: Participant) -> bool:
            event, contact = participant.event, participant.contact
            return (
                event is not None
                and contact is not None
                and event.event_key.casefold() == wanted_event
                and contact.customer_number == wanted_number
            )

        return self.model.find(same)

    def event_for_key(self, event_key: str) -> Event | None:
        """The known event with this key."""
        return next((e for e in self.events if e.event_key == event_key), None)

    # -- writes --------------------------------------------------------------------------------

    def confirm(self, participants: Sequence[Participant]) -> int:
        """Queue confirmations; returns how many were needed (already confirmed are skipped)."""
        return self._queue_state(participants, OperationKind.CONFIRM, confirmed=True)

    def unconfirm(self, participants: Sequence[Participant]) -> int:
        """Queue un-confirmations; returns how many were needed."""
        return self._queue_state(participants, OperationKind.UNCONFIRM, confirmed=False)

    def remove(self, participants: Sequence[Participant]) -> int:
        """Queue removals of participations (the contacts stay)."""
        session = self._require_session()
        for participant in participants:
            event_key = participant.event.event_key if participant.event else None
            self._outbox.enqueue(
                account=session.account,
                kind=OperationKind.REMOVE,
                row_id=participant.id,
                label=operation_label(OperationKind.REMOVE, participant, event_key),
                event_key=event_key,
            )
        self._after_enqueue()
        return len(participants)

    def submit_add(self, request: AddParticipantRequest) -> Submission:
        """Queue an add and return the Submission the dialog waits on."""
        session = self._require_session()
        row_id = self._outbox.new_temporary_row_id()
        placeholder = self._placeholder(
            row_id, request.event_key, request.customer_number, request.is_confirmed
        )
        if request.contact is not None:
            placeholder = Participant(
                id=row_id,
                is_confirmed=request.is_confirmed,
                contact=request.contact,
                event=placeholder.event,
            )
        op = self._outbox.enqueue(
            account=session.account,
            kind=OperationKind.ADD,
            row_id=row_id,
            label=operation_label(OperationKind.ADD, placeholder, request.event_key),
            event_key=request.event_key,
            customer_number=request.customer_number,
            is_confirmed=request.is_confirmed,
        )
        if self._belongs_in_view(request.event_key, request.customer_number):
            self.model.append([placeholder])
        submission = self._sender.track(op)
        self._after_enqueue()
        return submission

    def submit_edit(self, request: EditParticipationRequest) -> Submission:
        """Queue a move / contact correction and return the Submission the dialog waits on."""
        session = self._require_session()
        participant = self.model.participant(request.participant_id)
        label_for = participant or Participant(id=request.participant_id)
        op = self._outbox.enqueue(
            account=session.account,
            kind=OperationKind.UPDATE,
            row_id=request.participant_id,
            label=operation_label(OperationKind.UPDATE, label_for, request.event_key),
            event_key=request.event_key,
            customer_number=request.customer_number,
        )
        submission = self._sender.track(op)
        self._after_enqueue()
        return submission

    def _queue_state(
        self, participants: Sequence[Participant], kind: OperationKind, *, confirmed: bool
    ) -> int:
        session = self._require_session()
        queued = 0
        for participant in participants:
            if self.model.is_confirmed(participant) is confirmed:
                continue
            event_key = participant.event.event_key if participant.event else None
            self._outbox.enqueue(
                account=session.account,
                kind=kind,
                row_id=participant.id,
                label=operation_label(kind, participant, event_key),
                event_key=event_key,
                customer_number=participant.contact.customer_number
                if participant.contact
                else None,
                is_confirmed=confirmed,
            )
            queued += 1
        if queued:
            self._after_enqueue()
        return queued

    def _after_enqueue(self) -> None:
        self._sync_marks()
        self._pending = self._outbox.pending_count(self._require_session().account)
        self._sender.wake()
        self.counts_changed.emit()

    def _require_session(self) -> Session:
        if self.session is None:
            raise RuntimeError("no Plandocket account is open")
        return self.session

    # -- imports -------------------------------------------------------------------------------

    @property
    def pool(self) -> WorkerPool:
        """The worker pool for background work of the windows this controller serves."""
        return self._pool

    def submit_adds(self, requests: Sequence[AddParticipantRequest]) -> list[Submission]:
        """Queue several adds in one outbox transaction; their Submissions, in order.

        For an import: unlike :meth:`submit_add`, a delivered row is not fetched again for
        its contact, so each add costs exactly one request of the hourly budget; call
        :meth:`show_imported` at the end to show the contacts of the added rows.
        """
        session = self._require_session()
        if not requests:
            return []
        placeholders = [
            self._placeholder(0, r.event_key, r.customer_number, r.is_confirmed) for r in requests
        ]
        planned = [
            PlannedAdd(
                event_key=request.event_key,
                customer_number=request.customer_number,
                is_confirmed=request.is_confirmed,
                label=operation_label(OperationKind.ADD, placeholder, request.event_key),
            )
            for request, placeholder in zip(requests, placeholders, strict=True)
        ]
        operations = self._outbox.enqueue_adds(session.account, planned)
        shown = [
            self._placeholder(op.row_id, r.event_key, r.customer_number, r.is_confirmed)
            for op, r in zip(operations, requests, strict=True)
            if self._belongs_in_view(r.event_key, r.customer_number)
        ]
        if shown:
            self.model.append(shown)
        self._quiet_adds.update(op.op_id for op in operations)
        submissions = [self._sender.track(op) for op in operations]
        self._after_enqueue()
        return submissions

    def loaded_customer_numbers(self, event_key: str) -> frozenset[str] | None:
        """Customer numbers of the event when the table holds its whole list, else None.

        Whole means: the last load of exactly this event (no other filter) ran to its end.
        Rows of queued adds count as taking part.
        """
        complete = self._complete_filters
        if (
            complete is None
            or complete != self.filters
            or self.loading
            or complete.customer_number
            or complete.confirmed is not None
            or (complete.event_key or "") != event_key
        ):
            return None
        return frozenset(
            p.contact.customer_number
            for p in self.model.participants()
            if p.contact is not None and p.contact.customer_number
        )

    def show_imported(self, event_keys: Collection[str]) -> bool:
        """Load the list again if it shows one of these events (for the added contacts)."""
        shown = (self.filters.event_key or "").casefold()
        if not shown or shown not in {key.casefold() for key in event_keys}:
            return False
        self.reload()
        return True

    def _note_complete(self, _count: int) -> None:
        self._complete_filters = self.filters

    def _forget_complete(self, *_: object) -> None:
        self._complete_filters = None

    # -- answers from the sender ---------------------------------------------------------------

    def _on_delivered(self, op: Operation, participant: object) -> None:
        if self.session is None or op.account != self.session.account:
            return
        if op.kind is OperationKind.REMOVE:
            self.model.remove_row(op.row_id)
        elif isinstance(participant, Participant):
            if op.kind is OperationKind.ADD:
                self._show_added(op, participant)
            elif op.kind is OperationKind.UPDATE and (op.event_key or op.customer_number):
                self.model.update_participant(participant)
                self._refetch(participant.id, moved=True)
            else:
                self.model.update_participant(participant)
        self._sync_marks()
        self.counts_changed.emit()

    def _on_problem(self, op: Operation) -> None:
        self._sync_marks()
        self.counts_changed.emit()
        self.notice.emit(
            QCoreApplication.translate(
                "ParticipantsController", "A change needs your attention: see Problems."
            )
        )

    def _on_withdrawn(self, op: Operation) -> None:
        if op.kind is OperationKind.ADD:
            self.model.remove_row(op.row_id)
        self._sync_marks()
        self.counts_changed.emit()

    def operation_discarded(self, op: Operation) -> None:
        """A problem was discarded from the Problems list: show the server's state again."""
        if op.kind is OperationKind.ADD:
            self.model.remove_row(op.row_id)
        self._sync_marks()
        self.counts_changed.emit()

    def operation_retried(self, _op: Operation) -> None:
        """A problem was queued again from the Problems list."""
        self._sync_marks()
        self._sender.wake()
        self.counts_changed.emit()

    def _show_added(self, op: Operation, created: Participant) -> None:
        placeholder = self.model.participant(op.row_id)
        if placeholder is not None:
            shown = created.merged_onto(
                Participant(
                    id=created.id,
                    is_confirmed=placeholder.is_confirmed,
                    contact=placeholder.contact,
                    event=placeholder.event,
                )
            )
            self.model.replace_row(op.row_id, shown)
        if op.op_id in self._quiet_adds:
            self._quiet_adds.discard(op.op_id)
            return
        # The answer to a POST rarely includes the contact: fetch the full row once.
        self._refetch(created.id, moved=False)

    def _refetch(self, participant_id: int, *, moved: bool) -> None:
        session = self.session
        if session is None:
            return

        def fetch(_worker: Worker) -> Participant:
            return session.client.get_participant(participant_id, include=INCLUDE)

        def show(fresh: Participant) -> None:
            if self.session is not session:
                return
            contact = fresh.contact
            event_key = fresh.event.event_key if fresh.event else None
            number = contact.customer_number if contact else None
            if moved and not self._belongs_in_view(event_key, number):
                self.model.remove_row(fresh.id)  # moved out of the listed event
            elif self.model.participant(fresh.id) is not None:
                self.model.update_participant(fresh)
            self.counts_changed.emit()

        self._pool.submit(fetch, name="refetch", on_result=show)

    # -- row marks -----------------------------------------------------------------------------

    def _sync_marks(self) -> None:
        """Show every queued change and problem of the account on its row."""
        if self.session is None:
            return
        account = self.session.account
        wanted: dict[int, Marks] = {}
        operations = self._outbox.pending(account) + self._outbox.problems(account)
        for op in sorted(operations, key=lambda o: o.seq):
            marks = wanted.get(op.row_id, Marks())
            if op.state is OperationState.PROBLEM:
                problem = op.error_message or QCoreApplication.translate(
                    "ParticipantsController", "Plandocket refused this change."
                )
                marks = Marks(marks.change, problem)
            else:
                marks = Marks(CHANGE_OF_KIND[op.kind], marks.problem)
            wanted[op.row_id] = marks
        for row_id in self._marks.keys() | wanted.keys():
            old, new = self._marks.get(row_id, Marks()), wanted.get(row_id, Marks())
            if old.change != new.change:
                self.model.set_change(row_id, new.change)
            if old.problem != new.problem:
                self.model.set_problem(row_id, new.problem)
        self._marks = wanted

    def _show_queued_adds(self) -> None:
        """Queued adds (also from a previous run) appear as rows until they are delivered."""
        if self.session is None:
            return
        account = self.session.account
        for op in self._outbox.pending(account) + self._outbox.problems(account):
            if op.kind is not OperationKind.ADD or op.participant_id is not None:
                continue
            if op.event_key and self._belongs_in_view(op.event_key, op.customer_number):
                self.model.append(
                    [
                        self._placeholder(
                            op.row_id, op.event_key, op.customer_number or "", op.is_confirmed
                        )
                    ]
                )
        self._sync_marks()

    def _placeholder(
        self, row_id: int, event_key: str, customer_number: str, confirmed: bool | None
    ) -> Participant:
        event = self.event_for_key(event_key) or Event(id=0, event_key=event_key)
        return Participant(
            id=row_id,
            is_confirmed=bool(confirmed),
            contact=Contact(id=0, customer_number=customer_number),
            event=event,
        )

    def _belongs_in_view(self, event_key: str | None, customer_number: str | None) -> bool:
        wanted = self.filters
        if wanted.event_key and (event_key or "").casefold() != wanted.event_key.casefold():
            return False
        return not (wanted.customer_number and customer_number != wanted.customer_number)
