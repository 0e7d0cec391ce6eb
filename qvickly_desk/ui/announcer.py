"""Says what happened to a screen reader: a search's result, a failure, a message shown.

Qt widgets have no live region; an announcement event on the widget that changed is what
AT-SPI, UI Automation and VoiceOver read out without moving focus. Errors interrupt (assertive),
results wait for the reader to finish (polite). The last announcement is kept, so it can be
checked without an assistive technology running.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

__all__ = ["Announcer"]


class Announcer(QObject):
    """Announces through the accessibility bridge; ``announced`` carries each text."""

    announced = Signal(str, bool)  # the text, whether it interrupts (an error)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last = ""

    def announce(self, source: QObject, text: str, *, urgent: bool = False) -> None:
        """Read ``text`` out as coming from ``source`` (the message area, the summary)."""
        text = text.strip()
        if not text:
            return
        self.last = text
        event = QAccessibleAnnouncementEvent(source, text)
        politeness = QAccessible.AnnouncementPoliteness
        event.setPoliteness(politeness.Assertive if urgent else politeness.Polite)
        QAccessible.updateAccessibility(event)
        self.announced.emit(text, urgent)
