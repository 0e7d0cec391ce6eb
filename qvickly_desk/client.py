"""The signed ``getInvoicesByPno`` call: build, post, check the answer's signature, parse.

Everything that can go wrong comes out as a :class:`~qvickly_desk.errors.QvicklyError` subclass, so
the command line and the window can each say it plainly. Invoice data is returned only when its
signature matches; an error answer is reported even unsigned, since with a wrong key no signature
can match, and it never carries invoice data.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import requests

from qvickly_desk import __version__
from qvickly_desk.credentials import Credentials
from qvickly_desk.errors import (
    AnswerCutOffError,
    AnswerTooLargeError,
    AuthenticationError,
    BadAnswerError,
    ConnectionFailedError,
    HttpStatusError,
    InvalidInputError,
    QvicklyError,
    RedirectRefusedError,
    RequestTimeoutError,
    ServiceError,
    SignatureError,
    TlsError,
)
from qvickly_desk.invoices import Invoice, RowError, parse_invoices
from qvickly_desk.pno import IdentityNumber
from qvickly_desk.settings import Settings
from qvickly_desk.signing import php_json_encode, sign, signature_matches
from qvickly_desk.status import StatusChoice
from qvickly_desk.transport import AbortableAdapter, new_session

__all__ = ["API_VERSION", "NOT_FOUND_CODES", "LookupResult", "QvicklyClient"]

API_VERSION = "2.5.0"
NOT_FOUND_CODES = frozenset({"8010", "8011", "8012"})
# One retry of this read-only call when the service asks for patience, and no longer than this.
_MAX_RETRY_WAIT = 10.0
_RETRY_STATUSES = frozenset({429, 503})
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class LookupResult:
    invoices: tuple[Invoice, ...]
    row_errors: tuple[RowError, ...] = ()
    logid: str | None = None


class QvicklyClient:
    """One kept-alive HTTPS session to the service; thread-safe to :meth:`abort` from elsewhere."""

    def __init__(
        self,
        settings: Settings,
        session: requests.Session | None = None,
        ca_file: str | None = None,
    ) -> None:
        self.settings = settings
        self._adapter: AbortableAdapter | None = None
        if session is None:
            session, self._adapter = new_session(ca_file)
        self._session = session
        self._aborted = threading.Event()

    def get_invoices_by_pno(
        self,
        credentials: Credentials,
        identity: IdentityNumber,
        status: StatusChoice,
        on_retry: Callable[[float], None] | None = None,
    ) -> LookupResult:
        """The customer's invoices for ``status``; an empty result when the service has none."""
        data = {"pno": identity.digits, "status": status.api_value}
        try:
            answer_data, logid = self.call("getInvoicesByPno", data, credentials, on_retry)
        except ServiceError as error:
            if error.code in NOT_FOUND_CODES:
                return LookupResult((), (), error.logid)
            raise
        parsed = parse_invoices(answer_data)
        return LookupResult(status.filter(parsed.invoices), parsed.row_errors, logid)

    def call(
        self,
        function: str,
        data: dict[str, object],
        credentials: Credentials,
        on_retry: Callable[[float], None] | None = None,
    ) -> tuple[object, str | None]:
        """Post one signed call; the verified ``data`` of the answer and its log id."""
        if not data:
            raise InvalidInputError("The request has no data.", "Anropet saknar data.")
        self._aborted.clear()
        body = self._request_body(function, data, credentials)
        response_body = self._post(body, on_retry)
        return self._verified(response_body, credentials)

    def abort(self) -> None:
        """Interrupt a call in flight (from any thread); it fails at once instead of timing out."""
        self._aborted.set()
        if self._adapter is not None:
            self._adapter.abort()

    def close(self) -> None:
        self._session.close()

    def _request_body(
        self, function: str, data: dict[str, object], credentials: Credentials
    ) -> bytes:
        settings = self.settings
        envelope = {
            "credentials": {
                "id": credentials.eid,
                "hash": sign(data, credentials.secret),
                "version": API_VERSION,
                "client": f"qvickly-desk:{__version__}",
                "language": settings.language,
                "time": time.time(),
                "test": "1" if settings.test_mode else "0",
            },
            "data": data,
            "function": function,
        }
        return php_json_encode(envelope).encode("ascii")

    def _post(self, body: bytes, on_retry: Callable[[float], None] | None) -> bytes:
        for attempt in (1, 2):
            response = self._send(body)
            try:
                if response.status_code in _RETRY_STATUSES and attempt == 1:
                    wait = _retry_after_seconds(response.headers.get("Retry-After"))
                    if wait is not None and wait <= _MAX_RETRY_WAIT:
                        if on_retry is not None:
                            on_retry(wait)
                        if self._aborted.wait(wait):
                            raise ConnectionFailedError(self._host())
                        continue
                return self._read_body(response)
            finally:
                response.close()
        raise AssertionError("unreachable")  # pragma: no cover

    def _send(self, body: bytes) -> requests.Response:
        settings = self.settings
        url = settings.api_url
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise InvalidInputError(
                f"The API address {url!r} is not an http(s) address.",
                f"API-adressen {url!r} är ingen http(s)-adress.",
            )
        try:
            return self._session.post(
                url,
                data=body,
                headers={"Content-Type": "application/json", "Accept": "application/json"},
                timeout=(settings.connect_timeout, settings.read_timeout),
                allow_redirects=False,
                stream=True,
            )
        except requests.exceptions.ConnectTimeout:
            raise RequestTimeoutError(settings.connect_timeout) from None
        except requests.exceptions.ReadTimeout:
            raise RequestTimeoutError(settings.read_timeout) from None
        except requests.exceptions.SSLError:
            raise TlsError(self._host()) from None
        except (requests.exceptions.ConnectionError, requests.exceptions.InvalidURL):
            raise ConnectionFailedError(self._host()) from None
        except requests.exceptions.RequestException:
            raise ConnectionFailedError(self._host()) from None

    def _read_body(self, response: requests.Response) -> bytes:
        if response.is_redirect or 300 <= response.status_code < 400:
            target = urljoin(self.settings.api_url, response.headers.get("Location", ""))
            raise RedirectRefusedError(urlsplit(target).hostname or target)
        if response.status_code != 200:
            retry = _retry_after_seconds(response.headers.get("Retry-After"))
            raise HttpStatusError(response.status_code, retry)
        limit = self.settings.max_answer_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise AnswerTooLargeError(limit)
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise AnswerTooLargeError(limit)
                chunks.append(chunk)
        except requests.exceptions.ConnectionError as error:
            if "timed out" in str(error).lower():
                raise RequestTimeoutError(self.settings.read_timeout) from None
            raise AnswerCutOffError() from None
        except requests.exceptions.ChunkedEncodingError:
            raise AnswerCutOffError() from None
        except requests.exceptions.RequestException:
            raise AnswerCutOffError() from None
        content_type = response.headers.get("Content-Type", "")
        body = b"".join(chunks)
        if "html" in content_type.lower() or body.lstrip()[:1] == b"<":
            raise BadAnswerError("an HTML page came back", "en HTML-sida kom tillbaka")
        return body

    def _verified(self, body: bytes, credentials: Credentials) -> tuple[object, str | None]:
        if not body.strip():
            raise BadAnswerError("the answer was empty", "svaret var tomt")
        try:
            answer = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise BadAnswerError(
                "the answer is not valid JSON, perhaps cut short",
                "svaret är inte giltig JSON, kanske avkortat",
            ) from None
        if not isinstance(answer, dict):
            raise BadAnswerError("the answer has the wrong shape", "svaret har fel form")
        envelope = answer.get("credentials")
        envelope = envelope if isinstance(envelope, dict) else {}
        logid = _text_or_none(envelope.get("logid"))
        data = answer.get("data")
        error = _service_error(data, logid) or (
            _service_error(answer, logid) if "data" not in answer else None
        )
        if error is not None:
            raise error
        if "data" not in answer:
            raise BadAnswerError("the answer holds no data", "svaret innehåller inga data")
        signature = envelope.get("hash")
        if not signature:
            raise SignatureError(missing=True, logid=logid)
        if not signature_matches(data, credentials.secret, signature):
            raise SignatureError(logid=logid)
        return data, logid

    def _host(self) -> str:
        return urlsplit(self.settings.api_url).hostname or self.settings.api_url


def _service_error(block: object, logid: str | None) -> QvicklyError | None:
    if not isinstance(block, dict) or "code" not in block:
        return None
    code = _text_or_none(block.get("code")) or "?"
    message = block.get("message")
    message = message if isinstance(message, str) else ""
    logid = _text_or_none(block.get("logid")) or logid
    if code in AuthenticationError.CODES:
        return AuthenticationError(code, message, logid)
    return ServiceError(code, message, logid)


def _text_or_none(value: object) -> str | None:
    if value is None or value == "" or isinstance(value, bool | dict | list):
        return None
    return str(value)


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())
