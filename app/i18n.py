"""Marks English sentences in Qt-free code for translation without translating them there.

``pyside6-lupdate`` collects every ``QT_TRANSLATE_NOOP("Context", "text")`` into the
translation files; the Qt side translates the text later with the same context (for
example :func:`app.ui.translation.error_text` for the API layer's error messages). The
marker returns its text unchanged, so the API layer keeps working without Qt.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate knows
    """Return ``text`` unchanged; lupdate records it under ``context``."""
    del context
    return text
