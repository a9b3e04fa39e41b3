"""deliver(): each outcome class against a scripted MockTransport, verify_first included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from app.api import (
    AuthenticationError,
    ClientClosedError,
    NetworkError,
    PermissionDeniedError,
    ProtocolError,
    RateLimitedError,
    ServerError,
    ValidationError,
)
from app.store import DeliveryOutcome, Operation, Outbox, OutcomeKind, deliver
from app.store.delivery import GONE_MESSAGE, NEVER_CREATED_MESSAGE
from tests.unit.api._support import (
    BASE,
    KEY,
    NO_RETRY,
    PARTICIPANTS,
    Server,
    make_client,
    participant,
    respond,
)

BY_ID = f"{PARTICIPANTS}/7"


@pytest.fixture
def outbox(tmp_path: Path):
    box = Outbox(tmp_path / "outbox.db")
    yield box
    box.close()


def op_of(outbox: Outbox, kind: str, row_id: int = 7, **fields: Any) -> Operation:
    return outbox.enqueue(
        account=BASE, kind=kind, row_id=row_id, label=f"{kind} {row_id}", **fields
    )


def new_add(outbox: Outbox, **fields: Any) -> Operation:
    row = outbox.new_temporary_row_id()
    return op_of(outbox, "add", row, event_key="EXPO26", customer_number="10786", **fields)


def run(op: Operation, server: Server, *, verify_first: bool = False) -> DeliveryOutcome:
    client = make_client(server, retry=NO_RETRY)
    try:
        return deliver(op, client, verify_first=verify_first)
    finally:
        client.close()


# -- DONE ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "target"), [("confirm", True), ("unconfirm", False)])
def test_confirm_and_unconfirm_send_one_patch_and_carry_the_servers_participant(
    outbox: Outbox, kind: str, target: bool
):
    server = Server([respond(200, {"data": participant(7, is_confirmed=target)})])
    outcome = run(op_of(outbox, kind), server)
    assert outcome.kind is OutcomeKind.DONE
    assert outcome.participant is not None
    assert (outcome.participant.id, outcome.participant.is_confirmed) == (7, target)
    assert (outcome.error, outcome.error_text, outcome.verified) == (None, None, False)
    assert server.calls == [("PATCH", BY_ID)]
    assert server.body(0) == {"is_confirmed": target}


def test_update_sends_only_the_requested_fields(outbox: Outbox):
    server = Server([respond(200, {"data": participant(7)})])
    outcome = run(op_of(outbox, "update", event_key="SUMMIT27"), server)
    assert outcome.kind is OutcomeKind.DONE
    assert server.body(0) == {"event_key": "SUMMIT27"}


def test_an_empty_write_answer_is_completed_with_the_requested_state(outbox: Outbox):
    server = Server([respond(204)])
    outcome = run(op_of(outbox, "confirm"), server)
    assert outcome.kind is OutcomeKind.DONE
    assert outcome.participant is not None
    assert (outcome.participant.id, outcome.participant.is_confirmed) == (7, True)


def test_add_posts_once_and_carries_the_new_id(outbox: Outbox):
    server = Server([respond(201, {"data": participant(812, is_confirmed=True)})])
    outcome = run(new_add(outbox, is_confirmed=True), server)
    assert outcome.kind is OutcomeKind.DONE
    assert outcome.participant is not None
    assert outcome.participant.id == 812
    assert server.calls == [("POST", PARTICIPANTS)]
    assert server.body(0) == {
        "event_key": "EXPO26",
        "customer_number": "10786",
        "is_confirmed": True,
    }


@pytest.mark.parametrize("status", [204, 404])
def test_remove_is_done_when_deleted_or_already_gone(outbox: Outbox, status: int):
    body = None if status == 204 else {"error": "Participant not found"}
    server = Server([respond(status, body)])
    outcome = run(op_of(outbox, "remove"), server)
    assert outcome == DeliveryOutcome(OutcomeKind.DONE)
    assert server.calls == [("DELETE", BY_ID)]


# -- PROBLEM -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["confirm", "unconfirm", "update"])
def test_a_404_means_gone_on_the_server(outbox: Outbox, kind: str):
    fields = {"is_confirmed": True} if kind == "update" else {}
    server = Server([respond(404, {"error": "Participant not found"})])
    outcome = run(op_of(outbox, kind, **fields), server)
    assert outcome.kind is OutcomeKind.PROBLEM
    assert outcome.error_text is not None
    message, details = outcome.error_text.split("\n")
    assert message == GONE_MESSAGE
    assert "HTTP 404" in details
    assert "Participant not found" in details


def test_a_422_is_a_problem_with_the_messages_per_field(outbox: Outbox):
    body = {
        "error": "Validation failed",
        "errors": {"customer_number": ["The contact already takes part in this event."]},
    }
    server = Server([respond(422, body)])
    outcome = run(new_add(outbox), server)
    assert outcome.kind is OutcomeKind.PROBLEM
    assert isinstance(outcome.error, ValidationError)
    assert outcome.error_fields == {
        "customer_number": ["The contact already takes part in this event."]
    }
    assert outcome.error_text is not None
    assert "already takes part" in outcome.error_text.split("\n")[0]


@pytest.mark.parametrize("status", [400, 405])
def test_other_refusals_are_problems(outbox: Outbox, status: int):
    # A 405 on PATCH makes the client try PUT; a 405 there too is final.
    server = Server(route=lambda request: respond(status, {"error": "Nope"}))
    outcome = run(op_of(outbox, "confirm"), server)
    assert outcome.kind is OutcomeKind.PROBLEM
    assert outcome.error_text is not None
    assert f"HTTP {status}" in outcome.error_text


def test_a_change_for_a_participant_that_was_never_created_is_a_problem(outbox: Outbox):
    added = new_add(outbox)
    follower = op_of(outbox, "confirm", added.row_id)
    outcome = run(follower, Server())
    assert outcome.kind is OutcomeKind.PROBLEM
    assert outcome.error_text == NEVER_CREATED_MESSAGE


# -- AUTH / FORBIDDEN ----------------------------------------------------------------------


def test_a_401_pauses_for_the_key(outbox: Outbox):
    server = Server([respond(401, {"error": "Unauthenticated."})])
    outcome = run(op_of(outbox, "confirm"), server)
    assert outcome.kind is OutcomeKind.AUTH
    assert isinstance(outcome.error, AuthenticationError)


def test_a_403_names_the_missing_scope(outbox: Outbox):
    server = Server([respond(403, {"error": "This action is unauthorized."})])
    outcome = run(op_of(outbox, "remove"), server)
    assert outcome.kind is OutcomeKind.FORBIDDEN
    assert isinstance(outcome.error, PermissionDeniedError)
    assert outcome.error_text is not None
    assert "'participants'" in outcome.error_text


# -- RETRY ---------------------------------------------------------------------------------


def test_a_429_retries_after_the_servers_wait_and_was_surely_not_applied(outbox: Outbox):
    server = Server([respond(429, {"error": "Too many"}, headers={"Retry-After": "120"})])
    outcome = run(op_of(outbox, "confirm"), server)
    assert outcome.kind is OutcomeKind.RETRY
    assert isinstance(outcome.error, RateLimitedError)
    assert outcome.retry_after == 120
    assert outcome.maybe_applied is False


@pytest.mark.parametrize("status", [500, 502, 503])
def test_a_5xx_retries_and_may_have_been_applied(outbox: Outbox, status: int):
    server = Server([respond(status, {"error": "Server Error"})])
    outcome = run(op_of(outbox, "confirm"), server)
    assert outcome.kind is OutcomeKind.RETRY
    assert isinstance(outcome.error, ServerError)
    assert outcome.maybe_applied is True
    assert outcome.counts_attempt


def test_a_refused_connection_retries_and_surely_was_not_applied(outbox: Outbox):
    server = Server([httpx.ConnectError("connection refused")])
    outcome = run(op_of(outbox, "confirm"), server)
    assert outcome.kind is OutcomeKind.RETRY
    assert isinstance(outcome.error, NetworkError)
    assert outcome.maybe_applied is False


def test_a_dropped_answer_retries_and_may_have_been_applied(outbox: Outbox):
    server = Server([httpx.RemoteProtocolError("peer closed connection")])
    outcome = run(op_of(outbox, "remove"), server)
    assert outcome.kind is OutcomeKind.RETRY
    assert outcome.maybe_applied is True


def test_an_unreadable_answer_retries(outbox: Outbox):
    html = b"<html><body>502 Bad Gateway</body></html>"
    server = Server([respond(200, raw=html, headers={"content-type": "text/html"})])
    outcome = run(new_add(outbox), server, verify_first=True)  # the find gets the HTML
    assert outcome.kind is OutcomeKind.RETRY
    assert isinstance(outcome.error, ProtocolError)


def test_a_closed_client_retries_without_counting_an_attempt(outbox: Outbox):
    client = make_client(Server(), retry=NO_RETRY)
    client.close()
    outcome = deliver(op_of(outbox, "confirm"), client, verify_first=False)
    assert outcome.kind is OutcomeKind.RETRY
    assert isinstance(outcome.error, ClientClosedError)
    assert not outcome.counts_attempt


def test_the_stored_error_text_never_contains_the_key(outbox: Outbox):
    echo = {"error": f"Bad token {KEY}", "errors": {"token": [f"{KEY} is invalid"]}}
    for status in (401, 403, 404, 422, 500):
        server = Server([respond(status, echo)])
        outcome = run(op_of(outbox, "confirm"), server)
        assert outcome.error_text is not None
        assert KEY not in outcome.error_text
        assert KEY not in repr(outcome.error_fields)


# -- verify_first --------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "target"), [("confirm", True), ("unconfirm", False)])
def test_verify_first_does_not_resend_what_the_server_already_shows(
    outbox: Outbox, kind: str, target: bool
):
    server = Server([respond(200, {"data": participant(7, is_confirmed=target)})])
    outcome = run(op_of(outbox, kind), server, verify_first=True)
    assert outcome.kind is OutcomeKind.DONE
    assert outcome.verified
    assert outcome.participant is not None
    assert outcome.participant.is_confirmed is target
    assert server.calls == [("GET", BY_ID)]


def test_verify_first_sends_when_the_server_does_not_show_it_yet(outbox: Outbox):
    server = Server(
        [
            respond(200, {"data": participant(7, is_confirmed=False)}),
            respond(200, {"data": participant(7, is_confirmed=True)}),
        ]
    )
    outcome = run(op_of(outbox, "confirm"), server, verify_first=True)
    assert outcome.kind is OutcomeKind.DONE
    assert not outcome.verified
    assert server.calls == [("GET", BY_ID), ("PATCH", BY_ID)]


def test_verify_first_of_a_gone_participant_is_a_problem(outbox: Outbox):
    server = Server([respond(404, {"error": "Participant not found"})])
    outcome = run(op_of(outbox, "unconfirm"), server, verify_first=True)
    assert outcome.kind is OutcomeKind.PROBLEM
    assert server.calls == [("GET", BY_ID)]


def _with_event_and_contact(event_key: str, customer_number: str, **fields: Any) -> dict[str, Any]:
    return participant(
        7,
        event={"id": 10, "event_key": event_key},
        contact={"id": 107, "customer_number": customer_number},
        **fields,
    )


def test_verify_first_of_an_update_compares_event_and_contact(outbox: Outbox):
    applied = Server([respond(200, {"data": _with_event_and_contact("SUMMIT27", "10786")})])
    op = op_of(outbox, "update", event_key="SUMMIT27", customer_number="10786")
    outcome = run(op, applied, verify_first=True)
    assert (outcome.kind, outcome.verified) == (OutcomeKind.DONE, True)
    assert applied.calls == [("GET", BY_ID)]
    assert applied.params(0) == {"include": "contact,event"}

    not_yet = Server(
        [
            respond(200, {"data": _with_event_and_contact("EXPO26", "10786")}),
            respond(200, {"data": participant(7)}),
        ]
    )
    outcome = run(op, not_yet, verify_first=True)
    assert (outcome.kind, outcome.verified) == (OutcomeKind.DONE, False)
    assert [method for method, _ in not_yet.calls] == ["GET", "PATCH"]


def test_verify_first_of_an_update_sends_when_the_server_shows_too_little(outbox: Outbox):
    server = Server(
        [respond(200, {"data": participant(7)}), respond(200, {"data": participant(7)})]
    )
    outcome = run(op_of(outbox, "update", event_key="SUMMIT27"), server, verify_first=True)
    assert (outcome.kind, outcome.verified) == (OutcomeKind.DONE, False)
    assert [method for method, _ in server.calls] == ["GET", "PATCH"]


def _listing(*items: dict[str, Any]) -> dict[str, Any]:
    return {"data": list(items), "meta": {"current_page": 1, "last_page": 1, "per_page": 25}}


def test_verify_first_of_an_add_finds_the_participation_instead_of_posting(outbox: Outbox):
    found = participant(
        812,
        event={"id": 10, "event_key": "EXPO26"},
        contact={"id": 9, "customer_number": "10786"},
    )
    server = Server([respond(200, _listing(found))])
    outcome = run(new_add(outbox), server, verify_first=True)
    assert (outcome.kind, outcome.verified) == (OutcomeKind.DONE, True)
    assert outcome.participant is not None
    assert outcome.participant.id == 812
    assert [method for method, _ in server.calls] == ["GET"]
    assert server.params(0)["event_key"] == "EXPO26"
    assert server.params(0)["customer_number"] == "10786"


def test_verify_first_of_an_add_posts_when_nothing_is_found(outbox: Outbox):
    server = Server([respond(200, _listing()), respond(201, {"data": participant(813)})])
    outcome = run(new_add(outbox), server, verify_first=True)
    assert (outcome.kind, outcome.verified) == (OutcomeKind.DONE, False)
    assert [method for method, _ in server.calls] == ["GET", "POST"]


def test_verify_first_of_a_remove_is_the_delete_itself(outbox: Outbox):
    server = Server([respond(404, {"error": "Participant not found"})])
    outcome = run(op_of(outbox, "remove"), server, verify_first=True)
    assert outcome.kind is OutcomeKind.DONE
    assert server.calls == [("DELETE", BY_ID)]
