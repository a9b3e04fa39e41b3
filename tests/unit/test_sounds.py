"""Desk sounds: which file plays, muting, player detection, one child at a time, the WAVs."""

from __future__ import annotations

import importlib.util
import math
import struct
import subprocess
import sys
import wave
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtWidgets import QApplication

from app.resources import resource_path
from app.ui import sounds
from app.ui.sounds import (
    KINDS,
    BeepBackend,
    ProcessBackend,
    SoundPlayer,
    WinSoundBackend,
    detect_backend,
)

ROOT = Path(__file__).resolve().parents[2]


class FakeBackend:
    """Records what would have been played."""

    name = "fake"

    def __init__(self) -> None:
        self.played: list[Path] = []
        self.stops = 0

    def play(self, path: Path) -> None:
        self.played.append(path)

    def stop(self) -> None:
        self.stops += 1


class FakeProcess:
    """Stands in for ``subprocess.Popen``: running until terminated or finished."""

    def __init__(self, command: Sequence[str]) -> None:
        self.command = list(command)
        self.returncode: int | None = None
        self.terminated = False

    def poll(self) -> int | None:
        return self.returncode

    def terminate(self) -> None:
        self.terminated = True
        self.returncode = -15

    def wait(self, timeout: float | None = None) -> int:  # pragma: no cover - must not be called
        raise AssertionError("the GUI thread must never wait for a player")


class FakeSpawner:
    def __init__(self) -> None:
        self.processes: list[FakeProcess] = []

    def __call__(self, command: Sequence[str]) -> subprocess.Popen[bytes]:
        process = FakeProcess(command)
        self.processes.append(process)
        return process  # type: ignore[return-value]


def test_each_kind_plays_its_own_file(qapp: QApplication):
    backend = FakeBackend()
    player = SoundPlayer(backend=backend)
    for kind in KINDS:
        player.play(kind)
    assert [path.name for path in backend.played] == ["ok.wav", "already.wav", "error.wav"]
    assert all(path.parent == resource_path("sounds") for path in backend.played)


def test_unknown_kind_is_a_programming_error(qapp: QApplication):
    player = SoundPlayer(backend=FakeBackend())
    with pytest.raises(ValueError, match="unknown sound kind"):
        player.play("fanfare")


def test_muted_plays_nothing_and_stops_the_current_sound(qapp: QApplication, qtbot):
    backend = FakeBackend()
    player = SoundPlayer(backend=backend)
    player.play("ok")
    with qtbot.waitSignal(player.muted_changed) as changed:
        player.muted = True
    assert changed.args == [True]
    assert backend.stops == 1
    player.play("error")
    assert len(backend.played) == 1
    player.muted = False
    player.play("error")
    assert [path.name for path in backend.played] == ["ok.wav", "error.wav"]


def test_muted_at_start(qapp: QApplication):
    backend = FakeBackend()
    player = SoundPlayer(backend=backend, muted=True)
    assert player.muted
    player.play("ok")
    assert backend.played == []


def test_a_missing_file_beeps_instead(qapp: QApplication, tmp_path: Path, monkeypatch):
    beeps: list[bool] = []
    monkeypatch.setattr(QApplication, "beep", lambda: beeps.append(True))
    backend = FakeBackend()
    SoundPlayer(backend=backend, sounds_dir=tmp_path).play("ok")
    assert backend.played == []
    assert beeps == [True]


@pytest.mark.parametrize(
    ("platform", "available", "expected", "command"),
    [
        ("darwin", {"afplay": "/usr/bin/afplay"}, "afplay", ["/usr/bin/afplay"]),
        (
            "linux",
            {"paplay": "/usr/bin/paplay", "aplay": "/usr/bin/aplay"},
            "paplay",
            ["/usr/bin/paplay"],
        ),
        ("linux", {"aplay": "/usr/bin/aplay"}, "aplay", ["/usr/bin/aplay", "-q"]),
        ("freebsd14", {"aplay": "/usr/local/bin/aplay"}, "aplay", ["/usr/local/bin/aplay", "-q"]),
        ("linux", {}, "beep", None),
        ("darwin", {}, "beep", None),
    ],
)
def test_player_detection(platform: str, available: dict[str, str], expected: str, command):
    backend = detect_backend(platform, which=available.get)
    assert backend.name == expected
    if command is not None:
        assert isinstance(backend, ProcessBackend)
        assert backend._command == command
    else:
        assert isinstance(backend, BeepBackend)


def test_windows_uses_winsound():
    asked: list[str] = []

    def which(name: str) -> str | None:
        asked.append(name)
        return None

    backend = detect_backend("win32", which=which)
    assert isinstance(backend, WinSoundBackend)
    assert asked == []  # no external program is looked for on Windows


def test_the_player_is_detected_once(monkeypatch: pytest.MonkeyPatch, qapp: QApplication):
    calls: list[int] = []

    def detect() -> FakeBackend:
        calls.append(1)
        return FakeBackend()

    sounds.default_backend.cache_clear()
    monkeypatch.setattr(sounds, "detect_backend", detect)
    try:
        first = SoundPlayer()
        second = SoundPlayer()
        assert first.backend is second.backend
        assert calls == [1]
    finally:
        sounds.default_backend.cache_clear()


