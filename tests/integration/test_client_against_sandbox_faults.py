"""PlandocketClient under the sandbox's faults: retries, ambiguous writes, rate limits, latency.

The fault dice are seeded per server, so every run sees the same faults. Where one exact
sequence matters, a hook on the client's request records switches a fault off right after
the request it hit, before the client retries: no sleeping, no timing games.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from app.api import (
    NetworkError,
    PlandocketError,
    ProtocolError,
    RateLimitedError,
    RequestRecord,
    RetryPolicy,
    ServerError,
)
from app.domain import Participant
from app.sandbox import CONF_KEY, EXPO_KEY, SUMMIT_KEY, WORKSHOP_KEY, SandboxServer
from tests.integration.client_fixtures import (
    FAST,
    PATIENT,
    MakePlandocket,
    Recorder,
    assert_no_key_in,
    assert_plain_sentence,
    row_of,
    stored_row,
)
from tests.sandbox_fixtures import MakeSandbox

pytest_plugins = ("tests.integration.client_fixtures",)

PARTICIPANTS = "/api/v1/participants"
RATES = ("error_rate", "html_error_rate", "drop_rate", "broken_json_rate")


def _switch_off_after(
    sandbox: SandboxServer, recorder: Recorder, method: str, count: int = 1
) -> None:
    """Clear every fault rate once ``count`` requests of ``method`` have been answered."""
    seen = 0

    def hook(record: RequestRecord) -> None:
        nonlocal seen
        if record.method == method:
            seen += 1
            if seen == count:
                for name in RATES:
                    setattr(sandbox.faults, name, 0.0)

    recorder.hooks.append(hook)


def _inject(sandbox: SandboxServer, **options: Any) -> SandboxServer:
    """Switch faults on in the running shared sandbox (its fixture resets them per test)."""
    for name, value in options.items():
        setattr(sandbox.faults, name, value)
    sandbox.faults.validate()
    return sandbox


def _assert_reported_failure(error: PlandocketError, method: str, path: str) -> None:
    assert_plain_sentence(error.user_message)
    assert f"{method} {path}" in error.support_details
    assert_no_key_in(error)


# -- reads ---------------------------------------------------------------------------------


def test_reads_complete_despite_gateway_errors_proxy_pages_and_dropped_connections(
    sandbox: SandboxServer, make_plandocket: MakePlandocket
):
    server = _inject(
        sandbox,
        error_rate=0.1,
        error_statuses=(502, 503, 504),
        html_error_rate=0.1,
        drop_rate=0.1,
        faults_after_write=0.5,
    )
    client = make_plandocket(server, retry=PATIENT)
    listed = client.list_participants(CONF_KEY, include=("contact",))
    assert [row_of(p) for p in listed] == [
        stored_row(r) for r in server.store.participants_of(CONF_KEY)
    ]
    record = server.store.participants_of(EXPO_KEY)[0]
    assert row_of(client.get_participant(record.id)) == stored_row(record)
    assert len(client.list_events(include_participant_count=True)) == len(server.store.events())
    assert len(client.search_contacts("muller", limit=120)) == 120
    faults = [e.fault for e in server.request_log() if e.fault]
    assert len(faults) >= 3, "the faults were really injected"
    assert set(faults) <= {"error", "html", "drop"}
    assert client.request_count == len(server.request_log())


@pytest.mark.parametrize(
    "options",
    [
        pytest.param({"error_rate": 1.0, "error_statuses": (502,)}, id="502"),
        pytest.param({"error_rate": 1.0, "error_statuses": (503,)}, id="503"),
        pytest.param({"error_rate": 1.0, "error_statuses": (504,)}, id="504"),
        pytest.param({"html_error_rate": 1.0}, id="html"),
        pytest.param({"drop_rate": 1.0}, id="drop"),
    ],
)
def test_a_read_hit_by_a_transient_fault_is_retried_once_and_succeeds(
    sandbox: SandboxServer,
    make_plandocket: MakePlandocket,
    recorder: Recorder,
    options: dict[str, Any],
):
    server = _inject(sandbox, **options)
    client = make_plandocket(server, recorder=recorder)
    _switch_off_after(server, recorder, "GET")
    record = server.store.participants_of(WORKSHOP_KEY)[0]
    assert row_of(client.get_participant(record.id)) == stored_row(record)
    assert [e.fault is not None for e in server.request_log()] == [True, False]
    assert client.request_count == 2


@pytest.mark.parametrize(
    ("options", "error_type", "status"),
    [
        pytest.param({"error_rate": 1.0, "error_statuses": (503,)}, ServerError, 503, id="503"),
        pytest.param({"html_error_rate": 1.0}, ServerError, 502, id="html"),
        pytest.param({"drop_rate": 1.0}, NetworkError, None, id="drop"),
    ],
)
def test_a_read_that_keeps_failing_gives_up_after_max_attempts_with_the_right_error(
    sandbox: SandboxServer,
    make_plandocket: MakePlandocket,
    options: dict[str, Any],
    error_type: type[PlandocketError],
    status: int | None,
):
    server = _inject(sandbox, **options)
    client = make_plandocket(server, retry=FAST)
    with pytest.raises(error_type) as raised:
        client.list_participants(EXPO_KEY)
    assert raised.value.status == status
    _assert_reported_failure(raised.value, "GET", PARTICIPANTS)
    assert len(server.request_log()) == FAST.max_attempts
    assert client.request_count == FAST.max_attempts


def test_a_read_answered_with_500_fails_at_once_with_a_server_error(
    sandbox: SandboxServer, make_plandocket: MakePlandocket
):
    # Only gateway statuses (502-504) and 429 are retried; a 500 is the application's own
    # failure and is reported rather than hammered.
    server = _inject(sandbox, error_rate=1.0, error_statuses=(500,))
    client = make_plandocket(server)
    with pytest.raises(ServerError) as raised:
        client.get_participant(1)
    assert raised.value.status == 500
    assert raised.value.request_id == server.request_log()[-1].request_id
    _assert_reported_failure(raised.value, "GET", f"{PARTICIPANTS}/1")
    assert client.request_count == 1


def test_a_read_with_truncated_json_fails_with_a_protocol_error(
    sandbox: SandboxServer, make_plandocket: MakePlandocket
):
    server = _inject(sandbox, broken_json_rate=1.0)
    client = make_plandocket(server)
    for call, path in (
        (lambda: client.list_participants(EXPO_KEY), PARTICIPANTS),
        (lambda: client.get_participant(1), f"{PARTICIPANTS}/1"),
    ):
        with pytest.raises(ProtocolError) as raised:
            call()
        assert raised.value.status == 200
        assert raised.value.request_id == server.request_log()[-1].request_id
        _assert_reported_failure(raised.value, "GET", path)


def test_reads_under_every_fault_either_complete_correctly_or_fail_with_a_fitting_error(
    sandbox: SandboxServer, make_plandocket: MakePlandocket
):
    server = _inject(
        sandbox, error_rate=0.05, html_error_rate=0.05, drop_rate=0.05, broken_json_rate=0.02
    )
    client = make_plandocket(server, retry=PATIENT)
    expected = [stored_row(r) for r in server.store.participants_of(EXPO_KEY)]

    def attempt() -> list[Participant] | PlandocketError:
        try:
            return client.list_participants(EXPO_KEY)
        except (ServerError, ProtocolError) as error:
            return error

    outcomes = [attempt() for _ in range(12)]
    for outcome in outcomes:
        if isinstance(outcome, PlandocketError):
            # Not retried: a 500 or an unreadable 200; anything else must have recovered.
            assert outcome.status in (500, 200)
            _assert_reported_failure(outcome, "GET", PARTICIPANTS)
        else:
            assert [row_of(p) for p in outcome] == expected
    assert any(isinstance(outcome, list) for outcome in outcomes)


# -- adds: never twice ---------------------------------------------------------------------


def test_fifty_adds_under_dropped_connections_create_each_participation_exactly_once(
    sandbox: SandboxServer, make_plandocket: MakePlandocket
):
    server = _inject(sandbox, drop_rate=0.3, faults_after_write=0.5)
    client = make_plandocket(server, retry=PATIENT)
    contacts = server.store.free_contacts()[:50]
    summit = server.store.event_by_key(SUMMIT_KEY)
    assert summit is not None
    answers = {}
    for contact in contacts:
        assert contact.customer_number is not None
        answers[contact.id] = client.add_participant(SUMMIT_KEY, contact.customer_number)

    assert server.store.count(SUMMIT_KEY) == 50
    for contact in contacts:
        assert contact.customer_number is not None
        stored = server.store.find(SUMMIT_KEY, contact.customer_number)
        assert stored is not None
        assert answers[contact.id].id == stored.id
        assert server.store.participant_ids(contact_id=contact.id) == [stored.id]
    creates = [e for e in server.store.audit_log() if e.op == "create"]
    created_for = sorted(e.after.contact_id for e in creates if e.after)
    assert created_for == sorted(c.id for c in contacts)
    posts = [e for e in server.request_log() if e.method == "POST"]
    assert any(e.fault == "drop" and e.fault_after_write for e in posts), "ambiguous drops"
    assert any(e.fault == "drop" and not e.fault_after_write for e in posts), "clean drops"


@pytest.mark.parametrize(
    ("options", "posts"),
    [
        pytest.param({"drop_rate": 1.0, "faults_after_write": 1.0}, 1, id="drop-after-write"),
        pytest.param({"drop_rate": 1.0, "faults_after_write": 0.0}, 2, id="drop-before-write"),
        pytest.param(
            {"error_rate": 1.0, "error_statuses": (503,), "faults_after_write": 1.0},
            1,
            id="503-after-write",
        ),
        pytest.param({"error_rate": 1.0, "error_statuses": (503,)}, 2, id="503-before-write"),
        pytest.param(
            {"error_rate": 1.0, "error_statuses": (500,), "faults_after_write": 1.0},
            1,
            id="500-after-write",
        ),
        pytest.param({"html_error_rate": 1.0}, 2, id="proxy-page-before-write"),
        pytest.param({"broken_json_rate": 1.0}, 1, id="truncated-201"),
    ],
)
def test_an_add_hit_by_an_ambiguous_fault_ends_with_exactly_one_participation(
    sandbox: SandboxServer,
    make_plandocket: MakePlandocket,
    recorder: Recorder,
    options: dict[str, Any],
    posts: int,
):
    server = _inject(sandbox, **options)
    client = make_plandocket(server, recorder=recorder)
    _switch_off_after(server, recorder, "POST")
    contact = server.store.free_contacts()[0]
    assert contact.customer_number is not None
    added = client.add_participant(EXPO_KEY, contact.customer_number, is_confirmed=True)
    stored = server.store.find(EXPO_KEY, contact.customer_number)
    assert stored is not None
    assert added.id == stored.id
    assert stored.is_confirmed is True
    assert added.is_confirmed is True
    assert [e.op for e in server.store.audit_log()] == ["create"]
    assert len([e for e in server.request_log() if e.method == "POST"]) == posts


def test_an_add_that_cannot_be_verified_gives_up_with_a_network_error_without_reposting(
    sandbox: SandboxServer, make_plandocket: MakePlandocket
):
    server = _inject(sandbox, drop_rate=1.0, faults_after_write=0.0)
    client = make_plandocket(server, retry=FAST)
    number = server.store.free_contacts()[0].customer_number
    assert number is not None
    with pytest.raises(NetworkError) as raised:
        client.add_participant(EXPO_KEY, number)
    assert_plain_sentence(raised.value.user_message)
    assert_no_key_in(raised.value)
    assert server.store.audit_log() == []
    # It never posts again before it could check whether the first POST went through.
    methods = [e.method for e in server.request_log()]
    assert methods == ["POST"] + ["GET"] * FAST.max_attempts


# -- confirm / unconfirm / remove ----------------------------------------------------------


def test_confirm_and_unconfirm_under_gateway_errors_and_drops_reach_the_intended_state(
    sandbox: SandboxServer, make_plandocket: MakePlandocket
):
    server = _inject(
        sandbox,
        error_rate=0.15,
        error_statuses=(502, 503, 504),
        html_error_rate=0.05,
        drop_rate=0.15,
        faults_after_write=0.5,
    )
    client = make_plandocket(server, retry=PATIENT)
    store = server.store
    records = store.participants_of(EXPO_KEY)[:40]
    for round_number, target in enumerate((True, False, True)):
        for record in records:
            before = store.participant(record.id)
            assert before is not None
            audit_before = len(store.audit_log())
            answer = client.update_participant(record.id, is_confirmed=target)
            after = store.participant(record.id)
            assert after is not None
            assert after.is_confirmed is target, (round_number, record.id)
            assert answer.is_confirmed is target
            changes = [e for e in store.audit_log()[audit_before:] if e.changed]
            assert len(changes) == (0 if before.is_confirmed is target else 1)
    faulted = [e for e in server.request_log() if e.fault and e.method == "PATCH"]
    assert any(e.fault_after_write for e in faulted), "some faults hit after the write"
    assert any(e.fault_after_write is False for e in faulted), "some faults hit before it"


@pytest.mark.parametrize("after_write", [True, False])
def test_a_confirm_answered_with_500_is_reported_and_applied_at_most_once(
    sandbox: SandboxServer, make_plandocket: MakePlandocket, after_write: bool
):
    server = _inject(
        sandbox,
        error_rate=1.0,
        error_statuses=(500,),
        faults_after_write=1.0 if after_write else 0.0,
    )
    client = make_plandocket(server)
    record = next(r for r in server.store.participants_of(EXPO_KEY) if not r.is_confirmed)
    with pytest.raises(ServerError) as raised:
        client.update_participant(record.id, is_confirmed=True)
    assert raised.value.status == 500
    _assert_reported_failure(raised.value, "PATCH", f"{PARTICIPANTS}/{record.id}")
    stored = server.store.participant(record.id)
    assert stored is not None
    assert stored.is_confirmed is after_write
    assert len(server.store.audit_log()) == (1 if after_write else 0)
    assert client.request_count == 1


def test_a_confirm_with_a_truncated_answer_is_applied_and_reported_as_done(
    sandbox: SandboxServer, make_plandocket: MakePlandocket
):
    server = _inject(sandbox, broken_json_rate=1.0)
    client = make_plandocket(server)
    record = next(r for r in server.store.participants_of(EXPO_KEY) if not r.is_confirmed)
    answer = client.update_participant(record.id, is_confirmed=True)
    assert (answer.id, answer.is_confirmed) == (record.id, True)
    stored = server.store.participant(record.id)
    assert stored is not None
    assert stored.is_confirmed is True
    assert client.request_count == 1


@pytest.mark.parametrize("after_write", [True, False])
def test_a_remove_hit_by_a_dropped_connection_removes_exactly_once(
    sandbox: SandboxServer, make_plandocket: MakePlandocket, recorder: Recorder, after_write: bool
):
    server = _inject(sandbox, drop_rate=1.0, faults_after_write=1.0 if after_write else 0.0)
    client = make_plandocket(server, recorder=recorder)
    _switch_off_after(server, recorder, "DELETE")
    record = server.store.participants_of(WORKSHOP_KEY)[0]
    client.remove_participant(record.id)
    assert server.store.participant(record.id) is None
    assert [e.op for e in server.store.audit_log()] == ["delete"]
    # The retry finds it gone (404) when the first attempt went through: that counts as done.
    assert recorder.statuses("DELETE") == [None, 404 if after_write else 204]


# -- rate limit ----------------------------------------------------------------------------


class _Clock:
    """A settable wall clock for the sandbox's rate-limit window."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def _advance_an_hour_on_429(clock: _Clock) -> Callable[[RequestRecord], None]:
    def hook(record: RequestRecord) -> None:
        if record.status == 429:
            clock.now += 3601  # the hour passes while the client waits out Retry-After

    return hook


