"""Parsing the service's loosely typed invoice rows into ``Invoice`` objects."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qvickly_desk.errors import CancelledError
from qvickly_desk.formatting import round_amount
from qvickly_desk.invoices import (
    API_FIELDS,
    MAX_TEXT,
    ROW_KEYS,
    Invoice,
    InvoiceList,
    RowError,
    parse_invoices,
)

# The example row from the service's documentation of getInvoicesByPno.
SEED_ROW: dict[str, object] = {
    "status": "Cancelled",
    "name": "Whazzup",
    "invoicedate": "2024-04-19",
    "duedate": "2024-05-03",
    "topay": "0.00",
    "invoiceid_real": "12345",
    "fileurl": "http://www.combain.com/mexc/customerinvoices/2024089017233469726180c4f1b6bce.pdf",
    "balancedue": "0.00",
    "invoicetype": "F",
    "distributor_status": "Cancelled",
    "creditinvoiceid": "",
    "hash": "2024089017233469726180c4f1b6bce",
    "mm3servicesid": "123456",
    "mexcModulesid": "543210",
    "mexcCustomerinvoicesid": "1234567",
}


def row(**changes: object) -> dict[str, object]:
    """The seed row with some fields changed; a value of ``...`` removes the field."""
    result = dict(SEED_ROW)
    for key, value in changes.items():
        if value is ...:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def one(**changes: object) -> Invoice:
    parsed = parse_invoices([row(**changes)])
    assert parsed.row_errors == ()
    (invoice,) = parsed.invoices
    return invoice


def error_of(**changes: object) -> RowError:
    parsed = parse_invoices([row(**changes)])
    assert parsed.invoices == ()
    (error,) = parsed.row_errors
    return error


# --- the documented example -------------------------------------------------------------------


def test_seed_row_parses_into_every_field() -> None:
    invoice = one()
    assert invoice.number == "12345"
    assert invoice.name == "Whazzup"
    assert invoice.status == "Cancelled"
    assert invoice.distributor_status == "Cancelled"
    assert invoice.invoice_type == "F"
    assert invoice.invoice_date == date(2024, 4, 19)
    assert invoice.due_date == date(2024, 5, 3)
    assert invoice.to_pay == Decimal("0.00")
    assert invoice.balance_due == Decimal("0.00")
    assert invoice.fileurl == SEED_ROW["fileurl"]
    assert invoice.hash == "2024089017233469726180c4f1b6bce"
    assert invoice.credit_invoice_id == ""
    assert invoice.services_id == "123456"
    assert invoice.modules_id == "543210"
    assert invoice.customer_invoice_id == "1234567"
    assert invoice.type_label("en") == "Invoice"
    assert invoice.type_label("sv") == "Faktura"
    assert not invoice.is_open
    assert invoice.pdf_url == SEED_ROW["fileurl"]
    assert invoice.link_problem is None


def test_seed_row_round_trips_through_to_api_dict() -> None:
    assert one().to_api_dict() == SEED_ROW


def test_invoice_is_immutable() -> None:
    invoice = one()
    with pytest.raises(AttributeError):
        invoice.number = "1"  # type: ignore[misc]


def test_a_parsed_invoice_is_the_same_as_one_built_by_its_constructor() -> None:
    # Parsing makes invoices with tuple.__new__, not the named tuple's own constructor.
    parsed = one()
    built = Invoice(**parsed._asdict())
    assert (parsed, hash(parsed), repr(parsed)) == (built, hash(built), repr(built))
    assert type(parsed) is Invoice


def test_repr_leaves_out_the_customer_name_and_the_link() -> None:
    text = repr(one(name="Anna Andersson"))
    assert "12345" in text
    assert "Anna Andersson" not in text
    assert "combain" not in text


# --- mixed types --------------------------------------------------------------------------------


def test_ids_given_as_numbers_become_strings() -> None:
    invoice = one(
        invoiceid_real=12345,
        creditinvoiceid=777,
        mm3servicesid=123456,
        mexcModulesid=543210.0,
        mexcCustomerinvoicesid="  1234567 ",
    )
    assert invoice.number == "12345"
    assert invoice.credit_invoice_id == "777"
    assert invoice.services_id == "123456"
    assert invoice.modules_id == "543210"
    assert invoice.customer_invoice_id == "1234567"


def test_empty_and_missing_optional_fields() -> None:
    invoice = one(creditinvoiceid="", fileurl=..., distributor_status="", hash=None, topay=...)
    assert invoice.credit_invoice_id == ""
    assert invoice.fileurl == ""
    assert invoice.distributor_status == ""
    assert invoice.hash == ""
    assert invoice.to_pay == 0


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("1249.50", Decimal("1249.50")),
        (" 1249.50 ", Decimal("1249.50")),
        ("1249,50", Decimal("1249.50")),
        (" 12,50", Decimal("12.50")),
        (1000, Decimal("1000")),
        (1000.5, Decimal("1000.5")),
        (0.1, Decimal("0.1")),
        (1000.1, Decimal("1000.1")),
        ("", Decimal(0)),
        (None, Decimal(0)),
        ("-100.00", Decimal("-100.00")),
        (-100, Decimal("-100")),
        ("+5", Decimal("5")),
        (".5", Decimal("0.5")),
        (Decimal("3.333"), Decimal("3.333")),
    ],
)
def test_amounts_in_every_shape_the_service_uses(given: object, expected: Decimal) -> None:
    invoice = one(topay=given, balancedue=given)
    assert invoice.to_pay == expected
    assert invoice.balance_due == expected


def test_float_amounts_carry_no_binary_noise() -> None:
    invoice = one(topay=1000.1)
    assert str(invoice.to_pay) == "1000.1"


def test_amounts_stay_exact_and_are_rounded_only_for_output() -> None:
    invoice = one(topay="10.005", balancedue="0.004")
    assert invoice.to_pay == Decimal("10.005")
    assert invoice.to_api_dict()["topay"] == "10.01"
    assert invoice.to_api_dict()["balancedue"] == "0.00"


@pytest.mark.parametrize(
    "given",
    [
        True,
        False,
        "NaN",
        "Infinity",
        "1e5",
        "1_000",
        "1E5",
        "sNaN",
        "-Inf",
        "+",
        "1.2.3",
        "1\u00a0000",
        "12 500,00",
        "1.249,50",
        "1,2,3",
        "abc",
        "١٢٣",
        float("nan"),
        float("inf"),
        10**20,
        "9" * 30,
        "1" * 100,
        [],
        {},
    ],
)
def test_unreadable_amounts_make_a_row_error_naming_the_field(given: object) -> None:
    error = error_of(balancedue=given)
    assert error.index == 0
    assert error.reason.startswith("balancedue:")
    assert error.number == "12345"


_ID_KEYS = ["mm3servicesid", "mexcModulesid", "mexcCustomerinvoicesid", "creditinvoiceid"]


@pytest.mark.parametrize("key", ["invoiceid_real", *_ID_KEYS])
@pytest.mark.parametrize(
    "given", [True, False, [1], {"a": 1}, 1.5, float("nan"), 10**40, -(10**30)]
)
def test_unreadable_ids_make_a_row_error(key: str, given: object) -> None:
    assert error_of(**{key: given}).reason.startswith(f"{key}:")


@pytest.mark.parametrize("key", ["invoiceid_real", *_ID_KEYS])
def test_the_largest_whole_number_ids_are_read_and_one_more_is_not(key: str) -> None:
    invoice = one(**{key: 10**30 - 1})
    assert invoice.to_api_dict()[key] == "9" * 30
    assert error_of(**{key: 10**30}).reason == f"{key}: number out of range"


@pytest.mark.parametrize("given", ["", "0000-00-00", None, ...])
def test_absent_dates_are_none(given: object) -> None:
    invoice = one(duedate=given)
    assert invoice.due_date is None
    assert invoice.to_api_dict()["duedate"] == ""


@pytest.mark.parametrize(
    "given", ["2024-02-30", "19-04-2024", "20240419", "2024-W16-5", "tomorrow", 20240419, True]
)
def test_non_dates_make_a_row_error(given: object) -> None:
    assert error_of(invoicedate=given).reason.startswith("invoicedate:")


@pytest.mark.parametrize("given", [None, ..., "", "   "])
def test_invoice_number_is_required(given: object) -> None:
    error = error_of(invoiceid_real=given)
    assert error.reason.startswith("invoiceid_real:")
    assert error.number == ""


# --- credit invoices, types, open and overdue ---------------------------------------------------


def test_credit_invoice_has_negative_amounts() -> None:
    invoice = one(invoicetype="K", topay="-100", balancedue=-100.0, creditinvoiceid=4711)
    assert invoice.to_pay == Decimal(-100)
    assert invoice.balance_due == Decimal(-100)
    assert invoice.type_label("en") == "Credit invoice"
    assert invoice.type_label("sv") == "Kreditfaktura"
    assert invoice.to_api_dict()["topay"] == "-100.00"
    assert invoice.to_api_dict()["balancedue"] == "-100.00"
    assert invoice.to_api_dict()["creditinvoiceid"] == "4711"


@pytest.mark.parametrize(
    ("code", "swedish", "english"),
    [
        ("F", "Faktura", "Invoice"),
        ("K", "Kreditfaktura", "Credit invoice"),
        ("KN", "Kontantnota", "Cash invoice"),
        ("RF", "Räntefaktura", "Interest invoice"),
        ("XY", "XY", "XY"),
        ("", "", ""),
    ],
)
def test_type_labels(code: str, swedish: str, english: str) -> None:
    invoice = one(invoicetype=code)
    assert invoice.type_label("sv") == swedish
    assert invoice.type_label("en_GB.UTF-8") == english


@pytest.mark.parametrize(
    ("status", "distributor_status", "is_open"),
    [
        ("Created", "Sent", True),
        ("Factoring", "Created", True),
        ("Handling", "eFakturaSent", True),
        ("Created", "", True),
        ("Paid", "Sent", False),
        ("Created", "Paid", False),
        ("Cancelled", "Sent", False),
        ("Sent", "cancelled", False),
        ("PAID", "", False),
    ],
)
def test_open_means_neither_status_is_paid_nor_cancelled(
    status: str, distributor_status: str, is_open: bool
) -> None:
    assert one(status=status, distributor_status=distributor_status).is_open is is_open


TODAY = date(2024, 6, 1)


@pytest.mark.parametrize(
    ("due", "balance", "status", "overdue"),
    [
        ("2024-05-31", "100.00", "Sent", True),
        ("2024-06-01", "100.00", "Sent", False),  # due today is not late yet
        ("2024-06-02", "100.00", "Sent", False),
        ("2024-05-31", "0.00", "Sent", False),
        ("2024-05-31", "-50.00", "Sent", False),  # a credit is never overdue
        ("2024-05-31", "100.00", "Paid", False),
        ("", "100.00", "Sent", False),
    ],
)
def test_overdue_on_a_fixed_day(due: str, balance: str, status: str, overdue: bool) -> None:
    invoice = one(duedate=due, balancedue=balance, status="Created", distributor_status=status)
    assert invoice.is_overdue(TODAY) is overdue


# --- links --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fileurl", "pdf_url", "problem", "scheme"),
    [
        ("https://ok/x.pdf", "https://ok/x.pdf", None, "https"),
        (" https://ok/x.pdf ", "https://ok/x.pdf", None, "https"),
        ("http://www.example.com/a.pdf", "http://www.example.com/a.pdf", None, "http"),
        ("HTTP://x", "HTTP://x", None, "http"),
        ("", None, "missing", ""),
        ("   ", None, "missing", ""),
        ("javascript:alert(1)", None, "scheme", "javascript"),
        ("JavaScript:alert(1)", None, "scheme", "javascript"),
        ("file:///etc/passwd", None, "scheme", "file"),
        ("smb://server/share/x.pdf", None, "scheme", "smb"),
        ("data:application/pdf;base64,AAAA", None, "scheme", "data"),
        ("https://", None, "scheme", "https"),
        ("https:///x.pdf", None, "scheme", "https"),
        ("https://:443/x.pdf", None, "scheme", "https"),
        ("http://[::1/x", None, "scheme", "http"),
        ("//host/x.pdf", None, "scheme", ""),
        ("x.pdf", None, "scheme", ""),
        ("\x00javascript:alert(1)", None, "scheme", ""),
        ("java\tscript:alert(1)", None, "scheme", ""),
        ("ht\ntp://x/y.pdf", None, "scheme", ""),
        ("https://ok/x y.pdf", None, "scheme", "https"),
    ],
)
def test_only_web_links_are_offered(
    fileurl: str, pdf_url: str | None, problem: str | None, scheme: str
) -> None:
    invoice = one(fileurl=fileurl)
    assert invoice.pdf_url == pdf_url
    assert invoice.link_problem == problem
    assert invoice.link_scheme == scheme
    assert invoice.fileurl == fileurl  # kept as sent
    assert invoice.to_api_dict()["fileurl"] == fileurl


_LINK_PARTS = st.text(alphabet=st.characters(codec="ascii"), max_size=12)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(
    scheme=st.sampled_from(["http", "HTTPS", "hTtp", "ftp", "javascript", ""]),
    separator=st.sampled_from(["://", ":", ":///", "//"]),
    host=_LINK_PARTS,
    rest=_LINK_PARTS,
)
def test_the_quick_link_check_agrees_with_the_full_one(
    scheme: str, separator: str, host: str, rest: str
) -> None:
    """Plain web links skip the URL parser; whatever skips it must get the parser's verdict."""
    from qvickly_desk import invoice as invoices

    link = f"{scheme}{separator}{host}{rest}".strip()
    if link:
        assert invoices._check_link(link) == invoices._check_unusual_link(link)


