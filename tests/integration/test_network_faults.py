"""What the network, a proxy or a broken service can do to a lookup, over real loopback HTTP.

Each fault ends in its own error with its own message (Swedish and English), within the timeouts
the settings give, and none of them makes the client send the credentials anywhere but the
configured service, hold an endless answer in memory, or hammer a busy service with retries.
"""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
import threading
import tracemalloc
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

import pytest

from qvickly_desk.cli import main as cli_main
from qvickly_desk.client import QvicklyClient
from qvickly_desk.credentials import Credentials
from qvickly_desk.errors import (
    AnswerCutOffError,
    AnswerTooLargeError,
    BadAnswerError,
    ConnectionFailedError,
    HttpStatusError,
    InvalidInputError,
    RedirectRefusedError,
    RequestTimeoutError,
    TlsError,
)
from qvickly_desk.pno import parse_identity_number
from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET, SandboxServer
from qvickly_desk.settings import Settings
from qvickly_desk.status import StatusChoice
from tests.helpers.certificates import self_signed_certificate

pytestmark = pytest.mark.integration

PERSON = parse_identity_number("195501011018")
BOTH = StatusChoice(sent=True, paid=True)


@pytest.fixture
def client(sandbox_settings: Settings) -> Iterator[QvicklyClient]:
    client = QvicklyClient(sandbox_settings)
    yield client
    client.close()


def free_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# -- the connection itself ------------------------------------------------------------------------


def test_connection_refused(demo_credentials: Credentials) -> None:
    port = free_port()
    client = QvicklyClient(Settings(api_url=f"http://127.0.0.1:{port}/", connect_timeout=2))
    with pytest.raises(ConnectionFailedError) as raised:
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    client.close()
    assert "Could not connect to 127.0.0.1" in raised.value.message("en")
    assert "Kunde inte ansluta till 127.0.0.1" in raised.value.message("sv")


def test_reset_in_the_middle_of_the_body(
    client: QvicklyClient, sandbox: SandboxServer, demo_credentials: Credentials
) -> None:
    sandbox.faults.reset_mid_body = True
    with pytest.raises(AnswerCutOffError) as raised:
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    assert "cut off in the middle of the answer" in raised.value.message("en")
    assert "bröts mitt i svaret" in raised.value.message("sv")
    sandbox.faults.reset()
    assert client.get_invoices_by_pno(demo_credentials, PERSON, BOTH).invoices  # and recovers


def test_a_server_that_never_answers_times_out(
    sandbox: SandboxServer, demo_credentials: Credentials
) -> None:
    sandbox.faults.never_answer = True
    client = QvicklyClient(Settings(api_url=sandbox.url, connect_timeout=2, read_timeout=0.5))
    with pytest.raises(RequestTimeoutError) as raised:
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    client.close()
    assert sandbox.request_count == 1  # it was accepted and read, just never answered
    assert "did not answer within 0.5 seconds" in raised.value.message("en")
    assert "svarade inte inom 0.5 sekunder" in raised.value.message("sv")


# -- an endless answer ----------------------------------------------------------------------------


class CountingRelay:
    """A loopback TCP relay in front of the sandbox for one connection.

    It counts the bytes that reach the client and notices when the client hangs up before the
    server is done, which is what "the client stopped reading" looks like from the server's side.
    """

    def __init__(self, target_port: int) -> None:
        self._target_port = target_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self.to_client = 0
        self.client_hung_up = threading.Event()
        self.done = threading.Event()
        self._thread = threading.Thread(target=self._relay, name="counting-relay", daemon=True)

    def __enter__(self) -> CountingRelay:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._listener.close()
        self.done.wait(30)

    def _relay(self) -> None:
        try:
            downstream, _ = self._listener.accept()
        except OSError:
            self.done.set()
            return
        upstream = socket.create_connection(("127.0.0.1", self._target_port))
        threading.Thread(
            target=self._pump_request, args=(downstream, upstream), daemon=True
        ).start()
        try:
            while data := upstream.recv(64 * 1024):
                downstream.sendall(data)
                self.to_client += len(data)
        except OSError:
            self.client_hung_up.set()
        finally:
            for end in (downstream, upstream):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()
            self.done.set()

    @staticmethod
    def _pump_request(downstream: socket.socket, upstream: socket.socket) -> None:
        try:
            while data := downstream.recv(64 * 1024):
                upstream.sendall(data)
        except OSError:
            pass


