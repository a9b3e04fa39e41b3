"""``participant-desk --self-test``: check that this installation can work, headless.

Support asks a user (or a release pipeline asks a fresh build) to run it and read the
report: the Qt platform plugins and fonts, the bundled icons and sounds, the TLS
certificates, the keyring backend, SQLite, and a full round trip against the embedded
sandbox, including the separate loader process. Exit code 0 when nothing failed.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app import APP_NAME, __version__

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication

# The native platform plugin a real window needs, per OS (file name stem inside platforms/).
NATIVE_PLATFORM_PLUGIN = {"linux": "qxcb", "win32": "qwindows", "darwin": "qcocoa"}
# The keyring backend each OS should have in the bundle, with the module it cannot work without
# (keyring's backends import fine without it and then silently report "not available").
NATIVE_KEYRING = {
    "linux": ("keyring.backends.SecretService", "secretstorage"),
    "win32": ("keyring.backends.Windows", "win32ctypes.pywin32"),
    "darwin": ("keyring.backends.macOS", "keyring.backends.macOS.api"),
}
MIN_CA_CERTIFICATES = 50  # certifi ships ~150; a handful means the wrong file was bundled
LOADER_TIMEOUT = 60.0


class Status(Enum):
    """How a check ended."""

    OK = "ok"
    WARN = "warn"
    FAIL = "FAIL"


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One line of the report."""

    name: str
    status: Status
    detail: str


class CheckFailedError(Exception):
    """A check found a problem; the message says what, in words support can act on."""


class CheckWarning(Exception):  # noqa: N818 - it is a result, not an error
    """A check found something that limits the app but does not stop it."""


# -- the checks ------------------------------------------------------------------------------


def check_qt_platform() -> str:
    """The headless platform starts, and the native one for this OS loads with its libraries."""
    from PySide6.QtCore import QLibraryInfo, QPluginLoader, qVersion  # noqa: PLC0415

    app = _qt_application()
    detail = f"Qt {qVersion()}, '{app.platformName()}' platform started"
    stem = NATIVE_PLATFORM_PLUGIN.get(sys.platform)
    if stem is None:
        return detail
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    candidates = sorted(folder.glob(f"*{stem}.*")) if folder.is_dir() else []
    if not candidates:
        raise CheckFailedError(f"the '{stem}' platform plugin is missing from {folder}")
    loader = QPluginLoader(str(candidates[0]))
    if not loader.load():
        # Usually a system library the plugin needs is not installed (e.g. libxcb-cursor0).
        raise CheckFailedError(f"the '{stem}' platform plugin cannot load: {loader.errorString()}")
    return f"{detail}; native plugin '{stem}' loads"


def check_fonts() -> str:
    """Fonts are installed and text actually renders (a bare system can have none)."""
    from PySide6.QtCore import Qt  # noqa: PLC0415
    from PySide6.QtGui import (  # noqa: PLC0415
        QFont,
        QFontDatabase,
        QFontInfo,
        QImage,
        QPainter,
        QRawFont,
    )

    _qt_application()
    families = QFontDatabase.families()
    default = QFontInfo(QFont()).family()
    # Without font files fontconfig still names a few generic families, and Qt draws
    # boxes in place of letters; only a real font with real glyphs counts.
    raw = QRawFont.fromFont(QFont())
    if not families or not default or not raw.isValid() or not raw.supportsCharacter("A"):
        raise CheckFailedError(
            "no usable font: text would be invisible or drawn as boxes "
            "(install a font package, e.g. fonts-dejavu-core)"
        )
    image = QImage(200, 40, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setPen(Qt.GlobalColor.black)
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, "Participant Desk")
    painter.end()
    inked = sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).lightness() < 128
    )
    if inked == 0:
        raise CheckFailedError(f"{len(families)} font families, but text renders blank")
    return f"{len(families)} font families, text renders (default '{default}')"


def check_resources() -> str:
    """The bundled icons render and the desk's sounds are present."""
    from PySide6.QtGui import QIcon  # noqa: PLC0415

    from app.resources import resources_dir  # noqa: PLC0415

    _qt_application()
    folder = resources_dir()
    icons = sorted((folder / "icons").glob("*.svg"))
    if not icons:
        raise CheckFailedError(f"no icons in {folder / 'icons'}")
    blank = [path.stem for path in icons if QIcon(str(path)).pixmap(32, 32).isNull()]
    if blank:
        # SVG rendering comes from Qt's svg plugins; a bundle without them shows no icons.
        raise CheckFailedError(f"icons do not render (Qt svg plugins missing?): {blank[:3]}")
    sounds = sorted((folder / "sounds").glob("*.wav"))
    if len(sounds) < 3:
        raise CheckFailedError(f"desk sounds missing in {folder / 'sounds'}")
    return f"{len(icons)} icons render, {len(sounds)} sounds present"


