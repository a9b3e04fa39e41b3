"""Sentences of the CSV import as data: an English template with %1, %2 and its values.

The import's Qt-free modules describe problems with a :class:`Message`; the window
translates the template (context ``CsvImport``; every template is marked with
``QT_TRANSLATE_NOOP`` where it is defined, so lupdate collects it) and fills in the values
formatted for the person's locale. ``Message.text()`` gives the English sentence, for logs,
scripts and tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

#: The translation context of every import template.
CONTEXT = "CsvImport"

_PLACEHOLDER = re.compile(r"%(\d)")

Arg = str | int


@dataclass(frozen=True, slots=True)
class Message:
    """One sentence: ``template`` (English, with %1…%9) and the values that fill it."""

    template: str
    args: tuple[Arg, ...] = ()

    def text(self) -> str:
        """The English sentence (numbers without grouping)."""
        return fill(self.template, [str(arg) for arg in self.args])

    def render(self, translate: Callable[[str], str], number: Callable[[int], str]) -> str:
        """The sentence through ``translate`` (a template → text) with numbers by ``number``."""
        values = [number(arg) if isinstance(arg, int) else arg for arg in self.args]
        return fill(translate(self.template), values)


def fill(template: str, values: Sequence[str]) -> str:
    """Replace %1…%9 in one pass, so a value that itself contains "%2" stays as it is."""

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return values[index] if 0 <= index < len(values) else match.group(0)

    return _PLACEHOLDER.sub(value, template)


class CsvImportError(Exception):
    """The file as a whole cannot be imported; ``message`` says why in a plain sentence."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text())
        self.message = message
