"""What the gateway forwards and what it stops: rate limits, Qvickly's answers that fail their
check, and the other lookup functions, whose subjects the audit must find again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from qvickly_desk.client import QvicklyClient
from qvickly_desk.credentials import Credentials
from qvickly_desk.errors import InvoiceNotFoundError, QvicklyError, ServiceError
from qvickly_desk.gateway.ratelimit import RateLimits
from qvickly_desk.pno import parse_identity_number
from qvickly_desk.sandbox import SandboxServer
from qvickly_desk.settings import Settings
from qvickly_desk.status import StatusChoice
from tests.gateway.test_end_to_end import desk_lookup
from tests.helpers.gateway import Gateway, start_gateway

pytestmark = pytest.mark.integration

PERSON = parse_identity_number("195501011018")
BOTH = StatusChoice.parse("sent,paid")


def agent_client(gateway: Gateway) -> QvicklyClient:
    return QvicklyClient(Settings(api_url=gateway.url, language="en", read_timeout=10))


@pytest.fixture
def limited(database_url: str, sandbox: SandboxServer) -> Iterator[Gateway]:
    running = start_gateway(database_url, sandbox, RateLimits(per_minute=3, per_day=1000))
    yield running
    running.stop()


def test_the_call_over_the_minute_limit_is_refused_and_not_forwarded(limited: Gateway) -> None:
    _, anna = limited.add_agent("Anna")
    _, bo = limited.add_agent("Bo")
    client = agent_client(limited)
    for _ in range(3):
        assert client.get_invoices_by_pno(anna, PERSON, BOTH).invoices
    with pytest.raises(ServiceError) as raised:
        client.get_invoices_by_pno(anna, PERSON, BOTH)
    assert raised.value.code == "9950"
    assert "Too many lookups in the last minute" in raised.value.message("en")
    swedish = QvicklyClient(Settings(api_url=limited.url, language="sv"))
    with pytest.raises(ServiceError) as raised:
        swedish.get_invoices_by_pno(anna, PERSON, BOTH)
    swedish.close()
    assert "För många sökningar den senaste minuten" in raised.value.message("sv")
    assert limited.sandbox.request_count == 3
    assert client.get_invoices_by_pno(bo, PERSON, BOTH).invoices  # the limit is per agent
    client.close()
    outcomes = [r.outcome for r in limited.audit.search() if r.agent_name == "Anna"]
    assert outcomes == ["ok", "ok", "ok", "refused 9950", "refused 9950"]


def test_the_day_limit_holds_too(database_url: str, sandbox: SandboxServer) -> None:
    running = start_gateway(database_url, sandbox, RateLimits(per_minute=60, per_day=2))
    try:
        _, anna = running.add_agent("Anna")
        client = agent_client(running)
        client.get_invoices_by_pno(anna, PERSON, BOTH)
        client.get_invoices_by_pno(anna, PERSON, BOTH)
        with pytest.raises(ServiceError) as raised:
            client.get_invoices_by_pno(anna, PERSON, BOTH)
        client.close()
        assert raised.value.code == "9951"
        assert sandbox.request_count == 2
    finally:
        running.stop()


@pytest.mark.parametrize("fault", ["tamper_data", "wrong_signature", "no_signature"])
def test_an_answer_that_fails_its_check_never_reaches_the_desk_as_data(
    gateway: Gateway,
    fault: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, anna = gateway.add_agent("Anna")
    setattr(gateway.sandbox.faults, fault, True)
    code, out, err = desk_lookup(capsys, monkeypatch, gateway.url, anna)
    assert code == 4
    assert out == ""
    assert "9960" in err and "no acceptable answer from Qvickly" in err
    assert gateway.sandbox.request_count == 1
    (record,) = gateway.audit.search(subject="195501011018")
    assert record.outcome == "failed: SignatureError"
    assert record.invoice_count is None


def test_an_upstream_that_is_down_is_an_error_for_the_desk(
    gateway: Gateway, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, anna = gateway.add_agent("Anna")
    gateway.sandbox.faults.http_status = 502
    code, out, err = desk_lookup(capsys, monkeypatch, gateway.url, anna)
    assert code == 4 and out == ""
    assert "9960" in err
    (record,) = gateway.audit.search()
    assert record.outcome == "failed: HttpStatusError"


@pytest.mark.parametrize(
    ("function", "data", "asked"),
    [
        ("getPaymentInfo", {"number": "1001"}, " 1001 "),
        ("getInvoiceByHash", {"hash": "AbC123deF"}, "abc123def"),
        ("getInvoicesByCustomer", {"customerno": "C-77"}, "C77"),
        ("getCustomersByName", {"name": "Åsa  Bäckström"}, "åsa bäckström"),
        ("getInvoicesByPno", {"pno": "5501011018", "status": "Sent"}, "19550101-1018"),
    ],
)
def test_each_lookup_function_is_forwarded_and_its_subject_found_again(
    gateway: Gateway, function: str, data: dict[str, object], asked: str
) -> None:
    _, anna = gateway.add_agent("Anna")
    client = agent_client(gateway)
    try:
        client.call(function, data, anna)
    except InvoiceNotFoundError as error:
        assert function == "getInvoiceByHash"  # the sandbox knows no such hash
        assert error.code == "6010"
    finally:
        client.close()
    assert gateway.sandbox.request_count == 1
    (record,) = gateway.audit.search(subject=asked)
    assert record.function == function
    assert record.subject_kind == next(iter(data))
    assert record.outcome == ("service error 6010" if function == "getInvoiceByHash" else "ok")
    assert gateway.audit.search(subject="someone else") == []


def test_a_lookup_without_data_is_refused(gateway: Gateway) -> None:
    _, anna = gateway.add_agent("Anna")
    client = agent_client(gateway)
    with pytest.raises(QvicklyError):
        client.call("getPaymentInfo", {}, anna)  # the desk's client refuses before sending
    body = b'{"credentials":{"id":"%s","hash":"%s"},"data":[],"function":"getPaymentInfo"}' % (
        anna.eid.encode(),
        _sign([], anna).encode(),
    )
    import requests

    answer = requests.post(gateway.url, data=body, timeout=5).json()
    client.close()
    assert answer["data"]["code"] == "9004"
    assert gateway.sandbox.request_count == 0


def _sign(data: object, credentials: Credentials) -> str:
    from qvickly_desk.signing import sign

    return sign(data, credentials.secret)
