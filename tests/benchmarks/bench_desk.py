"""Benchmark: a check-in desk with 100k participants loaded.

Run: ``python -m tests.benchmarks.bench_desk [--participants N] [--scans N]``

Prints, measured in the same run:

- scan-to-result latency (target <= 20 ms at the 99th percentile): from the scan to the
  result painted, including the durable outbox write — against a naive desk that asks the
  server for each code (GET, then PATCH) before it can show anything;
- requests per check-in (target exactly 1.0; the naive look-up-then-update desk: 2.0);
- check-ins per hour a desk sustains inside a 1,000-request Standard plan while refreshing.

The sandbox runs in its own process, as a real server would.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.api import PlandocketClient
from app.application import Application
from app.desk.refresh_planner import sustainable_checkins_per_hour
from app.paths import AppPaths
from app.sandbox import BIG_KEY, DEMO_KEYS
from app.secrets import KeyStore
from app.session import API_KEY_ENVIRONMENT_VARIABLE
from app.settings import Settings
from tests.benchmarks.bench_api_load import sandbox_process
from tests.benchmarks.bench_table_load import wait_until

NAIVE_SCANS = 100
PAGE_SIZE = 100  # the sandbox's cap, as Plandocket's probably is


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def measure_desk(app: QApplication, base_url: str, scans: int) -> dict[str, float]:
    os.environ[API_KEY_ENVIRONMENT_VARIABLE] = DEMO_KEYS.full
    scratch = Path(tempfile.mkdtemp(prefix="bench-desk-"))
    application = Application.from_args(
        ["--base-url", base_url, "--desk", BIG_KEY],
        settings=Settings(QSettings(str(scratch / "s.ini"), QSettings.Format.IniFormat)),
        paths=AppPaths(scratch / "data"),
        keystore=KeyStore(),
    )
    wait_until(app, lambda: application.desk_window is not None)
    desk = application.desk_window
    assert desk is not None
    desk.sounds.muted = True
    controller = desk.controller
    started = time.perf_counter()
    wait_until(app, lambda: controller.loaded_once and not controller.refreshing)
    loaded = time.perf_counter() - started
    codes = [
        p.contact.customer_number
        for p in controller.index.participants()
        if not p.is_confirmed and p.contact is not None and p.contact.customer_number
    ][:scans]
    client = application.controller.session.client if application.controller.session else None
    assert client is not None
    requests_before = client.request_count
    latencies = []
    for code in codes:
        begin = time.perf_counter()
        desk.input.take_scan(code)
        desk.result_panel.repaint()  # the result is on screen
        latencies.append((time.perf_counter() - begin) * 1000)
        app.processEvents()  # the desk goes on between scans (sending, counting)
    wait_until(app, lambda: controller.waiting_count == 0)
    per_checkin = (client.request_count - requests_before) / len(codes)
    rows = len(controller.index)
    desk.close()
    application.shutdown()
    return {
        "rows": rows,
        "loaded": loaded,
        "p50": statistics.median(latencies),
        "p99": percentile(latencies, 0.99),
        "max": max(latencies),
        "requests": per_checkin,
    }


def measure_naive(base_url: str, codes: list[str]) -> dict[str, float]:
    """A desk that looks each code up on the server, then confirms it."""
    latencies = []
    with PlandocketClient(base_url, DEMO_KEYS.full) as client:
        for code in codes:
            begin = time.perf_counter()
            found = client.find_participation(BIG_KEY, code)
            assert found is not None
            client.update_participant(found.id, is_confirmed=True)
            latencies.append((time.perf_counter() - begin) * 1000)
        per_checkin = client.request_count / len(codes)
    return {
        "p50": statistics.median(latencies),
        "p99": percentile(latencies, 0.99),
        "max": max(latencies),
        "requests": per_checkin,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--scans", type=int, default=1000)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    with sandbox_process(args.participants, 0) as base_url:
        ours = measure_desk(app, base_url, args.scans)
        with PlandocketClient(base_url, DEMO_KEYS.full) as client:
            naive_codes = [
                p.contact.customer_number
                for p in client.list_participants(BIG_KEY, confirmed=False, include=("contact",))[
                    :NAIVE_SCANS
                ]
                if p.contact and p.contact.customer_number
            ]
        naive = measure_naive(base_url, naive_codes[: NAIVE_SCANS // 2])
    with sandbox_process(args.participants, 30) as remote_url:
        remote = measure_naive(remote_url, naive_codes[NAIVE_SCANS // 2 :])

    rows, loaded = ours["rows"], ours["loaded"]
    print(f"Desk on event {BIG_KEY}: {rows:,.0f} participants (loaded in {loaded:.1f} s)")
    print("The naive desk asks the server per scan: on loopback, and at 30 ms per request.")
    print(f"{'':30} {'this desk':>10} {'naive, 0 ms':>12} {'naive, 30 ms':>13}  target")
    for label, key in (
        ("scan to result, median (ms)", "p50"),
        ("scan to result, p99 (ms)", "p99"),
        ("scan to result, worst (ms)", "max"),
        ("requests per check-in", "requests"),
    ):
        verdict = ""
        if key == "p99":
            verdict = "<= 20: " + ("met" if ours[key] <= 20 else "MISSED")
        elif key == "requests":
            verdict = "= 1.0: " + ("met" if abs(ours[key] - 1.0) < 1e-9 else "MISSED")
        print(f"{label:30} {ours[key]:10.2f} {naive[key]:12.2f} {remote[key]:13.2f}  {verdict}")
    print()
    print("Check-ins per hour inside a 1,000-request Standard plan, while refreshing")
    print("(a refresh reads the confirmed participants, 100 a page; every 4th reads all):")
    print(
        f"{'event':>16} {'every 5 min':>12} {'every 10 min':>13} {'every 15 min':>13} {'naive':>8}"
    )
    for size in (600, 2500, 10_000):
        confirmed = int(size * 0.6)  # mid-event: most have arrived
        cost = (3 * -(-confirmed // PAGE_SIZE) + -(-size // PAGE_SIZE)) / 4
        cells = [
            sustainable_checkins_per_hour(1000, round(cost), minutes * 60)
            for minutes in (5, 10, 15)
        ]
        naive_rate = sustainable_checkins_per_hour(1000, round(cost), 600) / 2
        print(
            f"{size:>10,} ppl {cells[0]:>12,.0f} {cells[1]:>13,.0f} {cells[2]:>13,.0f} "
            f"{naive_rate:>8,.0f}"
        )


if __name__ == "__main__":
    main()
