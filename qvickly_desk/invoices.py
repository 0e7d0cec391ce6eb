"""Invoices as the service returns them from ``getInvoicesByPno``, parsed tolerantly.

The service "sometimes returns ints as strings and sometimes as numbers", so every field is read
through a small converter that accepts the shapes seen in practice and refuses the rest. A row that
cannot be read becomes a ``RowError`` beside the good rows instead of sinking the whole answer: the
person at the desk still sees the customer's other invoices. Parsing never raises, whatever JSON
value it is given. Reasons name the field and the problem, never a value, so a log that records
them holds no customer data. Text fields longer than any real value are cut (``MAX_TEXT``,
``MAX_LINK``), and that too is reported beside the row.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from functools import lru_cache
from urllib.parse import urlsplit

from qvickly_desk.collector import collector_paused
from qvickly_desk.errors import CancelledError
from qvickly_desk.formatting import date_text, round_amount
from qvickly_desk.languages import Text

__all__ = [
    "API_FIELDS",
    "MAX_LINK",
    "MAX_TEXT",
    "Invoice",
    "InvoiceList",
    "RowError",
    "Summary",
    "parse_invoices",
    "summarize",
    "web_link",
]

# The service's field names in the order the service itself sends them. ``to_api_dict`` always
# produces exactly these keys in this order, so CSV columns and JSON objects line up across rows.
API_FIELDS: tuple[str, ...] = (
    "status",
    "name",
    "invoicedate",
    "duedate",
    "topay",
    "invoiceid_real",
    "fileurl",
    "balancedue",
    "invoicetype",
    "distributor_status",
    "creditinvoiceid",
    "hash",
    "mm3servicesid",
    "mexcModulesid",
    "mexcCustomerinvoicesid",
)

_TYPE_LABELS: dict[str, Text] = {
    "F": Text(sv="Faktura", en="Invoice"),
    "K": Text(sv="Kreditfaktura", en="Credit invoice"),
    "KN": Text(sv="Kontantnota", en="Cash invoice"),
    "RF": Text(sv="Räntefaktura", en="Interest invoice"),
}

# Statuses (on either status field) after which nothing more is expected of the customer.
_CLOSED = frozenset({"paid", "cancelled"})

_ZERO = Decimal(0)
# Amounts are bounded so that rounding to cents can never exceed the context's precision and a
# hostile answer cannot make us build enormous numbers; no real invoice comes near this.
_AMOUNT_LIMIT = Decimal(10) ** 15
_INT_LIMIT = 10**15
_ID_INT_LIMIT = 10**30
_MAX_AMOUNT_TEXT = 40
_SHORT_AMOUNT_TEXT = 15
_MAX_NUMBER_IN_ERROR = 64
# Text fields are cut here, far above any real value, so that no later step (a cell, a tooltip,
# a sort key, a line of output) ever meets a megabyte name; the row's problems say so. A longer
# link is left out rather than cut: a cut link would lead somewhere else.
MAX_TEXT = 1000
MAX_LINK = 2000
_ROWS_BETWEEN_STOPS = 2048  # how often a long parse asks whether it is still wanted
# Plain decimal notation in ASCII digits only; ``Decimal()`` alone would also take "NaN",
# "Infinity", "1e5", "1_000" and non-ASCII digits.
_AMOUNT_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)
# Characters that have no place inside a link; some URL parsers silently drop them, so a link
# holding them could mean something other than what the checks saw.
_LINK_FORBIDDEN_RE = re.compile(r"[\x00-\x20\x7f]")
# A plain http(s) link with an ordinary host: certainly one the full check accepts, and tried
# first, because splitting a link costs more than the rest of reading an invoice (copying or
# exporting 100,000 invoices asks for every link).
_PLAIN_WEB_LINK_RE = re.compile(
    r"(?i:(https?))://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][!-~]*)?", re.ASCII
)


class _RowProblem(Exception):
    """Why one row could not be read; becomes a ``RowError`` and never leaves this module."""

    number = ""  # the row's invoice number, once it has been read


class _RowCut(Exception):
    """A row that was read, but with a text field cut or a link left out: kept, and reported."""

    def __init__(self, invoice: Invoice, reason: str) -> None:
        super().__init__(reason)
        self.invoice = invoice


def _kind(value: object) -> str:
    """The JSON name of a value's type, for reasons that must not quote the value itself."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float | Decimal):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


# The converters take the value and the field's name (for the reason). ``_parse_row`` handles the
# common case, a string, inline and calls them for everything else, which keeps 100,000 rows quick.