def test_link_that_is_not_text_is_a_row_error() -> None:
    assert error_of(fileurl=["https://ok/x.pdf"]).reason.startswith("fileurl:")


# --- to_api_dict --------------------------------------------------------------------------------


def test_to_api_dict_normalizes_every_value_to_text() -> None:
    invoice = one(
        invoiceid_real=9,
        topay=1249.5,
        balancedue=1000,
        invoicedate="0000-00-00",
        creditinvoiceid=55,
        mm3servicesid=1,
        mexcModulesid="2",
        mexcCustomerinvoicesid=3,
        status=" Sent ",
    )
    assert invoice.to_api_dict() == {
        "status": "Sent",
        "name": "Whazzup",
        "invoicedate": "",
        "duedate": "2024-05-03",
        "topay": "1249.50",
        "invoiceid_real": "9",
        "fileurl": SEED_ROW["fileurl"],
        "balancedue": "1000.00",
        "invoicetype": "F",
        "distributor_status": "Cancelled",
        "creditinvoiceid": "55",
        "hash": "2024089017233469726180c4f1b6bce",
        "mm3servicesid": "1",
        "mexcModulesid": "2",
        "mexcCustomerinvoicesid": "3",
    }


def test_to_api_dict_has_the_same_keys_in_the_same_order_for_every_invoice() -> None:
    sparse = {"invoiceid_real": 1}
    parsed = parse_invoices([SEED_ROW, sparse, dict(reversed(list(SEED_ROW.items())))])
    assert len(parsed.invoices) == 3
    for invoice in parsed.invoices:
        assert tuple(invoice.to_api_dict()) == API_FIELDS
        assert all(isinstance(value, str) for value in invoice.to_api_dict().values())


