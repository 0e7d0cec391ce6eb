"""What the invoice table shows for one answer, worked out once and away from the GUI thread.

A customer can have 100,000 invoices. Every cell's text, sort key and filter text is made here in
one pass, by a pure function the lookup worker calls right after parsing; the model then only
swaps these lists in, so the window keeps painting while a large answer is prepared. Sort keys
are plain ints, floats and strings, never display strings ("1 249,50 kr" would sort as text).

Nothing here touches a widget: the only Qt call is ``QCoreApplication.translate``, which Qt
documents as thread-safe.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from qvickly_desk.collector import collector_paused
from qvickly_desk.columns import COL_NUMBER, COLUMN_COUNT
from qvickly_desk.errors import CancelledError
from qvickly_desk.formatting import amount_text, date_text
from qvickly_desk.invoices import Invoice, Summary
from qvickly_desk.languages import normalize_language
from qvickly_desk.text import one_line

__all__ = [
    "NO_PDF_TEXT",
    "PDF_TEXT",
    "TableContents",
    "prepare_table_contents",
    "status_text",
]

PDF_TEXT = "PDF"
NO_PDF_TEXT = "—"

# How many of a column's longest distinct texts are measured when the columns are fitted: the
# longest in characters is not always the widest in pixels ("WWW" against "1111").
WIDEST_CANDIDATES = 12
_INVOICES_BETWEEN_STOPS = 2048  # how often preparing a large answer asks if it is still wanted

_NBSP = "\u00a0"
# Qt stores small Python ints as 32-bit; bigger invoice numbers get the text key instead.
_INT_KEY_LIMIT = 2**31
_DIGIT_RUN = re.compile(r"\d+", re.ASCII)
# Code-point order puts "ä" before "å"; Swedish puts "å" first. Swapping the two in the sort key
# gives Swedish order for å, ä, ö (all after z) without a slower locale-aware compare.
_SWEDISH_ORDER = str.maketrans("åä", "äå")

# The service's status words, shown in the UI language; one it adds later is shown as it comes.
_STATUS_LABELS = {
    "Created": QT_TRANSLATE_NOOP("InvoiceStatus", "Created"),
    "Sent": QT_TRANSLATE_NOOP("InvoiceStatus", "Sent"),
    "Paid": QT_TRANSLATE_NOOP("InvoiceStatus", "Paid"),
    "Cancelled": QT_TRANSLATE_NOOP("InvoiceStatus", "Cancelled"),
    "Factoring": QT_TRANSLATE_NOOP("InvoiceStatus", "Factoring"),
    "PartPayment": QT_TRANSLATE_NOOP("InvoiceStatus", "Part payment"),
    "Handling": QT_TRANSLATE_NOOP("InvoiceStatus", "Handling"),
    "eFakturaSent": QT_TRANSLATE_NOOP("InvoiceStatus", "E-invoice sent"),
}


def status_text(invoice: Invoice) -> str:
    """The status people recognise: the distributor's (Sent, Paid, ...), else the invoice's own."""
    raw = invoice.distributor_status or invoice.status
    label = _STATUS_LABELS.get(raw)
    return QCoreApplication.translate("InvoiceStatus", str(label)) if label else raw


@dataclass(frozen=True, slots=True, eq=False)
class TableContents:
    """Everything the table needs for one answer; lists run in the order of ``invoices``.

    ``display`` and ``keys`` hold one list per column (texts and sort keys), so no per-row
    container exists for the garbage collector to walk. ``widest`` holds, per column, the
    positions of the invoices with the longest distinct texts: what fitting a column measures.
    """

    invoices: tuple[Invoice, ...]
    today: date
    language: str
    display: list[list[str]]
    keys: list[list[Any]]
    haystacks: list[str]  # lower-case text the quick filter searches
    overdue: list[bool]
    summary: Summary
    widest: tuple[tuple[int, ...], ...]

    @classmethod
    def empty(cls, today: date, language: str) -> TableContents:
        return prepare_table_contents((), today, language)


def prepare_table_contents(
    invoices: Iterable[Invoice],
    today: date,
    language: str,
    should_stop: Callable[[], bool] | None = None,
) -> TableContents:
    """Every cell's text, sort key and filter text for ``invoices``, in one pass.

    Texts follow ``language`` (amounts, type labels) and the installed translator (statuses,
    the overdue marker); overdue-ness follows ``today``. Pure: safe on any thread.
    ``should_stop`` is asked every few thousand invoices (100,000 take about a second): when it
    says so, :class:`~qvickly_desk.errors.CancelledError` is raised.
    """
    language = normalize_language(language)
    english = language == "en"
    invoices = tuple(invoices)
    overdue_template = QCoreApplication.translate("InvoiceTableModel", "Overdue · %1")
    overdue_alone = QCoreApplication.translate("InvoiceTableModel", "Overdue")
    # Names, statuses, types, dates and many amounts repeat across a customer's invoices:
    # each distinct value is formatted once.
    names: dict[str, tuple[str, str, str]] = {}
    statuses: dict[tuple[str, str, bool], tuple[str, str, str]] = {}
    kinds: dict[str, tuple[str, str, str]] = {}
    days: dict[date | None, tuple[str, int]] = {}
    amounts: dict[Decimal, tuple[str, float]] = {}
    display: list[list[str]] = [[] for _ in range(COLUMN_COUNT)]
    keys: list[list[Any]] = [[] for _ in range(COLUMN_COUNT)]
    haystacks: list[str] = []
    overdue_flags: list[bool] = []
    (
        show_number,
        show_name,
        show_status,
        show_kind,
        show_invoice_day,
        show_due_day,
        show_to_pay,
        show_balance,
        show_pdf,
    ) = (column.append for column in display)
    (
        _,
        key_name,
        key_status,
        key_kind,
        key_invoice_day,
        key_due_day,
        key_to_pay,
        key_balance,
        key_pdf,
    ) = (column.append for column in keys)
    add_haystack = haystacks.append
    add_overdue = overdue_flags.append
    # The summary, counted in the same pass (``summarize`` would walk the invoices again).
    open_count = overdue_count = 0
    balance_due = Decimal(0)
    with collector_paused():  # a row's texts and keys are many objects, none in a cycle
        for position, invoice in enumerate(invoices):
            if should_stop is not None and not position % _INVOICES_BETWEEN_STOPS and should_stop():
                raise CancelledError()
            overdue = invoice.is_overdue(today)
            if overdue or invoice.is_open:  # as summarize counts: overdue invoices are open
                open_count += 1
                balance_due += invoice.balance_due
                overdue_count += overdue
            name = invoice.name
            name_parts = names.get(name)
            if name_parts is None:
                shown = one_line(name)
                name_parts = names[name] = (shown, _text_key(shown), shown.lower())
            status_key = (invoice.distributor_status, invoice.status, overdue)
            status_parts = statuses.get(status_key)
            if status_parts is None:
                shown = one_line(status_text(invoice))
                if overdue:
                    shown = overdue_template.replace("%1", shown) if shown else overdue_alone
                # The haystack also holds the invoice's own status, which the cell may not show.
                found = shown if invoice.status in shown else f"{shown}\n{invoice.status}"
                found = found.lower()
                status_parts = statuses[status_key] = (shown, _text_key(shown), found)
            kind_parts = kinds.get(invoice.invoice_type)
            if kind_parts is None:
                shown = one_line(invoice.type_label(language))
                kind_parts = kinds[invoice.invoice_type] = (shown, _text_key(shown), shown.lower())
            invoice_day = days.get(invoice.invoice_date)
            if invoice_day is None:
                invoice_day = days[invoice.invoice_date] = _day_parts(invoice.invoice_date)
            due_day = days.get(invoice.due_date)
            if due_day is None:
                due_day = days[invoice.due_date] = _day_parts(invoice.due_date)
            to_pay = amounts.get(invoice.to_pay)
            if to_pay is None:
                amount = invoice.to_pay
                to_pay = amounts[amount] = (amount_text(amount, english), float(amount))
            balance = amounts.get(invoice.balance_due)
            if balance is None:
                amount = invoice.balance_due
                balance = amounts[amount] = (amount_text(amount, english), float(amount))
            has_pdf = invoice.link_problem is None
            number = one_line(invoice.number)
            show_number(number)
            show_name(name_parts[0])
            key_name(name_parts[1])
            show_status(status_parts[0])
            key_status(status_parts[1])
            show_kind(kind_parts[0])
            key_kind(kind_parts[1])
            show_invoice_day(invoice_day[0])
            key_invoice_day(invoice_day[1])
            show_due_day(due_day[0])
            key_due_day(due_day[1])
            show_to_pay(to_pay[0])
            key_to_pay(to_pay[1])
            show_balance(balance[0])
            key_balance(balance[1])
            show_pdf(PDF_TEXT if has_pdf else NO_PDF_TEXT)
            key_pdf(int(has_pdf))
            add_haystack(f"{number.lower()}\n{name_parts[2]}\n{status_parts[2]}\n{kind_parts[2]}")
            add_overdue(overdue)
    keys[COL_NUMBER] = _number_keys(display[COL_NUMBER])
    return TableContents(
        invoices=invoices,
        today=today,
        language=language,
        display=display,
        keys=keys,
        haystacks=haystacks,
        overdue=overdue_flags,
        summary=Summary(len(invoices), open_count, overdue_count, balance_due),
        widest=tuple(_widest(texts) for texts in display),
    )


def _widest(texts: list[str]) -> tuple[int, ...]:
    """Positions of the longest distinct ``texts`` (first occurrence of each), longest first;
    among texts of one length, the one that comes first in ``texts`` first."""
    # In C, not a Python loop, since an amount column can hold 100,000 distinct texts: the
    # distinct texts in order, the longest of them (nlargest is stable), then where each is.
    longest = heapq.nlargest(WIDEST_CANDIDATES, dict.fromkeys(texts), key=len)
    return tuple(map(texts.index, longest))


def _number_keys(numbers: Sequence[str]) -> list[int] | list[str]:
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


def _text_key(text: str) -> str:
    return text.casefold().translate(_SWEDISH_ORDER)


def _day_parts(day: date | None) -> tuple[str, int]:
    """The shown text and the sort key of a date; no date is blank and sorts before all dates."""
    return date_text(day), day.toordinal() if day is not None else 0
