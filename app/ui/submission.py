"""A write a dialog waits for: the outbox reports back through one of these signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Submission(QObject):
    """The fate of one queued write, as seen by the dialog that asked for it.

    Exactly one of the outcome signals fires:

    - ``succeeded(Participant | None)``: the server applied it (None for a removal);
    - ``rejected(ValidationError)``: the server refused the data (422) — show the field
      messages and let the person correct them; the write is withdrawn from the outbox;
    - ``deferred(str)``: it could not be sent yet (offline, rate limit, server trouble);
      it stays queued and will be sent later — the message says so in plain words;
    - ``failed(PlandocketError)``: it needs a person (e.g. the participant is gone); it
      is in the Problems list.
    """

    succeeded = Signal(object)
    rejected = Signal(object)
    deferred = Signal(str)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settled = False
        for signal in (self.succeeded, self.rejected, self.deferred, self.failed):
            signal.connect(self._settle)

    def _settle(self, *_: object) -> None:
        self.settled = True
