"""The sandbox's answers as bytes: signed the service's way, or spoiled on purpose.

Split from the server so that what a fault does to an answer (tampered after signing, the wrong
signature, none, ids as ints and amounts as floats, hostile links, an HTML error page) is read in
one place, apart from the HTTP plumbing.
"""

from __future__ import annotations

import contextlib
import decimal
import hashlib
import hmac
import html
import json
import re
from collections.abc import Iterator

from qvickly_desk.sandbox.faults import Faults
from qvickly_desk.sandbox.protocol import ErrorAnswer
from qvickly_desk.signing import php_json_bytes, php_json_encode

__all__ = [
    "error_data",
    "hostile_links_deep",
    "html_page",
    "mix_types",
    "mix_types_deep",
    "signed_body",
]

_ID_FIELDS = (
    "invoiceid_real",
    "creditinvoiceid",
    "mm3servicesid",
    "mexcModulesid",
    "mexcCustomerinvoicesid",
)
_AMOUNT_FIELDS = ("topay", "balancedue")


def error_data(error: ErrorAnswer, logid: int) -> dict[str, object]:
    return {"code": error.code, "message": error.message, "logid": str(logid)}


def signed_body(
    data: dict[str, object] | list[bytes] | str, secret: str, logid: int, faults: Faults
) -> bytes:
    """``{"credentials": {"hash", "logid"}, "data"}`` with the hash over ``data`` as sent.

    ``data`` is an error object, a list of PHP-encoded rows or PHP-encoded JSON; the body is
    PHP-encoded throughout, so re-encoding the parsed ``data`` gives exactly the signed bytes.
    """
    if isinstance(data, str):
        data_json = data.encode("ascii")
    elif isinstance(data, list):
        data_json = _joined(data)
    else:
        data_json = php_json_bytes(data)
    signature = hmac.new(secret.encode("utf-8"), data_json, hashlib.sha512).hexdigest()
    if faults.tamper_data and isinstance(data, list) and data:
        data_json = _joined([_tampered(data[0]), *data[1:]])
    elif faults.tamper_data and isinstance(data, str) and data not in ("[]", "{}"):
        data_json = _tampered_lookup(data).encode("ascii")
    if faults.wrong_signature:
        signature = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    credentials: dict[str, object] = {"hash": signature, "logid": logid}
    if faults.no_signature:
        del credentials["hash"]
    head = '{"credentials":' + php_json_encode(credentials) + ',"data":'
    return b"".join((head.encode("ascii"), data_json, b"}"))


def _joined(rows: list[bytes]) -> bytes:
    """The JSON list of ``rows`` in one copy: the brackets go on the first and last row, where
    adding them after the join would copy 40 MB twice more (100,000 invoices)."""
    if len(rows) < 2:
        return b"[" + b"".join(rows) + b"]"
    return b",".join([b"[" + rows[0], *rows[1:-1], rows[-1] + b"]"])


def html_page(status: int, phrase: str) -> bytes:
    """The kind of page a proxy or load balancer sends instead of the service's JSON."""
    title = html.escape(f"{status} {phrase}")
    return (
        f"<!DOCTYPE html>\n<html><head><title>{title}</title></head>\n"
        f"<body><center><h1>{title}</h1></center><hr><center>nginx</center></body></html>\n"
    ).encode()


def mix_types(row: dict[str, object]) -> dict[str, object]:
    """Ids as ints and amounts as floats, wherever they can be."""
    mixed = dict(row)
    for field in _ID_FIELDS:
        value = mixed.get(field)
        if isinstance(value, str) and value.isascii() and value.isdigit():
            mixed[field] = int(value)
    for field in _AMOUNT_FIELDS:
        value = mixed.get(field)
        with contextlib.suppress(decimal.InvalidOperation, ValueError):
            mixed[field] = float(decimal.Decimal(str(value)))
    return mixed


def _tampered(encoded_row: bytes) -> bytes:
    """The row with a different amount to pay, as someone in the middle might change it."""
    row = json.loads(encoded_row)
    try:
        amount = decimal.Decimal(str(row.get("topay")))
    except decimal.InvalidOperation:
        amount = decimal.Decimal(0)
    row["topay"] = f"{amount + 1000:.2f}"
    return php_json_bytes(row)


_MIXED_KEYS = frozenset(
    {"withouttax", "tax", "rounding", "withtax", "aprice", "balancedue", "number", "nr", "method"}
)


def mix_types_deep(value: object) -> object:
    """Digit strings as ints wherever an amount or id may be one, in any nesting; rows as
    ``mix_types`` does them."""
    if isinstance(value, list):
        return [mix_types_deep(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "invoiceid_real" in value:
        return mix_types(value)
    mixed: dict[str, object] = {}
    for key, item in value.items():
        if key in _MIXED_KEYS and isinstance(item, str) and re.fullmatch(r"-?[0-9]{1,15}", item):
            mixed[key] = int(item)
        else:
            mixed[key] = mix_types_deep(item)
    return mixed


def hostile_links_deep(value: object, links: Iterator[str]) -> object:
    """Every ``url`` and ``fileurl`` replaced by the next hostile link."""
    if isinstance(value, list):
        return [hostile_links_deep(item, links) for item in value]
    if not isinstance(value, dict):
        return value
    return {
        key: next(links) if key in ("url", "fileurl") else hostile_links_deep(item, links)
        for key, item in value.items()
    }


def _tampered_lookup(data_json: str) -> str:
    """The answer with one amount (or a name) in its first element changed after signing."""
    value = json.loads(data_json)
    first = value[0] if isinstance(value, list) and value else value
    if isinstance(first, dict):
        info = first.get("PaymentInfo")
        if "invoiceid_real" in first:
            first.update(json.loads(_tampered(php_json_bytes(first))))
        elif isinstance(info, dict):
            info["balancedue"] = "1"
        else:
            first["name"] = "Mallory"
    return php_json_encode(value)
