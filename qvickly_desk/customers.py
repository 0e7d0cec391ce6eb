"""The merchant's customer records (``getCustomersByName``) and a customer's invoices
(``getInvoicesByCustomer``), parsed tolerantly; neither ever raises.

``getInvoicesByCustomer`` answers a list whose elements come in two shapes, invoice objects or
``getInvoicesByPno``-style rows (told apart by ``PaymentData``). Both become the very
:class:`~qvickly_desk.invoices.Invoice` rows the invoice list shows: an invoice object is first
put into the list-row shape (öre turned into currency units) and then read by the list's own
rules, so a row means the same whichever function brought it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from qvickly_desk.details import is_invoice_object
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
from qvickly_desk.invoices import InvoiceList, RowError, parse_invoices
from qvickly_desk.pno import IdentityNumber

__all__ = [
    "CUSTOMER_FIELDS",
    "CustomerList",
    "CustomerRecord",
    "parse_customer_invoices",
    "parse_customers",
]

CUSTOMER_FIELDS = (
    "customerid",
    "name",
    "companyno",
    "address",
    "postcode",
    "postoffice",
    "email",
    "telephone",
    "mobile",
)
"""The service's names of the fields the desk shows, in this order in JSON and CSV."""

_MAX_RECORDS = 100_000
_MAX_TERMS_DAYS = 3_650


@dataclass(frozen=True, slots=True)
class CustomerRecord:
    """One customer of the merchant; text as sent (stripped, capped), "" where not given."""

    customer_number: str  # customerid: what getInvoicesByCustomer takes
    name: str = field(repr=False)
    name2: str = field(repr=False)
    identity: IdentityNumber | None  # from companyno; None for "", zeros or an invalid one
    address: str = field(repr=False)
    address2: str = field(repr=False)
    postcode: str = field(repr=False)
    postoffice: str = field(repr=False)
    country: str
    email: str = field(repr=False)
    telephone: str = field(repr=False)
    mobile: str = field(repr=False)

    def to_api_dict(self) -> dict[str, str | None]:
        """``CUSTOMER_FIELDS`` as text; ``companyno`` in its checked form, or None."""
        return {
            "customerid": self.customer_number,
            "name": self.name,
            "companyno": self.identity.display() if self.identity is not None else None,
            "address": self.address,
            "postcode": self.postcode,
            "postoffice": self.postoffice,
            "email": self.email,
            "telephone": self.telephone,
            "mobile": self.mobile,
        }


@dataclass(frozen=True, slots=True)
class CustomerList:
    """The records that could be read, and a ``RowError`` for each element that could not."""

    customers: tuple[CustomerRecord, ...]
    row_errors: tuple[RowError, ...] = ()


def _elements(data: object) -> list[object] | None:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if not data:
            return []
        values = list(data.values())
        if all(isinstance(value, dict) for value in values):
            return values  # a PHP array with non-sequential keys
        return [data]  # one record on its own
    if data is None or data == "":
        return []
    return None


def parse_customers(data: object) -> CustomerList:
    """The ``data`` of a ``getCustomersByName`` answer; never raises."""
    elements = _elements(data)
    if elements is None:
        return CustomerList((), (RowError(-1, "answer is not a list of customers"),))
    records: list[CustomerRecord] = []
    errors: list[RowError] = []
    for index, element in enumerate(elements[:_MAX_RECORDS]):
        if not isinstance(element, dict):
            errors.append(RowError(index, "element is not a customer record"))
            continue
        try:
            records.append(_record(element))
        except FieldProblem as problem:
            errors.append(RowError(index, str(problem)))
    return CustomerList(tuple(records), tuple(errors))


def _record(element: dict[str, object]) -> CustomerRecord:
    def get(key: str) -> str:
        return text(element.get(key), key)

    number = get("customerid")
    if not number:
        raise FieldProblem("customerid: missing")
    return CustomerRecord(
        customer_number=number[:64],
        name=get("name"),
        name2=get("name2"),
        identity=identity(element.get("companyno")),
        address=get("address"),
        address2=get("address2"),
        postcode=get("postcode"),
        postoffice=get("postoffice"),
        country=get("country"),
        email=get("email"),
        telephone=get("telephone"),
        mobile=get("mobile"),
    )


