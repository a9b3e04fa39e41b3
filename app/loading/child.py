"""The loader process: fetches and parses participant pages, sends them to the GUI process.

Runs without Qt. One load at a time; a newer request or a cancel stops the current one
between pages.
"""

from __future__ import annotations

import os
import pickle
import sys
from multiprocessing.connection import Connection as Pipe
from typing import Any

from app.api import PlandocketClient, PlandocketError, ProtocolError
from app.loading.messages import (
    CancelRequest,
    Connection,
    LoadRequest,
    PageMessage,
    StatusMessage,
    StopRequest,
)
from app.loading.strings import SentStrings, encode
from app.search import search_text


class _Client:
    """One PlandocketClient per connection, reused across loads."""

    def __init__(self) -> None:
        self._connection: Connection | None = None
        self._client: PlandocketClient | None = None
        self.requests = 0

    def get(self, connection: Connection) -> PlandocketClient:
        if self._client is None or connection != self._connection:
            self.close()
            self._client = PlandocketClient(
                connection.base_url, connection.api_key, on_request=self._count
            )
            self._connection = connection
        return self._client

    def take_requests(self) -> int:
        counted, self.requests = self.requests, 0
        return counted

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client = None

    def _count(self, _record: object) -> None:
        self.requests += 1


def _send(pipe: Pipe, message: Any, sent: SentStrings) -> None:
    pipe.send_bytes(encode(message, sent))


def decode(data: bytes) -> Any:
    """A message from the other end of our private pipe (both ends are this application)."""
    return pickle.loads(data)  # noqa: S301 - written by our own process, never by a stranger


def _load(pipe: Pipe, clients: _Client, request: LoadRequest) -> Any:
    """Run one load; returns a request that arrived meanwhile and must be handled next."""
    count = 0
    filters = request.filters
    sent = SentStrings()  # strings are shared within one load only
    try:
        client = clients.get(request.connection)
        pages = client.iter_participant_pages(
            filters.event_key, filters.customer_number, filters.confirmed, request.include
        )
        try:
            for page in pages:
                keys = [search_text(participant) for participant in page]
                total = getattr(page, "total", None)
                message = PageMessage(
                    request.generation, list(page), keys, total, clients.take_requests()
                )
                _send(pipe, message, sent)
                count += len(page)
                if pipe.poll():
                    incoming = decode(pipe.recv_bytes())
                    if isinstance(incoming, CancelRequest | LoadRequest | StopRequest):
                        _send(pipe, StatusMessage(request.generation, "cancelled"), sent)
                        return incoming
        finally:
            pages.close()
    except PlandocketError as error:
        failed = StatusMessage(request.generation, "failed", count, error, clients.take_requests())
        _send(pipe, failed, sent)
        return None
    except Exception as error:  # a bug must reach the GUI as an error, not kill the loader
        failure = ProtocolError(f"Loading stopped unexpectedly ({type(error).__name__}).")
        _send(pipe, StatusMessage(request.generation, "failed", count, failure), sent)
        return None
    finished = StatusMessage(request.generation, "finished", count, None, clients.take_requests())
    _send(pipe, finished, sent)
    return None


def lower_priority() -> None:
    """Let the GUI process win when both want a CPU core: loading is background work."""
    try:
        if sys.platform == "win32":
            import ctypes  # noqa: PLC0415 - Windows only

            below_normal = 0x4000
            kernel = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
            kernel.SetPriorityClass(kernel.GetCurrentProcess(), below_normal)
        else:
            os.nice(5)
    except (OSError, AttributeError):
        pass  # not permitted here: run at normal priority


def serve(pipe: Pipe) -> None:
    """The loader process's main loop (the target of the child process)."""
    lower_priority()
    clients = _Client()
    pending: Any = None
    try:
        while True:
            try:
                request = pending if pending is not None else decode(pipe.recv_bytes())
            except (EOFError, OSError):
                return  # the GUI process went away
            pending = None
            if isinstance(request, StopRequest):
                return
            if isinstance(request, LoadRequest):
                pending = _load(pipe, clients, request)
    finally:
        clients.close()
