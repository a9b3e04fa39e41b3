"""Keeps the Qt Linguist files in resources/translations/ in step with the source code.

    python packaging/translations.py update    # collect texts into the .ts files (lupdate)
    python packaging/translations.py release   # compile the .ts files into .qm (lrelease)

English is the source language; its file only holds the plural forms ("%n row(s)" becomes
"1 row" / "3 rows"), which ``update`` fills in by rule (see :func:`english_forms`).

Translators open ``resources/translations/participant_desk_<lang>.ts`` in Qt Linguist
(``pyside6-linguist``), translate, then run ``release``. Both files are committed: the app
loads the .qm, and tests/unit/test_translations.py fails when a text in the code is missing
from a .ts, untranslated, or when a .qm is older than its .ts.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
PREFIX = "participant_desk_"
LANGUAGES = ("de", "en")
# Words after %n whose singular is not the plural without "s".
ENGLISH_SINGULARS = {
    "participants": "participant",
    "participations": "participation",
    "tries": "try",
    "seconds": "second",
    "check-ins": "check-in",
}
ENGLISH_PHRASES = {"%n of them are confirmed.": ("%n of them is confirmed.", None)}
# The demo server's texts are the server's own (English, like Plandocket's API); the rest
# of app/ is the interface.
EXCLUDED_FOLDERS = ("sandbox",)


def source_files() -> list[Path]:
    """Every Python file whose texts the interface shows."""
    return sorted(
        path
        for path in (ROOT / "app").rglob("*.py")
        if not any(part in EXCLUDED_FOLDERS for part in path.relative_to(ROOT / "app").parts)
    )


def tool(name: str) -> str:
    """Path of a Qt tool shipped with PySide6 (``pyside6-lupdate``, ``pyside6-lrelease``)."""
    beside_python = Path(sys.executable).parent / name
    for candidate in (beside_python, beside_python.with_suffix(".exe")):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install the project (pip install -e .) first")
    return found


def ts_file(language: str) -> Path:
    return TRANSLATIONS / f"{PREFIX}{language}.ts"


def qm_file(language: str) -> Path:
    return TRANSLATIONS / f"{PREFIX}{language}.qm"


def english_forms(source: str) -> tuple[str, str]:
    """Singular and plural of an English source text with %n ("%n row(s)")."""
    if source in ENGLISH_PHRASES:
        singular, plural = ENGLISH_PHRASES[source]
        return singular, plural or source
    plural = source.replace("(s)", "s")
    singular = source.replace("(s)", "")
    for word, one in ENGLISH_SINGULARS.items():
        singular = re.sub(rf"(%L?n ){re.escape(word)}\b", rf"\g<1>{one}", singular)
    return singular, plural


def fill_english_plurals(ts: Path) -> None:
    """Give every plural message of the English file its two forms."""
    tree = ET.parse(ts)  # noqa: S314 - our own translation file
    for message in tree.iter("message"):
        translation = message.find("translation")
        if translation is None or message.get("numerus") != "yes":
            continue
        for form in translation.findall("numerusform"):
            translation.remove(form)
        for text in english_forms(message.findtext("source") or ""):
            ET.SubElement(translation, "numerusform").text = text
        translation.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def lupdate(target: Path, *, keep_obsolete: bool = False, plural_only: bool = False) -> None:
    """Collect the texts of the source files into ``target`` (kept translations stay)."""
    arguments = [tool("pyside6-lupdate"), *map(str, source_files()), "-locations", "none"]
    if plural_only:
        arguments.append("-pluralonly")
    if not keep_obsolete:
        arguments.append("-no-obsolete")
    subprocess.run([*arguments, "-ts", str(target)], check=True, capture_output=True)


def lrelease(source: Path, target: Path) -> None:
    """Compile a .ts file into the .qm the app loads."""
    subprocess.run(
        [tool("pyside6-lrelease"), str(source), "-qm", str(target)],
        check=True,
        capture_output=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("command", choices=("update", "release"))
    options = parser.parse_args(argv)
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        if options.command == "update" and language == "en":
            lupdate(ts_file(language), plural_only=True)
            fill_english_plurals(ts_file(language))
        elif options.command == "update":
            lupdate(ts_file(language))
        else:
            lrelease(ts_file(language), qm_file(language))
        print(f"{options.command}: {language}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
