"""Every text the interface shows goes through Qt's translation: none is a bare literal.

A static check over the interface code: a string literal (or f-string) with letters in it,
handed straight to a method or widget that shows text, is a text a German user would see
in English. Texts must come from ``self.tr(...)`` / ``QCoreApplication.translate(...)``.
The runtime check (test_pseudo_translation.py) catches what this one cannot see.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The interface: windows, dialogs, and the composition root that shows message boxes.
INTERFACE = [*sorted((ROOT / "app" / "ui").rglob("*.py")), ROOT / "app" / "application.py"]

# Methods whose arguments are shown to the user.
TEXT_METHODS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setStatusTip",
    "setWhatsThis",
    "setPlaceholderText",
    "setAccessibleName",
    "setAccessibleDescription",
    "setTitle",
    "setLabelText",
    "setInformativeText",
    "setDetailedText",
    "setSpecialValueText",
    "setSuffix",
    "setPrefix",
    "setFormat",
    "showMessage",
    "addAction",
    "addMenu",
    "addItem",
    "addItems",
    "insertItem",
    "addTab",
    "addRow",
    "addButton",
    "setTabText",
    "setHeaderLabels",
    "setHorizontalHeaderLabels",
    "information",
    "warning",
    "critical",
    "question",
    "getText",
    "getOpenFileName",
    "getSaveFileName",
    "getExistingDirectory",
}
# Widgets and objects whose constructor takes a visible text.
TEXT_CLASSES = {
    "QLabel",
    "QPushButton",
    "QToolButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "QMenu",
    "QDockWidget",
    "QToolBar",
    "QMessageBox",
    "QCommandLinkButton",
}


# Methods whose last argument (when there are two or more) is data, not text.
DATA_LAST = {"addItem", "insertItem"}
SHOWN_KEYWORDS = {"text", "title", "label", "caption", "toolTip", "placeholderText"}
# Loggers take English on purpose: log files are read by support, not shown.
LOGGERS = {"log", "logger", "logging"}
_TAG = re.compile(r"<[^>]*>")


def _shows_letters(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(ch.isalpha() for ch in _TAG.sub("", node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_shows_letters(part) for part in node.values)
    if isinstance(node, ast.BinOp):  # "a" + x
        return _shows_letters(node.left) or _shows_letters(node.right)
    return False


def _called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _is_logging(call: ast.Call) -> bool:
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in LOGGERS
    )


def bare_texts(source: str) -> list[str]:
    """``line: call(literal)`` for every literal the code shows without translation."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or _is_logging(node):
            continue
        name = _called_name(node)
        if name not in TEXT_METHODS and name not in TEXT_CLASSES:
            continue
        positional = node.args
        if name in DATA_LAST and len(positional) >= 2:
            positional = positional[:-1]  # addItem(text, data): the data is not shown
        arguments = [*positional, *(k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS)]
        found += [
            f"{node.lineno}: {name}({ast.unparse(argument)[:70]})"
            for argument in arguments
            if _shows_letters(argument)
        ]
    return found


def test_the_check_finds_bare_texts():
    """The check itself must be able to fail."""
    source = (
        'label.setText("Hello")\n'
        'box = QLabel(f"{n} rows")\n'
        'menu.addAction("Quit" + suffix)\n'
        'label.setText(self.tr("Translated"))\n'
        'label.setText(f"<b>{count}</b>")\n'
        'log.warning("for support: %s", detail)\n'
        'combo.addItem(self.tr("Standard"), "standard")\n'
        'combo.addItem("Standard", "standard")\n'
        'QPushButton(text="Go")\n'
    )
    assert [line.split(":")[0] for line in bare_texts(source)] == ["1", "2", "3", "8", "9"]


@pytest.mark.parametrize("path", INTERFACE, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_visible_text_is_a_bare_literal(path):
    assert bare_texts(path.read_text(encoding="utf-8")) == []
