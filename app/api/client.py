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
from concurrent.futures import Future, ThreadPoolExecutor
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
from app.api.retry import IDEMPOTENT_METHODS, RETRY_STATUSES, RetryPolicy
from app.api.urls import normalise_base_url
from app.domain import Contact, Event, Participant

log = logging.getLogger(__name__)

PARTICIPANTS_PATH = "/api/v1/participants"
EVENTS_PATH = "/api/v1/events"
CONTACTS_PATH = "/api/v1/contacts"
INCLUDABLE = ("contact", "event", "category")

DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=20.0, write=20.0, pool=10.0)


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
            raise ConfigurationError("Enter the API key.")
        if any(ch.isspace() or not ch.isprintable() for ch in key):
            raise ConfigurationError("The API key contains spaces or line breaks; paste it again.")
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
    ) -> Iterator[list[Participant]]:
        """Participants matching the filters, one list per page, to the end of the list."""
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
        """The participation of a customer in an event, or ``None``."""
        for page in self.iter_participant_pages(event_key, customer_number):
            for participant in page:
                return participant
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
            return _with_known(self._required_participant(response), known)

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
        updated = self._participant_from(response, required=False)
        known = Participant(id=participant_id, is_confirmed=is_confirmed)
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
        pages = self._iter_pages(CONTACTS_PATH, params, parse, "contact", page_size=limit)
        try:
            for page in pages:
                found.extend(page)
                if len(found) >= limit:
                    break
        finally:
            pages.close()
        return found[:limit]

    # -- pagination --------------------------------------------------------------------------

    def _iter_pages(
        self,
        path: str,
        params: Mapping[str, str],
        parse: Callable[[Any], ItemT],
        noun: str,
        *,
        page_size: int | None = None,
    ) -> Generator[list[ItemT]]:
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

        def fresh(page: PageInfo) -> list[ItemT]:
            parsed = _parse_items(page.items, parse, noun)
            unique = [item for item in parsed if item.id not in seen]
            seen.update(item.id for item in unique)
            return unique

        yield fresh(first)
        page, pages_read = first, 1
        if first.numbered_pages_follow() and first.items:
            assert first.last_page is not None
            last = min(first.last_page, self._max_pages)
            if first.last_page > self._max_pages:
                log.warning("%s reports %d pages; reading only %d", path, first.last_page, last)
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
                page = self._fetch_page(path, None, page.next_url)
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
            # Follow only the path and query: a next link must never take the key elsewhere.
            url = httpx.URL(link)
            target = url.raw_path.decode("ascii")
            response = self._send("GET", target)
        else:
            response = self._send("GET", path, params=params)
        return read_page(self._json_of(response, allow_empty=True))

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
            can_retry = retry and status in RETRY_STATUSES and attempt < self._retry.max_attempts
            if can_retry and self._wait_before_retry(attempt, started, _retry_after(failure)):
                continue
            raise failure

    def _send_once(
        self, method: str, path: str, params: Mapping[str, str] | None, json_body: Any
    ) -> httpx.Response:
        started = time.monotonic()
        status: int | None = None
        sent = True
        try:
            response = self._http.request(method, path, params=params, json=json_body)
            status = response.status_code
        except httpx.HTTPError as exc:
            error = network_error_from(exc, method, _path_only(path), self._redact)
            sent = not isinstance(error, NetworkError) or error.request_sent
            raise error from None
        except RuntimeError as exc:  # httpx raises this when the client is already closed
            raise ClientClosedError(method=method, path=_path_only(path)) from exc
        finally:
            elapsed = time.monotonic() - started
            if sent:
                self._record(RequestRecord(method, _path_only(path), status, elapsed, time.time()))
        request_id = response.headers.get("x-request-id")
        self._local.request_id = request_id
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
            raise self._protocol_error(response, "The answer was empty.")
        try:
            body = json.loads(content)
        except (ValueError, UnicodeDecodeError):
            raise self._protocol_error(response, None) from None
        request_id = request_id_of(body)
        if request_id:
            self._local.request_id = request_id
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
            message = f"The participant in the answer cannot be identified ({exc})."
            raise self._protocol_error(response, message) from None

    def _required_participant(self, response: httpx.Response) -> Participant:
        participant = self._participant_from(response, required=True)
        assert participant is not None  # required=True raises instead of returning None
        return participant

    def _protocol_error(self, response: httpx.Response, message: str | None) -> ProtocolError:
        return ProtocolError(
            message,
            status=response.status_code,
            method=response.request.method,
            path=response.request.url.path,
            request_id=response.headers.get("x-request-id"),
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


def _parse_items(items: list[Any], parse: Callable[[Any], ItemT], noun: str) -> list[ItemT]:
    try:
        return [parse(raw) for raw in items]
    except UnreadableItemError as exc:
        # Values are read tolerantly, identity is not: a row without an id cannot be
        # confirmed or removed, and silently dropping it would hide a participant.
        raise ProtocolError(f"Plandocket sent a {noun} the app cannot identify ({exc}).") from None


def _with_known(answer: Participant, known: Participant) -> Participant:
    """The server's answer, with the values we asked for filling what it left out."""
    if answer.is_confirmed is None and known.is_confirmed is not None:
        return dataclasses.replace(answer, is_confirmed=known.is_confirmed)
    return answer


def _complains_about(error: PlandocketError, parameter: str) -> bool:
    """Whether a rejection names a query parameter (in a field error or its message)."""
    fields = error.field_errors if isinstance(error, ValidationError) else {}
    return parameter in fields or parameter in (error.server_message or "")


def _may_have_been_applied(error: PlandocketError) -> bool:
    """Whether a failed write may nevertheless have reached and changed the server."""
    if isinstance(error, NetworkError):
        return error.request_sent
    return isinstance(error, ServerError)


def _retry_after(error: PlandocketError) -> float | None:
    return error.retry_after if isinstance(error, errors.RateLimitedError) else None


def _path_only(path: str) -> str:
    return path.split("?", 1)[0]
