"""What-if versions of the costliest functions, measured beside the shipped ones.

None of this is used by the product. Each function here is a proposal for a file owned by
someone else, kept small enough to read, so that the README can say what a change would save
instead of guessing. Each keeps the shipped function's contract for the inputs measured.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TextIO

from qvickly_desk import invoices as invoices_module
from qvickly_desk.client import verify_answer
from qvickly_desk.invoices import Invoice

__all__ = ["fast_invoice_constructor", "verify_signed_bytes", "write_json_one_row_per_line"]


# -- output.write_json: one C-encoded line per invoice, written at once ---------------------------

_encode = json.JSONEncoder(ensure_ascii=False).encode


def write_json_one_row_per_line(invoices: Sequence[Invoice], out: TextIO, language: str) -> None:
    """Valid JSON, one invoice per line, through json's C encoder and a single write.

    ``json.dump(..., indent=2)`` runs the pure-Python encoder and calls ``out.write`` once per
    token (190,000 times for 3,000 invoices), which is slow on a pipe.
    """
    if not invoices:
        out.write("[]\n")
        return
    out.write("[\n" + ",\n".join("  " + _encode(i.to_api_dict()) for i in invoices) + "\n]\n")


# -- client.verify_answer: check the HMAC over the bytes as received ------------------------------

_decoder = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


def _members(text: str) -> dict[str, tuple[int, int, object]] | None:
    """The top-level members of a JSON object: key -> (start, end, value); None if not one."""
    position = _SPACE.match(text, 0).end()  # type: ignore[union-attr]
    if text[position : position + 1] != "{":
        return None
    position = _SPACE.match(text, position + 1).end()  # type: ignore[union-attr]
    members: dict[str, tuple[int, int, object]] = {}
    if text[position : position + 1] == "}":
        return members
    while True:
        key, position = _decoder.raw_decode(text, position)
        position = _SPACE.match(text, position).end()  # type: ignore[union-attr]
        if not isinstance(key, str) or text[position : position + 1] != ":":
            return None
        start = _SPACE.match(text, position + 1).end()  # type: ignore[union-attr]
        value, end = _decoder.raw_decode(text, start)
        members[key] = (start, end, value)
        position = _SPACE.match(text, end).end()  # type: ignore[union-attr]
        separator = text[position : position + 1]
        if separator == "}":
            return members
        if separator != ",":
            return None
        position = _SPACE.match(text, position + 1).end()  # type: ignore[union-attr]


def verify_signed_bytes(body: bytes | bytearray, secret: str) -> tuple[object, str | None]:
    """``verify_answer``, but an invoice list is checked on the bytes the service signed.

    The service signs ``json_encode($data)`` and sends the same encoding inside its answer, so
    the HMAC of that slice of the body matches without re-encoding anything in Python. The data
    returned is parsed from exactly those bytes. Anything else (error answers, another encoding
    of the same data) goes through ``verify_answer`` as today.
    """
    try:
        text = bytes(body).decode("utf-8")
        members = _members(text)
    except (ValueError, RecursionError):
        members = None
    if members is not None and "data" in members and isinstance(members["data"][2], list):
        start, end, data = members["data"]
        credentials = members.get("credentials", (0, 0, None))[2]
        signature = credentials.get("hash") if isinstance(credentials, dict) else None
        if isinstance(signature, str) and signature:
            expected = hmac.new(
                secret.encode("utf-8"), text[start:end].encode("utf-8"), hashlib.sha512
            ).hexdigest()
            if hmac.compare_digest(expected, signature.strip().lower()):
                logid = credentials.get("logid")  # type: ignore[union-attr]
                return data, None if logid in (None, "") else str(logid)
    return verify_answer(body, secret)


# -- invoices.Invoice: the same frozen dataclass, built without its frozen __init__ -------------


def fast_invoice_constructor() -> Callable[..., Invoice]:
    """A keyword-only constructor that fills the slots directly.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, about
    three times the cost of setting the slots through their descriptors; the object is the same
    frozen ``Invoice`` afterwards.
    """
    names = [field.name for field in dataclasses.fields(Invoice)]
    namespace: dict[str, object] = {"new": object.__new__, "cls": Invoice}
    for name in names:
        namespace[f"set_{name}"] = Invoice.__dict__[name].__set__
    lines = [f"def make(*, {', '.join(names)}):", "    self = new(cls)"]
    lines += [f"    set_{name}(self, {name})" for name in names]
    lines.append("    return self")
    exec("\n".join(lines), namespace)
    return namespace["make"]  # type: ignore[return-value]


@contextmanager
def fast_invoices_in_parse() -> Iterator[None]:
    """``parse_invoices`` with :func:`fast_invoice_constructor` in place of ``Invoice(...)``."""
    original = invoices_module.Invoice
    invoices_module.Invoice = fast_invoice_constructor()  # type: ignore[misc,assignment]
    try:
        yield
    finally:
        invoices_module.Invoice = original  # type: ignore[misc]
