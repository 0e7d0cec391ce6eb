"""Checking a Qvickly answer: its signature over the bytes as sent, and its error shapes.

One entry point, :func:`verify_answer`, for every function the desk calls and for anything that
forwards raw calls: invoice data is returned only when its signature matches; an error answer is
reported even unsigned (with a wrong key no signature can match, and an error carries no
invoice data), including the unsigned top-level ``{"code", "message"}`` the service sometimes
sends. "No such invoice" (5201, 6010) comes out as its own error type.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import re
import threading
from collections.abc import Callable
from typing import Any

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


def verify_answer(
    body: bytes | bytearray, secret: str, data_type: object = None
) -> tuple[object, str | None]:
    """The answer's ``data`` and log id, once its signature is checked against ``secret``.

    ``data_type``, when given, is a type msgspec may decode ``data`` into directly (such as
    :data:`~qvickly_desk.invoices.ROWS_TYPE`); a ``data`` that does not fit it is decoded as
    plain JSON values, as without it.

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
    digest = _DataDigest(body, secret)
    try:
        with collector_paused():  # decoding a large answer makes millions of objects, no cycles
            answer, data_span = _parse_answer(body, data_type, digest.begin)
        return _checked(answer, data_span, digest, secret, data_type)
    finally:
        digest.close()


def _checked(
    answer: object,
    data_span: tuple[int, int] | None,
    digest: _DataDigest,
    secret: str,
    data_type: object,
) -> tuple[object, str | None]:
    """``verify_answer`` once the answer is decoded."""
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
        if digest.matches(data_span, signature):
            return data, logid
        if data_type is not None:  # encoded again below, which takes plain JSON values
            data = digest.decoded(data_span)
    try:
        matches = signature_matches(data, secret, signature)
    except RecursionError:
        raise _too_deep() from None
    if not matches:
        raise SignatureError(logid=logid)
    return data, logid


class _DataDigest:
    """The HMAC-SHA512 of a slice of the answer (its ``data``), made while that slice is
    decoded: hashlib lets go of the interpreter, so on a second core the 75 ms it takes at
    100,000 invoices are no longer added to the decoding's 200. Small answers are hashed on
    the calling thread, where a thread would cost more than it saves."""

    def __init__(self, body: bytes | bytearray, secret: str) -> None:
        self._body = body
        self._secret = secret
        self._span: tuple[int, int] | None = None
        self._hexdigest = ""
        self._failure: Exception | None = None  # from the hashing thread, raised here
        self._thread: threading.Thread | None = None

    def begin(self, start: int, end: int) -> None:
        """Start hashing ``body[start:end]``, about to be decoded."""
        self._span = (start, end)
        if end - start >= _YIELDING_SIZE:
            self._thread = threading.Thread(
                target=self._hash_aside, name="answer-digest", daemon=True
            )
            self._thread.start()

    def matches(self, span: tuple[int, int], signature: str) -> bool:
        """Whether ``signature`` is the HMAC of ``body`` over ``span``."""
        self.close()
        if span != self._span or not self._hexdigest:
            self._span, self._failure = span, None
            self._hash()
        if self._failure is not None:
            raise self._failure
        return hmac.compare_digest(self._hexdigest, signature.strip().lower())

    def decoded(self, span: tuple[int, int]) -> object:
        """``body`` over ``span`` decoded into plain JSON values."""
        with memoryview(self._body) as view:
            return _fast_decode(view[span[0] : span[1]])

    def close(self) -> None:
        """Wait for the hashing thread, if any, so that ``body`` is no longer read."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _hash_aside(self) -> None:
        try:
            self._hash()
        except Exception as failure:  # raised on the calling thread instead
            self._failure = failure

    def _hash(self) -> None:
        assert self._span is not None
        start, end = self._span
        with memoryview(self._body) as view:
            key = self._secret.encode("utf-8")
            self._hexdigest = hmac.new(key, view[start:end], hashlib.sha512).hexdigest()


def _parse_answer(
    body: bytes | bytearray,
    data_type: object = None,
    on_data: Callable[[int, int], None] | None = None,
) -> tuple[object, tuple[int, int] | None]:
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
            members = _ascii_members(
                body, _yielding_decoder if large else _decoder, data_type, on_data
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
_HEAD_BYTES = 64 * 1024  # what comes before a last ``data``: the credentials, some 200 bytes
_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace, exactly
_SPACE_BYTES = frozenset(b" \t\n\r")
_CLOSING_BRACE = ord("}")
_MAX_REFERENCE = 64  # characters of a code or log id kept; real ones have a handful


def _ascii_members(
    body: bytes | bytearray,
    decoder: json.JSONDecoder,
    data_type: object,
    on_data: Callable[[int, int], None] | None,
) -> dict[str, tuple[object, int, int]] | None:
    """``_top_level_members`` of an ASCII ``body``, read as text from its head only where
    that is enough: when ``data`` is the last member (as the service sends it, after the
    credentials), only what comes before it is read as text. A 40 MB answer is then never
    copied into a 40 MB string (25-50 ms). Otherwise the whole body is read as text."""
    tried_last = False

    def found_data(start: int, end: int) -> None:
        nonlocal tried_last
        tried_last = True
        if on_data is not None:
            on_data(start, end)

    if len(body) > _HEAD_BYTES:
        head = body[:_HEAD_BYTES].decode("ascii")
        try:
            members = _top_level_members(head, decoder, body, data_type, found_data, whole=False)
        except (ValueError, RecursionError):
            members = None  # perhaps only cut short by the head's end: read all of it below
        if members is not None:
            return members
    # A last ``data`` that msgspec refused once is not tried again.
    text = body.decode("ascii")
    return _top_level_members(text, decoder, None if tried_last else body, data_type, found_data)


def _top_level_members(
    text: str,
    decoder: json.JSONDecoder = _decoder,
    body: bytes | bytearray | None = None,
    data_type: object = None,
    on_data: Callable[[int, int], None] | None = None,
    whole: bool = True,
) -> dict[str, tuple[object, int, int]] | None:
    """``{key: (value, start, end)}`` for the members of the JSON object ``text``.

    Each value is decoded where it stands, so ``text[start:end]`` is exactly the JSON that
    gave it. None when ``text`` is not a single JSON object or repeats a key; ``ValueError``
    when it is not valid JSON. ``body``, when given, is ``text`` in ASCII bytes: a last ``data``
    member is then decoded from it by msgspec, into ``data_type`` where it fits, with
    ``on_data(start, end)`` told where it lies first. ``whole`` False: ``text`` is only the
    head of ``body``, and members are given only for a last ``data`` decoded that way.
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
        if start >= len(text) and not whole:
            return None  # the head ends before the value begins
        last = None
        if key == "data" and body is not None:
            last = _last_data(body, start, decoder is not _decoder, data_type, on_data)
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
    else:
        if not whole:  # the object ended, or seemed to, before the head did
            return None
    if _skip_space(text, position) != len(text):  # anything after the object
        return None
    return members


