"""Invoice objects for the sandbox's ``getPaymentInfo``, ``getInvoiceByHash`` and
``getInvoicesByCustomer``, built from the very rows ``getInvoicesByPno`` lists.

Each object agrees with its list row (number, status, amounts in öre, dates, name, link), and is
as untidy as the documentation shows the service to be, on purpose and always for the same
invoices: amounts as ints for even numbers and as strings for odd ones, no ``number`` in 1003
when asked for by number, no ``balancedue`` in 1004 and 1007, ``alladdresses`` "" or a list,
no ``company`` key for a person, an empty shipping address where there is none, a cancelled
invoice (1005) whose total incl. VAT is 0 beside non-zero lines. Åsa Öberg's invoices
(customer 504, no identity number) add a part-paid one with a rounding line, a handling fee
and a freetext line (4001), one without ``Cart`` or lines and with an impossible settlement
date (4002), and one not yet dated with an unknown status and a quantity of 3.5 (4003).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from qvickly_desk.fields import child
from qvickly_desk.sandbox.data import invoice_hash, pdf_link
from qvickly_desk.sandbox.people import (
    CUSTOMERS,
    NO_PNO_CUSTOMER_NAME,
    NO_PNO_CUSTOMER_NUMBER,
    DemoCustomer,
)
from qvickly_desk.sandbox.store import InvoiceStore, PdfInfo

__all__ = ["DetailsBook", "Listed", "invoice_object"]

_VAT = Decimal("1.25")
_NO_DATE = "0000-00-00 00:00:00"


@dataclass(frozen=True, slots=True)
class Listed:
    """One invoice the sandbox knows: its list row, whose it is, and the invoice it relates to."""

    row: dict[str, object]
    customer: DemoCustomer
    related: str


def _ore(amount: object) -> int:
    return int((Decimal(str(amount)) * 100).to_integral_value(ROUND_HALF_UP))


def _amount(value: int, as_int: bool) -> int | str:
    return value if as_int else str(value)


def _address(customer: DemoCustomer, street: str, with_email: bool) -> dict[str, object]:
    address: dict[str, object] = {
        "firstname": customer.first_name,
        "lastname": customer.last_name,
        "street": street,
        "street2": "",
        "zip": customer.zip,
        "city": customer.city,
        "country": "SE",
        "phone": customer.phone,
    }
    if customer.kind == "company":
        address["company"] = customer.name  # a person's address has no company key at all
    if with_email:
        address["email"] = customer.email
        address["type"] = customer.kind
    return address


def _empty_shipping() -> dict[str, object]:
    keys = ("firstname", "lastname", "company", "street", "street2", "zip", "city", "country")
    return dict.fromkeys(keys, "")


def invoice_object(
    listed: Listed, *, for_customer_list: bool = False, asked_by_number: bool = False
) -> dict[str, object]:
    """The invoice object of one listed invoice, as getPaymentInfo sends it.

    ``asked_by_number``: the caller knows the number, and 1003 then comes without it.
    """
    row, customer = listed.row, listed.customer
    number = str(row["invoiceid_real"])
    numeric = int(number) if number.isdigit() else 0
    as_int = numeric % 2 == 0
    invoice_date = date.fromisoformat(str(row["invoicedate"]))
    due_date = date.fromisoformat(str(row["duedate"]))
    total = _ore(row["topay"])
    excl = int((Decimal(total) / _VAT).to_integral_value(ROUND_HALF_UP))
    tax = total - excl
    lines_excl = excl
    if str(row.get("status")) == "Cancelled" and total == 0 and numeric == 1005:
        lines_excl = 55_600  # the documented cancelled invoice: lines, and 0 to pay
        excl, tax = lines_excl, 13_900
    shipping = (
        _address(customer, customer.shipping_street, False)
        if customer.shipping_street
        else _empty_shipping()
    )
    payment: dict[str, object] = {
        "method": 1 if as_int else "1",
        "method_name": "Faktura",
        "currency": "SEK",
        "country": "se",
        "language": "sv",
        "orderid": f"O-{number}",
        "status": row.get("status", ""),
        "paymentid_related": listed.related,
        "url": row.get("fileurl", ""),
        "number": number,
        "invoicetype": row.get("invoicetype", ""),
        "alladdresses": [] if numeric % 2 else "",
    }
    if numeric % 2 and customer.shipping_street:
        payment["alladdresses"] = [_address(customer, customer.street, True), shipping]
    if numeric == 1003 and asked_by_number:
        del payment["number"]
    info: dict[str, object] = {
        "paymentdate": invoice_date.isoformat(),
        "paymentterms": str((due_date - invoice_date).days),
        "yourreference": customer.name if customer.kind == "company" else "",
        "ourreference": "Kundtjänst",
        "projectname": "",
        "deliverymethod": "Post",
        "deliveryterms": "FVD",
        "invoiceStatus": row.get("distributor_status", ""),
        "balancedue": _amount(_ore(row.get("balancedue") or 0), as_int),
    }
    if numeric in (1004, 1007):
        del info["balancedue"]
    customer_block: dict[str, object] = {
        "nr": customer.number,
        "pno": customer.pno_as_sent,
        "Billing": _address(customer, customer.street, True),
        "Shipping": shipping,
    }
    if customer.signer_pno:
        customer_block["companySigner"] = {"pno": customer.signer_pno}
    article = {
        "artnr": f"A-{numeric % 97:03d}",
        "title": "Ränta" if row.get("invoicetype") == "RF" else "Varor enligt order",
        "quantity": "-1" if lines_excl < 0 else "1",
        "aprice": _amount(abs(lines_excl), as_int),
        "discount": "0",
        "withouttax": _amount(lines_excl, as_int),
        "taxrate": "25",
    }
    invoice: dict[str, object] = {
        "PaymentData": payment,
        "PaymentInfo": info,
        "Card": {"promptname": "", "recurring": "", "recurringnr": ""},
        "Customer": customer_block,
        "Articles": [article],
        "Cart": {
            "Handling": {"withouttax": _amount(0, as_int), "taxrate": "25"},
            "Shipping": {"withouttax": _amount(0, as_int), "taxrate": "25"},
            "Total": {
                "withouttax": _amount(excl, as_int),
                "tax": _amount(tax, as_int),
                "rounding": _amount(0, as_int),
                "withtax": _amount(total, as_int),
            },
        },
        "Settlement": {"number": "", "date": ""},
    }
    if for_customer_list:
        _for_customer_list(invoice, row, due_date)
    return invoice


def _for_customer_list(invoice: dict[str, object], row: dict[str, object], due: date) -> None:
    """What getInvoicesByCustomer adds to each object: due date, paid date, its own id."""
    payment = invoice["PaymentData"]
    assert isinstance(payment, dict)
    payment["duedate"] = due.isoformat()
    paid = str(row.get("distributor_status")) == "Paid"
    payment["paiddate"] = str(row.get("invoicedate")) if paid else _NO_DATE
    invoice["mexcCustomerinvoicesid"] = row.get("mexcCustomerinvoicesid", "")
    del invoice["Card"], invoice["Settlement"]


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
            info["paymentdate"] = _NO_DATE
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
    payment["paiddate"] = _NO_DATE
    copy.pop("Card", None)
    copy.pop("Settlement", None)
    copy["mexcCustomerinvoicesid"] = "88" + str(payment.get("number", ""))
    return copy
