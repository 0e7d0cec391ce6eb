"""The invoice table's model: prepared contents, sorted and filtered by the model itself.

A customer's invoices (up to 100,000) arrive as prepared contents
(:mod:`qvickly_desk.ui.table_contents`, made on the lookup thread, the order included when the
table is sorted); ``set_contents`` swaps them in with one reset, and ``data()`` asks them for the
texts of the rows painted. A row is a row of the view (the view shows this model directly); a
position is an invoice's place in the service's order.

Sorting and the quick filter are both done by the model, in Python over the contents' keys,
and each is announced to the view as one layout change. ``QSortFilterProxyModel`` would call back
into Python for both sides of every sort comparison (some 3 million calls for 100,000 rows), and
for its filter once per row and then once more per run of hidden or re-shown rows, each run
touching its whole mapping: seconds per keystroke, growing faster than the number of rows. The
model's own filter is one scan of the haystacks and one reorder: milliseconds.

Overdue rows are marked by colour and, for people who do not see the colour, by the word
"Overdue" and a warning icon in the status column.
"""

from __future__ import annotations

import contextlib
from array import array
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from qvickly_desk.columns import (
    COL_DUE_DATE,
    COL_STATUS,
    COLUMN_COUNT,
    RIGHT_ALIGNED_COLUMNS,
    column_headers,
)
from qvickly_desk.invoice import Invoice, Summary
from qvickly_desk.ui.plain_text import plain_tooltip
from qvickly_desk.ui.table_contents import TableContents, prepare_table_contents

if TYPE_CHECKING:  # made with the first overdue row's icon: its type costs the first paint 10 M
    from PySide6.QtGui import QIcon

__all__ = [
    "FILTER_ROLE",
    "INVOICE_ROLE",
    "SORT_ROLE",
    "InvoiceTableModel",
]

_USER_ROLE = int(Qt.ItemDataRole.UserRole)
SORT_ROLE = _USER_ROLE + 1  # int, float or folded str, one type per column
INVOICE_ROLE = _USER_ROLE + 2  # the row's Invoice
FILTER_ROLE = _USER_ROLE + 3  # lower-case text the quick filter searches, the same in every column

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


