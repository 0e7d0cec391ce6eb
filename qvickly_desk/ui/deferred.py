"""Widget features the first paint does not need, switched on when they are first used.

The window has to appear quickly; whatever only matters once someone interacts is set up then.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QLineEdit, QToolButton, QWidget

__all__ = ["after_first_paint", "before_first_key", "clear_button_with_first_text"]


class _FirstMoment(QObject):
    """Watches one widget's own events (a few dozen until it is painted, not the application's)
    and calls back once: when its first paint has gone out or, with ``at_activation``, when it
    is first activated if that comes sooner (the keyboard can reach it then)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None], at_activation: bool) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        self._at_activation = at_activation
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.WindowActivate and self._at_activation:
            self._run()
        elif kind == QEvent.Type.Paint:
            QTimer.singleShot(0, self._run)  # once this paint has gone out
        return False

    def _run(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            parent = self.parent()
            if isinstance(parent, QObject):
                parent.removeEventFilter(self)
            callback()


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` once ``widget`` has been painted for the first time and the paint has
    gone out, on its thread: work that can wait, waits until the person sees the window."""
    _FirstMoment(widget, callback, at_activation=False)


def clear_button_with_first_text(edit: QLineEdit) -> None:
    """Give ``edit`` its clear button when it first holds text.

    The button only shows while there is text, so nothing looks different; but the first
    ``setClearButtonEnabled`` looks up the style's clear icon, 6-11 ms of the start-up.
    """

    def enable(text: str) -> None:
        if text:
            edit.textChanged.disconnect(enable)
            edit.setClearButtonEnabled(True)
            name = QCoreApplication.translate("ClearButton", "Clear the field")
            for button in edit.findChildren(QToolButton):  # a screen reader says what it does
                button.setAccessibleName(name)
                button.setToolTip(name)

    edit.textChanged.connect(enable)


def before_first_key(window: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` once, just after ``window``'s first paint has gone out, or when it is
    first activated if that comes sooner: before anyone can type into it, after they see it."""
    _FirstMoment(window, callback, at_activation=True)