def test_api_fields_are_the_documented_ones() -> None:
    assert set(API_FIELDS) == set(SEED_ROW)
    assert len(API_FIELDS) == len(SEED_ROW)


def test_negative_zero_is_shown_as_zero() -> None:
    assert one(topay="-0.00").to_api_dict()["topay"] == "0.00"
    assert one(topay="-0.001").to_api_dict()["topay"] == "0.00"
    assert str(round_amount(Decimal("-0.004"))) == "0.00"


def test_rounding_does_not_depend_on_the_process_decimal_context() -> None:
    import decimal

    with decimal.localcontext() as context:
        context.prec = 3
        context.rounding = decimal.ROUND_DOWN
        assert one(topay="123456789.125").to_api_dict()["topay"] == "123456789.13"


# --- whole answers ------------------------------------------------------------------------------


def test_empty_list_means_no_invoices() -> None:
    assert parse_invoices([]) == InvoiceList((), ())


def test_bad_row_beside_good_ones_yields_both() -> None:
    rows = [
        row(invoiceid_real="1"),
        row(invoiceid_real="2", name="Secret Customer", duedate="2024-13-45"),
        "not a row",
        row(invoiceid_real=3),
        None,
    ]
    parsed = parse_invoices(rows)
    assert [invoice.number for invoice in parsed.invoices] == ["1", "3"]
    assert [error.index for error in parsed.row_errors] == [1, 2, 4]
    bad_date, text_row, null_row = parsed.row_errors
    assert bad_date.reason.startswith("duedate:")
    assert bad_date.number == "2"
    assert "Secret Customer" not in bad_date.reason
    assert "text" in text_row.reason
    assert "null" in null_row.reason


