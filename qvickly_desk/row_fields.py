"""The converters that read one field of an invoice-list row, whatever JSON type it came as.

The service "sometimes returns ints as strings and sometimes as numbers": each converter accepts
the shapes seen in practice and raises :class:`RowProblem` for the rest, naming the field and
the problem but never the value, so that a log recording it holds no customer data.
:mod:`~qvickly_desk.invoices` reads the common case, a string, inline and calls these for
everything else, which keeps 100,000 rows quick.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal, InvalidOperation

from qvickly_desk.fields import kind_of

__all__ = [
    "ID_INT_LIMIT",
    "RowProblem",
    "amount_field",
    "date_field",
    "own_copy",
    "raw_text_field",
    "text_field",
]

_ZERO = Decimal(0)
# Amounts are bounded so that rounding to cents can never exceed the context's precision and a
# hostile answer cannot make us build enormous numbers; no real invoice comes near this.
_AMOUNT_LIMIT = Decimal(10) ** 15
_INT_LIMIT = 10**15
ID_INT_LIMIT = 10**30
_MAX_AMOUNT_TEXT = 40
_SHORT_AMOUNT_TEXT = 15


class RowProblem(Exception):
    """Why one row could not be read; becomes a ``RowError`` and never leaves the parser."""

    number = ""  # the row's invoice number, once it has been read


def text_field(value: object, key: str) -> str:
    """A text or id field: strings stripped, whole numbers as their digits, missing/null as ""."""
    if isinstance(value, str):
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        raise RowProblem(f"{key}: expected text or a whole number, got boolean")
    if isinstance(value, int):
        if -ID_INT_LIMIT < value < ID_INT_LIMIT:
            return str(value)
        raise RowProblem(f"{key}: number out of range")
    if isinstance(value, float) and value.is_integer() and abs(value) < _INT_LIMIT:
        return str(int(value))
    raise RowProblem(f"{key}: expected text or a whole number, got {kind_of(value)}")


def raw_text_field(value: object, key: str) -> str:
    """A text field kept exactly as sent (the PDF link); missing/null as ""."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    raise RowProblem(f"{key}: expected text, got {kind_of(value)}")


def amount_field(value: object, key: str) -> Decimal:
    """An amount from "1249.50", "1249,50", 1000, 1000.5 or "" (zero), kept exact."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return _ZERO
        if len(text) > _MAX_AMOUNT_TEXT:
            raise RowProblem(f"{key}: amount too long")
        if "," in text:
            # A decimal comma, as a Swedish system may write it; never a thousands separator.
            if "." in text or text.count(",") != 1:
                raise RowProblem(f"{key}: not an amount")
            text = text.replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise RowProblem(f"{key}: not an amount") from None
        # What Decimal reads besides plain decimal notation: exponents, NaN and Infinity,
        # underscores and non-ASCII digits. Tested after it, as a third quicker than a pattern.
        if not text.isascii() or "e" in text or "E" in text or "_" in text:
            raise RowProblem(f"{key}: not an amount")
        if not amount.is_finite():
            raise RowProblem(f"{key}: not an amount")
        if len(text) <= _SHORT_AMOUNT_TEXT:  # too few digits to reach the limit
            return amount
    elif value is None:
        return _ZERO
    elif isinstance(value, bool):
        raise RowProblem(f"{key}: expected an amount, got boolean")
    elif isinstance(value, int):
        if not value:
            return _ZERO  # the balance of every paid invoice: one object for all of them
        if not -_INT_LIMIT < value < _INT_LIMIT:
            raise RowProblem(f"{key}: amount out of range")
        return Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise RowProblem(f"{key}: amount is not a finite number")
        # Through repr: 1000.1 becomes Decimal("1000.1"), not the binary float's long expansion.
        amount = Decimal(repr(value))
    elif isinstance(value, Decimal):  # from a JSON parser run with parse_float=Decimal
        if not value.is_finite():
            raise RowProblem(f"{key}: amount is not a finite number")
        amount = value
    else:
        raise RowProblem(f"{key}: expected an amount, got {kind_of(value)}")
    if not -_AMOUNT_LIMIT < amount < _AMOUNT_LIMIT:
        raise RowProblem(f"{key}: amount out of range")
    return amount


def _date_from_text(text: str) -> date | None:
    """A date, or None for "no date"; ``ValueError`` if not one."""
    text = text.strip()
    if not text or text == "0000-00-00":
        return None
    # The length check keeps out the other ISO forms fromisoformat accepts ("20240419", weeks).
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError("not YYYY-MM-DD")
    return date.fromisoformat(text)


def date_field(value: object, key: str, seen: dict[str, date | None]) -> date | None:
    """A ``YYYY-MM-DD`` date; "", "0000-00-00", null or missing mean no date. ``seen`` holds the
    dates this answer gave so far: a customer's invoices repeat a few hundred dates."""
    if isinstance(value, str):
        found = seen.get(value, _UNSEEN)
        if found is not _UNSEEN:
            return found  # type: ignore[return-value]  # a date or None, as stored below
        try:
            day = _date_from_text(value)
        except ValueError:
            raise RowProblem(f"{key}: not a date in the form YYYY-MM-DD") from None
        seen[own_copy(value)] = day
        return day
    if value is None:
        return None
    raise RowProblem(f"{key}: expected a date, got {kind_of(value)}")


_UNSEEN = object()


def own_copy(text: str) -> str:
    """A copy of ``text``, for a text an invoice keeps.

    The decoded answer's strings lie among its row objects, which are freed once the invoices
    are made. An invoice holding one of those strings would keep the allocator's whole arena of
    them in memory: at 100,000 invoices, about 1 KB per invoice more than the invoices hold.
    """
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass")
