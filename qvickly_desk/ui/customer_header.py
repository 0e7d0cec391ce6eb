"""The line above the table that says whose invoices these are.

Name, identity number, customer number where known, how many invoices and which statuses were
asked for. It stays put while the agent edits the field; once the field no longer holds what was
searched, it says so ("earlier search"), so the previous caller's invoices are never taken for the
next one's. All service text is shown as plain text, one safe line. It always takes one line, so
that the table below never moves: where the window is too narrow for the whole text, the end is
cut with "…" and the whole text is the tooltip (and what a screen reader reads).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from qvickly_desk.status import StatusChoice
from qvickly_desk.text import safe_text

if TYPE_CHECKING:  # the lookup jobs (and the parsers they use) come with the first search
    from qvickly_desk.ui.lookup_jobs import CustomerSubject

__all__ = ["CustomerHeader"]

_STYLE = """
QLabel#customerHeader { font-weight: bold; padding: 2px 0; }
QLabel#customerHeader[stale="true"] { font-weight: normal; font-style: italic; color: #5c3d00; }
"""


class CustomerHeader(QLabel):
    """``show_subject`` after an answer; ``set_stale`` when the field moves on; ``clear``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerHeader")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(_STYLE)
        # Its width follows the window, never the text's: a narrow window cuts the text instead.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._line = ""  # the whole text; what shows may be cut to the width
        self._subject: CustomerSubject | None = None
        self._count = 0
        self._stale = False
        # Its line is kept while empty, so that the table below does not move with every
        # search (cleared at the search, filled by the answer): a move repaints the window.
        self.ensurePolished()
        self.setFixedHeight(self.fontMetrics().lineSpacing() + 4)

    @property
    def subject(self) -> CustomerSubject | None:
        return self._subject

    def is_stale(self) -> bool:
        return self._stale

    def full_text(self) -> str:
        """The whole line, also where the window is too narrow to show all of it."""
        return self._line

    def show_subject(self, subject: CustomerSubject, count: int) -> None:
        self._subject, self._count, self._stale = subject, count, False
        self._render()

    def clear(self) -> None:
        self._subject = None
        self._show_stale(False)
        self._show_line("")

    def set_stale(self, stale: bool) -> None:
        """Mark the shown invoices as belonging to the earlier search (or not any more)."""
        if self._subject is None or stale == self._stale:
            return
        self._stale = stale
        self._render()

    def _statuses(self, status: StatusChoice) -> str:
        if status.sent and status.paid:
            return self.tr("Sent and paid")
        return self.tr("Sent only") if status.sent else self.tr("Paid only")

    def _render(self) -> None:
        subject = self._subject
        if subject is None:
            return
        parts = [safe_text(subject.name, 80) if subject.name else self.tr("Unknown name")]
        if subject.identity is not None:
            parts.append(subject.identity.display())
        if subject.customer_number:
            parts.append(
                self.tr("customer %1").replace("%1", safe_text(subject.customer_number, 64))
            )
        if self._count:
            parts.append(self.tr("%n invoice(s)", "", self._count))
        else:
            parts.append(self.tr("no invoices"))
        parts.append(self.tr("asked for: %1").replace("%1", self._statuses(subject.status)))
        text = " · ".join(parts)
        if self._stale:
            searched = safe_text(subject.searched, 60)
            text = (
                self.tr("Earlier search (%1): %2 — press Enter to search the field")
                .replace("%1", searched)
                .replace("%2", text)
            )
        self._show_stale(self._stale)
        self._show_line(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_line()

    def _show_line(self, text: str) -> None:
        self._line = text
        self.setAccessibleName(text)
        self._fit_line()

    def _fit_line(self) -> None:
        """Show the line cut to the width, with the whole of it as the tooltip when cut."""
        width = self.contentsRect().width()
        line = self._line
        shown = line
        if line and width > 0:
            shown = self.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight, width)
        self.setToolTip(line if shown != line else "")
        if shown != self.text():
            self.setText(shown)

    def _show_stale(self, stale: bool) -> None:
        """Restyle only when the look changes: a polish changes the font, and the layout runs."""
        self._stale = stale
        value = "true" if stale else "false"
        if self.property("stale") != value:
            self.setProperty("stale", value)
            self.style().unpolish(self)
            self.style().polish(self)
