"""3. Repeated lookups over HTTPS: the client's kept-alive session vs a new connection per call.

The sandbox runs in its own process with a self-signed certificate made here by ``openssl`` and
trusted through ``QvicklyClient(settings, ca_file=...)``. Each lookup asks for the 8 invoices of
the sandbox's person, so the figure is dominated by what a connection costs, not by the answer.
"New connection" is the same client with its connection pool emptied (``close()``) after each
call, so that every call pays TCP, the TLS handshake and whatever requests does per connection.

Requests hands its ``verify`` value (``REQUESTS_CA_BUNDLE`` or ``CURL_CA_BUNDLE`` when set, certifi
otherwise) to urllib3 as ``ca_certs``, and urllib3 loads that file into the client's own SSL
context at every new connection. The third figure uses an adapter that keeps trust in the context
alone, to show what that load costs; ``ca_bundle_note`` reports what the context ends up trusting.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

from benchmarks.common import Config, Row, median, sandbox_process
from qvickly_desk.client import QvicklyClient
from qvickly_desk.credentials import Credentials
from qvickly_desk.pno import parse_identity_number
from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET, PERSON_PNO
from qvickly_desk.settings import Settings
from qvickly_desk.status import StatusChoice
from qvickly_desk.transport import AbortableAdapter, tls_context

__all__ = ["ContextTrustAdapter", "run"]


class ContextTrustAdapter(AbortableAdapter):
    """Trust comes from the SSL context only: requests' ``verify`` path is never loaded into it."""

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        super().cert_verify(conn, url, bool(verify), cert)
        conn.ca_certs = None
        conn.ca_cert_dir = None

    def build_connection_pool_key_attributes(
        self, request: requests.PreparedRequest, verify: Any, cert: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        return super().build_connection_pool_key_attributes(request, bool(verify), cert)


def make_certificate(folder: Path) -> tuple[str, str] | None:
    """A self-signed certificate for 127.0.0.1 (cert file, key file); None without openssl."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return str(cert), str(key)


def _lookups(client: QvicklyClient, calls: int, reconnect: bool) -> list[float]:
    identity = parse_identity_number(PERSON_PNO)
    status = StatusChoice.parse("sent,paid")
    credentials = Credentials(DEMO_EID, DEMO_SECRET)
    times = []
    client.get_invoices_by_pno(credentials, identity, status)  # warm: imports, first handshake
    for _ in range(calls):
        if reconnect:
            client.close()  # the pool forgets its connection; the next call opens a new one
        started = time.perf_counter()
        result = client.get_invoices_by_pno(credentials, identity, status)
        times.append((time.perf_counter() - started) * 1000)
        assert len(result.invoices) == 8
    client.close()
    return times


def _client(url: str, ca_file: str, context_trust_only: bool) -> QvicklyClient:
    settings = Settings(api_url=url, test_mode=True, language="en")
    if not context_trust_only:
        return QvicklyClient(settings, ca_file=ca_file)
    session = requests.Session()
    adapter = ContextTrustAdapter(tls_context(ca_file), pool_connections=2, pool_maxsize=2)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return QvicklyClient(settings, session=session)


def _measure(certificate: tuple[str, str], calls: int, reconnect: bool, fixed: bool) -> dict:
    with sandbox_process(certificate=certificate) as sandbox:
        client = _client(sandbox.url, certificate[0], fixed)
        times = _lookups(client, calls, reconnect)
        context = client._session.get_adapter(sandbox.url)._ssl_context  # type: ignore[attr-defined]
        trusted = context.cert_store_stats()["x509_ca"]
    return {"ms": median(times), "connections": sandbox.connections, "trusted": trusted}


def ca_bundle_note() -> str:
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
    return f"REQUESTS_CA_BUNDLE={bundle}" if bundle else "no CA bundle in the environment"


def run(config: Config) -> list[Row]:
    calls = 3 if config.tiny else 60
    with tempfile.TemporaryDirectory(prefix="qvickly-tls-") as folder:
        certificate = make_certificate(Path(folder))
        if certificate is None:
            return [
                Row(
                    "https",
                    "lookup, kept-alive session",
                    None,
                    "new connection per call",
                    None,
                    unit="ms",
                    skipped="openssl not installed",
                )
            ]
        kept = _measure(certificate, calls, reconnect=False, fixed=False)
        fresh = _measure(certificate, calls, reconnect=True, fixed=False)
        fixed = _measure(certificate, calls, reconnect=True, fixed=True)
    return [
        Row(
            "https",
            "lookup (8 invoices), kept-alive session",
            kept["ms"],
            "new connection per call",
            fresh["ms"],
            note=f"connections: {kept['connections']} vs {fresh['connections']} "
            f"for {calls + 1} calls each; per call, median of {calls}",
        ),
        Row(
            "https",
            "new connection per call, CA bundle not reloaded",
            fixed["ms"],
            "new connection per call",
            fresh["ms"],
            note=f"{ca_bundle_note()}; the client's context ends up trusting "
            f"{fresh['trusted']} CAs (context-only adapter: {fixed['trusted']})",
        ),
    ]


if __name__ == "__main__":
    from benchmarks.common import format_table

    print(format_table(run(Config.from_args(sys.argv[1:]))))
