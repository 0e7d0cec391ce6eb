"""``show``, ``lookup --invoice``, ``lookup --customer`` and ``customers`` as scripts use them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from qvickly_desk.cli import main
from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET, SandboxServer
from qvickly_desk.sandbox.data import invoice_hash

pytestmark = pytest.mark.integration

DETAIL_KEYS = [
    "number",
    "status",
    "type",
    "currency",
    "invoice_date",
    "due_date",
    "payment_method",
    "related_number",
    "pdf_url",
    "balance_due",
    "references",
    "customer",
    "articles",
    "totals",
]
ADDRESS_KEYS = ["name", "company", "street", "street2", "zip", "city", "country", "email", "phone"]
ARTICLE_KEYS = [
    "artnr",
    "title",
    "quantity",
    "unit_price",
    "discount_percent",
    "vat_percent",
    "total_excl_vat",
]
TOTALS_KEYS = ["handling_excl_vat", "shipping_excl_vat", "excl_vat", "vat", "rounding", "incl_vat"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(autouse=True)
def demo_env(monkeypatch: pytest.MonkeyPatch, sandbox: SandboxServer) -> SandboxServer:
    monkeypatch.setenv("QVICKLY_EID", DEMO_EID)
    monkeypatch.setenv("QVICKLY_SECRET", DEMO_SECRET)
    monkeypatch.setenv("QVICKLY_API_URL", sandbox.url)
    return sandbox


def test_show_json_has_exactly_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "4001", "--format", "json")
    assert code == 0, err
    shown = json.loads(out)
    assert list(shown) == DETAIL_KEYS
    assert list(shown["references"]) == ["yours", "ours"]
    assert list(shown["customer"]) == ["number", "pno", "billing", "shipping", "company_signer"]
    assert list(shown["customer"]["billing"]) == ADDRESS_KEYS
    assert shown["customer"]["shipping"] is None and shown["customer"]["pno"] is None
    assert all(list(article) == ARTICLE_KEYS for article in shown["articles"])
    assert list(shown["totals"]) == TOTALS_KEYS
    assert shown["totals"]["incl_vat"] == "2035.00" and shown["totals"]["rounding"] == "-0.25"
    assert shown["balance_due"] == "1035.00"
    assert shown["articles"][0]["quantity"] == "1" and shown["articles"][0]["vat_percent"] == "25"


def test_show_json_nulls_what_the_answer_does_not_give(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "4002", "--format", "json")
    shown = json.loads(out)
    assert code == 0
    assert shown["totals"] is None and shown["articles"] == [] and shown["balance_due"] is None
    code, out, _ = run(capsys, "show", "4003", "--format", "json")
    shown = json.loads(out)
    assert shown["invoice_date"] is None and shown["articles"][0]["quantity"] == "3.5"
    assert shown["articles"][0]["discount_percent"] == "10"


def test_show_json_of_a_credit_invoice(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "show", "1006", "--format", "json")
    shown = json.loads(out)
    assert shown["type"] == "K" and shown["related_number"] == "1005"
    assert shown["totals"]["incl_vat"] == "-695.00"
    assert shown["articles"][0]["quantity"] == "-1"
    assert shown["customer"]["pno"] == "19550101-1018"


def test_show_number_falls_back_to_the_number_asked_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "show", "1003", "--format", "json")
    assert json.loads(out)["number"] == "1003"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", ["Faktura 4001", "Saldo att betala:", "1 035,00", "Betalt hittills:", "2 035,00"]),
        ("en", ["Invoice 4001", "Balance due:", "1,035.00", "Paid so far:", "Rounding:"]),
    ],
)
def test_show_text_is_a_readable_block_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str], language: str, expected: list[str]
) -> None:
    code, out, _ = run(capsys, "show", "4001", "--language", language)
    assert code == 0
    text = out.replace("\u00a0", " ")
    for piece in expected:
        assert piece in text
    assert "Vinterjacka" in text and "Åsa Öberg" in text


def test_show_by_hash(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "--hash", invoice_hash("company:2002"), "--format", "json")
    assert code == 0 and json.loads(out)["number"] == "2002"


@pytest.mark.parametrize(
    ("argv", "named"),
    [(["show", "99999"], "99999"), (["show", "--hash", "ab" * 16], "ab" * 16)],
)
def test_a_missing_invoice_or_hash_is_exit_code_1_with_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], argv: list[str], named: str
) -> None:
    code, out, err = run(capsys, *argv, "--language", "en")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and named in err


def test_lookup_invoice_prints_that_customers_invoices(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "lookup", "--invoice", "1004", "--format", "json")
    assert code == 0
    assert len(json.loads(out)) == 8
    code, out, _ = run(
        capsys, "lookup", "--invoice", "1004", "--format", "json", "--status", "sent"
    )
    assert len(json.loads(out)) == 5


def test_lookup_invoice_without_identity_number_prints_that_invoice(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "lookup", "--invoice", "4001", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [row["invoiceid_real"] for row in rows] == ["4001"]
    assert rows[0]["balancedue"] == "1035.00"


def test_lookup_invoice_that_does_not_exist_is_exit_code_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "lookup", "--invoice", "99999", "--language", "sv")
    assert code == 1 and "99999" in err


def test_lookup_customer_filters_by_status_in_the_client(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "lookup", "--customer", "502", "--format", "json")
    assert len(json.loads(out)) == 5
    _, out, _ = run(capsys, "lookup", "--customer", "502", "--format", "json", "--status", "paid")
    assert {row["invoiceid_real"] for row in json.loads(out)} == {"2003", "2004"}


@pytest.mark.parametrize(
    "argv",
    [
        ["lookup"],
        ["lookup", "5501011018", "--invoice", "1"],
        ["lookup", "--invoice", "12ab"],
        ["show"],
        ["show", "1", "--hash", "ab"],
        ["show", "--hash", "not hex"],
        ["customers", "   "],
    ],
)
def test_invalid_input_is_exit_code_2_and_no_call(
    capsys: pytest.CaptureFixture[str], demo_env: SandboxServer, argv: list[str]
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and err.count("\n") == 1
    assert demo_env.request_count == 0


def test_customers_json_uses_the_services_field_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "customers", "åsa", "--format", "json")
    records = json.loads(out)
    assert code == 0
    assert [record["customerid"] for record in records] == ["501", "504"]
    assert all(
        list(record)
        == [
            "customerid",
            "name",
            "companyno",
            "address",
            "postcode",
            "postoffice",
            "email",
            "telephone",
            "mobile",
        ]
        for record in records
    )
    assert records[1]["companyno"] is None  # zeros are no identity number


def test_customers_table_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "customers", "TESTBOLAGET", "--language", "en")
    assert code == 0 and "Testbolaget AB" in out and "1 customer" in out
    code, out, _ = run(capsys, "customers", "nobody", "--format", "csv")
    assert code == 0 and out.splitlines() == [
        "customerid,name,companyno,address,postcode,postoffice,email,telephone,mobile"
    ]
