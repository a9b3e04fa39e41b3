"""``participant-desk --self-test`` on this machine: every real check runs and passes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

CHECK_NAMES = ("Qt platform", "Fonts", "Icons, sounds", "Translations", "TLS", "Keyring", "SQLite")


def _run_app(
    *arguments: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *arguments],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        check=False,
    )


def test_self_test_passes_headless_and_prints_a_report(tmp_path):
    environment = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    environment.pop("DISPLAY", None)  # headless, as on a build machine
    result = _run_app("--self-test", env=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Participant Desk ")
    for name in CHECK_NAMES:
        assert any(line.split(maxsplit=1)[1].startswith(name) for line in lines[1:-1]), name
    round_trip = next(line for line in lines if "Demo round trip" in line)
    assert "add/confirm/remove" in round_trip
    assert "loader process loaded 24 rows" in round_trip
    assert lines[-1].startswith("Result: passed")
    # A check, not a session: nothing written to the app's settings or data folders.
    written = [str(path) for path in tmp_path.rglob("*")]
    assert not [path for path in written if "articipant" in path], written


def test_self_test_is_listed_in_help():
    result = _run_app("--help")
    assert result.returncode == 0
    assert "--self-test" in result.stdout


def test_translation_check_fails_when_the_german_file_is_missing(qapp, monkeypatch, tmp_path):
    from app import self_test

    assert "German" in self_test.check_translations()
    monkeypatch.setattr("app.resources.resources_dir", lambda: tmp_path)
    with pytest.raises(self_test.CheckFailedError, match="participant_desk_de"):
        self_test.check_translations()
