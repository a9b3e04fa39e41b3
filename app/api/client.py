"""The Plandocket REST client: one shared httpx.Client, tolerant parsing, bounded retries."""

from __future__ import annotations

import dataclasses
import json
import logging
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar

import httpx

from app import __version__
from app.api import errors
from app.api.errors import (
    ClientClosedError,
    ConfigurationError,
    NetworkError,
    PlandocketError,
    ProtocolError,
    ServerError,
    ValidationError,
)
from app.api.pagination import PageInfo, read_page
from app.api.parsing import (
    ParseCache,
    UnreadableItemError,
    parse_contact,
    parse_participant,
    request_id_of,
    unwrap_data,
)
from app.api.responses import error_from_response, excerpt, network_error_from
from app.api.retry import IDEMPOTENT_METHODS, RETRY_STATUSES, RetryPolicy, parse_retry_after
from app.api.urls import normalise_base_url
from app.domain import Contact, Event, Participant
from app.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

PARTICIPANTS_PATH = "/api/v1/participants"
EVENTS_PATH = "/api/v1/events"
CONTACTS_PATH = "/api/v1/contacts"
INCLUDABLE = ("contact", "event", "category")

DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=20.0, write=20.0, pool=10.0)


T = TypeVar("T")


class ListPage(list[T]):
    """One page of a list: the items, plus the list's total length when the server says."""

    total: int | None = None


class _HasId(Protocol):
    @property
    def id(self) -> int: ...


