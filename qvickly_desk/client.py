"""The signed calls to the Qvickly Payment API: one call path for every function the desk uses.

``getInvoicesByPno``, ``getPaymentInfo``, ``getInvoiceByHash``, ``getInvoicesByCustomer`` and
``getCustomersByName`` (all read-only) share the envelope (:mod:`~qvickly_desk.envelope`), the
answer's verification (:mod:`~qvickly_desk.verification`), the timeouts, the abort, the size cap,
the one retry and the log line (:mod:`~qvickly_desk.calllog`); only what is sent and how the
answer is read differ. Everything that can go wrong comes out as a
:class:`~qvickly_desk.errors.QvicklyError` subclass, so the command line and the window can each
say it plainly. Data is returned only when its signature matches.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import requests

from qvickly_desk.calllog import CallLog
from qvickly_desk.credentials import Credentials
from qvickly_desk.customers import parse_customer_invoices, parse_customers
from qvickly_desk.details import InvoiceDetails, parse_invoice_details
from qvickly_desk.envelope import API_VERSION, signed_request_body
from qvickly_desk.errors import (
    AnswerCutOffError,
    AnswerTooLargeError,
    BadAnswerError,
    CancelledError,
    ConnectionFailedError,
    HttpStatusError,
    InvalidInputError,
    InvoiceNotFoundError,
    RedirectRefusedError,
    RequestTimeoutError,
    ServiceError,
    TlsError,
    TransportError,
)
from qvickly_desk.invoices import parse_invoices
from qvickly_desk.logs import masked
from qvickly_desk.lookup_results import CustomerMatches, InvoiceCustomer, LookupResult
from qvickly_desk.pno import IdentityNumber
from qvickly_desk.queries import (
    apply_status,
    checked_customer_name,
    checked_customer_number,
    checked_invoice_hash,
    checked_invoice_number,
)
from qvickly_desk.settings import Settings, check_api_url
from qvickly_desk.status import StatusChoice
from qvickly_desk.transport import (
    AbortableAdapter,
    Deadline,
    call_deadline,
    check_content_encoding,
    new_session,
    redirect_host,
)
from qvickly_desk.verification import verify_answer

__all__ = [
    "API_VERSION",
    "NOT_FOUND_CODES",
    "READ_ONLY_FUNCTIONS",
    "CustomerMatches",
    "InvoiceCustomer",
    "LookupResult",
    "QvicklyClient",
    "check_api_url",
    "verify_answer",
]

_log = logging.getLogger(__name__)

NOT_FOUND_CODES = frozenset({"8010", "8011", "8012"})
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
_CHUNK = 64 * 1024
_SENT_AND_PAID = StatusChoice(sent=True, paid=True)

OnRetry = Callable[[float], None] | None


class QvicklyClient:
    """One kept-alive HTTPS session to the service; thread-safe to :meth:`abort` from elsewhere.

    Every method takes ``on_retry(seconds)``, called before the one retry a busy service (HTTP
    429/503 with ``Retry-After``) gets, so that the person waiting can be told why.
    """

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
        on_retry: OnRetry = None,
    ) -> LookupResult:
        """The customer's invoices for ``status``; an empty result when the service has none."""
        function = "getInvoicesByPno"
        data = {"pno": identity.digits, "status": status.api_value}
        with CallLog(function, identity.masked(), status.api_value) as record:
            try:
                answer_data, logid = self._call(function, data, credentials, on_retry, record)
            except ServiceError as error:
                if error.code not in NOT_FOUND_CODES:
                    raise
                record.outcome = f"none (code {error.code})"
                result = LookupResult((), (), error.logid)
            else:
                _check_list_data(answer_data)
                # An abort (a newer search, the window closing) also stops a long parse.
                parsed = parse_invoices(answer_data, should_stop=self._aborted.is_set)
                result = LookupResult(status.filter(parsed.invoices), parsed.row_errors, logid)
            record.finished(len(result.invoices), len(result.row_errors), result.logid)
            return result

    def get_payment_info(
        self, credentials: Credentials, number: str, on_retry: OnRetry = None
    ) -> InvoiceDetails:
        """The details of invoice ``number`` (the number people see); raises
        :class:`~qvickly_desk.errors.InvoiceNotFoundError` when there is no such invoice."""
        return self._details(credentials, number, on_retry)[0]

    def get_invoice_by_hash(
        self, credentials: Credentials, hash_: str, on_retry: OnRetry = None
    ) -> InvoiceDetails:
        """The details of the invoice with the list row's ``hash``; ``InvoiceNotFoundError``
        when no invoice has it."""
        hash_ = checked_invoice_hash(hash_)
        with CallLog("getInvoiceByHash", "-", "-", "hash") as record:
            try:
                data, logid = self._call(
                    "getInvoiceByHash", {"hash": hash_}, credentials, on_retry, record
                )
            except InvoiceNotFoundError as error:
                raise error.about(hash_, by_hash=True) from None
            if _is_empty(data):
                raise InvoiceNotFoundError("", "", logid, hash_, by_hash=True)
            details = parse_invoice_details(data)
            record.finished(1, len(details.problems), logid)
            return details

    def get_invoices_by_customer(
        self,
        credentials: Credentials,
        customer_number: str,
        status: StatusChoice = _SENT_AND_PAID,
        on_retry: OnRetry = None,
    ) -> LookupResult:
        """The invoices of the merchant's customer ``customer_number`` (or organisation number),
        as the invoice list's rows, filtered here by ``status`` (the function has no filter)."""
        number = checked_customer_number(customer_number)
        with CallLog("getInvoicesByCustomer", masked(number), "-", "customerno") as record:
            try:
                data, logid = self._call(
                    "getInvoicesByCustomer", {"customerno": number}, credentials, on_retry, record
                )
            except ServiceError as error:
                if error.code not in NOT_FOUND_CODES:
                    raise
                record.outcome = f"none (code {error.code})"
                data, logid = [], error.logid
            _check_list_data(data)
            parsed = parse_customer_invoices(data, should_stop=self._aborted.is_set)
            result = LookupResult(apply_status(parsed.invoices, status), parsed.row_errors, logid)
            record.finished(len(result.invoices), len(result.row_errors), logid)
            return result

    def get_customers_by_name(
        self, credentials: Credentials, name: str, on_retry: OnRetry = None
    ) -> CustomerMatches:
        """The customer records whose name matches ``name`` (full or partial)."""
        name = checked_customer_name(name)
        with CallLog("getCustomersByName", "-", "-", "name") as record:
            try:
                data, logid = self._call(
                    "getCustomersByName", {"name": name}, credentials, on_retry, record
                )
            except ServiceError as error:
                if error.code not in NOT_FOUND_CODES:
                    raise
                record.outcome = f"none (code {error.code})"
                data, logid = [], error.logid
            _check_list_data(data, "customers", "kunder")
            parsed = parse_customers(data)
            record.finished(len(parsed.customers), len(parsed.row_errors), logid)
            return CustomerMatches(parsed.customers, parsed.row_errors, logid)

    def find_by_invoice_number(
        self,
        credentials: Credentials,
        number: str,
        status: StatusChoice = _SENT_AND_PAID,
        on_retry: OnRetry = None,
    ) -> InvoiceCustomer:
        """Whose invoice ``number`` is: getPaymentInfo, then getInvoicesByPno for its identity
        number; without a usable one, the answer is that one invoice."""
        details, data, logid = self._details(credentials, number, on_retry)
        if details.pno is not None:
            invoices = self.get_invoices_by_pno(credentials, details.pno, status, on_retry)
        else:
            parsed = parse_customer_invoices([data])
            invoices = LookupResult(apply_status(parsed.invoices, status), parsed.row_errors, logid)
        return InvoiceCustomer(details, details.pno, invoices)

    def call(
        self,
        function: str,
        data: dict[str, object],
        credentials: Credentials,
        on_retry: OnRetry = None,
    ) -> tuple[object, str | None]:
        """Post one signed call of a ``READ_ONLY_FUNCTIONS`` function; the verified ``data`` of
        the answer and its log id. Any other function is refused before anything is sent."""
        subject = masked(str(data.get("pno", "-")))
        with CallLog(function, subject, str(data.get("status", "-"))) as record:
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

    def _details(
        self, credentials: Credentials, number: str, on_retry: OnRetry
    ) -> tuple[InvoiceDetails, object, str | None]:
        """getPaymentInfo: the parsed details, the verified data as sent, and the log id."""
        number = checked_invoice_number(number)
        with CallLog("getPaymentInfo", number, "-", "number") as record:
            try:
                data, logid = self._call(
                    "getPaymentInfo", {"number": number}, credentials, on_retry, record
                )
            except InvoiceNotFoundError as error:
                raise error.about(number) from None
            if _is_empty(data):
                raise InvoiceNotFoundError("", "", logid, number)
            details = parse_invoice_details(data, asked_number=number)
            record.finished(1, len(details.problems), logid)
            return details, data, logid

    def _call(
        self,
        function: str,
        data: Mapping[str, object],
        credentials: Credentials,
        on_retry: Callable[[float], None] | None,
        record: CallLog,
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
        return verify_answer(response_body, credentials.secret)

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
        if "html" in content_type.lower() or body.lstrip()[:1] == b"<":
            raise BadAnswerError(en="an HTML page came back", sv="en HTML-sida kom tillbaka")
        return body

    def _host(self) -> str:
        return urlsplit(self.settings.api_url).hostname or self.settings.api_url


def _check_list_data(data: object, what_en: str = "invoices", what_sv: str = "fakturor") -> None:
    """A signed ``"data": "x"``, ``null`` or ``3`` is a broken answer, not an empty list: a
    script must never read it as "the customer has no invoices"."""
    if not isinstance(data, list | dict):
        raise BadAnswerError(
            en=f"its data is not a list of {what_en}", sv=f"dess data är ingen lista med {what_sv}"
        )


def _is_empty(data: object) -> bool:
    """An answer with nothing in it: to a question about one invoice, there is no such one."""
    return data is None or data == "" or data == [] or data == {}


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
