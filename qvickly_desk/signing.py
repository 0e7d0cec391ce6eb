"""The Qvickly signature: HMAC-SHA512 over PHP's ``json_encode`` of ``data``.

The service signs and checks the bytes that PHP's ``json_encode`` (default flags) produces, so
Python's ``json.dumps`` is not enough: floats, slashes, non-ASCII text and PHP's array semantics all
differ. This module reproduces those bytes exactly; tests hold it against real PHP.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
from collections.abc import Mapping, Sequence

__all__ = ["php_json_encode", "sign", "signature_matches"]

# With ASCII escapes, the C encoder of ``json`` writes strings, ints, bools and null exactly as PHP
# does (lowercase \uXXXX, surrogate pairs) but for ``/``, which PHP escapes, and DEL, which it
# does not.
_DEL = "\x7f"
_dumps = json.JSONEncoder(
    ensure_ascii=True, separators=(",", ":"), check_circular=False, allow_nan=False
).encode
_INTEGER_KEY = re.compile(r"-?(?:0|[1-9][0-9]*)")

# PHP prints floats with serialize_precision -1 through zend_gcvt(value, 17, ...): fixed notation
# while the decimal point falls within 17 digits and not before 0.0001, exponent notation otherwise.
_PHP_FLOAT_PRECISION = 17
_PHP_FLOAT_MIN_POINT = -3


def php_json_encode(value: object) -> str:
    """Encode ``value`` as PHP's ``json_encode($value)`` would, after PHP decoded it to arrays.

    Raises ``ValueError`` for what PHP cannot encode (NaN, infinity, unpaired surrogates) and
    ``TypeError`` for types JSON does not know.
    """
    parts: list[str] = []
    _encode(value, parts)
    return "".join(parts)


def php_json_bytes(value: object) -> bytes:
    """``php_json_encode(value)`` as the bytes that are sent and signed: ASCII, since
    ``json_encode`` escapes every other character."""
    return php_json_encode(value).encode("ascii")


def sign(data: object, secret: str) -> str:
    """The lowercase hex HMAC-SHA512 the service expects for ``data``."""
    message = php_json_bytes(data)
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha512).hexdigest()


def signature_matches(data: object, secret: str, signature: object) -> bool:
    """Whether ``signature`` is the service's signature of ``data``, compared in constant time."""
    if not isinstance(signature, str) or not signature or not signature.isascii():
        return False  # compare_digest refuses non-ASCII text; no hex digest holds any
    try:
        expected = sign(data, secret)
    except (TypeError, ValueError):
        return False
    return hmac.compare_digest(expected, signature.strip().lower())


def _encode(value: object, parts: list[str]) -> None:
    if value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif isinstance(value, str):
        parts.append(_encode_string(str(value)))
    elif isinstance(value, int):
        parts.append(str(int(value)))
    elif isinstance(value, float):
        parts.append(_encode_float(value))
    elif isinstance(value, Mapping):
        _encode_mapping(value, parts)
    elif isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        _encode_list(value, parts)
    else:
        raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def _encode_list(items: Sequence[object], parts: list[str]) -> None:
    parts.append("[")
    for index, item in enumerate(items):
        if index:
            parts.append(",")
        _encode(item, parts)
    parts.append("]")


def _encode_mapping(mapping: Mapping[object, object], parts: list[str]) -> None:
    # PHP decodes objects into arrays: "0", "1", ... become integer keys, and an array whose keys
    # are exactly 0..n-1 in order (the empty one included) is encoded as a list again.
    if mapping:
        flat = _encode_flat_mapping(mapping)
        if flat is not None:
            parts.append(flat)
            return
    keys = [_php_key(key) for key in mapping]
    if keys == list(range(len(keys))):
        _encode_list(list(mapping.values()), parts)
        return
    parts.append("{")
    for index, (key, item) in enumerate(zip(keys, mapping.values(), strict=True)):
        if index:
            parts.append(",")
        parts.append(_encode_string(str(key)))
        parts.append(":")
        _encode(item, parts)
    parts.append("}")


