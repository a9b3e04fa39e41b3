"""check_access against the sandbox: which scopes a key has, in plain sentences."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable, Iterator

import httpx
import pytest

from app.api import (
    AuthenticationError,
    NetworkError,
    PermissionDeniedError,
    PlandocketClient,
    ProtocolError,
    RateLimitedError,
    RequestRecord,
    RetryPolicy,
)
from app.api.access import AccessReport, check_access
from app.sandbox import DEMO_KEYS, SandboxServer

NO_RETRY = RetryPolicy(max_attempts=1)
MakePlandocket = Callable[..., PlandocketClient]
_TECHNICAL = re.compile(r"/api/|[{}<\[\]]|Traceback|HTTPError|httpx|None\b")


class Recorder(list[RequestRecord]):
    """The client's request records (``on_request``)."""

    def __call__(self, record: RequestRecord) -> None:
        self.append(record)


@pytest.fixture
def make_plandocket() -> Iterator[MakePlandocket]:
    """Factory: a client on a sandbox with a key, without retries; closed at teardown."""
    clients: list[PlandocketClient] = []

    def make(
        server: SandboxServer, key: str = DEMO_KEYS.full, recorder: Recorder | None = None
    ) -> PlandocketClient:
        client = PlandocketClient(server.base_url, key, retry=NO_RETRY, on_request=recorder)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def assert_plain_sentence(text: str) -> None:
    """A sentence a coordinator can read: capitalised, one line, a full stop, nothing technical."""
    assert text == text.strip(), repr(text)
    assert "\n" not in text, repr(text)
    assert text[0].isupper(), repr(text)
    assert text.endswith("."), repr(text)
    assert not _TECHNICAL.search(text), repr(text)


def texts(report: AccessReport) -> list[str]:
    return [text for _, text in report.lines()]


def marks(report: AccessReport) -> list[bool | None]:
    return [ok for ok, _ in report.lines()]


def check(report: AccessReport) -> None:
    """Every line is a plain sentence that never quotes a key."""
    for text in texts(report):
        assert_plain_sentence(text)
        for key in (DEMO_KEYS.full, DEMO_KEYS.participants_only, DEMO_KEYS.no_participants):
            assert key not in text


def test_full_key(sandbox: SandboxServer, make_plandocket: MakePlandocket):
    recorder = Recorder()
    sandbox.clear_request_log()
    report = check_access(make_plandocket(sandbox, DEMO_KEYS.full, recorder=recorder))
    assert (report.reachable, report.key_valid, report.participants) == (True, True, True)
    assert (report.events, report.contacts, report.error) == (True, True, None)
    assert report.usable
    assert texts(report)[:3] == [
        f"Plandocket answered at {sandbox.base_url}.",
        "The API key is valid.",
        "The key may read and change participants.",
    ]
    assert marks(report) == [True] * 5
    check(report)
    # Cheap: one small request per resource.
    assert [(r.method, r.path) for r in recorder] == [
        ("GET", "/api/v1/participants"),
        ("GET", "/api/v1/events"),
        ("GET", "/api/v1/contacts"),
    ]
    assert [r.query for r in sandbox.request_log()] == ["per_page=1"] * 3


def test_participants_only_key(sandbox: SandboxServer, make_plandocket: MakePlandocket):
    report = check_access(make_plandocket(sandbox, DEMO_KEYS.participants_only))
    assert (report.participants, report.events, report.contacts) == (True, False, False)
    assert report.usable
    assert report.error is None
    assert (
        False,
        "The key has no 'events' scope: type event keys by hand instead of picking them.",
    ) in report.lines()
    assert any("no 'contacts' scope" in text for text in texts(report))
    assert marks(report) == [True, True, True, False, False]
    check(report)


