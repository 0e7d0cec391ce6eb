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
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import weakref
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

__all__ = ["AbortableAdapter", "new_session", "tls_context"]


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
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The pool for a host, keyed without a CA path, so that it is not loaded either."""
        return super().build_connection_pool_key_attributes(request, True, cert)

    def abort(self) -> None:
        """Shut down every open connection; safe to call from any thread."""
        self._tracker.abort_all()


def new_session(ca_file: str | None = None) -> tuple[requests.Session, AbortableAdapter]:
    """A session that keeps its connection alive and honours the system's proxy settings."""
    session = requests.Session()
    adapter = AbortableAdapter(tls_context(ca_file), pool_connections=2, pool_maxsize=2)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session, adapter
