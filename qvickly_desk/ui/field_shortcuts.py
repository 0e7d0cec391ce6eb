"""The window's shortcuts win over a text field's own key bindings.

A line edit claims some keys for editing before any shortcut is tried: on Linux Ctrl+E is "end
of line", so Export was dead while the number or filter field had focus. Qt asks the focused
widget first with a ``ShortcutOverride`` event; this filter answers "not mine" for the window's
action shortcuts, so the action runs from every field. The field keeps the keys that edit its own
text (copy, cut, paste, select all, undo, redo): Ctrl+C in a field copies the field's text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QWidget

__all__ = ["FieldShortcuts"]

_FIELD_KEYS = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
)


class FieldShortcuts(QObject):
    """Watches the application's key events for ``window``'s text fields; see the module."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._kept: set[int] = set()
        for key in _FIELD_KEYS:
            for sequence in QKeySequence.keyBindings(key):
                self._kept.add(sequence[0].toCombined())  # type: ignore[index]  # stubs lack __getitem__
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # before the field's own filters and handler

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride:
            return False
        if not isinstance(watched, QLineEdit | QAbstractSpinBox):
            return False
        if watched.window() is not self._window or not isinstance(event, QKeyEvent):
            return False
        combined = event.keyCombination().toCombined()
        if combined in self._kept or not self._is_window_shortcut(combined):
            return False
        event.ignore()  # not the field's: Qt goes on to the window's shortcut
        return True

    def _is_window_shortcut(self, combined: int) -> bool:
        for action in self._window.actions():
            if not action.isEnabled():
                continue
            for sequence in action.shortcuts():
                first = sequence[0]  # type: ignore[index]  # as above
                if sequence.count() == 1 and first.toCombined() == combined:
                    return True
        return False