def test_a_429_with_retry_after_is_waited_out_and_the_read_succeeds(
    sandbox: SandboxServer, make_plandocket: MakePlandocket, recorder: Recorder
):
    server = _inject(sandbox, rate_limit_per_hour=2, rate_limit_retry_after=1)
    clock = _Clock()
    server.set_clock(clock)
    recorder.hooks.append(_advance_an_hour_on_429(clock))
    retry = RetryPolicy(max_attempts=3, base_delay=0.01, max_delay=0.05, max_retry_after=3.0)
    client = make_plandocket(server, recorder=recorder, retry=retry)
    client.get_participant(1)
    client.get_participant(2)
    started = time.monotonic()
    record = server.store.participants_of(WORKSHOP_KEY)[0]
    assert row_of(client.get_participant(record.id)) == stored_row(record)
    waited = time.monotonic() - started
    assert recorder.statuses() == [200, 200, 429, 200]
    assert 1.0 <= waited < 2.5, f"waited {waited:.2f} s for Retry-After: 1"


def test_an_add_hitting_the_rate_limit_waits_and_creates_the_participation_once(
    sandbox: SandboxServer, make_plandocket: MakePlandocket, recorder: Recorder
):
    server = _inject(sandbox, rate_limit_per_hour=0, rate_limit_retry_after=0)

    def lift_the_limit(record: RequestRecord) -> None:
        if record.status == 429:
            server.faults.rate_limit_per_hour = None

    recorder.hooks.append(lift_the_limit)
    retry = RetryPolicy(max_attempts=3, base_delay=0.01, max_delay=0.05, max_retry_after=3.0)
    client = make_plandocket(server, recorder=recorder, retry=retry)
    number = server.store.free_contacts()[0].customer_number
    assert number is not None
    added = client.add_participant(EXPO_KEY, number)
    assert recorder.statuses("POST") == [429, 201]
    stored = server.store.find(EXPO_KEY, number)
    assert stored is not None
    assert stored.id == added.id
    assert [e.op for e in server.store.audit_log()] == ["create"]


