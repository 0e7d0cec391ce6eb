"""What an attacker at the API address can send, over real loopback HTTP, and what the user sees.

The attacker's server (tests/helpers/attacker_server.py) signs whatever it sends, as the service
signs whatever a customer typed, or sends unsigned error answers, as a TLS-inspecting proxy could;
it trickles bodies and headers and sends hostile headers. Each test is one way this broke before.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tracemalloc
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from qvickly_desk.cli import main as cli_main
from qvickly_desk.client import QvicklyClient
from qvickly_desk.credentials import Credentials
from qvickly_desk.errors import AnswerTooLargeError, BadAnswerError, RequestTimeoutError
from qvickly_desk.logs import LOG_FILE_NAME, close_logging
from qvickly_desk.pno import parse_identity_number
from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET, SandboxServer
from qvickly_desk.settings import Settings
from qvickly_desk.status import StatusChoice
from tests.helpers.attacker_server import AttackerServer
from tests.helpers.paths import ROOT
from tests.helpers.service_records import service_record

pytestmark = pytest.mark.integration

PERSON = parse_identity_number("195501011018")
BOTH = StatusChoice(sent=True, paid=True)

TERMINAL_CONTROLS = ("\x1b", "\x9b", "\u202e", "\x07")
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31mall invoices paid\x1b[0m \u009b2J \u202eredrO fo tiderC"


@pytest.fixture
def attacker() -> Iterator[AttackerServer]:
    with AttackerServer(lifetime=20.0) as server:
        yield server


@pytest.fixture
def quick(attacker: AttackerServer) -> Iterator[QvicklyClient]:
    """A client with short timeouts: its deadline is 0.5 + 2 × 0.5 = 1.5 s."""
    client = QvicklyClient(
        Settings(api_url=attacker.url, language="en", connect_timeout=0.5, read_timeout=0.5)
    )
    yield client
    client.close()


@pytest.fixture
def environment_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QVICKLY_EID", DEMO_EID)
    monkeypatch.setenv("QVICKLY_SECRET", DEMO_SECRET)


def lookup(*options: str) -> int:
    try:
        return cli_main(["lookup", "195501011018", "--language", "en", *options])
    finally:
        close_logging()


def log_text(home: Path) -> str:
    return (home / "log" / LOG_FILE_NAME).read_text(encoding="utf-8")


# -- a call that never ends -----------------------------------------------------------------------


def test_a_body_trickling_one_byte_at_a_time_ends_at_the_deadline(
    attacker: AttackerServer, quick: QvicklyClient, demo_credentials: Credentials
) -> None:
    attacker.signed([service_record(number) for number in range(20)], trickle_body=0.05)
    with pytest.raises(RequestTimeoutError) as raised:  # the body alone would take minutes
        quick.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    assert "did not answer within 1.5 seconds" in raised.value.message("en")
    assert attacker.bodies_sent_completely == 0


def test_headers_trickling_one_byte_at_a_time_end_at_the_deadline(
    attacker: AttackerServer, quick: QvicklyClient, demo_credentials: Credentials
) -> None:
    attacker.raw(b"{}", headers=[("X-Padding", "a" * 2000)], trickle_headers=0.05)
    with pytest.raises(RequestTimeoutError):
        quick.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    assert attacker.bodies_sent_completely == 0


@pytest.mark.usefixtures("environment_credentials")
def test_lookup_with_a_timeout_ends_a_trickle_too(
    attacker: AttackerServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QVICKLY_CONNECT_TIMEOUT", "0.5")
    attacker.signed([service_record(number) for number in range(20)], trickle_body=0.05)
    assert lookup("--api-url", attacker.url, "--timeout", "0.5") == 4
    assert "did not answer within 1.5 seconds" in capsys.readouterr().err


# -- this computer is never reached through a proxy ----------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_never_goes_through_a_proxy(
    host: str,
    sandbox: SandboxServer,
    attacker: AttackerServer,
    demo_credentials: Credentials,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY"):
        monkeypatch.setenv(name, attacker.url)  # the "proxy" would see the customer's number
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "")
    attacker.unsigned_error("9999", "proxied")
    client = QvicklyClient(Settings(api_url=sandbox.url.replace("127.0.0.1", host)))
    try:
        assert client.get_invoices_by_pno(demo_credentials, PERSON, BOTH).invoices
    finally:
        client.close()
    assert attacker.calls == 0


# -- packed answers -------------------------------------------------------------------------------


def test_an_answer_packed_twice_is_refused_and_packed_once_is_read(
    attacker: AttackerServer, quick: QvicklyClient, demo_credentials: Credentials
) -> None:
    attacker.signed([service_record(1)])
    signed_body = attacker.reply.body
    attacker.raw(
        gzip.compress(gzip.compress(signed_body)), headers=[("Content-Encoding", "gzip, gzip")]
    )
    with pytest.raises(BadAnswerError) as raised:  # it would unpack: a bomb costs 25 s of CPU
        quick.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    assert "packed more than once" in raised.value.message("en")
    assert "packat flera gånger" in raised.value.message("sv")
    attacker.raw(gzip.compress(signed_body), headers=[("Content-Encoding", "gzip")])
    assert len(quick.get_invoices_by_pno(demo_credentials, PERSON, BOTH).invoices) == 1


def test_an_answer_that_unpacks_far_beyond_the_cap_is_stopped_without_unpacking_it_all(
    attacker: AttackerServer, demo_credentials: Credentials
) -> None:
    """300 KB of gzip that would unpack to 256 MB, against a 1 MB cap: the read stops at the
    cap, and no read unpacks much more than it asked for (the answer is read in 1 MB pieces)."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: the gzip format
    bomb = packer.compress(b"\0" * (256 * 1024 * 1024)) + packer.flush()
    attacker.raw(bomb, headers=[("Content-Encoding", "gzip")])
    client = QvicklyClient(
        Settings(api_url=attacker.url, language="en", read_timeout=10, max_answer_bytes=2**20)
    )
    tracemalloc.start()
    try:
        with pytest.raises(AnswerTooLargeError):
            client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        client.close()
    assert peak < 32 * 2**20  # bounded unpacking holds a few MB; unbounded held all 256 MB


