"""Generate the desk's result sounds (``resources/sounds/*.wav``) with the standard library only.

Run: ``python packaging/make_sounds.py [OUTPUT_DIR]`` (default ``resources/sounds``). The output
is deterministic, so re-running it reproduces the committed files byte for byte.

- ``ok``: a rising two-tone chime (A5 then E6), bell-like decay.
- ``already``: one neutral, softer tone (E5), clearly not the chime.
- ``error``: a low double buzz (two short bursts around A3 with a few odd harmonics).

All are 16-bit mono at 22,050 Hz, at most 0.4 s, with short fades so they start and stop
without a click.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

RATE = 22_050
FADE_SECONDS = 0.006  # long enough to avoid a click, short enough to keep the attack crisp
PEAK = 0.55  # of full scale: loud enough at a noisy entrance without clipping or harshness
OUTPUT = Path(__file__).resolve().parent.parent / "resources" / "sounds"


@dataclass(frozen=True)
class Note:
    """One tone: start time, length, pitch, partials (multiple, relative level) and decay."""

    start: float
    length: float
    frequency: float
    partials: Sequence[tuple[float, float]] = ((1.0, 1.0),)
    decay: float = 0.0  # exponential decay rate per second; 0 keeps a steady level
    level: float = 1.0


def _envelope(index: int, count: int, decay: float) -> float:
    """Fade in, fade out to exactly 0 on the last sample, and decay; by sample index."""
    fade = FADE_SECONDS * RATE
    edge = min(index / fade, (count - 1 - index) / fade, 1.0)
    return max(edge, 0.0) * math.exp(-decay * index / RATE)


def render(notes: Sequence[Note], seconds: float) -> list[float]:
    """Mix ``notes`` into samples in -1..1, normalised to :data:`PEAK`."""
    samples = [0.0] * round(seconds * RATE)
    for note in notes:
        first = round(note.start * RATE)
        count = min(round(note.length * RATE), len(samples) - first)
        total = sum(level for _, level in note.partials)
        for i in range(count):
            t = i / RATE
            wave_value = sum(
                level * math.sin(2 * math.pi * note.frequency * multiple * t)
                for multiple, level in note.partials
            )
            samples[first + i] += note.level * _envelope(i, count, note.decay) * wave_value / total
    loudest = max(abs(value) for value in samples) or 1.0
    return [value * PEAK / loudest for value in samples]


def ok() -> list[float]:
    """Rising two-tone chime."""
    bell = ((1.0, 1.0), (2.0, 0.35), (3.0, 0.12))
    return render(
        [
            Note(0.0, 0.14, 880.0, bell, decay=9.0),
            Note(0.11, 0.24, 1318.51, bell, decay=8.0),
        ],
        0.35,
    )


def already() -> list[float]:
    """A single neutral tone."""
    return render([Note(0.0, 0.28, 659.26, ((1.0, 1.0), (2.0, 0.2)), decay=7.0)], 0.28)


def error() -> list[float]:
    """Two short low buzzes."""
    # Odd harmonics make it buzzy like a square wave, but only a few keep it from being harsh.
    buzz = ((1.0, 1.0), (3.0, 0.4), (5.0, 0.18), (7.0, 0.08))
    return render(
        [
            Note(0.0, 0.13, 196.0, buzz, decay=2.0),
            Note(0.19, 0.13, 185.0, buzz, decay=2.0),
        ],
        0.32,
    )


SOUNDS: dict[str, Callable[[], list[float]]] = {"ok": ok, "already": already, "error": error}


def write_wav(path: Path, samples: Sequence[float]) -> None:
    """Write 16-bit mono PCM at :data:`RATE`."""
    frames = b"".join(
        struct.pack("<h", max(-32767, min(32767, round(value * 32767)))) for value in samples
    )
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


def main(argv: Sequence[str] = ()) -> int:
    """Write every sound into the folder given, or :data:`OUTPUT`."""
    folder = Path(argv[0]) if argv else OUTPUT
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in SOUNDS.items():
        path = folder / f"{name}.wav"
        write_wav(path, make())
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
