"""Messages shown next to the field they are about, from client checks and from 422 answers.

:class:`FieldErrors` maps the API's field names (``event_key``, ``customer_number``, ...)
to the widget that edits the value and the :class:`ErrorLabel` under it; whatever the API
names but no widget edits goes to a general label. A field shows the server's message until
the person edits it, then the client's own check takes over again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from app.resources import icon

_ICON_SIZE = 16


class ErrorLabel(QWidget):
    """A problem icon and a wrapped message under a field; hidden while there is no message."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self._icon = QLabel(self)
        self._icon.setObjectName(f"{object_name}_icon")
        self._icon.setPixmap(icon("problem").pixmap(_ICON_SIZE, _ICON_SIZE))
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self._icon.setFixedWidth(_ICON_SIZE)
        self._icon.setAccessibleName(self.tr("Problem"))
        self._text = QLabel(self)
        self._text.setObjectName(f"{object_name}_text")
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        palette = self._text.palette()
        palette.setColor(QPalette.ColorRole.WindowText, _error_colour(palette))
        self._text.setPalette(palette)
        layout.addWidget(self._icon)
        layout.addWidget(self._text, 1)
        self.setAccessibleName(self.tr("Problem"))
        self.setVisible(False)

    def message(self) -> str:
        """The message shown, or an empty string."""
        return self._text.text()

    def set_message(self, message: str) -> None:
        """Show ``message``; an empty one hides the label."""
        self._text.setText(message)
        self._text.setAccessibleName(message)
        self.setAccessibleDescription(message)
        self.setVisible(bool(message))


def _error_colour(palette: QPalette) -> QColor:
    """A red that stays readable on both light and dark themes."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ff8a80") if dark else QColor("#b3261e")


@dataclass
class _Field:
    widget: QWidget
    label: ErrorLabel
    client: str = ""
    server: str = ""
    aliases: tuple[str, ...] = field(default_factory=tuple)


class FieldErrors:
    """Which widget and label show the messages for which API field."""

    def __init__(self, general: ErrorLabel) -> None:
        self._general = general
        self._fields: dict[str, _Field] = {}
        self._by_alias: dict[str, _Field] = {}

    @property
    def general(self) -> ErrorLabel:
        """The label for messages that belong to no single field."""
        return self._general

    def bind(
        self, name: str, widget: QWidget, label: ErrorLabel, *, aliases: Iterable[str] = ()
    ) -> None:
        """Show messages for API field ``name`` (and its ``aliases``) under ``widget``."""
        entry = _Field(widget, label, aliases=tuple(aliases))
        self._fields[name] = entry
        for alias in (name, *entry.aliases):
            self._by_alias[alias] = entry

    def widget(self, name: str) -> QWidget | None:
        """The widget bound to an API field name (or alias)."""
        entry = self._by_alias.get(name)
        return entry.widget if entry else None

    def label(self, name: str) -> ErrorLabel:
        """The label that shows messages for an API field (the general one if unbound)."""
        entry = self._by_alias.get(name)
        return entry.label if entry else self._general

    def set_client(self, name: str, message: str) -> None:
        """The client-side check's verdict on a field ("" when fine)."""
        entry = self._fields[name]
        entry.client = message
        self._refresh(entry)

    def clear_server(self, name: str | None = None) -> None:
        """Forget the server's messages (for one field, or all including the general one)."""
        entries = [self._fields[name]] if name is not None else list(self._fields.values())
        for entry in entries:
            entry.server = ""
            self._refresh(entry)
        if name is None:
            self._general.set_message("")

    def has_server_messages(self) -> bool:
        """Whether a field still shows a message from the server."""
        return any(entry.server for entry in self._fields.values())

    def place(self, field_errors: Mapping[str, Sequence[str]]) -> QWidget | None:
        """Show each field's messages next to its widget; returns the first widget concerned.

        Messages for fields no widget edits are collected in the general label.
        """
        first: QWidget | None = None
        general: list[str] = []
        collected: dict[int, list[str]] = {}
        for name, messages in field_errors.items():
            texts = [message for message in messages if message]
            if not texts:
                continue
            entry = self._by_alias.get(name)
            if entry is None:
                general.extend(texts)
                continue
            collected.setdefault(id(entry), []).extend(texts)
            if first is None:
                first = entry.widget
        for entry in self._fields.values():
            found = collected.get(id(entry))
            if found:
                entry.server = "\n".join(dict.fromkeys(found))
                self._refresh(entry)
        if general:
            self._general.set_message("\n".join(dict.fromkeys(general)))
        return first

    def _refresh(self, entry: _Field) -> None:
        message = entry.server or entry.client
        entry.label.set_message(message)
        entry.widget.setAccessibleDescription(message)
