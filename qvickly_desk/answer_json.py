"""An answer's JSON decoded, and where its top-level members lie in the bytes as received.

The signature is checked over the answer's ``data`` exactly as sent, so the decoding has to say
where that member's bytes begin and end; :mod:`~qvickly_desk.verification` does the checking.
Large answers are decoded without copying them and letting other threads in between slices.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from typing import Any

import msgspec

from qvickly_desk.errors import BadAnswerError

__all__ = ["YIELDING_SIZE", "fast_decode", "parse_answer", "too_deep"]


def parse_answer(
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
    twice as fast as ``json``; see ``_last_data``. Above ``YIELDING_SIZE`` a list
    is decoded a slice of rows at a time, so that the window's thread gets the interpreter in
    between. ``data_type`` is the type such a ``data`` may be decoded into (plain values where it
    does not fit); ``on_data(start, end)`` is told where it lies just before it is decoded, so
    that its signature can be checked meanwhile.
    """
    large = len(body) > YIELDING_SIZE  # decoded letting the window's thread in between
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
        raise too_deep() from None


def _let_others_run(row: dict[str, object]) -> dict[str, object]:
    """An object hook that changes nothing: calling back into Python once per decoded object
    lets the interpreter hand the GIL to another thread, which ``json``'s decoder, all C,
    otherwise holds for the whole answer: 0.4 s with the window frozen at 100,000 invoices."""
    return row


_decoder = json.JSONDecoder()
# Integers of any size come back exact, as from json (orjson would make floats past 64 bits).
fast_decode = msgspec.json.Decoder().decode
_yielding_decoder = json.JSONDecoder(object_hook=_let_others_run)
# Above this many bytes (some 10,000 invoices, 60 ms of decoding) the decoder lets the window's
# thread in between objects, for 15-30 % more decoding time; below, it decodes in one go.
YIELDING_SIZE = 4 * 1024 * 1024
_SLICE_BYTES = 512 * 1024  # some 1,000 invoices, 3 ms of decoding
_HEAD_BYTES = 64 * 1024  # what comes before a last ``data``: the credentials, some 200 bytes
_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace, exactly
_SPACE_BYTES = frozenset(b" \t\n\r")
_CLOSING_BRACE = ord("}")


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
    decodes = [fast_decode] if data_type is None else [_typed_decoder(data_type), fast_decode]
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
    decode: Callable[[bytes | memoryview], Any] = fast_decode,
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


def too_deep() -> BadAnswerError:
    # No Qvickly answer is nested more than a few levels; this one could only exhaust the stack.
    return BadAnswerError(en="the answer is nested too deeply", sv="svaret är för djupt nästlat")
