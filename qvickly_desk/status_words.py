"""An invoice's status in the words an agent says to a caller: "Skickad — förfallen sedan 12 dagar".

The service's status codes (``Sent``, ``Paid``, ``Cancelled`` …) are translated; an unknown one is
shown as sent (made one safe line), never guessed at. Being overdue is worked out from the due
date and the balance the answer states, against ``today`` passed in.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from qvickly_desk.details import InvoiceDetails
from qvickly_desk.invoice import statuses_open
from qvickly_desk.languages import Text, normalize_language
from qvickly_desk.text import safe_text

__all__ = ["status_in_words"]

_STATUS = {
    "created": Text(sv="Skapad", en="Created"),
    "sent": Text(sv="Skickad", en="Sent"),
    "paid": Text(sv="Betald", en="Paid"),
    "cancelled": Text(sv="Makulerad", en="Cancelled"),
    "factoring": Text(sv="Factoring", en="Factoring"),
    "handling": Text(sv="Under hantering", en="Being handled"),
    "efakturasent": Text(sv="Skickad som e-faktura", en="Sent as e-invoice"),
}
_OVERDUE_ONE = Text(sv="förfallen sedan 1 dag", en="overdue by 1 day")
_OVERDUE_MANY = Text(sv="förfallen sedan {days} dagar", en="overdue by {days} days")
_DUE_TODAY = Text(sv="förfaller i dag", en="due today")
_UNKNOWN = Text(sv="okänd status", en="unknown status")


def status_in_words(details: InvoiceDetails, today: date, language: str) -> str:
    """The status, translated, with how long it is overdue when it is."""
    lang = normalize_language(language)
    code = details.status.strip()
    known = _STATUS.get(code.lower())
    words = known.get(lang) if known else (safe_text(code, 40) if code else _UNKNOWN.get(lang))
    closed = not statuses_open(code, details.invoice_status.strip())
    owed = details.balance_due is None or details.balance_due > Decimal(0)
    if closed or not owed or details.due_date is None:
        return words
    days = (today - details.due_date).days
    if days == 0:
        return f"{words} — {_DUE_TODAY.get(lang)}"
    if days < 0:
        return words
    late = _OVERDUE_ONE if days == 1 else _OVERDUE_MANY
    return f"{words} — {late.get(lang, days=days)}"
