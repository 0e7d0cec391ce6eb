"""The sandbox speaks the Qvickly protocol over real loopback HTTP, and misbehaves on request."""

from __future__ import annotations

import contextlib
import json
import re
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import requests

from qvickly_desk.sandbox import (
    BIG_CUSTOMER_PNO,
    DEMO_EID,
    DEMO_SECRET,
    HOSTILE_LINKS,
    SandboxServer,
    generate_invoices,
)
from qvickly_desk.sandbox.data import FIELDS
from qvickly_desk.signing import php_json_encode, sign, signature_matches
from tests.helpers.certificates import self_signed_certificate

pytestmark = pytest.mark.integration

PERSON = "5501011018"
COMPANY = "5566779988"
UNKNOWN_VALID = "8112189876"


@pytest.fixture
def server(capsys: pytest.CaptureFixture[str]) -> Iterator[SandboxServer]:
    """A demo sandbox per test; it must stay quiet on stderr whatever the test does to it."""
    with SandboxServer() as sandbox:
        yield sandbox
    assert capsys.readouterr().err == ""


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as http:
        yield http


def call(
    session: requests.Session,
    server: SandboxServer,
    data: object,
    *,
    eid: str | None = DEMO_EID,
    secret: str = DEMO_SECRET,
    language: str | None = "sv",
    function: str | None = "getInvoicesByPno",
    signature: str | None = None,
    timeout: float | tuple[float, float] = 10,
    **kwargs: object,
) -> requests.Response:
    """A call the way the client makes it; ``None`` leaves a field out."""
    credentials: dict[str, object] = {
        "id": eid,
        "hash": signature if signature is not None else sign(data, secret),
        "version": "2.5.0",
        "client": "qvickly-desk:test",
        "language": language,
        "time": time.time(),
        "test": "1",
    }
    credentials = {key: value for key, value in credentials.items() if value is not None}
    body: dict[str, object] = {"credentials": credentials, "data": data, "function": function}
    if function is None:
        del body["function"]
    return session.post(
        server.url,
        data=json.dumps(body),
        headers={"Content-Type": "application/json"},
        timeout=timeout,
        **kwargs,  # type: ignore[arg-type]
    )


def lookup(
    session: requests.Session, server: SandboxServer, pno: str, status: str = "Sent,Paid"
) -> list[dict[str, object]]:
    answer = call(session, server, {"pno": pno, "status": status}).json()
    assert signature_matches(answer["data"], DEMO_SECRET, answer["credentials"]["hash"])
    assert isinstance(answer["data"], list)
    return answer["data"]


def error_code(response: requests.Response) -> str:
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    return response.json()["data"]["code"]


def with_check_digit(nine: str) -> str:
    """Nine digits plus their Luhn check digit."""
    total = 0
    for index, char in enumerate(nine):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return nine + str((10 - total % 10) % 10)


# -- the protocol ---------------------------------------------------------------------------------


def test_signed_call_returns_data_whose_signature_verifies(server, session):
    response = call(session, server, {"pno": PERSON, "status": "Sent"})

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    answer = response.json()
    assert signature_matches(answer["data"], DEMO_SECRET, answer["credentials"]["hash"])
    assert isinstance(answer["credentials"]["logid"], int)
    # The body is PHP-encoded throughout: the bytes on the wire are exactly what was signed.
    assert response.text == php_json_encode(answer)
    assert len(answer["data"]) == 5


@pytest.mark.parametrize(
    ("language", "expected"),
    [("sv", "Autentiseringen misslyckades"), ("en", "Authentication failed"), (None, "Autent")],
)
def test_wrong_secret_is_refused_with_9013_in_the_language_asked_for(
    server, session, language, expected
):
    response = call(
        session, server, {"pno": PERSON, "status": "Sent"}, secret="wrong", language=language
    )

    answer = response.json()
    assert answer["data"]["code"] == "9013"
    assert answer["data"]["message"].startswith(expected)
    assert answer["data"]["logid"] == str(answer["credentials"]["logid"])
    # The error itself is signed with the account's real secret.
    assert signature_matches(answer["data"], DEMO_SECRET, answer["credentials"]["hash"])


