"""What the sandbox answers to the four lookups beyond getInvoicesByPno, once a call has
passed the checks every function shares (see ``protocol``).

getPaymentInfo: the invoice object, or 5201 "Invoice with number N does not exist."
getInvoiceByHash: the invoice object, or an unsigned top-level 6010 "Hash does not exist"
(the shape the service has been seen to use). getInvoicesByCustomer: invoice objects for
customers 501 and 504, list rows for 502 and 503 (and any customer a test adds); 7020 for an
empty customer number, an empty list for an unknown one. getCustomersByName: the records whose
name holds the text, ignoring case; an empty list when none does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from qvickly_desk.sandbox.details import DetailsBook
from qvickly_desk.sandbox.people import customer_record, find_by_name
from qvickly_desk.signing import php_json_encode

__all__ = ["LOOKUP_FUNCTIONS", "DataAnswer", "LookupFailure", "answer_lookup"]

LOOKUP_FUNCTIONS = {
    "getPaymentInfo": "getPaymentInfo",
    "getPaymentinfo": "getPaymentInfo",  # the spelling of the documentation
    "getInvoiceByHash": "getInvoiceByHash",
    "getInvoicesByCustomer": "getInvoicesByCustomer",
    "getCustomersByName": "getCustomersByName",
}


@dataclass(frozen=True, slots=True)
class DataAnswer:
    """A signed answer whose ``data`` is this PHP-encoded JSON (an object or a list)."""

    data_json: str
    secret: str
    language: str


@dataclass(frozen=True, slots=True)
class LookupFailure:
    """An error code with its (already filled in) message; ``top_level`` sends it unsigned
    as ``{"code", "message"}`` without credentials or data."""

    code: str
    message: str
    top_level: bool = False


_MESSAGES = {
    "5201": ("Faktura med nummer {} finns inte.", "Invoice with number {} does not exist."),
    "6010": ("Hashen finns inte", "Hash does not exist"),
    "7020": ("Kundnummer saknas.", "Customer number is missing."),
    "9004": ("Obligatoriska parametrar saknas.", "Mandatory parameters are missing."),
}


def _error(code: str, language: str, detail: str = "", top_level: bool = False) -> LookupFailure:
    sv, en = _MESSAGES[code]
    return LookupFailure(code, (en if language == "en" else sv).format(detail), top_level)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value)
    return value.strip() if isinstance(value, str) else ""


def answer_lookup(
    function: str,
    data: Mapping[str, object],
    book: DetailsBook,
    secret: str,
    language: str,
) -> DataAnswer | LookupFailure:
    """The answer to one of ``LOOKUP_FUNCTIONS`` whose request has already been checked."""
    name = LOOKUP_FUNCTIONS[function]

    def answer(value: object) -> DataAnswer:
        return DataAnswer(php_json_encode(value), secret, language)

    if name == "getPaymentInfo":
        number = _text(data.get("number"))
        if not number:
            return _error("9004", language)
        invoice = book.by_number(number)
        return answer(invoice) if invoice is not None else _error("5201", language, number[:40])
    if name == "getInvoiceByHash":
        hash_ = _text(data.get("hash"))
        if not hash_:
            return _error("9004", language)
        invoice = book.by_hash(hash_)
        return answer(invoice) if invoice is not None else _error("6010", language, "", True)
    if name == "getInvoicesByCustomer":
        number = _text(data.get("customerno"))
        if not number:
            return _error("7020", language)
        customer = book.customer(number)
        if customer is None:
            return DataAnswer("[]", secret, language)
        rows = book.customer_elements(customer)
        if rows is not None:
            return DataAnswer("[" + ",".join(rows) + "]", secret, language)
        return answer(book.customer_objects(customer))
    wanted = _text(data.get("name"))
    if not wanted:
        return _error("9004", language)
    return answer([customer_record(customer) for customer in find_by_name(wanted)])
