"""What a check-in desk does: look people up, check them in through the outbox, keep counts.

Check-ins go through the same outbox as every other change: durable before the desk shows
"Confirmed", sent in the background, one request each. The event's list comes from the
offline cache at once and is refreshed in the background, as often as the hourly request
budget (shared by every desk using the key) allows, and never ahead of waiting check-ins.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject, QTime, QTimer, Signal

from app.budget import RequestBudget
from app.desk.lookup import DeskIndex, normalise_code
from app.desk.refresh_planner import estimate_checkin_rate, plan_refresh
from app.desk.results import DeskResult, ResultKind
from app.domain import Event, Participant, ParticipantFilter
from app.session import Session
from app.store import Operation, OperationKind, OperationStateError, Outbox
from app.store.participant_cache import ParticipantCache
from app.ui.dialogs.add_participant import AddParticipantRequest
from app.ui.outbox_sender import OutboxSender
from app.ui.participant_loader import LoadedPage, ParticipantLoader
from app.ui.participants_controller import describe, operation_label
from app.ui.submission import Submission
from app.ui.translation import error_text
from app.workers import Worker, WorkerPool

log = logging.getLogger(__name__)

DUPLICATE_SCAN_SECONDS = 3.0
PAGE_SIZE_GUESS = 100  # rows per page when the server has not told us yet
FULL_REFRESH_EVERY = 4  # every 4th refresh reads everyone, the others only the confirmed


@dataclass
class CheckIn:
    """A check-in made at this desk in this session."""

    op: Operation
    participant: Participant
    at: datetime
    state: str = "waiting"  # waiting, sent, failed, undone


class DeskController(QObject):
    """The desk's logic, presented by the desk window."""

    result = Signal(object)  # DeskResult
    choices = Signal(list)  # several matches: the pick list (empty list hides it)
    counts_changed = Signal()
    recent_added = Signal(str, object, str, str)  # key, time, name, state
    recent_state = Signal(str, str, str)  # key, state, message
    arrival = Signal(object)  # datetime of a check-in made here
    status = Signal(str)  # loading / refresh / offline notes for the status line
    sound = Signal(str)  # "ok", "already", "error"
    event_known = Signal(object)  # the Event, once its title and dates are known

    def __init__(
        self,
        *,
        session: Session,
        outbox: Outbox,
        sender: OutboxSender,
        pool: WorkerPool,
        loader: ParticipantLoader,
        cache: ParticipantCache,
        budget: RequestBudget,
        require_enter: bool = False,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._outbox = outbox
        self._sender = sender
        self._pool = pool
        self._loader = loader
        self._cache = cache
        self.budget = budget
        self.require_enter = require_enter
        self._clock = clock
        self.index = DeskIndex()
        self.event_key = ""
        self.desk_event: Event | None = None
        self._wanted: dict[int, bool] = {}  # participant id -> state a queued change will set
        self._confirmed = 0
        self._checkins: dict[str, CheckIn] = {}  # op id -> check-in made here
        self._undo_stack: list[CheckIn] = []
        self._last_code: tuple[str, float] | None = None
        self._awaiting: Participant | None = None  # require_enter: shown, waiting for Enter
        self.walk_in_code = ""
        self._page_size = PAGE_SIZE_GUESS
        self._refreshes = 0
        self._refresh_rows: list[Participant] = []
        self._refresh_keys: list[str] = []
        self._refresh_full = True
        self._refresh_started: float | None = None  # wall-clock time of the last refresh
        self._cache_dirty: list[Participant] = []
        self._refresh_blocked = False
        self._refreshes_done = 0
        self.next_refresh_note = ""

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self.refresh)
        self._cache_timer = QTimer(self)
        self._cache_timer.setSingleShot(True)
        self._cache_timer.setInterval(5000)
        self._cache_timer.timeout.connect(self._store_changes)

        loader.page_loaded.connect(self._on_page)
        loader.finished.connect(self._on_loaded)
        loader.failed.connect(self._on_load_failed)
        loader.requests_made.connect(self._count_requests)
        sender.delivered.connect(self._on_delivered)
        sender.problem.connect(self._on_problem)
        sender.pending_changed.connect(lambda _count: self.counts_changed.emit())

    # -- opening -------------------------------------------------------------------------------

    def open_event(self, event_key: str, event: Event | None = None) -> None:
        """Work on one event: from the offline cache at once, then fresh from the server."""
        self.event_key = event_key.strip()
        self.desk_event = event
        self._replace_index([])
        self.counts_changed.emit()
        account = self.session.account
        self.status.emit(QCoreApplication.translate("DeskController", "Opening the offline copy…"))

        def read(_worker: Worker) -> object:
            return self._cache.load(account, self.event_key)

        def show(cached: object) -> None:
            participants = getattr(cached, "participants", None)
            if participants and len(self.index) == 0:
                self._replace_index(participants)
                if self.desk_event is None:
                    found = next((p.event for p in participants if p.event is not None), None)
                    if found is not None:
                        self.desk_event = found
                        self.event_known.emit(found)
                fetched = datetime.fromtimestamp(getattr(cached, "fetched_at", 0.0), tz=UTC)
                self.status.emit(
                    QCoreApplication.translate(
                        "DeskController", "Offline copy from %1; refreshing…"
                    ).replace("%1", _clock(fetched))
                )
                self.counts_changed.emit()
            self.refresh(full=True)

        self._pool.submit(
            read, name="desk-cache-read", on_result=show, on_error=lambda _e: show(None)
        )

    # -- scans and searches --------------------------------------------------------------------

    def submit(self, text: str) -> None:
        """A scan (or Enter after typing): check in, offer a choice, or say not registered."""
        code = text.strip()
        if not code:
            if self._awaiting is not None:  # require_enter: the confirming Enter
                participant, self._awaiting = self._awaiting, None
                self.check_in(participant)
            return
        now = self._clock()
        normalised = normalise_code(code)
        if self._last_code is not None:
            last, at = self._last_code
            if last == normalised and now - at < DUPLICATE_SCAN_SECONDS:
                return  # the same badge twice in a row: ignored, not a problem
        self._last_code = (normalised, now)
        self._awaiting = None
        found = self.index.lookup(code)
        if found.single is not None:
            self.choices.emit([])
            if self.require_enter:
                self._awaiting = found.single
                self.result.emit(
                    self._describe(
                        ResultKind.SEVERAL,
                        found.single,
                        QCoreApplication.translate("DeskController", "Press Enter to check in"),
                    )
                )
                return
            self.check_in(found.single)
        elif found.matches:
            self.choices.emit(found.matches)
            self.result.emit(
                DeskResult(
                    ResultKind.SEVERAL,
                    QCoreApplication.translate(
                        "DeskController", "%1 matches — choose with ↑ ↓ and Enter"
                    ).replace("%1", str(len(found.matches))),
                    at=self._now(),
                )
            )
        else:
            self.choices.emit([])
            self.walk_in_code = code
            self.sound.emit("error")
            self.result.emit(
                DeskResult(
                    ResultKind.NOT_REGISTERED,
                    QCoreApplication.translate("DeskController", "Not registered for this event"),
                    detail=QCoreApplication.translate(
                        "DeskController", "“%1” — press F2 to add as walk-in"
                    ).replace("%1", code),
                    at=self._now(),
                )
            )

    def choose(self, participant: Participant) -> None:
        """The person picked from the list of matches."""
        self.choices.emit([])
        self.check_in(participant)

    def check_in(self, participant: Participant) -> None:
        """Confirm a participant (or say they already are)."""
        current = self.index.get(participant.id) or participant
        if self.is_confirmed(current):
            self.sound.emit("already")
            self.result.emit(
                self._describe(
                    ResultKind.ALREADY_CONFIRMED, current, headline=self._already(current)
                )
            )
            return
        event_key = self.event_key
        op = self._outbox.enqueue(
            account=self.session.account,
            kind=OperationKind.CONFIRM,
            row_id=current.id,
            label=operation_label(OperationKind.CONFIRM, current, event_key),
            event_key=event_key,
            customer_number=current.contact.customer_number if current.contact else None,
            is_confirmed=True,
        )
        self._sender.wake()
        checkin = CheckIn(op, current, self._now())
        self._checkins[op.op_id] = checkin
        self._undo_stack.append(checkin)
        self._want(current.id, True)
        self.sound.emit("ok")
        self.result.emit(
            self._describe(
                ResultKind.CONFIRMED,
                current,
                QCoreApplication.translate("DeskController", "Confirmed"),
            )
        )
        self.recent_added.emit(op.op_id, checkin.at, describe(current), "waiting")
        self.arrival.emit(checkin.at)
        self.counts_changed.emit()

    def undo(self) -> bool:
        """Take back the last check-in made here (an unconfirm through the outbox)."""
        while self._undo_stack:
            checkin = self._undo_stack.pop()
            if checkin.state != "undone":
                break
        else:
            return False
        participant = checkin.participant
        discarded = False
        latest = self._outbox.get(checkin.op.op_id)
        if latest is not None and latest.attempts == 0 and not latest.maybe_applied:
            try:  # never sent: simply take it out of the queue, no request needed
                self._outbox.discard(checkin.op.op_id)
                discarded = True
            except OperationStateError:
                discarded = False
        if discarded:
            self._want(participant.id, None)
        else:
            self._outbox.enqueue(
                account=self.session.account,
                kind=OperationKind.UNCONFIRM,
                row_id=participant.id,
                label=operation_label(OperationKind.UNCONFIRM, participant, self.event_key),
                event_key=self.event_key,
                is_confirmed=False,
            )
            self._want(participant.id, False)
            self._sender.wake()
        checkin.state = "undone"
        self.recent_state.emit(checkin.op.op_id, "undone", "")
        self.result.emit(
            self._describe(
                ResultKind.UNDONE,
                participant,
                QCoreApplication.translate("DeskController", "Check-in taken back"),
            )
        )
        self.counts_changed.emit()
        return True

    def add_walk_in(self, request: AddParticipantRequest) -> Submission:
        """Add someone not registered, confirmed at once, through the normal add path."""
        row_id = self._outbox.new_temporary_row_id()
        placeholder = Participant(id=row_id, is_confirmed=True, contact=request.contact)
        op = self._outbox.enqueue(
            account=self.session.account,
            kind=OperationKind.ADD,
            row_id=row_id,
            label=operation_label(OperationKind.ADD, placeholder, request.event_key),
            event_key=request.event_key,
            customer_number=request.customer_number,
            is_confirmed=True,
        )
        submission = self._sender.track(op)
        self._sender.wake()
        self.walk_in_code = ""
        return submission

    # -- what the desk shows -------------------------------------------------------------------

    def is_confirmed(self, participant: Participant) -> bool:
        """Confirmed as far as this desk knows, queued check-ins included."""
        wanted = self._wanted.get(participant.id)
        return bool(participant.is_confirmed) if wanted is None else wanted

    @property
    def confirmed_count(self) -> int:
        """Participants of the event shown as confirmed (kept up to date, not counted)."""
        return self._confirmed

    # Every change of the index or of a queued state goes through these three, which keep
    # the confirmed count exact without counting 100k rows after every scan.

    def _replace_index(
        self, participants: Sequence[Participant], keys: Sequence[str] | None = None
    ) -> None:
        self.index.replace_all(participants, keys)
        self._confirmed = sum(1 for p in self.index.participants() if self.is_confirmed(p))

    def _update_index(self, participant: Participant) -> None:
        before = self._shown_confirmed(participant.id)
        self.index.update(participant)
        self._confirmed += self._shown_confirmed(participant.id) - before

    def _want(self, participant_id: int, state: bool | None) -> None:
        before = self._shown_confirmed(participant_id)
        if state is None:
            self._wanted.pop(participant_id, None)
        else:
            self._wanted[participant_id] = state
        self._confirmed += self._shown_confirmed(participant_id) - before

    def _shown_confirmed(self, participant_id: int) -> int:
        participant = self.index.get(participant_id)
        return int(participant is not None and self.is_confirmed(participant))

    @property
    def total_count(self) -> int:
        """Participants of the event."""
        return len(self.index)

    @property
    def loaded_once(self) -> bool:
        """Whether the event's list came from the server at least once this session."""
        return self._refreshes_done > 0

    @property
    def refreshing(self) -> bool:
        """Whether the event's list is being read right now."""
        return self._loader.loading

    @property
    def waiting_count(self) -> int:
        """Check-ins (and other changes) of this account not yet delivered."""
        return self._outbox.pending_count(self.session.account)

    def arrivals(self) -> list[datetime]:
        """Times of the check-ins made here that were not taken back."""
        return [c.at for c in self._checkins.values() if c.state != "undone"]

    def _describe(
        self, kind: ResultKind, participant: Participant, headline: str = "", detail: str = ""
    ) -> DeskResult:
        contact = participant.contact
        number = contact.customer_number if contact else None
        return DeskResult(
            kind,
            headline,
            company=contact.company_name if contact else None,
            person=(contact.person_name or None) if contact else None,
            detail=detail
            or (
                QCoreApplication.translate("DeskController", "Customer no. %1").replace(
                    "%1", number
                )
                if number
                else None
            ),
            at=self._now(),
        )

    def _already(self, participant: Participant) -> str:
        mine = [c for c in self._checkins.values() if c.participant.id == participant.id]
        if mine and mine[-1].state != "undone":
            when = _when(mine[-1].at)
            return QCoreApplication.translate(
                "DeskController", "Already confirmed %1 at this desk"
            ).replace("%1", when)
        if participant.updated_at is not None:
            # The last change of a confirmed participant is, as far as we know, its confirmation.
            return QCoreApplication.translate("DeskController", "Already confirmed %1").replace(
                "%1", _when(participant.updated_at)
            )
        return QCoreApplication.translate("DeskController", "Already confirmed")

    def _now(self) -> datetime:
        return datetime.now(UTC)

    # -- delivery ------------------------------------------------------------------------------

    def _on_delivered(self, op: Operation, participant: object) -> None:
        if op.account != self.session.account:
            return
        if isinstance(participant, Participant):
            self._update_index(participant)
            self._cache_dirty.append(self.index.get(participant.id) or participant)
            if not self._cache_timer.isActive():
                self._cache_timer.start()
            if op.kind is OperationKind.ADD and op.event_key == self.event_key:
                self._fetch_walk_in(participant.id)
        if self._wanted.get(op.row_id) == op.is_confirmed and not self._still_queued(op.row_id):
            self._want(op.row_id, None)
        checkin = self._checkins.get(op.op_id)
        if checkin is not None and checkin.state == "waiting":
            checkin.state = "sent"
            self.recent_state.emit(op.op_id, "sent", "")
        self.counts_changed.emit()

    def _on_problem(self, op: Operation) -> None:
        if op.account != self.session.account:
            return
        self._want(op.row_id, None)
        checkin = self._checkins.get(op.op_id)
        if checkin is not None:
            checkin.state = "failed"
            self.recent_state.emit(op.op_id, "failed", op.error_message or "")
        self.counts_changed.emit()

    def _fetch_walk_in(self, participant_id: int) -> None:
        # The answer to a POST rarely includes the contact, and the desk finds people by it.
        client = self.session.client

        def fetch(_worker: Worker) -> Participant:
            return client.get_participant(participant_id, include=("contact", "event", "category"))

        def show(fresh: Participant) -> None:
            self._update_index(fresh)
            self.counts_changed.emit()

        self._pool.submit(fetch, name="desk-walk-in", on_result=show)

    def _still_queued(self, row_id: int) -> bool:
        return any(op.row_id == row_id for op in self._outbox.pending(self.session.account))

    # -- refreshing ----------------------------------------------------------------------------

    def refresh(self, *, full: bool | None = None) -> None:
        """Read the event again (other desks' check-ins), unless check-ins are waiting."""
        self._refresh_timer.stop()
        if not self.event_key:
            return
        if self.waiting_count or self._loader.loading or (self._refresh_blocked and not full):
            self._schedule_refresh()  # check-ins go first; a blocked plan only plans again
            return
        self._refreshes += 1
        self._refresh_full = bool(full) or self._refreshes % FULL_REFRESH_EVERY == 1
        confirmed = None if self._refresh_full else True
        self._refresh_rows, self._refresh_keys = [], []
        self._refresh_started = time.time()
        self._loader.load(
            self.session.connection,
            ParticipantFilter(event_key=self.event_key, confirmed=confirmed),
        )

    def _on_page(self, page: LoadedPage) -> None:
        self._refresh_rows.extend(page.participants)
        self._refresh_keys.extend(page.keys)

    def _on_loaded(self, _generation: int, count: int) -> None:
        rows, self._refresh_rows = self._refresh_rows, []
        keys, self._refresh_keys = self._refresh_keys, []
        self._refreshes_done += 1
        if self.desk_event is None:
            # Started straight into the desk, before the event list arrived: the rows say.
            self.desk_event = next((p.event for p in rows if p.event is not None), None)
            if self.desk_event is not None:
                self.event_known.emit(self.desk_event)
        if self._refresh_full:
            self._replace_index(rows, keys)
        else:
            for participant in rows:
                self._update_index(participant)
        self.counts_changed.emit()
        account, event_key, full = self.session.account, self.event_key, self._refresh_full
        snapshot = list(self.index.participants())

        def store(_worker: Worker) -> None:
            if full:
                self._cache.save(account, event_key, snapshot, fetched_at=time.time())
            else:
                self._cache.update(account, event_key, rows)

        self._pool.submit(store, name="desk-cache-save")
        self.status.emit(
            QCoreApplication.translate("DeskController", "Up to date at %1 (%2 participants)")
            .replace("%1", _clock(datetime.now(UTC)))
            .replace("%2", QLocale().toString(len(self.index)))
        )
        self._schedule_refresh()

    def _on_load_failed(self, _generation: int, error: Exception) -> None:
        message = error_text(error)
        self.status.emit(
            QCoreApplication.translate("DeskController", "Working offline: %1").replace(
                "%1", message
            )
        )
        self._schedule_refresh()

    def _schedule_refresh(self) -> None:
        now = time.time()
        full_next = self._refreshes % FULL_REFRESH_EVERY == 0
        expected_rows = len(self.index) if full_next else self.confirmed_count
        cost = max(1, -(-max(1, expected_rows) // self._page_size))
        plan = plan_refresh(
            now=now,
            budget=self.budget,
            refresh_cost=cost,
            # The busiest of the last 10/30/60 minutes: a quiet start must not let
            # refreshes spend what the coming rush of check-ins needs.
            checkin_rate_per_hour=estimate_checkin_rate(
                (at.timestamp() for at in self.arrivals()), now
            ),
            pending_checkins=self.waiting_count,
            last_refresh_at=self._refresh_started,
            translate=lambda text: QCoreApplication.translate("RefreshPlanner", text),
            number=QLocale().toString,
        )
        self.next_refresh_note = plan.reason
        self._refresh_blocked = plan.blocked
        self._refresh_timer.start(int(plan.delay * 1000))
        self.counts_changed.emit()

    def _count_requests(self, count: int) -> None:
        self.budget.record(count=count)

    def _store_changes(self) -> None:
        rows, self._cache_dirty = self._cache_dirty, []
        if not rows:
            return
        account, event_key = self.session.account, self.event_key
        self._pool.submit(
            lambda _worker: self._cache.update(account, event_key, rows), name="desk-cache-update"
        )

    def stop(self) -> None:
        """Stop refreshing (the desk closes); write the last changes to the offline copy."""
        self._refresh_timer.stop()
        self._cache_timer.stop()
        rows, self._cache_dirty = self._cache_dirty, []
        if rows:
            self._cache.update(self.session.account, self.event_key, rows)


def _clock(moment: datetime) -> str:
    """ "10:42" / "10:42 AM": the local time of day in the locale's own format."""
    local = moment.astimezone()
    return QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)


def _when(moment: datetime) -> str:
    """ "at 10:42" today, "on 9 Jan at 16:20" otherwise, in the locale's own formats."""
    local = moment.astimezone()
    locale = QLocale()
    time_text = locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    if local.date() == datetime.now().astimezone().date():
        return QCoreApplication.translate("DeskController", "at %1").replace("%1", time_text)
    day = locale.toString(QDate(local.year, local.month, local.day), QLocale.FormatType.ShortFormat)
    return (
        QCoreApplication.translate("DeskController", "on %1 at %2")
        .replace("%1", day)
        .replace("%2", time_text)
    )


def pick_label(participant: Participant) -> str:
    """How a match is listed in the pick list."""
    contact = participant.contact
    number = contact.customer_number if contact else ""
    return f"{describe(participant)} — #{number}" if number else describe(participant)


def matches_summary(matches: Sequence[Participant]) -> str:
    """One line for a screen reader when a pick list appears."""
    return ", ".join(pick_label(p) for p in matches[:5])
