"""One invoice's details, from the invoice object ``getPaymentInfo`` and ``getInvoiceByHash`` send.

Amounts in this object are in öre/cents and become currency units exactly
(:func:`~qvickly_desk.fields.ore_to_units`); totals are kept as the service states them, never
recomputed. Parsing never raises, whatever JSON value it is given: what cannot be read is
``None`` (or left out, for an article line) and named in ``problems``, so that the desk can say
what is missing instead of showing something invented.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from qvickly_desk.fields import (
    MAX_URL,
    FieldProblem,
    child,
    decimal_number,
    identity,
    iso_date,
    ore_to_units,
    text,
)
from qvickly_desk.invoices import web_link
from qvickly_desk.pno import IdentityNumber

__all__ = [
    "Address",
    "ArticleLine",
    "InvoiceDetails",
    "Totals",
    "is_invoice_object",
    "parse_invoice_details",
]

FREETEXT_ARTNR = "--freetext--"
_MAX_ARTICLES = 10_000
_MAX_TERMS_DAYS = 3_650
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Address:
    """A billing or shipping address as sent; every field is text, "" when not given."""

    first_name: str = field(default="", repr=False)
    last_name: str = field(default="", repr=False)
    company: str = field(default="", repr=False)
    street: str = field(default="", repr=False)
    street2: str = field(default="", repr=False)
    zip: str = field(default="", repr=False)
    city: str = field(default="", repr=False)
    country: str = ""
    email: str = field(default="", repr=False)
    phone: str = field(default="", repr=False)
    kind: str = ""  # "person" or "company", as sent

    @property
    def name(self) -> str:
        """First and last name; "" when neither is given."""
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def is_empty(self) -> bool:
        return not any(
            (self.name, self.company, self.street, self.street2, self.zip, self.city, self.email)
        )


@dataclass(frozen=True, slots=True)
class ArticleLine:
    """One line of the invoice; amounts in currency units, None where the line does not say."""

    artnr: str
    title: str = field(repr=False)
    quantity: Decimal | None
    unit_price: Decimal | None  # excl. VAT
    discount_percent: Decimal | None
    vat_percent: Decimal | None
    total_excl_vat: Decimal | None  # after discount

    @property
    def is_freetext(self) -> bool:
        """A text-only line (``artnr`` "--freetext--"): no quantity or price to show."""
        return self.artnr.lower() == FREETEXT_ARTNR


@dataclass(frozen=True, slots=True)
class Totals:
    """The ``Cart`` as the service states it, in currency units; never recomputed here."""

    handling_excl_vat: Decimal | None
    handling_vat_percent: Decimal | None
    shipping_excl_vat: Decimal | None
    shipping_vat_percent: Decimal | None
    excl_vat: Decimal | None
    vat: Decimal | None
    rounding: Decimal | None
    incl_vat: Decimal | None


@dataclass(frozen=True, slots=True)
class InvoiceDetails:
    """What one invoice says; text as sent (stripped, capped), None where the answer is silent."""

    number: str
    status: str  # PaymentData.status, shown as given whatever it is
    invoice_status: str  # PaymentInfo.invoiceStatus
    invoice_type: str  # "F", "K", ... when the answer says it; "" otherwise
    currency: str
    invoice_date: date | None
    due_date: date | None
    payment_method: str  # the code, e.g. "1"
    payment_method_name: str
    order_id: str
    your_reference: str = field(repr=False)
    our_reference: str = field(repr=False)
    project: str = field(repr=False)
    related_number: str  # the original of a credit invoice, or ""
    url: str = field(repr=False)  # as sent (capped); use ``pdf_url`` to open it
    customer_number: str
    pno: IdentityNumber | None
    billing: Address
    shipping: Address | None
    company_signer: IdentityNumber | None
    articles: tuple[ArticleLine, ...]
    totals: Totals | None
    balance_due: Decimal | None
    problems: tuple[str, ...] = ()

    @property
    def pdf_url(self) -> str | None:
        """The link if it is a plain http(s) address, else None (see ``Invoice.pdf_url``)."""
        return web_link(self.url)

    @property
    def paid_so_far(self) -> Decimal | None:
        """Total incl. VAT minus balance due, when the answer gives both."""
        if self.totals is None or self.totals.incl_vat is None or self.balance_due is None:
            return None
        return self.totals.incl_vat - self.balance_due

    @property
    def customer_name(self) -> str:
        """Who the invoice is to: the person's name, else the company's."""
        return self.billing.name or self.billing.company


class _Reader:
    """Collects the problems of one object while its fields are read."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def read(self, reader: Callable[[object, str], _T], value: object, path: str) -> _T | None:
        try:
            return reader(value, path)
        except FieldProblem as problem:
            self.problems.append(str(problem))
            return None

    def text(self, block: object, key: str, path: str, limit: int = 1_000) -> str:
        value = block.get(key) if isinstance(block, dict) else None
        try:
            return text(value, f"{path}.{key}", limit)
        except FieldProblem as problem:
            self.problems.append(str(problem))
            return ""


