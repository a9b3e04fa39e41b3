"""ProblemsPanel: the writes Plandocket refused, each to retry or discard by a person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.resources import icon
from app.store import Operation, OperationStateError, Outbox

if TYPE_CHECKING:
    from app.ui.outbox_sender import OutboxSender

_OP_ID_ROLE = Qt.ItemDataRole.UserRole
_PADDING = 6
_ICON_SIZE = 20

AnyIndex = QModelIndex | QPersistentModelIndex


class _ProblemDelegate(QStyledItemDelegate):
    """Draws an entry as the icon, the attempted change in bold, and the server's message.

    The display text (label and message on two lines) stays the item's text, so search,
    copy and screen readers get the same words the eye does.
    """

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        label, message = self._texts(index)
        opt.text = ""
        opt.icon = QIcon()
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = opt.rect.adjusted(_PADDING, _PADDING, -_PADDING, -_PADDING)
        icon("problem").paint(painter, QRect(rect.left(), rect.top(), _ICON_SIZE, _ICON_SIZE))
        text_rect = rect.adjusted(_ICON_SIZE + _PADDING, 0, 0, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(opt.palette.color(group, role))
        bold = QFont(opt.font)
        bold.setBold(True)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.setFont(bold)
        used = painter.boundingRect(text_rect, flags, label)
        painter.drawText(text_rect, flags, label)
        painter.setFont(opt.font)
        painter.drawText(text_rect.adjusted(0, used.height() + 2, 0, 0), flags, message)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        label, message = self._texts(index)
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QListWidget) else option.rect.width()
        text_width = max(100, width - _ICON_SIZE - 3 * _PADDING)
        bold = QFont(option.font)
        bold.setBold(True)
        bounds = QRect(0, 0, text_width, 10_000)
        flags = int(Qt.TextFlag.TextWordWrap)
        height = QFontMetrics(bold).boundingRect(bounds, flags, label).height()
        height += 2 + QFontMetrics(option.font).boundingRect(bounds, flags, message).height()
        return QSize(width, max(height, _ICON_SIZE) + 2 * _PADDING)

    @staticmethod
    def _texts(index: AnyIndex) -> tuple[str, str]:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        label, _, message = text.partition("\n")
        return label, message


class ProblemsPanel(QWidget):
    """The Problems list of one account: what was attempted and what the server said.

    Retry queues the selected entries again; Discard gives them up after a confirmation
    (the main window reverts their rows on ``discarded``). Keyboard: Enter retries the
    selection, Delete discards it.
    """

    discarded = Signal(object)  # Operation, once per operation taken out of the outbox
    retried = Signal(object)  # Operation, queued again
    count_changed = Signal(int)

    def __init__(self, outbox: Outbox, account: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._outbox = outbox
        self._account = account
        self._operations: list[Operation] = []
        self.setObjectName("problemsPanel")
        self.setAccessibleName(self.tr("Problems"))
        self._build_views()
        self._build_buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.stack, 1)
        layout.addLayout(self.button_row)

        # Shortcuts on the list only: Delete and Enter mean other things elsewhere.
        for keys, slot in (
            (QKeySequence(QKeySequence.StandardKey.Delete), self.discard_selected),
            (QKeySequence(Qt.Key.Key_Return), self.retry_selected),
            (QKeySequence(Qt.Key.Key_Enter), self.retry_selected),
        ):
            shortcut = QShortcut(keys, self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

        self.refresh()

    def _build_views(self) -> None:
        self.intro = QLabel(self)
        self.intro.setObjectName("problemsIntro")
        self.intro.setWordWrap(True)
        self.intro.setText(self.tr("Plandocket refused these changes. Retry them or discard them."))
        self.intro.setAccessibleName(self.tr("About the problems list"))

        self.list = QListWidget(self)
        self.list.setObjectName("problemsList")
        self.list.setAccessibleName(self.tr("Changes that need your attention"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Adjust: entries are laid out again on resize, so wrapped messages get new heights.
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setItemDelegate(_ProblemDelegate(self.list))
        self.list.itemSelectionChanged.connect(self._update_buttons)

        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("problemsEmptyLabel")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setText(
            self.tr("No problems. Every change was delivered or is on its way.")
        )
        self.empty_label.setAccessibleName(self.empty_label.text())

        self.stack = QStackedWidget(self)
        self.stack.setObjectName("problemsStack")
        self.stack.setAccessibleName(self.tr("Problems"))
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.empty_label)

    def _build_buttons(self) -> None:
        self.retry_button = self._button("problemsRetryButton", self.tr("&Retry"))
        self.retry_button.setToolTip(self.tr("Send the selected changes again (Enter)"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button = self._button("problemsDiscardButton", self.tr("&Discard…"))
        self.discard_button.setToolTip(self.tr("Give up the selected changes (Delete)"))
        self.discard_button.clicked.connect(self.discard_selected)
        self.retry_all_button = self._button("problemsRetryAllButton", self.tr("Retry &all"))
        self.retry_all_button.setToolTip(self.tr("Send every change in this list again"))
        self.retry_all_button.clicked.connect(self.retry_all)

        self.button_row = QHBoxLayout()
        self.button_row.addWidget(self.retry_button)
        self.button_row.addWidget(self.discard_button)
        self.button_row.addStretch(1)
        self.button_row.addWidget(self.retry_all_button)

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        return button

    # -- data --------------------------------------------------------------------------------

    @property
    def account(self) -> str:
        """The account whose problems are shown."""
        return self._account

    def set_account(self, account: str) -> None:
        """Show the problems of another account."""
        self._account = account
        self.refresh()

    @property
    def count(self) -> int:
        """How many problems are listed."""
        return len(self._operations)

    @property
    def operations(self) -> list[Operation]:
        """The listed operations, oldest first."""
        return list(self._operations)

    def connect_sender(self, sender: OutboxSender) -> None:
        """Refresh when the sender reports a problem; wake it when something is retried."""
        sender.problem.connect(self.refresh)
        self.retried.connect(sender.wake)
        self.discarded.connect(sender.wake)  # a discard may unblock later ops of its row

    def refresh(self) -> None:
        """Read the problems again, keeping the selection and the current entry."""
        selected = {op.op_id for op in self.selected_operations()}
        current = self.list.currentItem()
        current_id = current.data(_OP_ID_ROLE) if current is not None else None
        before = len(self._operations)
        self._operations = self._outbox.problems(self._account) if self._account else []
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for op in self._operations:
                item = self._item_for(op)
                self.list.addItem(item)
                if op.op_id in selected:
                    item.setSelected(True)
                if op.op_id == current_id:
                    self.list.setCurrentItem(item, QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self.list.blockSignals(False)
        self.stack.setCurrentWidget(self.list if self._operations else self.empty_label)
        self.intro.setVisible(bool(self._operations))
        self._update_buttons()
        if len(self._operations) != before:
            self.count_changed.emit(len(self._operations))

    def _item_for(self, op: Operation) -> QListWidgetItem:
        message = op.error_message or self.tr("Plandocket refused this change.")
        item = QListWidgetItem(icon("problem"), f"{op.label}\n{message}")
        item.setData(_OP_ID_ROLE, op.op_id)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{op.label}. {message}")
        tooltip = [op.label, message]
        for name, messages in op.error_fields.items():
            tooltip.extend(f"{name}: {text}" for text in messages)
        if op.error_details:
            tooltip.append(op.error_details)
        item.setToolTip("\n".join(tooltip))
        return item

    def selected_operations(self) -> list[Operation]:
        """The selected entries, in list order."""
        wanted = {item.data(_OP_ID_ROLE) for item in self.list.selectedItems()}
        return [op for op in self._operations if op.op_id in wanted]

    def _update_buttons(self) -> None:
        has_selection = bool(self.list.selectedItems())
        self.retry_button.setEnabled(has_selection)
        self.discard_button.setEnabled(has_selection)
        self.retry_all_button.setEnabled(bool(self._operations))

    # -- actions -----------------------------------------------------------------------------

    def retry_selected(self) -> None:
        """Queue the selected entries again."""
        self._retry(self.selected_operations())

    def retry_all(self) -> None:
        """Queue every entry again."""
        self._retry(list(self._operations))

    def _retry(self, operations: list[Operation]) -> None:
        if not operations:
            return
        row = self.list.currentRow()
        retried: list[Operation] = []
        for op in operations:
            try:
                retried.append(self._outbox.retry_problem(op.op_id))
            except OperationStateError:
                continue  # no longer a problem (retried elsewhere meanwhile)
        self.refresh()
        self._select_near(row)
        for op in retried:
            self.retried.emit(op)

    def discard_selected(self) -> None:
        """Give up the selected entries, after asking."""
        operations = self.selected_operations()
        if not operations or not self.ask_discard(self, operations):
            return
        row = self.list.currentRow()
        discarded: list[Operation] = []
        for op in operations:
            try:
                discarded.extend(self._outbox.discard(op.op_id))
            except OperationStateError:
                continue  # already discarded with its add, or retried meanwhile
        self.refresh()
        self._select_near(row)
        for op in discarded:
            self.discarded.emit(op)

    def _select_near(self, row: int) -> None:
        """Keep the keyboard where it was: select the entry that took the old one's place."""
        if self.list.count() == 0:
            return
        row = min(max(row, 0), self.list.count() - 1)
        self.list.setCurrentRow(row)

    @classmethod
    def ask_discard(cls, parent: QWidget, operations: list[Operation]) -> bool:
        """Whether the person really wants to give these changes up (tests replace this)."""
        translate = QCoreApplication.translate
        if len(operations) == 1:
            text = translate("ProblemsPanel", "Discard this change?\n\n{label}").format(
                label=operations[0].label
            )
        else:
            text = translate("ProblemsPanel", "Discard {count} changes?").format(
                count=len(operations)
            )
        informative = translate(
            "ProblemsPanel", "They will not be sent to Plandocket; the table shows the old state."
        )
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("ProblemsPanel", "Discard changes"),
            text,
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            parent,
        )
        box.setObjectName("problemsDiscardConfirmation")
        box.setAccessibleName(translate("ProblemsPanel", "Discard changes"))
        box.setInformativeText(informative)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Discard
