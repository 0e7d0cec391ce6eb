"""What a person may ask the new lookups for, checked before any call is made.

An invoice number is digits, a hash is hex, a customer number and a name are one printable
line of sensible length: anything else is an :class:`~qvickly_desk.errors.InvalidInputError`
(exit code 2 on the command line, no call made), so a paste with a stray line break or a
whole e-mail in it never reaches the service.
"""

from __future__ import annotations

from collections.abc import Iterable

from qvickly_desk.errors import InvalidInputError
from qvickly_desk.invoice import Invoice
from qvickly_desk.status import StatusChoice

__all__ = [
    "apply_status",
    "checked_customer_name",
    "checked_customer_number",
    "checked_invoice_hash",
    "checked_invoice_number",
]

_MAX_NUMBER = 20
_MAX_HASH = 128
_MAX_CUSTOMER_NUMBER = 64
_MAX_NAME = 200
_HEX = frozenset("0123456789abcdefABCDEF")


def _one_line(text: object) -> str:
    if not isinstance(text, str):
        return ""
    stripped = text.strip()
    return stripped if stripped.isprintable() else ""


def checked_invoice_number(text: str) -> str:
    """The invoice number people see (``invoiceid_real``): ASCII digits, at most 20."""
    number = _one_line(text).replace(" ", "")
    if not number or not number.isascii() or not number.isdigit() or len(number) > _MAX_NUMBER:
        raise InvalidInputError(
            en="An invoice number is 1 to 20 digits.",
            sv="Ett fakturanummer är 1 till 20 siffror.",
        )
    return number


def checked_invoice_hash(text: str) -> str:
    """An invoice's hash as a list row gives it: hexadecimal (its length is not checked)."""
    hash_ = _one_line(text)
    if not hash_ or len(hash_) > _MAX_HASH or not set(hash_) <= _HEX:
        raise InvalidInputError(
            en="An invoice hash is hexadecimal characters (0-9, a-f).",
            sv="En fakturahash består av hexadecimala tecken (0-9, a-f).",
        )
    return hash_


def checked_customer_number(text: str) -> str:
    """The merchant's customer number (or an organisation number): one line, at most 64."""
    number = _one_line(text)
    if not number or len(number) > _MAX_CUSTOMER_NUMBER:
        raise InvalidInputError(
            en="Enter a customer number (at most 64 characters, one line).",
            sv="Ange ett kundnummer (högst 64 tecken, en rad).",
        )
    return number


def checked_customer_name(text: str) -> str:
    """A full or partial name to search for: one line, at most 200 characters."""
    name = " ".join(_one_line(text).split())
    if not name or len(name) > _MAX_NAME:
        raise InvalidInputError(
            en="Enter a name or part of one (at most 200 characters, one line).",
            sv="Ange ett namn eller en del av ett (högst 200 tecken, en rad).",
        )
    return name


def apply_status(invoices: Iterable[Invoice], status: StatusChoice) -> tuple[Invoice, ...]:
    """The ``--status`` filter where the function itself has none (getInvoicesByCustomer).

    Sent keeps the invoices still open (``Invoice.is_open``), paid the settled ones as the
    service's own "paid" choice does, both keeps everything.
    """
    if status.sent and status.paid:
        return tuple(invoices)
    if status.paid_only:
        return status.filter(invoices)
    return tuple(invoice for invoice in invoices if invoice.is_open)
