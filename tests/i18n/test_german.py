"""The German interface: complete translation files, and the app speaking German when asked."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtWidgets import QDialogButtonBox

from app.api import NetworkError, ServerError
from app.settings import LANGUAGE, Settings
from app.ui.dialogs.bulk_confirm import BulkConfirmDialog
from app.ui.translation import apply_language, error_text, locale_for
from tests.i18n.screens import start_demo
from tests.i18n.translation_tool import translations_tool

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
PLACEHOLDER = re.compile(r"\{\w*\}|%\d|%n")


def _messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).iter("message"))


def _translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    forms = translation.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [translation.text or ""]


def _is_unfinished(message: ET.Element) -> bool:
    translation = message.find("translation")
    return translation is None or translation.get("type") in {"unfinished", "vanished"}


def test_every_text_in_the_code_has_a_german_translation(tmp_path):
    """lupdate on the current code adds nothing new to the committed German file."""
    committed = TRANSLATIONS / "participant_desk_de.ts"
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    translations_tool().lupdate(fresh)
    sources = {(m.findtext("source"), m.findtext("comment")) for m in _messages(fresh)}
    known = {(m.findtext("source"), m.findtext("comment")) for m in _messages(committed)}
    assert sorted(map(str, sources - known)) == [], "run: python packaging/translations.py update"
    unfinished = [
        m.findtext("source")
        for m in _messages(fresh)
        if _is_unfinished(m) or not all(_translations(m))
    ]
    assert unfinished == []


def test_english_plurals_cover_every_counted_text(tmp_path):
    """ "%n row(s)" reads "1 row" and "3 rows": every plural message has both forms."""
    tool = translations_tool()
    fresh = tmp_path / "en.ts"
    tool.lupdate(fresh, plural_only=True)
    tool.fill_english_plurals(fresh)
    committed = {m.findtext("source"): _translations(m) for m in _messages(fresh)}
    stored = {
        m.findtext("source"): _translations(m)
        for m in _messages(TRANSLATIONS / "participant_desk_en.ts")
    }
    assert committed == stored, "run: python packaging/translations.py update"
    assert tool.english_forms("%n row(s) copied.") == ("%n row copied.", "%n rows copied.")
    assert tool.english_forms("Remove %n participations?") == (
        "Remove %n participation?",
        "Remove %n participations?",
    )


def test_english_plural_forms_show_in_the_interface(qapp):
    apply_language("en")
    assert QCoreApplication.translate("MainWindow", "%n row(s) copied.", "", 1) == "1 row copied."
    assert QCoreApplication.translate("MainWindow", "%n row(s) copied.", "", 3) == "3 rows copied."


def test_translations_keep_placeholders_and_mnemonics():
    broken = []
    for message in _messages(TRANSLATIONS / "participant_desk_de.ts"):
        source = message.findtext("source") or ""
        for text in _translations(message):
            if sorted(set(PLACEHOLDER.findall(source))) != sorted(set(PLACEHOLDER.findall(text))):
                broken.append(f"placeholders: {source!r} -> {text!r}")
            mnemonic = re.compile(r"&(?=[^\s&])")
            if bool(mnemonic.search(source)) != bool(mnemonic.search(text)):
                broken.append(f"mnemonic: {source!r} -> {text!r}")
    assert broken == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_compiled_translation_is_up_to_date(tmp_path, language):
    """The .qm the app loads is exactly what lrelease makes of the committed .ts."""
    fresh = tmp_path / f"{language}.qm"
    translations_tool().lrelease(TRANSLATIONS / f"participant_desk_{language}.ts", fresh)
    committed = TRANSLATIONS / f"participant_desk_{language}.qm"
    assert committed.read_bytes() == fresh.read_bytes(), (
        "run: python packaging/translations.py release"
    )


def test_language_choice_sets_the_locale():
    english_us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    austria = QLocale(QLocale.Language.German, QLocale.Country.Austria)
    assert locale_for("de", english_us).language() == QLocale.Language.German
    assert locale_for("de", austria).territory() == QLocale.Country.Austria
    assert locale_for("en", austria).language() == QLocale.Language.English
    assert locale_for("system", austria) == austria
    assert locale_for("system", QLocale.c()).language() == QLocale.Language.English


@pytest.fixture
def german(qapp, settings: Settings):
    settings.set(LANGUAGE, "de")
    yield settings
    apply_language("en")


def test_german_main_window_with_german_dates_and_numbers(german, qtbot, tmp_path):
    application = start_demo(qtbot, tmp_path, german)
    try:
        window = application.main_window
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus[0] == "&Datei"
        assert "&Teilnehmer" in menus
        assert QLocale().toString(2500) == "2.500"
        assert QLocale().toString(QDate(2026, 12, 8), QLocale.FormatType.ShortFormat) == "08.12.26"
        assert "Teilnehmer" in window.summary_label.text()
        # Qt's own texts come from Qt's German translation.
        dialog = BulkConfirmDialog(window, 2, True)
        cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None
        assert cancel.text().replace("&", "") == "Abbrechen"
        dialog.close()
    finally:
        application.shutdown()


def test_error_messages_from_plandocket_are_translated(german, qtbot, tmp_path):
    application = start_demo(qtbot, tmp_path, german)
    try:
        server = ServerError(
            "Plandocket had a problem handling the request (HTTP {status}). Try again in a moment.",
            values={"status": 503},
        )
        assert "503" in error_text(server)
        assert "Plandocket" in error_text(server)
        assert error_text(server) != server.user_message
        assert error_text(NetworkError(kind="timeout")) != NetworkError(kind="timeout").user_message
    finally:
        application.shutdown()
