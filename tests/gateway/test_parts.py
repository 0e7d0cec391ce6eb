"""The gateway's parts on their own: subjects, keys, the schema, the listen rule, TLS, and that the
desk's own command line stays free of all of it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from qvickly_desk.client import QvicklyClient
from qvickly_desk.errors import InvalidInputError
from qvickly_desk.gateway.db import open_database
from qvickly_desk.gateway.functions import LOOKUP_FUNCTIONS, normalise_subject, subject_of
from qvickly_desk.gateway.keys import GatewayKey, GatewayKeyUnavailableError, load_gateway_key
from qvickly_desk.gateway.migrations import MIGRATIONS
from qvickly_desk.gateway.server import GatewayServer, check_listen_address, parse_listen
from qvickly_desk.pno import parse_identity_number
from qvickly_desk.sandbox import SandboxServer
from qvickly_desk.settings import Settings
from qvickly_desk.status import StatusChoice
from tests.helpers.gateway import gateway_app, start_gateway
from tests.helpers.paths import ROOT as REPO


def test_the_five_lookups_and_nothing_else_are_allowed() -> None:
    assert set(LOOKUP_FUNCTIONS) == {
        "getInvoicesByPno",
        "getPaymentInfo",
        "getInvoiceByHash",
        "getInvoicesByCustomer",
        "getCustomersByName",
    }


@pytest.mark.parametrize(
    ("function", "data", "subject"),
    [
        ("getInvoicesByPno", {"pno": "5501011018", "status": "Sent"}, ("pno", "5501011018")),
        ("getInvoicesByPno", {"pno": "19550101-1018"}, ("pno", "5501011018")),
        ("getPaymentInfo", {"number": 1001}, ("number", "1001")),
        ("getInvoiceByHash", {"hash": " ABCdef "}, ("hash", "abcdef")),
        ("getInvoicesByCustomer", {"customerno": "C 77"}, ("customerno", "C77")),
        ("getCustomersByName", {"name": " Åsa\tBÄCKSTRÖM "}, ("name", "åsa bäckström")),
        ("getPaymentInfo", {"pno": "5501011018"}, None),  # not the field this function takes
        ("getPaymentInfo", {"number": True}, None),
        ("addPayment", {"pno": "5501011018"}, None),
        ("getInvoicesByPno", ["5501011018"], None),
    ],
)
def test_each_call_names_its_subject_in_one_spelling(
    function: str, data: object, subject: tuple[str, str] | None
) -> None:
    assert subject_of(function, data) == subject


def test_an_invalid_number_is_still_a_subject() -> None:
    assert normalise_subject("pno", "5501011019") == "5501011019"  # wrong check digit
    assert normalise_subject("pno", "550101-1019") == "5501011019"


def test_agent_keys_are_derived_per_agent_and_per_gateway() -> None:
    key = GatewayKey("a" * 64)
    assert key.agent_secret("100000001") == GatewayKey("a" * 64).agent_secret("100000001")
    assert key.agent_secret("100000001") != key.agent_secret("100000002")
    assert key.agent_secret("100000001") != GatewayKey("b" * 64).agent_secret("100000001")
    assert len(key.agent_secret("100000001")) == 64
    assert key.subject_key() != bytes.fromhex(key.agent_secret(""))
    assert "a" * 64 not in repr(key)


def test_a_short_gateway_key_is_refused() -> None:
    with pytest.raises(InvalidInputError):
        load_gateway_key(environ={"QVICKLY_GATEWAY_KEY": "too short"})
    assert load_gateway_key(environ={"QVICKLY_GATEWAY_KEY": "x" * 32}).secret == "x" * 32


def test_the_schema_is_versioned_and_migrating_again_changes_nothing(database_url: str) -> None:
    database = open_database(database_url)
    try:
        assert database.migrate() == MIGRATIONS[-1][0] == 1
        assert database.rows("SELECT version FROM gateway_schema") == [(1,)]
        assert database.rows("SELECT COUNT(*) FROM audit") == [(0,)]
    finally:
        database.close()


def test_a_sqlite_database_runs_in_wal_mode(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    assert database.one("PRAGMA journal_mode") == ("wal",)
    database.close()


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost"])
def test_plain_http_is_served_on_loopback(host: str) -> None:
    check_listen_address(host, 8443, tls=False)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "gateway.example"])
def test_plain_http_off_loopback_needs_tls(host: str) -> None:
    with pytest.raises(InvalidInputError) as raised:
        check_listen_address(host, 8443, tls=False)
    assert "loopback" in raised.value.message("en") and "loopback" in raised.value.message("sv")
    check_listen_address(host, 8443, tls=True)


def test_listen_addresses() -> None:
    assert parse_listen("127.0.0.1:8443") == ("127.0.0.1", 8443)
    assert parse_listen("[::1]:0") == ("::1", 0)
    for text in ("8443", "host:", "host:99999", ":80"):
        with pytest.raises(InvalidInputError):
            parse_listen(text)


@pytest.mark.integration
def test_the_gateway_serves_tls_itself(
    sqlite_url: str, sandbox: SandboxServer, tmp_path: Path
) -> None:
    from tests.helpers.certificates import self_signed_certificate

    cert, key = self_signed_certificate(tmp_path)
    plain = start_gateway(sqlite_url, sandbox)  # for its database and key
    _, anna = plain.add_agent("Anna")
    app = gateway_app(plain.database, plain.key, sandbox, plain.limits)
    with GatewayServer(app, "127.0.0.1", 0, str(cert), str(key)) as tls:
        assert tls.url.startswith("https://127.0.0.1:")
        client = QvicklyClient(Settings(api_url=tls.url, read_timeout=10), ca_file=str(cert))
        result = client.get_invoices_by_pno(
            anna, parse_identity_number("195501011018"), StatusChoice.parse("sent,paid")
        )
        client.close()
    plain.stop()
    assert len(result.invoices) == 8


def test_the_desk_command_line_imports_nothing_of_the_gateway() -> None:
    code = (
        "import sys, qvickly_desk.cli as cli; cli._parser();"
        "print(sorted(m for m in sys.modules if m.startswith(('qvickly_desk.gateway', 'cheroot',"
        " 'psycopg'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("backend", ["null", "fail"])
def test_the_gateway_key_is_never_kept_by_a_keyring_that_is_not_the_os_store(
    backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    from keyring.backends import fail, null

    chosen = null.Keyring() if backend == "null" else fail.Keyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(chosen)
    try:
        with pytest.raises(GatewayKeyUnavailableError) as refused:
            load_gateway_key(create=True, environ={})
    finally:
        keyring.set_keyring(previous)
    assert "QVICKLY_GATEWAY_KEY" in refused.value.message("en")
    assert "QVICKLY_GATEWAY_KEY" in refused.value.message("sv")
