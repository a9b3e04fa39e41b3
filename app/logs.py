"""Logging for the app: a rotating file log and the console, both redacted; crash capture.

No Qt here: the composition root picks the folder (e.g. a "logs" folder under
``QStandardPaths.AppLocalDataLocation``) and shows a message from ``on_crash``.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

from app.redaction import RedactingFilter, redact

LOG_FILE_NAME = "participant-desk.log"
CRASH_FILE_NAME = "participant-desk-crash.log"
LOG_FILE_BYTES = 1_000_000
LOG_FILE_BACKUPS = 3
LOG_FORMAT = "%(asctime)s %(levelname)-8s %(threadName)s %(name)s: %(message)s"

log = logging.getLogger(__name__)

# Marks the handlers configure_logging added, so a second call replaces them.
_OURS = "_participant_desk_handler"

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]
ThreadExceptHook = Callable[[threading.ExceptHookArgs], object]


class _State:
    """What configure_logging and install_excepthook set up, so a second call can undo it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.crash_file: IO[str] | None = None
        self.crash_path: Path | None = None
        self.on_crash: Callable[[str], None] | None = None
        self.previous_excepthook: ExceptHook | None = None
        self.previous_thread_hook: ThreadExceptHook | None = None


_state = _State()


def configure_logging(log_dir: Path | None, *, level: int = logging.INFO) -> Path | None:
    """Log to ``log_dir/participant-desk.log`` (1 MB × 3 backups) and to stderr at WARNING.

    Both handlers redact registered secrets (see app.redaction). Python's own fatal-error
    tracebacks (segfaults, aborts) go to ``log_dir/participant-desk-crash.log`` through
    faulthandler, which writes only file names, line numbers and function names.
    ``log_dir=None`` logs to stderr only and sends faulthandler output to stderr.
    Calling it again replaces the earlier configuration. Returns the log file's path.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _OURS, False):
            root.removeHandler(handler)
            handler.close()

    formatter = logging.Formatter(LOG_FORMAT)
    redacting = RedactingFilter()

    log_file: Path | None = None
    handlers: list[logging.Handler] = []
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        log_file = log_dir / LOG_FILE_NAME
        file_handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_BACKUPS, encoding="utf-8"
        )
        file_handler.setLevel(level)
        handlers.append(file_handler)

    console = logging.StreamHandler(sys.stderr)
    console.setLevel(max(level, logging.WARNING))
    handlers.append(console)

    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(redacting)
        setattr(handler, _OURS, True)
        root.addHandler(handler)
    root.setLevel(level)
    # Off, then on: captureWarnings(True) does nothing when logging believes it already
    # captures, even if something (a test harness, a library) has since replaced the hook.
    logging.captureWarnings(False)
    logging.captureWarnings(True)
    _guard_last_resort()

    _enable_faulthandler(None if log_dir is None else log_dir / CRASH_FILE_NAME)
    return log_file


def _guard_last_resort() -> None:
    """Redact what logging prints when no handler is configured (its "last resort")."""
    last_resort = logging.lastResort
    if last_resort is not None and not any(
        isinstance(f, RedactingFilter) for f in last_resort.filters
    ):
        last_resort.addFilter(RedactingFilter())


def crash_file_path() -> Path | None:
    """Where faulthandler writes, or None when it writes to stderr or is off."""
    return _state.crash_path


def _enable_faulthandler(path: Path | None) -> None:
    with _state.lock:
        if path is not None and path == _state.crash_path and _state.crash_file is not None:
            return
        _disable_faulthandler()
        _state.crash_path = path
        if path is None:
            if sys.stderr is not None:  # None in a windowed (no console) bundle
                faulthandler.enable(sys.stderr)
            return
        # Kept open for the life of the process: faulthandler writes to the raw descriptor.
        _state.crash_file = path.open("a", encoding="utf-8")
        faulthandler.enable(_state.crash_file)


def _disable_faulthandler() -> None:
    if faulthandler.is_enabled():
        faulthandler.disable()
    if _state.crash_file is not None:
        _state.crash_file.close()
    _state.crash_file = None
    _state.crash_path = None


def shutdown_logging() -> None:
    """Flush and remove the handlers and stop faulthandler (at exit, and between tests)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _OURS, False):
            root.removeHandler(handler)
            handler.close()
    with _state.lock:
        _disable_faulthandler()


def install_excepthook(on_crash: Callable[[str], None] | None) -> None:
    """Log uncaught exceptions (main and other threads) redacted, then call ``on_crash``.

    ``on_crash`` receives a short, redacted sentence naming the error, for a message box;
    it runs on the thread that failed, so a GUI must hand it to the GUI thread (a queued
    signal). Exceptions raised in Qt slots reach ``sys.excepthook`` too. Ctrl+C keeps the
    interpreter's default behaviour. Calling it again only replaces ``on_crash``.
    """
    _guard_last_resort()
    with _state.lock:
        _state.on_crash = on_crash
        if _state.previous_excepthook is None:
            _state.previous_excepthook = sys.excepthook
            sys.excepthook = _excepthook
        if _state.previous_thread_hook is None:
            _state.previous_thread_hook = threading.excepthook
            threading.excepthook = _thread_excepthook


def uninstall_excepthook() -> None:
    """Put back the hooks that were there before :func:`install_excepthook`."""
    with _state.lock:
        if _state.previous_excepthook is not None:
            sys.excepthook = _state.previous_excepthook
        if _state.previous_thread_hook is not None:
            threading.excepthook = _state.previous_thread_hook
        _state.on_crash = _state.previous_excepthook = _state.previous_thread_hook = None


def crash_summary(exc_type: type[BaseException], exc: BaseException | None) -> str:
    """One redacted line naming an uncaught error, e.g. ``ValueError: bad value``."""
    text = "".join(traceback.format_exception_only(exc_type, exc)).strip()
    return redact(text.splitlines()[-1] if text else exc_type.__name__)


def _report(
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    where: str,
) -> None:
    crash_log = logging.getLogger("app.crash")
    if exc is None:
        crash_log.critical("Uncaught %s %s", exc_type.__name__, where)
    else:
        crash_log.critical("Uncaught exception %s", where, exc_info=(exc_type, exc, tb))
    callback = _state.on_crash
    if callback is None:
        return
    try:
        callback(crash_summary(exc_type, exc))
    except Exception:  # the crash reporter itself failing must not recurse
        logging.getLogger("app.crash").exception("The crash message could not be shown")


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    previous = _state.previous_excepthook
    if issubclass(exc_type, KeyboardInterrupt) and previous is not None:
        previous(exc_type, exc, tb)
        return
    _report(exc_type, exc, tb, "in the main thread")


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if issubclass(args.exc_type, SystemExit):
        return
    name = args.thread.name if args.thread is not None else "a thread"
    _report(args.exc_type, args.exc_value, args.exc_traceback, f"in thread {name}")
