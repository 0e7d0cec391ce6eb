"""What the client's lookups return: immutable, typed, and free of Qt, for any caller."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the types only: a scripted ``lookup PNO`` imports neither parser
    from qvickly_desk.customers import CustomerRecord
    from qvickly_desk.details import InvoiceDetails
    from qvickly_desk.invoices import Invoice, RowError
    from qvickly_desk.pno import IdentityNumber

__all__ = ["CustomerMatches", "InvoiceCustomer", "LookupResult"]


class LookupResult(NamedTuple):  # not a dataclass: 10x quicker to define
    invoices: tuple[Invoice, ...]
    row_errors: tuple[RowError, ...] = ()
    logid: str | None = None


class CustomerMatches(NamedTuple):  # not a dataclass: 10x quicker to define
    """The customer records a name search found."""

    customers: tuple[CustomerRecord, ...]
    row_errors: tuple[RowError, ...] = ()
    logid: str | None = None


class InvoiceCustomer(NamedTuple):  # not a dataclass: 10x quicker to define
    """Whose invoice a number is: the invoice's details and that customer's invoices.

    ``identity`` is the invoice's usable identity number, if it has one; without one,
    ``invoices`` holds just that invoice.
    """

    details: InvoiceDetails
    identity: IdentityNumber | None
    invoices: LookupResult
