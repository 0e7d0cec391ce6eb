"""What the one search field holds: an identity number, an invoice number, a customer number or a
name, checked before any call, and which of them a text looks like.

The agent picks the mode; the desk never picks it silently. ``better_mode`` only *suggests* one
(the window offers it as a one-key hint), and ``check_query`` refuses an invoice-number search
for text that is a valid personal or organisation number: those two are both plain digits, and
searching the one as the other would show a stranger's invoice or nothing at all.
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from qvickly_desk.errors import InvalidInputError
from qvickly_desk.queries import (
    checked_customer_name,
    checked_customer_number,
    checked_invoice_number,
)

# The number parser is imported by the first check, at the first key typed, not for the
# window's first paint (its patterns and class are 5 million instructions of the start-up).
if TYPE_CHECKING:
    from qvickly_desk.pno import IdentityNumber

__all__ = ["LooksLikeIdentityError", "SearchMode", "SearchQuery", "better_mode", "check_query"]

_DIGITS_AND_SEPARATORS = re.compile(r"[0-9 \-+]+")
_LETTER = re.compile(r"[^\W\d_]")


class SearchMode(Enum):
    """The four things the field can hold, in the order of their keys (Ctrl+1 … Ctrl+4)."""

    IDENTITY = "identity"
    INVOICE = "invoice"
    CUSTOMER = "customer"
    NAME = "name"


class LooksLikeIdentityError(InvalidInputError):
    """An invoice-number search for a valid identity number: refused, the mode is offered."""

    def __init__(self, identity: IdentityNumber) -> None:
        shown = identity.display()
        super().__init__(
            en=f"{shown} is a personal or organisation number, not an invoice number.",
            sv=f"{shown} är ett person- eller organisationsnummer, inte ett fakturanummer.",
        )
        self.identity = identity


class SearchQuery(NamedTuple):  # not a dataclass: made at start-up, 10x quicker to define
    """A checked search: ``value`` is what is sent; ``identity`` is set in identity mode."""

    mode: SearchMode
    value: str
    identity: IdentityNumber | None = None

    def display(self) -> str:
        """The searched value as the agent typed it, tidied (an identity number formatted)."""
        return self.identity.display() if self.identity is not None else self.value


def _identity_or_none(text: str, today: date) -> IdentityNumber | None:
    from qvickly_desk.pno import InvalidIdentityNumber, parse_identity_number

    try:
        return parse_identity_number(text, today)
    except InvalidIdentityNumber:
        return None


def check_query(text: str, mode: SearchMode, today: date) -> SearchQuery:
    """The query for ``text`` in ``mode``; raises :class:`InvalidInputError` (no call is made)."""
    from qvickly_desk.pno import parse_identity_number

    if mode is SearchMode.IDENTITY:
        identity = parse_identity_number(text, today)
        return SearchQuery(mode, identity.digits, identity)
    if mode is SearchMode.INVOICE:
        looks_like = _identity_or_none(text, today)
        if looks_like is not None and sum(c.isdigit() for c in text) >= 10:
            raise LooksLikeIdentityError(looks_like)
        return SearchQuery(mode, checked_invoice_number(text))
    if mode is SearchMode.CUSTOMER:
        return SearchQuery(mode, checked_customer_number(text))
    return SearchQuery(mode, checked_customer_name(text))


def better_mode(text: str, mode: SearchMode, today: date) -> SearchMode | None:
    """The mode ``text`` fits better than ``mode``, or None: a hint, never a switch.

    A valid identity number fits the identity mode; short plain digits that are no identity
    number fit an invoice number better than a name (a customer number is digits too, so that
    mode is left alone); letters without digits fit a name.
    """
    stripped = text.strip()
    if not stripped:
        return None
    if _DIGITS_AND_SEPARATORS.fullmatch(stripped):
        digits = sum(c.isdigit() for c in stripped)
        if _identity_or_none(stripped, today) is not None and digits >= 10:
            return SearchMode.IDENTITY if mode is not SearchMode.IDENTITY else None
        if mode in (SearchMode.IDENTITY, SearchMode.NAME) and digits < 10 and stripped.isdigit():
            return SearchMode.INVOICE  # a name has letters; a customer number stays as asked
        return None
    if (
        mode is not SearchMode.NAME
        and _LETTER.search(stripped)
        and not any(c.isdigit() for c in stripped)
    ):
        return SearchMode.NAME
    return None
