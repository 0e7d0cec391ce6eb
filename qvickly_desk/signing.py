"""The Qvickly signature: HMAC-SHA512 over PHP's ``json_encode`` of ``data``.

The service signs and checks the bytes that PHP's ``json_encode`` (default flags) produces, so
Python's ``json.dumps`` is not enough: floats, slashes, non-ASCII text and PHP's array semantics all
differ. This module reproduces those bytes exactly; tests hold it against real PHP.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from collections.abc import Mapping, Sequence

__all__ = ["php_json_encode", "sign", "signature_matches"]

_SHORT_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "/": "\\/",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
}

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


def sign(data: object, secret: str) -> str:
    """The lowercase hex HMAC-SHA512 the service expects for ``data``."""
    message = php_json_encode(data).encode("ascii")
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha512).hexdigest()


def signature_matches(data: object, secret: str, signature: object) -> bool:
    """Whether ``signature`` is the service's signature of ``data``, compared in constant time."""
    if not isinstance(signature, str) or not signature:
        return False
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
        parts.append(_encode_string(value))
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
    out = ['"']
    for char in text:
        escaped = _SHORT_ESCAPES.get(char)
        if escaped is not None:
            out.append(escaped)
            continue
        code = ord(char)
        if 0x20 <= code < 0x80:  # printable ASCII and DEL are written as they are
            out.append(char)
        elif code < 0x20:
            out.append(f"\\u{code:04x}")
        elif 0xD800 <= code <= 0xDFFF:
            raise ValueError("text holds an unpaired surrogate, which is not valid UTF-8")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
    out.append('"')
    return "".join(out)


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
