"""The row between the messages and the table: the quick filter and the Open PDF button.

Its texts keep the window's translation context (they were the window's own).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from qvickly_desk.ui.deferred import clear_button_with_first_text

__all__ = ["FilterRow"]

_FILTER_WIDTH_CHARS = 36  # wide enough for a name, narrow enough to leave the button its place


class FilterRow(QHBoxLayout):
    """``filter_edit`` (Ctrl+F; a clear button once it holds text) and ``open_pdf_button``."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__()
        label = QLabel(QCoreApplication.translate("MainWindow", "F&ilter:"), parent)
        self.filter_edit = QLineEdit(parent)
        self.filter_edit.setObjectName("quickFilter")
        self.filter_edit.setPlaceholderText(
            QCoreApplication.translate("MainWindow", "Number, name or status")
        )
        self.filter_edit.setAccessibleName(QCoreApplication.translate("MainWindow", "Quick filter"))
        self.filter_edit.setToolTip(
            QCoreApplication.translate(
                "MainWindow", "Show only invoices containing this text (Ctrl+F)"
            )
        )
        clear_button_with_first_text(self.filter_edit)
        width = parent.fontMetrics().horizontalAdvance("0") * _FILTER_WIDTH_CHARS
        self.filter_edit.setMaximumWidth(width)
        label.setBuddy(self.filter_edit)
        self.open_pdf_button = QPushButton(
            QCoreApplication.translate("MainWindow", "&Open PDF"), parent
        )
        self.open_pdf_button.setObjectName("openPdfButton")
        self.open_pdf_button.setAutoDefault(False)
        self.addWidget(label)
        self.addWidget(self.filter_edit, 1)
        self.addStretch(1)
        self.addWidget(self.open_pdf_button)
