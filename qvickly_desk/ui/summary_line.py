"""The line under the table: counts and the balance of the invoices shown, and of all of them.

An agent reading "overdue" while 866 of 3,000 rows are shown means the 866, so with a filter the
line totals the rows shown beside those of the whole answer.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLabel, QWidget

from qvickly_desk.formatting import format_amount
from qvickly_desk.invoice import Summary
from qvickly_desk.ui.invoice_model import InvoiceTableModel

__all__ = ["SummaryLine"]


class SummaryLine(QLabel):
    """Shows "Searching…", or the totals of the model's invoices."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summary")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_searching(self) -> None:
        self.setText(self.tr("Searching…"))

    def show_totals(self, model: InvoiceTableModel, language: str) -> None:
        """The model's totals (worked out once per answer); with a filter, those of the rows
        shown too."""
        if not model.invoices():
            self.setText("")
            return
        every = model.summary()
        count = (
            every.invoice_count
        )  # a plain name: the catalogue tool reads no attribute as the count
        shown = model.rowCount()
        if shown == every.invoice_count:
            text = " · ".join([self.tr("%n invoice(s)", "", count), *self._totals(every, language)])
        else:
            number = QLocale().toString  # the UI language's, as %Ln in the texts above
            head = self.tr("Showing %1 of %2").replace("%1", number(shown))
            head = head.replace("%2", number(every.invoice_count))
            text = " · ".join([head, *self._totals(model.shown_summary(), language)])
            text += " — " + self.tr("all: %1").replace(
                "%1", " · ".join(self._totals(every, language))
            )
        self.setText(text)

    def _totals(self, summary: Summary, language: str) -> list[str]:
        open_count, overdue_count = (
            summary.open_count,
            summary.overdue_count,
        )  # plain names, as above
        return [
            self.tr("%n open", "", open_count),
            self.tr("%n overdue", "", overdue_count),
            self.tr("Balance due %1").replace("%1", format_amount(summary.balance_due, language)),
        ]
