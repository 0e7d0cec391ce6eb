"""The invoice table view: column sizing, the selection and what it holds, the header's state.

The view shows :class:`~qvickly_desk.ui.invoice_model.InvoiceTableModel` directly (the model sorts
and filters itself), so a view row is a model row. Everything here reads the selection from its
ranges, never cell by cell: after Ctrl+A on 100,000 invoices a per-cell walk is seconds frozen.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal, Slot
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QKeySequence,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView, QWidget

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
)
from qvickly_desk.invoice import Invoice
from qvickly_desk.ui.contrast import readable_selection
from qvickly_desk.ui.invoice_model import INVOICE_ROLE, InvoiceTableModel
from qvickly_desk.ui.table_contents import RowOrder, TableContents
from qvickly_desk.ui.ui_settings import UiSettings

__all__ = ["InvoiceTableView"]

_COLUMN_PADDING = 14  # px beside the contents, so amounts do not touch the grid
# Below this width for the name, the name column gives way, so that the amounts stay in view: the
# customer header above the table says whose invoices these are.
_NAME_MIN_WIDTH = 110
# The columns that give way, first to last, when the table is too narrow for all of them.
_GIVE_WAY = (COL_NAME, COL_TYPE, COL_INVOICE_DATE)
# Columns whose cells may carry an icon (the overdue warning): each is sized through the delegate.
_DECORATED_COLUMNS = frozenset({COL_STATUS})
# Starting widths in characters, until an answer fits the columns to their contents (each
# answer does, until the user sizes a column by hand).
_COLUMN_CHARS = {
    COL_NUMBER: 9,
    COL_STATUS: 16,
    COL_TYPE: 12,
    COL_INVOICE_DATE: 11,
    COL_DUE_DATE: 11,
    COL_TO_PAY: 12,
    COL_BALANCE_DUE: 12,
    COL_PDF: 5,
}


class InvoiceTableView(QTableView):
    """The invoices, one per row; whole rows are selected. Enter and Return ask to open."""

    activated_by_key = Signal()  # Enter or Return while the table has focus
    selection_changed = Signal()  # the selection or the current row changed

    def __init__(self, model: InvoiceTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._auto_size_columns = True
        self._sizing_columns = False
        self.setObjectName("invoiceTable")
        self.setAccessibleName(self.tr("Invoices"))
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table instead of walking cells
        self.verticalHeader().hide()
        self._fit_selection_colours()
        # The menu is asked for through customContextMenuRequested, with a point in the
        # viewport; contextMenuEvent places a keyboard-opened one at the current row.
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Painting a header section asks whether its neighbours' columns are wholly selected,
        # which walks every row through the model once all rows are: after Ctrl+A on 100,000
        # invoices, about two million calls into Python per paint, seconds frozen. The header
        # highlights nothing, so it gets a selection model of its own that stays empty.
        header.setSelectionModel(QItemSelectionModel(model, header))
        # The name takes whatever width is left, so the table always fills the window.
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._on_header_section_resized)
        self._full_widths: dict[int, int] = {}  # of the columns that give way, while hidden
        digit = self.fontMetrics().horizontalAdvance("0")
        for column, chars in _COLUMN_CHARS.items():
            self._sizing_columns = True
            self.setColumnWidth(column, chars * digit + 16)
            self._sizing_columns = False
        self.selectionModel().selectionChanged.connect(self.selection_changed)
        self.selectionModel().currentRowChanged.connect(self.selection_changed)
        # Enter and Return open the PDF only while the table has focus.
        for sequence in (QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)):
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.activated_by_key)
        # The Menu key and Shift+F10 open the row menu for the current row, at that row (the
        # point Qt gives a keyboard-opened menu fell on the row below).
        for sequence in (QKeySequence(Qt.Key.Key_Menu), QKeySequence("Shift+F10")):
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._on_menu_key_activated)

    # -- colours and focus -------------------------------------------------------------------------

    def _fit_selection_colours(self) -> None:
        """The selected row's text at AA contrast (white on the style's blue was 3.7:1)."""
        self.setPalette(readable_selection(QApplication.palette(self)))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:  # a theme switched: dark, HC
            self._fit_selection_colours()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The rows, and a clear frame while the table has focus (the style's was faint)."""
        super().paintEvent(event)
        if self.hasFocus():
            # Here: the table has no focus at the first paint, and these types cost it 5 M.
            from PySide6.QtGui import QPainter, QPen

            painter = QPainter(self.viewport())
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
            painter.setPen(pen)
            painter.drawRect(self.viewport().rect().adjusted(1, 1, -1, -1))
            painter.end()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    # -- the row menu ---------------------------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            self._on_menu_key_activated()
        else:
            self.customContextMenuRequested.emit(event.pos())  # the viewport's point
        event.accept()

    @Slot()
    def _on_menu_key_activated(self) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        self.scrollTo(current)
        rect = self.visualRect(current)
        self.customContextMenuRequested.emit(QPoint(rect.left() + rect.height(), rect.center().y()))

    # -- contents and selection -----------------------------------------------------------------

    def show_contents(self, contents: TableContents) -> None:
        """Show an answer's contents, fit the columns (unless sized by hand), and select the top
        row that has a PDF (else the top row), so Enter opens a document straight away."""
        self._model.set_contents(contents)
        if contents.invoices and self._auto_size_columns:
            self._size_columns_to_contents()
        self._make_room_for_amounts()
        self._select_first_row(with_pdf=True)

    def keep_a_row_selected(self) -> None:
        """After filtering: if the selected rows were hidden, select the top, so Enter opens."""
        if not self.selectionModel().hasSelection():
            self._select_first_row()

    def _select_first_row(self, *, with_pdf: bool = False) -> None:
        count = self._model.rowCount()
        if count:
            row = 0
            if with_pdf:
                row = next(
                    (r for r in range(count) if self._model.invoice_at(r).pdf_url is not None), 0
                )
            self.selectionModel().setCurrentIndex(
                self._model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    @Slot(int)
    def sort_by(self, column: int) -> None:
        """Sort by ``column``; ascending first, the other way round when chosen again."""
        header = self.horizontalHeader()
        order = Qt.SortOrder.AscendingOrder
        if header.sortIndicatorSection() == column:
            ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
            order = Qt.SortOrder.DescendingOrder if ascending else Qt.SortOrder.AscendingOrder
        self.sortByColumn(column, order)

    def row_order(self) -> RowOrder:
        """The order rows are shown in, for the next answer's rows to be prepared in."""
        model = self._model
        return RowOrder(model.sort_column, model.sort_order == Qt.SortOrder.DescendingOrder)

    def today(self) -> date:
        """The day the rows' overdue marking is as of; copies and exports mark the same."""
        return self._model.today

    def has_selection(self) -> bool:
        return self.selectionModel().hasSelection()

    def visible_invoices(self) -> list[Invoice]:
        """The invoices shown, in the order shown (sorted and filtered)."""
        return self._model.invoices_at(range(self._model.rowCount()))

    def selected_invoices(self) -> list[Invoice]:
        """The selected invoices, in the order shown."""
        return self._model.invoices_at(self._selected_row_numbers())

    def _selected_row_numbers(self) -> list[int]:
        """The selected rows, in order, read from the selection's ranges.

        Rows are always selected whole here. ``selectedRows()`` would ask the model about every
        row and column (two million calls into Python after Ctrl+A on 100,000 invoices, seconds
        with the window frozen); a range already says which rows it covers.
        """
        rows: set[int] = set()
        for selected in self.selectionModel().selection():  # type: ignore[attr-defined]  # stubs lack QItemSelection.__iter__
            rows.update(range(selected.top(), selected.bottom() + 1))
        return sorted(rows)

    def current_invoice(self) -> Invoice | None:
        """The invoice the row actions work on: the current row if selected, else the first."""
        selection = self.selectionModel()
        current = selection.currentIndex()
        if current.isValid() and selection.isRowSelected(current.row(), QModelIndex()):
            invoice: Invoice | None = current.siblingAtColumn(0).data(INVOICE_ROLE)
            return invoice
        ranges = selection.selection()
        tops = [selected.top() for selected in ranges]  # type: ignore[attr-defined]  # as above
        return self._model.invoice_at(min(tops)) if tops else None

    # -- column widths and the header -----------------------------------------------------------

    def _size_columns_to_contents(self) -> None:
        """Fit the columns to the answer, with air; the name column takes the rest.

        Only each column's longest texts are measured, by the font, with the margins of the
        top cell as the view's own delegate gives them; in the status column, whose cells may
        carry an icon, each of those cells through the delegate. Qt's
        ``resizeColumnsToContents`` would ask for up to a thousand cells per column, some 70,000
        calls into the model, half a second at 3,000 invoices with the window frozen.
        """
        header = self.horizontalHeader()
        model = self._model
        metrics = self.fontMetrics()  # the delegate's font: the model sets none of its own
        self._sizing_columns = True
        try:
            for column, positions in enumerate(model.widest_positions()):
                if column == COL_NAME or not positions or not model.rowCount():
                    continue  # (all rows filtered out: the widths stay until rows are shown)
                width = header.sectionSizeHint(column)
                if column in _DECORATED_COLUMNS:
                    for row in model.rows_of(positions):
                        width = max(width, self.sizeHintForIndex(model.index(row, column)).width())
                else:
                    # The top cell through the delegate gives the margins; each of the others
                    # through it would cost a tenth of a millisecond more.
                    hint = self.sizeHintForIndex(model.index(0, column)).width()
                    margins = hint - metrics.horizontalAdvance(model.text_at(0, column))
                    texts = [model.text_of(position, column) for position in positions]
                    widest_text = max(map(metrics.horizontalAdvance, texts))
                    width = max(width, hint, widest_text + margins + 1)  # +1: rounding
                self.setColumnWidth(column, width + _COLUMN_PADDING)
                self._full_widths[column] = width + _COLUMN_PADDING
        finally:
            self._sizing_columns = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._make_room_for_amounts()

    def _make_room_for_amounts(self) -> None:
        """Hide the name, then the type, then the invoice date while the other columns leave
        them no room, and show them again when there is: in a narrow window or beside the
        details pane, the amounts and the due date stay readable without scrolling. The
        customer header names the customer, and the details pane has the rest."""
        header = self.horizontalHeader()
        for column in _GIVE_WAY:
            if not header.isSectionHidden(column):
                self._full_widths[column] = header.sectionSize(column)
        fixed = sum(
            header.sectionSize(column)
            for column in range(header.count())
            if column not in _GIVE_WAY and not header.isSectionHidden(column)
        )
        room = self._viewport_width() - fixed
        shown = list(_GIVE_WAY)
        while shown and sum(self._give_way_width(column) for column in shown) > room:
            shown.pop(0)  # the first in the list gives way first
        self._sizing_columns = True  # hiding resizes a section, and the user did not
        try:
            for column in _GIVE_WAY:
                hide = column not in shown
                if header.isSectionHidden(column) != hide:
                    self.setColumnHidden(column, hide)
        finally:
            self._sizing_columns = False

    def _viewport_width(self) -> int:
        """``viewport().width()``, without asking for the viewport: this runs at the window's
        first show, and PySide's first wrapper of a plain ``QWidget`` makes it create the Python
        types of all of QtWidgets first (48 M instructions, a twentieth of the start-up)."""
        bar = self.verticalScrollBar()
        return self.maximumViewportSize().width() - (bar.width() if bar.isVisible() else 0)

    def _give_way_width(self, column: int) -> int:
        if column == COL_NAME:
            return _NAME_MIN_WIDTH  # it stretches into whatever is left
        return self._full_widths.get(column) or self.columnWidth(column)

    @Slot(int, int, int)
    def _on_header_section_resized(self, section: int, old: int, new: int) -> None:
        # The name column stretches with the window: only the other widths are the user's. A
        # section going to or from 0 was hidden or shown by the table (Qt reports some of those
        # later, from its own layout pass), not dragged: a drag stops at the minimum size.
        if self._sizing_columns or section == COL_NAME or 0 in (old, new):
            return
        self._auto_size_columns = False  # the user chose widths: keep them

    def restore_header(self, settings: UiSettings) -> None:
        """The saved column order, widths and sort, or the newest invoices first."""
        header = self.horizontalHeader()
        state = settings.header_state()
        if state is not None and header.restoreState(state):
            self._auto_size_columns = not settings.column_widths_chosen()
        else:
            header.setSortIndicator(COL_INVOICE_DATE, Qt.SortOrder.DescendingOrder)
        self.setSortingEnabled(True)  # sorts by the restored or default indicator

    def save_header(self, settings: UiSettings) -> None:
        settings.set_header_state(self.horizontalHeader().saveState())
        settings.set_column_widths_chosen(not self._auto_size_columns)
