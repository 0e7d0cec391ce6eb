"""The sandbox's HTTP side: one handler per connection, answering like the service.

POST calls are checked and answered by :func:`~qvickly_desk.sandbox.protocol.answer_call`, then
signed (:mod:`~qvickly_desk.sandbox.answers`); GET serves the invoices' PDFs and a page for
people. The faults a :class:`~qvickly_desk.sandbox.faults.Faults` asks for (a proxy's HTML page,
a reset mid-body, an answer that never ends, ...) are made here.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
import ssl
import traceback
from collections.abc import Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING
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
from qvickly_desk.sandbox.faults import HOSTILE_LINKS, Faults
from qvickly_desk.sandbox.lookups import DataAnswer, LookupFailure
from qvickly_desk.sandbox.pdf import invoice_pdf
from qvickly_desk.sandbox.protocol import (
    ErrorAnswer,
    answer_call,
    parse_request,
    request_language,
)
from qvickly_desk.signing import php_json_bytes, php_json_encode

if TYPE_CHECKING:
    from qvickly_desk.sandbox.server import SandboxServer

__all__ = ["SandboxHandler", "SandboxHttpServer"]

_MAX_REQUEST_BYTES = 1024 * 1024
_STREAM_CHUNK = 64 * 1024
_PDF_PATH = re.compile(r"/pdf/([0-9A-Za-z]+)\.pdf")


class SandboxHttpServer(TrackingHTTPServer):
    """The sandbox's server: its handlers find the sandbox through ``sandbox``."""

    def __init__(self, address: tuple[str, int], sandbox: SandboxServer) -> None:
        self.sandbox = sandbox
        super().__init__(address, SandboxHandler, sandbox)


class SandboxHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "QvicklySandbox/1.0"
    sys_version = ""
    timeout = 120  # an idle keep-alive connection is dropped after this many seconds
    # The headers and the body go out in separate writes; with Nagle's algorithm on, a small body
    # waits for the client's delayed ACK (about 40 ms). The service answers at once.
    disable_nagle_algorithm = True
    server: SandboxHttpServer

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
            answer = php_json_bytes({"code": 9013, "message": message})
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
                return php_json_bytes({"code": int(outcome.code), "message": outcome.message})
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
            rows = [php_json_bytes(mix_types(json.loads(row))) for row in rows]
        if faults.hostile_links:
            links = itertools.cycle(HOSTILE_LINKS)
            rows = [php_json_bytes({**json.loads(row), "fileurl": next(links)}) for row in rows]
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


def _secret_of(body: bytes, sandbox: SandboxServer) -> str:
    """The account's secret for a call that passed the credential checks."""
    request = parse_request(body) or {}
    credentials = request.get("credentials")
    eid = credentials.get("id") if isinstance(credentials, dict) else None
    return sandbox.accounts.get(str(eid), sandbox._server_key)
