"""The sandbox's customer records: who the demo invoices belong to, with customer numbers.

``getCustomersByName`` answers these records (partial, case-insensitive name match),
``getInvoicesByCustomer`` takes their customer numbers, and the invoice objects of
``getPaymentInfo`` carry their addresses. Åsa Öberg has no usable identity number (her
``companyno`` is zeros): her invoices are found by customer number or invoice number only.
"""

from __future__ import annotations

from dataclasses import dataclass

from qvickly_desk.sandbox.data import (
    BIG_CUSTOMER_NAME,
    BIG_CUSTOMER_PNO,
    COMPANY_NAME,
    COMPANY_PNO,
    PERSON_NAME,
    PERSON_PNO,
)

__all__ = [
    "CUSTOMERS",
    "NO_PNO_CUSTOMER_NAME",
    "NO_PNO_CUSTOMER_NUMBER",
    "DemoCustomer",
    "customer_record",
    "find_by_name",
]

NO_PNO_CUSTOMER_NUMBER = "504"
NO_PNO_CUSTOMER_NAME = "Åsa Öberg"


@dataclass(frozen=True, slots=True)
class DemoCustomer:
    number: str  # the merchant's customer number
    name: str
    pno10: str  # "" when the customer has no usable identity number
    pno_as_sent: str  # Customer.pno in the invoice objects, in the form the service uses
    companyno: str  # as getCustomersByName sends it
    kind: str  # "person" or "company"
    street: str
    zip: str
    city: str
    email: str
    phone: str
    shipping_street: str = ""  # a separate delivery address, if any
    signer_pno: str = ""  # companies only
    invoice_objects: bool = True  # how getInvoicesByCustomer answers for this customer

    @property
    def first_name(self) -> str:
        return "" if self.kind == "company" else self.name.split(" ", 1)[0]

    @property
    def last_name(self) -> str:
        return "" if self.kind == "company" else self.name.partition(" ")[2]


CUSTOMERS: tuple[DemoCustomer, ...] = (
    DemoCustomer(
        number="501",
        name=PERSON_NAME,
        pno10=PERSON_PNO[2:],
        pno_as_sent="550101-1018",
        companyno="5501011018",
        kind="person",
        street="Storgatan 1",
        zip="123 45",
        city="Stockholm",
        email="asa.backstrom@example.se",
        phone="070-123 45 67",
        shipping_street="Sommarvägen 9",
    ),
    DemoCustomer(
        number="502",
        name=COMPANY_NAME,
        pno10=COMPANY_PNO,
        pno_as_sent="556677-9988",
        companyno=COMPANY_PNO,
        kind="company",
        street="Industrigatan 12",
        zip="41101",
        city="Göteborg",
        email="ekonomi@testbolaget.example.se",
        phone="031-12 34 56",
        signer_pno="195501011018",
        invoice_objects=False,
    ),
    DemoCustomer(
        number="503",
        name=BIG_CUSTOMER_NAME,
        pno10=BIG_CUSTOMER_PNO[2:],
        pno_as_sent=BIG_CUSTOMER_PNO,
        companyno=BIG_CUSTOMER_PNO,
        kind="person",
        street="Tolvgatan 12",
        zip="12121",
        city="Tolvsta",
        email="tolvan@example.se",
        phone="012-12 12 12",
        invoice_objects=False,
    ),
    DemoCustomer(
        number=NO_PNO_CUSTOMER_NUMBER,
        name=NO_PNO_CUSTOMER_NAME,
        pno10="",
        pno_as_sent="0000000000",
        companyno="0000000000",
        kind="person",
        street="Byvägen 4",
        zip="98131",
        city="Kiruna",
        email="",
        phone="0980-123 45",
    ),
)


def customer_record(customer: DemoCustomer) -> dict[str, object]:
    """The record as getCustomersByName sends it: strings throughout, many fields empty."""
    return {
        "customerid": customer.number,
        "name": customer.name,
        "name2": "",
        "address": customer.street,
        "address2": "",
        "postcode": customer.zip,
        "postoffice": customer.city,
        "country": "Sverige",
        "countrycode": "SE",
        "email": customer.email,
        "telephone": customer.phone,
        "mobile": "",
        "companyno": customer.companyno,
        "currency": "SEK",
        "language": "sv",
        "date": "2021-03-04",
        "deliveryaddress": customer.shipping_street,
        "deliverypostcode": customer.zip if customer.shipping_street else "",
        "deliverypostoffice": customer.city if customer.shipping_street else "",
        "status": "active",
        "notes": "",
        "mexcCustomersid": str(9_000 + int(customer.number)),
    }


def find_by_name(name: str) -> list[DemoCustomer]:
    """Customers whose name holds ``name``, ignoring case (and surrounding space)."""
    wanted = name.strip().casefold()
    return [customer for customer in CUSTOMERS if wanted and wanted in customer.name.casefold()]