def test_an_unknown_packing_is_refused(
    attacker: AttackerServer, quick: QvicklyClient, demo_credentials: Credentials
) -> None:
    attacker.signed([service_record(1)], headers=[("Content-Encoding", "identity, compress")])
    with pytest.raises(BadAnswerError) as raised:
        quick.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    assert "packed in an unknown way" in raised.value.message("en")


# -- a signed answer that is no list of invoices --------------------------------------------------


@pytest.mark.parametrize("data", ["x", None, 3, 0, True])
def test_signed_data_that_is_not_invoices_is_a_bad_answer(
    data: object, attacker: AttackerServer, quick: QvicklyClient, demo_credentials: Credentials
) -> None:
    attacker.signed(data)
    with pytest.raises(BadAnswerError) as raised:
        quick.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    assert "not a list of invoices" in raised.value.message("en")
    assert "ingen lista med fakturor" in raised.value.message("sv")


@pytest.mark.parametrize("data", ["x", None, 3])
def test_signed_data_that_is_not_a_list_is_a_bad_answer_for_every_list_function(
    data: object, attacker: AttackerServer, quick: QvicklyClient, demo_credentials: Credentials
) -> None:
    attacker.signed(data)
    with pytest.raises(BadAnswerError, match="not a list of invoices"):
        quick.get_invoices_by_customer(demo_credentials, "501", BOTH)
    with pytest.raises(BadAnswerError, match="not a list of customers"):
        quick.get_customers_by_name(demo_credentials, "Åsa")


@pytest.mark.usefixtures("environment_credentials")
def test_lookup_of_signed_data_that_is_not_invoices_exits_4(
    attacker: AttackerServer, capsys: pytest.CaptureFixture[str]
) -> None:
    attacker.signed("all paid")
    assert lookup("--api-url", attacker.url) == 4  # a script must not conclude "owes nothing"
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "not a list of invoices" in captured.err


# -- terminal and log injection -------------------------------------------------------------------


