"""deliver() against the local sandbox server: real HTTP, real faults, the server's audit log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.api import PlandocketClient, RetryPolicy
from app.sandbox import DEMO_KEYS, EXPO_KEY, SandboxServer
from app.store import Operation, Outbox, OutcomeKind, deliver
from tests.sandbox_fixtures import MakeSandbox

NO_RETRY = RetryPolicy(max_attempts=1)


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    box = Outbox(tmp_path / "outbox.db")
    yield box
    box.close()


def client_for(server: SandboxServer, key: str = DEMO_KEYS.full) -> PlandocketClient:
    return PlandocketClient(server.base_url, key, retry=NO_RETRY)


def op_of(
    outbox: Outbox, server: SandboxServer, kind: str, row_id: int, **fields: Any
) -> Operation:
    return outbox.enqueue(
        account=server.base_url, kind=kind, row_id=row_id, label=f"{kind} {row_id}", **fields
    )


def first_participant(server: SandboxServer, confirmed: bool) -> int:
    return next(p.id for p in server.store.participants_of(EXPO_KEY) if p.is_confirmed is confirmed)


def free_customer_number(server: SandboxServer) -> str:
    number = server.store.free_contacts()[0].customer_number
    assert number is not None
    return number


def writes(server: SandboxServer) -> list[tuple[str, int, bool]]:
    """(op, participant id, changed) of every write the sandbox applied."""
    return [(e.op, e.participant_id, e.changed) for e in server.store.audit_log()]


def test_confirm_unconfirm_and_remove_are_applied_once(sandbox: SandboxServer, outbox: Outbox):
    unconfirmed = first_participant(sandbox, confirmed=False)
    confirmed = first_participant(sandbox, confirmed=True)
    with client_for(sandbox) as client:
        done = [
            deliver(op_of(outbox, sandbox, "confirm", unconfirmed), client, verify_first=False),
            deliver(op_of(outbox, sandbox, "unconfirm", confirmed), client, verify_first=False),
            deliver(op_of(outbox, sandbox, "remove", confirmed), client, verify_first=False),
        ]
    assert [outcome.kind for outcome in done] == [OutcomeKind.DONE] * 3
    first = done[0].participant
    assert first is not None
    assert (first.id, first.is_confirmed) == (unconfirmed, True)
    assert writes(sandbox) == [
        ("update", unconfirmed, True),
        ("update", confirmed, True),
        ("delete", confirmed, True),
    ]


def test_an_add_creates_the_participation_and_verify_first_finds_it_again(
    sandbox: SandboxServer, outbox: Outbox
):
    number = free_customer_number(sandbox)
    row = outbox.new_temporary_row_id()
    add = op_of(outbox, sandbox, "add", row, event_key=EXPO_KEY, customer_number=number)
    with client_for(sandbox) as client:
        created = deliver(add, client, verify_first=False)
        again = deliver(add, client, verify_first=True)
    assert created.kind is OutcomeKind.DONE
    assert created.participant is not None
    stored = sandbox.store.find(EXPO_KEY, number)
    assert stored is not None
    assert created.participant.id == stored.id
    assert (again.kind, again.verified) == (OutcomeKind.DONE, True)
    assert again.participant is not None
    assert again.participant.id == stored.id
    assert writes(sandbox) == [("create", stored.id, True)]  # one create, not two


def test_verify_first_does_not_send_a_second_confirmation(sandbox: SandboxServer, outbox: Outbox):
    pid = first_participant(sandbox, confirmed=False)
    op = op_of(outbox, sandbox, "confirm", pid)
    with client_for(sandbox) as client:
        assert deliver(op, client, verify_first=False).kind is OutcomeKind.DONE
        outcome = deliver(op, client, verify_first=True)
    assert (outcome.kind, outcome.verified) == (OutcomeKind.DONE, True)
    assert writes(sandbox) == [("update", pid, True)]
    assert [(r.method, r.status) for r in sandbox.request_log()] == [("PATCH", 200), ("GET", 200)]


def test_a_participant_removed_meanwhile_is_a_problem_and_its_remove_is_done(
    sandbox: SandboxServer, outbox: Outbox
):
    pid = first_participant(sandbox, confirmed=False)
    sandbox.store.delete_participant(pid)  # another desk removed it
    with client_for(sandbox) as client:
        confirm = deliver(op_of(outbox, sandbox, "confirm", pid), client, verify_first=False)
        remove = deliver(op_of(outbox, sandbox, "remove", pid), client, verify_first=False)
    assert confirm.kind is OutcomeKind.PROBLEM
    assert confirm.error_text is not None
    assert "gone on the server" in confirm.error_text
    assert "HTTP 404" in confirm.error_text
    assert remove.kind is OutcomeKind.DONE


def test_a_duplicate_add_is_a_problem_with_the_field_message(
    sandbox: SandboxServer, outbox: Outbox
):
    existing = sandbox.store.participants_of(EXPO_KEY)[0]
    contact = sandbox.store.contact(existing.contact_id)
    assert contact is not None
    assert contact.customer_number is not None
    row = outbox.new_temporary_row_id()
    add = op_of(
        outbox, sandbox, "add", row, event_key=EXPO_KEY, customer_number=contact.customer_number
    )
    with client_for(sandbox) as client:
        outcome = deliver(add, client, verify_first=False)
    assert outcome.kind is OutcomeKind.PROBLEM
    assert list(outcome.error_fields) == ["customer_number"]
    assert "HTTP 422" in (outcome.error_text or "")


def test_an_unknown_key_pauses_and_a_key_without_the_scope_is_forbidden(
    sandbox: SandboxServer, outbox: Outbox
):
    pid = first_participant(sandbox, confirmed=False)
    op = op_of(outbox, sandbox, "confirm", pid)
    with client_for(sandbox, "pd_unknown_key_0000") as client:
        assert deliver(op, client, verify_first=False).kind is OutcomeKind.AUTH
    with client_for(sandbox, DEMO_KEYS.no_participants) as client:
        outcome = deliver(op, client, verify_first=False)
    assert outcome.kind is OutcomeKind.FORBIDDEN
    assert "'participants'" in (outcome.error_text or "")
    assert "pd_unknown_key_0000" not in (outcome.error_text or "")
    assert writes(sandbox) == []


def test_the_rate_limit_means_retry_later(make_sandbox: MakeSandbox, outbox: Outbox):
    server = make_sandbox(rate_limit_per_hour=0, rate_limit_retry_after=42)
    with client_for(server) as client:
        outcome = deliver(
            op_of(outbox, server, "confirm", first_participant(server, False)),
            client,
            verify_first=False,
        )
    assert outcome.kind is OutcomeKind.RETRY
    assert outcome.retry_after == 42
    assert outcome.maybe_applied is False


@pytest.mark.parametrize(
    ("faults", "maybe_applied"),
    [
        ({"error_rate": 1.0}, True),
        ({"drop_rate": 1.0}, True),
        ({"html_error_rate": 1.0}, True),
    ],
)
def test_server_and_network_trouble_means_retry(
    make_sandbox: MakeSandbox, outbox: Outbox, faults: dict[str, float], maybe_applied: bool
):
    server = make_sandbox(**faults)
    with client_for(server) as client:
        outcome = deliver(
            op_of(outbox, server, "confirm", first_participant(server, False)),
            client,
            verify_first=False,
        )
    assert outcome.kind is OutcomeKind.RETRY
    assert outcome.maybe_applied is maybe_applied
    assert outcome.counts_attempt


def test_a_write_applied_before_the_answer_was_lost_is_not_sent_twice(
    make_sandbox: MakeSandbox, outbox: Outbox
):
    server = make_sandbox(error_rate=1.0, faults_after_write=1.0)
    pid = first_participant(server, confirmed=False)
    op = op_of(outbox, server, "confirm", pid)
    with client_for(server) as client:
        failed = deliver(op, client, verify_first=False)
        assert (failed.kind, failed.maybe_applied) == (OutcomeKind.RETRY, True)
        server.faults.error_rate = 0.0
        outcome = deliver(op, client, verify_first=failed.maybe_applied)
    assert (outcome.kind, outcome.verified) == (OutcomeKind.DONE, True)
    assert writes(server) == [("update", pid, True)]
