"""What a table cell says beyond its text: the tooltip, and what a screen reader reads where the
text is a symbol or blank. Asked for when a person hovers or an assistive tool reads, so it is
imported then, not at start-up. The texts keep the table model's translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from qvickly_desk.columns import (
    COL_BALANCE_DUE,
    COL_DUE_DATE,
    COL_INVOICE_DATE,
    COL_NAME,
    COL_PDF,
    COL_STATUS,
)
from qvickly_desk.invoice import Invoice
from qvickly_desk.ui.table_contents import PDF_TEXT

__all__ = ["cell_accessible_text", "cell_tooltip"]


def cell_tooltip(invoice: Invoice, texts: tuple[str, ...], overdue: int, column: int) -> str | None:
    """The tooltip of ``invoice``'s cell in ``column`` (its row shows ``texts``), if any."""
    if column == COL_PDF:
        link = invoice.pdf_url
        if link is not None:
            return link
        if invoice.link_problem == "missing":
            return QCoreApplication.translate("InvoiceTableModel", "No PDF link for this invoice")
        return QCoreApplication.translate(
            "InvoiceTableModel", "This link is not http or https and will not be opened"
        )
    if column == COL_STATUS and overdue:
        return (
            QCoreApplication.translate(
                "InvoiceTableModel", "Past its due date (%1) with %2 still to pay"
            )
            .replace("%1", texts[COL_DUE_DATE])
            .replace("%2", texts[COL_BALANCE_DUE])
        )
    if column == COL_NAME:  # the whole name, where the cell cuts it short
        return texts[COL_NAME] or None
    return None


def cell_accessible_text(texts: tuple[str, ...], overdue: int, column: int) -> str | None:
    """What a screen reader says for the cell in ``column`` of a row showing ``texts``."""
    text = texts[column]
    if column == COL_PDF:
        return (
            QCoreApplication.translate("InvoiceTableModel", "PDF available")
            if text == PDF_TEXT
            else QCoreApplication.translate("InvoiceTableModel", "No PDF")
        )
    if column in (COL_INVOICE_DATE, COL_DUE_DATE) and not text:
        return QCoreApplication.translate("InvoiceTableModel", "No date")
    if column == COL_STATUS and overdue:
        return text.replace(" · ", ", ")
    return None
