"""The window's shortcuts win over a text field's own key bindings.

A line edit claims some keys for editing before any shortcut is tried: on Linux Ctrl+E is "end
of line", so Export was dead while the number or filter field had focus. Qt asks the focused
widget first with a ``ShortcutOverride`` event; this filter answers "not mine" for the window's
action shortcuts, so the action runs from every field. The field keeps the keys that edit its own
text (copy, cut, paste, select all, undo, redo): Ctrl+C in a field copies the field's text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Slot
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
    """Watches the key events of ``window``'s focused text field; see the module.

    The filter sits on the field that has the focus, never on the whole application: an
    application-wide filter written in Python is called for every event of every widget, and
    while the lookup thread runs Python each of those calls waits for the interpreter (up to
    5 ms each), which made the window stall for 20-60 ms while an answer was being parsed.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._kept: set[int] = set()
        self._watched: QWidget | None = None
        for key in _FIELD_KEYS:
            for sequence in QKeySequence.keyBindings(key):
                self._kept.add(sequence[0].toCombined())  # type: ignore[index]  # stubs lack __getitem__
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
            self._on_focus_changed(None, app.focusWidget())

    def stop(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._on_focus_changed)
        self._watch(None)

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        field = isinstance(new, QLineEdit | QAbstractSpinBox) and new.window() is self._window
        self._watch(new if field else None)

    def _watch(self, field: QWidget | None) -> None:
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched.destroyed.disconnect(self._on_watched_destroyed)
        self._watched = field
        if field is not None:
            field.installEventFilter(self)  # before the field's own handler
            field.destroyed.connect(self._on_watched_destroyed)

    @Slot()
    def _on_watched_destroyed(self) -> None:
        self._watched = None

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
