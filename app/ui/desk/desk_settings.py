"""The desk's settings: sound, confirm on Enter, result time, the plan's limit, kiosk PIN."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.budget import PLANS
from app.settings import (
    DESK_KIOSK_PIN_HASH,
    DESK_MUTED,
    DESK_PLAN,
    DESK_REQUIRE_ENTER,
    DESK_RESULT_SECONDS,
    Settings,
)
from app.ui.desk.pin_dialog import SetPinDialog


class DeskSettingsDialog(QDialog):
    """Edits the DESK_* settings; the desk applies them when the dialog is accepted."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskSettingsDialog")
        self.setWindowTitle(self.tr("Desk settings"))
        self._settings = settings
        self._pin_hash = settings.get(DESK_KIOSK_PIN_HASH)

        self.muted = QCheckBox(self.tr("&Mute sounds"), self)
        self.muted.setObjectName("deskSettingsMuted")
        self.muted.setChecked(settings.get(DESK_MUTED))
        self.require_enter = QCheckBox(self.tr("Check in only after &Enter is pressed"), self)
        self.require_enter.setObjectName("deskSettingsRequireEnter")
        self.require_enter.setToolTip(
            self.tr("A scan then shows who was found; a second Enter checks them in.")
        )
        self.require_enter.setChecked(settings.get(DESK_REQUIRE_ENTER))
        self.seconds = QSpinBox(self)
        self.seconds.setObjectName("deskSettingsSeconds")
        self.seconds.setRange(2, 60)
        self.seconds.setSuffix(self.tr(" s"))
        self.seconds.setValue(settings.get(DESK_RESULT_SECONDS))
        self.plan = QComboBox(self)
        self.plan.setObjectName("deskSettingsPlan")
        self.plan.addItem(self.tr("Standard: 1,000 requests per hour"), "standard")
        self.plan.addItem(self.tr("Professional: 5,000 requests per hour"), "professional")
        self.plan.addItem(self.tr("Enterprise: unlimited"), "enterprise")
        self.plan.setCurrentIndex(max(0, self.plan.findData(settings.get(DESK_PLAN))))
        self.pin_button = QPushButton(self._pin_text(), self)
        self.pin_button.setObjectName("deskSettingsPin")
        self.pin_button.clicked.connect(self._set_pin)
        for widget, name in (
            (self.muted, self.tr("Mute sounds")),
            (self.require_enter, self.tr("Check in only after Enter")),
            (self.seconds, self.tr("Seconds a result stays")),
            (self.plan, self.tr("Plandocket plan")),
            (self.pin_button, self.tr("Kiosk PIN")),
        ):
            widget.setAccessibleName(name)

        form = QFormLayout()
        form.addRow(self.muted)
        form.addRow(self.require_enter)
        form.addRow(self.tr("Result stays for:"), self.seconds)
        form.addRow(self.tr("Plandocket &plan:"), self.plan)
        form.addRow(self.tr("Kiosk PIN:"), self.pin_button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _pin_text(self) -> str:
        return self.tr("Change PIN…") if self._pin_hash else self.tr("Set PIN…")

    def _set_pin(self) -> None:
        new_hash = SetPinDialog.ask(self)
        if new_hash:
            self._pin_hash = new_hash
            self.pin_button.setText(self._pin_text())

    def accept(self) -> None:
        """Store the choices."""
        settings = self._settings
        settings.set(DESK_MUTED, self.muted.isChecked())
        settings.set(DESK_REQUIRE_ENTER, self.require_enter.isChecked())
        settings.set(DESK_RESULT_SECONDS, self.seconds.value())
        plan = str(self.plan.currentData())
        settings.set(DESK_PLAN, plan if plan in PLANS else "standard")
        settings.set(DESK_KIOSK_PIN_HASH, self._pin_hash)
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, settings: Settings) -> bool:
        """Show the dialog; True when the settings were changed."""
        dialog = cls(settings, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
