"""Kill -9 with changes queued and in flight, start again: each change reaches the server once.

The sandbox runs in this process, so its audit log outlives the killed driver and shows
exactly what the server applied. Phase 1 runs against a slow server that answers every
request with a 5xx, half of them after applying the write (the answer is lost, the change
is not); the driver is killed while a wave of requests is in flight. Phase 2 runs against a
healthy server and must deliver everything without applying any change a second time.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from pytestqt.qtbot import QtBot

from app.sandbox import DEMO_KEYS, EXPO_KEY, FaultConfig, SandboxServer
from app.store import OperationState, Outbox
from tests.sandbox_fixtures import MakeSandbox

ROOT = Path(__file__).resolve().parents[2]
DRIVER = "tests.integration.outbox_crash_driver"
WAIT_MS = 90_000

# Slow enough that a wave of requests is surely in flight when the driver is killed. The
# fault seed makes 4 of the first 8 writes "applied, then answered 5xx".
PHASE_1_FAULTS = FaultConfig(latency_ms=1000, error_rate=1.0, faults_after_write=0.5, seed=2)


class Driver:
    """The driver script in a subprocess, its stdout collected line by line."""

    def __init__(self, tmp_path: Path, name: str, *args: str) -> None:
        self.stderr_path = tmp_path / f"{name}.stderr"
        self._stderr: IO[bytes] = self.stderr_path.open("wb")
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", DRIVER, *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
        )
        self._lock = threading.Lock()
        self._lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._lock:
                self._lines.append(line.rstrip("\n"))

    def line(self, *prefixes: str) -> str | None:
        """The first line starting with one of the prefixes, if it arrived."""
        with self._lock:
            return next((ln for ln in self._lines if ln.startswith(prefixes)), None)

    @property
    def output(self) -> str:
        with self._lock:
            lines = list(self._lines)
        return "\n".join(lines) + "\n--- stderr ---\n" + self.stderr_path.read_text("utf-8")

    def finished_or_said(self, *prefixes: str) -> bool:
        return self.process.poll() is not None or self.line(*prefixes) is not None

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(30)

    def close(self) -> None:
        self.kill()
        self._reader.join(10)
        self._stderr.close()


@pytest.fixture
def drivers(tmp_path: Path) -> Iterator[list[Driver]]:
    started: list[Driver] = []
    yield started
    for driver in started:
        driver.close()


def requests_in_progress(server: SandboxServer) -> int:
    """Requests the server is still working on (e.g. from the killed driver).

    Reads uvicorn's server state: the sandbox has no public counter for this yet.
    """
    uvicorn_server = server._server
    assert uvicorn_server is not None
    return len(uvicorn_server.server_state.tasks)


def build_plan(server: SandboxServer) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """30 writes of every kind, interleaved so the first waves mix kinds; and the intent."""
    store = server.store
    rows = store.participants_of(EXPO_KEY)
    unconfirmed = [p.id for p in rows if not p.is_confirmed]
    confirmed = [p.id for p in rows if p.is_confirmed]
    confirms, chain = unconfirmed[:8], unconfirmed[8]
    unconfirms = confirmed[:8]
    removes = [*unconfirmed[9:12], *confirmed[8:10]]
    newcomers = [c.customer_number for c in store.free_contacts()[:3]]
    assert all(newcomers)

    def step(kind: str, row: int | str, **extra: Any) -> dict[str, Any]:
        return {"kind": kind, "row": row, "label": f"{kind} {row} · {EXPO_KEY}", **extra}

    def add(n: int) -> list[dict[str, Any]]:
        number = newcomers[n]
        return [
            step("add", f"temp:{n}", event_key=EXPO_KEY, customer_number=number),
            step("confirm", f"temp:{n}"),  # waits for its add, across the crash
        ]

    plan = [
        *add(0),
        step("confirm", confirms[0]),
        step("unconfirm", unconfirms[0]),
        step("remove", removes[0]),
        step("confirm", chain),
        step("unconfirm", chain),
        step("confirm", chain),
        *add(1),
        step("confirm", confirms[1]),
        step("unconfirm", unconfirms[1]),
        step("remove", removes[1]),
        *add(2),
        step("confirm", confirms[2]),
        step("unconfirm", unconfirms[2]),
        step("remove", removes[2]),
    ]
    for n in range(3, 8):
        plan += [step("confirm", confirms[n]), step("unconfirm", unconfirms[n])]
    plan += [step("remove", removes[3]), step("remove", removes[4])]
    intent = {
        "confirms": confirms,
        "unconfirms": unconfirms,
        "removes": removes,
        "chain": chain,
        "newcomers": newcomers,
    }
    return plan, intent


@pytest.mark.slow
def test_kill_9_with_queued_and_in_flight_changes_then_each_is_applied_exactly_once(
    qtbot: QtBot, tmp_path: Path, make_sandbox: MakeSandbox, drivers: list[Driver]
):
    server = make_sandbox(faults=PHASE_1_FAULTS)
    plan, intent = build_plan(server)
    assert len(plan) == 30
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    db = tmp_path / "outbox.db"
    common = ["--db", str(db), "--base-url", server.base_url, "--key", DEMO_KEYS.full]

    # -- phase 1: queue everything, fail slowly, die mid-flight --------------------------
    first = Driver(tmp_path, "phase1", *common, "--phase", "1", "--plan", str(plan_path))
    drivers.append(first)
    qtbot.waitUntil(lambda: first.finished_or_said("DURABLE"), timeout=WAIT_MS)
    assert first.line("DURABLE") == "DURABLE 30", first.output
    first.kill()
    assert first.process.returncode == -signal.SIGKILL
    # Let the server finish what the dead driver had in flight, so phase 2 sees its effect.
    qtbot.waitUntil(lambda: requests_in_progress(server) == 0, timeout=WAIT_MS)

    outbox = Outbox(db)
    after_crash = outbox.operations()
    outbox.close()
    states = Counter(op.state for op in after_crash)
    assert len(after_crash) == 30
    assert states[OperationState.SENDING] >= 1  # in flight at the kill
    assert states[OperationState.DONE] == 0  # nothing could be confirmed as delivered
    queued = [op for op in after_crash if op.state is OperationState.QUEUED]
    assert any(op.attempts >= 1 and op.maybe_applied for op in queued)  # failed, maybe applied
    assert any(op.attempts == 0 for op in queued)  # never tried
    phase_1_log = server.request_log()
    applied_unacknowledged = [
        r for r in phase_1_log if r.fault_after_write and (r.status or 0) >= 500
    ]
    assert applied_unacknowledged, "the fault seed should apply some writes before the 5xx"
    phase_1_audit = len(server.store.audit_log())
    assert phase_1_audit >= len(applied_unacknowledged)

    # -- phase 2: healthy network, start again --------------------------------------------
    server.faults.reset()
    second = Driver(tmp_path, "phase2", *common, "--phase", "2")
    drivers.append(second)
    qtbot.waitUntil(lambda: second.finished_or_said("DONE", "TIMEOUT"), timeout=WAIT_MS)
    done = second.line("DONE")
    assert done is not None, second.output
    report = json.loads(done.removeprefix("DONE "))
    assert report == {"states": {"done": 30}, "problems": []}, second.output
    second.process.wait(30)
    assert second.process.returncode == 0, second.output

    # -- what the server applied: every change exactly once -------------------------------
    audit = server.store.audit_log()
    by_participant: dict[int, list[tuple[str, bool | None]]] = {}
    for entry in audit:
        by_participant.setdefault(entry.participant_id, []).append(
            (entry.op, entry.after_confirmed)
        )
    assert all(entry.changed for entry in audit), "a write was applied a second time"
    for pid in intent["confirms"]:
        assert by_participant[pid] == [("update", True)]
    for pid in intent["unconfirms"]:
        assert by_participant[pid] == [("update", False)]
    for pid in intent["removes"]:
        assert by_participant[pid] == [("delete", None)]
        assert server.store.participant(pid) is None
    assert by_participant[intent["chain"]] == [
        ("update", True),
        ("update", False),
        ("update", True),
    ]
    creates = [entry for entry in audit if entry.op == "create"]
    assert len(creates) == 3  # no duplicate adds
    for number in intent["newcomers"]:
        row = server.store.find(EXPO_KEY, number)
        assert row is not None
        assert row.is_confirmed is True
        assert by_participant[row.id] == [("create", False), ("update", True)]
    assert len(audit) == 8 + 8 + 5 + 3 + 3 + 3

    phase_2_log = server.request_log()[len(phase_1_log) :]
    assert not [r for r in phase_2_log if r.status == 422], "a duplicate add was attempted"
    verify_reads = [r for r in phase_2_log if r.method == "GET"]
    print(
        f"\n[crash] after kill -9: {states[OperationState.SENDING]} sending, "
        f"{sum(1 for op in queued if op.attempts)} queued after failed attempts, "
        f"{sum(1 for op in queued if not op.attempts)} never tried; "
        f"{len(applied_unacknowledged)} writes applied but answered 5xx, "
        f"{phase_1_audit} applied in phase 1; phase 2: {len(phase_2_log)} requests, "
        f"{len(verify_reads)} verifying reads, {len(audit) - phase_1_audit} writes applied"
    )
