"""Benchmark: load a 100k-participant event through PlandocketClient vs a plain-httpx floor.

Run: ``python -m tests.benchmarks.bench_api_load [--participants N] [--rounds R]``

For each sandbox latency (0 ms and 30 ms per request, a realistic venue-to-cloud round
trip) it prints the client's time, the floor's time (plain httpx + ``json.loads`` of the same
pages, sequential, measured in the same run), their ratio and the requests each used.
Targets: ratio <= 1.1 at 0 ms, <= 0.4 at 30 ms, and no more requests than the floor.
The sandbox runs in its own process so that it does not share the client's GIL.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from app.api import PlandocketClient
from app.sandbox import BIG_KEY, DEMO_KEYS

KEY = DEMO_KEYS.full
PAGE_SIZE = 100  # the sandbox's cap; both sides ask for the largest page it accepts


@dataclass
class Run:
    seconds: float
    rows: int
    requests: int


@contextmanager
def sandbox_process(participants: int, latency_ms: int) -> Iterator[str]:
    """A sandbox in a child process; yields its base URL."""
    command = [
        sys.executable,
        "-m",
        "app.sandbox",
        "--port",
        "0",
        "--participants",
        str(participants),
        "--latency-ms",
        str(latency_ms),
        "--per-page-max",
        str(PAGE_SIZE),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline().strip()
        if not first_line.startswith("Sandbox listening on "):
            raise RuntimeError(f"sandbox did not start: {first_line!r}")
        yield first_line.removeprefix("Sandbox listening on ")
    finally:
        process.terminate()
        process.wait(timeout=10)


def floor_load(base_url: str) -> Run:
    """Plain httpx and json.loads, page after page, following links.next."""
    requests = rows = 0
    started = time.perf_counter()
    with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {KEY}"}) as http:
        params: dict[str, str] | None = {
            "event_key": BIG_KEY,
            "include": "contact",
            "per_page": str(PAGE_SIZE),
        }
        url: str = "/api/v1/participants"
        while url:
            response = http.get(url, params=params)
            requests += 1
            body = json.loads(response.content)
            rows += len(body["data"])
            url, params = body["links"]["next"], None
    return Run(time.perf_counter() - started, rows, requests)


def client_load(base_url: str) -> Run:
    """PlandocketClient parsing every page into domain objects."""
    started = time.perf_counter()
    with PlandocketClient(base_url, KEY) as client:
        rows = sum(
            len(page)
            for page in client.iter_participant_pages(event_key=BIG_KEY, include=("contact",))
        )
        requests = client.request_count
    return Run(time.perf_counter() - started, rows, requests)


def measure(participants: int, latency_ms: int, rounds: int) -> None:
    with sandbox_process(participants, latency_ms) as base_url:
        client_load(base_url)  # warm-up: server caches and connection set-up
        floors: list[Run] = []
        clients: list[Run] = []
        for _ in range(rounds):  # alternate so that machine noise hits both sides alike
            floors.append(floor_load(base_url))
            clients.append(client_load(base_url))
    floor = statistics.median(run.seconds for run in floors)
    client = statistics.median(run.seconds for run in clients)
    target = 1.1 if latency_ms == 0 else 0.4
    ratio = client / floor
    print(
        f"latency {latency_ms:>2} ms | rows {clients[0].rows:,} (floor {floors[0].rows:,}) | "
        f"client {client:6.2f} s | floor {floor:6.2f} s | ratio {ratio:.2f} "
        f"(target <= {target}: {'met' if ratio <= target else 'MISSED'}) | "
        f"requests client {clients[0].requests} vs floor {floors[0].requests}"
    )
    print(
        "    runs: client "
        + ", ".join(f"{run.seconds:.2f}" for run in clients)
        + " s | floor "
        + ", ".join(f"{run.seconds:.2f}" for run in floors)
        + " s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3, help="rounds at 0 ms latency")
    parser.add_argument("--latency-rounds", type=int, default=1, help="rounds at 30 ms")
    args = parser.parse_args()
    print(f"Loading event {BIG_KEY} with {args.participants:,} participants, include=contact")
    measure(args.participants, 0, args.rounds)
    measure(args.participants, 30, args.latency_rounds)


if __name__ == "__main__":
    main()
