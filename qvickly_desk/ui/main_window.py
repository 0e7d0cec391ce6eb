"""The lookup window: search row, message area, the invoice table and what can be done with it.

The window owns one worker thread. Lookups go to the worker by a queued signal carrying a request
id; only the answer to the latest request is shown, so a search that was superseded or cancelled
can never overwrite a newer one. A new search, Cancel and closing the window all abort the call in
flight, so the worker is free again at once. The window gets everything it talks to (client,
credentials) from outside through :class:`Services`; nothing here reaches for a global.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QThread,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qvickly_desk import __version__
from qvickly_desk.amounts import format_amount
from qvickly_desk.errors import (
    AuthenticationError,
    CredentialsMissingError,
    CredentialsUnavailableError,
    QvicklyError,
    UnsafeLinkError,
)
from qvickly_desk.invoices import Invoice
from qvickly_desk.languages import normalize_language
from qvickly_desk.pno import IdentityNumber
from qvickly_desk.status import StatusChoice
from qvickly_desk.ui.crash import CrashReporter
from qvickly_desk.ui.deferred import clear_button_with_first_text
from qvickly_desk.ui.invoice_model import INVOICE_ROLE, InvoiceTableModel
from qvickly_desk.ui.invoice_rows import (
    COL_BALANCE_DUE,
    COL_DUE_DATE,
    COL_INVOICE_DATE,
    COL_NAME,
    COL_NUMBER,
    COL_PDF,
    COL_STATUS,
    COL_TO_PAY,
    COL_TYPE,
    InvoiceRows,
)
from qvickly_desk.ui.message_area import MessageArea, MessageKind
from qvickly_desk.ui.search_bar import SearchBar
from qvickly_desk.ui.services import Services
from qvickly_desk.ui.ui_settings import LANGUAGE_SYSTEM, UiSettings
from qvickly_desk.ui.worker import LookupWorker, UnexpectedError

if TYPE_CHECKING:
    from qvickly_desk.client import LookupResult  # not at run time: it imports requests

__all__ = ["MainWindow"]

_log = logging.getLogger(__name__)

_DEFAULT_SIZE = (1120, 680)
_COLUMN_PADDING = 14  # px beside the contents, so amounts do not touch the grid
_WAIT_SLICE_MS = 100  # while closing: how often a late-starting call is aborted again
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
_BADGE_STYLE = (
    "QLabel#modeBadge { background: #b45309; color: white; font-weight: bold;"
    " border-radius: 4px; padding: 2px 10px; }"
)


class _CredentialProbe(QObject):
    """Asks the keyring, on the worker thread, whether credentials are stored at all.

    A keyring can take seconds to answer (or wait for an unlock prompt), so the first paint
    never waits for it.
    """

    finished = Signal(bool, object)  # credentials missing, CredentialsUnavailableError or None

    def __init__(self, services: Services) -> None:
        super().__init__()  # no parent: it is moved to the window's thread
        self._services = services

    @Slot()
    def run(self) -> None:
        try:
            store = self._services.credential_store()
            missing = (
                store is not None and store.from_environment() is None and not store.has_secret()
            )
        except CredentialsUnavailableError as error:
            self.finished.emit(False, error)
        except Exception:
            _log.exception("checking for stored credentials failed")
            self.finished.emit(False, None)
        else:
            self.finished.emit(missing, None)


class MainWindow(QMainWindow):
    """The lookup window. ``language`` ("sv" or "en") is the one its texts were translated to.

    ``crash_reporter`` is the app's (installed as the exception hook); without one the window
    makes its own, so an unexpected error in the worker still gets its dialog.
    """

    lookup_requested = Signal(int, object, object)  # request id, IdentityNumber, StatusChoice
    lookup_finished = Signal(int, bool)  # request id, succeeded: an answer was shown
    answer_dropped = Signal(int)  # request id of an answer that came too late to be shown
    _probe_requested = Signal()

    def __init__(
        self,
        services: Services,
        ui_settings: UiSettings,
        language: str,
        parent: QWidget | None = None,
        *,
        crash_reporter: CrashReporter | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._crash_reporter = crash_reporter if crash_reporter is not None else CrashReporter(self)
        self._crash_reporter.set_window(self)
        self._ui_settings = ui_settings
        self._language = normalize_language(language)
        self._next_request_id = 0
        self._pending_id: int | None = None
        self._pending_identity: IdentityNumber | None = None
        self._closed = False
        self._auto_size_columns = True
        self._sizing_columns = False
        self._credentials_dialog: QWidget | None = None

        self.setObjectName("mainWindow")
        title = self.tr("Qvickly Desk")
        if services.demo:
            title = self.tr("%1 — Demo").replace("%1", title)
        self.setWindowTitle(title)

        self.model = InvoiceTableModel(self)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._restore_ui_state()
        self._start_worker()
        self._update_actions()
        self._update_summary()
        self.search_bar.number_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- building -------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.setSpacing(6)

        top = QHBoxLayout()
        self.search_bar = SearchBar(self._language, central)
        self.search_bar.search_requested.connect(self._on_search_requested)
        self.search_bar.cancel_requested.connect(self.cancel_search)
        self.search_bar.status_changed.connect(self._on_status_changed)
        top.addWidget(self.search_bar, 1)
        self.mode_badge = QLabel(central)
        self.mode_badge.setObjectName("modeBadge")
        self.mode_badge.setStyleSheet(_BADGE_STYLE)
        top.addWidget(self.mode_badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self._update_mode_badge()

        self.message_area = MessageArea(central)
        layout.addWidget(self.message_area)

        tools = QHBoxLayout()
        filter_label = QLabel(self.tr("F&ilter:"), central)
        self.filter_edit = QLineEdit(central)
        self.filter_edit.setObjectName("quickFilter")
        self.filter_edit.setPlaceholderText(self.tr("Number, name or status"))
        self.filter_edit.setAccessibleName(self.tr("Quick filter"))
        self.filter_edit.setToolTip(self.tr("Show only invoices containing this text (Ctrl+F)"))
        clear_button_with_first_text(self.filter_edit)
        self.filter_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 36)
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        filter_label.setBuddy(self.filter_edit)
        self.open_pdf_button = QPushButton(self.tr("&Open PDF"), central)
        self.open_pdf_button.setObjectName("openPdfButton")
        self.open_pdf_button.setAutoDefault(False)
        self.open_pdf_button.clicked.connect(self.open_selected_pdf)
        tools.addWidget(filter_label)
        tools.addWidget(self.filter_edit, 1)
        tools.addStretch(1)
        tools.addWidget(self.open_pdf_button)
        layout.addLayout(tools)

        self.table = QTableView(central)
        self.table.setObjectName("invoiceTable")
        self.table.setAccessibleName(self.tr("Invoices"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table instead of walking cells
        self.table.verticalHeader().hide()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_context_menu)
        self.table.doubleClicked.connect(self._on_double_clicked)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Painting a header section asks whether its neighbours' columns are wholly selected,
        # which walks every row through the model once all rows are: after Ctrl+A on 100,000
        # invoices, about two million calls into Python per paint, seconds frozen. The header
        # highlights nothing, so it gets a selection model of its own that stays empty.
        header.setSelectionModel(QItemSelectionModel(self.model, header))
        # The name takes whatever width is left, so the table always fills the window.
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._on_section_resized)
        digit = self.fontMetrics().horizontalAdvance("0")
        for column, chars in _COLUMN_CHARS.items():
            self._sizing_columns = True
            self.table.setColumnWidth(column, chars * digit + 16)
            self._sizing_columns = False
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.selectionModel().currentRowChanged.connect(self._update_actions)
        layout.addWidget(self.table, 1)

        self.summary_label = QLabel(central)
        self.summary_label.setObjectName("summary")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary_label)
        self.setCentralWidget(central)

        # The search bar orders its own fields (number, Sent, Paid, Search, Cancel); then come
        # the message, the filter, the table and its button.
        previous: QWidget = self.search_bar.cancel_button
        for widget in self.message_area.focus_widgets():  # skipped while no message shows
            QWidget.setTabOrder(previous, widget)
            previous = widget
        QWidget.setTabOrder(previous, self.filter_edit)
        QWidget.setTabOrder(self.filter_edit, self.table)
        QWidget.setTabOrder(self.table, self.open_pdf_button)

    def _action(
        self,
        text: str,
        slot: object,
        shortcuts: list[QKeySequence] | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts(shortcuts)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work with the menu bar closed
        return action

    def _build_actions(self) -> None:
        key = QKeySequence
        self.open_pdf_action = self._action(
            self.tr("&Open PDF"), self.open_selected_pdf, [key("Ctrl+O")]
        )
        self.export_action = self._action(
            self.tr("&Export CSV…"), self.on_export_triggered, [key("Ctrl+E")]
        )
        self.quit_action = self._action(self.tr("&Quit"), self.close, [key("Ctrl+Q")])
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.copy_action = self._action(
            self.tr("&Copy rows"), self.copy_selected_rows, [key(key.StandardKey.Copy)]
        )
        self.copy_number_action = self._action(
            self.tr("Copy invoice &number"), self.copy_invoice_number
        )
        self.copy_link_action = self._action(self.tr("Copy PDF &link"), self.copy_pdf_link)
        self.find_action = self._action(
            self.tr("&Find"), self.focus_filter, _unique([key(key.StandardKey.Find), key("Ctrl+F")])
        )
        self.focus_number_action = self._action(
            self.tr("Go to the &number field"), self.focus_number_field, [key("Ctrl+L")]
        )
        self.credentials_action = self._action(
            self.tr("&Credentials and connection…"),
            self.open_credentials_dialog,
            _unique([key(key.StandardKey.Preferences), key("Ctrl+,")]),
        )
        self.credentials_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.about_action = self._action(self.tr("&About Qvickly Desk"), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt_action = self._action(self.tr("About &Qt"), self.show_about_qt)
        self.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)

        # Enter and Return open the PDF only while the table has focus; Esc cancels a search.
        for sequence in (key(Qt.Key.Key_Return), key(Qt.Key.Key_Enter)):
            shortcut = QShortcut(sequence, self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.open_selected_pdf)
        self._cancel_shortcut = QShortcut(key(Qt.Key.Key_Escape), self)
        self._cancel_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self._cancel_shortcut.activated.connect(self.cancel_search)
        self._cancel_shortcut.setEnabled(False)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.open_pdf_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.copy_action)
        edit_menu.addAction(self.copy_number_action)
        edit_menu.addAction(self.copy_link_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.focus_number_action)

        view_menu = bar.addMenu(self.tr("&View"))
        language_menu = view_menu.addMenu(self.tr("&Language"))
        self._language_group = QActionGroup(self)
        self._language_group.setExclusive(True)
        current = self._ui_settings.language_override()
        for text, code in (
            (self.tr("&System language"), LANGUAGE_SYSTEM),
            ("S&venska", "sv"),
            ("&English", "en"),
        ):
            action = QAction(text, self._language_group)
            action.setCheckable(True)
            action.setData(code)
            action.setChecked(code == current)
            language_menu.addAction(action)
        self._language_group.triggered.connect(self._on_language_chosen)

        settings_menu = bar.addMenu(self.tr("Se&ttings"))
        settings_menu.addAction(self.credentials_action)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)
        help_menu.addAction(self.about_qt_action)

    def _start_worker(self) -> None:
        self._worker_thread = QThread(self)
        self._worker_thread.setObjectName("lookup")
        self._worker = LookupWorker(self._services, self._language)
        self._worker.moveToThread(self._worker_thread)
        self._worker_thread.finished.connect(self._worker.deleteLater)
        self.lookup_requested.connect(self._worker.lookup, Qt.ConnectionType.QueuedConnection)
        self._worker.succeeded.connect(self._on_lookup_succeeded)
        self._worker.failed.connect(self._on_lookup_failed)
        self._worker.retrying.connect(self._on_lookup_retrying)

        self._probe = _CredentialProbe(self._services)
        self._probe.moveToThread(self._worker_thread)
        self._worker_thread.finished.connect(self._probe.deleteLater)
        self._probe_requested.connect(self._probe.run, Qt.ConnectionType.QueuedConnection)
        self._probe.finished.connect(self._on_probe_finished)
        self._worker_thread.start()

    @property
    def crash_reporter(self) -> CrashReporter:
        """Where unexpected errors go: the app's reporter, or the window's own."""
        return self._crash_reporter

    # -- searching ------------------------------------------------------------------------------

    def is_searching(self) -> bool:
        return self._pending_id is not None

    def search(self, identity: IdentityNumber, status: StatusChoice) -> int:
        """Start a lookup, superseding any running one; returns its request id."""
        self._next_request_id += 1
        self._services.want(self._next_request_id)
        if self._pending_id is not None:
            self._services.abort()  # the worker is free for this request at once
        self._pending_id = self._next_request_id
        self._pending_identity = identity
        self.message_area.clear()
        self.filter_edit.clear()
        self.model.clear()
        self._set_busy(True)
        self.lookup_requested.emit(self._pending_id, identity, status)
        return self._pending_id

    @Slot()
    def cancel_search(self) -> None:
        """Drop the running search's answer and interrupt its call."""
        if self._pending_id is None:
            return
        self._pending_id = None
        self._services.want(None)
        self._services.abort()
        self._set_busy(False)
        self.message_area.show_message(MessageKind.INFO, self.tr("The search was cancelled."))

    @Slot(object, object)
    def _on_search_requested(self, identity: IdentityNumber, status: StatusChoice) -> None:
        self.search(identity, status)

    @Slot(int, object, object)
    def _on_lookup_succeeded(
        self, request_id: int, result: LookupResult, rows: InvoiceRows
    ) -> None:
        if request_id != self._pending_id:
            self.answer_dropped.emit(request_id)
            return
        identity = self._pending_identity
        self._pending_id = None
        self._set_busy(False)
        self._show_rows(rows)
        if result.row_errors:
            self._show_row_errors(result)
        elif not result.invoices and identity is not None:
            self.message_area.show_message(
                MessageKind.INFO, self.tr("No invoices for %1.").replace("%1", identity.masked())
            )
        self.lookup_finished.emit(request_id, True)

    @Slot(int, object)
    def _on_lookup_failed(self, request_id: int, error: QvicklyError) -> None:
        if request_id != self._pending_id:
            self.answer_dropped.emit(request_id)
            return
        self._pending_id = None
        self._set_busy(False)
        action = None
        needs_credentials = (
            AuthenticationError,
            CredentialsMissingError,
            CredentialsUnavailableError,
        )
        if isinstance(error, needs_credentials) and not self._services.demo:
            action = (self.tr("Credentials…"), self.open_credentials_dialog)
        self.message_area.show_error(error, self._language, action)
        if isinstance(error, UnexpectedError):
            # A fault in our own code: the worker logged its traceback; the dialog offers it.
            self._crash_reporter.report(error.original, "the lookup worker", logged=True)
        self.lookup_finished.emit(request_id, False)

    @Slot(int, float)
    def _on_lookup_retrying(self, request_id: int, seconds: float) -> None:
        if request_id == self._pending_id:
            self.message_area.show_message(
                MessageKind.INFO,
                self.tr("Qvickly asked us to wait; trying again in %1 s.").replace(
                    "%1", f"{seconds:.0f}"
                ),
            )

    def _set_busy(self, busy: bool) -> None:
        self.search_bar.set_busy(busy)
        self._cancel_shortcut.setEnabled(busy)
        if busy:
            self.summary_label.setText(self.tr("Searching…"))
        else:
            self._update_summary()

    def _show_rows(self, rows: InvoiceRows) -> None:
        self.model.set_rows(rows)
        if rows.invoices and self._auto_size_columns:
            self._size_columns_to_contents()
        if self.model.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._update_summary()
        self._update_actions()

    def _show_row_errors(self, result: LookupResult) -> None:
        count = len(result.row_errors)
        lines = [self.tr("%n row(s) of the answer could not be read and are not shown.", "", count)]
        for row_error in result.row_errors[:5]:
            where = row_error.number or str(row_error.index + 1)
            lines.append(f"{where}: {row_error.reason}")
        if count > 5:
            lines.append("…")
        self.message_area.show_message(
            MessageKind.WARNING, "\n".join(lines), self.tr("Some invoices are missing")
        )

    # -- the results ----------------------------------------------------------------------------

    def visible_invoices(self) -> list[Invoice]:
        """The invoices shown, in the order shown (sorted and filtered)."""
        return self.model.invoices_at(range(self.model.rowCount()))

    def selected_invoices(self) -> list[Invoice]:
        """The selected invoices, in the order shown."""
        return self.model.invoices_at(self._selected_rows())

    def _selected_rows(self) -> list[int]:
        """The selected rows, in order, read from the selection's ranges.

        Rows are always selected whole here. ``selectedRows()`` would ask the model about every
        row and column (two million calls into Python after Ctrl+A on 100,000 invoices, seconds
        with the window frozen); a range already says which rows it covers.
        """
        rows: set[int] = set()
        for selected in self.table.selectionModel().selection():
            rows.update(range(selected.top(), selected.bottom() + 1))
        return sorted(rows)

    def current_invoice(self) -> Invoice | None:
        """The invoice the row actions work on: the current row if selected, else the first."""
        selection = self.table.selectionModel()
        current = selection.currentIndex()
        if current.isValid() and selection.isRowSelected(current.row(), QModelIndex()):
            return current.siblingAtColumn(0).data(INVOICE_ROLE)
        tops = [selected.top() for selected in selection.selection()]
        return self.model.invoice_at(min(tops)) if tops else None

    @Slot(str)
    def _on_filter_changed(self, text: str) -> None:
        self.model.set_quick_filter(text)
        selection = self.table.selectionModel()
        if self.model.rowCount() and not selection.hasSelection():
            # The filter hid the selected row: keep a row selected, so Enter opens a PDF.
            selection.setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._update_summary()
        self._update_actions()

    def _update_summary(self) -> None:
        if self._pending_id is not None:
            return
        invoices = self.model.invoices()
        if not invoices:
            self.summary_label.setText("")
            return
        summary = self.model.summary()  # worked out once per answer, not per filter keystroke
        parts = [
            self.tr("%n invoice(s)", "", summary.count),
            self.tr("%n open", "", summary.open_count),
            self.tr("%n overdue", "", summary.overdue_count),
            self.tr("Balance due %1").replace(
                "%1", format_amount(summary.balance_due, self._language)
            ),
        ]
        text = " · ".join(parts)
        shown = self.model.rowCount()
        if shown != summary.count:
            number = QLocale().toString  # the UI language's, as %Ln in the texts above
            text += " — " + self.tr("showing %1 of %2").replace("%1", number(shown)).replace(
                "%2", number(summary.count)
            )
        self.summary_label.setText(text)

    def _size_columns_to_contents(self) -> None:
        """Fit the columns to the answer, with air; the name column takes the rest.

        Only the cells with each column's longest texts are measured, through the view's own
        delegate (font, icon, margins): Qt's ``resizeColumnsToContents`` would ask for up to a
        thousand cells per column, some 70,000 calls into the model, half a second at 3,000
        invoices with the window frozen.
        """
        table = self.table
        header = table.horizontalHeader()
        model = self.model
        self._sizing_columns = True
        try:
            for column, rows in self.model.widest_rows().items():
                if column == COL_NAME:
                    continue
                width = header.sectionSizeHint(column)
                for row in rows:
                    width = max(width, table.sizeHintForIndex(model.index(row, column)).width())
                table.setColumnWidth(column, width + _COLUMN_PADDING)
        finally:
            self._sizing_columns = False

    @Slot(int, int, int)
    def _on_section_resized(self, section: int, _old: int, _new: int) -> None:
        # The name column stretches with the window: only the other widths are the user's.
        if not self._sizing_columns and section != COL_NAME:
            self._auto_size_columns = False  # the user chose widths: keep them

    @Slot()
    def _update_actions(self) -> None:
        invoice = self.current_invoice()
        has_rows = self.table.selectionModel().hasSelection()
        self.copy_action.setEnabled(has_rows)
        self.copy_number_action.setEnabled(invoice is not None)
        self.copy_link_action.setEnabled(invoice is not None and invoice.pdf_url is not None)
        self.export_action.setEnabled(self.model.rowCount() > 0)
        if invoice is None:
            enabled, tip = False, self.tr("Select an invoice to open its PDF.")
        elif invoice.link_problem == "missing":
            enabled, tip = False, self.tr("This invoice has no PDF link.")
        else:
            enabled, tip = True, self.tr("Open the invoice's PDF in the browser (Ctrl+O)")
        for widget in (self.open_pdf_action, self.open_pdf_button):
            widget.setEnabled(enabled)
            widget.setToolTip(tip)
        self.open_pdf_action.setStatusTip(tip)

    # -- opening PDFs ---------------------------------------------------------------------------

    @Slot()
    def open_selected_pdf(self) -> None:
        invoice = self.current_invoice()
        if invoice is not None:
            self.open_pdf(invoice)

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        invoice = index.siblingAtColumn(0).data(INVOICE_ROLE)
        if invoice is not None:
            self.open_pdf(invoice)

    def open_pdf(self, invoice: Invoice) -> bool:
        """Hand an http(s) link to the desktop; anything else is refused with a message."""
        link = invoice.pdf_url
        if link is None:
            if invoice.link_problem == "missing":
                self.message_area.show_message(
                    MessageKind.INFO,
                    self.tr("Invoice %1 has no PDF link.").replace("%1", invoice.number),
                )
            else:
                self.message_area.show_error(UnsafeLinkError(invoice.link_scheme), self._language)
            return False
        from PySide6.QtCore import QUrl  # here and below: classes the first paint does not need
        from PySide6.QtGui import QDesktopServices

        url = QUrl(link, QUrl.ParsingMode.StrictMode)
        # Qt parses on its own; what it will open must be a web address by its reading too.
        if not url.isValid() or url.scheme().lower() not in ("http", "https") or not url.host():
            self.message_area.show_error(UnsafeLinkError(url.scheme() or ""), self._language)
            return False
        if not QDesktopServices.openUrl(url):
            self.message_area.show_message(
                MessageKind.WARNING,
                self.tr("No program on this computer opens web links, so the PDF was not opened."),
            )
            return False
        return True

    # -- copying and exporting ------------------------------------------------------------------

    @Slot()
    def copy_selected_rows(self) -> None:
        """The selected rows as tab-separated text with a header, which pastes into Excel."""
        invoices = self.selected_invoices()
        if not invoices:
            return
        from qvickly_desk.ui.export import rows_as_tsv

        with _waiting():  # a second or two for 100,000 rows
            QGuiApplication.clipboard().setText(rows_as_tsv(invoices, self._language))

    @Slot()
    def copy_invoice_number(self) -> None:
        invoice = self.current_invoice()
        if invoice is not None:
            QGuiApplication.clipboard().setText(invoice.number)

    @Slot()
    def copy_pdf_link(self) -> None:
        invoice = self.current_invoice()
        if invoice is not None and invoice.pdf_url is not None:
            QGuiApplication.clipboard().setText(invoice.pdf_url)

    @Slot()
    def on_export_triggered(self) -> None:
        if not self.model.rowCount():
            return
        path = self.choose_export_path()
        if path:
            self.export_csv(path)

    def choose_export_path(self) -> str:
        """Ask where to save; "" if the person cancelled. Tests replace this method."""
        from PySide6.QtCore import QStandardPaths
        from PySide6.QtWidgets import QFileDialog

        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / (self.tr("invoices") + ".csv"))
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export CSV"), suggested, self.tr("CSV files (*.csv)")
        )
        return path

    def export_csv(self, path: str | Path) -> bool:
        """Write the rows shown, in the order shown, to ``path``; says how it went."""
        from qvickly_desk.ui.export import write_csv

        invoices = self.visible_invoices()
        try:
            with _waiting():
                write_csv(Path(path), invoices, self._language)
        except OSError as error:
            self.message_area.show_message(
                MessageKind.ERROR,
                self.tr("The file could not be written: %1").replace(
                    "%1", error.strerror or type(error).__name__
                ),
                self.tr("Export failed"),
            )
            return False
        self.message_area.show_message(
            MessageKind.INFO,
            self.tr("%n invoice(s) exported to %1.", "", len(invoices)).replace("%1", str(path)),
        )
        return True

    @Slot(QPoint)
    def _on_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid() and not self.table.selectionModel().isRowSelected(
            index.row(), QModelIndex()
        ):
            self.table.selectRow(index.row())
        if self.current_invoice() is None:
            return
        menu = QMenu(self)
        menu.addAction(self.open_pdf_action)
        menu.addSeparator()
        menu.addAction(self.copy_number_action)
        menu.addAction(self.copy_link_action)
        menu.addAction(self.copy_action)
        menu.popup(self.table.viewport().mapToGlobal(position))
        menu.aboutToHide.connect(menu.deleteLater)

    # -- other actions --------------------------------------------------------------------------

    @Slot()
    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    @Slot()
    def focus_number_field(self) -> None:
        self.search_bar.number_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_bar.number_edit.selectAll()

    @Slot()
    def check_credentials(self) -> None:
        """Open the credentials dialog if none are stored; asks the keyring off the GUI thread."""
        if not self._services.demo and not self._closed:
            self._probe_requested.emit()

    @Slot(bool, object)
    def _on_probe_finished(self, missing: bool, error: QvicklyError | None) -> None:
        if self._closed:
            return
        if error is not None:
            self.message_area.show_error(
                error,
                self._language,
                (self.tr("Credentials…"), self.open_credentials_dialog),
            )
        elif missing:
            self.open_credentials_dialog()

    @Slot()
    def open_credentials_dialog(self) -> None:
        """The credentials and connection dialog, window-modal, without blocking the window."""
        if self._credentials_dialog is not None:
            self._credentials_dialog.raise_()
            self._credentials_dialog.activateWindow()
            return
        from qvickly_desk.ui.credentials_dialog import CredentialsDialog

        dialog = CredentialsDialog(self._services, self, ui_language=self._language)
        dialog.settings_changed.connect(self._on_settings_changed)
        dialog.finished.connect(self._on_credentials_dialog_finished)
        self._credentials_dialog = dialog
        dialog.open()

    @Slot(int)
    def _on_credentials_dialog_finished(self, _result: int) -> None:
        dialog, self._credentials_dialog = self._credentials_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    @Slot(object)
    def _on_settings_changed(self, _settings: object) -> None:
        self._update_mode_badge()

    def _update_mode_badge(self) -> None:
        if self._services.demo:
            self.mode_badge.setText(self.tr("Demo"))
            self.mode_badge.setToolTip(
                self.tr("Demo mode: the built-in sandbox with made-up customers; nothing is real.")
            )
        elif self._services.settings.test_mode:
            self.mode_badge.setText(self.tr("Test mode"))
            self.mode_badge.setToolTip(self.tr("Calls are made in the service's test mode."))
        self.mode_badge.setVisible(self._services.demo or self._services.settings.test_mode)
        self.mode_badge.setAccessibleName(self.mode_badge.text())

    @Slot(QAction)
    def _on_language_chosen(self, action: QAction) -> None:
        code = str(action.data() or "")
        self._ui_settings.set_language_override(code)
        self._ui_settings.sync()
        self.message_area.show_message(
            MessageKind.INFO, self.tr("The language changes when Qvickly Desk is started again.")
        )

    @Slot()
    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        text = (
            self.tr("Qvickly Desk %1").replace("%1", __version__)
            + "\n\n"
            + self.tr("Looks up a customer's Qvickly invoices by personal or organisation number.")
        )
        QMessageBox.about(self, self.tr("About Qvickly Desk"), text)

    @Slot()
    def show_about_qt(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.aboutQt(self)

    @Slot(bool, bool)
    def _on_status_changed(self, sent: bool, paid: bool) -> None:
        self._ui_settings.set_status_choice(sent, paid)

    # -- remembering ----------------------------------------------------------------------------

    def _restore_ui_state(self) -> None:
        geometry = self._ui_settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*_DEFAULT_SIZE)
        self.search_bar.set_status_choice(*self._ui_settings.status_choice())
        header = self.table.horizontalHeader()
        state = self._ui_settings.header_state()
        if state is not None and header.restoreState(state):
            self._auto_size_columns = not self._ui_settings.column_widths_chosen()
        else:
            header.setSortIndicator(COL_INVOICE_DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)  # sorts by the restored or default indicator

    def _save_ui_state(self) -> None:
        settings = self._ui_settings
        settings.set_geometry(self.saveGeometry())
        settings.set_header_state(self.table.horizontalHeader().saveState())
        settings.set_column_widths_chosen(not self._auto_size_columns)
        settings.set_status_choice(*self.search_bar.status_choice())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save, abort the call in flight, and wait for the worker so the thread ends cleanly."""
        if not self._closed:
            self._closed = True
            if self._credentials_dialog is not None:
                self._credentials_dialog.close()  # stops its connection test thread first
            self._save_ui_state()
            self._pending_id = None
            self._services.want(None)
            self._services.abort()
            self._worker_thread.quit()
            # The abort may have come just before the worker opened its connection: repeat it.
            while not self._worker_thread.wait(_WAIT_SLICE_MS):
                self._services.abort()
            self._services.close()
        super().closeEvent(event)


@contextmanager
def _waiting() -> Iterator[None]:
    """The busy cursor while the GUI thread does something long that the person asked for."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def _unique(sequences: list[QKeySequence]) -> list[QKeySequence]:
    """Shortcuts without empty or repeated ones (a standard key can be the same as ours)."""
    seen: list[QKeySequence] = []
    for sequence in sequences:
        if not sequence.isEmpty() and sequence not in seen:
            seen.append(sequence)
    return seen
