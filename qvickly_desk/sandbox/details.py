"""Invoice objects for the sandbox's ``getPaymentInfo``, ``getInvoiceByHash`` and
``getInvoicesByCustomer``, built from the very rows ``getInvoicesByPno`` lists
(:mod:`.invoice_objects` makes each one, as untidy as the service). Åsa Öberg's invoices
(customer 504, no identity number) add a part-paid one with a rounding line, a handling fee
and a freetext line (4001), one without ``Cart`` or lines and with an impossible settlement
date (4002), and one not yet dated with an unknown status and a quantity of 3.5 (4003).
"""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from qvickly_desk.fields import child
from qvickly_desk.sandbox.data import invoice_hash, pdf_link
from qvickly_desk.sandbox.invoice_objects import NO_DATE, Listed, invoice_object
from qvickly_desk.sandbox.people import (
    CUSTOMERS,
    NO_PNO_CUSTOMER_NAME,
    NO_PNO_CUSTOMER_NUMBER,
    DemoCustomer,
)
from qvickly_desk.sandbox.store import InvoiceStore, PdfInfo

__all__ = ["DetailsBook"]


def _no_pno_invoices(base_url: str, today: date) -> list[tuple[dict[str, object], str]]:
    """Åsa Öberg's three invoices as (invoice object, hash)."""
    customer = next(c for c in CUSTOMERS if c.number == NO_PNO_CUSTOMER_NUMBER)
    objects = []
    for number, status, invoice_status in (
        ("4001", "Sent", "Sent"),
        ("4002", "Cancelled", "Cancelled"),
        ("4003", "OnHold", ""),
    ):
        hash_ = invoice_hash(f"no-pno:{number}")
        invoice_date = today - timedelta(days=15)
        row: dict[str, object] = {
            "invoiceid_real": number,
            "status": status,
            "distributor_status": invoice_status,
            "invoicedate": invoice_date.isoformat(),
            "duedate": (invoice_date + timedelta(days=30)).isoformat(),
            "topay": "0",
            "fileurl": pdf_link(base_url, hash_),
            "invoicetype": "F",
        }
        invoice = invoice_object(Listed(row, customer, ""))
        payment, info = invoice["PaymentData"], invoice["PaymentInfo"]
        assert isinstance(payment, dict) and isinstance(info, dict)
        if number == "4001":
            invoice["Articles"] = [
                _line("JK-01", "Vinterjacka", "1", "159920", "0", "159920", "25"),
                _line("--freetext--", "Tack för ditt köp!", "0", "0", "0", "0", "0"),
            ]
            invoice["Cart"] = {
                "Handling": {"withouttax": "2900", "taxrate": "25"},
                "Shipping": {"withouttax": "", "taxrate": ""},
                "Total": {
                    "withouttax": "162820",
                    "tax": "40705",
                    "rounding": "-25",
                    "withtax": "203500",
                },
            }
            info["balancedue"] = "103500"  # 1 000,00 of 2 035,00 paid
        elif number == "4002":
            invoice["Articles"] = []
            del invoice["Cart"]
            info["balancedue"] = ""
            invoice["Settlement"] = {"number": "77", "date": "2023-12-59"}
        else:
            info["paymentdate"] = NO_DATE
            info["paymentterms"] = "30"
            invoice["Articles"] = [
                _line("TIM", "Konsulttimmar", "3.5", "80000", "10", "252000", "25"),
            ]
            invoice["Cart"] = {
                "Handling": {"withouttax": 0, "taxrate": 25},
                "Shipping": {"withouttax": 0, "taxrate": 25},
                "Total": {"withouttax": 252000, "tax": 63000, "rounding": 0, "withtax": 315000},
            }
            info["balancedue"] = 315000
        objects.append((invoice, hash_))
    return objects


def _line(*values: str) -> dict[str, object]:
    keys = ("artnr", "title", "quantity", "aprice", "discount", "withouttax", "taxrate")
    return dict(zip(keys, values, strict=True))


