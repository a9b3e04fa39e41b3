"""The GUI process's handle on the loader process: start, send requests, receive answers."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import pickle
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection as Pipe
from multiprocessing.process import BaseProcess
from typing import Any

from app.loading.child import serve
from app.loading.messages import CancelRequest, LoadRequest, StopRequest
from app.loading.strings import PICKLE_PROTOCOL

log = logging.getLogger(__name__)

# Called on the reader thread with each raw message, or with None when the process ended.
MessageHandler = Callable[[bytes | None], None]


class LoaderProcess:
    """A spawned loader process and the thread that reads its answers.

    Answers are handed over as raw bytes: unpickling happens on the receiving (GUI) thread,
    so the reader thread itself does no Python work worth mentioning.
    """

    def __init__(self, on_message: MessageHandler) -> None:
        self._on_message = on_message
        self._process: BaseProcess | None = None
        self._pipe: Pipe | None = None
        self._reader: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def running(self) -> bool:
        """Whether the process is alive."""
        return self._process is not None and self._process.is_alive()

    def start(self) -> None:
        """Start the process (spawned: no Qt state is inherited by a fork)."""
        with self._lock:
            if self.running:
                return
            context = multiprocessing.get_context("spawn")
            ours, theirs = context.Pipe(duplex=True)
            process = context.Process(
                target=serve, args=(theirs,), name="participant-loader", daemon=True
            )
            process.start()
            theirs.close()
            self._process, self._pipe = process, ours
            self._reader = threading.Thread(
                target=self._read, args=(ours,), name="participant-loader-reader", daemon=True
            )
            self._reader.start()

    def load(self, request: LoadRequest) -> None:
        """Start a load (cancelling the one running, if any)."""
        self.start()
        self._send(request)

    def cancel(self, generation: int) -> None:
        """Stop the load of a generation."""
        if self.running:
            self._send(CancelRequest(generation))

    def stop(self, timeout: float = 3.0) -> None:
        """End the process and the reader thread, within ``timeout`` seconds."""
        with self._lock:
            process, pipe, reader = self._process, self._pipe, self._reader
            self._process = self._pipe = self._reader = None
        if process is None or pipe is None:
            return
        with contextlib.suppress(OSError):  # the process may already be gone
            pipe.send_bytes(pickle.dumps(StopRequest(), protocol=PICKLE_PROTOCOL))
        process.join(timeout)
        if process.is_alive():
            process.terminate()
            process.join(1.0)
        pipe.close()
        if reader is not None:
            reader.join(1.0)

    def _send(self, message: Any) -> None:
        pipe = self._pipe
        if pipe is None:
            raise RuntimeError("the loader process is not running")
        pipe.send_bytes(pickle.dumps(message, protocol=PICKLE_PROTOCOL))

    def _read(self, pipe: Pipe) -> None:
        while True:
            try:
                data = pipe.recv_bytes()
            except (EOFError, OSError):
                break
            self._on_message(data)
        log.debug("loader process pipe closed")
        self._on_message(None)
