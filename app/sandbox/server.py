"""SandboxServer: the sandbox served by uvicorn on a loopback port, in a background thread."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

import uvicorn

from app.sandbox.app import SandboxApplication, create_app
from app.sandbox.auth import ApiKey
from app.sandbox.config import FaultConfig, SandboxConfig
from app.sandbox.data import Dataset
from app.sandbox.faults import install_log_filter
from app.sandbox.ratelimit import RateLimiter
from app.sandbox.requestlog import RequestRecord
from app.sandbox.store import SandboxStore

START_TIMEOUT = 15.0
STOP_TIMEOUT = 10.0


class SandboxStartError(RuntimeError):
    """The server thread died or did not start listening in time."""


def loopback_address(host: str) -> str:
    """``host`` as a loopback IP address; ValueError for anything that is not loopback.

    The sandbox accepts the demo keys of every installation, so it must never be
    reachable from another machine.
    """
    candidate = "127.0.0.1" if host.strip().lower() == "localhost" else host.strip().strip("[]")
    try:
        address = ipaddress.ip_address(candidate)
    except ValueError:
        raise ValueError(
            f"The sandbox only listens on loopback; {host!r} is not an IP address."
        ) from None
    if not address.is_loopback:
        raise ValueError(
            f"The sandbox only listens on loopback (127.0.0.1 or ::1); refusing host {host!r}."
        )
    return str(address)


class _UvicornServer(uvicorn.Server):
    """uvicorn.Server that reports readiness and wakes up at once when asked to stop."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        await super().startup(sockets=sockets)
        self.ready.set()

    async def main_loop(self) -> None:
        # uvicorn polls should_exit every 0.1 s; waiting on an event makes stop() prompt.
        assert self._wake is not None
        counter = 0
        while not await self.on_tick(counter):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=1.0)
            counter += 10  # on_tick refreshes the Date header when counter % 10 == 0

    def request_stop(self) -> None:
        """Thread-safe: ask the serve loop to shut down."""
        self.should_exit = True
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(wake.set)


class SandboxServer:
    """A running sandbox: ``start()``, use ``base_url``, ``stop()``; or ``with SandboxServer():``.

    Several can run in one process; each has its own store, keys, faults and logs.
    """

    def __init__(
        self, config: SandboxConfig | None = None, *, dataset: Dataset | None = None
    ) -> None:
        self.config = config or SandboxConfig()
        self.host = loopback_address(self.config.host)
        self.app: SandboxApplication = create_app(self.config, dataset)
        self._server: _UvicornServer | None = None
        self._thread: threading.Thread | None = None
        self._port: int | None = None
        self._lock = threading.Lock()

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> Self:
        """Bind, serve in a daemon thread, and return once connections are accepted."""
        with self._lock:
            if self._thread is not None:
                raise RuntimeError("SandboxServer was already started")
            family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
            # proto must say TCP explicitly: asyncio only sets TCP_NODELAY on accepted
            # sockets whose proto is IPPROTO_TCP, and without it Nagle's algorithm and
            # delayed ACKs add ~40 ms to every response (uvicorn writes head and body apart).
            sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                sock.bind((self.host, self.config.port))
                sock.listen(128)
            except OSError:
                sock.close()
                raise
            self._port = int(sock.getsockname()[1])
            install_log_filter()
            uv_config = uvicorn.Config(
                self.app,
                http="h11",  # h11 ships with uvicorn: same behaviour everywhere
                ws="none",
                lifespan="off",
                log_config=None,  # leave the host process's logging alone
                access_log=self.config.access_log,
                timeout_graceful_shutdown=2,
                server_header=False,
            )
            server = _UvicornServer(uv_config)
            thread = threading.Thread(
                target=server.run,
                kwargs={"sockets": [sock]},
                name=f"sandbox-{self._port}",
                daemon=True,
            )
            self._server, self._thread = server, thread
            thread.start()
            # Wait on the readiness event, checking that the thread is still alive.
            deadline = time.monotonic() + START_TIMEOUT
            while not server.ready.wait(timeout=0.05):
                if not thread.is_alive() or time.monotonic() > deadline:
                    server.request_stop()
                    thread.join(timeout=STOP_TIMEOUT)
                    sock.close()
                    raise SandboxStartError(f"sandbox server on port {self._port} did not start")
            return self

    def stop(self) -> None:
        """Shut down and join the thread; safe to call more than once."""
        with self._lock:
            server, thread = self._server, self._thread
            if server is None or thread is None:
                return
            server.request_stop()
            thread.join(timeout=STOP_TIMEOUT)
            if thread.is_alive():
                server.force_exit = True
                server.request_stop()
                thread.join(timeout=STOP_TIMEOUT)
            self._server = None

    @property
    def running(self) -> bool:
        """Whether the server thread is serving."""
        thread = self._thread
        return self._server is not None and thread is not None and thread.is_alive()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- addresses -------------------------------------------------------------------------

    @property
    def port(self) -> int:
        """The bound port (the ephemeral one when the config said 0)."""
        if self._port is None:
            raise RuntimeError("SandboxServer is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """E.g. "http://127.0.0.1:54321" (no trailing slash, no /api/v1)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def api_url(self) -> str:
        """``base_url`` + "/api/v1"."""
        return f"{self.base_url}/api/v1"

    # -- live objects for tests ------------------------------------------------------------

    @property
    def store(self) -> SandboxStore:
        """The live store (thread-safe; inspect it while the server runs)."""
        return self.app.store

    @property
    def faults(self) -> FaultConfig:
        """The live fault settings; change attributes at any time."""
        return self.config.faults

    @property
    def rate_limiter(self) -> RateLimiter:
        """The live rate limiter: ``reset()`` it or replace its ``clock``."""
        return self.app.rate_limiter

    def set_clock(self, clock: Callable[[], float]) -> None:
        """Replace the clock of write timestamps, "upcoming" and the rate-limit window.

        ``clock`` returns seconds since the epoch; ``reset()`` restores the configured one.
        """
        self.app.store.clock = clock
        self.app.rate_limiter.clock = clock

    def add_api_key(
        self, key: str, scopes: set[str] | frozenset[str] | list[str], label: str = ""
    ) -> ApiKey:
        """Accept another key with these scopes."""
        return self.app.keys.add(key, scopes, label)

    def remove_api_key(self, key: str) -> None:
        """Stop accepting a key (a revoked key answers 401 from now on)."""
        self.app.keys.remove(key)

    def request_log(self) -> list[RequestRecord]:
        """Requests answered so far (method, path, status, injected fault), oldest first."""
        return self.app.request_log.entries()

    def clear_request_log(self) -> None:
        """Forget the requests logged so far."""
        self.app.request_log.clear()

    def reset(self) -> None:
        """Back to a fresh server's state without restarting: data, keys, faults, logs."""
        self.app.reset()

    def __repr__(self) -> str:
        state = f"{self.base_url}" if self._port is not None else "not started"
        return f"<SandboxServer {state}>"

    def describe(self) -> dict[str, Any]:
        """Settings worth printing: pagination, shape and fault knobs."""
        return {
            "base_url": self.base_url,
            "pagination": self.config.pagination,
            "response_shape": self.config.response_shape,
            "per_page_max": self.config.per_page_max,
            "faults": self.config.faults,
        }
