"""An attacker's server on loopback: it answers every call with whatever the test scripts.

The real service signs whatever a customer typed, so a signed answer can hold any text; anyone who
can answer at the API address (a TLS-inspecting proxy, say) can send unsigned error answers,
hostile headers and bodies that trickle in for ever. This server does all of that, over a raw
socket so that headers too can be sent byte by byte:

- ``signed(data)``: an answer signed with the secret, as the service would sign it;
- ``unsigned_error(code, message, logid)``: an error answer without a signature;
- ``raw(body, headers, status)``: any bytes at all;
- ``trickle_body`` / ``trickle_headers``: seconds between single bytes.

It is bounded in time: every connection is closed after ``lifetime`` seconds whatever it is doing,
and ``stop()`` (or leaving the ``with`` block) closes them all. It listens on 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from dataclasses import dataclass, field
from types import TracebackType

from qvickly_desk.sandbox import DEMO_SECRET
from qvickly_desk.signing import php_json_bytes, sign

__all__ = ["AttackerServer", "Reply"]


@dataclass
class Reply:
    """What the server sends for every call until it is told otherwise."""

    body: bytes = b""
    status: int = 200
    headers: list[tuple[str, str]] = field(default_factory=list)
    trickle_body: float | None = None  # seconds between the body's bytes
    trickle_headers: float | None = None  # seconds between the header block's bytes


class AttackerServer:
    """A loopback server whose every answer is :attr:`reply`; count calls with :attr:`calls`."""

    def __init__(self, secret: str = DEMO_SECRET, lifetime: float = 30.0) -> None:
        self.secret = secret
        self.lifetime = lifetime
        self.reply = Reply()
        self.calls = 0
        self.bodies_sent_completely = 0
        self.client_hung_up = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        host, self.port = self._listener.getsockname()[:2]
        assert host == "127.0.0.1"
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._connections: list[socket.socket] = []
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    # -- what to answer ---------------------------------------------------------------------------

    def signed(self, data: object, logid: object = "4711", **reply: object) -> None:
        """Answer with ``data``, signed with the secret as the service signs it."""
        envelope = {"credentials": {"hash": sign(data, self.secret), "logid": logid}, "data": data}
        body = php_json_bytes(envelope)
        self.raw(body, **reply)  # type: ignore[arg-type]

    def unsigned_error(self, code: object, message: object, logid: object = "4711") -> None:
        """An error answer without a signature, as a proxy could make one up."""
        envelope = {"credentials": {"logid": logid}, "data": {"code": code, "message": message}}
        self.raw(php_json_bytes(envelope))

    def raw(
        self,
        body: bytes,
        status: int = 200,
        headers: list[tuple[str, str]] | None = None,
        trickle_body: float | None = None,
        trickle_headers: float | None = None,
    ) -> None:
        """Answer with these very bytes; a Content-Length is added unless headers give one."""
        self.reply = Reply(body, status, list(headers or []), trickle_body, trickle_headers)

    # -- running ----------------------------------------------------------------------------------

    def start(self) -> AttackerServer:
        thread = threading.Thread(target=self._accept, name="attacker-accept", daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def stop(self) -> None:
        self._stopped.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                connection.close()
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> AttackerServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _accept(self) -> None:
        self._listener.settimeout(0.2)
        while not self._stopped.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._connections.append(connection)
            thread = threading.Thread(
                target=self._serve, args=(connection,), name="attacker-conn", daemon=True
            )
            thread.start()
            self._threads.append(thread)

    def _serve(self, connection: socket.socket) -> None:
        ends_at = time.monotonic() + self.lifetime
        try:
            connection.settimeout(self.lifetime)
            while not self._stopped.is_set() and self._read_request(connection):
                self.calls += 1
                reply = self.reply
                if not self._send_reply(connection, reply, ends_at):
                    return
        except OSError:
            return
        finally:
            with contextlib.suppress(OSError):
                connection.close()

    @staticmethod
    def _read_request(connection: socket.socket) -> bool:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = connection.recv(65536)
            if not chunk:
                return False
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        while len(body) < length:
            chunk = connection.recv(65536)
            if not chunk:
                return False
            body += chunk
        return True

    def _send_reply(self, connection: socket.socket, reply: Reply, ends_at: float) -> bool:
        """Send ``reply``; False once the connection is over (the client hung up, time is up)."""
        lines = [f"HTTP/1.1 {reply.status} Hostile"]
        names = {name.lower() for name, _ in reply.headers}
        lines += [f"{name}: {value}" for name, value in reply.headers]
        if "content-length" not in names:
            lines.append(f"Content-Length: {len(reply.body)}")
        if "content-type" not in names:
            lines.append("Content-Type: application/json")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        try:
            if not self._send(connection, head, reply.trickle_headers, ends_at):
                return False
            if not self._send(connection, reply.body, reply.trickle_body, ends_at):
                return False
        except OSError:
            self.client_hung_up.set()
            return False
        self.bodies_sent_completely += 1
        return True

    def _send(
        self, connection: socket.socket, data: bytes, pause: float | None, ends_at: float
    ) -> bool:
        if pause is None:
            connection.sendall(data)
            return True
        for index in range(len(data)):
            if self._stopped.is_set() or time.monotonic() > ends_at:
                return False
            connection.sendall(data[index : index + 1])
            time.sleep(pause)
        return True
