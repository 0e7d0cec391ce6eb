"""The dialog that lists unexpected errors; opened by :class:`~qvickly_desk.ui.crash.CrashReporter`.

Kept apart from the reporter so that the window's start-up imports none of its widget classes:
the reporter is installed at every start, the dialog is needed only when something goes wrong.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from qvickly_desk.ui.crash_report import MAX_ENTRIES, CrashEntry, details_text

__all__ = ["CrashDialog"]


class CrashDialog(QDialog):
    """Lists the unexpected errors since it opened; non-modal, so the window goes on working."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Something went wrong"))
        self.setModal(False)
        self._entries: list[CrashEntry] = []
        self._others = 0

        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size)
        )
        headline = QLabel(self.tr("Something went wrong"), self)
        headline.setObjectName("crashHeadline")
        headline.setTextFormat(Qt.TextFormat.PlainText)
        font = headline.font()
        font.setBold(True)
        headline.setFont(font)
        explanation = QLabel(
            self.tr(
                "Qvickly Desk ran into an error it did not expect. It is still running, so you "
                "can go on working. If this happens again, copy the details and send them to "
                "support: they say where in the program it happened, with personal numbers "
                "masked and no secret key."
            ),
            self,
        )
        explanation.setWordWrap(True)
        explanation.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.addWidget(headline)
        words.addWidget(explanation)
        top.addLayout(words, 1)

        self.error_list = QListWidget(self)
        self.error_list.setObjectName("crashErrors")
        self.error_list.setAccessibleName(self.tr("Errors"))
        self.error_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)

        self.details_edit = QPlainTextEdit(self)
        self.details_edit.setObjectName("crashDetails")
        self.details_edit.setAccessibleName(self.tr("Details"))
        self.details_edit.setReadOnly(True)
        self.details_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details_edit.hide()

        buttons = QDialogButtonBox(self)
        self.details_button = QPushButton(self.tr("Show &details"), self)
        self.details_button.setCheckable(True)
        self.details_button.setAutoDefault(False)
        self.details_button.toggled.connect(self._on_details_toggled)
        self.copy_button = QPushButton(self.tr("&Copy details"), self)
        self.copy_button.setAutoDefault(False)
        self.copy_button.setToolTip(self.tr("Copy the details for support to the clipboard"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error_list)
        layout.addWidget(self.details_edit, 1)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("0") * 70, self.sizeHint().height())

    def entries(self) -> list[CrashEntry]:
        return list(self._entries)

    def others(self) -> int:
        """Different errors that came after the list was full."""
        return self._others

    def add(self, entry: CrashEntry, times: int = 1) -> None:
        """A new error gets a line; the same error again only counts up."""
        for row, existing in enumerate(self._entries):
            if existing.key == entry.key:
                existing.count += times
                self.error_list.item(row).setText(self._line(existing))
                break
        else:
            if len(self._entries) < MAX_ENTRIES:
                entry.count = times
                self._entries.append(entry)
                self.error_list.insertItem(len(self._entries) - 1, self._line(entry))
            else:
                self._others += 1
                if self.error_list.count() == MAX_ENTRIES:
                    self.error_list.addItem("")
                self.error_list.item(MAX_ENTRIES).setText(
                    self.tr("%n more different error(s)", "", self._others)
                )
        if self.details_edit.isVisible():
            self.details_edit.setPlainText(self.details())

    def details(self) -> str:
        return details_text(self._entries, self._others)

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details())

    @Slot(bool)
    def _on_details_toggled(self, shown: bool) -> None:
        if shown:
            self.details_edit.setPlainText(self.details())
        self.details_edit.setVisible(shown)
        self.details_button.setText(self.tr("Hide &details") if shown else self.tr("Show &details"))
        if shown:
            self.resize(self.width(), max(self.height(), self.sizeHint().height() * 2))

    def _line(self, entry: CrashEntry) -> str:
        if entry.count == 1:
            return entry.summary
        return entry.summary + " " + self.tr("(%n times)", "", entry.count)
