"""What the sandbox answers to a call: the service's checks, in its order.

The checks every function shares come first (JSON, function name, credentials, signature,
data); getInvoicesByPno is answered here, the other lookups in ``lookups``.

Pure functions over the request bytes, so the checks read top to bottom like the API
documentation and the HTTP layer only has to write the answer out.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass

from qvickly_desk.languages import Text, normalize_language
from qvickly_desk.sandbox.data import DENIED_PNOS, api_number
from qvickly_desk.sandbox.details import DetailsBook
from qvickly_desk.sandbox.lookups import LOOKUP_FUNCTIONS, DataAnswer, LookupFailure, answer_lookup
from qvickly_desk.sandbox.store import InvoiceStore
from qvickly_desk.signing import sign

__all__ = [
    "MESSAGES",
    "ErrorAnswer",
    "InvoiceAnswer",
    "answer_call",
    "request_language",
]

FUNCTION = "getInvoicesByPno"
STATUSES = {"Sent": False, "Sent,Paid": True}  # status -> whether paid/cancelled are included

MESSAGES = {
    "7022": Text(sv="Status är inte korrekt.", en="Status is not correct."),
    "8012": Text(
        sv="Inga uppgifter hittades för person- eller organisationsnumret.",
        en="No records were found for the personal or organisation number.",
    ),
    "9001": Text(sv="Funktionen finns inte.", en="The function does not exist."),
    "9003": Text(
        sv="Funktionsnamn saknas. Kontrollera Content-Type och Content-Length.",
        en="Function name is missing. Check Content-Type and Content-Length.",
    ),
    "9004": Text(sv="Obligatoriska parametrar saknas.", en="Mandatory parameters are missing."),
    "9008": Text(
        sv="Internt serverfel, försök igen.", en="Internal server error, please try again."
    ),
    "9010": Text(sv="Id och MAC krävs.", en="ID and MAC are required."),
    "9011": Text(sv="Ogiltiga inloggningsuppgifter.", en="Invalid credentials."),
    "9013": Text(
        sv="Autentiseringen misslyckades. Kontrollera butiks-id och nyckel.",
        en="Authentication failed. Check your eid and secret.",
    ),
    "9014": Text(
        sv="Person- eller organisationsnummer krävs.",
        en="A personal or organisation number is required.",
    ),
    "9015": Text(
        sv="Person- eller organisationsnumret är för kort.",
        en="The personal or organisation number is too short.",
    ),
    "9016": Text(
        sv="Person- eller organisationsnumret är inte giltigt.",
        en="The personal or organisation number is not valid.",
    ),
}


@dataclass(frozen=True, slots=True)
class ErrorAnswer:
    """An error code; ``secret`` signs it (a random server key when the account is unknown)."""

    code: str
    secret: str
    language: str

    @property
    def message(self) -> str:
        return MESSAGES[self.code].get(self.language)


@dataclass(frozen=True, slots=True)
class InvoiceAnswer:
    """The listed rows, each already PHP-encoded."""

    rows: list[bytes]
    secret: str
    language: str


def parse_request(body: bytes) -> dict[str, object] | None:
    """The request object, or None when the body is not a JSON object."""
    try:
        request = json.loads(body.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError):
        return None
    return request if isinstance(request, dict) else None


def request_language(request: Mapping[str, object] | None) -> str:
    """``credentials.language`` as "sv" or "en"; Swedish when absent, as the service does."""
    credentials = request.get("credentials") if request else None
    language = credentials.get("language") if isinstance(credentials, dict) else None
    return normalize_language(language if isinstance(language, str) else None)


def answer_call(
    body: bytes,
    content_type: str | None,
    accounts: Mapping[str, str],
    store: InvoiceStore,
    server_key: str,
    book: DetailsBook | None = None,
) -> ErrorAnswer | InvoiceAnswer | DataAnswer | LookupFailure:
    """Run the service's checks on one call and say what to answer.

    Without a ``book`` only getInvoicesByPno is known (the other functions are 9001).
    """
    request = parse_request(body)
    language = request_language(request)
    credentials = request.get("credentials") if request else None
    if not isinstance(credentials, dict):
        credentials = {}
    eid = _text_value(credentials.get("id"))
    secret = accounts.get(eid, server_key) if eid else server_key

    def error(code: str) -> ErrorAnswer:
        return ErrorAnswer(code, secret, language)

    if request is None or not _is_json(content_type):
        return error("9003")
    function = request.get("function")
    if not isinstance(function, str) or not function:
        return error("9003")
    lookup = book is not None and function in LOOKUP_FUNCTIONS
    if function != FUNCTION and not lookup:
        return error("9001")
    given_hash = credentials.get("hash")
    if not eid or not isinstance(given_hash, str) or not given_hash:
        return error("9010")
    if eid not in accounts:
        return error("9011")
    data = request.get("data")
    if not _hash_matches(data, accounts[eid], given_hash):
        return error("9013")
    if not isinstance(data, dict) or not data:
        return error("9004")
    if lookup and book is not None:
        return answer_lookup(function, data, book, accounts[eid], language)

    pno = data.get("pno")
    if pno is None or pno == "":
        return error("9014")
    digits = _text_value(pno)
    if not digits or not digits.isascii() or not digits.isdigit():
        return error("9016")
    if len(digits) < 10:
        return error("9015")
    number = api_number(digits)
    if number is None:
        return error("9016")
    status = data.get("status")
    if not isinstance(status, str) or status not in STATUSES:
        return error("7022")
    if number in DENIED_PNOS:
        return InvoiceAnswer([], secret, language)
    rows = store.lookup(number, include_paid=STATUSES[status])
    if rows is None:
        return error("8012")
    return InvoiceAnswer(rows, secret, language)


def _hash_matches(data: object, secret: str, given: str) -> bool:
    """The service's check: HMAC over PHP's encoding of ``data`` as it decoded it (Latin-1)."""
    try:
        expected = sign(_as_latin1(data), secret)
    except (TypeError, ValueError):
        return False
    return hmac.compare_digest(expected.encode("ascii"), given.encode("utf-8", "replace"))


def _as_latin1(value: object) -> object:
    """``data`` after the service's conversion to ISO-8859-1: other characters become ``?``."""
    if isinstance(value, str):
        return value.encode("latin-1", errors="replace").decode("latin-1")
    if isinstance(value, dict):
        return {_as_latin1(key): _as_latin1(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_latin1(item) for item in value]
    return value


def _is_json(content_type: str | None) -> bool:
    if not content_type:
        return False
    return content_type.split(";", 1)[0].strip().lower() == "application/json"


def _text_value(value: object) -> str:
    """A string or an int as text (the service takes ids and numbers either way); "" otherwise."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    return ""


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")