def _text(value: object, key: str) -> str:
    """A text or id field: strings stripped, whole numbers as their digits, missing/null as ""."""
    if isinstance(value, str):
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        raise _RowProblem(f"{key}: expected text or a whole number, got boolean")
    if isinstance(value, int):
        if -_ID_INT_LIMIT < value < _ID_INT_LIMIT:
            return str(value)
        raise _RowProblem(f"{key}: number out of range")
    if isinstance(value, float) and value.is_integer() and abs(value) < _INT_LIMIT:
        return str(int(value))
    raise _RowProblem(f"{key}: expected text or a whole number, got {_kind(value)}")


def _raw_text(value: object, key: str) -> str:
    """A text field kept exactly as sent (the PDF link); missing/null as ""."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    raise _RowProblem(f"{key}: expected text, got {_kind(value)}")


def _amount(value: object, key: str) -> Decimal:
    """An amount from "1249.50", "1249,50", 1000, 1000.5 or "" (zero), kept exact."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return _ZERO
        if len(text) > _MAX_AMOUNT_TEXT:
            raise _RowProblem(f"{key}: amount too long")
        if "," in text:
            # A decimal comma, as a Swedish system may write it; never a thousands separator.
            if "." in text or text.count(",") != 1:
                raise _RowProblem(f"{key}: not an amount")
            text = text.replace(",", ".")
        if _AMOUNT_RE.fullmatch(text) is None:
            raise _RowProblem(f"{key}: not an amount")
        amount = Decimal(text)
        if len(text) <= _SHORT_AMOUNT_TEXT:  # too few digits to reach the limit
            return amount
    elif value is None:
        return _ZERO
    elif isinstance(value, bool):
        raise _RowProblem(f"{key}: expected an amount, got boolean")
    elif isinstance(value, int):
        if not -_INT_LIMIT < value < _INT_LIMIT:
            raise _RowProblem(f"{key}: amount out of range")
        return Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _RowProblem(f"{key}: amount is not a finite number")
        # Through repr: 1000.1 becomes Decimal("1000.1"), not the binary float's long expansion.
        amount = Decimal(repr(value))
    elif isinstance(value, Decimal):  # from a JSON parser run with parse_float=Decimal
        if not value.is_finite():
            raise _RowProblem(f"{key}: amount is not a finite number")
        amount = value
    else:
        raise _RowProblem(f"{key}: expected an amount, got {_kind(value)}")
    if not -_AMOUNT_LIMIT < amount < _AMOUNT_LIMIT:
        raise _RowProblem(f"{key}: amount out of range")
    return amount


@lru_cache(maxsize=4096)
def _date_from_text(text: str) -> date | None:
    """A date, or None for "no date"; ``ValueError`` if not one. Cached: answers repeat dates."""
    text = text.strip()
    if not text or text == "0000-00-00":
        return None
    # The length check keeps out the other ISO forms fromisoformat accepts ("20240419", weeks).
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError("not YYYY-MM-DD")
    return date.fromisoformat(text)


def _date(value: object, key: str) -> date | None:
    """A ``YYYY-MM-DD`` date; "", "0000-00-00", null or missing mean no date."""
    if isinstance(value, str):
        try:
            return _date_from_text(value)
        except ValueError:
            raise _RowProblem(f"{key}: not a date in the form YYYY-MM-DD") from None
    if value is None:
        return None
    raise _RowProblem(f"{key}: expected a date, got {_kind(value)}")


def _amount_text(value: Decimal) -> str:
    return format(round_amount(value), "f")