class InvoiceTableModel(QAbstractTableModel):
    """Invoices as table rows; replaced as a whole (one reset) after each lookup.

    Rows are kept in the order of the last ``sort`` (the order given when unsorted) and are only
    the invoices the quick filter keeps; both the sort and the filter are applied again to the
    invoices of the next ``set_contents``.
    """

    def __init__(self, parent: QObject | None = None, *, header_language: str = "en") -> None:
        super().__init__(parent)
        # The headers' language is the window's; the contents' is their own.
        self._headers = column_headers(header_language)
        self._prepared = TableContents.empty(date.today(), "sv")
        # Per invoice, in the order given (of ``_prepared``, kept at hand for data()):
        self._invoices = self._prepared.invoices
        self._row_texts = self._prepared.row_texts
        self._overdue = self._prepared.overdue
        # Every invoice position in sorted order, and the rows shown: the positions of ``_order``
        # the quick filter keeps, in the same order (``_order`` itself while there is no filter).
        # Row -> invoice position is ``_shown[row]``; sorting and filtering only change these.
        self._order: list[int] = []
        self._order_is_compact = True  # see _kept
        self._shown: list[int] = []
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._quick_filter = ""  # as typed, stripped
        self._needle = ""  # what the haystacks are searched for: lower-case like them
        self._matches: list[bool] | None = None  # by invoice position; None: no filter
        self._warning_icon: QIcon | None = None

    # -- contents ---------------------------------------------------------------------------

    def set_contents(self, contents: TableContents) -> None:
        """Show prepared contents: one reset, with the current sort and quick filter applied.

        The only per-invoice work left here is the sort, and only when a column is sorted.
        """
        self.beginResetModel()
        self._prepared = contents
        self._invoices = contents.invoices
        self._row_texts = contents.row_texts
        self._overdue = contents.overdue
        self._order = self._sorted_order(self._sort_column, self._sort_order)
        self._order_is_compact = self._sort_column < 0  # list(range(n)) is made in order
        self._matches = self._match(self._needle)
        self._shown = self._kept()
        self.endResetModel()

    def set_invoices(self, invoices: Iterable[Invoice], today: date, language: str) -> None:
        """Prepare and show ``invoices`` on the calling thread; see ``prepare_table_contents``."""
        self.set_contents(prepare_table_contents(invoices, today, language))

    def clear(self) -> None:
        """Show no invoices (a new search started, or the last one failed)."""
        self.set_contents(TableContents.empty(self._prepared.today, self._prepared.language))

    def invoices(self) -> tuple[Invoice, ...]:
        """All invoices in the order given to ``set_contents`` (the service's order)."""
        return self._invoices

    def invoice_at(self, row: int) -> Invoice:
        """The invoice in this model's ``row`` (sorted and filtered, as shown)."""
        if not 0 <= row < len(self._shown):
            raise IndexError(f"no invoice in row {row}")
        return self._invoices[self._shown[row]]

    def invoices_at(self, rows: Iterable[int]) -> list[Invoice]:
        """The invoices in this model's ``rows``, without a call through Qt per row."""
        invoices, positions = self._invoices, self._shown
        return [invoices[positions[row]] for row in rows]

    def summary(self) -> Summary:
        """``summarize`` of all invoices, not only those the filter shows; prepared with them."""
        return self._prepared.summary

    def shown_summary(self) -> Summary:
        """``summarize`` of the invoices shown: with a filter, those it keeps."""
        if len(self._shown) == len(self._invoices):
            return self._prepared.summary
        return self._prepared.summary_of(self._shown)

    @property
    def today(self) -> date:
        return self._prepared.today

    @property
    def language(self) -> str:
        return self._prepared.language

    def widest_positions(self) -> tuple[tuple[int, ...], ...]:
        """Per column, the invoice positions with its longest distinct texts (shown or not):
        what a fit measures, so that widths do not change with the quick filter."""
        return self._prepared.widest

    def text_of(self, position: int, column: int) -> str:
        """The text of the invoice at ``position`` in ``column``, shown or not."""
        return self._prepared.text(position, column)

    def rows_of(self, positions: Iterable[int]) -> list[int]:
        """The rows showing the invoices at ``positions``, for those shown (a scan in C each)."""
        shown = self._shown
        rows = []
        for position in positions:
            with contextlib.suppress(ValueError):
                rows.append(shown.index(position))
        return rows

    def text_at(self, row: int, column: int) -> str:
        """The text shown in a cell, without a call through Qt."""
        return self._prepared.text(self._shown[row], column)

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
        shown = self._kept()
        if shown != self._shown:  # as with Qt's filter: no change, no signal
            self._show_positions(shown)

    # -- QAbstractItemModel -------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        # Not super().headerData(): PySide6 6.12 on Python 3.11 loses a reference to None each
        # time an empty QVariant comes back from C++, and header data is asked for constantly.
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < COLUMN_COUNT:
                return None
            if role == _DISPLAY:
                return self._headers[section]
            if role == _ALIGNMENT:
                return _RIGHT if section in RIGHT_ALIGNED_COLUMNS else _LEFT
            return None
        return section + 1 if role == _DISPLAY else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> object:
        if not index.isValid():
            return None
        # The roles asked for most come first and cost two list indexes each.
        if role == _DISPLAY:
            return self._row_texts(self._shown[index.row()])[index.column()]
        if role == _BACKGROUND:
            return _OVERDUE_BACKGROUND if self._overdue[self._shown[index.row()]] else None
        if role == FILTER_ROLE:
            return self._prepared.haystacks()[self._shown[index.row()]]
        if role == INVOICE_ROLE:
            return self._invoices[self._shown[index.row()]]
        if role == SORT_ROLE:
            return self._prepared.sort_keys(index.column())[self._shown[index.row()]]
        if role == _ALIGNMENT:
            return _RIGHT if index.column() in RIGHT_ALIGNED_COLUMNS else None
        if role == _FOREGROUND:
            if index.column() in _OVERDUE_TEXT_COLUMNS and self._overdue[self._shown[index.row()]]:
                return _overdue_text_colour()
            return None
        if role == _DECORATION:
            if index.column() == COL_STATUS and self._overdue[self._shown[index.row()]]:
                return self._warning()
            return None
        if role == _TOOLTIP:  # plain, escaped, cut: Qt would render a name that looks like HTML
            from qvickly_desk.ui.cell_notes import cell_tooltip  # not needed at start-up

            position = self._shown[index.row()]
            tip = cell_tooltip(
                self._invoices[position],
                self._row_texts(position),
                self._overdue[position],
                index.column(),
            )
            return None if tip is None else plain_tooltip(tip)
        if role == _ACCESSIBLE:
            from qvickly_desk.ui.cell_notes import cell_accessible_text

            position = self._shown[index.row()]
            return cell_accessible_text(
                self._row_texts(position), self._overdue[position], index.column()
            )
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
        self._show_positions(self._kept())

    # -- helpers ----------------------------------------------------------------------------

    def _match(self, needle: str) -> list[bool] | None:
        """Per invoice position, whether its haystack contains ``needle``; None for no filter.

        Scanned in position order, the order the haystacks were made in: walking them in sorted
        order instead jumps about in memory and takes several times longer.
        """
        if not needle:
            return None
        return [needle in haystack for haystack in self._prepared.haystacks()]

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

    def _show_positions(self, shown: list[int]) -> None:
        """Show ``shown`` (invoice positions, by row) as one layout change; selections follow.

        Persistent indexes (the view's selection and current row) move to their invoice's new
        row, or become invalid when it is no longer shown. Announced as a vertical sort, since
        whole rows move together: the selection model then tracks one index per selected row
        instead of one per selected cell.
        """
        hint = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
        # PySide's plain ``emit`` takes the overload without arguments: ask for the hinted one.
        self.layoutAboutToBeChanged[_HINTED_LAYOUT].emit([], hint)  # type: ignore[index]  # indexed by signature
        old_rows = self._shown
        self._shown = shown
        persistent = self.persistentIndexList()
        if persistent:
            moved = {old_rows[index.row()] for index in persistent}
            new_row = {position: row for row, position in enumerate(shown) if position in moved}
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
        self.layoutChanged[_HINTED_LAYOUT].emit([], hint)  # type: ignore[index]  # as above

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        return self._prepared.sorted_positions(column, order == Qt.SortOrder.DescendingOrder)

    def _warning(self) -> QIcon | None:
        """The style's warning icon, made on first use (there is no style before the app)."""
        if self._warning_icon is None:
            if not isinstance(QCoreApplication.instance(), QApplication):
                return None
            # Imported here: QStyle's Python type costs the first paint several milliseconds.
            from PySide6.QtWidgets import QStyle

            self._warning_icon = QApplication.style().standardIcon(
                QStyle.StandardPixmap.SP_MessageBoxWarning
            )
        return self._warning_icon


def _overdue_text_colour() -> QColor:
    """Dark red on a light base, light red on a dark one: readable whichever the person runs."""
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    return _OVERDUE_TEXT_ON_DARK if base.lightness() < 128 else _OVERDUE_TEXT_ON_LIGHT
