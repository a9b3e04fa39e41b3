"""Run the app in a pseudo-language: a visible text still in plain English was not translatable.

Every message lupdate finds in the code gets the translation ``⟦message⟧``. The demo app,
its menus, the desk and every dialog are then opened, and each text they show must carry
the brackets — unless it is data (event titles, names, numbers) or a product name.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from app import APP_NAME
from app.sandbox import SandboxServer
from app.settings import Settings
from tests.gui.import_support import check, free_numbers, import_and_wait, open_dialog, write_csv
from tests.i18n.screens import ShownText, open_desk, open_dialogs, shown_texts, start_demo
from tests.i18n.translation_tool import translations_tool

ROOT = Path(__file__).resolve().parents[2]
OPEN, CLOSE = "⟦", "⟧"
# Names that stay as they are in every language.
PRODUCT_NAMES = {APP_NAME, "Plandocket", "English", "Deutsch"}
# Standard dialog buttons: Qt names them, and Qt's own translation (qtbase_de) covers them.
QT_STANDARD_BUTTONS = {
    "OK",
    "Cancel",
    "Close",
    "Apply",
    "Reset",
    "Help",
    "Yes",
    "No",
    "Save",
    "Discard",
    "Open",
    "Restore Defaults",
    "Abort",
    "Retry",
    "Ignore",
    "Yes to All",
    "No to All",
}


def make_pseudo_translation(folder: Path) -> Path:
    """A .qm in which every message of the code reads ``⟦message⟧``."""
    tool = translations_tool()
    ts = folder / "pseudo.ts"
    tool.lupdate(ts)
    tree = ET.parse(ts)
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            forms = translation.findall("numerusform") or [
                ET.SubElement(translation, "numerusform") for _ in range(2)
            ]
            for form in forms:
                form.text = f"{OPEN}{source}{CLOSE}"
        else:
            translation.text = f"{OPEN}{source}{CLOSE}"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    qm = folder / "pseudo.qm"
    tool.lrelease(ts, qm)
    return qm


@pytest.fixture(scope="module")
def pseudo_qm(tmp_path_factory) -> Path:
    return make_pseudo_translation(tmp_path_factory.mktemp("pseudo"))


@pytest.fixture
def pseudo_language(qapp, pseudo_qm, monkeypatch) -> Iterator[None]:
    # The app's own translations (English plurals) would answer before the pseudo one.
    monkeypatch.setattr("app.ui.translation.TRANSLATION_PREFIX", "not_installed_")
    translator = QTranslator()
    assert translator.load(str(pseudo_qm))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def untranslated(texts: Iterator[ShownText], data: set[str]) -> list[str]:
    """Texts with letters that carry no pseudo-translation and are not data."""
    found = []
    for shown in texts:
        text = re.sub(r"&(?=[^\s&])", "", shown.text).strip()  # mnemonics, not "A & B"
        if OPEN in text or not re.search(r"[^\W\d_]", text) or text in QT_STANDARD_BUTTONS:
            continue
        remainder = text
        for value in sorted(data, key=len, reverse=True):
            remainder = remainder.replace(value, "")
        if not re.search(r"[^\W\d_]", remainder):
            continue
        found.append(f"{shown.where}: {text!r}")
    return sorted(set(found))


def data_texts(application) -> set[str]:
    """What comes from Plandocket or the person, not from the app: allowed as it is."""
    values = set(PRODUCT_NAMES)
    for event in application.controller.events:
        values |= {event.event_key, event.title or "", event.city or "", event.country or ""}
    values |= {profile.name for profile in application.profile_store.profiles()}
    values |= {"Demo", "EXPO26", "K-1001", "Sample Ltd", "Sample event", "A B", "B"}
    values |= {"https://acme.plandocket.com", "acme.plandocket.com", "Qt", "Python"}
    return {v for v in values if v}


def test_pseudo_translation_reaches_the_interface(pseudo_language, qtbot):
    """The check can fail: a translated text shows brackets, an untranslated one does not."""
    assert QCoreApplication.translate("MainWindow", "&File") == f"{OPEN}&File{CLOSE}"
    assert untranslated(iter([ShownText("x", "Hello")]), set()) == ["x: 'Hello'"]


def test_every_text_of_the_main_window_and_dialogs_is_translatable(
    pseudo_language, qtbot, tmp_path, settings: Settings
):
    application = start_demo(qtbot, tmp_path, settings)
    try:
        data = data_texts(application)
        window = application.main_window
        assert untranslated(shown_texts(window), data) == []
        for dialog in open_dialogs(application, settings):
            assert untranslated(shown_texts(dialog), data) == [], type(dialog).__name__
            dialog.close()
        desk = open_desk(application, qtbot)
        assert untranslated(shown_texts(desk), data) == []
        desk.close()
    finally:
        application.shutdown()


def test_every_text_of_the_import_dialog_is_translatable(
    pseudo_language, qtbot, tmp_path, settings: Settings
):
    """Preview, check and report pages, with valid, invalid and duplicate rows."""
    application = start_demo(qtbot, tmp_path, settings)
    try:
        sandbox = application.sandbox
        assert isinstance(sandbox, SandboxServer)
        first, second = free_numbers(sandbox, 2)
        lines = [
            "Veranstaltung;Kundennummer;Bestätigt",
            f"WS26;{first};ja",
            f"WS26;{second};nein",
            f"WS26;{first};ja",
            "NOPE;;vielleicht",
        ]
        path = write_csv(tmp_path / "crm.csv", lines)
        data = data_texts(application) | {
            "crm.csv",
            "WS26",
            "NOPE",
            first,
            second,
            "Veranstaltung",
            "Kundennummer",
            "Bestätigt",
            "ja",
            "nein",
            "vielleicht",
            "UTF-8",
            "Windows-1252",
        }
        dialog = open_dialog(qtbot, application, path)
        assert untranslated(shown_texts(dialog), data) == []
        check(qtbot, dialog)
        assert untranslated(shown_texts(dialog), data) == []
        import_and_wait(qtbot, dialog)
        assert untranslated(shown_texts(dialog), data) == []
        dialog.close()
    finally:
        application.shutdown()
