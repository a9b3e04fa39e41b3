"""1,000 scans at a desk on a failing network: every check-in arrives exactly once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer

from app.application import Application
from app.desk.results import ResultKind
from app.paths import AppPaths
from app.sandbox import CONF_KEY, DEMO_KEYS, SandboxServer
from app.secrets import KeyStore
from app.session import API_KEY_ENVIRONMENT_VARIABLE
from app.ui import outbox_sender

SCANS = 1000
WAIT_MS = 300_000

pytestmark = pytest.mark.slow


@pytest.fixture
def desk_app(
    qtbot, tmp_path: Path, settings, monkeypatch, make_sandbox
) -> Iterator[tuple[Application, SandboxServer]]:
    server: SandboxServer = make_sandbox()
    # The sender's backoff starts at seconds (kind to a real server); shorter here so the
    # test spends its time on the faults, not on waiting.
    monkeypatch.setattr(outbox_sender, "BASE_DELAY", 0.05)
    monkeypatch.setenv(API_KEY_ENVIRONMENT_VARIABLE, DEMO_KEYS.full)
    application = Application.from_args(
        ["--base-url", server.base_url, "--desk", CONF_KEY],
        settings=settings,
        paths=AppPaths(tmp_path / "data"),
        keystore=KeyStore(),
    )
    qtbot.waitUntil(lambda: application.desk_window is not None, timeout=20_000)
    desk = application.desk_window
    assert desk is not None
    qtbot.waitUntil(lambda: len(desk.controller.index) == 2500, timeout=30_000)
    yield application, server
    if application.desk_window is not None:
        application.desk_window.close()
    application.shutdown()


def test_a_thousand_scans_under_faults_are_each_confirmed_exactly_once(qtbot, desk_app):
    application, server = desk_app
    desk = application.desk_window
    controller = desk.controller
    codes = [
        p.contact.customer_number
        for p in controller.index.participants()
        if not p.is_confirmed and p.contact and p.contact.customer_number
    ][:SCANS]
    assert len(codes) == SCANS
    targets = {controller.index.by_code(code)[0].id for code in codes}
    confirmed_before = {p.id for p in server.store.participants_of(CONF_KEY) if p.is_confirmed}

    faults = server.faults
    faults.error_rate = 0.10
    faults.drop_rate = 0.05
    faults.faults_after_write = 0.5  # half the failed writes were applied anyway
    faults.rate_limit_per_hour = 100  # a burst runs into the hourly limit …
    faults.rate_limit_retry_after = 1
    hour_passes = QTimer()  # … which, here, renews every few seconds
    hour_passes.setInterval(5000)
    hour_passes.timeout.connect(server.rate_limiter.reset)
    hour_passes.start()

    gaps: list[float] = []
    clock = QElapsedTimer()
    heartbeat = QTimer()
    heartbeat.setInterval(5)

    def beat() -> None:
        gaps.append(clock.restart() / 1.0)

    heartbeat.timeout.connect(beat)
    clock.start()
    heartbeat.start()

    kinds: list[ResultKind] = []
    controller.result.connect(lambda result: kinds.append(result.kind))
    waiting = list(codes)
    scanner = QTimer()  # a scan every 2 ms, through the event loop like a real scanner
    scanner.setInterval(2)

    def scan_next() -> None:
        if waiting:
            desk.input.take_scan(waiting.pop(0))
        else:
            scanner.stop()

    scanner.timeout.connect(scan_next)
    started = time.perf_counter()
    scanner.start()
    qtbot.waitUntil(lambda: len(kinds) == SCANS, timeout=WAIT_MS)
    scanning = time.perf_counter() - started
    assert kinds == [ResultKind.CONFIRMED] * SCANS  # each shown at once, network or not

    qtbot.waitUntil(lambda: controller.waiting_count == 0, timeout=WAIT_MS)
    delivered = time.perf_counter() - started
    heartbeat.stop()
    hour_passes.stop()
    faults.reset()

    confirmed_after = {p.id for p in server.store.participants_of(CONF_KEY) if p.is_confirmed}
    assert confirmed_after == confirmed_before | targets  # none lost, nothing else changed
    changed = [e for e in server.store.audit_log() if e.changed]
    per_participant: dict[int, int] = {}
    for entry in changed:
        per_participant[entry.participant_id] = per_participant.get(entry.participant_id, 0) + 1
    assert set(per_participant) == targets
    assert set(per_participant.values()) == {1}  # nobody confirmed twice
    assert all(e.after_confirmed for e in changed)
    statuses = [record.status for record in server.request_log()]
    assert 429 in statuses  # the rate limit was really hit
    assert any(s is not None and s >= 500 for s in statuses)
    print(
        f"\n[desk faults] {SCANS} scans in {scanning:.2f} s, all delivered after "
        f"{delivered:.1f} s; {len(statuses)} requests ({statuses.count(429)}x 429); "
        f"longest GUI gap {max(gaps):.0f} ms"
    )
