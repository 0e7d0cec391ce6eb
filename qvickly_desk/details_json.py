"""An invoice's details as the command line's ``show --format json`` object.

The keys are fixed (scripts depend on them; the README lists them): amounts as strings with two
decimals in currency units, quantities and percents as plain decimals ("3.5", "25", "-1"),
everything the answer does not give as ``null``.
"""

from __future__ import annotations

from decimal import Decimal

from qvickly_desk.details import Address, ArticleLine, InvoiceDetails
from qvickly_desk.formatting import plain_amount

__all__ = ["details_json"]


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else plain_amount(value)


def _plain(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _text(value: str) -> str | None:
    return value or None


def _address(address: Address | None) -> dict[str, str | None] | None:
    if address is None:
        return None
    return {
        "name": _text(address.name),
        "company": _text(address.company),
        "street": _text(address.street),
        "street2": _text(address.street2),
        "zip": _text(address.zip),
        "city": _text(address.city),
        "country": _text(address.country),
        "email": _text(address.email),
        "phone": _text(address.phone),
    }


def _article(line: ArticleLine) -> dict[str, str | None]:
    return {
        "artnr": _text(line.artnr),
        "title": _text(line.title),
        "quantity": _plain(line.quantity),
        "unit_price": _amount(line.unit_price),
        "discount_percent": _plain(line.discount_percent),
        "vat_percent": _plain(line.vat_percent),
        "total_excl_vat": _amount(line.total_excl_vat),
    }


def details_json(details: InvoiceDetails) -> dict[str, object]:
    """The one JSON object of ``show --format json``."""
    totals = details.totals
    return {
        "number": _text(details.number),
        "status": _text(details.status),
        "type": _text(details.invoice_type),
        "currency": _text(details.currency),
        "invoice_date": details.invoice_date.isoformat() if details.invoice_date else None,
        "due_date": details.due_date.isoformat() if details.due_date else None,
        "payment_method": _text(details.payment_method_name or details.payment_method),
        "related_number": _text(details.related_number),
        "pdf_url": details.pdf_url,
        "balance_due": _amount(details.balance_due),
        "references": {
            "yours": _text(details.your_reference),
            "ours": _text(details.our_reference),
        },
        "customer": {
            "number": _text(details.customer_number),
            "pno": details.pno.display() if details.pno else None,
            "billing": _address(details.billing),
            "shipping": _address(details.shipping),
            "company_signer": (
                details.company_signer.display() if details.company_signer else None
            ),
        },
        "articles": [_article(line) for line in details.articles],
        "totals": None
        if totals is None
        else {
            "handling_excl_vat": _amount(totals.handling_excl_vat),
            "shipping_excl_vat": _amount(totals.shipping_excl_vat),
            "excl_vat": _amount(totals.excl_vat),
            "vat": _amount(totals.vat),
            "rounding": _amount(totals.rounding),
            "incl_vat": _amount(totals.incl_vat),
        },
    }