@dataclass(frozen=True, slots=True)
class Invoice:
    """One invoice, with the service's loosely typed fields normalized.

    The customer's name, the PDF link and the invoice hash (which fetches the invoice from the
    service) are left out of ``repr`` so that debugging output and logs hold no customer data.
    """

    number: str  # invoiceid_real: the number people see and quote
    name: str = field(repr=False)
    status: str
    distributor_status: str
    invoice_type: str  # "F", "K", "KN" or "RF"
    invoice_date: date | None
    due_date: date | None
    to_pay: Decimal  # exact as sent; negative for credit invoices
    balance_due: Decimal
    fileurl: str = field(repr=False)  # exactly as sent; use ``pdf_url`` to open it
    hash: str = field(repr=False)
    credit_invoice_id: str
    services_id: str  # mm3servicesid
    modules_id: str  # mexcModulesid
    customer_invoice_id: str  # mexcCustomerinvoicesid

    def type_label(self, language: str = "sv") -> str:
        """The invoice type in words; an unknown code is shown as the code itself."""
        label = _TYPE_LABELS.get(self.invoice_type.upper())
        if label is None:
            return self.invoice_type
        return label.get(language)

    @property
    def is_open(self) -> bool:
        """True unless ``status`` or ``distributor_status`` is Paid or Cancelled (any case).

        The service's own "Sent" selection means distributor status Created or Sent; testing for
        the closing statuses instead also keeps invoices in states such as Factoring, Handling or
        eFakturaSent open, which is what the person at the desk needs: the customer still owes.
        """
        return self.status.lower() not in _CLOSED and self.distributor_status.lower() not in _CLOSED

    def is_overdue(self, today: date) -> bool:
        """Open, past its due date (the due date itself is not late) and with money still due."""
        return (
            self.due_date is not None
            and self.due_date < today
            and self.balance_due > 0
            and self.is_open
        )

    @property
    def link_problem(self) -> str | None:
        """Why there is no ``pdf_url``: None (there is one), "missing" or "scheme".

        "scheme" covers every link that is present but is not a usable http(s) address: another
        scheme (javascript:, file:, smb:, data:), no host, or characters that have no place in a
        link.
        """
        return _check_link(self.fileurl)[1]

    @property
    def link_scheme(self) -> str:
        """The link's scheme in lower case ("" if it has none), for ``UnsafeLinkError``."""
        return _check_link(self.fileurl)[2]

    @property
    def pdf_url(self) -> str | None:
        """The stripped ``fileurl`` if it is an http or https address with a host, else None.

        Only web links are ever handed to the desktop to open: a ``file:``, ``smb:`` or
        ``javascript:`` link from a tampered or broken answer could run or reveal something.
        """
        return _check_link(self.fileurl)[0]

    def to_api_dict(self) -> dict[str, str]:
        """The invoice under the service's field names (``API_FIELDS``, in that order), as text.

        Ids and text as stored, amounts with two decimals ("-100.00"), dates ``YYYY-MM-DD`` or "",
        the link as sent.
        """
        return {
            "status": self.status,
            "name": self.name,
            "invoicedate": date_text(self.invoice_date),
            "duedate": date_text(self.due_date),
            "topay": _amount_text(self.to_pay),
            "invoiceid_real": self.number,
            "fileurl": self.fileurl,
            "balancedue": _amount_text(self.balance_due),
            "invoicetype": self.invoice_type,
            "distributor_status": self.distributor_status,
            "creditinvoiceid": self.credit_invoice_id,
            "hash": self.hash,
            "mm3servicesid": self.services_id,
            "mexcModulesid": self.modules_id,
            "mexcCustomerinvoicesid": self.customer_invoice_id,
        }


def _slot_filler(cls: type[Invoice]) -> Callable[..., Invoice]:
    """A constructor taking ``cls``'s fields in order that fills the slots directly.

    A frozen dataclass's ``__init__`` goes through ``object.__setattr__`` for every field, which
    for 15 fields and 100,000 rows is a fifth of all the parsing. The slots' own descriptors set
    the same values; the object is the same frozen, equal ``Invoice`` afterwards. (``Invoice``
    has no ``__post_init__`` for this to skip; a test keeps it that way.)
    """
    new = object.__new__
    setters = tuple(getattr(cls, each.name).__set__ for each in fields(cls))

    def make(*values: object) -> Invoice:
        invoice = new(cls)
        # Not strict: checking the count costs a sixth of the gain. A field left out would
        # be an unset slot, which the first read or comparison reports.
        for set_slot, value in zip(setters, values, strict=False):
            set_slot(invoice, value)
        return invoice

    return make


_new_invoice = _slot_filler(Invoice)


def web_link(fileurl: str) -> str | None:
    """``fileurl`` stripped if it is a usable http(s) address, else None (``Invoice.pdf_url``)."""
    return _check_link(fileurl)[0]


def _check_link(fileurl: str) -> tuple[str | None, str | None, str]:
    """(usable link or None, problem or None, lower-case scheme) for a ``fileurl``."""
    link = fileurl.strip()
    if not link:
        return None, "missing", ""
    plain = _PLAIN_WEB_LINK_RE.fullmatch(link)
    if plain is not None:
        return link, None, plain[1].lower()
    return _check_unusual_link(link)


def _check_unusual_link(link: str) -> tuple[str | None, str | None, str]:
    """``_check_link`` for a stripped, non-empty link that is not a plain web address."""
    if _LINK_FORBIDDEN_RE.search(link) is not None:
        return None, "scheme", _scheme_of(link)
    try:
        parts = urlsplit(link)
        host = parts.hostname
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return None, "scheme", _scheme_of(link)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host:
        return None, "scheme", scheme
    return link, None, scheme


def _scheme_of(link: str) -> str:
    head, colon, _ = link.partition(":")
    if not colon or not head.isascii() or not head.replace("+", "").replace(".", "").isalnum():
        return ""
    return head[:32].lower()