def test_reasons_never_quote_the_customer_name() -> None:
    name = "Zlatan Ibrahimović"
    bad_values: list[object] = [[], {}, True, "??", float("nan"), 10**50]
    for key in API_FIELDS:
        for value in bad_values:
            for error in parse_invoices([row(**{"name": name, key: value})]).row_errors:
                assert name not in error.reason
                assert name not in error.number


def test_object_of_rows_from_a_php_array_with_gaps() -> None:
    parsed = parse_invoices({"3": row(invoiceid_real="A"), "17": row(invoiceid_real="B")})
    assert [invoice.number for invoice in parsed.invoices] == ["A", "B"]
    assert parsed.row_errors == ()


def test_lone_invoice_object_is_one_invoice() -> None:
    parsed = parse_invoices(row())
    assert [invoice.number for invoice in parsed.invoices] == ["12345"]


def test_empty_object_means_no_invoices() -> None:
    assert parse_invoices({}) == InvoiceList((), ())


@pytest.mark.parametrize(
    "data", [None, "", "invoices", 0, 12.5, True, {"code": "9013", "message": "Auth failed"}]
)
def test_anything_else_is_one_error_for_the_whole_answer(data: object) -> None:
    parsed = parse_invoices(data)
    assert parsed.invoices == ()
    assert parsed.row_errors == (RowError(-1, "answer is not a list of invoices"),)
    (error,) = parsed.row_errors
    assert (error.index, error.number, error.cut) == (-1, "", False)
    assert hash(error) == hash(RowError(-1, "answer is not a list of invoices"))
    assert error != RowError(-1, "answer is not a list of invoices", cut=True)
    with pytest.raises(AttributeError):
        error.index = 0  # type: ignore[misc]


