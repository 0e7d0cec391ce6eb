"""Reading an invoice object: öre to currency units exactly, and every documented quirk."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qvickly_desk.details import InvoiceDetails, parse_invoice_details
from qvickly_desk.fields import MAX_TEXT, MAX_URL, ore_to_units

# The getPaymentinfo example of the documentation, trimmed, with its mix of strings and ints.
DOCUMENTED: dict[str, object] = {
    "PaymentData": {
        "method": "1",
        "currency": "SEK",
        "country": "se",
        "language": "sv",
        "orderid": "P123456789",
        "status": "Paid",
        "paymentid_related": "",
        "url": "https://api.qvickly.io/invoice/abc123",
        "number": "1004",
        "alladdresses": "",
    },
    "PaymentInfo": {
        "paymentdate": "2013-11-30",
        "paymentterms": "14",
        "yourreference": "Purchaser X",
        "ourreference": "Seller Y",
        "invoiceStatus": "Sent",
    },
    "Customer": {
        "nr": "12",
        "pno": "550101-1018",
        "Billing": {
            "firstname": "Åsa",
            "lastname": "Öberg",
            "street": "Testvägen 1",
            "zip": "123 45",
            "city": "Testinge",
            "country": "SE",
            "phone": "0712-345678",
            "email": "test@example.com",
        },
        "Shipping": {"firstname": "", "lastname": "", "street": "", "zip": "", "city": ""},
    },
    "Articles": [
        {
            "artnr": "A123",
            "title": "Article 1",
            "quantity": "2",
            "aprice": "1234",
            "taxrate": "25",
            "discount": "0",
            "withouttax": "2468",
        },
        {"artnr": "--freetext--", "title": "Thank you", "quantity": 0, "aprice": 0},
    ],
    "Cart": {
        "Handling": {"withouttax": 1000, "taxrate": "25"},
        "Shipping": {"withouttax": "0", "taxrate": 25},
        "Total": {"withouttax": "3468", "tax": "867", "rounding": "-35", "withtax": "4300"},
    },
}


def with_changes(path: tuple[str, ...], value: object) -> dict[str, object]:
    """The documented object with one leaf changed (or removed, for ``...``)."""
    invoice = copy.deepcopy(DOCUMENTED)
    block: dict[str, object] = invoice
    for key in path[:-1]:
        inner = block[key]
        assert isinstance(inner, dict)
        block = inner
    if value is ...:
        block.pop(path[-1], None)
    else:
        block[path[-1]] = value
    return invoice


def test_the_documented_example_reads_in_currency_units() -> None:
    details = parse_invoice_details(DOCUMENTED)
    assert details.problems == ()
    assert details.number == "1004"
    assert details.status == "Paid" and details.invoice_status == "Sent"
    assert details.invoice_date == date(2013, 11, 30)
    assert details.due_date == date(2013, 12, 14)
    assert details.pno is not None and details.pno.digits == "5501011018"
    assert details.billing.name == "Åsa Öberg" and details.billing.company == ""
    assert details.shipping is None  # all empty: there is none
    first, freetext = details.articles
    assert first.unit_price == Decimal("12.34") and first.total_excl_vat == Decimal("24.68")
    assert first.quantity == 2 and first.vat_percent == 25
    assert freetext.is_freetext
    totals = details.totals
    assert totals is not None
    assert totals.handling_excl_vat == Decimal("10.00")
    assert (totals.excl_vat, totals.vat, totals.rounding, totals.incl_vat) == (
        Decimal("34.68"),
        Decimal("8.67"),
        Decimal("-0.35"),
        Decimal("43.00"),
    )
    assert details.balance_due is None  # the getPaymentinfo examples leave it out
    assert details.paid_so_far is None
    assert details.pdf_url == "https://api.qvickly.io/invoice/abc123"


def test_a_part_paid_invoice_says_what_is_paid_so_far() -> None:
    details = parse_invoice_details(with_changes(("PaymentInfo", "balancedue"), "1300"))
    assert details.balance_due == Decimal("13.00")
    assert details.paid_so_far == Decimal("30.00")


def test_totals_are_shown_as_the_service_states_them_never_recomputed() -> None:
    """The documented cancelled invoice: lines worth something and 0 to pay."""
    invoice = with_changes(("Cart", "Total", "withtax"), "0")
    totals = parse_invoice_details(invoice).totals
    assert totals is not None and totals.incl_vat == 0 and totals.excl_vat == Decimal("34.68")


@pytest.mark.parametrize("value", ["231700", 231700, "231700.0", 231700.0, " 231700 "])
def test_ore_become_currency_units_whatever_the_type(value: object) -> None:
    assert ore_to_units(value) == Decimal("2317.00")


@pytest.mark.parametrize("value", ["", None])
def test_an_empty_amount_is_unknown_not_zero(value: object) -> None:
    assert ore_to_units(value) is None


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_ore_conversion_is_exact_for_every_whole_number(ore: int) -> None:
    expected = Decimal(ore) / 100
    assert ore_to_units(ore) == expected
    assert ore_to_units(str(ore)) == expected
    assert ore_to_units(str(ore)).as_tuple().exponent == -2  # type: ignore[union-attr]


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_whole_floats_convert_exactly(ore: int) -> None:
    assert ore_to_units(float(ore)) == Decimal(ore) / 100


@pytest.mark.parametrize(
    ("path", "value", "check"),
    [
        (("PaymentData", "number"), ..., lambda d: d.number == "777"),
        (("PaymentData", "number"), "", lambda d: d.number == "777"),
        (("PaymentData", "number"), 1004, lambda d: d.number == "1004"),
        (("PaymentData", "alladdresses"), [{"street": "x"}], lambda d: not d.problems),
        (("PaymentData", "status"), "SomethingNew", lambda d: d.status == "SomethingNew"),
        (("PaymentData", "status"), "partpayment", lambda d: d.status == "partpayment"),
        (("PaymentData", "url"), "javascript:alert(1)", lambda d: d.pdf_url is None),
        (("PaymentData", "url"), "", lambda d: d.pdf_url is None),
        (("PaymentInfo", "paymentdate"), "0000-00-00 00:00:00", lambda d: d.invoice_date is None),
        (("PaymentInfo", "paymentdate"), "2013-11-30 12:00:00", lambda d: d.due_date is not None),
        (("PaymentInfo", "paymentterms"), ..., lambda d: d.due_date is None),
        (("Articles",), [], lambda d: d.articles == () and not d.problems),
        (("Articles",), "", lambda d: d.articles == () and not d.problems),
        (("Cart",), ..., lambda d: d.totals is None and not d.problems),
        (("Customer", "pno"), "0000000000", lambda d: d.pno is None),
        (("Customer", "pno"), "5501011019", lambda d: d.pno is None),  # wrong check digit
        (("Customer", "pno"), "195501011018", lambda d: d.pno and d.pno.digits == "5501011018"),
        (("Customer", "pno"), 5566779988, lambda d: d.pno and d.pno.is_organisation),
        (("Customer", "Shipping"), "", lambda d: d.shipping is None),
        (("Customer", "Shipping"), [], lambda d: d.shipping is None),
        (("Customer", "companySigner"), {"pno": "5501011018"}, lambda d: d.company_signer),
        (("Customer",), ..., lambda d: d.billing.name == "" and d.pno is None),
    ],
)
def test_each_quirk_is_read_not_refused(
    path: tuple[str, ...], value: object, check: object
) -> None:
    details = parse_invoice_details(with_changes(path, value), asked_number="777")
    assert callable(check)
    assert check(details)


def test_an_impossible_date_is_reported_and_not_guessed() -> None:
    details = parse_invoice_details(with_changes(("PaymentInfo", "paymentdate"), "2023-12-59"))
    assert details.invoice_date is None and details.due_date is None
    assert details.problems == ("PaymentInfo.paymentdate: not a possible date",)


def test_an_unreadable_amount_is_reported_and_left_unknown() -> None:
    details = parse_invoice_details(with_changes(("Cart", "Total", "withtax"), "12 kr"))
    assert details.totals is not None and details.totals.incl_vat is None
    assert details.problems == ("Cart.Total.withtax: not a number",)
    assert "12 kr" not in repr(details)


def test_service_text_is_capped() -> None:
    long_name = "Å" * (MAX_TEXT * 5)
    invoice = with_changes(("Customer", "Billing", "firstname"), long_name)
    invoice["PaymentData"]["url"] = "https://x/" + "a" * 9000  # type: ignore[index]
    details = parse_invoice_details(invoice)
    assert len(details.billing.first_name) == MAX_TEXT
    assert len(details.url) == MAX_URL


def test_names_and_addresses_stay_out_of_repr() -> None:
    text = repr(parse_invoice_details(DOCUMENTED))
    assert "Öberg" not in text and "Testvägen" not in text and "5501011018" not in text


@pytest.mark.parametrize("data", [None, "", [], {}, 7, "text", [1, 2], {"PaymentData": "x"}])
def test_anything_that_is_not_an_invoice_object_gives_empty_details(data: object) -> None:
    details = parse_invoice_details(data, asked_number="42")
    assert isinstance(details, InvoiceDetails)
    assert details.number == "42"


JSON = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(max_size=12),
        st.sampled_from(["0000-00-00 00:00:00", "2023-12-59", "1e400", "NaN", "--freetext--"]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "PaymentData",
                    "PaymentInfo",
                    "Customer",
                    "Billing",
                    "Shipping",
                    "Articles",
                    "Cart",
                    "Total",
                    "Handling",
                    "withtax",
                    "aprice",
                    "quantity",
                    "paymentdate",
                    "paymentterms",
                    "duedate",
                    "balancedue",
                    "pno",
                    "number",
                    "url",
                    "status",
                ]
            ),
            inner,
            max_size=6,
        ),
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_no_input_crashes_the_parser(data: object) -> None:
    from qvickly_desk.details_json import details_json
    from qvickly_desk.details_text import details_text

    details = parse_invoice_details(data, asked_number="1")
    details_text(details, "sv")
    details_json(details)
    assert all(isinstance(problem, str) for problem in details.problems)
