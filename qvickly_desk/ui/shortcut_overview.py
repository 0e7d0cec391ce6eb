"""The keyboard overview (F1): every shortcut the window has, read from its actions.

The table is built from the window's actions each time it opens, so an action added later (a
search mode, a details pane) is listed as soon as it has a shortcut; a few keys that belong to a
widget rather than to an action (Enter, Esc, the Menu key) are added by name.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

__all__ = ["ShortcutOverview", "shortcut_rows"]

# Keys a widget handles itself, not an action: named here, translated when shown.
_WIDGET_KEYS = (
    (
        QT_TRANSLATE_NOOP("ShortcutOverview", "Search for the number typed"),
        QT_TRANSLATE_NOOP("ShortcutOverview", "Enter in the number field"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutOverview", "Open the selected invoice's PDF"),
        QT_TRANSLATE_NOOP("ShortcutOverview", "Enter in the table, double-click"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutOverview", "Open the only row the filter left"),
        QT_TRANSLATE_NOOP("ShortcutOverview", "Enter in the filter"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutOverview", "Cancel a running search"),
        QT_TRANSLATE_NOOP("ShortcutOverview", "Esc"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutOverview", "Menu for the current row"),
        QT_TRANSLATE_NOOP("ShortcutOverview", "Menu key, Shift+F10"),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutOverview", "Menus"),
        QT_TRANSLATE_NOOP("ShortcutOverview", "Alt and the underlined letter"),
    ),
)


def _plain(text: str) -> str:
    """A menu text as read aloud: no mnemonic ampersand, no trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(what it does, its keys) for every action of ``window`` with a shortcut, every described
    shortcut of its parts, then the keys the widgets handle themselves."""
    rows: list[tuple[str, str]] = []
    for action in window.actions():
        if not isinstance(action, QAction) or not action.shortcuts() or action.isSeparator():
            continue
        keys = ", ".join(
            sequence.toString(QKeySequence.SequenceFormat.NativeText)
            for sequence in action.shortcuts()
        )
        rows.append((_plain(action.text()), keys))
    # Keys that are shortcuts of a part of the window, not actions: listed when they say what
    # they do (their "what's this" text).
    for shortcut in window.findChildren(QShortcut):
        if shortcut.whatsThis() and not shortcut.key().isEmpty():
            keys = shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)
            rows.append((shortcut.whatsThis(), keys))
    rows += [(_translate(what), _translate(keys)) for what, keys in _WIDGET_KEYS]
    return rows


def _translate(text: object) -> str:
    return QCoreApplication.translate("ShortcutOverview", str(text))


class ShortcutOverview(QDialog):
    """A small window listing the shortcuts; closes with Esc or Enter."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcutOverview")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setObjectName("shortcutTable")
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        for row, (what, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(what))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        digit = self.fontMetrics().horizontalAdvance("0")
        self.resize(digit * 70, self.fontMetrics().height() * (len(rows) + 6) * 2)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