def _last_data(
    body: bytes | bytearray,
    start: int,
    in_slices: bool = False,
    data_type: object = None,
    on_data: Callable[[int, int], None] | None = None,
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
    if on_data is not None:
        on_data(start, end)
    decodes = [_fast_decode] if data_type is None else [_typed_decoder(data_type), _fast_decode]
    for decode in decodes:
        try:
            if in_slices and body[start : start + 1] == b"[":
                return _list_in_slices(body, start, end, decode), start, end
            with memoryview(body) as view:  # decoded where it lies: no copy of 40 MB to make
                return decode(view[start:end]), start, end
        except msgspec.ValidationError:
            continue  # valid JSON that does not fit ``data_type``: decoded plain next
        except (msgspec.DecodeError, RecursionError):
            return None
    return None


@functools.cache
def _typed_decoder(data_type: object) -> Callable[[bytes | memoryview], object]:
    return msgspec.json.Decoder(data_type).decode


def _before_space(body: bytes | bytearray, end: int) -> int:
    """Where the JSON whitespace that ends at ``end`` begins."""
    while end and body[end - 1] in _SPACE_BYTES:
        end -= 1
    return end


def _list_in_slices(
    body: bytes | bytearray,
    start: int,
    end: int,
    decode: Callable[[bytes | memoryview], Any] = _fast_decode,
) -> list[object]:
    """The JSON list ``body[start:end]`` decoded by msgspec some rows at a time;
    ``DecodeError`` if any slice is not valid JSON.

    Slices end where one object ends and the next begins: ``},{"``. Those four bytes can also
    close a string (a name ending in ``},{``), but then the slice before them ends inside that
    string and fails to decode; when every slice decodes, each cut lay between two rows, and
    the rows are exactly those of the whole list. Between slices other threads get the
    interpreter, which msgspec, like ``json``, holds while it decodes.
    """
    rows: list[object] = []
    first = start + 1  # where the slice's first row starts: after "[" or ","
    last = end - 1  # the closing "]"
    with memoryview(body) as view:
        while True:
            cut = body.find(b'},{"', first + _SLICE_BYTES, last)
            if cut < 0:
                rows += decode(b"".join((b"[", view[first:last], b"]")))
                return rows
            rows += decode(b"".join((b"[", view[first : cut + 1], b"]")))
            first = cut + 2


def _skip_space(text: str, position: int) -> int:
    """The first position from ``position`` on that is not JSON whitespace."""
    space = _SPACE.match(text, position)
    return space.end() if space is not None else position


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
