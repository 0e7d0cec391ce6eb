"""The gateway's WSGI application: check the agent, forward a lookup, answer in the agent's name.

Every call, in this order: the agent's id and signature (HMAC-SHA512 over PHP's encoding of
``data``, under the agent's derived key), the function against the five lookups, the agent's rate
limits, then the call to Qvickly with the merchant's credentials through the desk's own client,
whose ``verify_answer`` checks Qvickly's signature. Only data that passed that check is signed
again, with the agent's key; errors go back unsigned, as errors, which a desk shows but never
takes for data. Each call leaves one audit record, written before anything is forwarded.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from qvickly_desk.client import QvicklyClient
from qvickly_desk.credentials import Credentials
from qvickly_desk.errors import InvoiceNotFoundError, QvicklyError, ServiceError
from qvickly_desk.gateway.agents import AgentRegistry
from qvickly_desk.gateway.audit import AuditLog
from qvickly_desk.gateway.functions import LOOKUP_FUNCTIONS, subject_of
from qvickly_desk.gateway.keys import GatewayKey
from qvickly_desk.gateway.messages import GatewayRefusal, refusal_text
from qvickly_desk.gateway.ratelimit import RateLimits
from qvickly_desk.languages import normalize_language
from qvickly_desk.settings import Settings
from qvickly_desk.signing import php_json_bytes, sign, signature_matches

__all__ = ["GatewayApp"]

_log = logging.getLogger(__name__)
_MAX_REQUEST_BYTES = 1024 * 1024
StartResponse = Callable[..., Any]


@dataclass
class _Call:
    """What one request said, as far as it could be read."""

    agent_id: str = "-"
    function: str = "-"
    language: str = "sv"
    test: bool = False
    data: object = None
    signature: object = None


class GatewayApp:
    """``app(environ, start_response)``; thread-safe, one upstream client per server thread."""

    def __init__(
        self,
        registry: AgentRegistry,
        audit: AuditLog,
        key: GatewayKey,
        merchant: Credentials,
        upstream: Settings,
        limits: RateLimits | None = None,
    ) -> None:
        self._registry = registry
        self._audit = audit
        self._key = key
        self._merchant = merchant
        self._upstream = upstream
        self._limits = limits or RateLimits()
        self._local = threading.local()
        self._clients: list[QvicklyClient] = []
        self._clients_lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        if method == "GET":
            text = b"Qvickly gateway: POST Qvickly API calls to this address.\n"
            return _respond(start_response, "200 OK", "text/plain; charset=utf-8", text)
        if method != "POST":
            return _respond(start_response, "405 Method Not Allowed", "text/plain", b"POST only\n")
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > _MAX_REQUEST_BYTES:
            return _respond(start_response, "413 Content Too Large", "text/plain", b"too large\n")
        body = environ["wsgi.input"].read(length) if length else b""
        answer = self.handle(body, environ.get("REMOTE_ADDR"))
        return _respond(start_response, "200 OK", "application/json", answer)

    def handle(self, body: bytes, remote: str | None = None) -> bytes:
        """The answer to one call's body; one audit record written, whatever happens."""
        call = _read_call(body)
        record_id: int | None = None
        try:
            refusal, agent_name = self._check(call)
            subject = subject_of(call.function, call.data)
            if refusal is not None:
                self._audit.start(
                    call.agent_id, agent_name, call.function, subject, remote,
                    f"refused {refusal.code}", counted=False,
                )  # fmt: skip
                return _error_body(refusal.code, refusal_text(refusal, call.language), None)
            record_id = self._audit.start(
                call.agent_id, agent_name, call.function, subject, remote, "pending", counted=True
            )
            exceeded = self._limits.exceeded(self._audit, call.agent_id, time.time())
            if exceeded is not None:
                refusal = (
                    GatewayRefusal.PER_MINUTE if exceeded == "minute" else GatewayRefusal.PER_DAY
                )
                self._audit.finish(record_id, f"refused {refusal.code}", counted=False)
                return _error_body(refusal.code, refusal_text(refusal, call.language), None)
            return self._forward(call, record_id)
        except Exception:
            _log.exception("gateway call failed")
            if record_id is not None:
                self._audit.finish(record_id, "failed: gateway error", counted=True)
            else:
                self._audit.start(
                    call.agent_id[:64], None, call.function, None, remote,
                    "failed: gateway error", counted=False,
                )  # fmt: skip
            refusal = GatewayRefusal.INTERNAL
            return _error_body(refusal.code, refusal_text(refusal, call.language), None)

    def close(self) -> None:
        with self._clients_lock:
            clients, self._clients = self._clients, []
        for client in clients:
            client.close()

    def _check(self, call: _Call) -> tuple[GatewayRefusal | None, str | None]:
        """Why the call is refused before forwarding (None if it is not), and the agent's name."""
        if call.function == "-":
            return GatewayRefusal.NOT_A_CALL, None
        if call.agent_id == "-" or not isinstance(call.signature, str) or not call.signature:
            return GatewayRefusal.NO_CREDENTIALS, None
        agent = self._registry.by_id(call.agent_id)
        if agent is None or not agent.active:
            return GatewayRefusal.UNKNOWN_AGENT, agent.name if agent else None
        if not signature_matches(call.data, self._key.agent_secret(agent.id), call.signature):
            return GatewayRefusal.WRONG_SIGNATURE, agent.name
        if call.function not in LOOKUP_FUNCTIONS:
            return GatewayRefusal.NOT_ALLOWED, agent.name
        if not isinstance(call.data, dict) or not call.data:
            return GatewayRefusal.NO_DATA, agent.name
        return None, agent.name

    def _forward(self, call: _Call, record_id: int) -> bytes:
        assert isinstance(call.data, dict)
        client = self._client()
        client.settings = self._upstream.with_changes(language=call.language, test_mode=call.test)
        try:
            data, logid = client.call(call.function, call.data, self._merchant)
        except (ServiceError, InvoiceNotFoundError) as error:
            # Qvickly's own error (5201 "no such invoice", say): passed on as an error, unsigned,
            # with its own code, so the desk says "no such invoice" as it would straight to Qvickly.
            self._audit.finish(record_id, f"service error {error.code}", True, 0, error.logid)
            return _error_body(error.code or "?", error.service_message, error.logid)
        except QvicklyError as error:
            # Tampered, unsigned or no answer at all: an error for the desk, never data.
            refusal = GatewayRefusal.UPSTREAM_FAILED
            self._audit.finish(
                record_id, f"failed: {type(error).__name__}", True, None, error.logid
            )
            text = refusal_text(refusal, call.language) + " " + error.message(call.language)
            return _error_body(refusal.code, text, error.logid)
        count = len(data) if isinstance(data, list) else 1 if isinstance(data, dict) else 0
        body = _signed_body(data, self._key.agent_secret(call.agent_id), logid)
        self._audit.finish(record_id, "ok", True, count, logid)
        return body

    def _client(self) -> QvicklyClient:
        client: QvicklyClient | None = getattr(self._local, "client", None)
        if client is None:
            client = QvicklyClient(self._upstream)
            self._local.client = client
            with self._clients_lock:
                self._clients.append(client)
        return client


