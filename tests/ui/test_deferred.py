"""What the window sets up after its first paint runs before anyone can type, and only once."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from qvickly_desk.ui.deferred import before_first_key


def test_the_callback_runs_once_the_first_paint_has_gone_out_and_never_again(
    qtbot: QtBot,
) -> None:
    window = QLineEdit()
    qtbot.addWidget(window)
    calls: list[bool] = []
    before_first_key(window, lambda: calls.append(window.isVisible()))
    QApplication.processEvents()
    assert calls == []  # not before the window is shown
    window.show()
    qtbot.waitUntil(lambda: calls == [True])
    window.repaint()
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    QApplication.processEvents()
    assert calls == [True]


def test_a_window_activated_before_its_paint_gets_it_at_once(qtbot: QtBot) -> None:
    window = QLineEdit()
    qtbot.addWidget(window)
    calls: list[str] = []
    before_first_key(window, lambda: calls.append("ready"))
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert calls == ["ready"]  # the keyboard can reach it now: no waiting for the paint