def test_parses_a_json_answer_with_decimal_floats() -> None:
    text = json.dumps([row(topay=1249.5, balancedue=0.1)])
    parsed = parse_invoices(json.loads(text, parse_float=Decimal))
    (invoice,) = parsed.invoices
    assert invoice.to_pay == Decimal("1249.5")
    assert invoice.balance_due == Decimal("0.1")


def test_many_rows_parse_with_nothing_lost() -> None:
    rows = [row(invoiceid_real=index, topay=index / 4) for index in range(5000)]
    parsed = parse_invoices(rows)
    assert len(parsed.invoices) == 5000
    assert parsed.invoices[4999].number == "4999"
    assert parsed.invoices[3].to_api_dict()["topay"] == "0.75"


# --- fuzzing ------------------------------------------------------------------------------------

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | st.text(alphabet="0123456789-.,:/ ", max_size=12)
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.text(max_size=8) | st.sampled_from(API_FIELDS), children, max_size=5)
    ),
    max_leaves=30,
)
field_values = (
    json_values
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.decimals(allow_nan=True)
    | st.dates().map(str)
    | st.sampled_from(["", "0000-00-00", "Paid", "Cancelled", "F", "K", "javascript:x"])
)
fuzzed_rows = st.fixed_dictionaries({}, optional=dict.fromkeys(API_FIELDS, field_values))


