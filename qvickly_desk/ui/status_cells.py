"""The status a table cell shows: the distributor's status word (or the invoice's own) in the UI
language, through the installed translator; a word the service adds later is shown as it comes.

``QCoreApplication.translate`` is thread-safe, so the lookup thread makes these too.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

__all__ = ["status_cell_label"]

_STATUS_LABELS = {
    "Created": QT_TRANSLATE_NOOP("InvoiceStatus", "Created"),
    "Sent": QT_TRANSLATE_NOOP("InvoiceStatus", "Sent"),
    "Paid": QT_TRANSLATE_NOOP("InvoiceStatus", "Paid"),
    "Cancelled": QT_TRANSLATE_NOOP("InvoiceStatus", "Cancelled"),
    "Factoring": QT_TRANSLATE_NOOP("InvoiceStatus", "Factoring"),
    "PartPayment": QT_TRANSLATE_NOOP("InvoiceStatus", "Part payment"),
    "Handling": QT_TRANSLATE_NOOP("InvoiceStatus", "Handling"),
    "eFakturaSent": QT_TRANSLATE_NOOP("InvoiceStatus", "E-invoice sent"),
}


def status_cell_label(distributor_status: str, status: str) -> str:
    """The status people recognise: the distributor's (Sent, Paid, ...), else the invoice's own."""
    raw = distributor_status or status
    label = _STATUS_LABELS.get(raw)
    return QCoreApplication.translate("InvoiceStatus", str(label)) if label else raw
