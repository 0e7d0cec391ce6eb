"""What the window says beside an answer's rows, when anything: rows it could not read, no
invoices for the number just typed, or no PDF link on any of them (otherwise the first row
with a PDF is selected, and Enter opens it).

Imported with the first answer. The texts keep the window's translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from qvickly_desk.ui.message_area import MessageKind
from qvickly_desk.ui.row_problems import row_problem_message

if TYPE_CHECKING:
    from qvickly_desk.lookup_results import LookupResult
    from qvickly_desk.pno import IdentityNumber

__all__ = ["answer_note"]


def answer_note(
    result: LookupResult, identity: IdentityNumber | None
) -> tuple[MessageKind, str, str] | None:
    """``(kind, text, headline)`` for the message area, or None when the rows say it all.

    ``identity`` is the number the agent searched for, if the search was by number.
    """
    if result.row_errors:
        headline, text = row_problem_message(result.row_errors)
        return MessageKind.WARNING, text, headline
    if not result.invoices and identity is not None:
        # The agent has just typed the number and sees it: the window shows it whole and
        # formatted; only logs mask it.
        text = QCoreApplication.translate("MainWindow", "No invoices for %1.")
        return MessageKind.INFO, text.replace("%1", identity.display()), ""
    if result.invoices and all(invoice.pdf_url is None for invoice in result.invoices):
        text = QCoreApplication.translate("MainWindow", "None of these invoices has a PDF link.")
        return MessageKind.INFO, text, ""
    return None