def test_unknown_merchant_gets_9011_signed_with_a_key_nobody_knows(server, session):
    answer = call(session, server, {"pno": PERSON, "status": "Sent"}, eid="99999").json()

    assert answer["data"]["code"] == "9011"
    assert not signature_matches(answer["data"], DEMO_SECRET, answer["credentials"]["hash"])


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("not JSON", "9003"),
        ("JSON array", "9003"),
        ("wrong content type", "9003"),
        ("no function", "9003"),
        ("unknown function", "9001"),
        ("no id", "9010"),
        ("no hash", "9010"),
        ("empty data", "9004"),
        ("no data", "9004"),
        ("no pno", "9014"),
        ("empty pno", "9014"),
        ("short pno", "9015"),
        ("letters", "9016"),
        ("bad check digit", "9016"),
        ("no such date", "9016"),
        ("eleven digits", "9016"),
        ("status Paid", "7022"),
        ("no status", "7022"),
        ("unknown customer", "8012"),
    ],
)
def test_each_documented_error_code(server, session, case, code):
    sent = {"pno": PERSON, "status": "Sent"}
    data: dict[str, object] = {
        "no pno": {"status": "Sent"},
        "empty pno": {"pno": "", "status": "Sent"},
        "short pno": {"pno": "55010110", "status": "Sent"},
        "letters": {"pno": "55O1011018", "status": "Sent"},
        "bad check digit": {"pno": "5501011019", "status": "Sent"},
        "no such date": {"pno": with_check_digit("551301101"), "status": "Sent"},
        "eleven digits": {"pno": "19550101101", "status": "Sent"},
        "status Paid": {"pno": PERSON, "status": "Paid"},
        "no status": {"pno": PERSON},
        "unknown customer": {"pno": UNKNOWN_VALID, "status": "Sent"},
        "empty data": {},
    }.get(case, sent)
    json_header = {"Content-Type": "application/json"}
    if case == "not JSON":
        response = session.post(server.url, data=b"pno=5501011018", headers=json_header)
    elif case == "JSON array":
        response = session.post(server.url, data=b"[1, 2]", headers=json_header)
    elif case == "wrong content type":
        body = {"credentials": {"id": DEMO_EID, "hash": sign(data, DEMO_SECRET)}, "data": data}
        body["function"] = "getInvoicesByPno"
        text_header = {"Content-Type": "text/plain"}
        response = session.post(server.url, data=json.dumps(body), headers=text_header)
    elif case == "no function":
        response = call(session, server, data, function=None)
    elif case == "unknown function":
        response = call(session, server, data, function="addPayment")
    elif case == "no id":
        response = call(session, server, data, eid=None)
    elif case == "no hash":
        response = call(session, server, data, signature="")
    elif case == "no data":
        body = {
            "credentials": {"id": DEMO_EID, "hash": sign(None, DEMO_SECRET)},
            "function": "getInvoicesByPno",
        }
        response = session.post(server.url, data=json.dumps(body), headers=json_header)
    else:
        response = call(session, server, data)

    assert error_code(response) == code


def test_error_answers_are_signed_with_the_accounts_secret(server, session):
    answer = call(session, server, {"pno": UNKNOWN_VALID, "status": "Sent"}, language="en").json()

    assert answer["data"]["code"] == "8012"
    assert signature_matches(answer["data"], DEMO_SECRET, answer["credentials"]["hash"])
    assert "found" in answer["data"]["message"]


@pytest.mark.parametrize("pno", ["5505050558", "195505050558"])
def test_denied_test_identities_answer_an_empty_list(server, session, pno):
    assert lookup(session, server, pno) == []


