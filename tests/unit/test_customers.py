"""Customer records and getInvoicesByCustomer's two element shapes, read tolerantly."""

from __future__ import annotations

import copy
from decimal import Decimal

from hypothesis import given, settings

from qvickly_desk.customers import CUSTOMER_FIELDS, parse_customer_invoices, parse_customers
from tests.unit.test_details import DOCUMENTED, JSON

RECORD = {
    "customerid": "502",
    "name": "Testbolaget AB",
    "name2": "",
    "address": "Industrigatan 12",
    "postcode": "41101",
    "postoffice": "Göteborg",
    "email": "ekonomi@example.se",
    "telephone": 31123456,
    "mobile": "",
    "companyno": "556677-9988",
    "mexcCustomersid": "9502",
    "notes": "",
}


def test_records_read_with_their_identity_numbers_checked() -> None:
    zeros = {**RECORD, "customerid": 504, "companyno": "0000000000"}
    empty = {**RECORD, "customerid": "505", "companyno": ""}
    parsed = parse_customers([RECORD, zeros, empty])
    assert parsed.row_errors == ()
    first, second, third = parsed.customers
    assert first.identity is not None and first.identity.digits == "5566779988"
    assert first.telephone == "31123456"
    assert second.customer_number == "504" and second.identity is None
    assert third.identity is None
    assert list(first.to_api_dict()) == list(CUSTOMER_FIELDS)
    assert first.to_api_dict()["companyno"] == "556677-9988"
    assert second.to_api_dict()["companyno"] is None


def test_a_record_without_a_customer_number_is_a_row_error_beside_the_others() -> None:
    parsed = parse_customers([{**RECORD, "customerid": ""}, RECORD, "junk"])
    assert len(parsed.customers) == 1
    assert [error.index for error in parsed.row_errors] == [0, 2]


def test_no_match_in_any_shape_is_no_customers() -> None:
    for data in ([], {}, "", None):
        assert parse_customers(data).customers == ()
        assert parse_customers(data).row_errors == ()


def list_row(number: str) -> dict[str, object]:
    return {
        "status": "Paid",
        "name": "Åsa Öberg",
        "invoicedate": "2013-11-30",
        "duedate": "2013-12-14",
        "topay": "43.00",
        "invoiceid_real": number,
        "fileurl": "https://api.qvickly.io/invoice/abc123",
        "balancedue": "0.00",
        "invoicetype": "F",
        "distributor_status": "Sent",
    }


def test_both_element_shapes_become_the_same_invoice_row() -> None:
    invoice_object = copy.deepcopy(DOCUMENTED)
    payment = invoice_object["PaymentData"]
    assert isinstance(payment, dict)
    payment["duedate"] = "2013-12-14"
    payment["paiddate"] = "0000-00-00 00:00:00"
    payment["invoicetype"] = "F"
    invoice_object["PaymentInfo"]["balancedue"] = "0"  # type: ignore[index]
    from_object = parse_customer_invoices([invoice_object]).invoices[0]
    from_row = parse_customer_invoices([list_row("1004")]).invoices[0]
    for field in ("number", "name", "status", "invoice_date", "due_date", "invoice_type"):
        assert getattr(from_object, field) == getattr(from_row, field), field
    assert from_object.to_pay == from_row.to_pay == Decimal("43.00")
    assert from_object.balance_due == from_row.balance_due == 0
    assert from_object.pdf_url == from_row.pdf_url


def test_mixed_shapes_keep_their_positions_for_row_errors() -> None:
    broken = copy.deepcopy(DOCUMENTED)
    broken["PaymentData"]["number"] = ""  # type: ignore[index]
    parsed = parse_customer_invoices([list_row("1"), broken, DOCUMENTED])
    assert [invoice.number for invoice in parsed.invoices] == ["1", "1004"]
    assert [error.index for error in parsed.row_errors] == [1]


def test_an_empty_answer_is_no_invoices() -> None:
    for data in ([], "", None, {}):
        parsed = parse_customer_invoices(data)
        assert parsed.invoices == () and parsed.row_errors == ()


@settings(max_examples=200, deadline=None)
@given(JSON)
def test_no_input_crashes_either_parser(data: object) -> None:
    parse_customers(data)
    parse_customer_invoices(data)
    parse_customer_invoices([data, data])
