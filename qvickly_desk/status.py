"""Which invoices to ask for: sent (open), paid, or both, and how that maps onto the service.

The service knows only two selections, ``Sent`` and ``Sent,Paid`` (anything else is error 7022).
There is no "paid only", so that choice asks for ``Sent,Paid`` and filters the answer here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from qvickly_desk.errors import InvalidInputError
from qvickly_desk.frozen import FrozenValue

if TYPE_CHECKING:
    from qvickly_desk.invoices import Invoice

__all__ = ["StatusChoice"]

_MAX_ECHO = 40
_WORDS = frozenset({"sent", "paid"})


class StatusChoice(FrozenValue):
    """The person's choice of invoices: ``sent`` (open ones), ``paid`` (settled ones) or both."""

    __slots__ = ("paid", "sent")
    _fields = ("sent", "paid")

    sent: bool
    paid: bool

    def __init__(self, sent: bool, paid: bool) -> None:
        if not (sent or paid):
            raise InvalidInputError(
                en="Tick Sent, Paid or both.", sv="Kryssa i Skickade, Betalda eller båda."
            )
        self._init_fields(sent, paid)

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