def test_twelve_digits_are_accepted_like_ten(server, session):
    ten = lookup(session, server, PERSON)
    twelve = lookup(session, server, "19" + PERSON)

    assert [row["hash"] for row in twelve] == [row["hash"] for row in ten]


def test_text_outside_latin1_breaks_the_signature_as_on_the_service(server, session):
    latin1 = call(session, server, {"pno": PERSON, "status": "Sent", "note": "Åsa"})
    euro = call(session, server, {"pno": PERSON, "status": "Sent", "note": "5 €"})

    assert isinstance(latin1.json()["data"], list)
    assert error_code(euro) == "9013"


def test_logids_increase(server, session):
    first = call(session, server, {"pno": PERSON, "status": "Sent"}).json()
    second = call(session, server, {"pno": "12", "status": "Sent"}).json()

    assert second["credentials"]["logid"] > first["credentials"]["logid"]
    assert int(second["data"]["logid"]) == second["credentials"]["logid"]


def test_keep_alive_reuses_one_connection_and_only_api_calls_are_counted(server, session):
    rows = lookup(session, server, PERSON)
    lookup(session, server, COMPANY)
    session.get(rows[0]["fileurl"]).raise_for_status()
    lookup(session, server, PERSON, "Sent")

    assert server.connection_count == 1
    assert server.request_count == 3


# -- the data -------------------------------------------------------------------------------------


def test_status_filtering_follows_the_documented_rule(server, session):
    for pno, sent_count, all_count in ((PERSON, 5, 8), (COMPANY, 2, 4)):
        sent = lookup(session, server, pno, "Sent")
        everything = lookup(session, server, pno, "Sent,Paid")

        assert len(sent) == sent_count
        assert len(everything) == all_count
        assert {row["distributor_status"] for row in sent} <= {"Created", "Sent"}
        assert {row["hash"] for row in sent} < {row["hash"] for row in everything}
        for row in everything:
            assert row["distributor_status"] in {"Created", "Sent", "Paid"} or (
                row["status"] == "Cancelled"
            )
    company = lookup(session, server, COMPANY)
    assert any(r["status"] == "Cancelled" and r["distributor_status"] == "" for r in company)


def test_person_invoices_are_as_untidy_as_the_real_service(server, session):
    rows = lookup(session, server, PERSON)
    today = date.today().isoformat()

    assert all(tuple(row) == FIELDS for row in rows)
    assert {row["name"] for row in rows} == {"Åsa Bäckström"}
    assert {row["invoicetype"] for row in rows} == {"F", "K", "KN", "RF"}
    credit = next(row for row in rows if row["invoicetype"] == "K")
    assert credit["topay"].startswith("-")
    assert {type(row["invoiceid_real"]) for row in rows} == {int, str}
    assert {type(row["balancedue"]) for row in rows} == {int, float, str}
    assert {type(row["creditinvoiceid"]) for row in rows} == {int, str}
    assert sum(row["fileurl"] == "" for row in rows) == 1
    assert all(row["fileurl"].startswith(server.url) for row in rows if row["fileurl"])
    open_due = [row["duedate"] for row in rows if row["distributor_status"] in {"Sent", "Created"}]
    assert any(due < today for due in open_due)
    assert any(due >= today for due in open_due)


def test_big_customer_has_thousands_of_invoices(server, session):
    rows = lookup(session, server, BIG_CUSTOMER_PNO)

    assert len(rows) == 3000
    assert len({row["hash"] for row in rows}) == 3000
    assert 0 < len(lookup(session, server, BIG_CUSTOMER_PNO, "Sent")) < 3000


def test_generated_invoices_are_deterministic():
    url = "http://127.0.0.1:1/"
    today = date(2025, 3, 1)

    first = generate_invoices(200, 7, url, today=today)
    assert first == generate_invoices(200, 7, url, today=today)
    assert first != generate_invoices(200, 8, url, today=today)
    assert len(first) == 200
    assert all(tuple(row) == FIELDS for row in first)
    assert len({row["hash"] for row in first}) == 200


