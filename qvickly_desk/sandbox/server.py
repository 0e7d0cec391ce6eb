"""A loopback HTTP server that speaks the Qvickly protocol for the five lookup functions.

It backs ``qvickly-desk --demo`` and ``qvickly-desk sandbox``, and every integration test talks to
it over real HTTP, so the client is exercised the way it meets the service: HTTP/1.1 keep-alive,
signed answers, the documented error codes, and on request the failures a proxy or a broken
network produce (see ``Faults``). Standard library only.
"""

from __future__ import annotations

import itertools
import secrets
import ssl
import threading
from collections.abc import Mapping
from datetime import date
from types import TracebackType
from urllib.parse import urlsplit

from qvickly_desk.sandbox.data import DEMO_EID, DEMO_SECRET
from qvickly_desk.sandbox.demo_invoices import builtin_customers
from qvickly_desk.sandbox.details import DetailsBook
from qvickly_desk.sandbox.faults import Faults
from qvickly_desk.sandbox.handler import SandboxHttpServer
from qvickly_desk.sandbox.store import InvoiceStore

__all__ = ["SandboxServer"]

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
        self._httpd: SandboxHttpServer | None = None
        self._thread: threading.Thread | None = None
        self._url: str | None = None

    # -- life cycle -------------------------------------------------------------------------------

    def start(self) -> SandboxServer:
        """Bind, build the demo customers and serve on a daemon thread; returns ``self``."""
        if self._httpd is not None:
            raise RuntimeError("the sandbox is already started")
        if self._stopping.is_set():
            raise RuntimeError("a stopped sandbox cannot be started again")
        httpd = SandboxHttpServer((self.host, self._port), self)
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