def test_a_300_mb_answer_is_stopped_at_the_cap_without_holding_it(
    sandbox: SandboxServer, demo_credentials: Credentials
) -> None:
    huge = 300 * 1024**2
    sandbox.faults.huge_answer_bytes = huge
    with CountingRelay(sandbox.port) as relay:
        settings = Settings(api_url=f"http://127.0.0.1:{relay.port}/", read_timeout=5)
        client = QvicklyClient(settings)
        tracemalloc.start()
        try:
            with pytest.raises(AnswerTooLargeError) as raised:
                client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            client.close()
        assert relay.done.wait(30)
    limit = settings.max_answer_bytes
    assert limit < huge
    # What was held is bounded by the cap, not by the answer...
    assert peak < huge // 3
    assert peak < limit + limit // 4
    # ...and the client hung up instead of reading on to the end.
    assert relay.client_hung_up.is_set()
    assert relay.to_client < huge // 2
    mb = limit // 1024**2
    assert f"larger than {mb} MB and was stopped" in raised.value.message("en")
    assert f"större än {mb} MB" in raised.value.message("sv")


# -- a busy service -------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [429, 503])
def test_a_busy_service_gets_one_retry_after_the_wait_it_asks_for(
    client: QvicklyClient, sandbox: SandboxServer, demo_credentials: Credentials, status: int
) -> None:
    sandbox.faults.http_status = status
    sandbox.faults.retry_after = 1
    waits: list[float] = []

    def on_retry(seconds: float) -> None:
        waits.append(seconds)
        sandbox.faults.reset()  # the service is back by the time the retry arrives

    result = client.get_invoices_by_pno(demo_credentials, PERSON, BOTH, on_retry=on_retry)
    assert result.invoices
    assert waits == [1.0]  # the window shows this wait to the person
    assert sandbox.request_count == 2


def test_a_second_429_is_an_error_with_its_status(
    client: QvicklyClient, sandbox: SandboxServer, demo_credentials: Credentials
) -> None:
    sandbox.faults.http_status = 429
    sandbox.faults.retry_after = 0
    waits: list[float] = []
    with pytest.raises(HttpStatusError) as raised:
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH, on_retry=waits.append)
    assert waits == [0.0]
    assert sandbox.request_count == 2  # one retry, never more
    assert raised.value.status == 429
    assert "HTTP status 429" in raised.value.message("en")
    assert "HTTP-status 429" in raised.value.message("sv")


def test_a_wait_beyond_the_cap_is_not_retried(
    client: QvicklyClient, sandbox: SandboxServer, demo_credentials: Credentials
) -> None:
    sandbox.faults.http_status = 503
    sandbox.faults.retry_after = 3600
    waits: list[float] = []
    with pytest.raises(HttpStatusError) as raised:
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH, on_retry=waits.append)
    assert waits == []
    assert sandbox.request_count == 1
    assert raised.value.status == 503
    assert raised.value.retry_after == 3600


def test_503_without_retry_after_is_not_retried(
    client: QvicklyClient, sandbox: SandboxServer, demo_credentials: Credentials
) -> None:
    sandbox.faults.http_status = 503
    waits: list[float] = []
    with pytest.raises(HttpStatusError):
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH, on_retry=waits.append)
    assert waits == []
    assert sandbox.request_count == 1


# -- answers that are not the service's -----------------------------------------------------------


class CountingServer(ThreadingHTTPServer):
    """Another web server on this computer that counts every connection and request."""

    daemon_threads = True

    def __init__(self) -> None:
        self.connections = 0
        self.requests = 0
        super().__init__(("127.0.0.1", 0), _CountingHandler)

    def verify_request(self, request: object, client_address: object) -> bool:
        self.connections += 1
        return True


class _CountingHandler(BaseHTTPRequestHandler):
    server: CountingServer

    def _count(self) -> None:
        self.server.requests += 1
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_PUT = _count

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def other_host() -> Iterator[CountingServer]:
    server = CountingServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.parametrize("path", ["/", "/collect?x=1"])
def test_a_redirect_is_never_followed(
    client: QvicklyClient,
    sandbox: SandboxServer,
    demo_credentials: Credentials,
    other_host: CountingServer,
    path: str,
) -> None:
    port = other_host.server_address[1]
    sandbox.faults.redirect_to = f"http://127.0.0.1:{port}{path}"
    with pytest.raises(RedirectRefusedError) as raised:
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    assert other_host.connections == 0
    assert other_host.requests == 0
    assert "redirect the call to 127.0.0.1" in raised.value.message("en")
    assert "credentials never leave" in raised.value.message("en")
    assert "skicka vidare anropet" in raised.value.message("sv")


def test_an_html_page_with_status_200(
    client: QvicklyClient, sandbox: SandboxServer, demo_credentials: Credentials
) -> None:
    sandbox.faults.http_status = 200  # a captive portal or a proxy's page, sent as a success
    with pytest.raises(BadAnswerError) as raised:
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    assert "an HTML page came back" in raised.value.message("en")
    assert "en HTML-sida kom tillbaka" in raised.value.message("sv")


