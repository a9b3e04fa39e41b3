"""configure_logging and install_excepthook: redacted file log, stderr, crash file, hooks."""

from __future__ import annotations

import logging
import logging.handlers
import subprocess
import sys
import textwrap
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.logs import (
    CRASH_FILE_NAME,
    LOG_FILE_BACKUPS,
    LOG_FILE_BYTES,
    LOG_FILE_NAME,
    configure_logging,
    crash_file_path,
    install_excepthook,
    shutdown_logging,
    uninstall_excepthook,
)
from app.redaction import RedactingFilter, register_secret

CANARY = "CANARY-KEY-0123456789"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    level = root.level
    yield
    uninstall_excepthook()
    shutdown_logging()
    logging.captureWarnings(False)
    root.setLevel(level)


def _our_handlers() -> list[logging.Handler]:
    return [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RedactingFilter) for f in h.filters)
    ]


def _hits(folder: Path, needle: str) -> list[Path]:
    return [
        path
        for path in folder.rglob("*")
        if path.is_file() and needle.encode() in path.read_bytes()
    ]


def test_log_file_and_stderr_are_redacted(tmp_path, capfd):
    register_secret(CANARY)
    log_file = configure_logging(tmp_path / "logs")
    assert log_file is not None
    assert log_file == tmp_path / "logs" / LOG_FILE_NAME
    log = logging.getLogger("app.test")

    log.info("stored key %s for %s", CANARY, "https://acme.plandocket.com")
    try:
        raise RuntimeError(f"keyring said no to {CANARY}")
    except RuntimeError:
        log.exception("keyring failure with %s", CANARY)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn(f"deprecated use of {CANARY}", UserWarning, stacklevel=1)
    for handler in _our_handlers():
        handler.flush()

    text = log_file.read_text(encoding="utf-8")
    assert "stored key [redacted] for https://acme.plandocket.com" in text
    assert "RuntimeError: keyring said no to [redacted]" in text
    assert "Traceback" in text
    assert "deprecated use of [redacted]" in text
    err = capfd.readouterr().err
    assert "keyring failure with [redacted]" in err  # ERROR reaches stderr
    assert "stored key" not in err  # INFO does not
    assert CANARY not in err
    assert _hits(tmp_path, CANARY) == []


def test_rotation_limits_and_a_second_call_replaces_the_handlers(tmp_path):
    configure_logging(tmp_path, level=logging.DEBUG)
    configure_logging(tmp_path)
    handlers = _our_handlers()
    files = [h for h in handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert len(handlers) == 2
    assert len(files) == 1
    assert files[0].maxBytes == LOG_FILE_BYTES
    assert files[0].backupCount == LOG_FILE_BACKUPS
    assert crash_file_path() == tmp_path / CRASH_FILE_NAME


def test_without_a_folder_only_stderr_is_used(tmp_path):
    assert configure_logging(None) is None
    handlers = _our_handlers()
    assert len(handlers) == 1
    assert handlers[0].level == logging.WARNING
    assert crash_file_path() is None


def test_uncaught_exception_is_logged_redacted_and_reported(tmp_path):
    register_secret(CANARY)
    log_file = configure_logging(tmp_path)
    assert log_file is not None
    messages: list[str] = []
    install_excepthook(messages.append)
    install_excepthook(messages.append)  # idempotent: still one report per crash

    try:
        raise KeyError(f"no profile for {CANARY}")
    except KeyError as error:
        sys.excepthook(type(error), error, error.__traceback__)

    for handler in _our_handlers():
        handler.flush()
    assert len(messages) == 1
    assert messages[0].startswith("KeyError:")
    assert CANARY not in messages[0]
    text = log_file.read_text(encoding="utf-8")
    assert "Uncaught exception in the main thread" in text
    assert CANARY not in text


def test_uncaught_exception_in_a_thread_is_reported(tmp_path):
    register_secret(CANARY)
    log_file = configure_logging(tmp_path)
    assert log_file is not None
    messages: list[str] = []
    install_excepthook(messages.append)

    def work() -> None:
        raise ValueError(CANARY)

    thread = threading.Thread(target=work, name="worker-x")
    thread.start()
    thread.join()
    for handler in _our_handlers():
        handler.flush()
    assert messages == ["ValueError: [redacted]"]
    text = log_file.read_text(encoding="utf-8")
    assert "in thread worker-x" in text
    assert CANARY not in text


def test_a_failing_crash_callback_does_not_recurse(tmp_path):
    log_file = configure_logging(tmp_path)
    assert log_file is not None

    def broken(_: str) -> None:
        raise RuntimeError("the message box is gone")

    install_excepthook(broken)
    try:
        raise OSError("disk full")
    except OSError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    for handler in _our_handlers():
        handler.flush()
    assert "The crash message could not be shown" in log_file.read_text(encoding="utf-8")


def test_uninstall_restores_the_previous_hooks():
    before = (sys.excepthook, threading.excepthook)
    install_excepthook(None)
    assert sys.excepthook is not before[0]
    uninstall_excepthook()
    assert (sys.excepthook, threading.excepthook) == before


def test_a_hard_crash_is_written_to_the_crash_file_without_the_key(tmp_path):
    """A segfault in a child process: faulthandler writes where, never what (no values)."""
    script = textwrap.dedent(
        f"""
        import faulthandler, logging, sys
        from pathlib import Path
        from app.logs import configure_logging
        from app.redaction import register_secret

        key = {CANARY!r}
        register_secret(key)
        configure_logging(Path(sys.argv[1]))
        logging.getLogger("app").error("about to crash with %s", key)

        def crash_with(secret):
            faulthandler._sigsegv()

        crash_with(key)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode != 0
    crash = (tmp_path / CRASH_FILE_NAME).read_text(encoding="utf-8")
    assert "Fatal Python error" in crash
    assert "crash_with" in crash
    assert "about to crash with [redacted]" in (tmp_path / LOG_FILE_NAME).read_text("utf-8")
    assert CANARY not in result.stderr
    assert _hits(tmp_path, CANARY) == []
