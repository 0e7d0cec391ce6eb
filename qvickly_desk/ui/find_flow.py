"""The window's finding and details parts, composed in one place so the window wires them in a
few lines: the customer header, the name chooser, the details pane in a splitter beside the
table, and the searches by invoice number, customer number and name.

It also keeps the results honest: once the field no longer holds what was searched, the header
says the invoices belong to the earlier search; a changed Sent/Paid choice searches again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSplitter, QWidget

from qvickly_desk.errors import InvoiceNotFoundError, QvicklyError
from qvickly_desk.search_modes import SearchMode, SearchQuery
from qvickly_desk.status import StatusChoice
from qvickly_desk.text import safe_text
from qvickly_desk.ui.customer_header import CustomerHeader
from qvickly_desk.ui.details_pane import DetailsPane
from qvickly_desk.ui.message_area import MessageKind
from qvickly_desk.ui.worker import LookupJob

# The lookup jobs with the customer and details parsers they use, the name chooser and the
# details loader (a thread and a client of its own) are imported where a search needs them, not
# for the first paint (``lookup_jobs`` is loaded by the time an answer can arrive).
if TYPE_CHECKING:
    from qvickly_desk.customers import CustomerRecord
    from qvickly_desk.invoices import Invoice
    from qvickly_desk.ui.customer_chooser import CustomerChooser
    from qvickly_desk.ui.details_loader import DetailsLoader, LoadedDetails
    from qvickly_desk.ui.lookup_jobs import NameAnswer
    from qvickly_desk.ui.main_window import MainWindow

__all__ = ["FindFlow"]

_SHARE_KEY = "details/pane_share"  # the pane's part of the splitter, 0.15 to 0.85
_OPEN_KEY = "details/pane_open"
_PANE_SHARE = 0.36
_BESIDE_FROM_PX = 1200  # narrower windows put the pane below the table, so the amounts stay


class FindFlow(QObject):
    """Built by the window once its table exists; ``splitter`` goes where the table went."""

    def __init__(self, window: MainWindow, language: str) -> None:
        super().__init__(window)
        self._window = window
        self._language = language
        self._last: SearchQuery | CustomerRecord | None = None
        self._searched_text = ""
        self._searched_mode = SearchMode.IDENTITY
        self.chooser: CustomerChooser | None = None

        self.header = CustomerHeader(window)
        self.pane = DetailsPane(language, window)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, window)
        self.splitter.setObjectName("detailsSplitter")
        self.splitter.setChildrenCollapsible(True)
        self.splitter.addWidget(window.table)
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.splitterMoved.connect(self._on_splitter_moved)
        self._share = _PANE_SHARE
        self._open = True
        self._loader: DetailsLoader | None = None
        self.toggle_pane_action = QAction(self.tr("&Details pane"), window)
        self.toggle_pane_action.setShortcut(QKeySequence(Qt.Key.Key_F6))
        self.toggle_pane_action.triggered.connect(self.toggle_pane)
        window.addAction(self.toggle_pane_action)
        window.installEventFilter(self)

        bar = window.search_bar
        bar.query_requested.connect(self._on_query_requested)
        bar.status_changed.connect(self._on_status_changed)
        bar.number_edit.textChanged.connect(self._update_stale)
        bar.mode_changed.connect(self._update_stale)
        window.lookup_requested.connect(self._on_lookup_requested)
        window.lookups.succeeded.connect(self._on_lookups_succeeded)
        window.lookups.failed.connect(self._on_lookups_failed)
        window.table.selection_changed.connect(self._follow_current_row)
        # Filtering is one layout change, which can take the current row, or every row, away
        # without a selection signal: the pane checks after the window has filtered (the
        # window's handler is connected before this one).
        window.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self.pane.retry_requested.connect(self._on_pane_retry_requested)
        self.pane.related_requested.connect(self.go_to_invoice)

    @property
    def loader(self) -> DetailsLoader:
        """The pane's loader, with a thread and a client of its own; made when first needed."""
        if self._loader is None:
            from qvickly_desk.ui.details_loader import DetailsLoader

            loader = DetailsLoader(self._window.services, self._language, self)
            loader.loading.connect(self.pane.show_loading)
            loader.loaded.connect(self._on_loader_loaded)
            loader.failed.connect(self._on_loader_failed)
            self._loader = loader
        return self._loader

    def tab_widgets(self) -> list[QWidget]:
        """The pane's widgets in Tab order, after the table."""
        pane = self.pane
        return [pane.text_view, *pane.action_buttons(), pane.retry_button]

    # -- the pane -------------------------------------------------------------------------------

    def pane_open(self) -> bool:
        sizes = self.splitter.sizes()
        return len(sizes) == 2 and sizes[1] > 0

    @Slot()
    def toggle_pane(self) -> None:
        """F6: collapse the pane, or bring it back at the width it had."""
        self._open = not self.pane_open()
        self._apply_sizes()
        if self._open:
            self._follow_current_row()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On a resize of the window: the pane beside the table when wide, below when narrow."""
        if watched is self._window and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._fit_orientation(event.type() == QEvent.Type.Show)
        return False

    def _fit_orientation(self, force: bool = False) -> None:
        wide = self._window.width() >= _BESIDE_FROM_PX
        wanted = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() == wanted and not force:
            return
        self.splitter.setOrientation(wanted)
        self._apply_sizes()

    def _apply_sizes(self) -> None:
        horizontal = self.splitter.orientation() == Qt.Orientation.Horizontal
        total = self.splitter.width() if horizontal else self.splitter.height()
        total = max(total, 200)
        pane = int(total * self._share) if self._open else 0
        self.splitter.setSizes([total - pane, pane])

    @Slot(int, int)
    def _on_splitter_moved(self, _position: int, _index: int) -> None:
        sizes = self.splitter.sizes()
        whole = sizes[0] + sizes[1]
        self._open = sizes[1] > 0
        if self._open and whole:
            self._share = min(max(sizes[1] / whole, 0.15), 0.85)

    def restore(self) -> None:
        settings = self._window.ui_settings
        share = settings.value(_SHARE_KEY)
        try:
            self._share = (
                min(max(float(str(share)), 0.15), 0.85) if share is not None else _PANE_SHARE
            )
        except ValueError:
            self._share = _PANE_SHARE
        self._open = str(settings.value(_OPEN_KEY, "true")).lower() != "false"
        self._fit_orientation(force=True)

    def save(self) -> None:
        settings = self._window.ui_settings
        settings.setValue(_SHARE_KEY, f"{self._share:.3f}")
        settings.setValue(_OPEN_KEY, "true" if self.pane_open() else "false")

    def shut_down(self) -> None:
        self.save()
        if self.chooser is not None:
            self.chooser.close()
        if self._loader is not None:
            self._loader.shut_down()

    def _current_invoice(self) -> Invoice | None:
        return self._window.table.current_invoice() if self._window.model.rowCount() else None

    @Slot()
    def _follow_current_row(self) -> None:
        invoice = self._current_invoice()
        if invoice is None:
            if self._loader is not None:  # none made yet: nothing to stop
                self._loader.follow(None)
            self.pane.show_none()
            return
        if not self.pane_open():
            return  # no calls for a pane nobody sees
        self.loader.follow(invoice)

    @Slot(str)
    def _on_filter_edit_text_changed(self, _text: str) -> None:
        if self._current_invoice() is not self.pane.shown_invoice():  # else it stays, scrolled
            self._follow_current_row()

    @Slot()
    def _on_pane_retry_requested(self) -> None:
        self.loader.retry()

    @Slot(object, object)
    def _on_loader_loaded(self, invoice: Invoice, loaded: LoadedDetails) -> None:
        self.pane.show_details(invoice, loaded.details, loaded.text)

    @Slot(object, object)
    def _on_loader_failed(self, invoice: Invoice, error: QvicklyError) -> None:
        if isinstance(error, InvoiceNotFoundError):  # nothing went wrong: there are none
            self.pane.show_none(
                self.tr("No details are available for invoice %1.").replace(
                    "%1", safe_text(invoice.number, 40)
                )
            )
            return
        self.pane.show_error(invoice, error)

    @Slot(str)
    def go_to_invoice(self, number: str) -> None:
        """Select the invoice ``number`` in the table, or look it up when it is not there."""
        if self._select_row(number):
            return
        if self._window.filter_edit.text():
            self._window.filter_edit.clear()
            if self._select_row(number):
                return
        self._window.search_bar.choose_mode(SearchMode.INVOICE)
        self._window.search_bar.number_edit.setText(number)
        self._window.search_bar.request_search()

    def _select_row(self, number: str) -> bool:
        model = self._window.model
        for row, invoice in enumerate(model.invoices_at(range(model.rowCount()))):
            if invoice.number == number:
                self._window.table.selectionModel().setCurrentIndex(
                    model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self._window.table.scrollTo(model.index(row, 0))
                return True
        return False

    # -- searching ------------------------------------------------------------------------------

    @Slot(object, object)
    def _on_query_requested(self, query: SearchQuery, status: StatusChoice) -> None:
        self._run(query, status)

    def _run(self, query: SearchQuery | CustomerRecord, status: StatusChoice) -> None:
        from qvickly_desk.ui.lookup_jobs import invoices_for_customer

        if not isinstance(query, SearchQuery):  # a customer chosen by name
            job = invoices_for_customer(
                query, status, self._language, query.name, self._window.table.row_order()
            )
        elif query.mode is SearchMode.IDENTITY and query.identity is not None:
            self._window.search(query.identity, status)
            return
        else:
            job = self._job(query, status)
        self._last = query
        self._remember_field()
        self.header.clear()
        self.loader.new_search()
        self.pane.show_none()
        self._window.run_lookup(job, query, status)

    def _job(self, query: SearchQuery, status: StatusChoice) -> LookupJob:
        from qvickly_desk.ui.lookup_jobs import (
            customers_by_name,
            invoices_by_customer_number,
            invoices_by_invoice_number,
        )

        order = self._window.table.row_order()
        if query.mode is SearchMode.INVOICE:
            return invoices_by_invoice_number(query.value, status, self._language, order)
        if query.mode is SearchMode.CUSTOMER:
            return invoices_by_customer_number(query.value, status, self._language, order=order)
        return customers_by_name(query.value)

    def _remember_field(self) -> None:
        bar = self._window.search_bar
        self._searched_text = bar.number_edit.text().strip()
        self._searched_mode = bar.mode()

    @Slot(int, object, object)
    def _on_lookup_requested(self, _request_id: int, what: object, _status: object) -> None:
        from qvickly_desk.pno import IdentityNumber  # loaded by the search that made ``what``

        if isinstance(what, IdentityNumber):  # a search the window started itself
            self._last = SearchQuery(SearchMode.IDENTITY, what.digits, what)
            self._remember_field()
            self.header.clear()
            self.loader.new_search()
            self.pane.show_none()

    @Slot(int, object)
    def _on_lookups_succeeded(self, _request_id: int, answer: object) -> None:
        from qvickly_desk.ui.lookup_jobs import InvoiceAnswer, NameAnswer

        if isinstance(answer, NameAnswer):
            self._show_name_answer(answer)
            return
        if not isinstance(answer, InvoiceAnswer):
            return
        if answer.subject is not None:
            self.header.show_subject(answer.subject, len(answer.result.invoices))
            self._update_stale()
        number = answer.selected_number
        if number and answer.details is not None:
            for invoice in answer.result.invoices:
                if invoice.number == number:
                    self.loader.prime(invoice, answer.details)
            if not self._select_row(number):
                self._window.message_area.show_message(
                    MessageKind.INFO,
                    self.tr(
                        "Invoice %1 is %2's, but not among the statuses asked for: tick Sent "
                        "and Paid to see it."
                    )
                    .replace("%1", safe_text(number, 40))
                    .replace("%2", safe_text(answer.details.customer_name, 80)),
                )
        self._follow_current_row()

    @Slot(int, object)
    def _on_lookups_failed(self, _request_id: int, _error: QvicklyError) -> None:
        self.header.clear()
        self.pane.show_none()

    def _show_name_answer(self, answer: NameAnswer) -> None:
        customers = answer.matches.customers
        status = StatusChoice(*self._window.search_bar.status_choice())
        if not customers:
            self._window.message_area.show_message(
                MessageKind.INFO,
                self.tr("No customer's name matches “%1”.").replace(
                    "%1", safe_text(answer.name, 60)
                ),
            )
            return
        if len(customers) == 1:
            self._run(customers[0], status)
            return
        from qvickly_desk.ui.customer_chooser import CustomerChooser

        if self.chooser is not None:
            self.chooser.deleteLater()  # an earlier name search's
        self.chooser = CustomerChooser(answer.name, customers, self._window)
        self.chooser.chosen.connect(self._on_chooser_chosen)
        self.chooser.setWindowModality(Qt.WindowModality.WindowModal)
        self.chooser.open()

    @Slot(object)
    def _on_chooser_chosen(self, record: CustomerRecord) -> None:
        sent, paid = self._window.search_bar.status_choice()
        if sent or paid:
            self._run(record, StatusChoice(sent, paid))

    # -- stale results and the status choice ----------------------------------------------------

    @Slot()
    def _update_stale(self) -> None:
        bar = self._window.search_bar
        stale = (
            bar.number_edit.text().strip() != self._searched_text
            or bar.mode() is not self._searched_mode
        )
        self.header.set_stale(stale)

    @Slot(bool, bool)
    def _on_status_changed(self, sent: bool, paid: bool) -> None:
        """A changed Sent/Paid choice searches again what is shown (not a stale result)."""
        last = self._last
        if last is None or not (sent or paid) or self.header.subject is None:
            return
        if self.header.is_stale():
            return
        if isinstance(last, SearchQuery) and last.mode is SearchMode.NAME:
            return
        self._run(last, StatusChoice(sent, paid))