def test_plain_http_over_a_network_is_refused_before_anything_is_sent(
    demo_credentials: Credentials,
) -> None:
    client = QvicklyClient(Settings(api_url="http://api.qvickly.io/"))
    with pytest.raises(InvalidInputError) as raised:
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    client.close()
    assert "must use https" in raised.value.message("en")
    assert "måste använda https" in raised.value.message("sv")


# -- TLS ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 that no trust store knows: (cert, key)."""
    return self_signed_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def tls_sandbox(self_signed: tuple[Path, Path]) -> Iterator[SandboxServer]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*self_signed)
    with SandboxServer(ssl_context=context) as server:
        yield server


def test_an_untrusted_certificate_is_a_tls_error(
    tls_sandbox: SandboxServer, demo_credentials: Credentials
) -> None:
    assert tls_sandbox.url.startswith("https://")
    client = QvicklyClient(Settings(api_url=tls_sandbox.url, connect_timeout=2, read_timeout=5))
    with pytest.raises(TlsError) as raised:
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    client.close()
    assert tls_sandbox.request_count == 0  # nothing was sent over the unverified connection
    assert "127.0.0.1 could not be verified" in raised.value.message("en")
    assert "certifikatfel" in raised.value.message("sv")


def test_a_trusted_certificate_works(
    tls_sandbox: SandboxServer, self_signed: tuple[Path, Path], demo_credentials: Credentials
) -> None:
    settings = Settings(api_url=tls_sandbox.url, test_mode=True, read_timeout=5)
    client = QvicklyClient(settings, ca_file=str(self_signed[0]))
    result = client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    client.close()
    assert result.invoices and result.logid


def test_a_trusted_certificate_for_another_name_is_refused(
    tls_sandbox: SandboxServer, self_signed: tuple[Path, Path], demo_credentials: Credentials
) -> None:
    url = f"https://localhost:{tls_sandbox.port}/"  # the certificate names 127.0.0.1 only
    client = QvicklyClient(Settings(api_url=url, read_timeout=5), ca_file=str(self_signed[0]))
    with pytest.raises(TlsError):
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    client.close()
    assert tls_sandbox.request_count == 0


# -- trust comes from the client's own SSL context, never from the environment --------------------


@pytest.mark.parametrize("variable", ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"])
def test_a_stale_ca_bundle_in_the_environment_changes_nothing(
    tls_sandbox: SandboxServer,
    self_signed: tuple[Path, Path],
    demo_credentials: Credentials,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    variable: str,
) -> None:
    # A bundle that was moved or deleted after the variable was set; requests alone fails with
    # a bare OSError at every new connection.
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)  # it would hide CURL_CA_BUNDLE
    monkeypatch.setenv(variable, str(tmp_path / "moved-away.pem"))
    settings = Settings(api_url=tls_sandbox.url, test_mode=True, read_timeout=5)
    client = QvicklyClient(settings, ca_file=str(self_signed[0]))
    try:
        assert client.get_invoices_by_pno(demo_credentials, PERSON, BOTH).invoices
    finally:
        client.close()
    client = QvicklyClient(settings)  # the OS trust store, which does not know the certificate
    with pytest.raises(TlsError):
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    client.close()


def test_a_ca_bundle_in_the_environment_is_not_trusted(
    tls_sandbox: SandboxServer,
    self_signed: tuple[Path, Path],
    demo_credentials: Credentials,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Trust is the OS store's (or the given CA file's) alone: a variable cannot widen it.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(self_signed[0]))
    client = QvicklyClient(Settings(api_url=tls_sandbox.url, connect_timeout=2, read_timeout=5))
    with pytest.raises(TlsError):
        client.get_invoices_by_pno(demo_credentials, PERSON, BOTH)
    client.close()
    assert tls_sandbox.request_count == 0


def test_the_command_line_with_a_stale_ca_bundle_ends_with_one_clear_line(
    tls_sandbox: SandboxServer,
    sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tmp_path / "moved-away.pem"))
    monkeypatch.setenv("QVICKLY_EID", DEMO_EID)
    monkeypatch.setenv("QVICKLY_SECRET", DEMO_SECRET)
    argv = ["lookup", "195501011018", "--language", "en", "--format", "json", "--api-url"]

    assert cli_main([*argv, sandbox.url]) == 0  # over loopback http nothing changes
    assert json.loads(capsys.readouterr().out)

    assert cli_main([*argv, tls_sandbox.url]) == 4  # a certificate no trust store knows
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert "could not be verified" in captured.err