def _read_call(body: bytes) -> _Call:
    call = _Call()
    try:
        request = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return call
    if not isinstance(request, dict):
        return call
    credentials = request.get("credentials")
    credentials = credentials if isinstance(credentials, dict) else {}
    agent_id = credentials.get("id")
    if isinstance(agent_id, int) and not isinstance(agent_id, bool):
        agent_id = str(agent_id)
    if isinstance(agent_id, str) and agent_id.strip():
        call.agent_id = agent_id.strip()[:64]
    function = request.get("function")
    if isinstance(function, str) and function:
        call.function = function[:64]
    language = credentials.get("language")
    call.language = normalize_language(language if isinstance(language, str) else None)
    call.test = str(credentials.get("test", "0")) == "1"
    call.data = request.get("data")
    call.signature = credentials.get("hash")
    return call


def _signed_body(data: object, secret: str, logid: str | None) -> bytes:
    credentials: dict[str, object] = {"hash": sign(data, secret)}
    if logid is not None:
        credentials["logid"] = logid
    return php_json_bytes({"credentials": credentials, "data": data})


def _error_body(code: str, message: str, logid: str | None) -> bytes:
    data: dict[str, object] = {"code": code, "message": message}
    credentials: dict[str, object] = {}
    if logid is not None:
        data["logid"] = logid
        credentials["logid"] = logid
    return php_json_bytes({"credentials": credentials, "data": data})


def _respond(
    start_response: StartResponse, status: str, content_type: str, body: bytes
) -> list[bytes]:
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]
