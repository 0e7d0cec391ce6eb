"""The gateway on cheroot, a thread-pool WSGI server in pure Python (Windows and Linux alike)
that serves TLS itself with the standard library's ``ssl``. Plain http only on loopback, behind a
reverse proxy on the same host: the rule the desk's client applies to the API address."""

from __future__ import annotations

import threading
from types import TracebackType

from qvickly_desk.client import check_api_url
from qvickly_desk.errors import InvalidInputError
from qvickly_desk.gateway.app import GatewayApp

__all__ = ["GatewayServer", "check_listen_address", "parse_listen"]

_DEFAULT_THREADS = 16
_POLL_SECONDS = 0.05
_BACKLOG = 256


def parse_listen(text: str) -> tuple[str, int]:
    """``HOST:PORT`` or ``[IPv6]:PORT``."""
    host, _, port_text = text.strip().rpartition(":")
    host = host.strip("[]")
    if not host or not port_text.isdigit() or not 0 <= int(port_text) <= 65535:
        raise InvalidInputError(
            en=f"--listen takes HOST:PORT, not {text!r}.",
            sv=f"--listen tar HOST:PORT, inte {text!r}.",
        )
    return host, int(port_text)


def check_listen_address(host: str, port: int, tls: bool) -> None:
    """Refuse plain http off loopback, by the client's own rule for API addresses."""
    shown = f"[{host}]" if ":" in host else host
    try:
        check_api_url(f"{'https' if tls else 'http'}://{shown}:{port or 1}/")
    except InvalidInputError:
        raise InvalidInputError(
            en=f"Plain http is served only on a loopback address, not on {host}: give --cert "
            "and --key, or listen on 127.0.0.1 behind a reverse proxy that serves https.",
            sv=f"Vanlig http tillåts bara på en loopback-adress, inte på {host}: ange --cert "
            "och --key, eller lyssna på 127.0.0.1 bakom en omvänd proxy med https.",
        ) from None


class GatewayServer:
    """Serves ``app`` from a daemon thread until :meth:`stop`."""

    def __init__(
        self,
        app: GatewayApp,
        host: str = "127.0.0.1",
        port: int = 0,
        cert: str | None = None,
        key: str | None = None,
        threads: int = _DEFAULT_THREADS,
    ) -> None:
        if (cert is None) != (key is None):
            raise InvalidInputError(
                en="--cert and --key go together.", sv="--cert och --key anges tillsammans."
            )
        scheme = "https" if cert else "http"
        check_listen_address(host, port, tls=bool(cert))
        from cheroot import wsgi

        self.app = app
        self._server = wsgi.Server(
            (host, port),
            app,
            numthreads=threads,
            server_name="qvickly",
            request_queue_size=_BACKLOG,  # a whole team connecting at 9:00 is not turned away
        )
        self._server.expiration_interval = _POLL_SECONDS  # how soon stop() is noticed
        if cert and key:
            from cheroot.ssl.builtin import BuiltinSSLAdapter

            self._server.ssl_adapter = BuiltinSSLAdapter(cert, key)
        self._scheme = scheme
        self._host = f"[{host}]" if ":" in host else host
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        port = self._server.bind_addr[1]
        return f"{self._scheme}://{self._host}:{port}/"

    def start(self) -> GatewayServer:
        self._server.prepare()  # binds now, so a port in use fails here and url is known
        self._thread = threading.Thread(
            target=self._server.serve, name="qvickly-gateway", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.stop()
        if self._thread is not None:
            self._thread.join(10)
        self.app.close()

    def __enter__(self) -> GatewayServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
