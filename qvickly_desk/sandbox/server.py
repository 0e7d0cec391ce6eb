"""A loopback HTTP server that speaks the Qvickly protocol for the five lookup functions.

It backs ``qvickly-desk --demo`` and ``qvickly-desk sandbox``, and every integration test talks to
it over real HTTP, so the client is exercised the way it meets the service: HTTP/1.1 keep-alive,
signed answers, the documented error codes, and on request the failures a proxy or a broken
network produce (see ``Faults``). Standard library only.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
import secrets
import ssl
import threading
import traceback
from collections.abc import Mapping
from datetime import date
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from types import TracebackType
from urllib.parse import urlsplit

from qvickly_desk.sandbox.answers import (
    error_data,
    hostile_links_deep,
    html_page,
    mix_types,
    mix_types_deep,
    signed_body,
)
from qvickly_desk.sandbox.connections import TrackingHTTPServer
from qvickly_desk.sandbox.data import DEMO_EID, DEMO_SECRET
from qvickly_desk.sandbox.demo_invoices import builtin_customers
from qvickly_desk.sandbox.details import DetailsBook
from qvickly_desk.sandbox.faults import HOSTILE_LINKS, Faults
from qvickly_desk.sandbox.lookups import DataAnswer, LookupFailure
from qvickly_desk.sandbox.pdf import invoice_pdf
from qvickly_desk.sandbox.protocol import (
    ErrorAnswer,
    answer_call,
    parse_request,
    request_language,
)
from qvickly_desk.sandbox.store import InvoiceStore
from qvickly_desk.signing import php_json_encode

__all__ = ["SandboxServer"]

_MAX_REQUEST_BYTES = 1024 * 1024
_STREAM_CHUNK = 64 * 1024
_PDF_PATH = re.compile(r"/pdf/([0-9A-Za-z]+)\.pdf")
_POLL_SECONDS = 0.05  # how soon the accept loop notices stop()
_STOP_WAIT_SECONDS = 5.0  # how long stop() waits for open connections to wind down


class SandboxServer:
    """A Qvickly look-alike on a loopback port, serving from its own daemon thread.

    ``accounts`` maps merchant id to secret (default: the demo account). Rows link their PDFs to
    the server itself, so the URL must be known first: customers are built in ``start()``.
    """

    def __init__(
        self,
        accounts: Mapping[str, str] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.accounts: dict[str, str] = (
            dict(accounts) if accounts is not None else {DEMO_EID: DEMO_SECRET}
        )
        self.host = host
        self.faults = Faults()
        self._port = port
        self._ssl_context = ssl_context
        self._store = InvoiceStore()
        self._book: DetailsBook | None = None
        self._server_key = secrets.token_hex(32)
        self._lock = threading.Lock()
        self._request_count = 0
        self._connection_count = 0
        self._logids = itertools.count(1_000_001)
        self._stopping = threading.Event()
        self._httpd: _HttpServer | None = None
        self._thread: threading.Thread | None = None
        self._url: str | None = None

    # -- life cycle -------------------------------------------------------------------------------

    def start(self) -> SandboxServer:
        """Bind, build the demo customers and serve on a daemon thread; returns ``self``."""
        if self._httpd is not None:
            raise RuntimeError("the sandbox is already started")
        if self._stopping.is_set():
            raise RuntimeError("a stopped sandbox cannot be started again")
        httpd = _HttpServer((self.host, self._port), self)
        self._httpd = httpd
        port = httpd.server_address[1]
        scheme = "https" if self._ssl_context is not None else "http"
        shown_host = f"[{self.host}]" if ":" in self.host else self.host
        self._url = f"{scheme}://{shown_host}:{port}/"
        for pno10, build in builtin_customers(self._url, date.today()).items():
            self._store.add_later(pno10, build)
        self._book = DetailsBook(self._store, self._url, date.today())
        for hash_, info in self._book.extra_pdfs():
            self._store.add_pdf(hash_, info)
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": _POLL_SECONDS},
            name=f"qvickly-sandbox-{port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, cut open and delayed connections short, and close the socket."""
        self._stopping.set()
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.close_connections(_STOP_WAIT_SECONDS)
        httpd.server_close()
        if self._thread is not None:
            self._thread.join()

    def serve_forever(self) -> None:
        """Serve until ``stop()`` or Ctrl-C: for ``qvickly-desk sandbox --port N``."""
        if self._httpd is None:
            self.start()
        try:
            while not self._stopping.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- what tests and benchmarks read and set -------------------------------------------------

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT/`` (``https://`` with an SSL context); known once started."""
        if self._url is None:
            raise RuntimeError("the sandbox has no address until it is started")
        return self._url

    @property
    def port(self) -> int:
        return urlsplit(self.url).port or 0

    @property
    def request_count(self) -> int:
        """API calls (POSTs) received so far; PDF downloads do not count."""
        with self._lock:
            return self._request_count

    @property
    def connection_count(self) -> int:
        """TCP connections accepted so far: shows whether a client reuses its connection."""
        with self._lock:
            return self._connection_count

    def add_customer(self, pno10: str, rows: list[dict[str, object]]) -> None:
        """Register (or replace) a customer; ``pno10`` may be given in 10 or 12 digits."""
        digits = pno10.replace("-", "").replace("+", "")
        if not digits.isdigit() or len(digits) not in (10, 12):
            raise ValueError("a customer number has 10 or 12 digits")
        self._store.add(digits[-10:], rows)

    # -- used by the handler ----------------------------------------------------------------------

    def _count_request(self) -> None:
        with self._lock:
            self._request_count += 1

    @property
    def ssl_context(self) -> ssl.SSLContext | None:
        return self._ssl_context

    @property
    def stopping(self) -> threading.Event:
        return self._stopping

    def count_connection(self) -> None:
        with self._lock:
            self._connection_count += 1

    def _next_logid(self) -> int:
        with self._lock:
            return next(self._logids)


class _HttpServer(TrackingHTTPServer):
    """The sandbox's server: its handlers find the sandbox through ``sandbox``."""

    def __init__(self, address: tuple[str, int], sandbox: SandboxServer) -> None:
        self.sandbox = sandbox
        super().__init__(address, _Handler, sandbox)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "QvicklySandbox/1.0"
    sys_version = ""
    timeout = 120  # an idle keep-alive connection is dropped after this many seconds
    # The headers and the body go out in separate writes; with Nagle's algorithm on, a small body
    # waits for the client's delayed ACK (about 40 ms). The service answers at once.
    disable_nagle_algorithm = True
    server: _HttpServer

    def setup(self) -> None:
        super().setup()
        if isinstance(self.request, ssl.SSLSocket):
            self.request.do_handshake()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: a sandbox that prints a line per request drowns the output it runs beside."""

    # -- PDFs and a page for people -------------------------------------------------------------

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        match = _PDF_PATH.fullmatch(path)
        info = self.server.sandbox._store.pdf(match.group(1)) if match else None
        if info is not None:
            pdf = invoice_pdf(
                number=info.number,
                amount=info.amount,
                name=info.name,
                invoice_type=info.invoice_type,
                invoice_date=info.invoice_date,
                due_date=info.due_date,
            )
            self._send(200, "application/pdf", pdf)
        elif path == "/":
            text = (
                "Qvickly sandbox: POST getInvoicesByPno calls to this address.\n"
                "Test data only; no real customers or invoices.\n"
            )
            self._send(200, "text/plain; charset=utf-8", text.encode("utf-8"))
        else:
            self._send_html(404)

    # -- the API --------------------------------------------------------------------------------

    def do_POST(self) -> None:
        sandbox = self.server.sandbox
        sandbox._count_request()
        faults = copy.copy(sandbox.faults)
        body = self._read_body()
        if body is None:
            return

        if faults.never_answer:
            sandbox._stopping.wait()
            self.close_connection = True
            return
        if faults.delay > 0 and sandbox._stopping.wait(faults.delay):
            self.close_connection = True
            return
        if faults.redirect_to:
            self._send(
                307,
                "text/html; charset=utf-8",
                html_page(307, "Temporary Redirect"),
                {"Location": faults.redirect_to},
            )
            return
        if faults.http_status is not None:
            extra = {}
            if faults.retry_after is not None:
                extra["Retry-After"] = str(faults.retry_after)
            self._send_html(faults.http_status, extra)
            return
        if faults.reset_mid_body:
            self._reset_mid_body(body)
            return
        if faults.huge_answer_bytes > 0:
            self._stream_huge_answer(faults.huge_answer_bytes)
            return
        if faults.empty_body:
            self._send(200, "application/json", b"")
            return
        if faults.error_at_top_level:
            language = request_language(parse_request(body))
            message = ErrorAnswer("9013", "", language).message
            answer = php_json_encode({"code": 9013, "message": message}).encode("ascii")
            self._send(200, "application/json", answer)
            return

        try:
            answer = self._answer(body, faults)
        except Exception:
            # A fault in the sandbox itself: show it, and answer like the service's 9008.
            traceback.print_exc()
            error = ErrorAnswer("9008", sandbox._server_key, request_language(parse_request(body)))
            logid = sandbox._next_logid()
            answer = signed_body(error_data(error, logid), error.secret, logid, Faults())
        if faults.truncated_json:
            answer = answer[: len(answer) // 2]
        self._send(200, "application/json", answer)

    def _read_body(self) -> bytes | None:
        """The request body; None (after answering) when it cannot be read safely."""
        length_text = self.headers.get("Content-Length")
        try:
            length = int(length_text) if length_text is not None else -1
        except ValueError:
            length = -1
        if length < 0 or length > _MAX_REQUEST_BYTES:
            # Without a usable length the next request on this connection cannot be found.
            self.close_connection = True
            if length > _MAX_REQUEST_BYTES:
                self._send_html(413)
                return None
            return b""
        return self.rfile.read(length)

    def _answer(self, body: bytes, faults: Faults) -> bytes:
        sandbox = self.server.sandbox
        outcome = answer_call(
            body,
            self.headers.get("Content-Type"),
            sandbox.accounts,
            sandbox._store,
            sandbox._server_key,
            sandbox._book,
        )
        logid = sandbox._next_logid()
        if isinstance(outcome, ErrorAnswer):
            return signed_body(error_data(outcome, logid), outcome.secret, logid, faults)
        if isinstance(outcome, LookupFailure):
            if outcome.top_level:  # unsigned, without credentials or data
                return php_json_encode(
                    {"code": int(outcome.code), "message": outcome.message}
                ).encode("ascii")
            error: dict[str, object] = {
                "code": outcome.code,
                "message": outcome.message,
                "logid": str(logid),
            }
            secret = _secret_of(body, sandbox)
            return signed_body(error, secret, logid, faults)
        if isinstance(outcome, DataAnswer):
            data_json = outcome.data_json
            if faults.mixed_types or faults.hostile_links:
                value = json.loads(data_json)
                if faults.mixed_types:
                    value = mix_types_deep(value)
                if faults.hostile_links:
                    value = hostile_links_deep(value, itertools.cycle(HOSTILE_LINKS))
                data_json = php_json_encode(value)
            return signed_body(data_json, outcome.secret, logid, faults)
        rows = outcome.rows
        if faults.mixed_types:
            rows = [_encoded(mix_types(json.loads(row))) for row in rows]
        if faults.hostile_links:
            links = itertools.cycle(HOSTILE_LINKS)
            rows = [_encoded({**json.loads(row), "fileurl": next(links)}) for row in rows]
        return signed_body(rows, outcome.secret, logid, faults)

    # -- transport faults -------------------------------------------------------------------------

    def _reset_mid_body(self, body: bytes) -> None:
        answer = self._answer(body, Faults())
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer[: len(answer) // 2])
        self.close_connection = True
        self.server.mark_for_reset(self.request)

    def _stream_huge_answer(self, total: int) -> None:
        """A JSON answer that never closes, ``total`` bytes, built chunk by chunk as it goes out."""
        sandbox = self.server.sandbox
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        head = '{"credentials":{"hash":"' + "0" * 128 + f'","logid":{sandbox._next_logid()}}},'
        head += '"data":['
        row = php_json_encode(
            {
                "status": "Sent",
                "name": "Stor Kund",
                "topay": "100.00",
                "invoiceid_real": "1",
                "fileurl": "",
            }
        )
        filler = ((row + ",") * max(1, _STREAM_CHUNK // (len(row) + 1))).encode("ascii")
        pending = head.encode("ascii")
        sent = 0
        while sent < total and not sandbox._stopping.is_set():
            while len(pending) < _STREAM_CHUNK:
                pending += filler
            size = min(_STREAM_CHUNK, total - sent)
            chunk, pending = pending[:size], pending[size:]
            self.wfile.write(b"%x\r\n" % size + chunk + b"\r\n")
            sent += size
        if sent >= total:
            self.wfile.write(b"0\r\n\r\n")

    # -- writing --------------------------------------------------------------------------------

    def _send(
        self,
        status: int,
        content_type: str,
        body: bytes,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _send_html(self, status: int, headers: Mapping[str, str] | None = None) -> None:
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "Error"
        self._send(status, "text/html; charset=utf-8", html_page(status, phrase), headers)


def _encoded(row: dict[str, object]) -> bytes:
    return php_json_encode(row).encode("ascii")


def _secret_of(body: bytes, sandbox: SandboxServer) -> str:
    """The account's secret for a call that passed the credential checks."""
    request = parse_request(body) or {}
    credentials = request.get("credentials")
    eid = credentials.get("id") if isinstance(credentials, dict) else None
    return sandbox.accounts.get(str(eid), sandbox._server_key)
