"""A desk's ``lookup`` through the gateway to the sandbox, over real HTTP, on both databases."""

from __future__ import annotations

import json

import pytest
import requests

from qvickly_desk.cli import main
from qvickly_desk.credentials import Credentials
from qvickly_desk.envelope import signed_request_body
from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET
from tests.helpers.gateway import Gateway

pytestmark = pytest.mark.integration

PERSON = "195501011018"


def desk_lookup(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    credentials: Credentials,
    number: str = PERSON,
    *extra: str,
) -> tuple[int, str, str]:
    """``qvickly-desk lookup NUMBER --api-url URL``, the agent's id and key in the environment."""
    monkeypatch.setenv("QVICKLY_EID", credentials.eid)
    monkeypatch.setenv("QVICKLY_SECRET", credentials.secret)
    code = main(
        ["lookup", number, "--api-url", url, "--format", "json", "--language", "en", *extra]
    )
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_lookup_through_the_gateway_is_the_lookup_straight_to_qvickly(
    gateway: Gateway, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, anna = gateway.add_agent("Anna Andersson")
    code, through, err = desk_lookup(capsys, monkeypatch, gateway.url, anna)
    assert code == 0, err
    merchant = Credentials(DEMO_EID, DEMO_SECRET)
    code, straight, err = desk_lookup(capsys, monkeypatch, gateway.sandbox.url, merchant)
    assert code == 0, err
    assert json.loads(through) == json.loads(straight)
    assert len(json.loads(through)) == 8
    assert gateway.sandbox.request_count == 2  # one through the gateway, one straight

    (record,) = gateway.audit.search(subject="19550101-1018")
    assert record.agent_name == "Anna Andersson"
    assert record.function == "getInvoicesByPno"
    assert record.outcome == "ok"
    assert record.invoice_count == 8
    assert record.logid and record.logid.isdigit()
    assert gateway.audit.search(subject="550101-1018") == [record]  # any spelling of the number
    assert gateway.audit.search(subject="195505050558") == []


def test_the_database_holds_no_number_and_no_key(
    gateway: Gateway, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    new, anna = gateway.add_agent("Anna")
    assert desk_lookup(capsys, monkeypatch, gateway.url, anna)[0] == 0
    dump = " ".join(
        str(value)
        for table in ("agents", "audit", "gateway_schema")
        for row in gateway.database.rows(f"SELECT * FROM {table}")
        for value in row
    )
    assert new.agent.id in dump
    for secret in ("5501011018", "195501011018", new.secret, DEMO_SECRET, gateway.key.secret):
        assert secret not in dump


def test_not_found_from_qvickly_reaches_the_desk_as_no_invoices(
    gateway: Gateway, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, anna = gateway.add_agent("Anna")
    code, out, err = desk_lookup(capsys, monkeypatch, gateway.url, anna, "196408233234")
    assert code == 0, err
    assert json.loads(out) == []
    (record,) = gateway.audit.search(subject="19640823-3234")
    assert record.outcome == "service error 8012"


# -- refusals: each answered by the gateway, nothing forwarded ---------------------------------


def test_an_unknown_agent_is_refused_and_nothing_is_forwarded(
    gateway: Gateway, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stranger = Credentials("123456789", "f" * 64)
    code, out, err = desk_lookup(capsys, monkeypatch, gateway.url, stranger)
    assert code == 3  # the desk's "credentials refused"
    assert "9011" in err and out == ""
    assert gateway.sandbox.request_count == 0
    (record,) = gateway.audit.search(subject=PERSON)
    assert (record.agent_id, record.agent_name, record.outcome) == (
        "123456789",
        None,
        "refused 9011",
    )


def test_a_wrong_key_is_refused_and_nothing_is_forwarded(
    gateway: Gateway, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, anna = gateway.add_agent("Anna")
    _, bo = gateway.add_agent("Bo")
    wrong = Credentials(anna.eid, bo.secret)  # a real key, but another agent's
    code, _, err = desk_lookup(capsys, monkeypatch, gateway.url, wrong)
    assert code == 3
    assert "9013" in err
    assert gateway.sandbox.request_count == 0
    assert [r.outcome for r in gateway.audit.search()] == ["refused 9013"]


def test_the_merchant_key_itself_does_not_pass_the_gateway(
    gateway: Gateway, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = desk_lookup(capsys, monkeypatch, gateway.url, Credentials(DEMO_EID, DEMO_SECRET))
    assert code == 3 and "9011" in err
    assert gateway.sandbox.request_count == 0


def test_a_revoked_agent_is_refused_on_its_next_call_on_every_instance(
    gateway: Gateway, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, anna = gateway.add_agent("Anna")
    second = gateway.another_instance()
    assert desk_lookup(capsys, monkeypatch, gateway.url, anna)[0] == 0
    assert desk_lookup(capsys, monkeypatch, second.url, anna)[0] == 0
    monkeypatch.setenv("QVICKLY_GATEWAY_KEY", gateway.key.secret)
    assert main(["gateway", "agent", "revoke", "Anna", "--database", gateway.database.url]) == 0
    capsys.readouterr()
    for url in (gateway.url, second.url):
        code, _, err = desk_lookup(capsys, monkeypatch, url, anna)
        assert code == 3 and "9011" in err
    assert gateway.sandbox.request_count == 2
    outcomes = [r.outcome for r in gateway.audit.search(subject=PERSON)]
    assert outcomes == ["ok", "ok", "refused 9011", "refused 9011"]


@pytest.mark.parametrize(
    "function",
    ["addPayment", "creditPayment", "cancelPayment", "updatePayment", "activatePayment"],
)
def test_a_function_that_changes_anything_is_refused_and_never_forwarded(
    gateway: Gateway, function: str
) -> None:
    _, anna = gateway.add_agent("Anna")
    # The desk's client refuses these before sending; a hand-made, validly signed call is what
    # the gateway has to stop.
    body = signed_request_body(
        function, {"number": "1001", "pno": PERSON}, anna.eid, anna.secret, language="en"
    )
    answer = requests.post(gateway.url, data=body, timeout=5).json()
    assert answer["data"]["code"] == "9001"
    assert "only lookups are forwarded" in answer["data"]["message"]
    assert gateway.sandbox.request_count == 0
    (record,) = gateway.audit.search()
    assert (record.function, record.outcome) == (function, "refused 9001")
