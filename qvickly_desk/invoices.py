"""Invoices as the service returns them from ``getInvoicesByPno``, parsed tolerantly (the type
itself, and what it means, is in :mod:`~qvickly_desk.invoice`; imported here as well).

The service "sometimes returns ints as strings and sometimes as numbers", so every field is read
through a small converter (:mod:`~qvickly_desk.row_fields`) that accepts the shapes seen in
practice and refuses the rest. A row that cannot be read becomes a ``RowError`` beside the good
rows instead of sinking the whole answer: the person at the desk still sees the customer's other
invoices. Parsing never raises, whatever JSON value it is given. Reasons name the field and the
problem, never a value, so a log that records them holds no customer data. Text fields longer
than any real value are cut (``MAX_TEXT``, ``MAX_LINK``), and that too is reported beside the row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import NamedTuple

from qvickly_desk.collector import collector_paused
from qvickly_desk.errors import CancelledError
from qvickly_desk.fields import kind_of
from qvickly_desk.frozen import FrozenValue
from qvickly_desk.invoice import API_FIELDS, Invoice, Summary, summarize, web_link
from qvickly_desk.row_fields import (
    ID_INT_LIMIT,
    RowProblem,
    amount_field,
    date_field,
    own_copy,
    raw_text_field,
    text_field,
)

__all__ = [
    "API_FIELDS",
    "MAX_LINK",
    "MAX_TEXT",
    "ROW_KEYS",
    "Invoice",
    "InvoiceList",
    "RowError",
    "Summary",
    "parse_invoices",
    "summarize",
    "web_link",
]

# Text fields are cut here, far above any real value, so that no later step (a cell, a tooltip,
# a sort key, a line of output) ever meets a megabyte name; the row's problems say so. A longer
# link is left out rather than cut: a cut link would lead somewhere else.
MAX_TEXT = 1000
MAX_LINK = 2000
_MAX_NUMBER_IN_ERROR = 64
_ROWS_BETWEEN_STOPS = 2048  # how often a long parse asks whether it is still wanted


class _RowCut(Exception):
    """A row that was read, but with a text field cut or a link left out: kept, and reported."""

    def __init__(self, invoice: Invoice, reason: str) -> None:
        super().__init__(reason)
        self.invoice = invoice


class RowError(FrozenValue):
    """A row of the answer that could not be read, or was read with a field cut or left out.

    A row that could not be read is not among the invoices; a cut one is (``MAX_TEXT``,
    ``MAX_LINK``), and its reason says which field was cut.

    ``index`` is the row's position in the answer (-1 when the answer as a whole was not a list of
    invoices); ``number`` the invoice number when it could be read, so the desk can still name
    the invoice; ``reason`` names the field and the problem, in English, without quoting values.
    """

    __slots__ = ("cut", "index", "number", "reason")
    _fields = ("index", "reason", "number", "cut")

    index: int
    reason: str
    number: str
    cut: bool  # the row was read, with a field cut or left out, and is among the invoices

    def __init__(self, index: int, reason: str, number: str = "", cut: bool = False) -> None:
        self._init_fields(index, reason, number, cut)


class InvoiceList(NamedTuple):  # not a dataclass: 10x quicker to define
    """The invoices that could be read, and a ``RowError`` for each row that could not."""

    invoices: tuple[Invoice, ...]
    row_errors: tuple[RowError, ...] = ()


_NOT_A_LIST = InvoiceList((), (RowError(-1, "answer is not a list of invoices"),))


class _Kept:
    """What one answer's invoices share: each repeated text once (as its own copy), and the
    dates read so far."""

    __slots__ = ("dates", "texts")

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.dates: dict[str, date | None] = {}

    def shared(self, text: str) -> str:
        kept = self.texts.get(text)
        if kept is None:
            kept = self.texts[text] = own_copy(text)
        return kept


# The fields ``_parse_values`` reads, in the order it takes them (and ``wire_rows.WireRow``
# holds them): the number, the texts read as stripped text, the link, the dates and the amounts.
_TEXT_KEYS = (
    "name",
    "status",
    "distributor_status",
    "invoicetype",
    "hash",
    "creditinvoiceid",
    "mm3servicesid",
    "mexcModulesid",
    "mexcCustomerinvoicesid",
)
ROW_KEYS = (
    "invoiceid_real",
    *_TEXT_KEYS,
    "fileurl",
    "invoicedate",
    "duedate",
    "topay",
    "balancedue",
)

_new_invoice = tuple.__new__  # Invoice(*values) in C, without the named tuple's own __new__


def _parse_values(values: Sequence[object], kept: _Kept) -> Invoice:
    """The invoice in one row's values, in ``ROW_KEYS`` order.

    Each text field is written out on its own line: a loop over them took two thirds longer
    (170 against 100 ms for 100,000 rows), a comprehension being a call of its own. The ids'
    whole numbers (the service sends about half of them so) are read inline too, and the
    lengths summed without a list: a tenth of the parse between them.
    """
    (
        number,
        name,
        status,
        distributor_status,
        invoice_type,
        hash_,
        credit_invoice_id,
        services_id,
        modules_id,
        customer_invoice_id,
        fileurl,
        invoice_date,
        due_date,
        to_pay,
        balance_due,
    ) = values
    missing = number is None
    number = (
        number.strip()
        if type(number) is str
        else str(number)
        if type(number) is int and -ID_INT_LIMIT < number < ID_INT_LIMIT
        else text_field(number, "invoiceid_real")
    )
    if not number:
        raise RowProblem("invoiceid_real: missing" if missing else "invoiceid_real: empty")
    try:
        name = name.strip() if type(name) is str else text_field(name, "name")
        status = status.strip() if type(status) is str else text_field(status, "status")
        distributor_status = (
            distributor_status.strip()
            if type(distributor_status) is str
            else text_field(distributor_status, "distributor_status")
        )
        invoice_type = (
            invoice_type.strip()
            if type(invoice_type) is str
            else text_field(invoice_type, "invoicetype")
        )
        hash_ = hash_.strip() if type(hash_) is str else text_field(hash_, "hash")
        credit_invoice_id = (
            credit_invoice_id.strip()
            if type(credit_invoice_id) is str
            else text_field(credit_invoice_id, "creditinvoiceid")
        )
        services_id = (
            services_id.strip()
            if type(services_id) is str
            else str(services_id)
            if type(services_id) is int and -ID_INT_LIMIT < services_id < ID_INT_LIMIT
            else text_field(services_id, "mm3servicesid")
        )
        modules_id = (
            modules_id.strip()
            if type(modules_id) is str
            else str(modules_id)
            if type(modules_id) is int and -ID_INT_LIMIT < modules_id < ID_INT_LIMIT
            else text_field(modules_id, "mexcModulesid")
        )
        customer_invoice_id = (
            customer_invoice_id.strip()
            if type(customer_invoice_id) is str
            else str(customer_invoice_id)
            if type(customer_invoice_id) is int
            and -ID_INT_LIMIT < customer_invoice_id < ID_INT_LIMIT
            else text_field(customer_invoice_id, "mexcCustomerinvoicesid")
        )
        fileurl = fileurl if type(fileurl) is str else raw_text_field(fileurl, "fileurl")
        # One sum, cheaper than a test per field; only a row this long is looked at closely.
        if (
            len(number)
            + len(fileurl)
            + len(name)
            + len(status)
            + len(distributor_status)
            + len(invoice_type)
            + len(hash_)
            + len(credit_invoice_id)
            + len(services_id)
            + len(modules_id)
            + len(customer_invoice_id)
            > MAX_TEXT
        ):
            _cut_row(values, number, fileurl, kept)  # raises _RowCut if one is too long
        # The texts only this invoice has, copied in two calls in C rather than five (a NUL
        # in one of them makes more than five pieces: then each is copied on its own).
        own = (number, fileurl, hash_, services_id, customer_invoice_id)
        copies = "\0".join(own).split("\0")
        if len(copies) != len(own):
            copies = list(map(own_copy, own))
        number, fileurl, hash_, services_id, customer_invoice_id = copies
        # A customer's invoices repeat these few values; one string each instead of one per
        # invoice saves a quarter of what 100,000 invoices hold (and their hashes are made once).
        known, shared, dates = kept.texts.get, kept.shared, kept.dates
        return _new_invoice(
            Invoice,
            (  # its fields, in their order
                number,
                known(name) or shared(name),
                known(status) or shared(status),
                known(distributor_status) or shared(distributor_status),
                known(invoice_type) or shared(invoice_type),
                date_field(invoice_date, "invoicedate", dates),
                date_field(due_date, "duedate", dates),
                amount_field(to_pay, "topay"),
                amount_field(balance_due, "balancedue"),
                fileurl,
                hash_,
                known(credit_invoice_id) or shared(credit_invoice_id),
                services_id,
                known(modules_id) or shared(modules_id),
                customer_invoice_id,
            ),
        )
    except RowProblem as problem:
        problem.number = number[:_MAX_NUMBER_IN_ERROR]
        raise


def _cut_row(values: Sequence[object], number: str, fileurl: str, kept: _Kept) -> None:
    """Raise ``_RowCut`` with the row read again with its long fields cut, and why; return if
    no field is too long. (Its texts are read again here, as ``_parse_values`` read them
    without a problem: a row this long is rare.)"""
    texts = [text_field(value, key) for value, key in zip(values[1:10], _TEXT_KEYS, strict=True)]
    reasons = []
    if len(number) > MAX_TEXT:
        reasons.append(f"invoiceid_real: cut to {MAX_TEXT} characters")
    for key, text in zip(_TEXT_KEYS, texts, strict=True):
        if len(text) > MAX_TEXT:
            reasons.append(f"{key}: cut to {MAX_TEXT} characters")
    if len(fileurl) > MAX_LINK:
        reasons.append(f"fileurl: longer than {MAX_LINK} characters, left out")
        fileurl = ""
    if not reasons:
        return
    short = [number[:MAX_TEXT], *(text[:MAX_TEXT] for text in texts), fileurl, *values[-4:]]
    raise _RowCut(_parse_values(short, kept), "; ".join(reasons))


def _rows(data: object) -> Iterable[object] | None:
    """The rows of an answer's ``data``, or None if it is not a list of invoices at all."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if not data:
            return ()
        if "invoiceid_real" in data:  # a single invoice sent on its own
            return (data,)
        values = tuple(data.values())
        # PHP sends an array with non-sequential keys as an object of rows.
        if any(isinstance(value, dict) for value in values):
            return values
    return None


