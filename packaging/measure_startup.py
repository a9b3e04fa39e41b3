"""Start-up benchmark: launch to first visible window, the bundle against a bare PySide6 window.

Both are PyInstaller one-folder builds made by the same Python with the same Qt, started
in turns on the same X server, so the ratio says what the app itself adds. Target: the
bundle's median is at most 1.3x the bare window's.

    python packaging/measure_startup.py [--rounds 9] [--bundle packaging/dist/participant-desk]

Needs an X server: uses $DISPLAY, or starts Xvfb (Debian: xvfb, x11-utils for xwininfo).
The bundle is launched with ``--demo`` (its window opens straight on the demo data), each
time with fresh, empty settings folders, like a first start.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BARE_DIR = HERE / "build" / "bare-window"
BARE_SOURCE = """\
import sys
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("Bare PySide6 window")
window.setCentralWidget(QLabel("Hello"))
window.resize(1100, 700)
window.show()
sys.exit(app.exec())
"""
WINDOW_LINE = re.compile(r'^\s*(0x[0-9a-f]+) "([^"]*)"')
POLL_SECONDS = 0.005
TIMEOUT_SECONDS = 60.0


def build_bare_window() -> Path:
    """Freeze the bare window once, with the same PyInstaller and Qt as the app."""
    program = BARE_DIR / "dist" / "bare-window" / "bare-window"
    if program.exists():
        return program
    BARE_DIR.mkdir(parents=True, exist_ok=True)
    script = BARE_DIR / "bare_window.py"
    script.write_text(BARE_SOURCE, encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            "--onedir",
            "--windowed",
            "--name",
            "bare-window",
            "--distpath",
            str(BARE_DIR / "dist"),
            "--workpath",
            str(BARE_DIR / "work"),
            "--specpath",
            str(BARE_DIR),
            str(script),
        ],
        check=True,
    )
    return program


def viewable_titles(display: str) -> list[str]:
    """Titles of the top-level windows that are mapped and viewable."""
    environment = {**os.environ, "DISPLAY": display}
    tree = subprocess.run(
        ["xwininfo", "-root", "-children"],
        check=False,
        capture_output=True,
        text=True,
        env=environment,
    ).stdout
    titles = []
    for line in tree.splitlines():
        match = WINDOW_LINE.match(line)
        if match and match.group(2):
            info = subprocess.run(
                ["xwininfo", "-id", match.group(1)],
                check=False,
                capture_output=True,
                text=True,
                env=environment,
            ).stdout
            if "IsViewable" in info:
                titles.append(match.group(2))
    return titles


def time_to_windows(
    command: list[str], milestones: dict[str, str], display: str
) -> dict[str, float]:
    """Seconds from launch until a window whose title starts with each milestone's prefix."""
    with tempfile.TemporaryDirectory(prefix="startup-home-") as home:
        environment = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "HOME": home,
            "XDG_CONFIG_HOME": f"{home}/config",
            "XDG_DATA_HOME": f"{home}/data",
            "XDG_CACHE_HOME": f"{home}/cache",
        }
        reached: dict[str, float] = {}
        started = time.perf_counter()
        process = subprocess.Popen(
            command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            while len(reached) < len(milestones):
                titles = viewable_titles(display)
                now = time.perf_counter() - started
                for name, prefix in milestones.items():
                    if name not in reached and any(t.startswith(prefix) for t in titles):
                        reached[name] = now
                if process.poll() is not None:
                    raise RuntimeError(f"{command[0]} exited with {process.returncode}")
                if now > TIMEOUT_SECONDS:
                    raise RuntimeError(f"no window from {command[0]} in {TIMEOUT_SECONDS} s")
                time.sleep(POLL_SECONDS)
            return reached
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def start_display() -> tuple[str, subprocess.Popen[bytes] | None]:
    """$DISPLAY if there is one, else a private Xvfb."""
    if os.environ.get("DISPLAY"):
        return os.environ["DISPLAY"], None
    if shutil.which("Xvfb") is None:
        raise SystemExit("no X server: set DISPLAY or install xvfb")
    display = ":94"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = Path("/tmp/.X11-unix") / f"X{display[1:]}"  # noqa: S108 - X11's fixed socket folder
    deadline = time.monotonic() + 10
    while not socket.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return display, server


def main() -> int:
    """Measure both in alternating rounds and print medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument(
        "--bundle", type=Path, default=HERE / "dist" / "participant-desk" / "participant-desk"
    )
    args = parser.parse_args()
    bundle = args.bundle if args.bundle.is_file() else args.bundle / "participant-desk"
    bare = build_bare_window()
    display, server = start_display()
    # (label, command, {milestone: title prefix}); the first milestone is "first window".
    first = {"first window": "Participant Desk", "main window": "Participant Desk —"}
    candidates = [
        ("bare PySide6 window (frozen)", [str(bare)], {"first window": "Bare PySide6 window"}),
        ("Participant Desk bundle --demo", [str(bundle), "--demo"], first),
        ("Participant Desk source --demo", [sys.executable, "-m", "app", "--demo"], first),
    ]
    timings: dict[tuple[str, str], list[float]] = {}
    try:
        for _label, command, milestones in candidates:
            time_to_windows(command, milestones, display)  # warms the disk cache; not counted
        for _ in range(args.rounds):
            for label, command, milestones in candidates:
                for milestone, seconds in time_to_windows(command, milestones, display).items():
                    timings.setdefault((label, milestone), []).append(seconds)
    finally:
        if server is not None:
            server.terminate()
    print(f"launch to visible window, {args.rounds} rounds each, in turns:")
    for (label, milestone), values in timings.items():
        print(
            f"  {label:<32} {milestone:<13} median {statistics.median(values) * 1000:5.0f} ms"
            f"   min {min(values) * 1000:5.0f}   max {max(values) * 1000:5.0f}"
        )
    baseline = statistics.median(timings[("bare PySide6 window (frozen)", "first window")])
    for milestone in first:
        app = statistics.median(timings[("Participant Desk bundle --demo", milestone)])
        print(f"ratio bundle {milestone} / bare window: {app / baseline:.2f} (target <= 1.3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
