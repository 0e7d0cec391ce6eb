"""The lookups the window can run, one function each, as jobs for the lookup thread.

Each returns a :data:`~qvickly_desk.ui.worker.LookupJob`: the core call plus whatever preparing
its answer for the screen needs, so that work too runs off the GUI thread. Another way to search
(by invoice number, customer number or name) is another function here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from qvickly_desk.customers import CustomerRecord
from qvickly_desk.details import InvoiceDetails
from qvickly_desk.invoice import Invoice
from qvickly_desk.pno import IdentityNumber
from qvickly_desk.status import StatusChoice
from qvickly_desk.ui.table_contents import (
    UNSORTED,
    RowOrder,
    TableContents,
    prepare_table_contents,
)
from qvickly_desk.ui.worker import JobContext, LookupJob

if TYPE_CHECKING:
    from qvickly_desk.client import LookupResult  # not at run time: it imports requests
    from qvickly_desk.lookup_results import CustomerMatches

__all__ = [
    "CustomerSubject",
    "InvoiceAnswer",
    "NameAnswer",
    "customers_by_name",
    "invoices_by_customer_number",
    "invoices_by_identity",
    "invoices_by_invoice_number",
    "invoices_for_customer",
]


@dataclass(frozen=True)
class CustomerSubject:
    """Whose invoices a table holds, for the header above it; "" where not known."""

    name: str
    identity: IdentityNumber | None
    customer_number: str
    searched: str  # what the agent searched for, as shown ("556677-9988", "1004", "Åsa")
    status: StatusChoice


@dataclass(frozen=True)
class InvoiceAnswer:
    """The service's answer and the table contents prepared from it.

    ``selected_number`` is the invoice asked for (an invoice-number search), to select; its
    ``details`` came with the answer and need no second call.
    """

    result: LookupResult
    contents: TableContents
    subject: CustomerSubject | None = None
    selected_number: str = ""
    details: InvoiceDetails | None = None


@dataclass(frozen=True)
class NameAnswer:
    """The customer records a name search found, for the chooser."""

    name: str
    matches: CustomerMatches


def _first_name(result: LookupResult) -> str:
    return next((invoice.name for invoice in result.invoices if invoice.name), "")


def _table_contents(
    invoices: Sequence[Invoice], language: str, order: RowOrder, context: JobContext
) -> TableContents:
    """The table's rows for an answer, in ``order`` (the table's sort when the search began),
    made here on the lookup thread; a newer search stops it."""
    return prepare_table_contents(
        invoices, date.today(), language, should_stop=context.should_stop, order=order
    )


def invoices_by_identity(
    identity: IdentityNumber, status: StatusChoice, language: str, order: RowOrder = UNSORTED
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
        contents = _table_contents(result.invoices, language, order, context)
        subject = CustomerSubject(_first_name(result), identity, "", identity.display(), status)
        return InvoiceAnswer(result, contents, subject)

    return job


def invoices_by_invoice_number(
    number: str, status: StatusChoice, language: str, order: RowOrder = UNSORTED
) -> LookupJob:
    """Whose invoice ``number`` is, and that customer's invoices, the asked-for one selected."""

    def job(context: JobContext) -> InvoiceAnswer:
        credentials = context.services.credentials().load()
        found = context.services.client().find_by_invoice_number(
            credentials, number, status, on_retry=context.report_retry
        )
        details = found.details
        contents = _table_contents(found.invoices.invoices, language, order, context)
        subject = CustomerSubject(
            details.customer_name, found.identity, details.customer_number, number, status
        )
        return InvoiceAnswer(found.invoices, contents, subject, details.number or number, details)

    return job


def invoices_by_customer_number(
    customer_number: str,
    status: StatusChoice,
    language: str,
    name: str = "",
    order: RowOrder = UNSORTED,
) -> LookupJob:
    """getInvoicesByCustomer: the merchant's customer's invoices."""

    def job(context: JobContext) -> InvoiceAnswer:
        credentials = context.services.credentials().load()
        result = context.services.client().get_invoices_by_customer(
            credentials, customer_number, status, on_retry=context.report_retry
        )
        contents = _table_contents(result.invoices, language, order, context)
        subject = CustomerSubject(
            name or _first_name(result), None, customer_number, customer_number, status
        )
        return InvoiceAnswer(result, contents, subject)

    return job


def customers_by_name(name: str) -> LookupJob:
    """getCustomersByName: the records for the chooser."""

    def job(context: JobContext) -> NameAnswer:
        credentials = context.services.credentials().load()
        matches = context.services.client().get_customers_by_name(
            credentials, name, on_retry=context.report_retry
        )
        return NameAnswer(name, matches)

    return job


def invoices_for_customer(
    record: CustomerRecord,
    status: StatusChoice,
    language: str,
    searched: str,
    order: RowOrder = UNSORTED,
) -> LookupJob:
    """A picked customer's invoices: by identity number where there is one, else by number."""
    if record.identity is None:
        return invoices_by_customer_number(
            record.customer_number, status, language, record.name, order
        )
    identity = record.identity

    def job(context: JobContext) -> InvoiceAnswer:
        credentials = context.services.credentials().load()
        result = context.services.client().get_invoices_by_pno(
            credentials, identity, status, on_retry=context.report_retry
        )
        contents = _table_contents(result.invoices, language, order, context)
        subject = CustomerSubject(record.name, identity, record.customer_number, searched, status)
        return InvoiceAnswer(result, contents, subject)

    return job
