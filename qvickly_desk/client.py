"""The signed calls to the Qvickly Payment API: one call path for every function the desk uses.

``getInvoicesByPno``, ``getPaymentInfo``, ``getInvoiceByHash``, ``getInvoicesByCustomer`` and
``getCustomersByName`` (all read-only) share one call path (:mod:`~qvickly_desk.call_path`: the
envelope, the answer's verification, the timeouts, the abort, the size cap, the one retry) and
the log line (:mod:`~qvickly_desk.calllog`); only what is sent and how the answer is read
differ, and that is what this module holds. Everything that can go wrong comes out as a
:class:`~qvickly_desk.errors.QvicklyError` subclass, so the command line and the window can each
say it plainly. Data is returned only when its signature matches.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from qvickly_desk.call_path import READ_ONLY_FUNCTIONS, CallPath, OnRetry
from qvickly_desk.calllog import CallLog
from qvickly_desk.credentials import Credentials
from qvickly_desk.envelope import API_VERSION
from qvickly_desk.errors import BadAnswerError, InvoiceNotFoundError, ServiceError
from qvickly_desk.invoices import parse_invoices
from qvickly_desk.languages import Text
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
from qvickly_desk.settings import check_api_url
from qvickly_desk.status import StatusChoice
from qvickly_desk.verification import verify_answer
from qvickly_desk.wire_rows import ROWS_TYPE

if TYPE_CHECKING:
    from qvickly_desk.details import InvoiceDetails

# The parsers of the other lookups (details, customers) are imported by the lookups that use
# them: a scripted ``lookup PNO`` needs neither (5-10 ms of a 0.4 s run).

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

NOT_FOUND_CODES = frozenset({"8010", "8011", "8012"})
_SENT_AND_PAID = StatusChoice(sent=True, paid=True)
# What a list function's answer holds, for the message when its data is no list.
_INVOICES = Text(sv="fakturor", en="invoices")
_CUSTOMERS = Text(sv="kunder", en="customers")


class QvicklyClient(CallPath):
    """The lookups, on one kept-alive HTTPS session; thread-safe to :meth:`abort` from elsewhere.

    Every method takes ``on_retry(seconds)``, called before the one retry a busy service (HTTP
    429/503 with ``Retry-After``) gets, so that the person waiting can be told why.
    """

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
            answer_data, logid = self._list_call(
                function, data, credentials, on_retry, record, rows=ROWS_TYPE
            )
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
            from qvickly_desk.details import parse_invoice_details

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
            data, logid = self._list_call(
                "getInvoicesByCustomer", {"customerno": number}, credentials, on_retry, record
            )
            from qvickly_desk.customers import parse_customer_invoices

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
            data, logid = self._list_call(
                "getCustomersByName", {"name": name}, credentials, on_retry, record, _CUSTOMERS
            )
            from qvickly_desk.customers import parse_customers

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
            from qvickly_desk.customers import parse_customer_invoices

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

    def _list_call(
        self,
        function: str,
        data: Mapping[str, object],
        credentials: Credentials,
        on_retry: OnRetry,
        record: CallLog,
        what: Text = _INVOICES,
        rows: object = None,
    ) -> tuple[object, str | None]:
        """A call answered with a list: the verified list (empty for the service's "none" codes,
        8010-8012) and its log id; ``BadAnswerError`` for signed data that is no list. ``rows``
        is the type its rows may be decoded into (``verify_answer``'s ``data_type``)."""
        try:
            answer, logid = self._call(function, data, credentials, on_retry, record, rows)
        except ServiceError as error:
            if error.code not in NOT_FOUND_CODES:
                raise
            record.outcome = f"none (code {error.code})"
            return [], error.logid
        if not isinstance(answer, list | dict):  # "data": "x", null or 3
            # A script must never read a broken answer as "the customer has no invoices".
            raise BadAnswerError(
                en=f"its data is not a list of {what.en}",
                sv=f"dess data är ingen lista med {what.sv}",
            )
        return answer, logid

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
            from qvickly_desk.details import parse_invoice_details

            details = parse_invoice_details(data, asked_number=number)
            record.finished(1, len(details.problems), logid)
            return details, data, logid


def _is_empty(data: object) -> bool:
    """An answer with nothing in it: to a question about one invoice, there is no such one."""
    return data is None or data == "" or data == [] or data == {}