def _check_never_raises(data: object) -> InvoiceList:
    parsed = parse_invoices(data)
    assert isinstance(parsed, InvoiceList)
    for invoice in parsed.invoices:
        assert invoice.number
        assert tuple(invoice.to_api_dict()) == API_FIELDS
        invoice.type_label("en")
        invoice.is_overdue(TODAY)
        assert invoice.link_problem in (None, "missing", "scheme")
        assert (invoice.pdf_url is None) == (invoice.link_problem is not None)
    for error in parsed.row_errors:
        assert error.reason
    if isinstance(data, list):  # a cut row is both an invoice and a reported problem
        unread = [error for error in parsed.row_errors if not error.cut]
        assert len(parsed.invoices) + len(unread) == len(data)
    return parsed


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_fuzz_any_json_value_never_raises(data: object) -> None:
    _check_never_raises(data)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(fuzzed_rows | json_values, max_size=8))
def test_fuzz_rows_with_arbitrary_field_values(rows: list[object]) -> None:
    _check_never_raises(rows)


plausible_amounts = (
    st.integers(min_value=-(10**9), max_value=10**9)
    | st.floats(min_value=-1e9, max_value=1e9)
    | st.decimals(min_value=-(10**9), max_value=10**9, places=2).map(str)
    | st.decimals(min_value=-(10**9), max_value=10**9, places=2).map(
        lambda d: str(d).replace(".", ",")
    )
    | st.just("")
)
plausible_dates = st.dates().map(date.isoformat) | st.sampled_from(["", "0000-00-00"]) | st.none()
plausible_ids = st.integers(min_value=0, max_value=10**12) | st.text() | st.none()
plausible_rows = st.fixed_dictionaries(
    {
        "status": st.text() | st.sampled_from(["Created", "Paid", "Cancelled"]),
        "name": st.text(),
        "invoicedate": plausible_dates,
        "duedate": plausible_dates,
        "topay": plausible_amounts,
        "invoiceid_real": st.integers(min_value=0, max_value=10**12) | st.text().filter(str.strip),
        "fileurl": st.text() | st.sampled_from(["", "https://ok/x.pdf", "javascript:x"]),
        "balancedue": plausible_amounts,
        "invoicetype": st.sampled_from(["F", "K", "KN", "RF", "", "?"]),
        "distributor_status": st.text() | st.sampled_from(["Sent", "Paid", ""]),
        "creditinvoiceid": plausible_ids,
        "hash": st.text(),
        "mm3servicesid": plausible_ids,
        "mexcModulesid": plausible_ids,
        "mexcCustomerinvoicesid": plausible_ids,
    }
)


@settings(max_examples=150)
@given(st.lists(plausible_rows, max_size=5))
def test_plausible_rows_all_parse_and_survive_a_round_trip(rows: list[dict[str, object]]) -> None:
    parsed = parse_invoices(rows)
    assert parsed.row_errors == ()
    assert len(parsed.invoices) == len(rows)
    again = parse_invoices([invoice.to_api_dict() for invoice in parsed.invoices])
    assert again.row_errors == ()
    assert [i.to_api_dict() for i in again.invoices] == [i.to_api_dict() for i in parsed.invoices]


