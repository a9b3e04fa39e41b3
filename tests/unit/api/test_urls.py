"""Base URL normalisation: what a user may type as "Plandocket address"."""

from __future__ import annotations

import httpx
import pytest

from app.api import ConfigurationError, PlandocketClient, normalise_base_url
from tests.unit.api._support import KEY, PARTICIPANTS, Server, respond


@pytest.mark.parametrize(
    "typed",
    [
        "acme",
        "ACME",
        "  acme  ",
        "acme.plandocket.com",
        "Acme.Plandocket.com",
        "https://acme.plandocket.com",
        "https://acme.plandocket.com/",
        "https://acme.plandocket.com:443/",
        "https://acme.plandocket.com/api",
        "https://acme.plandocket.com/api/v1",
        "https://acme.plandocket.com/api/v1/participants",
        "https://acme.plandocket.com/api/v1/participants/12?include=contact",
        "https://acme.plandocket.com/api/v1/participants?event_key=expo24#top",
        "acme.plandocket.com/api/v1/participants",
    ],
)
def test_tenant_name_host_and_pasted_api_links_normalise_to_the_tenant_root(typed: str) -> None:
    assert normalise_base_url(typed) == "https://acme.plandocket.com"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("http://127.0.0.1:8000/api/v1/participants", "http://127.0.0.1:8000"),
        ("127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("http://localhost", "http://localhost"),
        ("localhost:8080", "http://localhost:8080"),
        ("http://[::1]:8080/", "http://[::1]:8080"),
        ("[::1]:9000", "http://[::1]:9000"),
        ("https://localhost:8443", "https://localhost:8443"),
    ],
)
def test_plain_http_is_accepted_for_loopback_hosts_only(typed: str, expected: str) -> None:
    assert normalise_base_url(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "http://acme.plandocket.com",
        "http://acme.plandocket.com/api/v1/participants",
        "http://10.0.0.5:8000",
        "http://0.0.0.0:8000",
        "http://127.0.0.1.evil.example",
        "http://localhost.evil.example",
    ],
)
def test_plain_http_to_a_remote_host_is_refused_so_the_key_never_travels_in_clear(
    typed: str,
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        normalise_base_url(typed)
    assert "https://" in caught.value.user_message


@pytest.mark.parametrize(
    "typed",
    [
        "https://user:secret@acme.plandocket.com",
        "https://user@acme.plandocket.com",
        "user:secret@acme.plandocket.com",
        "http://admin:pw@127.0.0.1:8000",
    ],
)
def test_addresses_with_user_info_are_refused(typed: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        normalise_base_url(typed)
    assert "user name or password" in caught.value.user_message
    assert "secret" not in str(caught.value)


@pytest.mark.parametrize(
    "typed",
    [
        "not a url",
        "acme plandocket",
        "!!!",
        ".",
        "-acme-",
        "acme..com",
        "https://",
        "://",
        "https://exa mple.com",
        "https://[::1",
        "ftp://acme.plandocket.com",
        "mailto:someone@acme.plandocket.com",
        "\x00",
    ],
)
def test_garbage_is_refused_with_a_clear_message(typed: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        normalise_base_url(typed)
    message = caught.value.user_message
    assert "Plandocket address" in message
    assert "\n" not in message


@pytest.mark.parametrize("typed", ["", "   ", "\t\n"])
def test_an_empty_address_asks_for_one_with_an_example(typed: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        normalise_base_url(typed)
    assert "acme" in caught.value.user_message


def test_the_client_normalises_its_base_url_and_sends_requests_there() -> None:
    server = Server([respond(200, {"data": {"id": 1}})])
    with PlandocketClient("Acme", KEY, transport=httpx.MockTransport(server)) as client:
        assert client.base_url == "https://acme.plandocket.com"
        client.get_participant(1)
    assert str(server.requests[0].url) == f"https://acme.plandocket.com{PARTICIPANTS}/1"


def test_the_client_refuses_an_http_address_before_sending_anything() -> None:
    server = Server()
    with pytest.raises(ConfigurationError):
        PlandocketClient("http://acme.plandocket.com", KEY, transport=httpx.MockTransport(server))
    assert server.requests == []


def test_an_internationalised_host_name_is_accepted() -> None:
    assert normalise_base_url("https://bücher.example") == "https://bücher.example"
