"""The signed lookup over real HTTP against the sandbox: results, and each failure's own error."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from importlib.metadata import version

import pytest
import requests

import qvickly_desk
from qvickly_desk.client import QvicklyClient
from qvickly_desk.credentials import Credentials
from qvickly_desk.errors import (
    AuthenticationError,
    BadAnswerError,
    CancelledError,
    ConnectionFailedError,
    HttpStatusError,
    QvicklyError,
    RequestTimeoutError,
    SignatureError,
)
from qvickly_desk.pno import parse_identity_number
from qvickly_desk.sandbox import SandboxServer
from qvickly_desk.settings import Settings
from qvickly_desk.status import StatusChoice

pytestmark = pytest.mark.integration

PERSON = parse_identity_number("195501011018")
COMPANY = parse_identity_number("5566779988")
BOTH = StatusChoice(sent=True, paid=True)
WRONG = Credentials("12345", "not-the-secret-at-all")


@pytest.fixture
def client(sandbox_settings: Settings) -> Iterator[QvicklyClient]:
    client = QvicklyClient(sandbox_settings)
    yield client
    client.close()


def test_person_invoices_arrive_verified(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    result = client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    assert len(result.invoices) >= 5
    assert result.logid
    assert not result.row_errors
    assert {invoice.invoice_type for invoice in result.invoices} >= {"F", "K"}
    assert any(invoice.to_pay < 0 for invoice in result.invoices)


def test_the_call_names_this_version_of_the_client(
    sandbox_settings: Settings, demo_credentials: Credentials
) -> None:
    # The service's log shows which client made a call; support asks for the version.
    sent: list[dict[str, dict[str, object]]] = []
    with requests.Session() as session:
        session.hooks["response"].append(
            lambda response, **_: sent.append(json.loads(response.request.body))
        )
        client = QvicklyClient(sandbox_settings, session=session)
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    assert sent[0]["credentials"]["client"] == f"qvickly-desk:{qvickly_desk.__version__}"
    assert qvickly_desk.__version__ == version("qvickly-desk")


def test_an_abort_while_the_answer_is_read_stops_the_lookup(
    sandbox_settings: Settings, demo_credentials: Credentials
) -> None:
    """A newer search or the closing window aborts; a long parse must not run on regardless."""

    class AbortedOnArrival(QvicklyClient):
        def _call(self, *args: object, **kwargs: object) -> tuple[object, str | None]:
            answer = super()._call(*args, **kwargs)  # type: ignore[arg-type]
            self.abort()  # what the window does from its thread while the answer is parsed
            return answer

    client = AbortedOnArrival(sandbox_settings)
    try:
        with pytest.raises(CancelledError):
            client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    finally:
        client.close()


def test_company_invoices(client: QvicklyClient, demo_credentials: Credentials) -> None:
    assert client.get_invoices_by_pno(demo_credentials, COMPANY, BOTH).invoices


def test_sent_only_asks_for_open_invoices(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    everything = client.get_invoices_by_pno(demo_credentials, PERSON, BOTH).invoices
    sent = client.get_invoices_by_pno(demo_credentials, PERSON, StatusChoice(True, False)).invoices
    assert 0 < len(sent) < len(everything)
    assert all(invoice.is_open for invoice in sent)


def test_paid_only_keeps_paid_and_cancelled(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    paid = client.get_invoices_by_pno(demo_credentials, PERSON, StatusChoice(False, True)).invoices
    assert paid
    assert all(
        invoice.distributor_status == "Paid" or invoice.status == "Cancelled" for invoice in paid
    )


@pytest.mark.parametrize("number", ["195505050558", "5505050558"])
def test_denied_test_identities_have_no_invoices(
    client: QvicklyClient, demo_credentials: Credentials, number: str
) -> None:
    assert (
        client.get_invoices_by_pno(demo_credentials, parse_identity_number(number), BOTH).invoices
        == ()
    )


def test_unknown_customer_is_no_invoices_not_an_error(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    unknown = parse_identity_number("811228-9874")
    assert client.get_invoices_by_pno(demo_credentials, unknown, BOTH).invoices == ()


def test_wrong_secret_is_refused_with_code_and_logid(client: QvicklyClient) -> None:
    with pytest.raises(AuthenticationError) as raised:
        client.get_invoices_by_pno(WRONG, PERSON, BOTH)
    error = raised.value
    assert error.code == "9013"
    assert error.logid
    assert "9013" in error.message("en") and "Check the merchant id" in error.message("en")
    assert "hemlig nyckel" in error.message("sv")


def test_unknown_merchant(client: QvicklyClient) -> None:
    with pytest.raises(AuthenticationError) as raised:
        client.get_invoices_by_pno(Credentials("999999", "x"), PERSON, BOTH)
    assert raised.value.code == "9011"


def test_error_at_top_level_with_a_numeric_code(
    client: QvicklyClient, sandbox: SandboxServer, demo_credentials: Credentials
) -> None:
    sandbox.faults.error_at_top_level = True
    with pytest.raises(AuthenticationError) as raised:
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    assert raised.value.code == "9013"


@pytest.mark.parametrize("fault", ["wrong_signature", "tamper_data"])
def test_tampered_answers_are_never_returned(
    client: QvicklyClient, sandbox: SandboxServer, demo_credentials: Credentials, fault: str
) -> None:
    setattr(sandbox.faults, fault, True)
    with pytest.raises(SignatureError) as raised:
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    assert not raised.value.missing
    assert "tampered" in raised.value.message("en")


def test_unsigned_answer_is_never_returned(
    client: QvicklyClient, sandbox: SandboxServer, demo_credentials: Credentials
) -> None:
    sandbox.faults.no_signature = True
    with pytest.raises(SignatureError) as raised:
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    assert raised.value.missing
    assert "no signature" in raised.value.message("en")


def test_html_error_page(
    client: QvicklyClient, sandbox: SandboxServer, demo_credentials: Credentials
) -> None:
    sandbox.faults.http_status = 502
    with pytest.raises(HttpStatusError) as raised:
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    assert raised.value.status == 502
    assert "502" in raised.value.message("sv")


@pytest.mark.parametrize(
    ("fault", "words"), [("empty_body", "empty"), ("truncated_json", "not valid JSON")]
)
def test_broken_bodies(
    client: QvicklyClient,
    sandbox: SandboxServer,
    demo_credentials: Credentials,
    fault: str,
    words: str,
) -> None:
    setattr(sandbox.faults, fault, True)
    with pytest.raises(BadAnswerError) as raised:
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    assert words in raised.value.message("en")


def test_mixed_field_types_still_parse(
    client: QvicklyClient, sandbox: SandboxServer, demo_credentials: Credentials
) -> None:
    sandbox.faults.mixed_types = True
    result = client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    assert result.invoices and not result.row_errors


def test_timeout(sandbox: SandboxServer, demo_credentials: Credentials) -> None:
    sandbox.faults.delay = 3.0
    client = QvicklyClient(Settings(api_url=sandbox.url, read_timeout=0.3))
    with pytest.raises(RequestTimeoutError) as raised:
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    assert "0.3 seconds" in raised.value.message("en")
    client.close()


def test_connection_refused(demo_credentials: Credentials) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = QvicklyClient(Settings(api_url=f"http://127.0.0.1:{port}/", connect_timeout=1))
    with pytest.raises(ConnectionFailedError) as raised:
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    assert "127.0.0.1" in raised.value.message("en")


def test_abort_interrupts_a_waiting_call(
    sandbox: SandboxServer, demo_credentials: Credentials
) -> None:
    sandbox.faults.delay = 60.0
    client = QvicklyClient(Settings(api_url=sandbox.url, read_timeout=60))
    outcome: list[BaseException] = []

    def search() -> None:
        try:
            client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
        except QvicklyError as error:
            outcome.append(error)

    worker = threading.Thread(target=search)
    worker.start()
    while sandbox.request_count == 0 and worker.is_alive():
        worker.join(0.01)
    client.abort()
    worker.join(20)  # far below the 60 s the server would make it wait
    assert not worker.is_alive()
    assert outcome and isinstance(outcome[0], ConnectionFailedError)


def test_one_connection_serves_many_lookups(
    client: QvicklyClient, demo_credentials: Credentials
) -> None:
    for _ in range(3):
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    pools = list(client._session.get_adapter("http://").poolmanager.pools._container.values())
    assert len(pools) == 1
    assert pools[0].num_connections == 1


@pytest.mark.parametrize(
    "fault",
    ["wrong_signature", "no_signature", "empty_body", "truncated_json", "error_at_top_level"],
)
def test_no_error_carries_the_secret(
    sandbox: SandboxServer, demo_credentials: Credentials, fault: str
) -> None:
    setattr(sandbox.faults, fault, True)
    client = QvicklyClient(Settings(api_url=sandbox.url))
    with pytest.raises(QvicklyError) as raised:
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    error = raised.value
    for text in (str(error), repr(error), error.message("sv"), error.message("en")):
        assert demo_credentials.secret not in text
