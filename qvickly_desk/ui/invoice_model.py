"""The invoice table: a model that formats, sorts and filters itself, and a pass-through proxy.

A customer can have 100,000 invoices. Everything a cell shows, sorts by or is filtered on is
computed in one pass in ``set_invoices``; ``data()`` then only indexes lists. Sort keys are plain
ints, floats and strings, never display strings ("1 249,50 kr" would sort as text).

Sorting and the quick filter are both done by the model, in Python over those precomputed lists,
and each is announced to the view as one layout change. ``QSortFilterProxyModel`` would call back
into Python for both sides of every sort comparison (some 3 million calls for 100,000 rows), and
for its filter once per row and then once more per run of hidden or re-shown rows, each run
touching its whole mapping: seconds per keystroke, growing faster than the number of rows. The
model's own filter is one scan of the haystacks and one reorder: milliseconds.

Overdue rows are marked by colour and, for people who do not see the colour, by the word
"Overdue" and a warning icon in the status column.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QIdentityProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from qvickly_desk.errors import normalize_language
from qvickly_desk.invoices import Invoice, Summary, round_amount, summarize

__all__ = [
    "COLUMN_COUNT",
    "COL_BALANCE_DUE",
    "COL_DUE_DATE",
    "COL_INVOICE_DATE",
    "COL_NAME",
    "COL_NUMBER",
    "COL_PDF",
    "COL_STATUS",
    "COL_TO_PAY",
    "COL_TYPE",
    "FILTER_ROLE",
    "INVOICE_ROLE",
    "NO_PDF_TEXT",
    "PDF_TEXT",
    "SORT_ROLE",
    "InvoiceFilterProxy",
    "InvoiceTableModel",
    "Summary",
    "format_amount",
    "status_text",
    "summarize",
]

(
    COL_NUMBER,
    COL_NAME,
    COL_STATUS,
    COL_TYPE,
    COL_INVOICE_DATE,
    COL_DUE_DATE,
    COL_TO_PAY,
    COL_BALANCE_DUE,
    COL_PDF,
) = range(9)
COLUMN_COUNT = 9

_USER_ROLE = int(Qt.ItemDataRole.UserRole)
SORT_ROLE = _USER_ROLE + 1  # int, float or folded str, one type per column
INVOICE_ROLE = _USER_ROLE + 2  # the row's Invoice, the same through any proxy
FILTER_ROLE = _USER_ROLE + 3  # lower-case text the quick filter searches, the same in every column

_CONTEXT = "InvoiceTableModel"
# Source strings for Qt Linguist; translated when shown, so a newly installed translator applies.
_HEADERS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("InvoiceTableModel", "Invoice"),
    QT_TRANSLATE_NOOP("InvoiceTableModel", "Name"),
    QT_TRANSLATE_NOOP("InvoiceTableModel", "Status"),
    QT_TRANSLATE_NOOP("InvoiceTableModel", "Type"),
    QT_TRANSLATE_NOOP("InvoiceTableModel", "Invoice date"),
    QT_TRANSLATE_NOOP("InvoiceTableModel", "Due date"),
    QT_TRANSLATE_NOOP("InvoiceTableModel", "To pay"),
    QT_TRANSLATE_NOOP("InvoiceTableModel", "Balance due"),
    QT_TRANSLATE_NOOP("InvoiceTableModel", "PDF"),
)

PDF_TEXT = "PDF"
NO_PDF_TEXT = "—"

_AMOUNT_COLUMNS = frozenset({COL_TO_PAY, COL_BALANCE_DUE})
# Cells that say why a row is overdue also get the warning colour as text colour.
_OVERDUE_TEXT_COLUMNS = frozenset({COL_STATUS, COL_DUE_DATE})

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

# A translucent tint over whatever the base colour is, so light and dark palettes both keep their
# own readable text colour; only the cells that explain the tint change their text colour.
_OVERDUE_BACKGROUND = QColor(220, 53, 69, 48)
_OVERDUE_TEXT_ON_LIGHT = QColor(164, 38, 44)  # about 7:1 against white
_OVERDUE_TEXT_ON_DARK = QColor(255, 138, 128)  # about 7:1 against #202020

# The overload of layoutAboutToBeChanged and layoutChanged that carries a hint.
_HINTED_LAYOUT = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")

_NBSP = "\u00a0"
# Qt stores small Python ints as 32-bit; bigger invoice numbers get the text key instead.
_INT_KEY_LIMIT = 2**31
_DIGIT_RUN = re.compile(r"\d+", re.ASCII)
# Control characters (tabs, line breaks) would break a one-line cell: shown as spaces.
_ONE_LINE = str.maketrans(dict.fromkeys([*range(32), 127, 0x2028, 0x2029], " "))
# Code-point order puts "ä" before "å"; Swedish puts "å" first. Swapping the two in the sort key
# gives Swedish order for å, ä, ö (all after z) without a slower locale-aware compare.
_SWEDISH_ORDER = str.maketrans("åä", "äå")
# A plain http(s) link with an ordinary host: certainly one ``Invoice.pdf_url`` accepts. Tried
# first because parsing a link costs more than the rest of a row; any other link asks the invoice.
_PLAIN_WEB_LINK = re.compile(r"(?i:https?)://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][!-~]*)?")


def format_amount(amount: Decimal, language: str) -> str:
    """An amount for people: ``1 249,50 kr`` in Swedish, ``SEK 1,249.50`` in English.

    Rounded half up to öre. Swedish groups thousands with a no-break space, and the currency is
    joined by a no-break space in both languages, so an amount never wraps. Negative amounts
    (credit invoices) start with an ASCII minus: ``-100,00 kr``, ``-SEK 100.00``; ASCII rather
    than Unicode's U+2212, which Swedish typography prefers, so a copied amount stays a number.
    """
    return _format_amount(amount, normalize_language(language) == "en")


def _format_amount(amount: Decimal, english: bool) -> str:
    rounded = round_amount(amount)
    digits = f"{rounded:,.2f}"  # "-1,249.50": the sign comes first, before any currency
    sign = ""
    if digits[0] == "-":
        sign, digits = "-", digits[1:]
    if english:
        return f"{sign}SEK{_NBSP}{digits}"
    return f"{sign}{digits.replace(',', _NBSP).replace('.', ',')}{_NBSP}kr"


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
    return QCoreApplication.translate("InvoiceStatus", label) if label else raw


def _number_keys(numbers: Sequence[str]) -> list[int] | list[str]:
    """Sort keys for invoice numbers, all of one type so that like is compared with like.

    Ints when every number is digits that fit Qt's int; otherwise text in which each run of
    digits is zero-padded to the longest run, so "9" still sorts before "10" and "A9" before "A10".
    """
    if all(number.isascii() and number.isdigit() for number in numbers):
        keys = [int(number) for number in numbers]
        if all(key < _INT_KEY_LIMIT for key in keys):
            return keys
    width = max((len(run) for number in numbers for run in _DIGIT_RUN.findall(number)), default=0)

    def pad(match: re.Match[str]) -> str:
        return match[0].rjust(width, "0")

    return [_DIGIT_RUN.sub(pad, number.casefold()) for number in numbers]


def _text_key(text: str) -> str:
    return text.casefold().translate(_SWEDISH_ORDER)


def _day_parts(day: date | None) -> tuple[str, int]:
    """The shown text and the sort key of a date; no date is blank and sorts before all dates."""
    if day is None:
        return "", 0
    return day.isoformat(), day.toordinal()


class InvoiceTableModel(QAbstractTableModel):
    """Invoices as table rows; replaced as a whole (one reset) after each lookup.

    Rows are kept in the order of the last ``sort`` (the order given when unsorted) and are only
    the invoices the quick filter keeps; both the sort and the filter are applied again to the
    invoices of the next ``set_invoices``.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._invoices: tuple[Invoice, ...] = ()
        self._today = date.today()
        self._language = "sv"
        # Per invoice, in the order given to set_invoices:
        self._display: list[list[str]] = [[] for _ in range(COLUMN_COUNT)]  # by column
        self._keys: list[list[Any]] = [[] for _ in range(COLUMN_COUNT)]  # by column
        self._haystacks: list[str] = []
        self._overdue: list[bool] = []
        # Every invoice position in sorted order, and the rows shown: the positions of ``_order``
        # the quick filter keeps, in the same order (``_order`` itself while there is no filter).
        # Row -> invoice position is ``_rows[row]``; sorting and filtering only change these.
        self._order: list[int] = []
        self._order_is_compact = True  # see _kept
        self._rows: list[int] = []
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._quick_filter = ""  # as typed, stripped
        self._needle = ""  # what the haystacks are searched for: lower-case like them
        self._matches: list[bool] | None = None  # by invoice position; None: no filter
        self._summary: Summary | None = None
        self._warning_icon: QIcon | None = None

    # -- contents ---------------------------------------------------------------------------

    def set_invoices(self, invoices: Sequence[Invoice], today: date, language: str) -> None:
        """Show ``invoices``; every cell's text and sort key is worked out here, once.

        Texts follow ``language`` (amounts, type labels) and the installed translator (the
        overdue marker); overdue-ness follows ``today``. Call again to relabel.
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
        plain_link = _PLAIN_WEB_LINK.fullmatch
        # Column by column: no per-row containers for the garbage collector to walk.
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
        for invoice in invoices:
            overdue = invoice.is_overdue(today)
            name = invoice.name
            name_parts = names.get(name)
            if name_parts is None:
                shown = name if name.isprintable() else name.translate(_ONE_LINE)
                name_parts = names[name] = (shown, _text_key(shown), shown.lower())
            status_key = (invoice.distributor_status, invoice.status, overdue)
            status_parts = statuses.get(status_key)
            if status_parts is None:
                shown = status_text(invoice).translate(_ONE_LINE)
                if overdue:
                    shown = overdue_template.replace("%1", shown) if shown else overdue_alone
                # The haystack also holds the invoice's own status, which the cell may not show.
                found = shown if invoice.status in shown else f"{shown}\n{invoice.status}"
                found = found.lower()
                status_parts = statuses[status_key] = (shown, _text_key(shown), found)
            kind_parts = kinds.get(invoice.invoice_type)
            if kind_parts is None:
                shown = invoice.type_label(language).translate(_ONE_LINE)
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
                to_pay = amounts[amount] = (_format_amount(amount, english), float(amount))
            balance = amounts.get(invoice.balance_due)
            if balance is None:
                amount = invoice.balance_due
                balance = amounts[amount] = (_format_amount(amount, english), float(amount))
            has_pdf = plain_link(invoice.fileurl) is not None or invoice.link_problem is None
            number = invoice.number
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

        self.beginResetModel()
        self._invoices = invoices
        self._today = today
        self._language = language
        self._display = display
        self._keys = keys
        self._haystacks = haystacks
        self._overdue = overdue_flags
        self._summary = None
        self._order = self._sorted_order(self._sort_column, self._sort_order)
        self._order_is_compact = self._sort_column < 0  # list(range(n)) is made in order
        self._matches = self._match(self._needle)
        self._rows = self._kept()
        self.endResetModel()

    def clear(self) -> None:
        """Show no invoices (a new search started, or the last one failed)."""
        self.set_invoices((), self._today, self._language)

    def invoices(self) -> tuple[Invoice, ...]:
        """All invoices in the order given to ``set_invoices`` (the service's order)."""
        return self._invoices

    def invoice_at(self, row: int) -> Invoice:
        """The invoice in this model's ``row`` (sorted and filtered, as shown).

        Through a proxy, read ``INVOICE_ROLE`` instead.
        """
        if not 0 <= row < len(self._rows):
            raise IndexError(f"no invoice in row {row}")
        return self._invoices[self._rows[row]]

    def summary(self) -> Summary:
        """``summarize`` of all invoices (not only those the filter shows), worked out once.

        The line under the table is redrawn on every filter keystroke; summing 100,000 invoices
        each time would cost more than the filter itself.
        """
        if self._summary is None:
            self._summary = summarize(self._invoices, self._today)
        return self._summary

    @property
    def today(self) -> date:
        return self._today

    @property
    def language(self) -> str:
        return self._language

    @property
    def sort_column(self) -> int:
        """The column rows are sorted by, -1 for the order given."""
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    @property
    def quick_filter(self) -> str:
        """The quick filter's text, stripped; empty when every invoice is shown."""
        return self._quick_filter

    def set_quick_filter(self, text: str) -> None:
        """Keep the rows whose number, name, status or type contains ``text``, in any case.

        One scan of the haystacks and one layout change, in the current sort order; selected
        rows that stay shown stay selected, the others are dropped from the selection.
        """
        text = text.strip()
        if text == self._quick_filter:
            return
        self._quick_filter = text
        needle = text.lower()
        if needle == self._needle:  # only the case changed: the same rows
            return
        self._needle = needle
        self._matches = self._match(needle)
        rows = self._kept()
        if rows != self._rows:  # as with Qt's filter: no change, no signal
            self._show_rows(rows)

    # -- QAbstractItemModel -------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        # Not super().headerData(): PySide6 6.12 on Python 3.11 loses a reference to None each
        # time an empty QVariant comes back from C++, and header data is asked for constantly.
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < COLUMN_COUNT:
                return None
            if role == _DISPLAY:
                return QCoreApplication.translate(_CONTEXT, _HEADERS[section])
            if role == _ALIGNMENT:
                return _RIGHT if section in _AMOUNT_COLUMNS else _LEFT
            return None
        return section + 1 if role == _DISPLAY else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> object:
        if not index.isValid():
            return None
        # The roles asked for most come first and cost two list indexes each.
        if role == _DISPLAY:
            return self._display[index.column()][self._rows[index.row()]]
        if role == _BACKGROUND:
            return _OVERDUE_BACKGROUND if self._overdue[self._rows[index.row()]] else None
        if role == FILTER_ROLE:
            return self._haystacks[self._rows[index.row()]]
        if role == INVOICE_ROLE:
            return self._invoices[self._rows[index.row()]]
        if role == SORT_ROLE:
            return self._keys[index.column()][self._rows[index.row()]]
        if role == _ALIGNMENT:
            return _RIGHT if index.column() in _AMOUNT_COLUMNS else None
        if role == _FOREGROUND:
            if index.column() in _OVERDUE_TEXT_COLUMNS and self._overdue[self._rows[index.row()]]:
                return _overdue_text_colour()
            return None
        if role == _DECORATION:
            if index.column() == COL_STATUS and self._overdue[self._rows[index.row()]]:
                return self._warning()
            return None
        if role == _TOOLTIP:
            return self._tooltip(self._rows[index.row()], index.column())
        if role == _ACCESSIBLE:
            return self._accessible_text(self._rows[index.row()], index.column())
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column`` (-1: the order given), keeping selections on their rows.

        Stable, like Qt's own sort: invoices with equal keys keep the service's order. The
        quick filter keeps applying: the rows shown are the same, in the new order.
        """
        if not -1 <= column < COLUMN_COUNT:
            return
        self._sort_column, self._sort_order = column, order
        self._order = self._sorted_order(column, order)
        self._order_is_compact = column < 0
        self._show_rows(self._kept())

    # -- helpers ----------------------------------------------------------------------------

    def _match(self, needle: str) -> list[bool] | None:
        """Per invoice position, whether its haystack contains ``needle``; None for no filter.

        Scanned in position order, the order the haystacks were made in: walking them in sorted
        order instead jumps about in memory and takes several times longer.
        """
        if not needle:
            return None
        return [needle in haystack for haystack in self._haystacks]

    def _kept(self) -> list[int]:
        """The positions of ``_order`` that the quick filter keeps, in that order."""
        matches = self._matches
        if matches is None:
            return self._order
        if not self._order_is_compact:
            # After a sort, the position ints lie in memory in position order, not in sorted
            # order, and reading 100,000 of them in sorted order is mostly cache misses. Fresh
            # copies made in sorted order lie next to each other: the first scan after a sort
            # costs about what it would have anyway, and every later one a third of it.
            self._order = array("q", self._order).tolist()
            self._order_is_compact = True
        return [position for position in self._order if matches[position]]

    def _show_rows(self, rows: list[int]) -> None:
        """Show ``rows`` (invoice positions) as one layout change; selections follow invoices.

        Persistent indexes (the view's selection and current row) move to their invoice's new
        row, or become invalid when it is no longer shown. Announced as a vertical sort, since
        whole rows move together: the selection model then tracks one index per selected row
        instead of one per selected cell.
        """
        hint = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
        # PySide's plain ``emit`` takes the overload without arguments: ask for the hinted one.
        self.layoutAboutToBeChanged[_HINTED_LAYOUT].emit([], hint)
        old_rows = self._rows
        self._rows = rows
        persistent = self.persistentIndexList()
        if persistent:
            moved = {old_rows[index.row()] for index in persistent}
            new_row = {position: row for row, position in enumerate(rows) if position in moved}
            invalid = QModelIndex()
            self.changePersistentIndexList(
                persistent,
                [
                    self.index(row, index.column())
                    if (row := new_row.get(old_rows[index.row()])) is not None
                    else invalid
                    for index in persistent
                ],
            )
        self.layoutChanged[_HINTED_LAYOUT].emit([], hint)

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        positions = range(len(self._invoices))
        if column < 0:
            return list(positions)
        descending = order == Qt.SortOrder.DescendingOrder
        # reverse=True keeps equal keys in their original order, as Qt's descending sort does.
        return sorted(positions, key=self._keys[column].__getitem__, reverse=descending)

    def _warning(self) -> QIcon | None:
        """The style's warning icon, made on first use (there is no style before the app)."""
        if self._warning_icon is None:
            if not isinstance(QCoreApplication.instance(), QApplication):
                return None
            self._warning_icon = QApplication.style().standardIcon(
                QStyle.StandardPixmap.SP_MessageBoxWarning
            )
        return self._warning_icon

    def _tooltip(self, position: int, column: int) -> str | None:
        if column == COL_PDF:
            invoice = self._invoices[position]
            link = invoice.pdf_url
            if link is not None:
                return link
            if invoice.link_problem == "missing":
                return QCoreApplication.translate(
                    "InvoiceTableModel", "No PDF link for this invoice"
                )
            return QCoreApplication.translate(
                "InvoiceTableModel", "This link is not http or https and will not be opened"
            )
        display = self._display
        if column == COL_STATUS and self._overdue[position]:
            return (
                QCoreApplication.translate(
                    "InvoiceTableModel", "Past its due date (%1) with %2 still to pay"
                )
                .replace("%1", display[COL_DUE_DATE][position])
                .replace("%2", display[COL_BALANCE_DUE][position])
            )
        if column == COL_NAME:  # the whole name, where the cell cuts it short
            return display[COL_NAME][position] or None
        return None

    def _accessible_text(self, position: int, column: int) -> str | None:
        """What a screen reader says where the visible text is a symbol or blank."""
        text = self._display[column][position]
        if column == COL_PDF:
            return (
                QCoreApplication.translate("InvoiceTableModel", "PDF available")
                if text == PDF_TEXT
                else QCoreApplication.translate("InvoiceTableModel", "No PDF")
            )
        if column in (COL_INVOICE_DATE, COL_DUE_DATE) and not text:
            return QCoreApplication.translate("InvoiceTableModel", "No date")
        if column == COL_STATUS and self._overdue[position]:
            return text.replace(" · ", ", ")
        return None


def _overdue_text_colour() -> QColor:
    """Dark red on a light base, light red on a dark one: readable whichever the person runs."""
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    return _OVERDUE_TEXT_ON_DARK if base.lightness() < 128 else _OVERDUE_TEXT_ON_LIGHT


class InvoiceFilterProxy(QIdentityProxyModel):
    """What the table shows: the model's rows as they are, sorted and filtered by the model.

    ``set_quick_filter`` and ``sort`` (what a click on a header calls) are passed on to an
    ``InvoiceTableModel`` source, which does both over its precomputed lists. Rows, indexes and
    roles (``INVOICE_ROLE`` among them) are the source's, one for one. An identity proxy keeps no
    row mapping of its own and passes the model's layout hint on to the view, so a filter change
    costs it nothing per row; ``QSortFilterProxyModel`` rebuilds its mapping on every layout
    change and drops the hint, which makes the selection model track every selected cell.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quick_filter = ""

    @property
    def quick_filter(self) -> str:
        return self._quick_filter

    def set_quick_filter(self, text: str) -> None:
        """Keep the rows whose number, name, status or type contains ``text``, in any case."""
        text = text.strip()
        if text == self._quick_filter:
            return
        self._quick_filter = text
        source = self.sourceModel()
        if isinstance(source, InvoiceTableModel):
            source.set_quick_filter(text)

    def setSourceModel(self, source: QAbstractItemModel | None) -> None:
        """Show ``source``; an ``InvoiceTableModel`` takes on this proxy's quick filter."""
        super().setSourceModel(source)
        if isinstance(source, InvoiceTableModel):
            source.set_quick_filter(self._quick_filter)
