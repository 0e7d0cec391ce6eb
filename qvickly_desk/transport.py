"""The HTTP session under the client: OS certificates, a kept-alive connection, and abort.

``requests`` cannot interrupt a call that is waiting on the network, yet the window must be able to
drop a search (superseded, cancelled, window closed) without waiting for a timeout. The adapter
here remembers its open connections so that :meth:`AbortableAdapter.abort` can shut their sockets
down from another thread; the blocked call then fails at once.

Trust comes from the adapter's own SSL context alone (the OS store, or the given CA file). The
session keeps ``trust_env`` for the system's proxy settings, and with it requests would turn
``REQUESTS_CA_BUNDLE`` (or certifi's bundle) into a CA file that urllib3 loads into that context at
every new connection: about 30 ms each, a trust store widened beyond the OS's, and a stale path
that fails with a bare ``OSError``. The adapter takes no CA path from requests.

Three more limits are kept here, below the client, so that the window and the command line get
them alike:

- This computer (127.0.0.0/8, ``::1``, ``localhost``) is never reached through a proxy, whatever
  ``HTTP_PROXY``, ``ALL_PROXY``, ``NO_PROXY`` or the OS settings say: plain http to the sandbox
  would otherwise carry the merchant id and the customer's number to the proxy in clear.
- :class:`Deadline` puts a wall-clock end on a call. The read timeout applies to each read, so a
  server sending one byte (or one header line) a second would keep a call open for ever; when the
  deadline passes, the call's connections are shut down and the blocked read fails at once.
- An answer may be packed once (gzip or deflate) or not at all. Packed twice or more
  (``Content-Encoding: gzip, gzip``), a 100 kB answer can unpack to 64 GiB, at a cost of
  seconds of CPU per megabyte read: :func:`check_content_encoding` refuses it before reading.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import ssl
import threading
import time
import weakref
from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from qvickly_desk.errors import BadAnswerError
from qvickly_desk.text import safe_text

if TYPE_CHECKING:
    from requests.adapters import _HostParams, _PoolKwargs  # the stubs' names for the base's types

__all__ = [
    "ACCEPTED_ENCODINGS",
    "AbortableAdapter",
    "Deadline",
    "call_deadline",
    "check_content_encoding",
    "is_loopback_host",
    "new_session",
    "redirect_host",
    "tls_context",
]

# What the client asks for and accepts: one layer of these, or none ("identity").
ACCEPTED_ENCODINGS = ("gzip", "deflate")
_ENCODING_ALIASES = {"x-gzip": "gzip"}


def tls_context(ca_file: str | None = None) -> ssl.SSLContext:
    """The OS certificate store through truststore; a given CA file instead (loopback tests)."""
    if ca_file:
        return ssl.create_default_context(cafile=ca_file)
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class _ConnectionTracker:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connections: weakref.WeakSet[HTTPConnection] = weakref.WeakSet()

    def add(self, connection: HTTPConnection) -> None:
        with self._lock:
            self._connections.add(connection)

    def abort_all(self) -> None:
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            sock = getattr(connection, "sock", None)
            if sock is None:
                continue
            with contextlib.suppress(OSError):  # already closed or never connected
                sock.shutdown(socket.SHUT_RDWR)


def _tracked_pool_classes(tracker: _ConnectionTracker) -> dict[str, type[HTTPConnectionPool]]:
    def tracked(base: type[HTTPConnection]) -> type[HTTPConnection]:
        def __init__(self: HTTPConnection, *args: Any, **kwargs: Any) -> None:
            base.__init__(self, *args, **kwargs)
            tracker.add(self)

        return type(f"Tracked{base.__name__}", (base,), {"__init__": __init__})

    return {
        "http": type(
            "TrackedHTTPConnectionPool",
            (HTTPConnectionPool,),
            {"ConnectionCls": tracked(HTTPConnection)},
        ),
        "https": type(
            "TrackedHTTPSConnectionPool",
            (HTTPSConnectionPool,),
            {"ConnectionCls": tracked(HTTPSConnection)},
        ),
    }


class AbortableAdapter(HTTPAdapter):
    """An HTTPAdapter that trusts only its SSL context and whose in-flight calls can be aborted."""

    def __init__(self, ssl_context: ssl.SSLContext, **kwargs: Any) -> None:
        self._ssl_context = ssl_context
        self._tracker = _ConnectionTracker()
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ssl_context"] = self._ssl_context
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _tracked_pool_classes(self._tracker)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        proxy_kwargs.setdefault("ssl_context", self._ssl_context)
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = _tracked_pool_classes(self._tracker)
        return manager

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        """Certificates are always checked, against the SSL context only: no CA path is set.

        ``verify`` is whatever requests made of the session and the environment; it is ignored
        so that neither a CA bundle nor ``verify=False`` can change whom the client trusts.
        """
        super().cert_verify(conn, url, False, cert)  # client certificates; clears the CA paths
        if url.lower().startswith("https"):
            conn.cert_reqs = "CERT_REQUIRED"

    def build_connection_pool_key_attributes(
        self, request: requests.PreparedRequest, verify: Any, cert: Any = None
    ) -> tuple[_HostParams, _PoolKwargs]:
        """The pool for a host, keyed without a CA path, so that it is not loaded either."""
        return super().build_connection_pool_key_attributes(request, True, cert)

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        """Send ``request``; straight, never through a proxy, when it goes to this computer."""
        if is_loopback_host(urlsplit(request.url or "").hostname):
            proxies = {}
        return super().send(
            request, stream=stream, timeout=timeout, verify=verify, cert=cert, proxies=proxies
        )

    def abort(self) -> None:
        """Shut down every open connection; safe to call from any thread."""
        self._tracker.abort_all()


def is_loopback_host(host: str | None) -> bool:
    """Whether ``host`` is this computer: ``localhost``, 127.0.0.0/8 or ``::1`` (also as
    ``::ffff:127.x.y.z``)."""
    if not host:
        return False
    host = host.strip("[]").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host.partition("%")[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def call_deadline(connect_timeout: float, read_timeout: float) -> float:
    """The most one attempt at a call may last, in seconds: connect timeout + 2 × read timeout.

    Time to connect, then twice the time the service may stay silent, which leaves a slow but
    steady answer of many megabytes room to arrive (30 s defaults: 65 s).
    """
    return connect_timeout + 2 * read_timeout


class Deadline:
    """A wall-clock end for one attempt: when it passes, the adapter's connections are shut down.

    Used as a context manager around sending and reading. The timer's thread is joined on exit,
    so no thread outlives the call.
    """

    def __init__(self, seconds: float, adapter: AbortableAdapter | None) -> None:
        self.seconds = seconds
        self._adapter = adapter
        self._end = time.monotonic() + seconds
        self._expired = threading.Event()
        self._timer: threading.Timer | None = None

    @property
    def passed(self) -> bool:
        """Whether the deadline has passed (and the connections were, or are being, shut)."""
        return self._expired.is_set() or time.monotonic() >= self._end

    def _expire(self) -> None:
        self._expired.set()
        if self._adapter is not None:
            self._adapter.abort()

    def restart(self) -> None:
        """The whole time again from now (the one retry of a busy service gets it too)."""
        self._stop_timer()
        self._expired.clear()
        self._start_timer()

    def _start_timer(self) -> None:
        self._end = time.monotonic() + self.seconds
        self._timer = threading.Timer(self.seconds, self._expire)
        self._timer.name = "lookup-deadline"
        self._timer.daemon = True
        self._timer.start()

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer.join()
            self._timer = None

    def __enter__(self) -> Deadline:
        self._start_timer()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop_timer()


def redirect_host(base_url: str, location: str) -> str:
    """Where a redirect points, as a safe line to name in a message: the host, or the text."""
    try:
        target = urljoin(base_url, location)
        host = urlsplit(target).hostname
    except ValueError:  # an unbalanced bracket, a bad IPv6 address: name what was sent
        target, host = location, None
    return safe_text(host or target, 200)


def check_content_encoding(header: str | None) -> None:
    """Refuse an answer packed more than once, or in a way the client did not ask for.

    ``BadAnswerError`` unless ``header`` is empty, ``identity`` or a single ``gzip``/``deflate``.
    """
    if not header:
        return
    layers = [
        _ENCODING_ALIASES.get(name, name)
        for part in header.split(",")
        if (name := part.strip().lower()) and name != "identity"
    ]
    if len(layers) > 1:
        raise BadAnswerError(
            en="the answer is packed more than once", sv="svaret är packat flera gånger"
        )
    if layers and layers[0] not in ACCEPTED_ENCODINGS:
        raise BadAnswerError(
            en="the answer is packed in an unknown way", sv="svaret är packat på okänt sätt"
        )


class _NoRedirectSession(requests.Session):
    """A session that never works out where a redirect would lead.

    Even with ``allow_redirects=False`` requests parses the ``Location`` of a 3xx answer to
    prepare the next request, and a hostile one (``http://[x\x1b/``) raises a bare
    ``ValueError`` from deep inside. The client reads ``Location`` itself, to say where the
    redirect pointed, and never follows it.
    """

    def resolve_redirects(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        return iter(())


def new_session(ca_file: str | None = None) -> tuple[requests.Session, AbortableAdapter]:
    """A session that keeps its connection alive and honours the system's proxy settings,
    except for this computer, which is always reached directly."""
    session = _NoRedirectSession()
    session.headers["Accept-Encoding"] = ", ".join(ACCEPTED_ENCODINGS)
    adapter = AbortableAdapter(tls_context(ca_file), pool_connections=2, pool_maxsize=2)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session, adapter
