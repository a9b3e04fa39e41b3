"""Sandbox fault injection: 5xx, HTML 502, dropped connections, broken JSON, latency, 429."""

from __future__ import annotations

import json
import logging
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from app.sandbox import DEMO_KEYS, EXPO_KEY, SUMMIT_KEY, WORKSHOP_KEY, SandboxServer
from tests.sandbox_fixtures import MakeClient, MakeSandbox, api_client


def test_error_rate_answers_json_5xx(sandbox: SandboxServer, sandbox_client: httpx.Client):
    sandbox.faults.error_rate = 1.0
    statuses = set()
    for _ in range(40):
        response = sandbox_client.get("/participants")
        statuses.add(response.status_code)
        assert set(response.json()) == {"error"}
        assert "x-request-id" in response.headers
    assert statuses <= {500, 502, 503, 504}
    assert len(statuses) > 1
    sandbox.faults.error_statuses = (503,)
    response = sandbox_client.get("/participants")
    assert (response.status_code, response.json()) == (503, {"error": "Service Unavailable"})
    sandbox.faults.error_statuses = (500,)
    assert sandbox_client.get("/participants").json() == {"error": "Server Error"}
    sandbox.faults.error_rate = 0.0
    assert sandbox_client.get("/participants").status_code == 200


def test_html_error_rate_answers_proxy_page(sandbox: SandboxServer, sandbox_client: httpx.Client):
    sandbox.faults.html_error_rate = 1.0
    response = sandbox_client.get("/participants")
    assert response.status_code == 502
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>502 Bad Gateway</h1>" in response.text
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_dropped_connection_is_a_transport_error(
    sandbox: SandboxServer, sandbox_client: httpx.Client, caplog: pytest.LogCaptureFixture
):
    sandbox.faults.drop_rate = 1.0
    caplog.set_level(logging.DEBUG, logger="uvicorn.error")
    for path in ("/participants", "/participants/1", "/events"):
        with pytest.raises(httpx.RemoteProtocolError) as raised:
            sandbox_client.get(path)
        assert isinstance(raised.value, httpx.TransportError)
        assert "peer closed connection without sending complete message body" in str(raised.value)
    # A streamed read sees the break too, after the first part of the body.
    with sandbox_client.stream("GET", "/participants") as response:
        assert response.status_code == 200
        with pytest.raises(httpx.RemoteProtocolError):
            response.read()
    # The deliberate drops are not logged as application errors.
    assert not [r for r in caplog.records if "without completing response" in r.getMessage()]
    assert [r.fault for r in sandbox.request_log()] == ["drop"] * 4
    sandbox.faults.drop_rate = 0.0
    assert sandbox_client.get("/participants").status_code == 200  # the client recovers


def test_broken_json_is_a_truncated_real_body(sandbox: SandboxServer, sandbox_client: httpx.Client):
    intact = sandbox_client.get("/participants", params={"event_key": WORKSHOP_KEY})
    sandbox.faults.broken_json_rate = 1.0
    broken = sandbox_client.get("/participants", params={"event_key": WORKSHOP_KEY})
    assert broken.status_code == 200
    assert broken.headers["content-type"] == "application/json"
    assert 0 < len(broken.content) < len(intact.content)
    assert intact.content.startswith(broken.content)
    with pytest.raises(json.JSONDecodeError):
        broken.json()


def free_number(server: SandboxServer) -> str:
    number = server.store.free_contacts()[0].customer_number
    assert number is not None
    return number


@pytest.mark.parametrize("after", [False, True])
def test_write_faults_before_or_after_the_write(
    sandbox: SandboxServer, sandbox_client: httpx.Client, after: bool
):
    sandbox.faults.error_rate = 1.0
    sandbox.faults.faults_after_write = 1.0 if after else 0.0
    number = free_number(sandbox)
    response = sandbox_client.post(
        "/participants", json={"event_key": SUMMIT_KEY, "customer_number": number}
    )
    assert response.status_code >= 500
    applied = sandbox.store.find(SUMMIT_KEY, number)
    assert (applied is not None) is after
    assert len(sandbox.store.audit_log()) == (1 if after else 0)
    [record] = sandbox.request_log()
    assert (record.method, record.fault, record.fault_after_write) == ("POST", "error", after)


