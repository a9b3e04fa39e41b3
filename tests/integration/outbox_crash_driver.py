"""Driver for the outbox crash test: the outbox and its sender in a process of their own.

Phase 1 (``--phase 1 --plan plan.json``) enqueues the planned writes and lets the sender
work against a failing, slow server; once they are all durable, several attempts have
failed and a new wave of requests is in flight, it prints ``DURABLE <n>`` and waits to be
killed. Phase 2 (``--phase 2``) starts on the same database against a healthy server,
recovers, and prints ``DONE <json>`` when nothing is pending (``TIMEOUT`` after a minute).

Run from the repository root: ``python -m tests.integration.outbox_crash_driver ...``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer

from app.api import PlandocketClient, RetryPolicy
from app.store import Operation, Outbox
from app.ui.outbox_sender import OutboxSender
from app.workers import WorkerPool

# Phase 1 reports once this many attempts failed and a new wave of requests is in flight;
# polling every few milliseconds finds the wave right after it left.
FAILED_ATTEMPTS_BEFORE_MARKER = 8
POLL_MS = 10
PHASE_2_DEADLINE_MS = 45_000


def say(line: str) -> None:
    """One line to the test, at once (the test may kill us right after reading it)."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def enqueue_plan(outbox: Outbox, sender: OutboxSender, plan: list[dict[str, Any]]) -> int:
    """Enqueue every planned write; ``"temp:N"`` rows get a temporary id on first use."""
    temporary: dict[str, int] = {}
    for step in plan:
        row = step["row"]
        if isinstance(row, str):
            if row not in temporary:
                temporary[row] = outbox.new_temporary_row_id()
            row = temporary[row]
        outbox.enqueue(
            account=sender.account,
            kind=step["kind"],
            row_id=row,
            label=step["label"],
            event_key=step.get("event_key"),
            customer_number=step.get("customer_number"),
        )
        sender.wake()
    return len(plan)


def summary(outbox: Outbox, account: str) -> dict[str, Any]:
    """What phase 2 reports: how many operations ended in which state, and any problems."""
    operations: list[Operation] = outbox.operations(account)
    states: dict[str, int] = {}
    for op in operations:
        states[op.state.value] = states.get(op.state.value, 0) + 1
    problems = [f"{op.label}: {op.last_error}" for op in outbox.problems(account)]
    return {"states": states, "problems": problems}


def main(argv: list[str] | None = None) -> int:
    """Run one phase; returns the exit code (phase 1 never returns: it is killed)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--phase", type=int, choices=(1, 2), required=True)
    parser.add_argument("--plan", type=Path)
    args = parser.parse_args(argv)

    app = QCoreApplication([])
    outbox = Outbox(args.db)
    pool = WorkerPool(max_threads=4)
    # No retries inside the client: the outbox is the retry mechanism under test.
    client = PlandocketClient(args.base_url, args.key, retry=RetryPolicy(max_attempts=1))
    sender = OutboxSender(outbox, pool)
    failures = [0]
    exit_code = [0]
    sender.retrying.connect(lambda op, seconds: failures.__setitem__(0, failures[0] + 1))
    account = client.base_url
    sender.set_client(client, account)

    if args.phase == 1:
        plan = json.loads(args.plan.read_text(encoding="utf-8"))
        count = enqueue_plan(outbox, sender, plan)
        poll = QTimer()

        def check() -> None:
            if failures[0] >= FAILED_ATTEMPTS_BEFORE_MARKER and outbox.interrupted(account):
                poll.stop()
                say(f"DURABLE {count}")

        poll.timeout.connect(check)
        poll.start(POLL_MS)
    else:
        interrupted = sender.recover()
        say(f"RECOVERING {interrupted} interrupted, {outbox.pending_count(account)} pending")

        def settled(*_: object) -> None:
            # Settled: nothing in flight and nothing left that could still be sent (what is
            # still queued, if anything, waits behind a problem for a person).
            if sender.in_flight_count == 0 and outbox.next_wakeup(account) is None:
                say("DONE " + json.dumps(summary(outbox, account)))
                app.quit()

        def timeout() -> None:
            say("TIMEOUT " + json.dumps(summary(outbox, account)))
            exit_code[0] = 2
            app.quit()

        sender.problem.connect(lambda op: say(f"PROBLEM {op.label}: {op.last_error}"))
        sender.delivered.connect(settled)
        sender.problem.connect(settled)
        QTimer.singleShot(PHASE_2_DEADLINE_MS, timeout)

    app.exec()
    sender.stop()
    pool.shutdown(5000)
    client.close()
    outbox.close()
    return exit_code[0]


if __name__ == "__main__":
    sys.exit(main())
