"""Keep a window on the screen it opens on.

At 200 % scaling the default size, or a size saved on a bigger monitor, put the badge, Open PDF
and the summary off-screen: the window is shrunk to the screen's available area and moved in.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

__all__ = ["fit_to_screen"]


def fit_to_screen(window: QWidget) -> None:
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None or window.isMaximized() or window.isFullScreen():
        return
    room = screen.availableGeometry()
    width = min(window.width(), room.width())
    height = min(window.height(), room.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), room.left()), room.right() + 1 - frame.width())
    y = min(max(frame.y(), room.top()), room.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, room.left()), max(y, room.top()))
