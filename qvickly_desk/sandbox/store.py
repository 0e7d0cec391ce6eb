"""The sandbox's invoice store: rows kept pre-encoded the PHP way, filtered by the status asked for.

Each row is encoded once, when it is added, so an answer of 100,000 invoices is a join of ready
strings instead of a fresh encoding per call; the signature is then computed over exactly those
bytes.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from qvickly_desk.sandbox.data import FIELDS
from qvickly_desk.signing import php_json_encode

__all__ = ["InvoiceStore", "PdfInfo", "encode_row"]

_OPEN_DISTRIBUTOR = frozenset({"Created", "Sent"})
_INTEGER_KEY = re.compile(r"-?(0|[1-9][0-9]*)")
_PLAIN_KEYS = frozenset(FIELDS)  # plain ASCII keys, known not to need a check


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
    encoded: str
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
                    encode_row(row),
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
            self._pending.pop(pno10, None)
            self._pdfs.update(pdfs)

    def lookup(self, pno10: str, include_paid: bool) -> list[str] | None:
        """The customer's listed rows, encoded; None when the number has no customer."""
        self._build_pending(pno10)
        with self._lock:
            rows = self._customers.get(pno10)
        if rows is None:
            return None
        return [row.encoded for row in rows if row.listed(include_paid)]

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


def encode_row(row: Mapping[str, object]) -> str:
    """``php_json_encode(row)``, taking the fast road through ``json`` when it gives the same bytes.

    ``json.dumps`` with ASCII escapes matches PHP for strings (once ``/`` is escaped), ints, bools
    and null. Floats print differently, so each is swapped for a marker and PHP's form put back;
    DEL, NUL and integer-like keys go the exact (slow) way.
    """
    if not isinstance(row, dict) or not row:
        return php_json_encode(row)
    strings: list[str] = []
    floats: dict[str, str] = {}
    for key, value in row.items():
        if key not in _PLAIN_KEYS:
            if not isinstance(key, str) or _INTEGER_KEY.fullmatch(key):
                return php_json_encode(row)
            strings.append(key)
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, float):
            floats[key] = php_json_encode(value)
        elif value is not None and not isinstance(value, int):  # bool is an int
            return php_json_encode(row)
    text = "".join(strings)
    if "\x7f" in text or "\x00" in text or not _no_surrogates(text):
        return php_json_encode(row)
    if floats:
        row = {key: f"\x00{key}\x00" if key in floats else value for key, value in row.items()}
    text = json.dumps(row, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/")
    for key, number in floats.items():
        marker = json.dumps(f"\x00{key}\x00", ensure_ascii=True).replace("/", "\\/")
        text = text.replace(marker, number, 1)
    return text


def _no_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _text(value: object) -> str:
    return "" if value is None else str(value)
