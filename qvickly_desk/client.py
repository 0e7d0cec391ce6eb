"""The signed ``getInvoicesByPno`` call: build, post, check the answer's signature, parse.

Everything that can go wrong comes out as a :class:`~qvickly_desk.errors.QvicklyError` subclass, so
the command line and the window can each say it plainly. Invoice data is returned only when its
signature matches; an error answer is reported even unsigned, since with a wrong key no signature
can match, and it never carries invoice data.

Each call leaves one INFO line in the log (function, masked number, outcome, HTTP status, time,
invoice count, log id) for support to match against the service's own log; DEBUG adds sizes.
Bodies, names and the secret are never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from types import TracebackType
from urllib.parse import urlsplit

import requests

import qvickly_desk
from qvickly_desk.collector import collector_paused
from qvickly_desk.credentials import Credentials
from qvickly_desk.errors import (
    AnswerCutOffError,
    AnswerTooLargeError,
    AuthenticationError,
    BadAnswerError,
    CancelledError,
    ConnectionFailedError,
    HttpStatusError,
    InvalidInputError,
    QvicklyError,
    RedirectRefusedError,
    RequestTimeoutError,
    ServiceError,
    SignatureError,
    TlsError,
    TransportError,
)
from qvickly_desk.invoices import Invoice, RowError, parse_invoices
from qvickly_desk.logs import masked
from qvickly_desk.pno import IdentityNumber
from qvickly_desk.settings import Settings
from qvickly_desk.signing import php_json_encode, sign, signature_matches
from qvickly_desk.status import StatusChoice
from qvickly_desk.text import safe_text
from qvickly_desk.transport import (
    AbortableAdapter,
    Deadline,
    call_deadline,
    check_content_encoding,
    new_session,
    redirect_host,
)

__all__ = [
    "API_VERSION",
    "NOT_FOUND_CODES",
    "LookupResult",
    "QvicklyClient",
    "check_api_url",
    "verify_answer",
]

_log = logging.getLogger(__name__)

API_VERSION = "2.5.0"
NOT_FOUND_CODES = frozenset({"8010", "8011", "8012"})
# One retry of this read-only call when the service asks for patience, and no longer than this.
_MAX_RETRY_WAIT = 10.0
_RETRY_STATUSES = frozenset({429, 503})
_CHUNK = 64 * 1024
_MAX_REFERENCE = 64  # characters of a code or log id kept; real ones have a handful


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
        """The customer's invoices for ``status``; an empty result when the service has none.

        ``on_retry(seconds)`` is called before the one retry a busy service (HTTP 429/503 with
        ``Retry-After``) gets, so that the person waiting can be told why.
        """
        function = "getInvoicesByPno"
        data = {"pno": identity.digits, "status": status.api_value}
        with _CallLog(function, identity.masked(), status.api_value) as record:
            try:
                answer_data, logid = self._call(function, data, credentials, on_retry, record)
            except ServiceError as error:
                if error.code not in NOT_FOUND_CODES:
                    raise
                record.outcome = f"none (code {error.code})"
                result = LookupResult((), (), error.logid)
            else:
                if not isinstance(answer_data, list | dict):  # "data": "x", null or 3
                    raise BadAnswerError(
                        "its data is not a list of invoices", "dess data är ingen fakturalista"
                    )
                # An abort (a newer search, the window closing) also stops a long parse.
                parsed = parse_invoices(answer_data, should_stop=self._aborted.is_set)
                result = LookupResult(status.filter(parsed.invoices), parsed.row_errors, logid)
            record.finished(len(result.invoices), len(result.row_errors), result.logid)
            return result

    def call(
        self,
        function: str,
        data: dict[str, object],
        credentials: Credentials,
        on_retry: Callable[[float], None] | None = None,
    ) -> tuple[object, str | None]:
        """Post one signed call; the verified ``data`` of the answer and its log id."""
        subject = masked(str(data.get("pno", "-")))
        with _CallLog(function, subject, str(data.get("status", "-"))) as record:
            answer_data, logid = self._call(function, data, credentials, on_retry, record)
            record.finished(None, None, logid)
            return answer_data, logid

    def abort(self) -> None:
        """Interrupt a call in flight (from any thread); it fails at once instead of timing out.

        The abort holds until :meth:`reset_abort`, so one that lands just before a call starts
        still stops it: the caller resets, then checks that the call is still wanted.
        """
        self._aborted.set()
        if self._adapter is not None:
            self._adapter.abort()

    def reset_abort(self) -> None:
        self._aborted.clear()

    def close(self) -> None:
        self._session.close()

    def _call(
        self,
        function: str,
        data: dict[str, object],
        credentials: Credentials,
        on_retry: Callable[[float], None] | None,
        record: _CallLog,
    ) -> tuple[object, str | None]:
        if not data:
            raise InvalidInputError("The request has no data.", "Anropet saknar data.")
        if self._aborted.is_set():
            raise CancelledError()
        body = self._request_body(function, data, credentials)
        record.request_bytes = len(body)
        seconds = call_deadline(self.settings.connect_timeout, self.settings.read_timeout)
        with Deadline(seconds, self._adapter) as deadline:
            try:
                response_body = self._post(body, on_retry, record, deadline)
            except TransportError:
                if deadline.passed:  # the connection was shut because the call took too long
                    raise RequestTimeoutError(deadline.seconds) from None
                raise
            if deadline.passed:  # shut mid-headers, what was read can look like a short answer
                raise RequestTimeoutError(deadline.seconds)
        return verify_answer(response_body, credentials.secret)

    def _request_body(
        self, function: str, data: dict[str, object], credentials: Credentials
    ) -> bytes:
        settings = self.settings
        envelope = {
            "credentials": {
                "id": credentials.eid,
                "hash": sign(data, credentials.secret),
                "version": API_VERSION,
                "client": f"qvickly-desk:{qvickly_desk.__version__}",
                "language": settings.language,
                "time": time.time(),
                "test": "1" if settings.test_mode else "0",
            },
            "data": data,
            "function": function,
        }
        return php_json_encode(envelope).encode("ascii")

    def _post(
        self,
        body: bytes,
        on_retry: Callable[[float], None] | None,
        record: _CallLog,
        deadline: Deadline,
    ) -> bytearray:
        for attempt in (1, 2):
            response = self._send(body)
            record.http_status = response.status_code
            record.attempts = attempt
            try:
                if response.status_code in _RETRY_STATUSES and attempt == 1:
                    wait = _retry_after_seconds(response.headers.get("Retry-After"))
                    if wait is not None and wait <= _MAX_RETRY_WAIT:
                        _log.info(
                            "%s: HTTP %d, one retry in %.1f s",
                            record.function,
                            response.status_code,
                            wait,
                        )
                        if on_retry is not None:
                            on_retry(wait)
                        if self._aborted.wait(wait):
                            raise CancelledError()
                        deadline.restart()  # the retry gets the whole time again
                        continue
                answer = self._read_body(response, deadline)
                record.answer_bytes = len(answer)
                return answer
            finally:
                response.close()
        raise AssertionError("unreachable")  # pragma: no cover

    def _send(self, body: bytes) -> requests.Response:
        settings = self.settings
        url = settings.api_url
        check_api_url(url)
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

    def _read_body(self, response: requests.Response, deadline: Deadline) -> bytearray:
        """The whole body, read chunk by chunk so that an endless answer stops at the cap, and
        an abort or the deadline stops it between chunks."""
        if response.is_redirect or 300 <= response.status_code < 400:
            location = response.headers.get("Location", "")
            raise RedirectRefusedError(redirect_host(self.settings.api_url, location))
        if response.status_code != 200:
            retry = _retry_after_seconds(response.headers.get("Retry-After"))
            raise HttpStatusError(response.status_code, retry)
        check_content_encoding(response.headers.get("Content-Encoding"))
        limit = self.settings.max_answer_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise AnswerTooLargeError(limit)
        # One growing buffer, not a list of chunks joined at the end: that join would hold the
        # answer twice. Past the cap nothing more is read, and close() drops the connection.
        body = bytearray()
        try:
            for chunk in response.iter_content(_CHUNK):
                if self._aborted.is_set():
                    raise CancelledError()
                if deadline.passed:
                    raise RequestTimeoutError(deadline.seconds)
                if len(body) + len(chunk) > limit:
                    _log.debug("answer stopped after %d bytes (cap %d)", len(body), limit)
                    raise AnswerTooLargeError(limit)
                body += chunk
        except requests.exceptions.ConnectionError as error:
            if "timed out" in str(error).lower():
                raise RequestTimeoutError(self.settings.read_timeout) from None
            raise AnswerCutOffError() from None
        except requests.exceptions.ChunkedEncodingError:
            raise AnswerCutOffError() from None
        except requests.exceptions.RequestException:
            raise AnswerCutOffError() from None
        content_type = response.headers.get("Content-Type", "")
        if "html" in content_type.lower() or body.lstrip()[:1] == b"<":
            raise BadAnswerError("an HTML page came back", "en HTML-sida kom tillbaka")
        return body

    def _host(self) -> str:
        return urlsplit(self.settings.api_url).hostname or self.settings.api_url


def verify_answer(body: bytes | bytearray, secret: str) -> tuple[object, str | None]:
    """The answer's ``data`` and log id, once its signature is checked against ``secret``.

    Raises only :class:`~qvickly_desk.errors.QvicklyError` subclasses, whatever the bytes: a
    service error (reported even unsigned), :class:`SignatureError` for invoice data without a
    matching signature, :class:`BadAnswerError` for anything that is not a Qvickly answer.

    The service signs ``json_encode($data)`` and sends those very bytes as the answer's ``data``,
    so the signature is first checked over that slice of the body, and ``data`` is what that
    slice decodes to. Only if it does not match (another encoding of the same data, say) is the
    parsed ``data`` encoded again the PHP way, which costs seconds for a large answer.
    """
    if not body.strip():
        raise BadAnswerError("the answer was empty", "svaret var tomt")
    with collector_paused():  # decoding a large answer makes millions of objects, no cycles
        answer, data_span = _parse_answer(body)
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
    if not isinstance(signature, str) or not signature.isascii():
        raise SignatureError(logid=logid)  # a hex digest is ASCII; compare_digest needs that
    if data_span is not None:
        start, end = data_span
        with memoryview(body) as view:
            if _hmac_matches(view[start:end], secret, signature):
                return data, logid
    try:
        matches = signature_matches(data, secret, signature)
    except RecursionError:
        raise _too_deep() from None
    if not matches:
        raise SignatureError(logid=logid)
    return data, logid


def _parse_answer(body: bytes | bytearray) -> tuple[object, tuple[int, int] | None]:
    """The decoded answer, and where its ``data`` lies in ``body`` when that is known exactly.

    The span is given only for a JSON object in ASCII (what the service sends: ``json_encode``
    escapes everything else), so that character and byte positions agree, and with no top-level
    key twice, so that the ``data`` here is the only one any JSON reader could see. The answer
    is then built from the very values decoded at those positions. Anything else is decoded
    as a whole by ``json.loads``, which is also what reports a broken answer.
    """
    large = len(body) > _YIELDING_SIZE  # decoded letting the window's thread in between
    if body.isascii():
        try:
            members = _top_level_members(
                body.decode("ascii"), _yielding_decoder if large else _decoder
            )
        except (ValueError, RecursionError):
            members = None  # json.loads below says what is wrong
        if members is not None:
            answer = {key: value for key, (value, _, _) in members.items()}
            data = members.get("data")
            return answer, (data[1], data[2]) if data is not None else None
    try:
        return json.loads(body, object_hook=_let_others_run if large else None), None
    except (ValueError, UnicodeDecodeError):
        raise BadAnswerError(
            "the answer is not valid JSON, perhaps cut short",
            "svaret är inte giltig JSON, kanske avkortat",
        ) from None
    except RecursionError:
        raise _too_deep() from None


def _let_others_run(row: dict[str, object]) -> dict[str, object]:
    """An object hook that changes nothing: calling back into Python once per decoded object
    lets the interpreter hand the GIL to another thread, which ``json``'s decoder, all C,
    otherwise holds for the whole answer: 0.4 s with the window frozen at 100,000 invoices."""
    return row


_decoder = json.JSONDecoder()
_yielding_decoder = json.JSONDecoder(object_hook=_let_others_run)
# Above this many bytes (some 10,000 invoices, 60 ms of decoding) the decoder lets the window's
# thread in between objects, for 15-30 % more decoding time; below, it decodes in one go.
_YIELDING_SIZE = 4 * 1024 * 1024
_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace, exactly


def _top_level_members(
    text: str, decoder: json.JSONDecoder = _decoder
) -> dict[str, tuple[object, int, int]] | None:
    """``{key: (value, start, end)}`` for the members of the JSON object ``text``.

    Each value is decoded where it stands, so ``text[start:end]`` is exactly the JSON that
    gave it. None when ``text`` is not a single JSON object or repeats a key; ``ValueError``
    when it is not valid JSON.
    """
    position = _skip_space(text, 0)
    if text[position : position + 1] != "{":
        return None
    position = _skip_space(text, position + 1)
    members: dict[str, tuple[object, int, int]] = {}
    closed = text[position : position + 1] == "}"
    if closed:
        position += 1
    while not closed:
        if text[position : position + 1] != '"':
            return None
        key, position = _decoder.raw_decode(text, position)
        position = _skip_space(text, position)
        if text[position : position + 1] != ":" or key in members:
            return None
        start = _skip_space(text, position + 1)
        value, end = decoder.raw_decode(text, start)
        members[key] = (value, start, end)
        position = _skip_space(text, end)
        separator = text[position : position + 1]
        if separator not in ("}", ","):
            return None
        closed = separator == "}"
        position = _skip_space(text, position + 1)
    if _skip_space(text, position) != len(text):  # anything after the object
        return None
    return members


def _skip_space(text: str, position: int) -> int:
    """The first position from ``position`` on that is not JSON whitespace."""
    space = _SPACE.match(text, position)
    return space.end() if space is not None else position


def _hmac_matches(message: memoryview, secret: str, signature: str) -> bool:
    """Whether ``signature`` is the HMAC-SHA512 of ``message`` (bytes as received)."""
    expected = hmac.new(secret.encode("utf-8"), message, hashlib.sha512).hexdigest()
    return hmac.compare_digest(expected, signature.strip().lower())


def _too_deep() -> BadAnswerError:
    # No Qvickly answer is nested more than a few levels; this one could only exhaust the stack.
    return BadAnswerError("the answer is nested too deeply", "svaret är för djupt nästlat")


def check_api_url(url: str) -> None:
    """An https address; plain http only to this computer (the sandbox), never over a network.

    Over http the merchant id and the customer's number would cross the network readable by
    anyone on the way, and an answer could be changed before it is checked.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        host = None
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not host:
        raise InvalidInputError(
            f"The API address {url!r} is not an http(s) address.",
            f"API-adressen {url!r} är ingen http(s)-adress.",
        )
    if parts.scheme == "http" and not _is_loopback(host):
        raise InvalidInputError(
            f"The API address {url!r} must use https; plain http is allowed only on this "
            "computer (the sandbox).",
            f"API-adressen {url!r} måste använda https; vanlig http tillåts bara på den här "
            "datorn (sandlådan).",
        )


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _CallLog:
    """What one call did, for its single log line: statuses, sizes and counts, never content."""

    def __init__(self, function: str, subject: str, status: str) -> None:
        self.function = function
        self.subject = subject  # the masked identity number
        self.status = status
        self.outcome = "ok"
        self.http_status: int | None = None
        self.attempts = 0
        self.request_bytes = 0
        self.answer_bytes = 0
        self.invoices: int | None = None
        self.row_errors: int | None = None
        self.logid: str | None = None
        self._started = time.monotonic()

    def finished(self, invoices: int | None, row_errors: int | None, logid: str | None) -> None:
        self.invoices, self.row_errors, self.logid = invoices, row_errors, logid

    def __enter__(self) -> _CallLog:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc is not None:
            self.outcome = type(exc).__name__
            if isinstance(exc, QvicklyError):
                if exc.code:
                    self.outcome += f" (code {exc.code})"
                if isinstance(exc, TransportError) and exc.detail:
                    self.outcome += f" ({exc.detail})"  # fixed texts, never the service's words
                self.logid = exc.logid
        elapsed_ms = round((time.monotonic() - self._started) * 1000)
        _log.info(
            "%s pno=%s status=%s result=%s http=%s ms=%d invoices=%s row_errors=%s logid=%s",
            self.function,
            self.subject,
            self.status,
            self.outcome,
            self.http_status if self.http_status is not None else "-",
            elapsed_ms,
            self.invoices if self.invoices is not None else "-",
            self.row_errors if self.row_errors is not None else "-",
            self.logid or "-",
        )
        _log.debug(
            "%s sent %d bytes, received %d bytes, %d attempt(s)",
            self.function,
            self.request_bytes,
            self.answer_bytes,
            self.attempts,
        )


def _service_error(block: object, logid: str | None) -> QvicklyError | None:
    if not isinstance(block, dict) or "code" not in block:
        return None
    code = _text_or_none(block.get("code")) or "?"
    message = block.get("message")
    message = safe_text(message) if isinstance(message, str) else ""
    logid = _text_or_none(block.get("logid")) or logid
    if code in AuthenticationError.CODES:
        return AuthenticationError(code, message, logid)
    return ServiceError(code, message, logid)


def _text_or_none(value: object) -> str | None:
    if value is None or value == "" or isinstance(value, bool | dict | list):
        return None
    return safe_text(value, _MAX_REFERENCE)  # a code or log id: shown, printed and logged


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
