"""One PlandocketClient shared by eight threads against the sandbox: reads, confirms and adds.

Every thread owns its own participants and contacts, so the final store state is known
exactly, while all threads share the client's connections and page-fetching pool.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from app.api import PlandocketClient
from app.sandbox import CONF_KEY, EXPO_KEY, SUMMIT_KEY, WORKSHOP_KEY, SandboxServer
from tests.integration.client_fixtures import PATIENT, MakePlandocket, ids_of

pytest_plugins = ("tests.integration.client_fixtures",)

THREADS = 8
OWNED = 5  # participants each thread confirms and unconfirms
WAIT = 20.0  # seconds a barrier may wait before the test fails instead of hanging


@dataclass
class _Work:
    participant_ids: list[int]
    customer_number: str
    request_ids_ok: list[bool] = field(default_factory=list)
    added_id: int | None = None


def _run_threads(sandbox: SandboxServer, client: PlandocketClient) -> list[_Work]:
    store = sandbox.store
    expo = [r.id for r in store.participants_of(EXPO_KEY)]
    free = store.free_contacts()
    works = []
    for index in range(THREADS):
        number = free[index].customer_number
        assert number is not None
        works.append(_Work(expo[index * OWNED : (index + 1) * OWNED], number))
    conf_ids = [r.id for r in store.participants_of(CONF_KEY)]
    workshop_ids = [r.id for r in store.participants_of(WORKSHOP_KEY)]
    expo_ids = set(expo)
    barrier = threading.Barrier(THREADS)

    def work(index: int) -> None:
        mine = works[index]
        barrier.wait(WAIT)
        for round_number, target in enumerate((True, False, True)):
            if (index + round_number) % 4 == 0:
                assert ids_of(client.list_participants(CONF_KEY)) == conf_ids
            else:
                assert ids_of(client.list_participants(WORKSHOP_KEY)) == workshop_ids
            assert set(ids_of(client.list_participants(EXPO_KEY, include=("event",)))) == (expo_ids)
            for pid in mine.participant_ids:
                answer = client.update_participant(pid, is_confirmed=target)
                assert (answer.id, answer.is_confirmed) == (pid, target)
                assert client.get_participant(pid).is_confirmed is target
                # The request id is per thread: it must be this thread's last answer's.
                own = [
                    e.request_id
                    for e in sandbox.request_log()
                    if e.method == "GET" and e.path == f"/api/v1/participants/{pid}"
                ]
                mine.request_ids_ok.append(client.last_request_id == own[-1])
        mine.added_id = client.add_participant(SUMMIT_KEY, mine.customer_number).id

    with ThreadPoolExecutor(THREADS) as pool:
        for future in [pool.submit(work, i) for i in range(THREADS)]:
            future.result(timeout=60)
    return works


def _assert_final_state(sandbox: SandboxServer, works: list[_Work]) -> None:
    store = sandbox.store
    for work in works:
        assert all(work.request_ids_ok)
        for pid in work.participant_ids:
            record = store.participant(pid)
            assert record is not None
            assert record.is_confirmed is True
        found = store.find(SUMMIT_KEY, work.customer_number)
        assert found is not None
        assert found.id == work.added_id
    assert store.count(SUMMIT_KEY) == THREADS
    assert len([e for e in store.audit_log() if e.op == "create"]) == THREADS
    owned = {pid for work in works for pid in work.participant_ids}
    for pid in owned:
        changes = [e for e in store.audit_log() if e.participant_id == pid and e.changed]
        assert len(changes) <= 3, "at most one real change per confirm/unconfirm call"


def test_eight_threads_sharing_one_client_read_confirm_and_add_correctly(
    sandbox: SandboxServer, make_plandocket: MakePlandocket
):
    client = make_plandocket(sandbox)
    works = _run_threads(sandbox, client)
    _assert_final_state(sandbox, works)
    assert client.request_count == len(sandbox.request_log())


def test_eight_threads_sharing_one_client_survive_transient_faults(
    sandbox: SandboxServer, make_plandocket: MakePlandocket
):
    sandbox.faults.error_rate = 0.05
    sandbox.faults.error_statuses = (502, 503, 504)
    sandbox.faults.drop_rate = 0.05
    sandbox.faults.faults_after_write = 0.5
    client = make_plandocket(sandbox, retry=PATIENT)
    works = _run_threads(sandbox, client)
    _assert_final_state(sandbox, works)
    assert any(e.fault for e in sandbox.request_log()), "the faults were really injected"
