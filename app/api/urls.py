"""Turn whatever a user types as "Plandocket address" into one canonical base URL."""

from __future__ import annotations

import ipaddress
import re

import httpx

from app.api.errors import ConfigurationError
from app.i18n import QT_TRANSLATE_NOOP

PLANDOCKET_DOMAIN = "plandocket.com"
_NOT_AN_ADDRESS = QT_TRANSLATE_NOOP(
    "PlandocketError", "'{address}' is not a valid Plandocket address."
)
_TENANT_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_API_SUFFIX = re.compile(r"/api(?:/v\d+)?(?:/.*)?$")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` names this machine (where plain http cannot leak a key)."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_valid_host(host: bytes) -> bool:
    """Whether an (IDNA-encoded) host is an IP address or a well-formed DNS name."""
    text = host.decode("ascii", errors="replace").lower()
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        pass
    labels = text[:-1].split(".") if text.endswith(".") else text.split(".")
    return len(text) <= 253 and all(_HOST_LABEL.match(label) for label in labels)


def normalise_base_url(value: str) -> str:
    """Canonical ``https://tenant.plandocket.com`` (no trailing slash) from user input.

    Accepts ``acme``, ``acme.plandocket.com``, ``https://acme.plandocket.com/`` and pasted
    API links. Refuses ``http://`` except to loopback, so a key never travels in clear text.
    """
    text = value.strip()
    if not text:
        raise ConfigurationError(
            QT_TRANSLATE_NOOP(
                "PlandocketError",
                "Enter your Plandocket address, for example 'acme' or 'acme.plandocket.com'.",
            )
        )
    if "://" not in text:
        if _TENANT_NAME.match(text.lower()):
            text = f"https://{text.lower()}.{PLANDOCKET_DOMAIN}"
        else:
            host_part = text.split("/", 1)[0].rsplit(":", 1)[0]
            scheme = "http" if is_loopback_host(host_part) else "https"
            text = f"{scheme}://{text}"
    try:
        url = httpx.URL(text)
    except (httpx.InvalidURL, ValueError) as exc:
        raise ConfigurationError(_NOT_AN_ADDRESS, values={"address": value.strip()}) from exc

    host = url.host.lower()
    if url.scheme not in ("http", "https") or not host or not _is_valid_host(url.raw_host):
        raise ConfigurationError(_NOT_AN_ADDRESS, values={"address": value.strip()})
    if url.userinfo:
        raise ConfigurationError(
            QT_TRANSLATE_NOOP(
                "PlandocketError",
                "The Plandocket address must not contain a user name or password.",
            )
        )
    if url.scheme == "http" and not is_loopback_host(host):
        raise ConfigurationError(
            QT_TRANSLATE_NOOP(
                "PlandocketError",
                "The Plandocket address must start with https:// so the API key is never sent "
                "unencrypted.",
            )
        )

    path = _API_SUFFIX.sub("", url.path).rstrip("/")
    port = f":{url.port}" if url.port is not None else ""
    display_host = f"[{host}]" if ":" in host else host
    return f"{url.scheme}://{display_host}{port}{path}"
