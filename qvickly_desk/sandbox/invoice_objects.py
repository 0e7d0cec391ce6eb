"""One invoice object as the sandbox's ``getPaymentInfo`` sends it, from its ``getInvoicesByPno``
list row.

Each object agrees with its list row (number, status, amounts in öre, dates, name, link), and is
as untidy as the documentation shows the service to be, on purpose and always for the same
invoices: amounts as ints for even numbers and as strings for odd ones, no ``number`` in 1003
when asked for by number, no ``balancedue`` in 1004 and 1007, ``alladdresses`` "" or a list,
no ``company`` key for a person, an empty shipping address where there is none, a cancelled
invoice (1005) whose total incl. VAT is 0 beside non-zero lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from qvickly_desk.sandbox.people import DemoCustomer

__all__ = ["NO_DATE", "Listed", "invoice_object"]

_VAT = Decimal("1.25")
NO_DATE = "0000-00-00 00:00:00"


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
    payment["paiddate"] = str(row.get("invoicedate")) if paid else NO_DATE
    invoice["mexcCustomerinvoicesid"] = row.get("mexcCustomerinvoicesid", "")
    del invoice["Card"], invoice["Settlement"]