def check_tls() -> str:
    """The CA certificates httpx uses are bundled and load."""
    import certifi  # noqa: PLC0415
    import httpx  # noqa: PLC0415

    context = httpx.create_ssl_context()
    count = int(context.cert_store_stats().get("x509_ca", 0))
    if count < MIN_CA_CERTIFICATES:
        raise CheckFailedError(
            f"only {count} CA certificates loaded from {certifi.where()}: "
            "connections to Plandocket would fail"
        )
    return f"{count} CA certificates ({Path(certifi.where()).name}), {_openssl_version()}"


def check_keyring() -> str:
    """The OS keyring backend is bundled; say whether one is usable right now."""
    import importlib  # noqa: PLC0415

    import keyring  # noqa: PLC0415
    import keyring.backends.fail  # noqa: PLC0415

    for module in NATIVE_KEYRING.get(sys.platform, ()):
        try:
            importlib.import_module(module)
        except ImportError as error:
            raise CheckFailedError(
                f"keyring backend part {module} is not bundled: {error}"
            ) from error
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if isinstance(backend, keyring.backends.fail.Keyring):
        raise CheckWarning(
            "no usable keyring on this machine right now: API keys would be kept for the "
            "session only (the app says so)"
        )
    return f"using {name}"


def check_sqlite() -> str:
    """The outbox can be created, written, closed and read back (WAL journal)."""
    import sqlite3  # noqa: PLC0415
    from contextlib import closing  # noqa: PLC0415

    from app.store.outbox import Outbox  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="participant-desk-self-test-") as folder:
        path = Path(folder) / "outbox.sqlite3"
        outbox = Outbox(path)
        try:
            outbox.enqueue(
                account="https://self-test.invalid",
                kind="confirm",
                row_id=1,
                participant_id=1,
                label="self-test",
            )
        finally:
            outbox.close()
        reopened = Outbox(path)
        try:
            waiting = reopened.pending_count("https://self-test.invalid")
        finally:
            reopened.close()
        with closing(sqlite3.connect(path)) as db:
            journal = str(db.execute("PRAGMA journal_mode").fetchone()[0])
    if waiting != 1:
        raise CheckFailedError(f"the outbox kept {waiting} changes instead of 1")
    return f"SQLite {sqlite3.sqlite_version}, outbox written and read back ({journal} journal)"


def check_sandbox_and_loader() -> str:
    """Demo mode works: the embedded sandbox answers every call the app makes."""
    from app.api import PlandocketClient  # noqa: PLC0415
    from app.sandbox import DEMO_KEYS, SUMMIT_KEY, WORKSHOP_KEY, SandboxServer  # noqa: PLC0415

    started = time.perf_counter()
    with (
        SandboxServer() as server,
        PlandocketClient(server.base_url, DEMO_KEYS.full) as client,
    ):
        events = client.list_events()
        listed = client.list_participants(event_key=WORKSHOP_KEY, include=("contact",))
        contact = listed[0].contact
        if contact is None or not contact.customer_number:
            raise CheckFailedError("the sandbox sent participants without their contact")
        added = client.add_participant(SUMMIT_KEY, contact.customer_number)
        confirmed = client.update_participant(added.id, is_confirmed=True)
        if not confirmed.is_confirmed:
            raise CheckFailedError("a confirmation did not stick")
        client.remove_participant(added.id)
        requests = client.request_count
        loaded = _load_in_loader_process(server.base_url, DEMO_KEYS.full, WORKSHOP_KEY)
    if loaded != len(listed):
        raise CheckFailedError(f"the loader process loaded {loaded} of {len(listed)} rows")
    elapsed = (time.perf_counter() - started) * 1000
    return (
        f"{len(events)} events, {len(listed)} participants listed, add/confirm/remove; "
        f"{requests} requests; loader process loaded {loaded} rows ({elapsed:.0f} ms)"
    )


