"""The real app in child processes: killed with queued changes, and scanned for key leaks."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty, Queue

import pytest

from app.sandbox import EXPO_KEY, SandboxServer
from app.session import API_KEY_ENVIRONMENT_VARIABLE

ROOT = Path(__file__).resolve().parents[2]
STEP_TIMEOUT = 60.0
CANARY_KEY = "pd_CANARY_9f3b2e7d41c6a85b"
FULL_SCOPES = frozenset({"participants", "events", "contacts", "categories"})

pytestmark = pytest.mark.slow


@dataclass
class Child:
    """A running app_driver process whose stdout lines are read as they come."""

    process: subprocess.Popen[str]
    lines: Queue[str] = field(default_factory=Queue)
    seen: list[str] = field(default_factory=list)

    def expect(self, prefix: str, timeout: float = STEP_TIMEOUT) -> str:
        """The next stdout line starting with ``prefix`` (other lines are kept in ``seen``)."""
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except Empty:
                raise AssertionError(f"no {prefix!r} from the app; saw {self.seen}") from None
            self.seen.append(line)
            if line.startswith(prefix):
                return line

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A throw-away home: settings, data, logs and caches all land here."""
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def launch(home: Path) -> Iterator[Callable[..., Child]]:
    children: list[Child] = []

    def start(*args: str, key: str) -> Child:
        env = {
            **os.environ,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_RUNTIME_DIR": str(home / "runtime"),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            API_KEY_ENVIRONMENT_VARIABLE: key,
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.gui.app_driver", *args],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        child = Child(process)
        assert process.stdout is not None
        stdout = process.stdout

        def pump() -> None:
            for line in stdout:
                child.lines.put(line.rstrip("\n"))

        threading.Thread(target=pump, daemon=True).start()
        children.append(child)
        return child

    yield start
    for child in children:
        if child.process.poll() is None:
            child.process.kill()
        child.process.wait(timeout=10)


def test_changes_queued_when_the_app_is_killed_are_delivered_once_after_restart(
    launch, make_sandbox
):
    server: SandboxServer = make_sandbox()
    server.add_api_key(CANARY_KEY, FULL_SCOPES)
    first = launch("queue", "5", "--base-url", server.base_url, key=CANARY_KEY)
    first.expect("LOADED")
    # Plandocket now fails every request; half of the failed writes were applied anyway.
    server.faults.error_rate = 1.0
    server.faults.error_statuses = (503,)
    server.faults.faults_after_write = 0.5
    first.send("GO")
    targets = [int(word) for word in first.expect("QUEUED").split()[1:]]
    assert len(targets) == 5
    first.process.kill()  # kill -9 with the changes queued (some maybe applied)
    first.process.wait(timeout=10)

    server.faults.reset()
    second = launch("deliver", "--base-url", server.base_url, key=CANARY_KEY)
    second.expect("PENDING")
    second.expect("DELIVERED")
    assert second.process.wait(timeout=30) == 0
    for participant_id in targets:
        record = server.store.participant(participant_id)
        assert record is not None
        assert record.is_confirmed
        changes = [
            entry
            for entry in server.store.audit_log()
            if entry.participant_id == participant_id and entry.changed
        ]
        assert len(changes) == 1, (participant_id, changes)


def test_check_ins_queued_when_a_desk_is_killed_are_delivered_once_after_restart(
    launch, make_sandbox
):
    server: SandboxServer = make_sandbox()
    server.add_api_key(CANARY_KEY, FULL_SCOPES)
    first = launch(
        "desk-queue", "8", "--base-url", server.base_url, "--desk", EXPO_KEY, key=CANARY_KEY
    )
    first.expect("LOADED")
    server.faults.error_rate = 1.0  # the venue's line fails every request…
    server.faults.error_statuses = (503,)
    server.faults.faults_after_write = 0.5  # …after applying half of the writes
    first.send("GO")
    targets = [int(word) for word in first.expect("QUEUED").split()[1:]]
    assert len(targets) == 8
    first.process.kill()  # the desk's laptop is switched off mid-queue
    first.process.wait(timeout=10)

    server.faults.reset()
    second = launch("deliver", "--base-url", server.base_url, key=CANARY_KEY)
    second.expect("PENDING")
    second.expect("DELIVERED")
    assert second.process.wait(timeout=30) == 0
    for participant_id in targets:
        record = server.store.participant(participant_id)
        assert record is not None
        assert record.is_confirmed
        changes = [
            entry
            for entry in server.store.audit_log()
            if entry.participant_id == participant_id and entry.changed
        ]
        assert len(changes) == 1, (participant_id, changes)


def test_the_api_key_appears_in_no_file_log_or_output(launch, make_sandbox, home):
    server: SandboxServer = make_sandbox()
    server.add_api_key(CANARY_KEY, FULL_SCOPES)
    child = launch("session", "--base-url", server.base_url, key=CANARY_KEY)
    child.expect("DONE", timeout=90)
    assert child.process.wait(timeout=30) == 0
    stdout = "\n".join(child.seen)
    stderr = child.process.stderr.read() if child.process.stderr else ""

    written = [path for path in home.rglob("*") if path.is_file()]
    names = {path.name for path in written}
    # The session really wrote what it should have: settings, outbox, log.
    assert any(name.endswith(".conf") or name.endswith(".ini") for name in names), names
    assert "outbox.sqlite3" in names
    log_files = [
        path for path in written if path.name.startswith("participant-desk") and ".log" in path.name
    ]
    assert log_files
    assert any(path.stat().st_size > 0 for path in log_files)
    assert "unexpected state for key" in "".join(p.read_text(errors="replace") for p in log_files)

    leaks = [str(path) for path in written if CANARY_KEY.encode() in path.read_bytes()]
    assert leaks == []
    assert CANARY_KEY not in stdout
    assert CANARY_KEY not in stderr
    # The participants really changed, so the key was used for real.
    assert server.store.count(EXPO_KEY, confirmed=True) > 0
    assert any(entry.op == "delete" for entry in server.store.audit_log()) or any(
        "DELETE" in record.method for record in server.request_log()
    )