@pytest.mark.usefixtures("environment_credentials")
def test_a_hostile_error_answer_is_one_safe_line_on_stderr_and_in_the_log(
    attacker: AttackerServer, capsys: pytest.CaptureFixture[str], isolated_environment: Path
) -> None:
    forged = "\n2026-01-01 12:00:00,000 INFO qvickly_desk.client all invoices paid"
    attacker.unsigned_error(
        code="7777" + forged + "x" * 1_000_000,  # a megabyte code would rotate the log away
        message=ESCAPES + "y" * 1_000_000,
        logid="4711" + forged,
    )
    assert lookup("--api-url", attacker.url) == 4
    err = capsys.readouterr().err
    (line,) = err.splitlines()
    assert not any(control in line for control in TERMINAL_CONTROLS)
    assert "all invoices paid" in line and "redrO fo tiderC" in line  # readable, inert
    assert len(line) <= 2000
    log = log_text(isolated_environment)
    assert not any(control in log for control in TERMINAL_CONTROLS)
    assert not any(each.startswith("2026-01-01 12:00:00,000") for each in log.splitlines())
    assert len(log) < 20_000


@pytest.mark.usefixtures("environment_credentials")
def test_a_redirect_target_with_escapes_is_shown_inert(
    attacker: AttackerServer, capsys: pytest.CaptureFixture[str]
) -> None:
    attacker.raw(b"", status=302, headers=[("Location", "http://evil\x1b[2J\x1b]0;x\x07.test/")])
    assert lookup("--api-url", attacker.url) == 4
    (line,) = capsys.readouterr().err.splitlines()
    assert "redirect" in line
    assert not any(control in line for control in TERMINAL_CONTROLS)


@pytest.mark.usefixtures("environment_credentials")
def test_a_log_id_equal_to_the_customers_number_is_masked_in_the_log(
    attacker: AttackerServer, isolated_environment: Path
) -> None:
    attacker.signed([service_record(1)], logid="195501011018")
    assert lookup("--api-url", attacker.url, "--format", "json") == 0
    log = log_text(isolated_environment)
    assert "logid=550101-****" in log
    assert "5501011018" not in log


@pytest.mark.usefixtures("environment_credentials")
@pytest.mark.parametrize("output", ["table", "json", "csv"])
def test_hostile_names_reach_no_terminal_in_any_format(
    output: str, attacker: AttackerServer, capsys: pytest.CaptureFixture[str]
) -> None:
    names = [ESCAPES, "Eva \u009b2J", "Anna \u202eredrO", "=cmd|' /C calc'!A0", "@SUM(A1)", "+1"]
    attacker.signed([service_record(index, name=name) for index, name in enumerate(names)])
    assert lookup("--api-url", attacker.url, "--format", output) == 0
    out = capsys.readouterr().out
    assert not any(control in out for control in TERMINAL_CONTROLS)
    if output == "json":
        assert [row["name"] for row in json.loads(out)] == names  # exact, and valid JSON
    if output == "csv":
        cells = [line.split(",")[1] for line in out.splitlines()[1:]]
        assert not any(cell.lstrip('"').startswith(("=", "+", "-", "@")) for cell in cells)


# -- what the host does: one line, never a traceback ---------------------------------------------


def run_shell(command: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("QVICKLY_")}
    env.update(PYTHONPATH=str(ROOT), QVICKLY_LOG_DIR=str(home / "log"), HOME=str(home))
    env["QVICKLY_CONFIG_DIR"] = str(home / "config")
    return subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
        cwd=ROOT,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell and environment bytes")
def test_a_secret_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    done = run_shell(
        f"QVICKLY_EID=12345 QVICKLY_SECRET=$'\\xff\\xfe' {sys.executable} -m qvickly_desk "
        "lookup 195501011018 --api-url http://127.0.0.1:9/ --language en",
        tmp_path,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "qvickly-desk: error: Invalid input: QVICKLY_SECRET is not valid UTF-8 text."
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell")
def test_a_closed_stdout_is_one_line(tmp_path: Path) -> None:
    done = run_shell(
        f"{sys.executable} -m qvickly_desk --demo lookup 195501011018 --language en >&-",
        tmp_path,
    )
    assert done.returncode == 4
    assert done.stderr.splitlines() == [
        "qvickly-desk: error: the answer could not be written (standard output: closed)."
    ]