def is_invoice_object(value: object) -> bool:
    """Whether ``value`` is an invoice object (it has ``PaymentData``), not a list row."""
    return isinstance(value, dict) and "PaymentData" in value


def parse_invoice_details(data: object, asked_number: str = "") -> InvoiceDetails:
    """The details of the invoice object ``data``; never raises.

    ``asked_number`` is the number the invoice was asked for by, used when the answer leaves
    ``PaymentData.number`` out. A ``data`` that is no object at all gives empty details with
    that problem named.
    """
    reader = _Reader()
    if isinstance(data, list) and len(data) == 1 and isinstance(data[0], dict):
        data = data[0]  # a list of one, as getInvoicesByCustomer sends them
    if not isinstance(data, dict):
        reader.problems.append("answer is not an invoice object")
        data = {}
    payment = child(data, "PaymentData")
    info = child(data, "PaymentInfo")
    customer = child(data, "Customer")
    number = reader.text(payment, "number", "PaymentData") or asked_number.strip()[:64]
    invoice_date = reader.read(iso_date, info.get("paymentdate"), "PaymentInfo.paymentdate")
    return InvoiceDetails(
        number=number,
        status=reader.text(payment, "status", "PaymentData"),
        invoice_status=reader.text(info, "invoiceStatus", "PaymentInfo"),
        invoice_type=reader.text(payment, "invoicetype", "PaymentData"),
        currency=reader.text(payment, "currency", "PaymentData", 8).upper(),
        invoice_date=invoice_date,
        due_date=_due_date(reader, payment, info, invoice_date),
        payment_method=reader.text(payment, "method", "PaymentData", 16),
        payment_method_name=reader.text(payment, "method_name", "PaymentData"),
        order_id=reader.text(payment, "orderid", "PaymentData"),
        your_reference=reader.text(info, "yourreference", "PaymentInfo"),
        our_reference=reader.text(info, "ourreference", "PaymentInfo"),
        project=reader.text(info, "projectname", "PaymentInfo"),
        related_number=reader.text(payment, "paymentid_related", "PaymentData", 64),
        url=reader.text(payment, "url", "PaymentData", MAX_URL),
        customer_number=reader.text(customer, "nr", "Customer", 64),
        pno=identity(customer.get("pno")),
        billing=_address(reader, child(customer, "Billing"), "Customer.Billing"),
        shipping=_shipping(reader, child(customer, "Shipping")),
        company_signer=identity(child(customer, "companySigner").get("pno")),
        articles=_articles(reader, data.get("Articles")),
        totals=_totals(reader, data.get("Cart")),
        balance_due=reader.read(ore_to_units, info.get("balancedue"), "PaymentInfo.balancedue"),
        problems=tuple(reader.problems),
    )


