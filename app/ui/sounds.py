"""Short result sounds for the check-in desk, played without blocking the GUI thread.

No audio dependency: PySide6's QtMultimedia lives in PySide6-Addons, which is not shipped.
The WAV files in ``resources/sounds/`` are played with what the platform already has:
``winsound`` on Windows, ``afplay`` on macOS, ``paplay`` (PulseAudio/PipeWire) or ``aplay``
(ALSA) on Linux, and the system beep when there is nothing else.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from app.resources import resource_path

log = logging.getLogger(__name__)

KINDS = ("ok", "already", "error")


class SoundBackend(Protocol):
    """Plays one WAV file at a time; a new sound replaces the one still playing."""

    name: str

    def play(self, path: Path) -> None:
        """Start playing ``path`` and return at once."""

    def stop(self) -> None:
        """Stop what is playing, if the platform allows."""


class BeepBackend:
    """The last resort: the system beep (the same for every kind, but still a cue)."""

    name = "beep"

    def play(self, path: Path) -> None:
        """Beep."""
        QApplication.beep()

    def stop(self) -> None:
        """A beep cannot be stopped; nothing to do."""


class WinSoundBackend:  # pragma: no cover - Windows only
    """Windows' own ``PlaySound``; asynchronous, and a new call cuts the previous sound."""

    name = "winsound"

    def play(self, path: Path) -> None:
        """Play ``path`` asynchronously."""
        if sys.platform == "win32":  # winsound only exists there (and mypy checks per platform)
            import winsound  # noqa: PLC0415

            winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)

    def stop(self) -> None:
        """Stop the current sound."""
        if sys.platform == "win32":
            import winsound  # noqa: PLC0415

            winsound.PlaySound(None, 0)


PopenFactory = Callable[[Sequence[str]], "subprocess.Popen[bytes]"]


def _spawn(command: Sequence[str]) -> subprocess.Popen[bytes]:
    # No pipes: nobody reads them, and a full pipe could stall the player.
    return subprocess.Popen(  # noqa: S603 - a fixed player binary and our own file path
        list(command),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


class ProcessBackend:
    """Runs a command-line player (``afplay``, ``paplay``, ``aplay``) per sound, never waiting.

    At most one player sounds at a time: a new sound terminates the previous player. Finished
    and terminated players are reaped with ``poll()`` (which never blocks) on later calls.
    """

    def __init__(self, name: str, command: Sequence[str], *, popen: PopenFactory = _spawn) -> None:
        self.name = name
        self._command = list(command)
        self._popen = popen
        self._child: subprocess.Popen[bytes] | None = None
        self._ending: list[subprocess.Popen[bytes]] = []

    def play(self, path: Path) -> None:
        """Terminate the previous player, start one for ``path``; falls back to a beep."""
        self.stop()
        try:
            self._child = self._popen([*self._command, str(path)])
        except OSError as error:
            # The player vanished or cannot start: a beep is better than silence at the desk.
            log.warning("Could not start %s: %s", self.name, error)
            QApplication.beep()

    def stop(self) -> None:
        """Terminate the player still sounding, and reap the ones that ended."""
        child, self._child = self._child, None
        if child is not None and child.poll() is None:
            child.terminate()
            self._ending.append(child)
        self._ending = [process for process in self._ending if process.poll() is None]

    def running(self) -> list[subprocess.Popen[bytes]]:
        """Players not yet reaped (for tests and diagnostics)."""
        processes = [*self._ending, *([self._child] if self._child is not None else [])]
        return [process for process in processes if process.poll() is None]


def detect_backend(
    platform: str | None = None, which: Callable[[str], str | None] = shutil.which
) -> SoundBackend:
    """The best way to play a WAV file on ``platform`` (default: this machine)."""
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        return WinSoundBackend()
    if platform == "darwin":
        candidates: list[tuple[str, list[str]]] = [("afplay", [])]
    else:
        # paplay first: on PulseAudio/PipeWire desktops aplay may hit a busy ALSA device.
        candidates = [("paplay", []), ("aplay", ["-q"])]
    for program, options in candidates:
        found = which(program)
        if found:
            return ProcessBackend(program, [found, *options])
    return BeepBackend()


@cache
def default_backend() -> SoundBackend:
    """The backend for this machine, detected once per process."""
    backend = detect_backend()
    log.info("Desk sounds play with %s", backend.name)
    return backend


class SoundPlayer(QObject):
    """Plays the desk's result sounds ("ok", "already", "error") unless muted."""

    muted_changed = Signal(bool)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        backend: SoundBackend | None = None,
        sounds_dir: Path | None = None,
        muted: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("soundPlayer")
        self._backend = backend if backend is not None else default_backend()
        self._dir = sounds_dir if sounds_dir is not None else resource_path("sounds")
        self._muted = muted

    @property
    def backend(self) -> SoundBackend:
        """How sounds are played."""
        return self._backend

    @property
    def muted(self) -> bool:
        """Whether sounds are suppressed."""
        return self._muted

    @muted.setter
    def muted(self, value: bool) -> None:
        if value == self._muted:
            return
        self._muted = value
        if value:
            self._backend.stop()  # muting mid-sound should silence it now
        self.muted_changed.emit(value)

    def path_for(self, kind: str) -> Path:
        """The WAV file for ``kind``; ``ValueError`` for an unknown kind."""
        if kind not in KINDS:
            raise ValueError(f"unknown sound kind {kind!r}")
        return self._dir / f"{kind}.wav"

    def play(self, kind: str) -> None:
        """Play the sound for ``kind`` (replacing one still playing) unless muted."""
        path = self.path_for(kind)
        if self._muted:
            return
        if not path.exists():
            log.warning("Desk sound missing: %s", path)
            QApplication.beep()
            return
        self._backend.play(path)
