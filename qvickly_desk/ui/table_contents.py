"""What the invoice table shows for one answer: what the first paint needs made away from the GUI
thread, everything else made when it is first asked for.

A customer can have 100,000 invoices, and a person looks at a screenful of them. What every row
needs at once is worked out on the lookup thread, in one lean pass: which invoices are overdue
(the rows' colour), the summary, the invoice numbers as shown, the widest texts of each column
(what fitting the columns measures) and, when the table is sorted, the order. A row's texts are
made when the row is first painted, a column's sort keys when it is first sorted by, and the
quick filter's texts at the first keystroke; each distinct name, status, type, date and amount
is formatted once. Preparing 100,000 rows this way takes a third of making every cell up front,
and holds a fraction of the memory. Sort keys are plain ints, floats and strings, never display
strings ("1 249,50 kr" would sort as text).

Nothing here touches a widget: the only Qt call is ``QCoreApplication.translate``, which Qt
documents as thread-safe. Contents are made on one thread and then used only on another (the
window's): they are handed over, never shared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from itertools import compress, count
from operator import add, attrgetter
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication

from qvickly_desk.collector import collector_paused
from qvickly_desk.columns import (
    COL_BALANCE_DUE,
    COL_DUE_DATE,
    COL_INVOICE_DATE,
    COL_NAME,
    COL_NUMBER,
    COL_PDF,
    COL_STATUS,
    COL_TO_PAY,
    COL_TYPE,
    COLUMN_COUNT,
)
from qvickly_desk.errors import CancelledError
from qvickly_desk.formatting import amount_text, date_text
from qvickly_desk.invoice import Invoice, Summary, statuses_open
from qvickly_desk.languages import normalize_language
from qvickly_desk.text import one_line
from qvickly_desk.ui.row_keys import (
    WIDEST_CANDIDATES,
    keys_by_value,
    number_keys,
    text_key,
    widest_amount_positions,
    widest_positions,
)

__all__ = [
    "NO_PDF_TEXT",
    "PDF_TEXT",
    "UNSORTED",
    "WIDEST_CANDIDATES",
    "RowOrder",
    "TableContents",
    "prepare_table_contents",
]

PDF_TEXT = "PDF"
NO_PDF_TEXT = "—"

_INVOICES_BETWEEN_STOPS = 2048  # how often preparing a large answer asks if it is still wanted

_NUMBER = attrgetter("number")
_NAME = attrgetter("name")
_KIND = attrgetter("invoice_type")
_INVOICE_DAY = attrgetter("invoice_date")
_DUE_DAY = attrgetter("due_date")
_TO_PAY = attrgetter("to_pay")
_BALANCE = attrgetter("balance_due")
_STATUS_PAIR = attrgetter("status", "distributor_status")
_FILTERED_FIELDS = attrgetter("name", "status", "distributor_status", "invoice_type")

# What a cell's text, sort key and filter text are made from: a status is its two words (the
# invoice's own, the distributor's) and whether the invoice is overdue.
_StatusOf = tuple[tuple[str, str], int]
_Parts = tuple[str, str, str]  # (shown, sort key, filter text)


class RowOrder(NamedTuple):  # not a dataclass: made at start-up, 10x quicker to define
    """The order the table shows: by ``column`` (-1: as the service sent them)."""

    column: int = -1
    descending: bool = False


UNSORTED = RowOrder()


class TableContents:
    """Everything the table shows for one answer; positions are places in ``invoices``.

    ``overdue`` (one byte per invoice), ``summary``, ``numbers`` (as shown) and ``widest`` (per
    column, the positions of the invoices with the longest distinct texts) are ready; a row's
    texts, a column's sort keys and the filter texts are made on first use and kept.
    """

    __slots__ = (
        "_days",
        "_english",
        "_haystacks",
        "_keys",
        "_kinds",
        "_money",
        "_names",
        "_open",
        "_open_of",
        "_order",
        "_overdue_alone",
        "_overdue_template",
        "_rows",
        "_statuses",
        "invoices",
        "language",
        "numbers",
        "overdue",
        "summary",
        "today",
        "widest",
    )

    def __init__(self, invoices: tuple[Invoice, ...], today: date, language: str) -> None:
        self.invoices = invoices
        self.today = today
        self.language = language
        self._english = language == "en"
        self._overdue_template = QCoreApplication.translate("InvoiceTableModel", "Overdue · %1")
        self._overdue_alone = QCoreApplication.translate("InvoiceTableModel", "Overdue")
        self.overdue = bytearray(len(invoices))
        self.summary = Summary(len(invoices), 0, 0, Decimal(0))
        self.numbers: list[str] = []
        self.widest: tuple[tuple[int, ...], ...] = ((),) * COLUMN_COUNT
        # Each distinct value's texts, made once; rows, keys and haystacks as they are asked for.
        self._names: dict[str, _Parts] = {}
        self._statuses: dict[_StatusOf, _Parts] = {}
        self._kinds: dict[str, _Parts] = {}
        self._days: dict[date | None, str] = {}
        self._money: dict[Decimal, str] = {}
        self._rows: dict[int, tuple[str, ...]] = {}
        self._keys: dict[int, list[Any]] = {}
        self._haystacks: list[str] | None = None
        self._open_of: dict[tuple[str, str], bool] = {}  # per pair of status words, by _count
        self._open: bytes | None = None  # per invoice, 1 if open: made for the first summary_of
        self._order: tuple[int, bool, list[int]] | None = None

    @classmethod
    def empty(cls, today: date, language: str) -> TableContents:
        return prepare_table_contents((), today, language)

    # -- texts ---------------------------------------------------------------------------------

    def row_texts(self, position: int) -> tuple[str, ...]:
        """The texts of the invoice at ``position``, one per column."""
        texts = self._rows.get(position)
        if texts is None:
            invoice = self.invoices[position]
            texts = self._rows[position] = (
                self.numbers[position],
                self._name_parts(invoice.name)[0],
                self._status_parts(self._status_of(invoice, position))[0],
                self._kind_parts(invoice.invoice_type, invoice)[0],
                self._day_text(invoice.invoice_date),
                self._day_text(invoice.due_date),
                self._amount_text(invoice.to_pay),
                self._amount_text(invoice.balance_due),
                PDF_TEXT if invoice.link_problem is None else NO_PDF_TEXT,
            )
        return texts

    def text(self, position: int, column: int) -> str:
        return self.row_texts(position)[column]

    def haystacks(self) -> list[str]:
        """Per invoice, the lower-case text the quick filter searches: number, name, status (also
        the invoice's own status, which the cell may not show) and type."""
        if self._haystacks is None:
            with collector_paused():
                self._haystacks = self._make_haystacks()
        return self._haystacks

    def _make_haystacks(self) -> list[str]:
        """Only the number differs from row to row: the rest of a haystack is made once for each
        distinct name, status and type (a customer's 100,000 invoices have a few dozen), which
        takes a third less time than making each row's whole."""
        rests = list(zip(map(_FILTERED_FIELDS, self.invoices), self.overdue, strict=True))
        distinct = dict.fromkeys(rests)
        first_of_kind = {}  # an invoice of each type code, needed only for a type not yet shown
        if not self._kinds.keys() >= {fields[3] for fields, _ in distinct}:
            first_of_kind = self._first_of_each_kind()
        made: dict[tuple[tuple[str, ...], int], str] = {}
        for rest in distinct:
            (name, status, distributor_status, code), overdue = rest
            kind = self._kinds.get(code) or self._kind_parts(code, first_of_kind[code])
            status_of = ((status, distributor_status), overdue)
            made[rest] = (
                f"\n{self._name_parts(name)[2]}\n{self._status_parts(status_of)[2]}\n{kind[2]}"
            )
        numbers, joined = self.numbers, "\n".join(self.numbers)
        if joined.lower() != joined:  # numbers are digits: mostly none changes
            numbers = list(map(str.lower, numbers))
        return list(map(add, numbers, map(made.__getitem__, rests)))

    def summary_of(self, positions: list[int]) -> Summary:
        """``summarize`` of the invoices at ``positions`` (the rows a filter keeps), from what
        ``_count`` decided: 40,000 invoices' own properties took 50 ms per keystroke."""
        if self._open is None:
            self._open = bytes(map(self._open_of.__getitem__, map(_STATUS_PAIR, self.invoices)))
        opened = list(compress(positions, map(self._open.__getitem__, positions)))
        overdue_count = sum(map(self.overdue.__getitem__, opened))
        balance_due = sum(map(_BALANCE, map(self.invoices.__getitem__, opened)), Decimal(0))
        return Summary(len(positions), len(opened), overdue_count, balance_due)

    # -- sorting -------------------------------------------------------------------------------

    def sort_keys(self, column: int) -> list[Any]:
        """Per invoice, its sort key in ``column``: one type per column."""
        keys = self._keys.get(column)
        if keys is None:
            with collector_paused():  # a list of 100,000 keys, and no cycle among them
                keys = self._keys[column] = self._make_keys(column)
        return keys

    def sorted_positions(self, column: int, descending: bool) -> list[int]:
        """Every position ordered by ``column`` (-1: the order given); stable, as Qt's sort is.

        The order prepared with the contents is handed out once, to the first caller asking for
        it; any other order is made here.
        """
        prepared, self._order = self._order, None
        if prepared is not None and prepared[:2] == (column, descending):
            return prepared[2]
        positions = range(len(self.invoices))
        if column < 0:
            return list(positions)
        # reverse=True keeps equal keys in their original order, as Qt's descending sort does.
        return sorted(positions, key=self.sort_keys(column).__getitem__, reverse=descending)

    def _make_keys(self, column: int) -> list[Any]:
        invoices = self.invoices
        if column == COL_NUMBER:
            return number_keys(self.numbers)
        if column == COL_NAME:
            names = list(map(_NAME, invoices))
            return keys_by_value(names, lambda name: self._name_parts(name)[1])
        if column == COL_STATUS:
            return keys_by_value(self._status_values(), lambda of: self._status_parts(of)[1])
        if column == COL_TYPE:
            first = self._first_of_each_kind()
            return keys_by_value(
                list(map(_KIND, invoices)), lambda code: self._kind_parts(code, first[code])[1]
            )
        if column in (COL_INVOICE_DATE, COL_DUE_DATE):
            days = map(_INVOICE_DAY if column == COL_INVOICE_DATE else _DUE_DAY, invoices)
            return keys_by_value(list(days), lambda day: day.toordinal() if day else 0)
        if column in (COL_TO_PAY, COL_BALANCE_DUE):
            return list(map(float, map(_TO_PAY if column == COL_TO_PAY else _BALANCE, invoices)))
        if column == COL_PDF:
            return [int(invoice.link_problem is None) for invoice in invoices]
        raise IndexError(f"no column {column}")

    # -- each distinct value, formatted once -----------------------------------------------------

    def _status_of(self, invoice: Invoice, position: int) -> _StatusOf:
        return (invoice.status, invoice.distributor_status), self.overdue[position]

    def _first_of_each_kind(self) -> dict[str, Invoice]:
        """An invoice of each type code, for its label (``Invoice.type_label``)."""
        invoices = self.invoices
        return dict(zip(map(_KIND, reversed(invoices)), reversed(invoices), strict=True))

    def _status_values(self, pairs: Iterable[tuple[str, str]] | None = None) -> list[_StatusOf]:
        """Per invoice, what its status cell is made from; ``pairs``: its two status words, if
        already at hand."""
        if pairs is None:
            pairs = map(_STATUS_PAIR, self.invoices)
        return list(zip(pairs, self.overdue, strict=True))

    def _name_parts(self, name: str) -> _Parts:
        parts = self._names.get(name)
        if parts is None:
            shown = one_line(name)
            parts = self._names[name] = (shown, text_key(shown), shown.lower())
        return parts

    def _status_parts(self, of: _StatusOf) -> _Parts:
        parts = self._statuses.get(of)
        if parts is None:
            (status, distributor_status), overdue = of
            from qvickly_desk.ui.status_cells import status_cell_label  # not needed at start-up

            shown = one_line(status_cell_label(distributor_status, status))
            if overdue:
                late = self._overdue_template
                shown = late.replace("%1", shown) if shown else self._overdue_alone
            found = shown if status in shown else f"{shown}\n{status}"
            parts = self._statuses[of] = (shown, text_key(shown), found.lower())
        return parts

    def _kind_parts(self, code: str, invoice: Invoice) -> _Parts:
        parts = self._kinds.get(code)
        if parts is None:
            shown = one_line(invoice.type_label(self.language))
            parts = self._kinds[code] = (shown, text_key(shown), shown.lower())
        return parts

    def _day_text(self, day: date | None) -> str:
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = date_text(day)
        return text

    def _amount_text(self, amount: Decimal) -> str:
        text = self._money.get(amount)
        if text is None:
            text = self._money[amount] = amount_text(amount, self._english)
        return text

    # -- prepared on the lookup thread ------------------------------------------------------------

    def _count(self, should_stop: Callable[[], bool] | None) -> list[tuple[str, str]]:
        """The overdue flags and the summary, as ``summarize`` counts: open is decided once per
        pair of status words, and only the open invoices are looked at one by one. Returns the
        pairs, for the widest status texts."""
        today, overdue, invoices = self.today, self.overdue, self.invoices
        pairs = list(map(_STATUS_PAIR, invoices))
        open_of = self._open_of = {pair: statuses_open(*pair) for pair in dict.fromkeys(pairs)}
        open_positions = list(compress(count(), map(open_of.__getitem__, pairs)))
        balance_due = sum(map(_BALANCE, map(invoices.__getitem__, open_positions)), Decimal(0))
        overdue_count = 0
        for start in range(0, len(open_positions), _INVOICES_BETWEEN_STOPS):
            if should_stop is not None and should_stop():
                raise CancelledError()
            for position in open_positions[start : start + _INVOICES_BETWEEN_STOPS]:
                invoice = invoices[position]
                due = invoice.due_date
                if due is not None and due < today and invoice.balance_due > 0:
                    overdue[position] = 1
                    overdue_count += 1
        self.summary = Summary(len(invoices), len(open_positions), overdue_count, balance_due)
        return pairs

    def _show_numbers(self) -> None:
        numbers = list(map(_NUMBER, self.invoices))
        # Numbers are shown whole; only one holding a control character changes (checked in C).
        self.numbers = numbers if "".join(numbers).isprintable() else list(map(one_line, numbers))

    def _find_widest(self, pairs: list[tuple[str, str]]) -> None:
        """Per column, the positions of the invoices with the longest distinct texts."""
        invoices = self.invoices
        widest: list[tuple[int, ...]] = [()] * COLUMN_COUNT
        if not invoices:
            self.widest = tuple(widest)
            return
        first_of_kind = self._first_of_each_kind()
        longest = widest_positions
        widest[COL_NUMBER] = longest(self.numbers, None)
        widest[COL_NAME] = longest(list(map(_NAME, invoices)), lambda n: self._name_parts(n)[0])
        statuses = self._status_values(pairs)
        widest[COL_STATUS] = longest(statuses, lambda of: self._status_parts(of)[0])
        widest[COL_TYPE] = longest(
            list(map(_KIND, invoices)), lambda code: self._kind_parts(code, first_of_kind[code])[0]
        )
        widest[COL_INVOICE_DATE] = longest(list(map(_INVOICE_DAY, invoices)), self._day_text)
        widest[COL_DUE_DATE] = longest(list(map(_DUE_DAY, invoices)), self._day_text)
        widest[COL_TO_PAY] = widest_amount_positions(
            list(map(_TO_PAY, invoices)), self._amount_text
        )
        widest[COL_BALANCE_DUE] = widest_amount_positions(
            list(map(_BALANCE, invoices)), self._amount_text
        )
        # "PDF" or a dash: the header says "PDF" itself, so one cell is enough to measure.
        widest[COL_PDF] = (0,)
        self.widest = tuple(widest)

    def _prepare_order(self, order: RowOrder) -> None:
        column, descending = order.column, order.descending
        if 0 <= column < COLUMN_COUNT:
            self._order = (column, descending, self.sorted_positions(column, descending))


def prepare_table_contents(
    invoices: Iterable[Invoice],
    today: date,
    language: str,
    should_stop: Callable[[], bool] | None = None,
    *,
    order: RowOrder = UNSORTED,
) -> TableContents:
    """The contents of the table for ``invoices``, with what the first paint needs made now.

    Texts follow ``language`` (amounts, type labels) and the installed translator (statuses,
    the overdue marker); overdue-ness follows ``today``. The rows' ``order`` (the table's sort
    when the search began) is made here too. Safe on any thread. ``should_stop`` is asked every few
    thousand invoices: when it says so, :class:`~qvickly_desk.errors.CancelledError` is raised.
    """
    contents = TableContents(tuple(invoices), today, normalize_language(language))
    with collector_paused():  # many small objects, none in a cycle
        pairs = contents._count(should_stop)
        contents._show_numbers()
        contents._find_widest(pairs)
        contents._prepare_order(order)
    return contents
