"""An HTTP server that knows its connections, so that a stop cuts even idle keep-alive ones.

The sandbox's plumbing apart from what it answers: TLS wrapped on the handler's thread (a silent
client cannot stall accept), connections reset with an RST on request (a fault the client must
survive), and errors of clients that went away kept quiet.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import ssl
import struct
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol

__all__ = ["ConnectionOwner", "TrackingHTTPServer"]

_QUIET_ERRORS = (ConnectionError, TimeoutError, ssl.SSLError)


class ConnectionOwner(Protocol):
    """What the server asks of the one it serves for."""

    @property
    def ssl_context(self) -> ssl.SSLContext | None: ...

    @property
    def stopping(self) -> threading.Event: ...

    def count_connection(self) -> None: ...


class TrackingHTTPServer(ThreadingHTTPServer):
    """Tracks its connections so that stop() can cut even idle keep-alive ones short."""

    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default backlog is 5: a burst of new connections (a gateway's fifty
    # threads opening theirs at once) overflowed it, and some connects failed under load.
    request_queue_size = 128

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        owner: ConnectionOwner,
    ) -> None:
        self.owner = owner
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self._connections: set[socket.socket] = set()
        self._resets: set[socket.socket] = set()
        self._connections_changed = threading.Condition()
        super().__init__(address, handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind would look up the host's FQDN, which can hang on some networks.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def get_request(self) -> tuple[socket.socket, object]:
        connection, address = self.socket.accept()
        context = self.owner.ssl_context
        if context is not None:
            # The handshake runs on the handler's thread, so a silent client cannot stall accept.
            connection = context.wrap_socket(
                connection, server_side=True, do_handshake_on_connect=False
            )
        return connection, address

    # A stream server only ever gets sockets, never the datagram tuple the base class allows.
    def process_request(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        self.owner.count_connection()
        with self._connections_changed:
            self._connections.add(request)
        super().process_request(request, client_address)

    def mark_for_reset(self, request: socket.socket) -> None:
        """Close this connection with an RST (SO_LINGER 0) and no FIN first."""
        linger = struct.pack("HH" if sys.platform == "win32" else "ii", 1, 0)
        request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
        with self._connections_changed:
            self._resets.add(request)

    def shutdown_request(self, request: socket.socket) -> None:  # type: ignore[override]  # as above
        with self._connections_changed:
            reset = request in self._resets
            self._resets.discard(request)
        try:
            if reset:
                request.close()
            else:
                super().shutdown_request(request)
        finally:
            with self._connections_changed:
                self._connections.discard(request)
                self._connections_changed.notify_all()

    def close_connections(self, timeout: float) -> None:
        """Shut every open connection down and wait (bounded) for the handlers to finish."""
        with self._connections_changed:
            connections = list(self._connections)
        for connection in connections:
            # The plain socket's shutdown: SSLSocket.shutdown would pull the SSL object from
            # under a handler that is still reading.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(connection, socket.SHUT_RDWR)
        with self._connections_changed:
            self._connections_changed.wait_for(lambda: not self._connections, timeout)

    def handle_error(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: object
    ) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, _QUIET_ERRORS):
            return  # the client went away, or stop() cut the connection: not worth a word
        if self.owner.stopping.is_set() and isinstance(error, OSError | ValueError):
            return
        super().handle_error(request, client_address)
