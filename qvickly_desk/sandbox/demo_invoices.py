"""The sandbox's hand-written demo customers: the documented test person and company.

Every state a desk must show is among their invoices (open, overdue, paid, cancelled, without a
PDF, a credit invoice, an interest invoice, a cash invoice), with dates relative to ``today``;
the generated big customer and the helpers that build a row live in :mod:`.data`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from qvickly_desk.sandbox.data import (
    BIG_CUSTOMER_INVOICES,
    BIG_CUSTOMER_NAME,
    BIG_CUSTOMER_PNO,
    BIG_CUSTOMER_SEED,
    COMPANY_NAME,
    COMPANY_PNO,
    PERSON_NAME,
    PERSON_PNO,
    generate_invoices,
    invoice_hash,
    invoice_row,
    pdf_link,
    with_slash,
)

__all__ = ["builtin_customers", "company_invoices", "person_invoices"]


def person_invoices(base_url: str, today: date) -> list[dict[str, object]]:
    """The eight invoices of 195501011018: open, overdue, paid, cancelled, K, RF, KN.

    "Sent" lists 1001, 1002, 1003, 1006 and 1007; "Sent,Paid" lists all eight. 1003 has no
    PDF yet (``fileurl`` ""), 1005's link points at an old address that answers 404.
    """
    base = with_slash(base_url)

    def hashed(number: int) -> str:
        return invoice_hash(f"person:{number}")

    def link(number: int) -> str:
        return pdf_link(base, hashed(number))

    day = timedelta(days=1)
    return [
        invoice_row(  # open, due in twenty days
            status="Sent",
            name=PERSON_NAME,
            invoicedate=today - 10 * day,
            duedate=today + 20 * day,
            topay="1249.50",
            number="1001",
            fileurl=link(1001),
            balancedue="1249.50",
            invoicetype="F",
            distributor_status="Sent",
            creditinvoiceid="",
            hash_=hashed(1001),
            services="700101",
            modules=543210,
            customer_invoices="8800101",
        ),
        invoice_row(  # open and ten days overdue
            status="Sent",
            name=PERSON_NAME,
            invoicedate=today - 40 * day,
            duedate=today - 10 * day,
            topay="399.00",
            number=1002,
            fileurl=link(1002),
            balancedue=399,
            invoicetype="F",
            distributor_status="Sent",
            creditinvoiceid="",
            hash_=hashed(1002),
            services=700102,
            modules="543210",
            customer_invoices=8800102,
        ),
        invoice_row(  # created today, not sent yet, no PDF yet
            status="Created",
            name=PERSON_NAME,
            invoicedate=today,
            duedate=today + 30 * day,
            topay="89.90",
            number="1003",
            fileurl="",
            balancedue=89.9,
            invoicetype="F",
            distributor_status="Created",
            creditinvoiceid="",
            hash_=hashed(1003),
            services="700103",
            modules="543210",
            customer_invoices="8800103",
        ),
        invoice_row(  # paid long ago
            status="Paid",
            name=PERSON_NAME,
            invoicedate=today - 90 * day,
            duedate=today - 60 * day,
            topay="2450.00",
            number=1004,
            fileurl=link(1004),
            balancedue="0.00",
            invoicetype="F",
            distributor_status="Paid",
            creditinvoiceid="",
            hash_=hashed(1004),
            services=700104,
            modules=543210,
            customer_invoices="8800104",
        ),
        invoice_row(  # cancelled by the credit invoice 1006; its PDF moved and the link is dead
            status="Cancelled",
            name=PERSON_NAME,
            invoicedate=today - 70 * day,
            duedate=today - 40 * day,
            topay="0.00",
            number="1005",
            fileurl=f"{base}mexc/customerinvoices/{hashed(1005)}.pdf",
            balancedue=0,
            invoicetype="F",
            distributor_status="Cancelled",
            creditinvoiceid=1006,
            hash_=hashed(1005),
            services="700105",
            modules="543210",
            customer_invoices=8800105,
        ),
        invoice_row(  # credit invoice: negative amounts
            status="Sent",
            name=PERSON_NAME,
            invoicedate=today - 35 * day,
            duedate=today + 5 * day,
            topay="-695.00",
            number=1006,
            fileurl=link(1006),
            balancedue="-695.00",
            invoicetype="K",
            distributor_status="Sent",
            creditinvoiceid="",
            hash_=hashed(1006),
            services=700106,
            modules=543210,
            customer_invoices=8800106,
        ),
        invoice_row(  # interest invoice for 1002, due yesterday
            status="Sent",
            name=PERSON_NAME,
            invoicedate=today - 8 * day,
            duedate=today - day,
            topay="60.00",
            number="1007",
            fileurl=link(1007),
            balancedue=60.0,
            invoicetype="RF",
            distributor_status="Sent",
            creditinvoiceid="",
            hash_=hashed(1007),
            services="700107",
            modules=543210,
            customer_invoices="8800107",
        ),
        invoice_row(  # cash invoice, paid at once
            status="Paid",
            name=PERSON_NAME,
            invoicedate=today - 20 * day,
            duedate=today - 20 * day,
            topay="149.00",
            number=1008,
            fileurl=link(1008),
            balancedue=0,
            invoicetype="KN",
            distributor_status="Paid",
            creditinvoiceid="",
            hash_=hashed(1008),
            services=700108,
            modules="543210",
            customer_invoices=8800108,
        ),
    ]


def company_invoices(base_url: str, today: date) -> list[dict[str, object]]:
    """Five invoices of Testbolaget AB (5566779988).

    "Sent" lists 2001 and 2002 (overdue); "Sent,Paid" adds 2003 (paid) and 2004 (cancelled,
    empty distributor status); 2005 (eFakturaSent) is in neither.
    """
    base = with_slash(base_url)

    def hashed(number: int) -> str:
        return invoice_hash(f"company:{number}")

    day = timedelta(days=1)
    return [
        invoice_row(
            status="Sent",
            invoicedate=today - 3 * day,
            duedate=today + 27 * day,
            topay="12500.00",
            number="2001",
            fileurl=pdf_link(base, hashed(2001)),
            balancedue=12500,
            distributor_status="Sent",
            creditinvoiceid="",
            hash_=hashed(2001),
            services="710001",
            customer_invoices=9900001,
            name=COMPANY_NAME,
            invoicetype="F",
            modules="612000",
        ),
        invoice_row(
            status="Sent",
            invoicedate=today - 50 * day,
            duedate=today - 20 * day,
            topay="3750.00",
            number=2002,
            fileurl=pdf_link(base, hashed(2002)),
            balancedue="3750.00",
            distributor_status="Sent",
            creditinvoiceid="",
            hash_=hashed(2002),
            services=710002,
            customer_invoices="9900002",
            name=COMPANY_NAME,
            invoicetype="F",
            modules="612000",
        ),
        invoice_row(
            status="Paid",
            invoicedate=today - 120 * day,
            duedate=today - 90 * day,
            topay="8125.00",
            number="2003",
            fileurl=pdf_link(base, hashed(2003)),
            balancedue=0.0,
            distributor_status="Paid",
            creditinvoiceid="",
            hash_=hashed(2003),
            services="710003",
            customer_invoices="9900003",
            name=COMPANY_NAME,
            invoicetype="F",
            modules="612000",
        ),
        invoice_row(
            status="Cancelled",
            invoicedate=today - 30 * day,
            duedate=today,
            topay="0.00",
            number=2004,
            fileurl=pdf_link(base, hashed(2004)),
            balancedue="0.00",
            distributor_status="",
            creditinvoiceid="",
            hash_=hashed(2004),
            services=710004,
            customer_invoices=9900004,
            name=COMPANY_NAME,
            invoicetype="F",
            modules="612000",
        ),
        invoice_row(
            status="Handling",
            invoicedate=today - 2 * day,
            duedate=today + 28 * day,
            topay="990.00",
            number="2005",
            fileurl=pdf_link(base, hashed(2005)),
            balancedue="990.00",
            distributor_status="eFakturaSent",
            creditinvoiceid="",
            hash_=hashed(2005),
            services="710005",
            customer_invoices="9900005",
            name=COMPANY_NAME,
            invoicetype="F",
            modules="612000",
        ),
    ]


def builtin_customers(
    base_url: str, today: date | None = None
) -> dict[str, Callable[[], list[dict[str, object]]]]:
    """Every customer a fresh sandbox knows, by 10-digit number, each built when first asked for."""
    day = today or date.today()
    return {
        PERSON_PNO[2:]: partial(person_invoices, base_url, day),
        COMPANY_PNO: partial(company_invoices, base_url, day),
        BIG_CUSTOMER_PNO[2:]: partial(
            generate_invoices,
            BIG_CUSTOMER_INVOICES,
            BIG_CUSTOMER_SEED,
            base_url,
            name=BIG_CUSTOMER_NAME,
            today=day,
        ),
    }