def test_an_added_customer_answers_all_its_generated_rows(server, session):
    rows = generate_invoices(500, 3, server.url)
    server.add_customer(UNKNOWN_VALID, rows)

    answered = lookup(session, server, UNKNOWN_VALID)

    assert [row["hash"] for row in answered] == [row["hash"] for row in rows]


# -- PDFs -----------------------------------------------------------------------------------------


def test_pdf_links_serve_a_structurally_valid_pdf(server, session):
    rows = lookup(session, server, PERSON)
    first = next(row for row in rows if str(row["invoiceid_real"]) == "1001")

    response = session.get(first["fileurl"])

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF-1.4\n")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert b"/BaseFont /Helvetica" in pdf
    assert b"(Faktura 1001)" in pdf
    assert b"1249.50" in pdf
    assert "Åsa Bäckström".encode("cp1252") in pdf
    xref_at = int(re.search(rb"startxref\n(\d+)\n%%EOF", pdf).group(1))
    assert pdf[xref_at:].startswith(b"xref\n0 7\n")
    entries = pdf[xref_at:].split(b"\n")[3:9]
    for number, entry in enumerate(entries, start=1):
        offset = int(entry[:10])
        assert pdf[offset:].startswith(b"%d 0 obj" % number)
    length = int(re.search(rb"/Length (\d+) >>\nstream\n", pdf).group(1))
    stream_at = pdf.index(b"stream\n") + len(b"stream\n")
    assert pdf[stream_at + length :].startswith(b"endstream")


def test_unknown_and_moved_pdfs_are_404(server, session):
    rows = lookup(session, server, PERSON)
    moved = next(row["fileurl"] for row in rows if "/pdf/" not in row["fileurl"] and row["fileurl"])

    assert session.get(server.url + "pdf/0123456789abcdef.pdf").status_code == 404
    assert session.get(moved).status_code == 404
    assert server.request_count == 1


# -- faults ---------------------------------------------------------------------------------------


def test_delay_holds_the_answer_back(server, session):
    server.faults.delay = 30
    with pytest.raises(requests.Timeout):
        call(session, server, {"pno": PERSON, "status": "Sent"}, timeout=(5, 0.2))

    server.faults.delay = 0.1
    assert len(lookup(session, server, PERSON, "Sent")) == 5


def test_http_status_answers_an_html_page_with_retry_after(server, session):
    server.faults.http_status = 503
    server.faults.retry_after = 30

    response = call(session, server, {"pno": PERSON, "status": "Sent"})

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert response.headers["Content-Type"].startswith("text/html")
    assert response.text.startswith("<!DOCTYPE html>")


def test_truncated_json_is_half_an_answer(server, session):
    server.faults.truncated_json = True

    response = call(session, server, {"pno": PERSON, "status": "Sent"})

    assert response.status_code == 200
    assert response.content.startswith(b'{"credentials":{"hash":"')
    assert len(response.content) == int(response.headers["Content-Length"])
    with pytest.raises(ValueError):
        json.loads(response.content)


def test_empty_body(server, session):
    server.faults.empty_body = True

    response = call(session, server, {"pno": PERSON, "status": "Sent"})

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.content == b""


def test_wrong_signature_is_valid_json_with_an_altered_hash(server, session):
    server.faults.wrong_signature = True

    answer = call(session, server, {"pno": PERSON, "status": "Sent"}).json()

    assert re.fullmatch(r"[0-9a-f]{128}", answer["credentials"]["hash"])
    assert len(answer["data"]) == 5
    assert not signature_matches(answer["data"], DEMO_SECRET, answer["credentials"]["hash"])


def test_no_signature_leaves_the_hash_out(server, session):
    server.faults.no_signature = True

    answer = call(session, server, {"pno": PERSON, "status": "Sent"}).json()

    assert "hash" not in answer["credentials"]
    assert "logid" in answer["credentials"]
    assert len(answer["data"]) == 5


