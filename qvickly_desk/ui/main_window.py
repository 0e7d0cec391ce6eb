"""The lookup window: it composes the search bar, the message area, the table and its commands.

The parts have their own modules (the lookup thread in ``lookup_controller``, the view in
``invoice_table``, actions and menus in ``window_actions``, the commands in ``invoice_commands``).
The window keeps what ties them together: a lookup's outcome in words, the summary line, the mode
badge and the remembered state. What it talks to comes from outside, through :class:`Services`.
"""

from __future__ import annotations

import itertools
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from qvickly_desk.columns import column_headers
from qvickly_desk.errors import (
    AuthenticationError,
    CredentialsMissingError,
    CredentialsUnavailableError,
    QvicklyError,
)
from qvickly_desk.languages import normalize_language
from qvickly_desk.status import StatusChoice
from qvickly_desk.ui.crash import CrashReporter
from qvickly_desk.ui.deferred import after_first_paint, before_first_key
from qvickly_desk.ui.filter_row import FilterRow
from qvickly_desk.ui.find_flow import FindFlow
from qvickly_desk.ui.invoice_commands import InvoiceCommands
from qvickly_desk.ui.invoice_model import InvoiceTableModel
from qvickly_desk.ui.invoice_table import InvoiceTableView
from qvickly_desk.ui.lookup_controller import LookupController
from qvickly_desk.ui.message_area import MessageArea, MessageKind
from qvickly_desk.ui.mode_badge import ModeBadge
from qvickly_desk.ui.search_bar import SearchBar
from qvickly_desk.ui.services import Services
from qvickly_desk.ui.summary_line import SummaryLine
from qvickly_desk.ui.ui_settings import UiSettings
from qvickly_desk.ui.window_actions import WindowActions
from qvickly_desk.ui.window_collector import WindowThreadCollector
from qvickly_desk.ui.window_settings import WindowSettings
from qvickly_desk.ui.worker import LookupJob, UnexpectedError

# Made when first used, not for the first paint: the lookup jobs (with the first search: they
# import the customer and details parsers), the number parser (at the first key typed), the
# announcer (with the first announcement) and the credentials opener (after the first paint,
# or by the Credentials action).
if TYPE_CHECKING:
    from qvickly_desk.pno import IdentityNumber
    from qvickly_desk.ui.announcer import Announcer
    from qvickly_desk.ui.credentials_opener import CredentialsOpener
    from qvickly_desk.ui.field_shortcuts import FieldShortcuts
    from qvickly_desk.ui.lookup_jobs import InvoiceAnswer

__all__ = ["MainWindow"]

_log = logging.getLogger(__name__)

# Failures that a look at the credentials can mend: their message offers the dialog.
_NEEDS_CREDENTIALS = (AuthenticationError, CredentialsMissingError, CredentialsUnavailableError)