def test_dropped_write_after_apply_is_the_ambiguous_case(
    sandbox: SandboxServer, sandbox_client: httpx.Client
):
    row = next(r for r in sandbox.store.participants_of(EXPO_KEY) if not r.is_confirmed)
    sandbox.faults.drop_rate = 1.0
    sandbox.faults.faults_after_write = 1.0
    with pytest.raises(httpx.TransportError):
        sandbox_client.patch(f"/participants/{row.id}", json={"is_confirmed": True})
    now = sandbox.store.participant(row.id)
    assert now is not None
    assert now.is_confirmed  # the client saw an error, yet the confirmation happened
    # A careful client re-reads before retrying; the retry must not confirm twice.
    sandbox.faults.drop_rate = 0.0
    assert sandbox_client.get(f"/participants/{row.id}").json()["data"]["is_confirmed"] is True
    confirmations = [
        e for e in sandbox.store.audit_log() if e.before_confirmed is False and e.after_confirmed
    ]
    assert len(confirmations) == 1


def test_delete_faults(sandbox: SandboxServer, sandbox_client: httpx.Client):
    rows = sandbox.store.participants_of(WORKSHOP_KEY)
    sandbox.faults.drop_rate = 1.0
    with pytest.raises(httpx.RemoteProtocolError):
        sandbox_client.delete(f"/participants/{rows[0].id}")  # before the write
    assert sandbox.store.participant(rows[0].id) is not None
    sandbox.faults.drop_rate = 0.0
    sandbox.faults.broken_json_rate = 1.0  # a 200 with a broken body: the work was done
    response = sandbox_client.delete(f"/participants/{rows[1].id}")
    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        response.json()
    assert sandbox.store.participant(rows[1].id) is None


def test_fault_rates_are_fractions_and_deterministic(
    make_sandbox: MakeSandbox, make_client: MakeClient
):
    def outcomes(server: SandboxServer) -> list[int]:
        client = make_client(server)
        return [client.get("/events").status_code for _ in range(200)]

    first = outcomes(
        make_sandbox(error_rate=0.3, html_error_rate=0.2, error_statuses=(503,), seed=7)
    )
    second = outcomes(
        make_sandbox(error_rate=0.3, html_error_rate=0.2, error_statuses=(503,), seed=7)
    )
    assert first == second
    assert 40 <= first.count(503) <= 80
    assert 20 <= first.count(502) <= 60
    assert 70 <= first.count(200) <= 130


def test_faults_only_hit_api_paths(sandbox: SandboxServer):
    sandbox.faults.error_rate = 1.0
    response = httpx.get(f"{sandbox.base_url}/")
    assert response.status_code == 404
    assert set(response.json()) == {"error"}


def test_latency_overlaps_for_concurrent_requests(sandbox: SandboxServer):
    sandbox.faults.latency_ms = 400
    with api_client(sandbox) as client:
        began = time.perf_counter()
        assert client.get("/events").status_code == 200
        single = time.perf_counter() - began
    assert single >= 0.4

    def fetch(_: int) -> int:
        with api_client(sandbox) as own:
            return own.get("/participants").status_code

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(pool.map(fetch, range(6)))
    elapsed = time.perf_counter() - began
    assert statuses == [200] * 6
    assert elapsed < 6 * 0.4 * 0.6, f"requests did not overlap: {elapsed:.2f} s"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_790_000_000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limit_without_retry_after(sandbox: SandboxServer, sandbox_client: httpx.Client):
    clock = FakeClock()
    sandbox.set_clock(clock)
    sandbox.faults.rate_limit_per_hour = 3
    assert [sandbox_client.get("/events").status_code for _ in range(3)] == [200] * 3
    limited = sandbox_client.get("/events")
    assert limited.status_code == 429
    assert limited.json() == {"error": "Rate limit exceeded"}
    assert "retry-after" not in limited.headers
    assert not [name for name in limited.headers if name.lower().startswith("x-ratelimit")]
    # Other keys have their own hour.
    with api_client(sandbox, DEMO_KEYS.participants_only) as other:
        assert other.get("/participants").status_code == 200
    # The window slides: an hour after the first request there is room again.
    clock.now += 3600
    assert sandbox_client.get("/events").status_code == 200
    sandbox.rate_limiter.reset()
    assert [sandbox_client.get("/events").status_code for _ in range(3)] == [200] * 3
    assert [r.fault for r in sandbox.request_log()].count("rate_limit") == 1


def test_rate_limit_with_retry_after(make_sandbox: MakeSandbox, make_client: MakeClient):
    server = make_sandbox(rate_limit_per_hour=1, rate_limit_retry_after=42)
    client = make_client(server)
    assert client.get("/participants").status_code == 200
    limited = client.get("/participants")
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "42"
    assert limited.json() == {"error": "Rate limit exceeded"}
    # Requests without any key are limited per client address.
    anonymous = httpx.get(f"{server.api_url}/participants")
    assert anonymous.status_code == 401
    assert httpx.get(f"{server.api_url}/participants").status_code == 429
