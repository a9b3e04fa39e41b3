"""SandboxServer lifecycle, concurrency, the CLI, and the seed's curl example."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from app.sandbox import (
    CONF_KEY,
    DEMO_KEYS,
    EXPO_KEY,
    ParticipantRecord,
    SandboxConfig,
    SandboxServer,
)
from tests.sandbox_fixtures import MakeSandbox, api_client

REPO_ROOT = Path(__file__).resolve().parents[2]


def is_running(server: SandboxServer) -> bool:
    # A call, not the property: mypy would keep the narrowing across the with block.
    return server.running


def test_start_stop_and_context_manager():
    server = SandboxServer()
    with pytest.raises(RuntimeError):
        _ = server.base_url
    with server:
        assert is_running(server)
        assert server.base_url == f"http://127.0.0.1:{server.port}"
        assert server.port != 0
        response = httpx.get(f"{server.api_url}/events", headers={"X-API-Key": DEMO_KEYS.full})
        assert response.status_code == 200
    assert not is_running(server)
    server.stop()  # idempotent
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.api_url}/events")
    with pytest.raises(RuntimeError):
        server.start()  # a server runs once


def test_sandbox_imports_neither_qt_nor_the_client():
    code = (
        "import sys, app.sandbox, app.sandbox.__main__; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'app.api', 'app.ui'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "[]"


def test_shared_fixture_survives_a_stopped_server(sandbox: SandboxServer):
    sandbox.stop()  # the next test using ``sandbox`` gets a fresh one


def test_shared_fixture_after_stop(sandbox: SandboxServer, sandbox_client: httpx.Client):
    assert sandbox.running
    assert sandbox_client.get("/events").status_code == 200


def test_several_servers_at_once(make_sandbox: MakeSandbox):
    first = make_sandbox()
    second = make_sandbox(response_shape="sample")
    assert first.port != second.port
    with api_client(first) as one, api_client(second) as two:
        row = first.store.participants_of(EXPO_KEY)[0]
        assert one.delete(f"/participants/{row.id}").status_code == 204
        # Each has its own store.
        assert two.get(f"/participants/{row.id}").json()["data"]["participant_id"] == row.id
        assert one.get(f"/participants/{row.id}").status_code == 404


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.com", "::"])
def test_refuses_non_loopback_hosts(host: str):
    with pytest.raises(ValueError, match="loopback"):
        SandboxServer(SandboxConfig(host=host))


def test_accepts_loopback_spellings():
    assert SandboxServer(SandboxConfig(host="localhost")).host == "127.0.0.1"
    assert SandboxServer(SandboxConfig(host="127.0.0.2")).host == "127.0.0.2"


def test_fixed_port_in_use_fails_clearly(sandbox: SandboxServer):
    server = SandboxServer(SandboxConfig(port=sandbox.port))
    with pytest.raises(OSError, match="in use"):
        server.start()


def test_concurrent_writers_apply_each_change_once(sandbox: SandboxServer):
    targets = [r for r in sandbox.store.participants_of(CONF_KEY) if not r.is_confirmed][:80]
    chunks = [targets[i::8] for i in range(8)]

    def confirm(rows: list[ParticipantRecord]) -> list[int]:
        with api_client(sandbox) as client:
            statuses = []
            for row in rows:
                statuses.append(
                    client.patch(f"/participants/{row.id}", json={"is_confirmed": True}).status_code
                )
                statuses.append(
                    client.get("/participants", params={"event_key": CONF_KEY}).status_code
                )
            return statuses

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(confirm, chunks))
    assert all(status == 200 for statuses in results for status in statuses)
    log = sandbox.store.audit_log()
    assert len(log) == 80
    assert sorted(e.participant_id for e in log) == sorted(r.id for r in targets)
    assert all(e.before_confirmed is False and e.after_confirmed is True for e in log)
    assert [e.seq for e in log] == list(range(1, 81))


def test_concurrent_duplicate_adds_create_one_participant(sandbox: SandboxServer):
    number = sandbox.store.free_contacts()[0].customer_number
    barrier = threading.Barrier(10)

    def add(_: int) -> int:
        with api_client(sandbox) as client:
            barrier.wait()
            body = {"event_key": EXPO_KEY, "customer_number": number}
            return client.post("/participants", json=body).status_code

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = sorted(pool.map(add, range(10)))
    assert statuses == [201] + [422] * 9
    assert len(sandbox.store.audit_log()) == 1


def test_store_can_be_inspected_while_serving(sandbox: SandboxServer):
    stop = threading.Event()
    errors: list[BaseException] = []

    def inspect() -> None:
        try:
            while not stop.is_set():
                total = sandbox.store.count(CONF_KEY)
                assert total in (2500, 2501)
                sandbox.store.audit_log()
        except BaseException as exc:
            errors.append(exc)

    watcher = threading.Thread(target=inspect)
    watcher.start()
    try:
        with api_client(sandbox) as client:
            for contact in sandbox.store.free_contacts()[:1]:
                body = {"event_key": CONF_KEY, "customer_number": contact.customer_number}
                assert client.post("/participants", json=body).status_code == 201
            for _ in range(30):
                assert (
                    client.get("/participants", params={"event_key": CONF_KEY}).status_code == 200
                )
    finally:
        stop.set()
        watcher.join()
    assert errors == []


def test_request_log(sandbox: SandboxServer, sandbox_client: httpx.Client):
    sandbox_client.get("/participants", params={"event_key": EXPO_KEY})
    sandbox_client.get("/nowhere")
    log = sandbox.request_log()
    assert [(r.method, r.path, r.status) for r in log] == [
        ("GET", "/api/v1/participants", 200),
        ("GET", "/api/v1/nowhere", 404),
    ]
    assert log[0].query == f"event_key={EXPO_KEY}"
    assert log[0].request_id.startswith("req_")
    sandbox.clear_request_log()
    assert sandbox.request_log() == []


def _start_cli(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "app.sandbox", "--port", "0", *args],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _finish(process: subprocess.Popen[str]) -> tuple[str, str]:
    """Wait for the process; its remaining stdout and all stderr.

    Not communicate(): it reads the raw pipes and would lose what readline() buffered.
    """
    assert process.stdout is not None
    assert process.stderr is not None
    out = process.stdout.read()
    err = process.stderr.read()
    process.wait(timeout=30)
    return out, err


def _base_url_from_first_line(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    first = process.stdout.readline().strip()
    prefix = "Sandbox listening on "
    assert first.startswith(prefix), first
    return first.removeprefix(prefix)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_cli_prints_url_serves_and_stops_cleanly(stop_signal: signal.Signals):
    process = _start_cli(
        "--pagination", "cursor", "--response-shape", "sample", "--participants", "50"
    )
    try:
        base_url = _base_url_from_first_line(process)
        response = httpx.get(
            f"{base_url}/api/v1/participants",
            params={"event_key": "BIG"},
            headers={"Authorization": f"Bearer {DEMO_KEYS.full}"},
        )
        assert response.status_code == 200
        body = response.json()
        assert body["has_more"] is True
        assert "participant_id" in body["data"][0]
    finally:
        process.send_signal(stop_signal)
        out, err = _finish(process)
    assert process.returncode == 0, err
    for key in (DEMO_KEYS.full, DEMO_KEYS.participants_only, DEMO_KEYS.no_participants):
        assert key in out
    assert out.rstrip().endswith("Sandbox stopped.")
    assert "Traceback" not in err


@pytest.mark.timeout(60)
def test_cli_faults_and_access_log():
    process = _start_cli("--error-rate", "1", "--rate-limit", "1000", "--access-log")
    try:
        base_url = _base_url_from_first_line(process)
        response = httpx.get(f"{base_url}/api/v1/events", headers={"X-API-Key": DEMO_KEYS.full})
        assert response.status_code in (500, 502, 503, 504)
    finally:
        process.terminate()
        _, err = _finish(process)
    assert process.returncode == 0
    assert "GET /api/v1/events" in err


def test_cli_refuses_non_loopback_host():
    result = subprocess.run(
        [sys.executable, "-m", "app.sandbox", "--host", "0.0.0.0", "--port", "0"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "loopback" in result.stderr


@pytest.mark.timeout(60)
def test_console_script_starts():
    script = shutil.which("participant-desk-sandbox", path=str(Path(sys.executable).parent))
    # Declared in pyproject.toml; the suite runs on an installed project (pip install -e).
    assert script is not None, "participant-desk-sandbox is not installed: pip install -e ."
    process = subprocess.Popen(
        [script, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        base_url = _base_url_from_first_line(process)
        assert httpx.get(f"{base_url}/api/v1/events").status_code == 401
    finally:
        process.terminate()
        _finish(process)
    assert process.returncode == 0


def test_seed_curl_example(sandbox: SandboxServer):
    curl = shutil.which("curl") or "/usr/bin/curl"
    if not Path(curl).exists():
        pytest.skip("curl is not installed")
    result = subprocess.run(
        [
            curl, "--silent", "--show-error", "--fail-with-body",
            "-X", "GET", f"{sandbox.base_url}/api/v1/participants",
            "-H", f"Authorization: Bearer {DEMO_KEYS.full}",
            "-H", "Content-Type: application/json",
        ],
        capture_output=True,
        timeout=60,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["data"]
    for item in body["data"]:
        assert {"id", "event_id", "contact_id", "is_confirmed", "created_at", "updated_at"} <= set(
            item
        )
        assert isinstance(item["is_confirmed"], bool)
        assert isinstance(item["created_at"], str)