class MainWindow(QMainWindow):
    """The lookup window. ``language`` ("sv" or "en") is the one its texts were translated to.

    ``crash_reporter`` is the app's (installed as the exception hook); without one the window
    makes its own, so an unexpected error in the worker still gets its dialog.
    """

    lookup_requested = Signal(int, object, object)  # request id, IdentityNumber, StatusChoice
    lookup_finished = Signal(int, bool)  # request id, succeeded: an answer was shown
    answer_dropped = Signal(int)  # request id of an answer that came too late to be shown

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
        self._pending_identity: IdentityNumber | None = None
        self._closed = False

        self.setObjectName("mainWindow")
        title = self.tr("Qvickly Desk")
        if services.demo:
            title = self.tr("%1 — Demo").replace("%1", title)
        self.setWindowTitle(title)

        self._announcer: Announcer | None = None
        self.model = InvoiceTableModel(self, header_language=self._language)
        self._start_lookups()
        # Collections run here, never on the lookup threads (see window_collector).
        self._collector = WindowThreadCollector(self, busy=self.is_searching)
        self.window_actions = WindowActions(self)
        self._settings = WindowSettings(self)
        self._build_widgets()
        self.commands = InvoiceCommands(
            self,
            self.table,
            self.window_actions,
            self.open_pdf_button,
            self.message_area,
            self._language,
        )
        self._connect_actions()
        # Ctrl+E and the rest work from the fields; nothing is typed before the window is
        # painted (or active), so the filter and its key bindings are made then.
        self._field_shortcuts: FieldShortcuts | None = None
        before_first_key(self, self._watch_field_shortcuts)
        after_first_paint(self, self._prepare_lookups)
        self.window_actions.build_menus(
            self.menuBar(), ui_settings.language_override(), column_headers(self._language)
        )
        self._settings.restore()
        self.commands.update_enabled()
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
        self.search_bar.search_requested.connect(self._on_search_bar_search_requested)
        self.search_bar.cancel_requested.connect(self._on_search_bar_cancel_requested)
        self.search_bar.status_changed.connect(self._settings.on_status_changed)
        top.addWidget(self.search_bar, 1)
        self.mode_badge = ModeBadge(central)
        top.addWidget(self.mode_badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self._settings.update_mode_badge()

        self.message_area = MessageArea(central)
        self.message_area.message_shown.connect(self._on_message_area_message_shown)
        layout.addWidget(self.message_area)

        tools = FilterRow(central)
        self.filter_edit = tools.filter_edit
        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self.filter_edit.returnPressed.connect(self._on_filter_edit_return_pressed)
        self.open_pdf_button = tools.open_pdf_button
        layout.addLayout(tools)

        self.table = InvoiceTableView(self.model, central)
        self.table.selection_changed.connect(self._on_table_selection_changed)
        self.find_flow = FindFlow(self, self._language)  # header, details pane, other searches
        layout.addWidget(self.find_flow.header)
        layout.addWidget(self.find_flow.splitter, 1)

        self.summary_label = SummaryLine(central)
        layout.addWidget(self.summary_label)
        self.setCentralWidget(central)

        # Tab from the number field: the filter, then the table; then its buttons, the details
        # pane, the search choices, and the message (skipped while none shows).
        bar = self.search_bar
        chain: list[QWidget] = [bar.number_edit, self.filter_edit, self.table]
        chain += [self.open_pdf_button, *self.find_flow.tab_widgets(), *bar.choice_widgets()]
        chain += self.message_area.focus_widgets()
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _connect_actions(self) -> None:
        """The actions the invoice commands do not handle themselves; Esc cancels a search."""
        actions = self.window_actions
        actions.quit.triggered.connect(self.close)
        actions.find.triggered.connect(self._on_find_triggered)
        actions.focus_number.triggered.connect(self._on_focus_number_triggered)
        actions.credentials.triggered.connect(self.open_credentials_dialog)
        actions.language_chosen.connect(self._settings.on_language_chosen)
        actions.sort_chosen.connect(self.table.sort_by)
        self.table.horizontalHeader().sortIndicatorChanged.connect(actions.show_sort_column)
        self._cancel_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self._cancel_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self._cancel_shortcut.activated.connect(self._on_search_bar_cancel_requested)
        self._cancel_shortcut.setEnabled(False)

    def _start_lookups(self) -> None:
        self._lookups = LookupController(self._services, self)
        self._lookups.succeeded.connect(self._on_lookups_succeeded)
        self._lookups.failed.connect(self._on_lookups_failed)
        self._lookups.retrying.connect(self._on_lookups_retrying)
        self._lookups.dropped.connect(self.answer_dropped)

    def _prepare_lookups(self) -> None:
        if not self._closed:
            from qvickly_desk.ui.lookup_preload import load_first_lookup_code

            self._lookups.prepare(load_first_lookup_code)

    def _watch_field_shortcuts(self) -> None:
        if self._field_shortcuts is None and not self._closed:
            from qvickly_desk.ui.field_shortcuts import FieldShortcuts

            self._field_shortcuts = FieldShortcuts(self)

    @property
    def announcer(self) -> Announcer:
        """What a screen reader hears without moving focus; made with the first announcement."""
        if self._announcer is None:
            from qvickly_desk.ui.announcer import Announcer

            self._announcer = Announcer(self)
        return self._announcer

    @property
    def credentials(self) -> CredentialsOpener:
        """The credentials dialog's opener; made when first asked (after the first paint)."""
        return self._settings.credentials

    @property
    def crash_reporter(self) -> CrashReporter:
        """Where unexpected errors go: the app's reporter, or the window's own."""
        return self._crash_reporter

    @property
    def language(self) -> str:
        """ "sv" or "en": the language the window's texts were translated to."""
        return self._language

    @property
    def services(self) -> Services:
        return self._services

    @property
    def lookups(self) -> LookupController:
        return self._lookups

    @property
    def ui_settings(self) -> UiSettings:
        return self._ui_settings

    # -- searching ------------------------------------------------------------------------------

    def is_searching(self) -> bool:
        return self._lookups.is_busy()

    def search(self, identity: IdentityNumber, status: StatusChoice) -> int:
        """Start a lookup, superseding any running one; returns its request id."""
        from qvickly_desk.ui.lookup_jobs import invoices_by_identity

        job = invoices_by_identity(identity, status, self._language, self.table.row_order())
        return self.run_lookup(job, identity, status)

    def run_lookup(self, job: LookupJob, subject: object, status: StatusChoice) -> int:
        """Start any lookup job (``subject``: the identity number or query it is for)."""
        from qvickly_desk.pno import IdentityNumber  # loaded by the search that made ``subject``

        request_id = self._lookups.start(job)
        identity = subject if isinstance(subject, IdentityNumber) else None
        self._pending_identity = identity
        self.message_area.clear()
        self.filter_edit.clear()
        self.model.clear()
        self._set_busy(True)
        self.lookup_requested.emit(request_id, subject, status)
        return request_id

    def cancel_search(self) -> None:
        """Drop the running search's answer and interrupt its call."""
        if not self._lookups.cancel():
            return
        self._set_busy(False)
        self.message_area.show_message(MessageKind.INFO, self.tr("The search was cancelled."))

    @Slot(object, object)
    def _on_search_bar_search_requested(
        self, identity: IdentityNumber, status: StatusChoice
    ) -> None:
        self.search(identity, status)

    @Slot()
    def _on_search_bar_cancel_requested(self) -> None:
        self.cancel_search()

    @Slot(int, object)
    def _on_lookups_succeeded(self, request_id: int, answer: InvoiceAnswer) -> None:
        from qvickly_desk.ui.lookup_jobs import InvoiceAnswer  # loaded by the job's making

        if not isinstance(answer, InvoiceAnswer):  # a name search's matches: the chooser's
            self._set_busy(False)
            self.lookup_finished.emit(request_id, True)
            return
        identity = self._pending_identity
        result = answer.result
        self._set_busy(False)
        self.table.show_contents(answer.contents)
        self._update_summary()
        self.commands.update_enabled()
        if result.invoices:
            self.announcer.announce(self.summary_label, self.summary_label.text())
        from qvickly_desk.ui.answer_notes import answer_note  # with the first answer

        note = answer_note(result, identity)
        if note is not None:
            self.message_area.show_message(*note)
        self.lookup_finished.emit(request_id, True)

    @Slot(int, object)
    def _on_lookups_failed(self, request_id: int, error: QvicklyError) -> None:
        self._set_busy(False)
        action = None
        if isinstance(error, _NEEDS_CREDENTIALS) and not self._services.demo:
            action = (self.tr("Credentials…"), self.open_credentials_dialog)
        self.message_area.show_error(error, self._language, action)
        if isinstance(error, UnexpectedError):
            # A fault in our own code: the worker logged its traceback; the dialog offers it.
            self._crash_reporter.report(error.original, "the lookup worker", logged=True)
        self.lookup_finished.emit(request_id, False)

    @Slot(int, float)
    def _on_lookups_retrying(self, _request_id: int, seconds: float) -> None:
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
            self.summary_label.show_searching()
        else:
            self._update_summary()

    # -- the results ----------------------------------------------------------------------------

    @Slot(str)
    def _on_filter_edit_text_changed(self, text: str) -> None:
        self.model.set_quick_filter(text)
        self.table.keep_a_row_selected()
        self._update_summary()
        self.commands.update_enabled()

    @Slot()
    def _on_filter_edit_return_pressed(self) -> None:
        """Enter in the filter: with one row left, open it; else go to the rows to choose."""
        if self.model.rowCount() == 1:
            self.commands.open_selected_pdf()
        elif self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _on_table_selection_changed(self) -> None:
        self.message_area.clear_row_message()  # "1003 has no PDF" is old news on another row
        self.commands.update_enabled()

    @Slot(str, str)
    def _on_message_area_message_shown(self, kind: str, text: str) -> None:
        self.announcer.announce(self.message_area, text, urgent=kind == MessageKind.ERROR)

    def _update_summary(self) -> None:
        if not self._lookups.is_busy():
            self.summary_label.show_totals(self.model, self._language)

    # -- other actions --------------------------------------------------------------------------

    @Slot()
    def _on_find_triggered(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    @Slot()
    def _on_focus_number_triggered(self) -> None:
        self.search_bar.number_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_bar.number_edit.selectAll()

    def check_credentials(self) -> None:
        """Open the credentials dialog if none are stored; asks the keyring off the GUI thread."""
        self.credentials.check()

    @Slot()
    def open_credentials_dialog(self) -> None:
        self.credentials.open_dialog()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save, abort the call in flight, and wait for the lookup thread to end cleanly."""
        if not self._closed:
            self._closed = True
            if self._field_shortcuts is not None:
                self._field_shortcuts.stop()
            self._settings.close()
            self.find_flow.shut_down()
            self._lookups.shut_down()
            self._services.close()
            self._collector.stop()  # its threads have ended: collection can run anywhere again
        super().closeEvent(event)
