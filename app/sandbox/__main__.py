"""Command line: run a sandbox server until Ctrl+C or SIGTERM.

The first line of standard output is always "Sandbox listening on <base URL>", flushed at
once, so a benchmark can start ``python -m app.sandbox --port 0`` and read the URL.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from app.sandbox.auth import DEMO_KEYS
from app.sandbox.config import PAGINATIONS, RESPONSE_SHAPES, FaultConfig, SandboxConfig
from app.sandbox.data import BIG_KEY, CONF_KEY, EXPO_KEY, SUMMIT_KEY, WORKSHOP_KEY
from app.sandbox.server import SandboxServer, loopback_address

DEFAULT_PORT = 8765


def build_parser() -> argparse.ArgumentParser:
    """The CLI's argument parser."""
    parser = argparse.ArgumentParser(
        prog="participant-desk-sandbox",
        description="Local server that behaves like the Plandocket API (demo, tests, benchmarks).",
    )
    add = parser.add_argument
    add("--host", default="127.0.0.1", help="loopback address to bind (default 127.0.0.1)")
    add(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"port, 0 = any free one (default {DEFAULT_PORT})",
    )
    add("--seed", type=int, default=1, help="seed of the generated data (default 1)")
    add(
        "--participants",
        type=int,
        default=0,
        metavar="N",
        help=f"add event {BIG_KEY} with N participants",
    )
    add("--pagination", choices=PAGINATIONS, default="laravel")
    add("--response-shape", choices=RESPONSE_SHAPES, default="documented")
    add("--per-page-max", type=int, default=100)
    add("--partial-writes", action="store_true", help="answer writes with only id and timestamps")
    add("--latency-ms", type=float, default=0.0)
    add("--error-rate", type=float, default=0.0, help="fraction answered 5xx with a JSON error")
    add(
        "--html-error-rate", type=float, default=0.0, help="fraction answered 502 with an HTML page"
    )
    add("--drop-rate", type=float, default=0.0, help="fraction of connections dropped mid-response")
    add("--broken-json-rate", type=float, default=0.0, help="fraction answered with truncated JSON")
    add(
        "--faults-after-write",
        type=float,
        default=0.0,
        help="share of write faults after the write",
    )
    add("--fault-seed", type=int, default=1)
    add("--rate-limit", type=int, default=None, metavar="N", help="requests per key and hour")
    add("--retry-after", type=int, default=None, metavar="S", help="Retry-After seconds on 429")
    add("--access-log", action="store_true", help="log every request to stderr")
    return parser


def config_from_args(args: argparse.Namespace) -> SandboxConfig:
    """The SandboxConfig the parsed arguments describe (ValueError if inconsistent)."""
    faults = FaultConfig(
        latency_ms=args.latency_ms,
        error_rate=args.error_rate,
        html_error_rate=args.html_error_rate,
        drop_rate=args.drop_rate,
        broken_json_rate=args.broken_json_rate,
        faults_after_write=args.faults_after_write,
        rate_limit_per_hour=args.rate_limit,
        rate_limit_retry_after=args.retry_after,
        seed=args.fault_seed,
    )
    config = SandboxConfig(
        seed=args.seed,
        big_event_participants=args.participants,
        pagination=args.pagination,
        response_shape=args.response_shape,
        per_page_max=args.per_page_max,
        partial_write_responses=args.partial_writes,
        host=loopback_address(args.host),
        port=args.port,
        faults=faults,
        access_log=args.access_log,
    )
    config.validate()
    return config


def _banner(server: SandboxServer) -> list[str]:
    keys = [f"  {key.key}  ({key.label})" for key in DEMO_KEYS.api_keys()]
    counts = ", ".join(
        f"{key} {server.store.count(key)}"
        for key in (EXPO_KEY, CONF_KEY, WORKSHOP_KEY, SUMMIT_KEY, BIG_KEY)
        if server.store.event_by_key(key) is not None
    )
    return [
        f"Sandbox listening on {server.base_url}",
        f"API: {server.api_url}  (pagination {server.config.pagination}, "
        f"shape {server.config.response_shape})",
        f"Events: {counts}",
        "Demo keys (Authorization: Bearer <key>):",
        *keys,
        "Press Ctrl+C to stop.",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the sandbox until interrupted; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        config = config_from_args(args)
    except ValueError as exc:
        parser.error(str(exc))
    logging.basicConfig(
        level=logging.INFO if args.access_log else logging.WARNING,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )

    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)

    server = SandboxServer(config)
    try:
        server.start()
    except OSError as exc:
        print(f"Cannot listen on {config.host}:{config.port}: {exc}", file=sys.stderr, flush=True)
        return 1
    try:
        print("\n".join(_banner(server)), flush=True)
        # Event.wait wakes up for signals: the handler runs in this (main) thread.
        stop.wait()
    finally:
        server.stop()
    print("Sandbox stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
