"""The sandbox's invoice store: rows kept pre-encoded the PHP way, filtered by the status asked for.

Each row is encoded once, when it is added, so an answer of 100,000 invoices is a join of ready
bytes instead of a fresh encoding per call; the signature is then computed over exactly those
bytes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from qvickly_desk.signing import php_json_bytes

__all__ = ["InvoiceStore", "PdfInfo"]

_OPEN_DISTRIBUTOR = frozenset({"Created", "Sent"})


@dataclass(frozen=True, slots=True)
class PdfInfo:
    """What the sandbox prints on an invoice's PDF."""

    number: str
    amount: str
    name: str
    invoice_type: str
    invoice_date: str
    due_date: str


@dataclass(frozen=True, slots=True)
class _StoredRow:
    encoded: bytes  # ASCII, as PHP's json_encode escapes everything else
    status: str
    distributor_status: str

    def listed(self, include_paid: bool) -> bool:
        """The service's rule: "Sent" is Created/Sent; "Sent,Paid" adds Paid and Cancelled."""
        if self.distributor_status in _OPEN_DISTRIBUTOR:
            return True
        return include_paid and (self.distributor_status == "Paid" or self.status == "Cancelled")


class InvoiceStore:
    """Customers by 10-digit number; safe to read and add to from several threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._customers: dict[str, tuple[_StoredRow, ...]] = {}
        self._pdfs: dict[str, PdfInfo] = {}
        self._pending: dict[str, Callable[[], Iterable[Mapping[str, object]]]] = {}
        self._build_lock = threading.Lock()
        self._version = 0

    def add_later(self, pno10: str, build: Callable[[], Iterable[Mapping[str, object]]]) -> None:
        """Register a customer whose rows are built on first use, so a sandbox starts at once."""
        with self._lock:
            if pno10 not in self._customers:
                self._pending[pno10] = build

    def add(
        self, pno10: str, rows: Iterable[Mapping[str, object]], *, replace: bool = True
    ) -> None:
        """Register a customer's rows; with ``replace=False`` an existing customer is kept."""
        stored = []
        pdfs = {}
        for row in rows:
            stored.append(
                _StoredRow(
                    php_json_bytes(row),
                    _text(row.get("status")),
                    _text(row.get("distributor_status")),
                )
            )
            hash_ = row.get("hash")
            if isinstance(hash_, str) and hash_:
                pdfs[hash_] = PdfInfo(
                    number=_text(row.get("invoiceid_real")),
                    amount=_text(row.get("topay")),
                    name=_text(row.get("name")),
                    invoice_type=_text(row.get("invoicetype")),
                    invoice_date=_text(row.get("invoicedate")),
                    due_date=_text(row.get("duedate")),
                )
        with self._lock:
            if not replace and pno10 in self._customers:
                return
            self._customers[pno10] = tuple(stored)
            self._version += 1
            self._pending.pop(pno10, None)
            self._pdfs.update(pdfs)

    def lookup(self, pno10: str, include_paid: bool) -> list[bytes] | None:
        """The customer's listed rows, encoded; None when the number has no customer."""
        self._build_pending(pno10)
        with self._lock:
            rows = self._customers.get(pno10)
        if rows is None:
            return None
        return [row.encoded for row in rows if row.listed(include_paid)]

    def add_pdf(self, hash_: str, info: PdfInfo) -> None:
        """A PDF for an invoice that is not one of the listed rows."""
        with self._lock:
            self._pdfs[hash_] = info

    @property
    def version(self) -> int:
        """Grows with every change, so that an index built over the store knows to rebuild."""
        with self._lock:
            return self._version

    def numbers(self) -> list[str]:
        """Every customer's 10-digit number, including those not built yet."""
        with self._lock:
            return [*self._customers, *(n for n in self._pending if n not in self._customers)]

    def all_rows(self, pno10: str) -> list[str] | None:
        """Every row of the customer, whatever its status (getInvoicesByCustomer has none)."""
        self._build_pending(pno10)
        with self._lock:
            rows = self._customers.get(pno10)
        return None if rows is None else [row.encoded.decode("ascii") for row in rows]

    def pdf(self, hash_: str) -> PdfInfo | None:
        with self._lock:
            info = self._pdfs.get(hash_)
            pending = list(self._pending) if info is None else []
        for pno10 in pending:  # a link to a customer nobody has looked up yet
            self._build_pending(pno10)
        with self._lock:
            return self._pdfs.get(hash_)

    def _build_pending(self, pno10: str) -> None:
        with self._build_lock:  # one build at a time, and never twice
            with self._lock:
                build = self._pending.get(pno10)
            if build is not None:
                self.add(pno10, build(), replace=False)
                with self._lock:
                    self._pending.pop(pno10, None)


def _text(value: object) -> str:
    return "" if value is None else str(value)
