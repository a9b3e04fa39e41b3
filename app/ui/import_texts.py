"""The CSV import's sentences in the person's language: messages, outcomes, numbers."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from app.office.import_messages import CONTEXT, Message
from app.office.import_results import RowOutcome


def message_text(message: Message) -> str:
    """A Qt-free module's message, translated, with numbers in the locale's format."""
    # The templates are marked with QT_TRANSLATE_NOOP("CsvImport", ...) where they are
    # defined, so lupdate has collected them; here they are only looked up.
    return message.render(lambda template: QCoreApplication.translate(CONTEXT, template), number)


def number(value: int) -> str:
    """1234 → "1,234" (or "1.234" in German)."""
    return QLocale().toString(value)


def outcome_label(outcome: RowOutcome) -> str:
    """What the report's Result column says for an outcome."""
    labels = {
        RowOutcome.ADDED: QCoreApplication.translate("ImportResult", "Added"),
        RowOutcome.ALREADY: QCoreApplication.translate(
            "ImportResult", "Already participating (skipped)"
        ),
        RowOutcome.INVALID: QCoreApplication.translate("ImportResult", "Invalid"),
        RowOutcome.REFUSED: QCoreApplication.translate("ImportResult", "Refused by Plandocket"),
        RowOutcome.QUEUED: QCoreApplication.translate(
            "ImportResult", "Queued, will be sent when the connection is back"
        ),
        RowOutcome.CANCELLED: QCoreApplication.translate("ImportResult", "Not sent (cancelled)"),
        RowOutcome.WAITING: QCoreApplication.translate("ImportResult", "Not sent yet"),
        RowOutcome.SENDING: QCoreApplication.translate("ImportResult", "Sending…"),
    }
    return labels[outcome]


def yes_no(value: bool) -> str:
    """The confirmation of a row as the report shows it."""
    if value:
        return QCoreApplication.translate("ImportResult", "Yes")
    return QCoreApplication.translate("ImportResult", "No")