def parse_customer_invoices(
    data: object, should_stop: Callable[[], bool] | None = None
) -> InvoiceList:
    """The ``data`` of a ``getInvoicesByCustomer`` answer as invoice rows; never raises.

    Elements of either shape may be mixed; positions in ``row_errors`` are positions in the
    answer. An empty answer (``[]``, ``""``, null) is no invoices.
    """
    if data is None or data == "":
        return InvoiceList(())
    if is_invoice_object(data):
        data = [data]
    if not (isinstance(data, list) and any(is_invoice_object(element) for element in data)):
        return parse_invoices(data, should_stop)
    # An open invoice object without ``balancedue`` does not say what is left to pay; the list's
    # reader would take the missing value for 0,00, which an agent would read to the customer.
    # Such a row is reported, not shown. (Paid, cancelled or credited: nothing is left to pay.)
    unknown_balance = {
        index
        for index, element in enumerate(data)
        if is_invoice_object(element) and _balance_unknown(element)
    }
    rows = [_as_row(element) if is_invoice_object(element) else element for element in data]
    parsed = parse_invoices(rows, should_stop)
    if not unknown_balance:
        return parsed
    return _without_unknown_balances(parsed, len(rows), unknown_balance)


_CLOSED_STATUSES = frozenset({"paid", "cancelled", "credited"})


def _balance_unknown(invoice: object) -> bool:
    if child(invoice, "PaymentInfo").get("balancedue") not in (None, ""):
        return False
    status = child(invoice, "PaymentData").get("status")
    return not (isinstance(status, str) and status.strip().lower() in _CLOSED_STATUSES)


def _without_unknown_balances(parsed: InvoiceList, count: int, unknown: set[int]) -> InvoiceList:
    """``parsed`` with the invoices at the ``unknown`` positions moved to the row errors."""
    unread = {error.index for error in parsed.row_errors if not error.cut}
    positions = [index for index in range(count) if index not in unread]  # one per invoice
    invoices, errors = [], list(parsed.row_errors)
    for position, invoice in zip(positions, parsed.invoices, strict=True):
        if position in unknown:
            errors.append(RowError(position, "balancedue: not given", invoice.number[:64]))
        else:
            invoices.append(invoice)
    errors.sort(key=lambda error: error.index)
    return InvoiceList(tuple(invoices), tuple(errors))


def _as_row(invoice: object) -> dict[str, object]:
    """An invoice object in the shape of a ``getInvoicesByPno`` row, amounts in currency units.

    Only what a row holds is read (thousands of objects may come in one answer). What cannot
    be read is passed on as it came, so that the list's reader names the problem (under the
    row's field name) instead of this turning it into something.
    """
    assert isinstance(invoice, dict)
    payment = child(invoice, "PaymentData")
    info = child(invoice, "PaymentInfo")
    billing = child(child(invoice, "Customer"), "Billing")
    total = child(child(invoice, "Cart"), "Total")
    return {
        "status": payment.get("status"),
        "name": _name(billing),
        "invoicedate": _date_or_raw(info.get("paymentdate")),
        "duedate": _due_date(payment, info),
        "topay": _units_or_raw(total.get("withtax")),
        "invoiceid_real": payment.get("number"),
        "fileurl": _text_or_raw(payment.get("url"), MAX_URL),
        "balancedue": _units_or_raw(info.get("balancedue")),
        "invoicetype": payment.get("invoicetype"),
        "distributor_status": info.get("invoiceStatus"),
        "creditinvoiceid": payment.get("paymentid_related"),
        "hash": invoice.get("hash"),
        "mm3servicesid": None,
        "mexcModulesid": None,
        "mexcCustomerinvoicesid": invoice.get("mexcCustomerinvoicesid"),
    }


def _name(billing: dict[str, object]) -> str:
    """First and last name, else the company: the name the invoice list shows."""
    try:
        parts = [text(billing.get(key), key) for key in ("firstname", "lastname")]
        return " ".join(part for part in parts if part) or text(billing.get("company"), "company")
    except FieldProblem:
        return ""


def _due_date(payment: dict[str, object], info: dict[str, object]) -> object:
    """``PaymentData.duedate``, else the invoice date plus ``paymentterms`` days."""
    if payment.get("duedate") not in (None, ""):
        return _date_or_raw(payment.get("duedate"))
    try:
        invoice_date = iso_date(info.get("paymentdate"), "paymentdate")
        terms = decimal_number(info.get("paymentterms"), "paymentterms")
    except FieldProblem:
        return ""
    if invoice_date is None or terms is None or terms != terms.to_integral_value():
        return ""
    if not 0 <= terms <= _MAX_TERMS_DAYS:
        return ""
    return (invoice_date + timedelta(days=int(terms))).isoformat()


def _units_or_raw(value: object) -> object:
    try:
        amount = ore_to_units(value)
    except FieldProblem:
        return value
    return "" if amount is None else format(amount, "f")


def _date_or_raw(raw: object) -> object:
    """The date as ``YYYY-MM-DD``; else what was sent, so that a bad one is reported."""
    try:
        parsed = iso_date(raw, "date")
    except FieldProblem:
        return raw
    return parsed.isoformat() if parsed is not None else ""


def _text_or_raw(value: object, limit: int) -> object:
    try:
        return text(value, "url", limit)
    except FieldProblem:
        return value
