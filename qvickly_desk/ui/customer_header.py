"""The line above the table that says whose invoices these are.

Name, identity number, customer number where known, how many invoices and which statuses were
asked for. It stays put while the agent edits the field; once the field no longer holds what was
searched, it says so ("earlier search"), so the previous caller's invoices are never taken for the
next one's. All service text is shown as plain text, one safe line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

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
        self.setWordWrap(True)
        self._subject: CustomerSubject | None = None
        self._count = 0
        self._stale = False
        # Its line is kept while empty, so that the table below does not move with every
        # search (cleared at the search, filled by the answer): a move repaints the window.
        self.ensurePolished()
        self.setMinimumHeight(self.fontMetrics().lineSpacing() + 4)

    @property
    def subject(self) -> CustomerSubject | None:
        return self._subject

    def is_stale(self) -> bool:
        return self._stale

    def show_subject(self, subject: CustomerSubject, count: int) -> None:
        self._subject, self._count, self._stale = subject, count, False
        self._render()

    def clear(self) -> None:
        self._subject = None
        self._show_stale(False)
        self.setText("")
        self.setAccessibleName("")

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
        self.setText(text)
        self.setAccessibleName(text)

    def _show_stale(self, stale: bool) -> None:
        """Restyle only when the look changes: a polish changes the font, and the layout runs."""
        self._stale = stale
        value = "true" if stale else "false"
        if self.property("stale") != value:
            self.setProperty("stale", value)
            self.style().unpolish(self)
            self.style().polish(self)