def _due_date(
    reader: _Reader,
    payment: dict[str, object],
    info: dict[str, object],
    invoice_date: date | None,
) -> date | None:
    """``PaymentData.duedate`` when sent, else the invoice date plus ``paymentterms`` days."""
    if payment.get("duedate") not in (None, ""):
        return reader.read(iso_date, payment.get("duedate"), "PaymentData.duedate")
    terms = reader.read(decimal_number, info.get("paymentterms"), "PaymentInfo.paymentterms")
    if invoice_date is None or terms is None:
        return None
    if terms != terms.to_integral_value() or not 0 <= terms <= _MAX_TERMS_DAYS:
        reader.problems.append("PaymentInfo.paymentterms: not a number of days")
        return None
    try:
        return invoice_date + timedelta(days=int(terms))
    except OverflowError:
        reader.problems.append("PaymentInfo.paymentterms: due date out of range")
        return None


def _address(reader: _Reader, block: dict[str, object], path: str) -> Address:
    def get(key: str) -> str:
        return reader.text(block, key, path)

    return Address(
        first_name=get("firstname"),
        last_name=get("lastname"),
        company=get("company"),
        street=get("street"),
        street2=get("street2"),
        zip=get("zip"),
        city=get("city"),
        country=get("country"),
        email=get("email"),
        phone=get("phone"),
        kind=get("type"),
    )


def _shipping(reader: _Reader, block: dict[str, object]) -> Address | None:
    address = _address(reader, block, "Customer.Shipping")
    return None if address.is_empty else address


def _articles(reader: _Reader, value: object) -> tuple[ArticleLine, ...]:
    if value is None or value == "" or value == {}:
        return ()
    if isinstance(value, dict):  # a PHP array with odd keys arrives as an object
        value = list(value.values())
    if not isinstance(value, list):
        reader.problems.append("Articles: not a list")
        return ()
    lines = []
    for index, line in enumerate(value[:_MAX_ARTICLES]):
        path = f"Articles[{index}]"
        if not isinstance(line, dict):
            reader.problems.append(f"{path}: not an article line")
            continue
        lines.append(
            ArticleLine(
                artnr=reader.text(line, "artnr", path, 200),
                title=reader.text(line, "title", path),
                quantity=reader.read(decimal_number, line.get("quantity"), f"{path}.quantity"),
                unit_price=reader.read(ore_to_units, line.get("aprice"), f"{path}.aprice"),
                discount_percent=reader.read(
                    decimal_number, line.get("discount"), f"{path}.discount"
                ),
                vat_percent=reader.read(decimal_number, line.get("taxrate"), f"{path}.taxrate"),
                total_excl_vat=reader.read(
                    ore_to_units, line.get("withouttax"), f"{path}.withouttax"
                ),
            )
        )
    if len(value) > _MAX_ARTICLES:
        reader.problems.append("Articles: too many lines, the rest are left out")
    return tuple(lines)


def _totals(reader: _Reader, cart: object) -> Totals | None:
    if not isinstance(cart, dict) or not cart:
        return None
    handling, shipping = child(cart, "Handling"), child(cart, "Shipping")
    total = child(cart, "Total")

    def ore(block: dict[str, object], key: str, path: str) -> Decimal | None:
        return reader.read(ore_to_units, block.get(key), f"Cart.{path}.{key}")

    def percent(block: dict[str, object], path: str) -> Decimal | None:
        return reader.read(decimal_number, block.get("taxrate"), f"Cart.{path}.taxrate")

    return Totals(
        handling_excl_vat=ore(handling, "withouttax", "Handling"),
        handling_vat_percent=percent(handling, "Handling"),
        shipping_excl_vat=ore(shipping, "withouttax", "Shipping"),
        shipping_vat_percent=percent(shipping, "Shipping"),
        excl_vat=ore(total, "withouttax", "Total"),
        vat=ore(total, "tax", "Total"),
        rounding=ore(total, "rounding", "Total"),
        incl_vat=ore(total, "withtax", "Total"),
    )