def test_a_429_without_retry_after_raises_rate_limited_after_bounded_retries(
    sandbox: SandboxServer, make_plandocket: MakePlandocket
):
    server = _inject(sandbox, rate_limit_per_hour=0)
    client = make_plandocket(server, retry=FAST)
    started = time.monotonic()
    with pytest.raises(RateLimitedError) as raised:
        client.list_participants(EXPO_KEY)
    assert time.monotonic() - started < 2.0
    error = raised.value
    assert error.status == 429
    assert error.retry_after is None
    _assert_reported_failure(error, "GET", PARTICIPANTS)
    log = server.request_log()
    assert [e.fault for e in log] == ["rate_limit"] * FAST.max_attempts


def test_a_429_asking_for_longer_than_max_retry_after_is_reported_at_once(
    sandbox: SandboxServer, make_plandocket: MakePlandocket
):
    server = _inject(sandbox, rate_limit_per_hour=0, rate_limit_retry_after=120)
    client = make_plandocket(server, retry=FAST)
    with pytest.raises(RateLimitedError) as raised:
        client.get_participant(1)
    assert raised.value.retry_after == 120
    assert "2 minutes" in raised.value.user_message
    _assert_reported_failure(raised.value, "GET", f"{PARTICIPANTS}/1")
    assert client.request_count == 1


# -- latency -------------------------------------------------------------------------------


def test_latency_is_honoured(
    sandbox: SandboxServer, make_plandocket: MakePlandocket, recorder: Recorder
):
    server = _inject(sandbox, latency_ms=120)
    client = make_plandocket(server, recorder=recorder)
    started = time.monotonic()
    client.get_participant(1)
    assert time.monotonic() - started >= 0.12
    assert recorder.records[0].seconds >= 0.12


def test_latency_beyond_the_read_timeout_gives_a_timeout_error_after_bounded_retries(
    make_sandbox: MakeSandbox, make_plandocket: MakePlandocket
):
    # A server of its own: its slow answers must not land in the shared sandbox's log.
    server = make_sandbox(latency_ms=150)
    timeout = httpx.Timeout(connect=2.0, read=0.03, write=2.0, pool=2.0)
    client = make_plandocket(server, timeout=timeout, retry=FAST)
    with pytest.raises(NetworkError) as raised:
        client.get_participant(1)
    assert raised.value.kind == "timeout"
    _assert_reported_failure(raised.value, "GET", f"{PARTICIPANTS}/1")
    assert client.request_count == FAST.max_attempts
