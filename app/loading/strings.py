"""Share repeated strings across pages sent from the loader process.

Pickle shares an object only within one message, so every page would bring its own copies
of "Anna", "Müller" or "Köln". The sender gives a string an id the second time it sends
it; the receiver keeps those strings and hands out the one copy. Both tables belong to one
load and are dropped with it.
"""

from __future__ import annotations

import io
import pickle
from typing import Any

PICKLE_PROTOCOL = 5
# Long strings (emails, addresses) rarely repeat; keep the tables small and fast.
MAX_SHARED_LENGTH = 48


class SentStrings:
    """The sender's side: strings sent once (None) or shared under a number."""

    def __init__(self) -> None:
        self.numbers: dict[str, int | None] = {}
        self.count = 0


class SharedStringPickler(pickle.Pickler):
    """Pickles messages, sending strings seen before as references."""

    def __init__(self, file: io.BytesIO, sent: SentStrings) -> None:
        super().__init__(file, protocol=PICKLE_PROTOCOL)
        self._sent = sent

    def persistent_id(self, obj: Any) -> Any:
        if type(obj) is not str or len(obj) > MAX_SHARED_LENGTH:
            return None
        numbers = self._sent.numbers
        number = numbers.get(obj, -1)
        if number == -1:
            numbers[obj] = None  # the first time it travels inline
            return None
        if number is None:
            self._sent.count += 1
            number = numbers[obj] = self._sent.count
            # The second time, the receiver keeps it. Sent as bytes tagged by an int: pickle
            # asks about every str inside a persistent id too.
            return (number, obj.encode("utf-8"))
        return number


class SharedStringUnpickler(pickle.Unpickler):
    """Unpickles messages, resolving string references to one shared copy."""

    def __init__(self, file: io.BytesIO, table: dict[int, str]) -> None:
        super().__init__(file)
        self._table = table

    def persistent_load(self, pid: Any) -> Any:
        if type(pid) is int:
            return self._table[pid]
        number, raw = pid
        text: str = raw.decode("utf-8")
        self._table[number] = text
        return text


def encode(message: Any, sent: SentStrings) -> bytes:
    """Pickle ``message`` with string sharing (``sent`` is the sender's table for this load)."""
    buffer = io.BytesIO()
    SharedStringPickler(buffer, sent).dump(message)
    return buffer.getvalue()


def decode(data: bytes, table: dict[int, str]) -> Any:
    """Unpickle a message written by :func:`encode` (``table`` is the receiver's for this load)."""
    return SharedStringUnpickler(io.BytesIO(data), table).load()
