"""The /api/v1 endpoints of the sandbox: participants (read/write), events, contacts, categories."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from app.sandbox.auth import UNAUTHENTICATED, KeyRing, missing_scope_message, presented_key
from app.sandbox.config import SandboxConfig
from app.sandbox.errors import ApiError, ValidationFailedError
from app.sandbox.pagination import Page, Paginator
from app.sandbox.queries import ContactQuery, EventQuery
from app.sandbox.records import ParticipantRecord
from app.sandbox.serialize import JsonDict, Serializer, parse_includes
from app.sandbox.store import (
    DuplicateParticipationError,
    ParticipantNotFoundError,
    SandboxStore,
)
from app.sandbox.validation import (
    DUPLICATE_MESSAGE,
    parse_body,
    parse_query_flag,
    validate_participant,
)

PARTICIPANT_NOT_FOUND = "Participant not found"


def request_id_of(request: Request) -> str:
    """The id the request-context middleware gave this request."""
    return str(request.scope.get("state", {}).get("request_id", ""))


def _query_text(request: Request, name: str) -> str | None:
    value = request.query_params.get(name)
    return value.strip() if value is not None and value.strip() else None


class SandboxApi:
    """Route handlers bound to one server's store, keys and response settings."""

    def __init__(
        self, config: SandboxConfig, store: SandboxStore, keys: KeyRing, serializer: Serializer
    ) -> None:
        self.config = config
        self.store = store
        self.keys = keys
        self.serializer = serializer
        self.paginator = Paginator(config.pagination, config.per_page_default, config.per_page_max)
        self.events_query = EventQuery(store)
        self.contacts_query = ContactQuery(store)

    def routes(self) -> list[Route]:
        """The routing table; one Route per path so 405 answers list every allowed method."""
        return [
            Route("/api/v1/participants", self.participants, methods=["GET", "POST"]),
            Route(
                "/api/v1/participants/{participant_id}",
                self.participant,
                methods=["GET", "PUT", "PATCH", "DELETE"],
            ),
            Route("/api/v1/events", self.events, methods=["GET"]),
            Route("/api/v1/contacts", self.contacts, methods=["GET"]),
            Route("/api/v1/categories", self.categories, methods=["GET"]),
        ]

    # -- helpers ---------------------------------------------------------------------------

    def json(self, request: Request, body: JsonDict, status: int = 200) -> JSONResponse:
        """A JSON response in this server's shape (sample: with ``meta.request_id``)."""
        return JSONResponse(self.serializer.envelope(body, request_id_of(request)), status)

    def authorize(self, request: Request, scope: str) -> None:
        """401 without a known key, 403 if the key lacks ``scope``."""
        key = presented_key(request.headers, request.query_params)
        grant = None if key is None else self.keys.get(key)
        if grant is None:
            raise ApiError(401, UNAUTHENTICATED)
        if scope not in grant.scopes:
            raise ApiError(403, missing_scope_message(scope))

    def page(
        self, request: Request, items: Sequence[Any], keyset: Sequence[int] | None = None
    ) -> Page[Any]:
        """The page of ``items`` this request asks for, in the server's pagination style."""
        return self.paginator.paginate(
            items,
            path_url=str(request.url.replace(query="", fragment="")),
            query=request.query_params.multi_items(),
            keyset=keyset,
        )

    # -- participants ----------------------------------------------------------------------

    async def participants(self, request: Request) -> Response:
        """GET: list with filters, includes and pagination. POST: add a participant."""
        self.authorize(request, "participants")
        if request.method == "POST":
            return await self._create(request)
        confirmed = parse_query_flag("confirmed", request.query_params.get("confirmed"))
        includes = parse_includes(request.query_params.get("include"))
        event_key = _query_text(request, "event_key")
        customer_number = _query_text(request, "customer_number")
        event = None if event_key is None else self.store.event_by_key(event_key)
        contact = (
            None
            if customer_number is None
            else self.store.contact_by_customer_number(customer_number)
        )
        if (event_key is not None and event is None) or (
            customer_number is not None and contact is None
        ):
            page = self.page(request, [], keyset=[])  # filtering on something absent: nothing
        else:
            page = self.store.participant_window(
                lambda ids: self.page(request, ids, keyset=ids),
                event_id=None if event is None else event.id,
                contact_id=None if contact is None else contact.id,
                confirmed=confirmed,
            )
        rows = self.store.participants_by_ids(page.items)
        data = [self.serializer.participant_with(row, includes) for row in rows]
        return self.json(request, page.body(data))

    async def participant(self, request: Request) -> Response:
        """GET, PUT/PATCH or DELETE one participant."""
        self.authorize(request, "participants")
        raw_id = request.path_params["participant_id"]
        participant_id = int(raw_id) if raw_id.isascii() and raw_id.isdigit() else -1
        row = self.store.participant(participant_id)
        if row is None:
            raise ApiError(404, PARTICIPANT_NOT_FOUND)
        if request.method == "GET":
            return self._single(request, row, 200)
        if request.method == "DELETE":
            try:
                self.store.delete_participant(participant_id)
            except ParticipantNotFoundError:
                raise ApiError(404, PARTICIPANT_NOT_FOUND) from None
            return Response(status_code=204)
        return await self._update(request, participant_id)

    def _single(
        self, request: Request, row: ParticipantRecord, status: int, *, write: bool = False
    ) -> Response:
        if write and self.config.partial_write_responses:
            data = self.serializer.write_result(row, partial=True)
        else:
            data = self.serializer.participant_with(
                row, parse_includes(request.query_params.get("include"))
            )
        return self.json(request, {"data": data}, status)

    async def _create(self, request: Request) -> Response:
        body = parse_body(await request.body(), request.headers.get("content-type", ""))
        given = validate_participant(body, self.store, partial=False)
        assert given.event is not None
        assert given.contact is not None
        try:
            row = self.store.create_participant(
                given.event.id, given.contact.id, is_confirmed=bool(given.is_confirmed)
            )
        except DuplicateParticipationError:
            raise ValidationFailedError({"customer_number": [DUPLICATE_MESSAGE]}) from None
        return self._single(request, row, 201, write=True)

    async def _update(self, request: Request, participant_id: int) -> Response:
        body = parse_body(await request.body(), request.headers.get("content-type", ""))
        given = validate_participant(body, self.store, partial=True)
        try:
            row = self.store.update_participant(
                participant_id,
                event_id=None if given.event is None else given.event.id,
                contact_id=None if given.contact is None else given.contact.id,
                is_confirmed=given.is_confirmed,
            )
        except ParticipantNotFoundError:
            raise ApiError(404, PARTICIPANT_NOT_FOUND) from None
        except DuplicateParticipationError:
            raise ValidationFailedError({"customer_number": [DUPLICATE_MESSAGE]}) from None
        return self._single(request, row, 200, write=True)

    # -- neighbouring read-only resources --------------------------------------------------

    async def events(self, request: Request) -> Response:
        """GET /api/v1/events: search, visible, upcoming, sort, order, include=participant_count."""
        self.authorize(request, "events")
        params = request.query_params
        events = self.events_query.run(
            search=_query_text(request, "search"),
            visible=parse_query_flag("visible", params.get("visible")),
            upcoming=parse_query_flag("upcoming", params.get("upcoming")),
            sort=params.get("sort"),
            order=params.get("order"),
        )
        with_count = "participant_count" in {
            part.strip().lower() for part in (params.get("include") or "").split(",")
        }
        page = self.page(request, events)
        data = [
            self.serializer.event(
                event, self.store.participant_count(event.id) if with_count else None
            )
            for event in page.items
        ]
        return self.json(request, page.body(data))

    async def contacts(self, request: Request) -> Response:
        """GET /api/v1/contacts: search, event_key, category_key, sort, order."""
        self.authorize(request, "contacts")
        params = request.query_params
        ids = self.contacts_query.run(
            search=params.get("search"),
            event_key=params.get("event_key"),
            category_key=params.get("category_key"),
            sort=params.get("sort"),
            order=params.get("order"),
        )
        page = self.page(request, ids)
        data = [self.serializer.contact(c) for c in self.contacts_query.contacts(page.items)]
        return self.json(request, page.body(data))

    async def categories(self, request: Request) -> Response:
        """GET /api/v1/categories, in the tenant's sort order."""
        self.authorize(request, "categories")
        categories = sorted(self.store.categories(), key=lambda c: (c.sort_order, c.id))
        page = self.page(request, categories)
        return self.json(request, page.body([self.serializer.category(c) for c in page.items]))
