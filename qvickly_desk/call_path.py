"""One signed call to the Qvickly Payment API, and everything around it but what is asked.

The envelope (:mod:`~qvickly_desk.envelope`), the timeouts and the deadline, the abort, the size
cap, the one retry a busy service gets, and the answer's verification
(:mod:`~qvickly_desk.verification`): the same for every function the desk calls.
:class:`~qvickly_desk.client.QvicklyClient` builds the five lookups on it. Only the
``READ_ONLY_FUNCTIONS`` are ever sent.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import requests

from qvickly_desk.calllog import CallLog
from qvickly_desk.credentials import Credentials
from qvickly_desk.envelope import signed_request_body
from qvickly_desk.errors import (
    AnswerCutOffError,
    AnswerTooLargeError,
    BadAnswerError,
    CancelledError,
    ConnectionFailedError,
    HttpStatusError,
    InvalidInputError,
    RedirectRefusedError,
    RequestTimeoutError,
    TlsError,
    TransportError,
)
from qvickly_desk.settings import Settings, check_api_url
from qvickly_desk.transport import (
    AbortableAdapter,
    Deadline,
    call_deadline,
    check_content_encoding,
    new_session,
    redirect_host,
)
from qvickly_desk.verification import verify_answer

__all__ = ["READ_ONLY_FUNCTIONS", "CallPath", "OnRetry"]

_log = logging.getLogger(__name__)

READ_ONLY_FUNCTIONS = frozenset(
    {
        "getInvoicesByPno",
        "getPaymentInfo",
        "getInvoiceByHash",
        "getInvoicesByCustomer",
        "getCustomersByName",
    }
)
"""The only functions this client ever calls: all of them read, none writes."""
# One retry of these read-only calls when the service asks for patience, and no longer than this.
_MAX_RETRY_WAIT = 10.0
_RETRY_STATUSES = frozenset({429, 503})
# Read in megabytes: 43 MB (100,000 invoices) took 56 ms in 64 KB pieces and 36-41 ms in 1 MB
# ones (4 MB no better). An abort or the deadline does not wait for a piece: they shut the
# connection, and the blocked read fails at once.
_CHUNK = 1024 * 1024
_NOT_SPACE = re.compile(rb"[^ \t\r\n\f\v]")  # what bytes.lstrip() strips

OnRetry = Callable[[float], None] | None


class CallPath:
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
        data: Mapping[str, object],
        credentials: Credentials,
        on_retry: Callable[[float], None] | None,
        record: CallLog,
        data_type: object = None,
    ) -> tuple[object, str | None]:
        if function not in READ_ONLY_FUNCTIONS:
            raise InvalidInputError(
                en=f"{function[:40]!r} is not a lookup function; only reading is allowed.",
                sv=f"{function[:40]!r} är ingen uppslagsfunktion; bara läsning tillåts.",
            )
        if not data:
            raise InvalidInputError(en="The request has no data.", sv="Anropet saknar data.")
        if self._aborted.is_set():
            raise CancelledError()
        settings = self.settings
        body = signed_request_body(
            function,
            data,
            credentials.eid,
            credentials.secret,
            language=settings.language,
            test=settings.test_mode,
        )
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
        return verify_answer(response_body, credentials.secret, data_type)

    def _post(
        self,
        body: bytes,
        on_retry: Callable[[float], None] | None,
        record: CallLog,
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
        first = _NOT_SPACE.search(body)  # not lstrip(): that would copy a large answer
        if "html" in content_type.lower() or (first is not None and first[0] == b"<"):
            raise BadAnswerError(en="an HTML page came back", sv="en HTML-sida kom tillbaka")
        return body

    def _host(self) -> str:
        return urlsplit(self.settings.api_url).hostname or self.settings.api_url


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
