"""The five read-only lookup functions the gateway forwards, and whom each call is about.

Everything else the API offers (addPayment, creditPayment, cancelPayment, ...) can move money or
change an order, and never passes the gateway. The subject is what an audit search needs to find
a call again: the same number typed with or without century, dash or spaces is one subject.
"""

from __future__ import annotations

import re
import unicodedata

from qvickly_desk.errors import InvalidInputError
from qvickly_desk.pno import parse_identity_number

__all__ = ["LOOKUP_FUNCTIONS", "SUBJECT_KINDS", "normalise_subject", "subject_of"]

LOOKUP_FUNCTIONS: dict[str, str] = {
    "getInvoicesByPno": "pno",
    "getPaymentInfo": "number",
    "getInvoiceByHash": "hash",
    "getInvoicesByCustomer": "customerno",
    "getCustomersByName": "name",
}
"""Function name -> the field of ``data`` that says whom or what it looks up."""

SUBJECT_KINDS = tuple(LOOKUP_FUNCTIONS.values())
_SPACE = re.compile(r"\s+")
_NUMBER_NOISE = re.compile(r"[\s\-+]")
_MAX_SUBJECT = 200


def subject_of(function: str, data: object) -> tuple[str, str] | None:
    """``(kind, normalised subject)`` of a lookup call; None when ``data`` names none."""
    kind = LOOKUP_FUNCTIONS.get(function)
    if kind is None or not isinstance(data, dict):
        return None
    value = data.get(kind)
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    normalised = normalise_subject(kind, str(value))
    return (kind, normalised) if normalised else None


def normalise_subject(kind: str, text: str) -> str:
    """One spelling per subject: a valid identity number as its 10 digits, names case-folded."""
    text = unicodedata.normalize("NFKC", text)[:_MAX_SUBJECT]
    if kind == "pno":
        try:
            return parse_identity_number(text).digits
        except InvalidInputError:
            return _NUMBER_NOISE.sub("", text)
    if kind == "name":
        return _SPACE.sub(" ", text).strip().casefold()
    if kind == "hash":
        return text.strip().lower()
    return _NUMBER_NOISE.sub("", text)