def test_tamper_data_changes_an_amount_after_signing(server, session):
    honest = lookup(session, server, PERSON, "Sent")
    server.faults.tamper_data = True

    answer = call(session, server, {"pno": PERSON, "status": "Sent"}).json()

    assert not signature_matches(answer["data"], DEMO_SECRET, answer["credentials"]["hash"])
    assert answer["data"][0]["topay"] != honest[0]["topay"]
    assert answer["data"][1:] == honest[1:]
    assert {k: v for k, v in answer["data"][0].items() if k != "topay"} == {
        k: v for k, v in honest[0].items() if k != "topay"
    }


def test_mixed_types_makes_ids_ints_and_amounts_numbers(server, session):
    server.faults.mixed_types = True

    rows = lookup(session, server, PERSON)

    assert all(isinstance(row["invoiceid_real"], int) for row in rows)
    assert all(isinstance(row["mexcModulesid"], int) for row in rows)
    assert all(isinstance(row["topay"], int | float) for row in rows)
    assert all(isinstance(row["balancedue"], int | float) for row in rows)
    assert any(isinstance(row["topay"], float) for row in rows)


def test_hostile_links_replace_every_fileurl(server, session):
    server.faults.hostile_links = True

    rows = lookup(session, server, PERSON)

    assert {row["fileurl"] for row in rows} == set(HOSTILE_LINKS)
    schemes = {row["fileurl"].partition(":")[0] for row in rows if row["fileurl"]}
    assert schemes == {"javascript", "file", "smb", "data"}


def test_never_answer_keeps_the_client_waiting(server, session):
    server.faults.never_answer = True

    with pytest.raises(requests.ReadTimeout):
        call(session, server, {"pno": PERSON, "status": "Sent"}, timeout=(5, 0.2))
    assert server.request_count == 1


def test_reset_mid_body_breaks_the_answer_off(server, session):
    server.faults.reset_mid_body = True

    with pytest.raises((requests.ConnectionError, requests.exceptions.ChunkedEncodingError)):
        call(session, server, {"pno": PERSON, "status": "Sent"})

    server.faults.reset_mid_body = False
    assert len(lookup(session, server, PERSON, "Sent")) == 5


def test_huge_answer_streams_the_requested_number_of_bytes(server, session):
    server.faults.huge_answer_bytes = 3_000_000

    with call(session, server, {"pno": PERSON, "status": "Sent"}, stream=True) as response:
        assert response.status_code == 200
        assert "Content-Length" not in response.headers
        chunks = list(response.iter_content(64 * 1024))

    body = b"".join(chunks)
    assert len(body) == 3_000_000
    assert body.startswith(b'{"credentials":{"hash":"')
    with pytest.raises(ValueError):
        json.loads(body)


def test_a_client_that_gives_up_on_a_huge_answer_does_not_upset_the_server(server, session):
    server.faults.huge_answer_bytes = 500_000_000

    with call(session, server, {"pno": PERSON, "status": "Sent"}, stream=True) as response:
        first = next(response.iter_content(100_000))
    assert first.startswith(b'{"credentials"')

    server.faults.reset()
    assert len(lookup(session, server, PERSON, "Sent")) == 5


def test_redirect_to_answers_307_with_location(server, session):
    server.faults.redirect_to = "https://evil.example/collect"

    response = call(session, server, {"pno": PERSON, "status": "Sent"}, allow_redirects=False)

    assert response.status_code == 307
    assert response.headers["Location"] == "https://evil.example/collect"


def test_error_at_top_level_has_a_numeric_code_and_no_data(server, session):
    server.faults.error_at_top_level = True

    answer = call(session, server, {"pno": PERSON, "status": "Sent"}, language="en").json()

    assert answer == {"code": 9013, "message": "Authentication failed. Check your eid and secret."}


# -- life cycle -----------------------------------------------------------------------------------


