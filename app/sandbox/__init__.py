"""Local sandbox server that behaves like Plandocket, for demo mode, tests and benchmarks.

Typical use::

    from app.sandbox import DEMO_KEYS, SandboxServer

    with SandboxServer() as server:
        httpx.get(f"{server.api_url}/participants",
                  headers={"Authorization": f"Bearer {DEMO_KEYS.full}"})
"""

from app.sandbox.app import SandboxApplication, create_app
from app.sandbox.auth import DEMO_KEYS, SCOPES, ApiKey, DemoKeys
from app.sandbox.config import FaultConfig, SandboxConfig
from app.sandbox.data import (
    BIG_KEY,
    CONF_KEY,
    EXPO_KEY,
    SUMMIT_KEY,
    WORKSHOP_KEY,
    Dataset,
    generate,
)
from app.sandbox.records import CategoryRecord, ContactRecord, EventRecord, ParticipantRecord
from app.sandbox.requestlog import RequestRecord
from app.sandbox.server import SandboxServer, SandboxStartError
from app.sandbox.store import AuditEntry, SandboxStore

__all__ = [
    "BIG_KEY",
    "CONF_KEY",
    "DEMO_KEYS",
    "EXPO_KEY",
    "SCOPES",
    "SUMMIT_KEY",
    "WORKSHOP_KEY",
    "ApiKey",
    "AuditEntry",
    "CategoryRecord",
    "ContactRecord",
    "Dataset",
    "DemoKeys",
    "EventRecord",
    "FaultConfig",
    "ParticipantRecord",
    "RequestRecord",
    "SandboxApplication",
    "SandboxConfig",
    "SandboxServer",
    "SandboxStartError",
    "SandboxStore",
    "create_app",
    "generate",
]