def test_key_without_participants_scope(sandbox: SandboxServer, make_plandocket: MakePlandocket):
    report = check_access(make_plandocket(sandbox, DEMO_KEYS.no_participants))
    assert (report.key_valid, report.participants) == (True, False)
    assert (report.events, report.contacts) == (True, True)
    assert not report.usable
    assert isinstance(report.error, PermissionDeniedError)
    assert report.error.scope == "participants"
    assert any("no 'participants' scope" in text for text in texts(report))
    check(report)


def test_unknown_or_revoked_key(sandbox: SandboxServer, make_plandocket: MakePlandocket):
    sandbox.add_api_key("pd_soon_revoked_0000", ["participants"])
    sandbox.remove_api_key("pd_soon_revoked_0000")
    recorder = Recorder()
    report = check_access(make_plandocket(sandbox, "pd_soon_revoked_0000", recorder=recorder))
    assert (report.reachable, report.key_valid, report.participants) == (True, False, None)
    assert isinstance(report.error, AuthenticationError)
    assert not report.usable
    assert marks(report) == [True, False]
    assert "did not accept the API key" in texts(report)[1]
    assert len(recorder) == 1  # no point asking about scopes
    check(report)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_address():
    url = f"http://127.0.0.1:{_free_port()}"
    with PlandocketClient(url, DEMO_KEYS.full, retry=NO_RETRY) as client:
        report = check_access(client)
    assert report.reachable is False
    assert report.key_valid is None
    assert isinstance(report.error, NetworkError)
    assert not report.usable
    [(ok, text)] = report.lines()
    assert ok is False
    assert text.startswith(f"Plandocket could not be reached at {url}. ")
    check(report)


def _mock_client(handler: httpx.MockTransport) -> PlandocketClient:
    return PlandocketClient("https://acme.plandocket.com", "pd_mock_key_1234", transport=handler)


def test_a_web_page_instead_of_the_api_is_not_taken_for_plandocket():
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, html="<html><body>Welcome</body></html>")
    )
    report = check_access(_mock_client(transport))
    assert isinstance(report.error, ProtocolError)
    assert not report.looks_like_plandocket
    assert report.lines() == [
        (
            False,
            "A server answered at https://acme.plandocket.com, but not the way Plandocket "
            "does. Check the address.",
        )
    ]


def test_rate_limit_leaves_the_key_unknown():
    transport = httpx.MockTransport(
        lambda request: httpx.Response(429, json={"error": "Rate limit exceeded"})
    )
    report = check_access(_mock_client(transport))
    assert isinstance(report.error, RateLimitedError)
    assert report.key_valid is None
    assert marks(report) == [True, None]
    assert texts(report)[1].startswith("The API key could not be checked. ")
    check(report)


def test_an_optional_scope_that_cannot_be_checked_is_unknown():
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/events"):
            return httpx.Response(500, json={"error": "boom"})
        return httpx.Response(200, json={"data": []})

    report = check_access(_mock_client(httpx.MockTransport(answer)))
    assert (report.participants, report.events, report.contacts) == (True, None, True)
    assert report.usable
    assert report.looks_like_plandocket
    assert (None, "Whether the key may read events could not be checked.") in report.lines()


def test_stop_between_requests(sandbox: SandboxServer, make_plandocket: MakePlandocket):
    report = check_access(make_plandocket(sandbox), should_stop=lambda: True)
    assert (report.participants, report.events, report.contacts) == (True, None, None)


def test_translation_hook_is_applied(sandbox: SandboxServer, make_plandocket: MakePlandocket):
    report = check_access(make_plandocket(sandbox, DEMO_KEYS.participants_only))
    german = {"The API key is valid.": "Der API-Schlüssel ist gültig."}
    lines = report.lines(lambda text: german.get(text, text))
    assert (True, "Der API-Schlüssel ist gültig.") in lines


def test_probe_refuses_odd_resource_names():
    with _mock_client(httpx.MockTransport(lambda r: httpx.Response(200))) as client:
        for name in ("", "../admin", "participants?x=1"):
            with pytest.raises(ValueError, match="not a resource name"):
                client.probe(name)