def _php_key(key: object) -> int | str:
    """The key PHP stores: decimal integer strings become ints, as PHP arrays do."""
    if isinstance(key, bool):
        return int(key)
    if isinstance(key, int):
        return key
    if not isinstance(key, str):
        raise TypeError(f"cannot use {type(key).__name__} as a JSON key")
    if key == "0" or (key[:1] in "123456789" and key.isdigit() and key.isascii()):
        number = int(key)
        if number <= 2**63 - 1:
            return number
    if key.startswith("-") and key[1:2] in "123456789" and key[1:].isdigit() and key.isascii():
        number = int(key)
        if number >= -(2**63):
            return number
    return key


def _encode_string(text: str) -> str:
    if not text.isascii():
        _refuse_surrogates(text)
    if _DEL in text:  # json escapes DEL, PHP writes it as it is
        inner = _DEL.join(_dumps(part)[1:-1] for part in text.split(_DEL))
        return ('"' + inner + '"').replace("/", "\\/")
    return _dumps(text).replace("/", "\\/")


def _refuse_surrogates(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text holds an unpaired surrogate, which is not valid UTF-8") from None


def _encode_flat_mapping(mapping: Mapping[object, object]) -> str | None:
    """A mapping of plain keys to scalars in one call of the C encoder; None if it cannot be.

    Answers hold thousands of flat invoice rows, so this is what makes checking a large answer's
    signature fast. Floats print differently in PHP: each is swapped for a marker string, then
    PHP's form is put back.
    """
    floats: dict[str, str] = {}
    for key, value in mapping.items():
        if type(key) is not str or _INTEGER_KEY.fullmatch(key):
            return None
        if type(value) is str:
            if not value.isascii():
                _refuse_surrogates(value)
            if _DEL in value:
                return None
        elif type(value) is float:
            floats[key] = _encode_float(value)
        elif value is not None and type(value) is not int and type(value) is not bool:
            return None
        if not key.isascii():
            _refuse_surrogates(key)
        if _DEL in key:
            return None
    if not floats:
        return _dumps(mapping).replace("/", "\\/")
    marker = "\x00qvickly-float\x00"
    if any(type(value) is str and marker in value for value in mapping.values()):
        return None
    swapped = {key: marker + key if key in floats else value for key, value in mapping.items()}
    text = _dumps(swapped).replace("/", "\\/")
    for key, number in floats.items():
        text = text.replace(_encode_string(marker + key), number, 1)
    return text


def _encode_float(number: float) -> str:
    if math.isnan(number) or math.isinf(number):
        raise ValueError("PHP cannot encode NaN or infinity")
    if number == 0:
        return "-0" if math.copysign(1.0, number) < 0 else "0"
    sign_text = "-" if number < 0 else ""
    digits, point = _shortest_digits(abs(number))
    if point < _PHP_FLOAT_MIN_POINT or point > _PHP_FLOAT_PRECISION:
        exponent = point - 1
        mantissa = digits[0] + "." + (digits[1:] or "0")
        return f"{sign_text}{mantissa}e{'+' if exponent >= 0 else '-'}{abs(exponent)}"
    if point <= 0:
        return f"{sign_text}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return sign_text + digits + "0" * (point - len(digits))
    return f"{sign_text}{digits[:point]}.{digits[point:]}"


def _shortest_digits(number: float) -> tuple[str, int]:
    """The shortest round-trip digits of a positive float and where the decimal point goes.

    ``number == 0.DIGITS * 10**point``; Python's repr already finds the shortest digits.
    """
    mantissa, _, exponent_text = repr(number).partition("e")
    exponent = int(exponent_text) if exponent_text else 0
    whole, _, fraction = mantissa.partition(".")
    if fraction == "0":
        fraction = ""
    digits = whole + fraction
    point = len(whole) + exponent
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    return stripped.rstrip("0") or "0", point