@dataclass(frozen=True, slots=True)
class RowError:
    """A row of the answer that could not be read, or was read with a field cut or left out.

    A row that could not be read is not among the invoices; a cut one is (``MAX_TEXT``,
    ``MAX_LINK``), and its reason says which field was cut.

    ``index`` is the row's position in the answer (-1 when the answer as a whole was not a list of
    invoices); ``number`` the invoice number when it could be read, so the desk can still name
    the invoice; ``reason`` names the field and the problem, in English, without quoting values.
    """

    index: int
    reason: str
    number: str = ""
    cut: bool = False  # the row was read, with a field cut or left out, and is among the invoices


@dataclass(frozen=True, slots=True)
class InvoiceList:
    """The invoices that could be read, and a ``RowError`` for each row that could not."""

    invoices: tuple[Invoice, ...]
    row_errors: tuple[RowError, ...] = ()


_NOT_A_LIST = InvoiceList((), (RowError(-1, "answer is not a list of invoices"),))


# Fields read as stripped text, in the order ``_parse_row`` unpacks them.
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


def _parse_row(row: dict[str, object]) -> Invoice:
    get = row.get
    value = get("invoiceid_real")
    number = value.strip() if type(value) is str else _text(value, "invoiceid_real")
    if not number:
        missing = value is None
        raise _RowProblem("invoiceid_real: missing" if missing else "invoiceid_real: empty")
    try:
        texts = [
            value.strip() if type(value := get(key)) is str else _text(value, key)
            for key in _TEXT_KEYS
        ]
        fileurl = _raw_text(get("fileurl"), "fileurl")
        # One sum, cheaper than a test per field; only a row this long is looked at closely.
        if len(number) + len(fileurl) + sum(map(len, texts)) > MAX_TEXT:
            _cut_row(row, number, texts, fileurl)  # raises _RowCut if a field is too long
        (
            name,
            status,
            distributor_status,
            invoice_type,
            hash_,
            credit_invoice_id,
            services_id,
            modules_id,
            customer_invoice_id,
        ) = texts
        return _new_invoice(  # Invoice's fields, in their order
            number,
            name,
            status,
            distributor_status,
            invoice_type,
            _date(get("invoicedate"), "invoicedate"),  # invoice_date
            _date(get("duedate"), "duedate"),  # due_date
            _amount(get("topay"), "topay"),  # to_pay
            _amount(get("balancedue"), "balancedue"),  # balance_due
            fileurl,
            hash_,
            credit_invoice_id,
            services_id,
            modules_id,
            customer_invoice_id,
        )
    except _RowProblem as problem:
        problem.number = number[:_MAX_NUMBER_IN_ERROR]
        raise


def _cut_row(row: dict[str, object], number: str, texts: list[str], fileurl: str) -> None:
    """Raise ``_RowCut`` with the row read again with its long fields cut, and why; return if
    no field is too long."""
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
    short = {key: text[:MAX_TEXT] for key, text in zip(_TEXT_KEYS, texts, strict=True)}
    invoice = _parse_row({**row, **short, "invoiceid_real": number[:MAX_TEXT], "fileurl": fileurl})
    raise _RowCut(invoice, "; ".join(reasons))


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
    with collector_paused():  # 100,000 invoices are millions of objects, none in a cycle
        for index, row in enumerate(rows):
            if should_stop is not None and not index % _ROWS_BETWEEN_STOPS and should_stop():
                raise CancelledError()
            if not isinstance(row, dict):
                errors.append(RowError(index, f"row is not an invoice object but {_kind(row)}"))
                continue
            try:
                invoices.append(_parse_row(row))
            except _RowProblem as problem:
                errors.append(RowError(index, str(problem), problem.number))
            except _RowCut as cut:
                invoices.append(cut.invoice)
                number = cut.invoice.number[:_MAX_NUMBER_IN_ERROR]
                errors.append(RowError(index, str(cut), number, cut=True))
    return InvoiceList(tuple(invoices), tuple(errors))


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts and the open balance, for the window's summary line and the command line's totals."""

    count: int
    open_count: int
    overdue_count: int
    balance_due: Decimal  # summed over open invoices only


def summarize(invoices: Iterable[Invoice], today: date) -> Summary:
    """What the customer has: how many invoices, how many open and overdue, and what is owed."""
    count = open_count = overdue_count = 0
    balance = Decimal(0)
    for invoice in invoices:
        count += 1
        if invoice.is_open:
            open_count += 1
            balance += invoice.balance_due
            if invoice.is_overdue(today):
                overdue_count += 1
    return Summary(count, open_count, overdue_count, balance)
