"""The lookups the window can run, one function each, as jobs for the lookup thread.

Each returns a :data:`~qvickly_desk.ui.worker.LookupJob`: the core call plus whatever preparing
its answer for the screen needs, so that work too runs off the GUI thread. Another way to search
(by invoice number, customer number or name) is another function here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from qvickly_desk.pno import IdentityNumber
from qvickly_desk.status import StatusChoice
from qvickly_desk.ui.table_contents import TableContents, prepare_table_contents
from qvickly_desk.ui.worker import JobContext, LookupJob

if TYPE_CHECKING:
    from qvickly_desk.client import LookupResult  # not at run time: it imports requests

__all__ = ["InvoiceAnswer", "invoices_by_identity"]


@dataclass(frozen=True)
class InvoiceAnswer:
    """The service's answer and the table contents prepared from it."""

    result: LookupResult
    contents: TableContents


def invoices_by_identity(
    identity: IdentityNumber, status: StatusChoice, language: str
) -> LookupJob:
    """getInvoicesByPno for one customer; the rows are prepared in the window's ``language``.

    For a large customer preparing the rows is most of the work between the answer and the rows on
    screen, and here it runs while the window keeps painting.
    """

    def job(context: JobContext) -> InvoiceAnswer:
        credentials = context.services.credentials().load()
        result = context.services.client().get_invoices_by_pno(
            credentials, identity, status, on_retry=context.report_retry
        )
        contents = prepare_table_contents(
            result.invoices, date.today(), language, should_stop=context.should_stop
        )
        return InvoiceAnswer(result, contents)

    return job