def test_stop_returns_promptly_with_a_delayed_request_in_flight(capsys):
    server = SandboxServer().start()
    server.faults.delay = 600
    outcome: dict[str, object] = {}

    def client() -> None:
        with requests.Session() as http:
            try:
                call(http, server, {"pno": PERSON, "status": "Sent"}, timeout=120)
            except requests.RequestException as error:
                outcome["error"] = error

    caller = threading.Thread(target=client)
    caller.start()
    for _ in range(1000):
        if server.request_count:
            break
        time.sleep(0.01)
    stopper = threading.Thread(target=server.stop)
    stopper.start()
    stopper.join(timeout=60)  # far less than the 600-second delay

    assert not stopper.is_alive()
    caller.join(timeout=60)
    assert isinstance(outcome.get("error"), requests.ConnectionError)
    with pytest.raises(requests.ConnectionError):
        requests.post(server.url, data=b"{}", timeout=5)
    assert capsys.readouterr().err == ""


def test_two_servers_on_different_ports_at_once(session):
    with (
        SandboxServer() as demo,
        SandboxServer(accounts={"777": "other-secret"}) as other,
    ):
        assert demo.url != other.url
        assert len(lookup(session, demo, PERSON)) == 8
        assert error_code(call(session, other, {"pno": PERSON, "status": "Sent"})) == "9011"
        answer = call(
            session, other, {"pno": PERSON, "status": "Sent"}, eid="777", secret="other-secret"
        ).json()
        assert signature_matches(answer["data"], "other-secret", answer["credentials"]["hash"])
        assert all(row["fileurl"].startswith(other.url) for row in answer["data"] if row["fileurl"])


def test_url_is_unknown_until_started():
    with pytest.raises(RuntimeError):
        _ = SandboxServer().url


def test_https_with_an_ssl_context(tmp_path: Path, capsys):
    cert, key = self_signed_certificate(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)

    with SandboxServer(ssl_context=context) as server, requests.Session() as http:
        assert server.url.startswith("https://127.0.0.1:")
        with pytest.raises(requests.exceptions.SSLError):
            requests.post(server.url, data=b"{}", timeout=5)  # the certificate is not trusted
        http.trust_env = False  # or REQUESTS_CA_BUNDLE would override the session's verify
        http.verify = str(cert)
        rows = lookup(http, server, PERSON)
        links = [row["fileurl"] for row in rows if "/pdf/" in row["fileurl"]]
        assert links
        assert all(link.startswith(server.url) for link in links)
        assert http.get(links[0]).content.startswith(b"%PDF-")
    assert capsys.readouterr().err == ""


def test_serve_forever_blocks_until_stopped(capsys):
    server = SandboxServer()
    runner = threading.Thread(target=server.serve_forever)
    runner.start()
    url = None
    for _ in range(1000):  # the address is known once serve_forever has started the server
        with contextlib.suppress(RuntimeError):
            url = server.url
            break
        time.sleep(0.01)
    with requests.Session() as http:
        assert len(lookup(http, server, COMPANY)) == 4
    assert url == server.url
    assert runner.is_alive()

    server.stop()
    runner.join(timeout=60)

    assert not runner.is_alive()
    assert capsys.readouterr().err == ""


def test_answers_go_out_without_waiting_for_a_delayed_ack(server, session):
    # Headers and body are two writes: with Nagle's algorithm on, a small body waits for the
    # client's delayed ACK (about 40 ms), in every demo search and every test.
    lookup(session, server, PERSON)
    connections = list(server._httpd._connections)  # the one the session keeps alive
    assert connections
    for connection in connections:
        assert connection.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_concurrent_calls_are_answered_and_counted(server):
    results: list[int] = []

    def client() -> None:
        with requests.Session() as http:
            for _ in range(5):
                results.append(len(lookup(http, server, PERSON)))

    threads = [threading.Thread(target=client) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert results == [8] * 40
    assert server.request_count == 40
    assert server.connection_count == 8