ItemT = TypeVar("ItemT", bound=_HasId)


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One request that reached the network, for request budgets and diagnostics."""

    method: str
    path: str
    status: int | None
    seconds: float
    at: float


class PlandocketClient:
    """Talks to one Plandocket tenant with one API key.

    Safe to share between worker threads (httpx.Client is thread-safe). Every failure
    surfaces as a :class:`~app.api.errors.PlandocketError` subclass.
    """

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        page_size: int = 1000,
        max_concurrency: int = 6,
        max_pages: int = 10_000,
        on_request: Callable[[RequestRecord], None] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.base_url = normalise_base_url(base_url)
        key = api_key.strip()
        if not key:
            raise ConfigurationError(QT_TRANSLATE_NOOP("PlandocketError", "Enter the API key."))
        if any(ch.isspace() or not ch.isprintable() for ch in key):
            raise ConfigurationError(
                QT_TRANSLATE_NOOP(
                    "PlandocketError", "The API key contains spaces or line breaks; paste it again."
                )
            )
        self._key = key
        self._retry = retry or RetryPolicy()
        self._page_size = page_size
        self._max_concurrency = max(1, max_concurrency)
        self._max_pages = max_pages
        self._on_request = on_request
        self._rng = rng or random.Random()
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._request_count = 0
        self._executor: ThreadPoolExecutor | None = None
        self._local = threading.local()
        self._http = httpx.Client(
            base_url=self.base_url,
            headers={
                "Authorization": f"Bearer {key}",
                "Accept": "application/json",
                "User-Agent": f"ParticipantDesk/{__version__}",
            },
            timeout=timeout,
            limits=httpx.Limits(
                max_connections=self._max_concurrency + 4,
                max_keepalive_connections=self._max_concurrency + 4,
            ),
            transport=transport,
            follow_redirects=False,  # a redirect could carry the key to another host
        )

    def __repr__(self) -> str:
        return f"PlandocketClient(base_url={self.base_url!r})"

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Stop waiting retries, cancel queued page fetches and close the connections."""
        self._closed.set()
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
        self._http.close()

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closed.is_set()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- counters ----------------------------------------------------------------------------

    @property
    def request_count(self) -> int:
        """Requests that reached the network since this client was made."""
        with self._lock:
            return self._request_count

    @property
    def last_request_id(self) -> str | None:
        """The server's request id of the last answer this thread received, if it sent one."""
        return getattr(self._local, "request_id", None)

    # -- participants ------------------------------------------------------------------------

    def iter_participant_pages(
        self,
        event_key: str | None = None,
        customer_number: str | None = None,
        confirmed: bool | None = None,
        include: Iterable[str] = (),
    ) -> Generator[ListPage[Participant]]:
        """Participants matching the filters, one list per page, to the end of the list.

        Each page's ``total`` is the length of the whole list when the server reports it.
        ``close()`` the generator when stopping early: that cancels queued page fetches.
        """
        params = participant_query(event_key, customer_number, confirmed, include)
        cache = ParseCache()
        return self._iter_pages(
            PARTICIPANTS_PATH, params, lambda raw: parse_participant(raw, cache), "participant"
        )

    def list_participants(
        self,
        event_key: str | None = None,
        customer_number: str | None = None,
        confirmed: bool | None = None,
        include: Iterable[str] = (),
    ) -> list[Participant]:
        """Every participant matching the filters."""
        pages = self.iter_participant_pages(event_key, customer_number, confirmed, include)
        return [participant for page in pages for participant in page]

    def get_participant(self, participant_id: int, include: Iterable[str] = ()) -> Participant:
        """One participant by id (NotFoundError when it does not exist)."""
        params = participant_query(None, None, None, include)
        response = self._send("GET", f"{PARTICIPANTS_PATH}/{participant_id}", params=params)
        return self._required_participant(response)

    def find_participation(self, event_key: str, customer_number: str) -> Participant | None:
        """The participation of a customer in an event, or ``None``.

        The included contact and event are checked against what was asked for, so a server
        that ignored a filter cannot make someone else's row pass for this one.
        """
        pages = self.iter_participant_pages(
            event_key, customer_number, include=("contact", "event")
        )
        try:
            first_page: list[Participant] = next(pages, [])
        finally:
            pages.close()
        verdicts = [(_is_participation_of(p, event_key, customer_number), p) for p in first_page]
        for verdict, participant in verdicts:
            if verdict is True:
                return participant
        if len(verdicts) == 1 and verdicts[0][0] is None:
            return verdicts[0][1]  # nothing to check it against; the filters gave exactly one
        return None

    def add_participant(
        self, event_key: str, customer_number: str, is_confirmed: bool | None = None
    ) -> Participant:
        """Add a contact to an event; never creates the participation twice.

        A POST is never blindly re-sent: after an answer that may or may not have been
        applied (dropped connection, timeout, gateway error) the client first looks for
        the participation and only posts again when it does not exist.
        """
        body: dict[str, Any] = {"event_key": event_key, "customer_number": customer_number}
        if is_confirmed is not None:
            body["is_confirmed"] = is_confirmed
        # Documented: a new participant starts "Not confirmed".
        known = Participant(id=0, is_confirmed=bool(is_confirmed))
        started = time.monotonic()
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._send("POST", PARTICIPANTS_PATH, json_body=body, retry=False)
            except ValidationError as error:
                if attempt > 1 and error.is_duplicate:
                    # An earlier, ambiguous attempt went through after all.
                    existing = self.find_participation(event_key, customer_number)
                    if existing is not None:
                        return existing
                raise
            except PlandocketError as error:
                if not error.retryable or attempt >= self._retry.max_attempts:
                    raise
                if _may_have_been_applied(error):
                    existing = self.find_participation(event_key, customer_number)
                    if existing is not None:
                        return existing
                if not self._wait_before_retry(attempt, started, _retry_after(error)):
                    raise
                continue
            try:
                created = self._required_participant(response)
            except ProtocolError:
                # The server said 2xx but its answer is unreadable: the participation was
                # probably created, so look for it rather than report a failure.
                existing = self.find_participation(event_key, customer_number)
                if existing is None:
                    raise
                return existing
            return _with_known(created, known)

    def update_participant(
        self,
        participant_id: int,
        *,
        is_confirmed: bool | None = None,
        event_key: str | None = None,
        customer_number: str | None = None,
    ) -> Participant:
        """Change a participation: confirm/unconfirm, move to another event, switch contact.

        Returns what the server answered, completed with the requested values when the
        answer is partial or empty (merge it onto the known row with ``merged_onto``).
        """
        body: dict[str, Any] = {}
        if is_confirmed is not None:
            body["is_confirmed"] = is_confirmed
        if event_key is not None:
            body["event_key"] = event_key
        if customer_number is not None:
            body["customer_number"] = customer_number
        if not body:
            raise ValueError("update_participant needs at least one field to change")
        path = f"{PARTICIPANTS_PATH}/{participant_id}"
        try:
            response = self._send("PATCH", path, json_body=body)
        except errors.RequestRejectedError as error:
            if error.status != 405:
                raise
            # Some deployments only route PUT; both are documented.
            response = self._send("PUT", path, json_body=body)
        known = Participant(id=participant_id, is_confirmed=is_confirmed)
        try:
            updated = self._participant_from(response, required=False)
        except ProtocolError as error:
            # 2xx means the change was applied; an unreadable body does not undo that.
            log.warning("update of participant %d: unreadable answer (%s)", participant_id, error)
            return known
        if updated is None:
            return known
        return _with_known(updated, known)

    def remove_participant(self, participant_id: int) -> None:
        """Remove a participation (the contact stays). Gone-on-retry counts as done."""
        self._send("DELETE", f"{PARTICIPANTS_PATH}/{participant_id}")

    # -- neighbouring resources (optional scopes) ----------------------------------------------

    def list_events(
        self,
        search: str | None = None,
        *,
        upcoming: bool | None = None,
        visible: bool | None = None,
        include_participant_count: bool = False,
    ) -> list[Event]:
        """Events for a picker (needs the ``events`` scope)."""
        params: dict[str, str] = {"sort": "date_from", "order": "desc"}
        if search:
            params["search"] = search
        if upcoming is not None:
            params["upcoming"] = "1" if upcoming else "0"
        if visible is not None:
            params["visible"] = "1" if visible else "0"
        if include_participant_count:
            params["include"] = "participant_count"
        cache = ParseCache()

        def parse(raw: Any) -> Event:
            event = cache.event(raw)
            if event is None:
                raise UnreadableItemError("event without an id or key")
            return event

        return [e for page in self._iter_pages(EVENTS_PATH, params, parse, "event") for e in page]

    def search_contacts(
        self, search: str, *, event_key: str | None = None, limit: int = 50
    ) -> list[Contact]:
        """Up to ``limit`` contacts matching a name, company, email or number."""
        params: dict[str, str] = {"search": search}
        if event_key:
            params["event_key"] = event_key
        cache = ParseCache()

        def parse(raw: Any) -> Contact:
            contact = parse_contact(raw, cache)
            if contact is None:
                raise UnreadableItemError("contact without an id")
            return contact

        found: list[Contact] = []
        pages = self._iter_pages(
            CONTACTS_PATH, params, parse, "contact", page_size=limit, max_items=limit
        )
        try:
            for page in pages:
                found.extend(page)
                if len(found) >= limit:
                    break
        finally:
            pages.close()
        return found[:limit]

    def probe(self, resource: str) -> None:
        """One cheap ``GET /api/v1/<resource>?per_page=1`` without retries; raises on failure.

        For checking a key's scopes: returns when the key may read ``resource`` and the
        answer is JSON (ProtocolError when, say, a web page answered instead).
        """
        if not resource.isascii() or not resource.replace("-", "").isalpha():
            raise ValueError(f"not a resource name: {resource!r}")
        response = self._send("GET", f"/api/v1/{resource}", params={"per_page": "1"}, retry=False)
        self._json_of(response, allow_empty=True)

    # -- pagination --------------------------------------------------------------------------

    def _iter_pages(
        self,
        path: str,
        params: Mapping[str, str],
        parse: Callable[[Any], ItemT],
        noun: str,
        *,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> Generator[ListPage[ItemT]]:
        base_params = {**params, "per_page": str(page_size or self._page_size)}
        try:
            first = self._fetch_page(path, base_params, None)
        except (ValidationError, errors.RequestRejectedError) as error:
            if not _complains_about(error, "per_page"):
                raise
            # The server refuses the page size we asked for: use its default instead.
            base_params.pop("per_page")
            first = self._fetch_page(path, base_params, None)

        seen: set[int] = set()

        total = first.total

        def fresh(page: PageInfo) -> ListPage[ItemT]:
            parsed = _parse_items(page.items, parse, noun, path)
            unique = ListPage(item for item in parsed if item.id not in seen)
            unique.total = page.total if page.total is not None else total
            seen.update(item.id for item in unique)
            return unique

        yield fresh(first)
        page, pages_read = first, 1
        if first.numbered_pages_follow() and first.items:
            assert first.last_page is not None
            last = min(first.last_page, self._max_pages)
            if first.last_page > self._max_pages:
                log.warning("%s reports %d pages; reading only %d", path, first.last_page, last)
            if max_items is not None:
                # Fetch ahead only the pages holding the first max_items items: every page
                # beyond costs a request of the hourly budget (later ones follow lazily).
                per_page = first.per_page or len(first.items)
                last = min(last, max(1, -(-max_items // per_page)))
            for page in self._fetch_numbered_pages(path, base_params, range(2, last + 1)):
                yield fresh(page)
            pages_read = last

        followed: set[str] = set()
        while page.has_next and page.items:
            if pages_read >= self._max_pages:
                log.warning("%s: stopped after %d pages", path, pages_read)
                return
            marker = page.next_url or json.dumps(page.next_params, sort_keys=True)
            if marker in followed:
                log.warning("%s: the server repeated a next-page link; stopping", path)
                return
            followed.add(marker)
            if page.next_url is not None:
                page = self._fetch_page(path, base_params, page.next_url)
            else:
                page = self._fetch_page(path, {**base_params, **(page.next_params or {})}, None)
            pages_read += 1
            yield fresh(page)

    def _fetch_numbered_pages(
        self, path: str, params: Mapping[str, str], numbers: range
    ) -> Iterator[PageInfo]:
        """Pages by number, several in flight at once, yielded in order."""
        executor = self._page_executor()
        queue: deque[Future[PageInfo]] = deque()
        wanted = iter(numbers)

        def submit_next() -> None:
            number = next(wanted, None)
            if number is not None:
                queue.append(
                    executor.submit(self._fetch_page, path, {**params, "page": str(number)}, None)
                )

        try:
            for _ in range(self._max_concurrency):
                submit_next()
            while queue:
                page = queue.popleft().result()
                submit_next()
                yield page
        except (CancelledError, RuntimeError) as exc:
            # close() cancelled the queued fetches or shut the executor down meanwhile.
            if not self._closed.is_set():
                raise
            raise ClientClosedError(method="GET", path=path) from exc
        finally:
            for pending in queue:
                pending.cancel()

    def _page_executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._closed.is_set():
                raise ClientClosedError()
            if self._executor is None:
                self._executor = ThreadPoolExecutor(
                    max_workers=self._max_concurrency, thread_name_prefix="plandocket-page"
                )
            return self._executor

    def _fetch_page(
        self, path: str, params: Mapping[str, str] | None, link: str | None
    ) -> PageInfo:
        if link is not None:
            path, link_params = self._follow(link, path)
            # Laravel's default links drop the filters (unless the server uses
            # withQueryString()), so the original query stays and the link adds to it.
            params = {**(params or {}), **link_params}
        response = self._send("GET", path, params=params)
        return read_page(self._json_of(response, allow_empty=True))

    def _follow(self, link: str, list_path: str) -> tuple[str, dict[str, str]]:
        """Path and query of a next-page link, resolved against our own base URL.

        Only the path and query are used: a link must never take the key to another host
        or over plain http, and a key the server put in the link is not sent back.
        """
        try:
            url = httpx.URL(link)
        except httpx.InvalidURL:
            raise ProtocolError(
                QT_TRANSLATE_NOOP(
                    "PlandocketError", "Plandocket sent a next-page link the app cannot follow."
                ),
                method="GET",
                path=list_path,
            ) from None
        path = url.path
        prefix = httpx.URL(self.base_url).path.rstrip("/")
        if prefix and path.startswith(prefix + "/"):
            path = path[len(prefix) :]  # the client adds the base path itself
        if not path.startswith("/api/"):
            path = list_path
        params = {name: value for name, value in url.params.items() if name != "api_key"}
        return path, params

    # -- sending -----------------------------------------------------------------------------

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json_body: Any = None,
        retry: bool = True,
    ) -> httpx.Response:
        """One call with retries for idempotent methods; returns a 2xx response."""
        retry = retry and method in IDEMPOTENT_METHODS
        started = time.monotonic()
        attempt = 0
        while True:
            attempt += 1
            if self._closed.is_set():
                raise ClientClosedError(method=method, path=_path_only(path))
            try:
                response = self._send_once(method, path, params, json_body)
            except NetworkError:
                can_retry = retry and attempt < self._retry.max_attempts
                if can_retry and self._wait_before_retry(attempt, started, None):
                    continue
                raise
            status = response.status_code
            if 200 <= status < 300:
                return response
            if method == "DELETE" and status == 404 and attempt > 1:
                return response  # an earlier attempt removed it
            failure = error_from_response(response, method, self._redact)
            if failure.request_id:
                self._local.request_id = failure.request_id
            can_retry = retry and status in RETRY_STATUSES and attempt < self._retry.max_attempts
            wait = _retry_after(failure, response)
            if can_retry and self._wait_before_retry(attempt, started, wait):
                continue
            raise failure

    def _send_once(
        self, method: str, path: str, params: Mapping[str, str] | None, json_body: Any
    ) -> httpx.Response:
        started = time.monotonic()
        status: int | None = None
        sent = True
        failure: PlandocketError | None = None
        try:
            response = self._http.request(method, path, params=params, json=json_body)
            status = response.status_code
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            # InvalidURL is no HTTPError: httpx raises it for a redirect to a malformed Location.
            failure = network_error_from(exc, method, _path_only(path), self._redact)
            sent = not isinstance(failure, NetworkError) or failure.request_sent
        except RuntimeError as exc:  # httpx raises this when the client is already closed
            raise ClientClosedError(method=method, path=_path_only(path)) from exc
        finally:
            elapsed = time.monotonic() - started
            if sent:
                self._record(RequestRecord(method, _path_only(path), status, elapsed, time.time()))
        if failure is not None:
            # Raised outside the except block: the httpx exception (whose text may quote
            # the key) must not stay reachable as __context__.
            raise failure
        request_id = response.headers.get("x-request-id")
        self._local.request_id = self._redact(request_id) if request_id else None
        log.debug("%s %s -> %s in %.0f ms", method, _path_only(path), status, elapsed * 1000)
        return response

    def _record(self, record: RequestRecord) -> None:
        with self._lock:
            self._request_count += 1
        if self._on_request is not None:
            self._on_request(record)

    def _wait_before_retry(self, attempt: int, started: float, retry_after: float | None) -> bool:
        """Sleep before the next attempt; ``False`` when the retry budget does not allow it."""
        delay = self._retry.delay(attempt, retry_after, self._rng)
        if delay is None or time.monotonic() - started + delay > self._retry.max_total:
            return False
        if self._closed.wait(delay):
            raise ClientClosedError()
        return True

    # -- decoding ----------------------------------------------------------------------------

    def _json_of(self, response: httpx.Response, *, allow_empty: bool) -> Any:
        content = response.content
        if not content.strip():
            if allow_empty:
                return None
            raise self._protocol_error(
                response, QT_TRANSLATE_NOOP("PlandocketError", "The answer was empty.")
            )
        try:
            body = json.loads(content)
        except (ValueError, UnicodeDecodeError, RecursionError):  # recursion: absurd nesting
            raise self._protocol_error(response, None) from None
        request_id = request_id_of(body)
        if request_id:
            self._local.request_id = self._redact(request_id)
        return body

    def _participant_from(self, response: httpx.Response, *, required: bool) -> Participant | None:
        body = self._json_of(response, allow_empty=not required)
        payload = unwrap_data(body)
        if payload is None and not required:
            return None
        if isinstance(payload, list) and len(payload) == 1:
            payload = payload[0]
        try:
            return parse_participant(payload)
        except UnreadableItemError as exc:
            message = QT_TRANSLATE_NOOP(
                "PlandocketError", "The participant in the answer cannot be identified ({reason})."
            )
            raise self._protocol_error(response, message, values={"reason": str(exc)}) from None

    def _required_participant(self, response: httpx.Response) -> Participant:
        participant = self._participant_from(response, required=True)
        assert participant is not None  # required=True raises instead of returning None
        return participant

    def _protocol_error(
        self,
        response: httpx.Response,
        message: str | None,
        values: dict[str, object] | None = None,
    ) -> ProtocolError:
        return ProtocolError(
            message,
            values=values,
            status=response.status_code,
            method=response.request.method,
            path=response.request.url.path,
            request_id=self.last_request_id,  # of this response: set by _send_once/_json_of
            server_message=excerpt(response, self._redact),
        )

    def _redact(self, text: str) -> str:
        return text.replace(self._key, "[API key]") if self._key in text else text


def participant_query(
    event_key: str | None,
    customer_number: str | None,
    confirmed: bool | None,
    include: Iterable[str],
) -> dict[str, str]:
    """Query parameters of the participants list."""
    params: dict[str, str] = {}
    if event_key:
        params["event_key"] = event_key
    if customer_number:
        params["customer_number"] = customer_number
    if confirmed is not None:
        params["confirmed"] = "1" if confirmed else "0"
    wanted = list(dict.fromkeys(include))
    unknown = [name for name in wanted if name not in INCLUDABLE]
    if unknown:
        raise ValueError(f"cannot include {unknown}; choose from {INCLUDABLE}")
    if wanted:
        params["include"] = ",".join(wanted)
    return params


def _parse_items(
    items: list[Any], parse: Callable[[Any], ItemT], noun: str, path: str
) -> list[ItemT]:
    try:
        return [parse(raw) for raw in items]
    except UnreadableItemError as exc:
        # Values are read tolerantly, identity is not: a row without an id cannot be
        # confirmed or removed, and silently dropping it would hide a participant.
        raise ProtocolError(
            QT_TRANSLATE_NOOP(
                "PlandocketError", "Plandocket sent a {noun} the app cannot identify ({reason})."
            ),
            values={"noun": noun, "reason": str(exc)},
            method="GET",
            path=path,
        ) from None


def _with_known(answer: Participant, known: Participant) -> Participant:
    """The server's answer, with the values we asked for filling what it left out."""
    if answer.is_confirmed is None and known.is_confirmed is not None:
        return dataclasses.replace(answer, is_confirmed=known.is_confirmed)
    return answer


def _is_participation_of(
    participant: Participant, event_key: str, customer_number: str
) -> bool | None:
    """Whether a row is this participation: True, False, or None when it cannot be told."""
    checks = []
    if participant.event is not None:
        checks.append(participant.event.event_key == event_key)
    if participant.contact is not None and participant.contact.customer_number is not None:
        checks.append(participant.contact.customer_number == customer_number)
    if not checks:
        return None
    return all(checks)


def _complains_about(error: PlandocketError, parameter: str) -> bool:
    """Whether a rejection names a query parameter (in a field error or its message)."""
    fields = error.field_errors if isinstance(error, ValidationError) else {}
    return parameter in fields or parameter in (error.server_message or "")


def _may_have_been_applied(error: PlandocketError) -> bool:
    """Whether a failed write may nevertheless have reached and changed the server."""
    if isinstance(error, NetworkError):
        return error.request_sent
    return isinstance(error, ServerError)


def _retry_after(error: PlandocketError, response: httpx.Response | None = None) -> float | None:
    if isinstance(error, errors.RateLimitedError):
        return error.retry_after
    if response is not None and "retry-after" in response.headers:
        # A 502/503/504 may say how long the outage lasts; honour it like a 429's.
        return parse_retry_after({"retry-after": response.headers["retry-after"]})
    return None


def _path_only(path: str) -> str:
    return path.split("?", 1)[0]
