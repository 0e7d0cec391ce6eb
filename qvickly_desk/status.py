"""Which invoices to ask for: sent (open), paid, or both, and how that maps onto the service.

The service knows only two selections, ``Sent`` and ``Sent,Paid`` (anything else is error 7022).
There is no "paid only", so that choice asks for ``Sent,Paid`` and filters the answer here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from qvickly_desk.errors import InvalidInputError

if TYPE_CHECKING:
    from qvickly_desk.invoices import Invoice

__all__ = ["StatusChoice"]

_MAX_ECHO = 40
_WORDS = frozenset({"sent", "paid"})


class StatusChoice:
    """The person's choice of invoices: ``sent`` (open ones), ``paid`` (settled ones) or both.

    A value, immutable; written out rather than a frozen dataclass for the start-up's sake, as
    :class:`~qvickly_desk.languages.Text` is.
    """

    __slots__ = ("paid", "sent")

    sent: bool
    paid: bool

    def __init__(self, sent: bool, paid: bool) -> None:
        if not (sent or paid):
            raise InvalidInputError(
                en="Tick Sent, Paid or both.", sv="Kryssa i Skickade, Betalda eller båda."
            )
        object.__setattr__(self, "sent", sent)
        object.__setattr__(self, "paid", paid)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a StatusChoice cannot be changed ({name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a StatusChoice cannot be changed ({name})")

    def __eq__(self, other: object) -> bool:
        if type(other) is not StatusChoice:
            return NotImplemented
        return self.sent == other.sent and self.paid == other.paid

    def __hash__(self) -> int:
        return hash((self.sent, self.paid))

    def __repr__(self) -> str:
        return f"StatusChoice(sent={self.sent!r}, paid={self.paid!r})"

    def __reduce__(self) -> tuple[object, tuple[bool, bool]]:
        return StatusChoice, (self.sent, self.paid)

    @property
    def api_value(self) -> str:
        """The ``status`` for the service: ``Sent``, or ``Sent,Paid`` whenever paid is wanted."""
        return "Sent,Paid" if self.paid else "Sent"

    @property
    def paid_only(self) -> bool:
        """Paid without sent: the one choice the service cannot make, so ``accepts`` filters."""
        return self.paid and not self.sent

    def accepts(self, invoice: Invoice) -> bool:
        """Whether ``invoice`` from the service's answer belongs to this choice.

        For paid alone, the invoices the service adds to ``Sent`` when asked for ``Sent,Paid``:
        distributor status Paid or status Cancelled (any case). Otherwise everything it returned.
        """
        if not self.paid_only:
            return True
        return (
            invoice.distributor_status.strip().lower() == "paid"
            or invoice.status.strip().lower() == "cancelled"
        )

    def filter(self, invoices: Iterable[Invoice]) -> tuple[Invoice, ...]:
        """The invoices this choice keeps, in their original order."""
        if not self.paid_only:
            return tuple(invoices)
        return tuple(invoice for invoice in invoices if self.accepts(invoice))

    @classmethod
    def parse(cls, text: str) -> StatusChoice:
        """A choice from the command line: ``sent``, ``paid``, ``sent,paid`` or ``paid,sent``.

        Case and spaces around the words do not matter; anything else is an ``InvalidInputError``.
        """
        words = [word.strip().lower() for word in text.split(",")] if isinstance(text, str) else []
        if not words or not set(words) <= _WORDS or len(set(words)) != len(words):
            shown = str(text)[:_MAX_ECHO] if isinstance(text, str) else ""
            raise InvalidInputError(
                en=f"unknown status {shown!r}; use sent, paid or sent,paid.",
                sv=f"okänd status {shown!r}; ange sent, paid eller sent,paid.",
            )
        return cls(sent="sent" in words, paid="paid" in words)
