"""The window's shortcuts beat a field's bindings without a Python filter on every event."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qvickly_desk.ui.field_shortcuts import FieldShortcuts
from qvickly_desk.ui.main_window import MainWindow


class CountingShortcuts(FieldShortcuts):
    def __init__(self, window: MainWindow) -> None:
        self.seen: list[QObject] = []
        super().__init__(window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.seen.append(watched)
        return super().eventFilter(watched, event)


def test_only_the_focused_fields_events_go_through_python(qtbot: QtBot, window: MainWindow) -> None:
    """An application-wide filter in Python is called for every event of every widget; while
    the lookup thread parses an answer each call waits for the interpreter, and the window
    stalls. Only the field with the focus, where the shortcut question is asked, is watched."""
    shortcuts = CountingShortcuts(window)
    seen = shortcuts.seen
    number, table = window.search_bar.number_edit, window.table.viewport()
    number.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(number.hasFocus)
    for _ in range(20):
        QApplication.sendEvent(table, QEvent(QEvent.Type.User))
    assert seen == []
    qtbot.keyClick(number, Qt.Key.Key_5)
    assert seen and set(seen) == {number}
    window.filter_edit.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(window.filter_edit.hasFocus)
    seen.clear()
    qtbot.keyClick(number, Qt.Key.Key_6)  # the field left: no longer watched
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_7)
    assert number not in seen and window.filter_edit in seen
    shortcuts.stop()