def test_a_new_sound_terminates_the_previous_player():
    spawn = FakeSpawner()
    backend = ProcessBackend("paplay", ["/usr/bin/paplay"], popen=spawn)
    backend.play(Path("/sounds/ok.wav"))
    backend.play(Path("/sounds/error.wav"))
    first, second = spawn.processes
    assert first.command == ["/usr/bin/paplay", "/sounds/ok.wav"]
    assert second.command == ["/usr/bin/paplay", "/sounds/error.wav"]
    assert first.terminated
    assert not second.terminated
    running: list[object] = list(backend.running())
    assert running == [second]  # never more than one child sounding


def test_a_finished_player_is_not_terminated_and_is_reaped():
    spawn = FakeSpawner()
    backend = ProcessBackend("aplay", ["/usr/bin/aplay", "-q"], popen=spawn)
    for _ in range(5):
        backend.play(Path("/sounds/ok.wav"))
        spawn.processes[-1].returncode = 0  # it finished on its own
    assert not any(process.terminated for process in spawn.processes)
    assert backend.running() == []
    assert backend._ending == []


def test_a_player_that_cannot_start_beeps(monkeypatch: pytest.MonkeyPatch, qapp: QApplication):
    beeps: list[bool] = []
    monkeypatch.setattr(QApplication, "beep", lambda: beeps.append(True))

    def broken(command: Sequence[str]) -> subprocess.Popen[bytes]:
        raise FileNotFoundError(command[0])

    ProcessBackend("paplay", ["/gone/paplay"], popen=broken).play(Path("/sounds/ok.wav"))
    assert beeps == [True]


def test_the_beep_backend_beeps(monkeypatch: pytest.MonkeyPatch, qapp: QApplication):
    beeps: list[bool] = []
    monkeypatch.setattr(QApplication, "beep", lambda: beeps.append(True))
    backend = BeepBackend()
    backend.play(Path("ok.wav"))
    backend.stop()
    assert beeps == [True]


def test_a_real_player_process_is_started_without_waiting(tmp_path: Path):
    # A harmless stand-in for paplay: the Python interpreter running a script that exits.
    script = tmp_path / "player.py"
    script.write_text("import sys\n")
    backend = ProcessBackend("python", [sys.executable, str(script)])
    backend.play(tmp_path / "ok.wav")
    child = backend._child
    assert child is not None
    child.wait(timeout=30)  # the test may wait; the desk never does
    backend.stop()
    assert backend.running() == []


# -- the WAV files ---------------------------------------------------------------------------


def read_samples(path: Path) -> tuple[wave._wave_params, list[int]]:
    with wave.open(str(path), "rb") as sound:
        params = sound.getparams()
        frames = sound.readframes(params.nframes)
    return params, list(struct.unpack(f"<{len(frames) // 2}h", frames))


@pytest.mark.parametrize("kind", KINDS)
def test_the_sound_files_are_short_small_mono_and_click_free(kind: str):
    path = resource_path("sounds", f"{kind}.wav")
    assert path.stat().st_size < 40_000
    params, samples = read_samples(path)
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 22_050)
    assert params.nframes / params.framerate <= 0.4
    # Faded in and out: silence at both ends, so no click when playback starts or is cut.
    assert samples[0] == 0
    assert samples[-1] == 0
    assert max(abs(value) for value in samples[:3] + samples[-3:]) < 0.01 * 32767
    assert max(abs(value) for value in samples) < 0.9 * 32767  # headroom, no clipping


def dominant_frequency(samples: list[int], rate: int, low: float, high: float) -> float:
    """The strongest frequency between ``low`` and ``high`` Hz (a coarse DFT, stdlib only)."""
    best, best_power = low, -1.0
    frequency = low
    while frequency <= high:
        re = sum(
            value * math.cos(2 * math.pi * frequency * i / rate) for i, value in enumerate(samples)
        )
        im = sum(
            value * math.sin(2 * math.pi * frequency * i / rate) for i, value in enumerate(samples)
        )
        if re * re + im * im > best_power:
            best, best_power = frequency, re * re + im * im
        frequency += 10
    return best


def test_the_sounds_are_distinct():
    pitches = {}
    lengths = {}
    for kind in KINDS:
        params, samples = read_samples(resource_path("sounds", f"{kind}.wav"))
        lengths[kind] = params.nframes
        # The first 50 ms carry each sound's opening pitch.
        pitches[kind] = dominant_frequency(
            samples[: params.framerate // 20], params.framerate, 100, 1000
        )
    assert pitches["error"] < 300  # low buzz
    assert 600 < pitches["already"] < 720  # a neutral middle tone
    assert 820 < pitches["ok"] < 940  # the chime starts high and rises
    assert len(set(lengths.values())) == 3


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_sounds", ROOT / "packaging" / "make_sounds.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_the_generator_reproduces_the_shipped_files(tmp_path: Path, capsys):
    assert load_generator().main([str(tmp_path)]) == 0
    for kind in KINDS:
        generated = (tmp_path / f"{kind}.wav").read_bytes()
        assert generated == resource_path("sounds", f"{kind}.wav").read_bytes(), kind
