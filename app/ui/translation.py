"""The interface language: which translation is loaded, and the locale for dates and numbers.

The language follows the system unless the person picked one (View > Language, stored in
the ``interface/language`` setting). The app's own texts come from
``resources/translations/participant_desk_<lang>.qm``; Qt's standard texts (dialog buttons,
the print dialog, context menus of text fields) from Qt's ``qtbase_<lang>.qm``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.api import PlandocketError
from app.resources import resource_path

SYSTEM = "system"
# Languages the interface is translated into; English is the source language.
LANGUAGES: dict[str, QLocale.Language] = {
    "en": QLocale.Language.English,
    "de": QLocale.Language.German,
}
TRANSLATION_PREFIX = "participant_desk_"


@dataclass(frozen=True, slots=True)
class InterfaceLanguage:
    """What :func:`apply_language` chose: the texts' language and the formatting locale."""

    code: str  # "en" or "de"
    locale: QLocale
    translators: tuple[QTranslator, ...]


def language_names() -> list[tuple[str, str]]:
    """(setting value, label) for the language menu; each language named in itself."""
    return [
        (SYSTEM, QCoreApplication.translate("Language", "System language")),
        ("en", "English"),
        ("de", "Deutsch"),
    ]


def locale_for(choice: str, system: QLocale | None = None) -> QLocale:
    """The locale for ``choice``: the system's, or the chosen language's own.

    A chosen language keeps the system's country when the two fit together (German in
    Austria formats like Austria); otherwise it takes the language's main country.
    """
    system = system if system is not None else QLocale.system()
    if system.name() == "C":
        # A bare "C" locale formats dates as "5 01 2026"; plain English reads better.
        system = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    language = LANGUAGES.get(choice)
    if language is None or system.language() == language:
        return system
    return QLocale(language)


def apply_language(choice: str, system: QLocale | None = None) -> InterfaceLanguage:
    """Load the translations for ``choice`` ("system", "en", "de") and set the default locale.

    Call before any window exists: texts are translated when widgets are built. Returns the
    translators, which must stay alive as long as the application.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication first")
    remove_translators(app)
    locale = locale_for(choice, system)
    QLocale.setDefault(locale)
    code = next((c for c, lang in LANGUAGES.items() if lang == locale.language()), "en")
    translators: list[QTranslator] = []
    # English loads its file too: it holds the plural forms ("1 row" / "3 rows").
    sources = [(f"{TRANSLATION_PREFIX}{code}", str(resource_path("translations")))]
    if code != "en":
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        sources.append((f"qtbase_{code}", qt_folder))
    for name, folder in sources:
        translator = QTranslator(app)
        translator.setObjectName("participantDeskTranslator")
        if translator.load(name, folder):
            app.installTranslator(translator)
            translators.append(translator)
    return InterfaceLanguage(code, locale, tuple(translators))


def remove_translators(app: QCoreApplication) -> None:
    """Take out translations an earlier :func:`apply_language` installed."""
    for translator in app.findChildren(QTranslator, "participantDeskTranslator"):
        app.removeTranslator(translator)
        translator.deleteLater()


def error_text(error: object) -> str:
    """The error's sentence for the person at the screen, in the interface language."""
    if not isinstance(error, PlandocketError):
        return str(error)
    template = QCoreApplication.translate("PlandocketError", error.message_template)
    if not error.message_values:
        return template
    try:
        return template.format(**error.message_values)
    except (KeyError, IndexError, ValueError):
        # A translation with a broken placeholder must not hide the error itself.
        return error.user_message
