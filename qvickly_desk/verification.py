"""Checking a Qvickly answer: its signature over the bytes as sent, and its error shapes.

One entry point, :func:`verify_answer`, for every function the desk calls and for anything that
forwards raw calls: invoice data is returned only when its signature matches; an error answer is
reported even unsigned (with a wrong key no signature can match, and an error carries no
invoice data), including the unsigned top-level ``{"code", "message"}`` the service sometimes
sends. "No such invoice" (5201, 6010) comes out as its own error type.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re

import msgspec

from qvickly_desk.collector import collector_paused
from qvickly_desk.errors import (
    AuthenticationError,
    BadAnswerError,
    InvoiceNotFoundError,
    QvicklyError,
    ServiceError,
    SignatureError,
)
from qvickly_desk.signing import signature_matches
from qvickly_desk.text import safe_text

__all__ = ["verify_answer"]


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
    if not body or body.isspace():  # not strip(): that would copy a large answer
        raise BadAnswerError(en="the answer was empty", sv="svaret var tomt")
    with collector_paused():  # decoding a large answer makes millions of objects, no cycles
        answer, data_span = _parse_answer(body)
    if not isinstance(answer, dict):
        raise BadAnswerError(en="the answer has the wrong shape", sv="svaret har fel form")
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
        raise BadAnswerError(en="the answer holds no data", sv="svaret innehåller inga data")
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

    A ``data`` that is the answer's last member (as the service sends it) is decoded by msgspec,
    twice as fast as ``json``; see ``_last_data``. Above ``_YIELDING_SIZE`` a list
    is decoded a slice of rows at a time, so that the window's thread gets the interpreter in
    between.
    """
    large = len(body) > _YIELDING_SIZE  # decoded letting the window's thread in between
    if body.isascii():
        try:
            members = _top_level_members(
                body.decode("ascii"), _yielding_decoder if large else _decoder, body
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
            en="the answer is not valid JSON, perhaps cut short",
            sv="svaret är inte giltig JSON, kanske avkortat",
        ) from None
    except RecursionError:
        raise _too_deep() from None


def _let_others_run(row: dict[str, object]) -> dict[str, object]:
    """An object hook that changes nothing: calling back into Python once per decoded object
    lets the interpreter hand the GIL to another thread, which ``json``'s decoder, all C,
    otherwise holds for the whole answer: 0.4 s with the window frozen at 100,000 invoices."""
    return row


_decoder = json.JSONDecoder()
# Integers of any size come back exact, as from json (orjson would make floats past 64 bits).
_fast_decode = msgspec.json.Decoder().decode
_yielding_decoder = json.JSONDecoder(object_hook=_let_others_run)
# Above this many bytes (some 10,000 invoices, 60 ms of decoding) the decoder lets the window's
# thread in between objects, for 15-30 % more decoding time; below, it decodes in one go.
_YIELDING_SIZE = 4 * 1024 * 1024
_SLICE_BYTES = 512 * 1024  # some 1,000 invoices, 3 ms of decoding
_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace, exactly
_SPACE_BYTES = frozenset(b" \t\n\r")
_CLOSING_BRACE = ord("}")
_MAX_REFERENCE = 64  # characters of a code or log id kept; real ones have a handful


def _top_level_members(
    text: str, decoder: json.JSONDecoder = _decoder, body: bytes | bytearray | None = None
) -> dict[str, tuple[object, int, int]] | None:
    """``{key: (value, start, end)}`` for the members of the JSON object ``text``.

    Each value is decoded where it stands, so ``text[start:end]`` is exactly the JSON that
    gave it. None when ``text`` is not a single JSON object or repeats a key; ``ValueError``
    when it is not valid JSON. ``body``, when given, is ``text`` in ASCII bytes: a last ``data``
    member is then decoded from it by msgspec.
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
        last = None
        if key == "data" and body is not None:
            last = _last_data(body, start, decoder is not _decoder)
        if last is not None:
            members[key] = last
            position = len(text)  # the object ends right after it
            break
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


def _last_data(
    body: bytes | bytearray, start: int, in_slices: bool = False
) -> tuple[object, int, int] | None:
    """``(value, start, end)`` if the value at ``start`` is the object's last member, decoded by
    msgspec; None if it is not, or if msgspec refuses it.

    The value then runs from ``start`` to the whitespace before the closing brace. If msgspec
    decodes exactly that text as one JSON value, any JSON reader sees that value there, ending
    there: a value's end follows from its start, and after it come only whitespace and the
    brace. What msgspec refuses but ``json`` accepts (lone surrogates, NaN, deep nesting) is
    left to ``json``, which decodes it as before. The positions are found without copying the
    answer.
    """
    closing = _before_space(body, len(body)) - 1
    if closing <= start or body[closing] != _CLOSING_BRACE:
        return None
    end = _before_space(body, closing)
    with memoryview(body) as view:
        value = bytes(view[start:end])  # one copy; a bytearray slice would make two
    try:
        if in_slices and value[:1] == b"[":
            return _list_in_slices(value), start, end
        return _fast_decode(value), start, end
    except (msgspec.DecodeError, RecursionError):
        return None


def _before_space(body: bytes | bytearray, end: int) -> int:
    """Where the JSON whitespace that ends at ``end`` begins."""
    while end and body[end - 1] in _SPACE_BYTES:
        end -= 1
    return end


def _list_in_slices(value: bytes) -> list[object]:
    """The JSON list ``value`` decoded by msgspec some rows at a time; ``DecodeError`` if any
    slice is not valid JSON.

    Slices end where one object ends and the next begins: ``},{"``. Those four bytes can also
    close a string (a name ending in ``},{``), but then the slice before them ends inside that
    string and fails to decode; when every slice decodes, each cut lay between two rows, and
    the rows are exactly those of the whole list. Between slices other threads get the
    interpreter, which msgspec, like ``json``, holds while it decodes.
    """
    rows: list[object] = []
    first = 1  # where the slice's first row starts: after "[" or ","
    last = len(value) - 1  # the closing "]"
    while True:
        cut = value.find(b'},{"', first + _SLICE_BYTES, last)
        if cut < 0:
            rows += _fast_decode(b"[" + value[first:last] + b"]")
            return rows
        rows += _fast_decode(b"[" + value[first : cut + 1] + b"]")
        first = cut + 2


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
    return BadAnswerError(en="the answer is nested too deeply", sv="svaret är för djupt nästlat")


def _service_error(block: object, logid: str | None) -> QvicklyError | None:
    if not isinstance(block, dict) or "code" not in block:
        return None
    code = _text_or_none(block.get("code")) or "?"
    message = block.get("message")
    message = safe_text(message) if isinstance(message, str) else ""
    logid = _text_or_none(block.get("logid")) or logid
    if code in AuthenticationError.CODES:
        return AuthenticationError(code, message, logid)
    if code in InvoiceNotFoundError.CODES:
        return InvoiceNotFoundError(code, message, logid)
    return ServiceError(code, message, logid)


def _text_or_none(value: object) -> str | None:
    if value is None or value == "" or isinstance(value, bool | dict | list):
        return None
    return safe_text(value, _MAX_REFERENCE)  # a code or log id: shown, printed and logged
