"""Sort keys and the widest texts of a table column, worked out over up to 100,000 values.

Each is called once per distinct value where a value has to be formatted, and the per-row work is
left to C (``map``, ``dict.fromkeys``, ``itertools.compress``): a Python loop over 100,000 rows
per column was most of the time it took to prepare a large answer.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from decimal import Decimal
from itertools import compress, count
from operator import itemgetter
from typing import Any, TypeVar, cast

__all__ = [
    "WIDEST_CANDIDATES",
    "keys_by_value",
    "number_keys",
    "text_key",
    "widest_amount_positions",
    "widest_positions",
]

# How many of a column's longest distinct texts are measured when the columns are fitted: the
# longest in characters is not always the widest in pixels ("WWW" against "1111").
WIDEST_CANDIDATES = 12

# Qt stores small Python ints as 32-bit; bigger invoice numbers get the text key instead.
_INT_KEY_LIMIT = 2**31
_DIGIT_RUN = re.compile(r"\d+", re.ASCII)
# Code-point order puts "ä" before "å"; Swedish puts "å" first. Swapping the two in the sort key
# gives Swedish order for å, ä, ö (all after z) without a slower locale-aware compare.
_SWEDISH_ORDER = str.maketrans("åä", "äå")

_Value = TypeVar("_Value", bound=Hashable)


def widest_positions(
    values: list[_Value],
    shown: Callable[[_Value], str] | None,
    candidates: Iterable[_Value] | None = None,
) -> tuple[int, ...]:
    """Positions of the longest distinct texts that ``values`` are shown as (the first place each
    occurs), longest first; among texts of one length, the one that comes first in ``values``.
    ``shown`` None: the values are their texts. ``candidates``, in the order they first occur,
    limits which values are formatted."""
    distinct = dict.fromkeys(values) if candidates is None else candidates
    if shown is None:  # the values are the texts
        chosen: list[Any] = _longest(cast("Iterable[str]", distinct))
    else:
        first_value: dict[str, _Value] = {}
        for value in distinct:
            first_value.setdefault(shown(value), value)
        chosen = [first_value[text] for text in _longest(first_value)]
    # Where each chosen value first occurs, in one scan made in C that stops once all are found.
    wanted = set(chosen)
    first_place: dict[_Value, int] = {}
    for position in compress(count(), map(wanted.__contains__, values)):
        first_place.setdefault(values[position], position)
        if len(first_place) == len(wanted):
            break
    return tuple(first_place[value] for value in chosen)


def widest_amount_positions(
    amounts: Sequence[Decimal], shown: Callable[[Decimal], str]
) -> tuple[int, ...]:
    """As ``widest_positions`` for amounts, looking only at the ``WIDEST_CANDIDATES`` largest
    and most negative (a minus is one character more), where the longest texts are.

    Found without hashing the amounts: a Decimal's first hash costs 0.6 µs, 60 ms a column at
    100,000 invoices, before the distinct values are even ranked; the two heaps take 25-30 ms.
    An amount that repeats takes one place per time among them, so fewer distinct ones may be
    looked at; of each, its first place counts (the heaps rank an earlier place of an equal
    amount first).
    """
    count_ = len(amounts)
    first_place: dict[Decimal, int] = {}
    for amount, place in heapq.nlargest(
        WIDEST_CANDIDATES, zip(amounts, range(0, -count_, -1), strict=True)
    ):
        first_place.setdefault(amount, -place)
    for amount, place in heapq.nsmallest(
        WIDEST_CANDIDATES, zip(amounts, range(count_), strict=True)
    ):
        first_place.setdefault(amount, place)
    place_of_text: dict[str, int] = {}
    for amount, place in sorted(first_place.items(), key=itemgetter(1)):
        place_of_text.setdefault(shown(amount), place)
    return tuple(place_of_text[text] for text in _longest(place_of_text))


def _longest(texts: Iterable[str]) -> list[str]:
    """The longest ``WIDEST_CANDIDATES`` of ``texts``, longest first, in their order among
    equals (a stable sort: of 100,000 numbers much like each other, faster than a heap)."""
    return sorted(texts, key=len, reverse=True)[:WIDEST_CANDIDATES]


def keys_by_value(values: list[_Value], key_of: Callable[[_Value], Any]) -> list[Any]:
    """Per value its key, ``key_of`` called once per distinct value (the rest is done in C)."""
    keys = {value: key_of(value) for value in dict.fromkeys(values)}
    return list(map(keys.__getitem__, values))


def number_keys(numbers: Sequence[str]) -> list[int] | list[str]:
    """Sort keys for invoice numbers, all of one type so that like is compared with like.

    Ints when every number is digits that fit Qt's int; otherwise text in which each run of
    digits is zero-padded to the longest run, so "9" still sorts before "10" and "A9" before "A10".
    """
    # The length check comes first: int() refuses a digit string of over 4,300 digits, and
    # 2**31 has ten. Checked in C over all the numbers at once (a generator took 30 ms).
    lengths = list(map(len, numbers))
    short = bool(lengths) and min(lengths) > 0 and max(lengths) <= 10
    joined = "".join(numbers) if short else ""
    if short and joined.isascii() and joined.isdigit():
        keys = list(map(int, numbers))
        if max(keys) < _INT_KEY_LIMIT:
            return keys
    width = max((len(run) for number in numbers for run in _DIGIT_RUN.findall(number)), default=0)

    def pad(match: re.Match[str]) -> str:
        return match[0].rjust(width, "0")

    return [_DIGIT_RUN.sub(pad, number.casefold()) for number in numbers]


def text_key(text: str) -> str:
    """A text's sort key: case-folded, in Swedish alphabetical order."""
    return text.casefold().translate(_SWEDISH_ORDER)
