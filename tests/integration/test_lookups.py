"""The four lookups beyond getInvoicesByPno, against the sandbox over real HTTP.

Each function, each quirk the sandbox sends on purpose, each error, and each fault switch: the
new calls go through the same verification, timeouts, retry and caps as the invoice list.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from decimal import Decimal

import pytest

from qvickly_desk.client import QvicklyClient
from qvickly_desk.credentials import Credentials
from qvickly_desk.errors import (
    AnswerCutOffError,
    AnswerTooLargeError,
    AuthenticationError,
    BadAnswerError,
    HttpStatusError,
    InvalidInputError,
    InvoiceNotFoundError,
    RedirectRefusedError,
    RequestTimeoutError,
    ServiceError,
    SignatureError,
)
from qvickly_desk.pno import parse_identity_number
from qvickly_desk.sandbox import SandboxServer
from qvickly_desk.sandbox.data import invoice_hash
from qvickly_desk.settings import Settings
from qvickly_desk.status import StatusChoice

pytestmark = pytest.mark.integration

BOTH = StatusChoice(sent=True, paid=True)
SENT = StatusChoice(sent=True, paid=False)
PAID = StatusChoice(sent=False, paid=True)


@pytest.fixture
def client(sandbox_settings: Settings) -> Iterator[QvicklyClient]:
    client = QvicklyClient(sandbox_settings)
    yield client
    client.close()


# -- getPaymentInfo -----------------------------------------------------------------------------


def test_payment_info_reads_an_invoice_in_currency_units(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    details = client.get_payment_info(demo_credentials, "1001")
    assert details.number == "1001" and details.status == "Sent"
    assert details.totals is not None and details.totals.incl_vat == Decimal("1249.50")
    assert details.balance_due == Decimal("1249.50")
    assert details.pno is not None and details.pno.digits == "5501011018"
    assert details.customer_number == "501"
    assert details.shipping is not None and details.shipping.street == "Sommarvägen 9"
    assert details.pdf_url is not None and details.problems == ()


def test_int_amounts_and_string_amounts_read_alike(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    """1002 comes with every amount as an int, 1001 with strings."""
    details = client.get_payment_info(demo_credentials, "1002")
    assert details.totals is not None and details.totals.incl_vat == Decimal("399.00")
    assert details.balance_due == Decimal("399.00")


def test_a_missing_number_falls_back_to_the_number_asked_for(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    assert client.get_payment_info(demo_credentials, " 1003 ").number == "1003"


def test_a_missing_balance_is_unknown_not_zero(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    details = client.get_payment_info(demo_credentials, "1004")
    assert details.balance_due is None and details.paid_so_far is None


def test_a_credit_invoice_has_negative_amounts_and_names_the_original(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    credit = client.get_payment_info(demo_credentials, "1006")
    assert credit.totals is not None and credit.totals.incl_vat == Decimal("-695.00")
    assert credit.articles[0].total_excl_vat == Decimal("-556.00")
    assert credit.related_number == "1005"
    cancelled = client.get_payment_info(demo_credentials, "1005")
    assert cancelled.related_number == "1006"
    assert cancelled.totals is not None and cancelled.totals.incl_vat == 0  # as stated
    assert cancelled.totals.excl_vat == Decimal("556.00")


def test_a_part_paid_invoice_with_rounding_a_fee_and_a_freetext_line(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    details = client.get_payment_info(demo_credentials, "4001")
    assert details.pno is None and details.customer_number == "504"
    assert details.totals is not None
    assert details.totals.rounding == Decimal("-0.25")
    assert details.totals.handling_excl_vat == Decimal("29.00")
    assert details.balance_due == Decimal("1035.00")
    assert details.paid_so_far == Decimal("1000.00")
    assert [line.is_freetext for line in details.articles] == [False, True]


def test_no_cart_no_lines_and_an_undated_invoice_with_an_unknown_status(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    empty = client.get_payment_info(demo_credentials, "4002")
    assert empty.totals is None and empty.articles == () and empty.balance_due is None
    undated = client.get_payment_info(demo_credentials, "4003")
    assert undated.invoice_date is None and undated.due_date is None
    assert undated.status == "OnHold"
    assert undated.articles[0].quantity == Decimal("3.5")


def test_a_company_invoice_has_its_company_and_signer(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    details = client.get_payment_info(demo_credentials, "2001")
    assert details.billing.company == "Testbolaget AB" and details.billing.name == ""
    assert details.pno is not None and details.pno.is_organisation
    assert details.company_signer is not None
    assert details.shipping is None  # the sandbox sends it with every field empty


def test_an_unknown_number_is_no_such_invoice_naming_it(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    with pytest.raises(InvoiceNotFoundError) as caught:
        client.get_payment_info(demo_credentials, "99999")
    error = caught.value
    assert not isinstance(error, ServiceError)
    assert error.code == "5201" and error.logid
    assert "99999" in error.message("en") and "99999" in error.message("sv")
    assert error.message("sv") != error.message("en")


@pytest.mark.parametrize("number", ["", "12a", "1" * 21, "10\n01"])
def test_an_invalid_number_is_refused_before_any_call(
    client: QvicklyClient, demo_credentials: Credentials, sandbox: SandboxServer, number: str
) -> None:
    with pytest.raises(InvalidInputError):
        client.get_payment_info(demo_credentials, number)
    assert sandbox.request_count == 0


# -- getInvoiceByHash ---------------------------------------------------------------------------


def test_an_invoice_is_found_by_its_list_rows_hash(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    rows = client.get_invoices_by_pno(
        demo_credentials, parse_identity_number("5566779988"), BOTH
    ).invoices
    details = client.get_invoice_by_hash(demo_credentials, rows[0].hash)
    assert details.number == rows[0].number


def test_an_unknown_hash_is_no_such_invoice_even_unsigned_at_top_level(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    with pytest.raises(InvoiceNotFoundError) as caught:
        client.get_invoice_by_hash(demo_credentials, "ab" * 16)
    assert caught.value.code == "6010" and caught.value.by_hash
    assert "ab" * 16 in caught.value.message("en")


# -- getInvoicesByCustomer ----------------------------------------------------------------------


def test_invoice_objects_and_list_rows_become_the_same_kind_of_rows(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    """Customer 501 is answered with invoice objects, 502 with list rows."""
    person = client.get_invoices_by_customer(demo_credentials, "501")
    by_pno = client.get_invoices_by_pno(
        demo_credentials, parse_identity_number("195501011018"), BOTH
    )
    # 1007 is open and its object leaves out balancedue: reported, never shown as 0,00 owed.
    assert [(e.number, e.reason) for e in person.row_errors] == [("1007", "balancedue: not given")]
    shown = {i.number for i in person.invoices}
    assert shown | {"1007"} == {i.number for i in by_pno.invoices}
    listed = {invoice.number: invoice for invoice in by_pno.invoices}
    for invoice in person.invoices:
        row = listed[invoice.number]
        assert (
            invoice.to_pay,
            invoice.balance_due,
            invoice.status,
            invoice.invoice_date,
            invoice.name,
        ) == (row.to_pay, row.balance_due, row.status, row.invoice_date, row.name)
    company = client.get_invoices_by_customer(demo_credentials, "502")
    assert len(company.invoices) == 5  # every invoice: the function has no status filter


def test_an_organisation_number_matches_in_full_only(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    assert len(client.get_invoices_by_customer(demo_credentials, "5566779988").invoices) == 5
    assert client.get_invoices_by_customer(demo_credentials, "556677").invoices == ()


def test_the_status_filter_is_applied_in_the_client(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    sent = client.get_invoices_by_customer(demo_credentials, "501", SENT).invoices
    paid = client.get_invoices_by_customer(demo_credentials, "501", PAID).invoices
    assert sent and all(invoice.is_open for invoice in sent)
    assert paid and not any(invoice.is_open for invoice in paid)


def test_an_unknown_customer_number_has_no_invoices(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    assert client.get_invoices_by_customer(demo_credentials, "999").invoices == ()


def test_an_empty_customer_number_is_the_services_7020(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    with pytest.raises(ServiceError) as caught:
        client.call("getInvoicesByCustomer", {"customerno": ""}, demo_credentials)
    assert caught.value.code == "7020"


# -- getCustomersByName -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("åsa", {"501", "504"}),
        ("ÖBERG", {"504"}),
        ("testbolaget ab", {"502"}),
        ("Tolv", {"503"}),
        ("Nobody", set()),
    ],
)
def test_name_search_is_partial_and_ignores_case(
    client: QvicklyClient, demo_credentials: Credentials, name: str, expected: set[str]
) -> None:
    matches = client.get_customers_by_name(demo_credentials, name)
    assert {customer.customer_number for customer in matches.customers} == expected


def test_a_found_customer_leads_to_their_invoices(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    (customer,) = client.get_customers_by_name(demo_credentials, "Öberg").customers
    assert customer.identity is None  # zeros: none
    invoices = client.get_invoices_by_customer(demo_credentials, customer.customer_number)
    assert [invoice.number for invoice in invoices.invoices] == ["4001", "4002", "4003"]


# -- find the customer by an invoice number -----------------------------------------------------


def test_an_invoice_number_finds_its_customers_invoices(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    found = client.find_by_invoice_number(demo_credentials, "1004", SENT)
    assert found.identity is not None and found.identity.digits == "5501011018"
    assert len(found.invoices.invoices) == 5  # the Sent list of that person


def test_without_an_identity_number_the_answer_is_that_one_invoice(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    found = client.find_by_invoice_number(demo_credentials, "4001")
    assert found.identity is None
    assert [invoice.number for invoice in found.invoices.invoices] == ["4001"]
    assert found.invoices.invoices[0].balance_due == Decimal("1035.00")


# -- the sandbox's own promise: every listed invoice has details that agree ---------------------


@pytest.mark.parametrize("pno", ["195501011018", "5566779988", "191212121212"])
def test_every_listed_invoice_has_details_that_agree(
    client: QvicklyClient, demo_credentials: Credentials, pno: str
) -> None:
    invoices = client.get_invoices_by_pno(demo_credentials, parse_identity_number(pno), BOTH)
    for invoice in invoices.invoices[:40]:
        details = client.get_invoice_by_hash(demo_credentials, invoice.hash)
        assert details.number == invoice.number
        assert details.status == invoice.status
        assert details.invoice_date == invoice.invoice_date
        assert details.due_date == invoice.due_date
        assert details.customer_name == invoice.name
        assert details.totals is not None and details.totals.incl_vat == invoice.to_pay
        if details.balance_due is not None:
            assert details.balance_due == invoice.balance_due
        assert details.pdf_url == invoice.pdf_url


# -- fault switches -----------------------------------------------------------------------------

CALLS = {
    "getPaymentInfo": lambda c, k: c.get_payment_info(k, "1001"),
    "getInvoiceByHash": lambda c, k: c.get_invoice_by_hash(k, invoice_hash("person:1001")),
    "getInvoicesByCustomer": lambda c, k: c.get_invoices_by_customer(k, "501"),
    "getCustomersByName": lambda c, k: c.get_customers_by_name(k, "Åsa"),
}


@pytest.mark.parametrize("function", CALLS)
@pytest.mark.parametrize(
    ("switch", "value", "error"),
    [
        ("wrong_signature", True, SignatureError),
        ("no_signature", True, SignatureError),
        ("tamper_data", True, SignatureError),
        ("truncated_json", True, BadAnswerError),
        ("empty_body", True, BadAnswerError),
        ("http_status", 502, HttpStatusError),
        ("error_at_top_level", True, AuthenticationError),
        ("huge_answer_bytes", 3 * 1024 * 1024, AnswerTooLargeError),
        ("reset_mid_body", True, AnswerCutOffError),
        ("redirect_to", "https://elsewhere.example/", RedirectRefusedError),
    ],
)
def test_each_fault_switch_applies_to_each_function(
    sandbox: SandboxServer,
    sandbox_settings: Settings,
    demo_credentials: Credentials,
    function: str,
    switch: str,
    value: object,
    error: type[Exception],
) -> None:
    setattr(sandbox.faults, switch, value)
    client = QvicklyClient(sandbox_settings.with_changes(max_answer_bytes=1024 * 1024))
    try:
        with pytest.raises(error):
            CALLS[function](client, demo_credentials)
    finally:
        client.close()


@pytest.mark.parametrize("function", CALLS)
@pytest.mark.parametrize(("switch", "value"), [("delay", 2.0), ("never_answer", True)])
def test_a_slow_answer_times_out_for_each_function(
    sandbox: SandboxServer,
    sandbox_settings: Settings,
    demo_credentials: Credentials,
    function: str,
    switch: str,
    value: object,
) -> None:
    setattr(sandbox.faults, switch, value)
    client = QvicklyClient(sandbox_settings.with_changes(read_timeout=0.2))
    try:
        with pytest.raises(RequestTimeoutError):
            CALLS[function](client, demo_credentials)
    finally:
        client.close()


@pytest.mark.parametrize("function", CALLS)
def test_a_busy_service_gets_one_retry_for_each_function(
    sandbox: SandboxServer,
    client: QvicklyClient,
    demo_credentials: Credentials,
    function: str,
) -> None:
    sandbox.faults.http_status, sandbox.faults.retry_after = 503, 0
    waits: list[float] = []

    def on_retry(seconds: float) -> None:
        waits.append(seconds)
        sandbox.faults.reset()  # the service is back for the retry

    call = {
        "getPaymentInfo": lambda: client.get_payment_info(demo_credentials, "1001", on_retry),
        "getInvoiceByHash": lambda: client.get_invoice_by_hash(
            demo_credentials, invoice_hash("person:1001"), on_retry
        ),
        "getInvoicesByCustomer": lambda: client.get_invoices_by_customer(
            demo_credentials, "501", BOTH, on_retry
        ),
        "getCustomersByName": lambda: client.get_customers_by_name(
            demo_credentials, "Åsa", on_retry
        ),
    }[function]
    call()
    assert waits == [0.0] and sandbox.request_count == 2


def test_mixed_types_and_hostile_links_still_verify_and_read(
    sandbox: SandboxServer, client: QvicklyClient, demo_credentials: Credentials
) -> None:
    sandbox.faults.mixed_types = True
    sandbox.faults.hostile_links = True
    details = client.get_payment_info(demo_credentials, "1001")
    assert details.totals is not None and details.totals.incl_vat == Decimal("1249.50")
    assert details.pdf_url is None
    invoices = client.get_invoices_by_customer(demo_credentials, "502").invoices
    assert len(invoices) == 5 and all(invoice.pdf_url is None for invoice in invoices)


def test_each_call_leaves_one_log_line_without_names_or_hashes(
    client: QvicklyClient, demo_credentials: Credentials, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="qvickly_desk")
    hash_ = invoice_hash("person:1001")
    for call in CALLS.values():
        call(client, demo_credentials)
    lines = [r.getMessage() for r in caplog.records if r.name == "qvickly_desk.client"]
    calls = [line for line in lines if " result=" in line]
    assert [line.split()[0] for line in calls] == list(CALLS)
    text = "\n".join(lines)
    assert "number=1001" in text and "customerno=501" in text
    assert "Åsa" not in text and hash_ not in text


@pytest.mark.parametrize(
    "function", ["addPayment", "creditPayment", "updateStatusLogOfInvoiceByHash", "getAddress"]
)
def test_a_function_that_is_not_a_lookup_is_never_sent(
    client: QvicklyClient, demo_credentials: Credentials, sandbox: SandboxServer, function: str
) -> None:
    with pytest.raises(InvalidInputError):
        client.call(function, {"number": "1001"}, demo_credentials)
    assert sandbox.request_count == 0


def test_the_two_entry_points_for_forwarding_make_and_check_a_call_on_their_own(
    sandbox: SandboxServer,
) -> None:
    """What a gateway that forwards raw calls uses: the signed body and the answer's check."""
    import requests

    from qvickly_desk.envelope import signed_request_body
    from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET
    from qvickly_desk.verification import verify_answer

    body = signed_request_body("getPaymentInfo", {"number": "4001"}, DEMO_EID, DEMO_SECRET)
    response = requests.post(
        sandbox.url, data=body, headers={"Content-Type": "application/json"}, timeout=5
    )
    data, logid = verify_answer(response.content, DEMO_SECRET)
    assert isinstance(data, dict) and data["PaymentData"]["number"] == "4001" and logid
    with pytest.raises(SignatureError):
        verify_answer(response.content, "another-secret")
    missing = signed_request_body("getPaymentInfo", {"number": "1"}, DEMO_EID, DEMO_SECRET)
    answer = requests.post(
        sandbox.url, data=missing, headers={"Content-Type": "application/json"}, timeout=5
    )
    with pytest.raises(InvoiceNotFoundError):
        verify_answer(answer.content, DEMO_SECRET)
