"""The chooser a name search opens: the matching customers, arrows and Enter to pick one.

It shows what an agent needs to confirm who is calling (name, address, postcode and city,
customer number, identity number), says how many matched, and lets the agent narrow the list by
typing. A model over the records (no widget per row) keeps 500 matches as quick to show as five;
every text is one safe plain line.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qvickly_desk.customers import CustomerRecord
from qvickly_desk.text import safe_text

__all__ = ["CustomerChooser", "CustomerModel"]

_DISPLAY = Qt.ItemDataRole.DisplayRole
_COLUMNS = 5
_MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


def _cells(record: CustomerRecord) -> tuple[str, ...]:
    address = " ".join(part for part in (record.address, record.address2) if part)
    place = " ".join(part for part in (record.postcode, record.postoffice) if part)
    identity = record.identity.display() if record.identity is not None else ""
    return tuple(
        safe_text(cell, 80)
        for cell in (record.name, address, place, record.customer_number, identity)
    )


class CustomerModel(QAbstractTableModel):
    """The records, their cells made once, narrowed by ``set_narrowing``."""

    def __init__(self, records: tuple[CustomerRecord, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records = records
        self._cells = [_cells(record) for record in records]
        self._folded = [" ".join(cells).casefold() for cells in self._cells]
        self._shown = list(range(len(records)))
        self._headers = (
            self.tr("Name"),
            self.tr("Address"),
            self.tr("Postcode and city"),
            self.tr("Customer number"),
            self.tr("Identity number"),
        )

    def set_narrowing(self, text: str) -> None:
        words = text.casefold().split()
        self.beginResetModel()
        self._shown = [
            position
            for position, folded in enumerate(self._folded)
            if all(word in folded for word in words)
        ]
        self.endResetModel()

    def total(self) -> int:
        return len(self._records)

    def record_at(self, row: int) -> CustomerRecord:
        return self._records[self._shown[row]]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> object:
        if role in (_DISPLAY, Qt.ItemDataRole.AccessibleTextRole) and index.isValid():
            return self._cells[self._shown[index.row()]][index.column()]
        return None


class CustomerChooser(QDialog):
    """Emits ``chosen`` with the picked record; opened window-modal, never blocking the caller."""

    chosen = Signal(object)  # CustomerRecord

    def __init__(
        self, name: str, records: tuple[CustomerRecord, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("customerChooser")
        self.setWindowTitle(self.tr("Choose the customer"))
        self._name = safe_text(name, 60)
        self.model = CustomerModel(records, self)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("chooserCount")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.narrow_edit = QLineEdit(self)
        self.narrow_edit.setObjectName("chooserNarrow")
        self.narrow_edit.setPlaceholderText(self.tr("Type to narrow: street, city, number…"))
        self.narrow_edit.setAccessibleName(self.tr("Narrow the customers"))
        self.narrow_edit.textChanged.connect(self._on_narrow_text_changed)
        self.narrow_edit.installEventFilter(self)

        self.table = QTableView(self)
        self.table.setObjectName("chooserTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        digit = self.fontMetrics().horizontalAdvance("0")
        for column, chars in ((1, 24), (2, 18), (3, 14), (4, 15)):
            self.table.setColumnWidth(column, chars * digit)
        self.table.doubleClicked.connect(self.accept)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addWidget(self.narrow_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(digit * 110, digit * 45)
        self._update_count()
        self._select_row(0)
        self.narrow_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_record(self) -> CustomerRecord | None:
        index = self.table.currentIndex()
        return self.model.record_at(index.row()) if index.isValid() else None

    def accept(self) -> None:
        record = self.current_record()
        if record is None:
            return  # nothing left after narrowing: stay open
        super().accept()
        self.chosen.emit(record)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrows and page keys in the narrowing field move through the list."""
        if (
            watched is self.narrow_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _MOVE_KEYS
        ):
            self.table.keyPressEvent(event)
            return True
        return super().eventFilter(watched, event)

    @Slot(str)
    def _on_narrow_text_changed(self, text: str) -> None:
        self.model.set_narrowing(text)
        self._update_count()
        self._select_row(0)

    def _select_row(self, row: int) -> None:
        if self.model.rowCount():
            self.table.selectRow(row)

    def _update_count(self) -> None:
        total = self.model.total()
        shown = self.model.rowCount()
        text = self.tr("%n customer(s) match “%1”. Arrows and Enter pick one.", "", total).replace(
            "%1", self._name
        )
        if shown != total:
            text += " " + self.tr("Showing %1.").replace("%1", str(shown))
        self.count_label.setText(text)
