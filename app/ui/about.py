"""About: version, Qt and Python versions, and where settings, logs and the outbox live."""

from __future__ import annotations

import platform
import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app import APP_NAME, __version__
from app.paths import AppPaths
from app.settings import Settings


class AboutDialog(QDialog):
    """What support asks first: which version, which Qt, and where the files are."""

    def __init__(self, settings: Settings, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About %1").replace("%1", APP_NAME))
        text = QLabel(self)
        text.setObjectName("aboutText")
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setWordWrap(True)
        rows = [
            (self.tr("Version"), __version__),
            (self.tr("Qt"), f"{qVersion()} (PySide6 {pyside_version})"),
            (self.tr("Python"), f"{platform.python_version()} on {sys.platform}"),
            (self.tr("Settings"), settings.store.fileName()),
            (self.tr("Outbox"), str(paths.outbox_file)),
            (self.tr("Logs"), str(paths.log_dir)),
        ]
        body = "".join(
            f"<tr><td><b>{name}</b>&nbsp;&nbsp;</td><td>{value}</td></tr>" for name, value in rows
        )
        text.setText(
            f"<h3>{APP_NAME}</h3><p>"
            + self.tr("Manage Plandocket event participants and run check-in desks.")
            + f"</p><table>{body}</table>"
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    @classmethod
    def ask(cls, parent: QWidget, settings: Settings, paths: AppPaths) -> None:
        """Show the dialog until it is closed."""
        dialog = cls(settings, paths, parent)
        dialog.exec()