def _load_in_loader_process(base_url: str, api_key: str, event_key: str) -> int:
    """Load one event in the separate loader process, as the table does."""
    import queue  # noqa: PLC0415

    from app.domain import ParticipantFilter  # noqa: PLC0415
    from app.loading.messages import (  # noqa: PLC0415
        Connection,
        LoadRequest,
        PageMessage,
        StatusMessage,
    )
    from app.loading.process import LoaderProcess  # noqa: PLC0415
    from app.loading.strings import decode  # noqa: PLC0415

    answers: queue.Queue[bytes | None] = queue.Queue()
    loader = LoaderProcess(answers.put)
    strings: dict[int, str] = {}
    rows = 0
    try:
        loader.load(
            LoadRequest(
                generation=1,
                connection=Connection(base_url, api_key),
                filters=ParticipantFilter(event_key=event_key),
                include=("contact",),
            )
        )
        deadline = time.monotonic() + LOADER_TIMEOUT
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise CheckFailedError("the loader process did not answer in time")
            data = answers.get(timeout=remaining)
            if data is None:
                raise CheckFailedError("the loader process ended unexpectedly")
            message = decode(data, strings)
            if isinstance(message, PageMessage):
                rows += len(message.participants)
            elif isinstance(message, StatusMessage):
                if message.state != "finished":
                    raise CheckFailedError(f"the loader process {message.state}: {message.error}")
                return rows
    finally:
        loader.stop()


def check_translations() -> str:
    """The German interface and Qt's German texts load (a bundle may have lost either)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator  # noqa: PLC0415

    from app.resources import resource_path  # noqa: PLC0415

    _qt_application()
    app_texts = QTranslator()
    if not app_texts.load("participant_desk_de", str(resource_path("translations"))):
        raise CheckFailedError("the German translation (participant_desk_de.qm) is missing")
    qt_texts = QTranslator()
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not qt_texts.load("qtbase_de", qt_folder):
        raise CheckFailedError(f"Qt's German texts (qtbase_de.qm) are missing in {qt_folder}")
    if app_texts.translate("MainWindow", "&File") in ("", "&File"):
        raise CheckFailedError("the German translation does not translate the menus")
    return "German interface and Qt's German texts load"


CHECKS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("Qt platform", check_qt_platform),
    ("Fonts", check_fonts),
    ("Icons, sounds", check_resources),
    ("Translations", check_translations),
    ("TLS", check_tls),
    ("Keyring", check_keyring),
    ("SQLite", check_sqlite),
    ("Demo round trip", check_sandbox_and_loader),
)


# -- running and reporting -------------------------------------------------------------------


def run_checks(
    checks: tuple[tuple[str, Callable[[], str]], ...] = CHECKS,
) -> list[CheckResult]:
    """Run every check (one failing does not stop the others)."""
    results = []
    for name, check in checks:
        try:
            results.append(CheckResult(name, Status.OK, check()))
        except CheckWarning as warning:
            results.append(CheckResult(name, Status.WARN, str(warning)))
        except Exception as error:  # the report must name every failure, whatever it is
            detail = str(error) if isinstance(error, CheckFailedError) else repr(error)
            results.append(CheckResult(name, Status.FAIL, detail))
    return results


def write_report(results: list[CheckResult], out: TextIO) -> None:
    """Print the report: a header, one line per check, and the verdict."""
    from PySide6 import __version__ as pyside_version  # noqa: PLC0415

    frozen = "bundle" if getattr(sys, "frozen", False) else "source"
    out.write(
        f"{APP_NAME} {__version__} self-test ({frozen}; Python {platform.python_version()}, "
        f"PySide6 {pyside_version}, {platform.system()} {platform.machine()})\n"
    )
    width = max(len(result.name) for result in results)
    for result in results:
        out.write(f"  {result.status.value:<4}  {result.name:<{width}}  {result.detail}\n")
    failed = sum(result.status is Status.FAIL for result in results)
    warned = sum(result.status is Status.WARN for result in results)
    verdict = f"FAILED ({failed} of {len(results)} checks)" if failed else "passed"
    if warned:
        verdict += f", {warned} warning{'s' if warned > 1 else ''}"
    out.write(f"Result: {verdict}\n")
    out.flush()


def main(out: TextIO | None = None) -> int:
    """Run the self-test headless and print the report; 0 when nothing failed."""
    # Headless unless the caller chose a platform: it must run on build machines and in CI.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    results = run_checks()
    if out is None and sys.stdout is None:
        # A windowed program on Windows has no console: keep the report in a file instead.
        path = Path(tempfile.gettempdir()) / "participant-desk-self-test.txt"
        with path.open("w", encoding="utf-8") as report:
            write_report(results, report)
    else:
        write_report(results, out or sys.stdout)
    return 1 if any(result.status is Status.FAIL for result in results) else 0


_APP: list[QGuiApplication] = []  # the checks share one application, kept for the whole run


def _qt_application() -> QGuiApplication:
    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    app = QGuiApplication([APP_NAME])
    _APP.append(app)
    return app


def _openssl_version() -> str:
    import ssl  # noqa: PLC0415

    return ssl.OPENSSL_VERSION.split(" (")[0]