def parse_invoices(data: object, should_stop: Callable[[], bool] | None = None) -> InvoiceList:
    """Parse the ``data`` of a ``getInvoicesByPno`` answer; never raises, whatever it is given.

    ``data`` is a list of invoice objects (an empty list means no invoices). An object whose values
    are invoice objects (a PHP array with non-sequential keys) is read as the list of its values,
    and a lone invoice object as a list of one. Anything else yields no invoices and a single
    ``RowError`` with index -1.

    ``should_stop`` is asked every few thousand rows (100,000 take about a second): when it says
    so, :class:`~qvickly_desk.errors.CancelledError` is raised, the one exception there is.
    """
    rows = _rows(data)
    if rows is None:
        return _NOT_A_LIST
    invoices: list[Invoice] = []
    errors: list[RowError] = []
    kept = _Kept()
    # Rows decoded straight into structs (``wire_rows``); imported here, at the first answer,
    # rather than with this module at start-up: msgspec takes 18 ms to import.
    from qvickly_desk.wire_rows import WireRow as wire_row
    from qvickly_desk.wire_rows import row_values as wire_values

    with collector_paused():  # 100,000 invoices are millions of objects, none in a cycle
        for index, row in enumerate(rows):
            if should_stop is not None and not index % _ROWS_BETWEEN_STOPS and should_stop():
                raise CancelledError()
            if type(row) is wire_row:
                values = wire_values(row)
            elif isinstance(row, dict):
                values = tuple(map(row.get, ROW_KEYS))
            else:
                errors.append(RowError(index, f"row is not an invoice object but {kind_of(row)}"))
                continue
            try:
                invoices.append(_parse_values(values, kept))
            except RowProblem as problem:
                errors.append(RowError(index, str(problem), problem.number))
            except _RowCut as cut:
                invoices.append(cut.invoice)
                number = cut.invoice.number[:_MAX_NUMBER_IN_ERROR]
                errors.append(RowError(index, str(cut), number, cut=True))
    return InvoiceList(tuple(invoices), tuple(errors))