class DetailsBook:
    """Finds invoices by number, hash and customer number across the sandbox's store.

    The index is rebuilt when the store changes (a test adds a customer), so every listed
    invoice has details, including the ones of customers added later.
    """

    def __init__(self, store: InvoiceStore, base_url: str, today: date) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._version = -1
        self._by_number: dict[str, Listed] = {}
        self._by_hash: dict[str, str] = {}
        self._by_pno: dict[str, list[Listed]] = {}
        self._extra = _no_pno_invoices(base_url, today)

    def extra_pdfs(self) -> list[tuple[str, PdfInfo]]:
        """PDFs for the invoices that are in no list (customer 504's)."""
        pdfs = []
        for invoice, hash_ in self._extra:
            payment, info = invoice["PaymentData"], invoice["PaymentInfo"]
            assert isinstance(payment, dict) and isinstance(info, dict)
            total = child(child(invoice, "Cart"), "Total").get("withtax", 0)
            pdfs.append(
                (
                    hash_,
                    PdfInfo(
                        number=str(payment.get("number", "")),
                        amount=f"{Decimal(str(total or 0)) / 100:.2f}",
                        name=NO_PNO_CUSTOMER_NAME,
                        invoice_type="F",
                        invoice_date=str(info.get("paymentdate", ""))[:10],
                        due_date="",
                    ),
                )
            )
        return pdfs

    def by_number(self, number: str) -> dict[str, object] | None:
        """The invoice object getPaymentInfo answers for ``number``, or None."""
        for invoice, _ in self._extra:
            if _number_of(invoice) == number:
                return _with_settlement(invoice)
        listed = self._index()[0].get(number)
        return invoice_object(listed, asked_by_number=True) if listed is not None else None

    def by_hash(self, hash_: str) -> dict[str, object] | None:
        """The invoice object getInvoiceByHash answers for ``hash_`` (exact), or None."""
        for invoice, extra_hash in self._extra:
            if extra_hash == hash_:
                return _by_hash_shape(invoice)
        by_number, by_hash = self._index()[:2]
        number = by_hash.get(hash_)
        if number is None:
            return None
        return _by_hash_shape(invoice_object(by_number[number]))

    def customer(self, customer_number: str) -> DemoCustomer | None:
        """The customer with this customer number or (full match) organisation number."""
        wanted = customer_number.strip()
        for customer in self._customers():
            if wanted in (customer.number, customer.companyno) and wanted.strip("0"):
                return customer
        return None

    def customer_elements(self, customer: DemoCustomer) -> list[str] | None:
        """getInvoicesByCustomer's answer for ``customer``: PHP-encoded elements, or None
        for invoice objects still to be encoded by the caller."""
        if not customer.invoice_objects and customer.pno10:
            return self._store.all_rows(customer.pno10) or []
        return None

    def customer_objects(self, customer: DemoCustomer) -> list[dict[str, object]]:
        if customer.number == NO_PNO_CUSTOMER_NUMBER:
            return [_customer_list_shape(invoice) for invoice, _ in self._extra]
        listed = self._index()[2].get(customer.pno10, [])
        return [invoice_object(each, for_customer_list=True) for each in listed]

    def _customers(self) -> list[DemoCustomer]:
        known = {customer.pno10 for customer in CUSTOMERS if customer.pno10}
        added = [
            _added_customer(pno10, rows[0].row.get("name"))
            for pno10, rows in self._index()[2].items()
            if pno10 not in known and rows
        ]
        return [*CUSTOMERS, *added]

    def _index(self) -> tuple[dict[str, Listed], dict[str, str], dict[str, list[Listed]]]:
        with self._lock:
            version = self._store.version
            if version != self._version:
                self._rebuild()  # may build pending customers, which changes the version
                self._version = self._store.version
            return self._by_number, self._by_hash, self._by_pno

    def _rebuild(self) -> None:
        by_number: dict[str, Listed] = {}
        by_hash: dict[str, str] = {}
        by_pno: dict[str, list[Listed]] = {}
        demo = {customer.pno10: customer for customer in CUSTOMERS if customer.pno10}
        for pno10 in self._store.numbers():
            rows = [json.loads(encoded) for encoded in self._store.all_rows(pno10) or []]
            owner = demo.get(pno10) or _added_customer(pno10, rows[0].get("name") if rows else "")
            originals = {str(r.get("creditinvoiceid")): str(r["invoiceid_real"]) for r in rows}
            listed_rows = []
            for row in rows:
                number = str(row.get("invoiceid_real"))
                related = str(row.get("creditinvoiceid") or "") or originals.get(number, "")
                listed = Listed(row, owner, related)
                listed_rows.append(listed)
                by_number.setdefault(number, listed)
                if row.get("hash"):
                    by_hash.setdefault(str(row["hash"]), number)
            by_pno[pno10] = listed_rows
        self._by_number, self._by_hash, self._by_pno = by_number, by_hash, by_pno


def _added_customer(pno10: str, name: object) -> DemoCustomer:
    """A customer a test added with ``add_customer``: its number doubles as customer number."""
    template = CUSTOMERS[0]
    return replace(
        template,
        number=pno10,
        name=str(name or ""),
        pno10=pno10,
        pno_as_sent=pno10,
        companyno=pno10,
        shipping_street="",
        invoice_objects=False,
    )


def _number_of(invoice: dict[str, object]) -> str:
    payment = invoice.get("PaymentData")
    return str(payment.get("number", "")) if isinstance(payment, dict) else ""


def _with_settlement(invoice: dict[str, object]) -> dict[str, object]:
    copy: dict[str, object] = json.loads(json.dumps(invoice))  # answers never share objects
    return copy


def _by_hash_shape(invoice: dict[str, object]) -> dict[str, object]:
    """getInvoiceByHash's object: getPaymentInfo's without Card and Settlement, plus log fields."""
    copy = _with_settlement(invoice)
    copy.pop("Card", None)
    copy.pop("Settlement", None)
    copy.update({"apiLogsid": "1", "apiVersion": "2.5.0", "apiClient": "sandbox"})
    return copy


def _customer_list_shape(invoice: dict[str, object]) -> dict[str, object]:
    copy = _with_settlement(invoice)
    payment, info = copy["PaymentData"], copy["PaymentInfo"]
    assert isinstance(payment, dict) and isinstance(info, dict)
    payment["paiddate"] = NO_DATE
    copy.pop("Card", None)
    copy.pop("Settlement", None)
    copy["mexcCustomerinvoicesid"] = "88" + str(payment.get("number", ""))
    return copy
