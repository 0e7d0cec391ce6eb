"""One invoice as the desk holds it: the service's fields normalized, and what they mean.

An ``Invoice`` comes from the tolerant row parser (:mod:`~qvickly_desk.invoices`); here is what
is asked of it afterwards, by the window, the command line and the exports alike: its type in
words, whether it is open or overdue, whether its link may be opened, its fields under the
service's names, and the summary over many.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import NamedTuple
from urllib.parse import urlsplit

from qvickly_desk.formatting import date_text, plain_amount
from qvickly_desk.languages import Text

__all__ = ["API_FIELDS", "Invoice", "Summary", "statuses_open", "summarize", "web_link"]

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

# Characters that have no place inside a link; some URL parsers silently drop them, so a link
# holding them could mean something other than what the checks saw.
_LINK_FORBIDDEN_RE = re.compile(r"[\x00-\x20\x7f]")
# A plain http(s) link with an ordinary host: certainly one the full check accepts, and tried
# first, because splitting a link costs more than the rest of reading an invoice (copying or
# exporting 100,000 invoices asks for every link).
_PLAIN_WEB_LINK_RE = re.compile(
    r"(?i:(https?))://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][!-~]*)?", re.ASCII
)


# What ``repr`` leaves out: whom the invoice is for, and what opens or fetches it.
_PRIVATE_FIELDS = frozenset({"name", "fileurl", "hash"})


class Invoice(NamedTuple):
    """One invoice, with the service's loosely typed fields normalized.

    A named tuple rather than a frozen dataclass: the parser makes it in C with
    ``tuple.__new__``, ten times as fast (100,000 invoices in 17 against 180 ms). (A msgspec
    struct would be quicker still, but msgspec would then be imported at start-up, for 18 ms.)

    The customer's name, the PDF link and the invoice hash (which fetches the invoice from the
    service) are left out of ``repr`` so that debugging output and logs hold no customer data.
    """

    number: str  # invoiceid_real: the number people see and quote
    name: str
    status: str
    distributor_status: str
    invoice_type: str  # "F", "K", "KN" or "RF"
    invoice_date: date | None
    due_date: date | None
    to_pay: Decimal  # exact as sent; negative for credit invoices
    balance_due: Decimal
    fileurl: str  # exactly as sent; use ``pdf_url`` to open it
    hash: str
    credit_invoice_id: str
    services_id: str  # mm3servicesid
    modules_id: str  # mexcModulesid
    customer_invoice_id: str  # mexcCustomerinvoicesid

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={getattr(self, name)!r}"
            for name in self._fields
            if name not in _PRIVATE_FIELDS
        )
        return f"Invoice({shown})"

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
        return statuses_open(self.status, self.distributor_status)

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
            "topay": plain_amount(self.to_pay),
            "invoiceid_real": self.number,
            "fileurl": self.fileurl,
            "balancedue": plain_amount(self.balance_due),
            "invoicetype": self.invoice_type,
            "distributor_status": self.distributor_status,
            "creditinvoiceid": self.credit_invoice_id,
            "hash": self.hash,
            "mm3servicesid": self.services_id,
            "mexcModulesid": self.modules_id,
            "mexcCustomerinvoicesid": self.customer_invoice_id,
        }


def statuses_open(status: str, distributor_status: str) -> bool:
    """Whether an invoice with these two status words is open: neither is Paid or Cancelled
    (any case). ``Invoice.is_open``, for the words alone (the table decides once per pair)."""
    return status.lower() not in _CLOSED and distributor_status.lower() not in _CLOSED


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


class Summary(NamedTuple):  # not a dataclass: made at start-up, 10x quicker to define
    """Counts and the open balance, for the window's summary line and the command line's totals."""

    invoice_count: int  # not ``count``, which would hide ``tuple.count``
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