def test_huge_and_deeply_nested_values_never_raise() -> None:
    deep: object = "x"
    for _ in range(10_000):
        deep = [deep]
    huge = "9" * 1_000_000
    rows = [
        row(name=deep),
        row(topay=huge),
        row(invoiceid_real=huge),
        row(invoicedate=huge),
        row(fileurl="https://" + huge),
        deep,
    ]
    parsed = _check_never_raises(rows)
    assert [error.index for error in parsed.row_errors if not error.cut] == [0, 1, 3, 5]
    assert parsed.row_errors[1].reason == "topay: amount too long"
    assert len(parsed.invoices[0].number) == MAX_TEXT  # cut when parsed, and reported
    assert [error.index for error in parsed.row_errors if error.cut] == [2, 4]


def test_a_long_text_field_is_cut_and_the_rest_of_the_row_read_as_usual() -> None:
    parsed = parse_invoices(
        [row(name=f"  {'Å' * 3000}  ", mm3servicesid=4642000, mexcModulesid=" 543210 ")]
    )
    (invoice,) = parsed.invoices
    (error,) = parsed.row_errors
    assert (error.index, error.reason, error.number, error.cut) == (
        0,
        f"name: cut to {MAX_TEXT} characters",
        "12345",
        True,
    )
    assert invoice.name == "Å" * MAX_TEXT
    assert (invoice.services_id, invoice.modules_id) == ("4642000", "543210")
    assert invoice.to_api_dict()["hash"] == SEED_ROW["hash"]


def test_a_long_parse_stops_when_asked_and_only_then() -> None:
    rows = [{**SEED_ROW, "invoiceid_real": str(number)} for number in range(5000)]
    asked: list[int] = []

    def stop_on_the_second_question() -> bool:
        asked.append(1)
        return len(asked) >= 2

    with pytest.raises(CancelledError):
        parse_invoices(rows, should_stop=stop_on_the_second_question)
    assert len(asked) == 2
    assert len(parse_invoices(rows, should_stop=lambda: False).invoices) == 5000


def test_invoices_keep_none_of_the_decoded_answers_strings_and_share_what_repeats() -> None:
    """The decoded rows are freed once the invoices are made; an invoice holding one of their
    strings would keep the allocator's memory around it (about 1 KB per invoice at 100,000)."""
    decoded = json.loads(
        json.dumps([row(invoiceid_real=f"10{n}", hash=f"h{n:031}") for n in range(3)])
    )
    invoices = parse_invoices(decoded).invoices
    answer_strings = {
        id(value) for each in decoded for value in each.values() if isinstance(value, str)
    }
    for invoice in invoices:
        kept = list(invoice)
        texts = [value for value in kept if isinstance(value, str) and len(value) > 1]
        assert texts and not {id(text) for text in texts} & answer_strings
    first, *others = invoices
    assert all(other.name is first.name and other.status is first.status for other in others)
    assert all(other.due_date is first.due_date for other in others)


def test_texts_holding_nul_characters_are_kept_whole_and_in_their_own_fields() -> None:
    invoice = one(hash="ab\x00cd", mm3servicesid="12\x00", fileurl="\x00x")
    assert (invoice.hash, invoice.services_id, invoice.fileurl) == ("ab\x00cd", "12\x00", "\x00x")
    assert (invoice.number, invoice.customer_invoice_id) == ("12345", "1234567")


def test_rows_decoded_into_structs_hold_the_fields_in_the_order_they_are_read() -> None:
    from qvickly_desk.wire_rows import WireRow

    assert WireRow.__struct_fields__ == ROW_KEYS
    assert set(ROW_KEYS) == set(API_FIELDS)
