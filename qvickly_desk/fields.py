"""Tolerant readers for the leaves of the service's invoice objects and customer records.

The service sends any number as an int, a float or a string, and a missing key, ``""`` and
``null`` all mean "empty". Each reader takes the value and the field's path (for the problem it
reports) and returns the value or None for "empty"; what cannot be read raises
:class:`FieldProblem`, whose text names the field and the problem, never the value, so that it
can be logged. Text is capped: everything here was typed by a customer or a shop.
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal

from qvickly_desk.pno import IdentityNumber, InvalidIdentityNumber, parse_identity_number

__all__ = [
    "MAX_TEXT",
    "MAX_URL",
    "FieldProblem",
    "child",
    "decimal_number",
    "identity",
    "iso_date",
    "ore_to_units",
    "text",
]

MAX_TEXT = 1_000  # a name, an address line, a reference
MAX_URL = 2_000
_MAX_NUMBER_TEXT = 40
_LIMIT = Decimal(10) ** 17  # öre; far beyond any invoice, short of silly numbers
_NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)
_NO_DATE = frozenset({"", "0000-00-00", "0000-00-00 00:00:00"})


class FieldProblem(ValueError):
    """A field that is present but cannot be read; the text names the field, never its value."""


def kind_of(value: object) -> str:
    """The JSON name of a value's type, for reasons that must not quote the value itself."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float | Decimal):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def child(block: object, key: str) -> dict[str, object]:
    """``block[key]`` when it is an object; ``{}`` for a missing key, ``""``, a list or null."""
    if not isinstance(block, dict):
        return {}
    value = block.get(key)
    return value if isinstance(value, dict) else {}


def text(value: object, path: str, limit: int = MAX_TEXT) -> str:
    """Stripped text, whole numbers as their digits, empty as ""; at most ``limit`` characters."""
    if isinstance(value, str):
        return value.strip()[:limit]
    if value is None or value == []:
        return ""
    if isinstance(value, bool):
        raise FieldProblem(f"{path}: expected text, got boolean")
    if isinstance(value, int):
        return str(value)[:limit]
    if isinstance(value, float) and math.isfinite(value):
        return (str(int(value)) if value.is_integer() else repr(value))[:limit]
    raise FieldProblem(f"{path}: expected text, got {kind_of(value)}")


def decimal_number(value: object, path: str) -> Decimal | None:
    """A plain decimal (a quantity, a percent): "3.5", 25, -1.0; empty as None. Exact."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise FieldProblem(f"{path}: expected a number, got boolean")
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise FieldProblem(f"{path}: not a finite number")
        number = Decimal(repr(value))  # 0.1 stays 0.1, not the binary float's expansion
    elif isinstance(value, str):
        stripped = value.strip()
        if not stripped:
            return None
        if "," in stripped and "." not in stripped and stripped.count(",") == 1:
            stripped = stripped.replace(",", ".")  # a decimal comma
        if len(stripped) > _MAX_NUMBER_TEXT or _NUMBER_RE.fullmatch(stripped) is None:
            raise FieldProblem(f"{path}: not a number")
        number = Decimal(stripped)
    else:
        raise FieldProblem(f"{path}: expected a number, got {kind_of(value)}")
    if not -_LIMIT < number < _LIMIT:
        raise FieldProblem(f"{path}: number out of range")
    return number


def ore_to_units(value: object, path: str = "amount") -> Decimal | None:
    """An amount sent in 1/100 of the currency ("231700", 231700) as currency units (2317.00).

    Exact: the digits are moved two places, nothing is rounded or guessed from the magnitude.
    Empty is None (not zero: "the answer does not say" is not "nothing is due").
    """
    number = decimal_number(value, path)
    if number is None:
        return None
    return number.scaleb(-2)


def iso_date(value: object, path: str) -> date | None:
    """A ``YYYY-MM-DD`` date (a time after it is ignored); empty and "0000-00-00" as None.

    An impossible date ("2023-12-59") raises :class:`FieldProblem`: it is reported, never
    guessed at.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise FieldProblem(f"{path}: expected a date, got {kind_of(value)}")
    stripped = value.strip()
    if stripped in _NO_DATE or stripped.startswith("0000-00-00"):
        return None
    head = stripped[:10]
    rest = stripped[10:]
    if len(head) != 10 or head[4] != "-" or head[7] != "-" or (rest and rest[0] not in " T"):
        raise FieldProblem(f"{path}: not a date in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(head)
    except ValueError:
        raise FieldProblem(f"{path}: not a possible date") from None


def identity(value: object, today: date | None = None) -> IdentityNumber | None:
    """An identity number in any form the service sends; None for empty, zeros or invalid."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or len(value) > _MAX_NUMBER_TEXT:
        return None
    digits = value.strip()
    if not digits or set(digits.replace("-", "").replace("+", "")) <= {"0"}:
        return None
    try:
        return parse_identity_number(digits, today)
    except InvalidIdentityNumber:
        return None
