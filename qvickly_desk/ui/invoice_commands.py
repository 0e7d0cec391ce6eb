"""What can be done with the invoices shown: open a PDF, copy, export, and the context menu.

The commands read the table's selection and say how things went in the message area; the window
only connects them. Which commands apply to the selection is decided here too (``update_enabled``),
so an action is never enabled where its command would refuse.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, QPoint, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from qvickly_desk.errors import UnsafeLinkError
from qvickly_desk.invoice import Invoice
from qvickly_desk.text import safe_text
from qvickly_desk.ui.invoice_model import INVOICE_ROLE
from qvickly_desk.ui.invoice_table import InvoiceTableView
from qvickly_desk.ui.message_area import MessageArea, MessageKind
from qvickly_desk.ui.window_actions import WindowActions

__all__ = ["InvoiceCommands"]


class InvoiceCommands(QObject):
    """The invoice commands of one window, working on its table."""

    def __init__(
        self,
        window: QWidget,
        table: InvoiceTableView,
        actions: WindowActions,
        open_pdf_button: QPushButton,
        message_area: MessageArea,
        language: str,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._table = table
        self._actions = actions
        self._open_pdf_button = open_pdf_button
        self._message_area = message_area
        self._language = language
        self._copies = 0  # copies asked for; only the latest one's text reaches the clipboard
        actions.open_pdf.triggered.connect(self._on_open_pdf_triggered)
        open_pdf_button.clicked.connect(self._on_open_pdf_triggered)
        table.activated_by_key.connect(self._on_open_pdf_triggered)
        table.doubleClicked.connect(self._on_table_double_clicked)
        table.customContextMenuRequested.connect(self._on_table_context_menu_requested)
        actions.copy_rows.triggered.connect(self._on_copy_rows_triggered)
        actions.copy_number.triggered.connect(self._on_copy_number_triggered)
        actions.copy_link.triggered.connect(self._on_copy_link_triggered)
        actions.export.triggered.connect(self._on_export_triggered)

    def update_enabled(self) -> None:
        """Enable the commands that apply to the selection, with a tip saying why not."""
        invoice = self._table.current_invoice()
        actions = self._actions
        actions.copy_rows.setEnabled(self._table.has_selection())
        actions.copy_number.setEnabled(invoice is not None)
        actions.copy_link.setEnabled(invoice is not None and invoice.pdf_url is not None)
        actions.export.setEnabled(self._table.model().rowCount() > 0)
        if invoice is None:
            enabled, tip = False, self.tr("Select an invoice to open its PDF.")
        elif invoice.link_problem == "missing":
            enabled, tip = False, self.tr("This invoice has no PDF link.")
        else:
            enabled, tip = True, self.tr("Open the invoice's PDF in the browser (Ctrl+O)")
        for widget in (actions.open_pdf, self._open_pdf_button):
            widget.setEnabled(enabled)
            widget.setToolTip(tip)
        actions.open_pdf.setStatusTip(tip)

    # -- opening PDFs ---------------------------------------------------------------------------

    def open_selected_pdf(self) -> None:
        invoice = self._table.current_invoice()
        if invoice is not None:
            self.open_pdf(invoice)

    @Slot()
    def _on_open_pdf_triggered(self) -> None:
        self.open_selected_pdf()

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        invoice = index.siblingAtColumn(0).data(INVOICE_ROLE)
        if invoice is not None:
            self.open_pdf(invoice)

    def open_pdf(self, invoice: Invoice) -> bool:
        """Hand an http(s) link to the desktop; anything else is refused with a message."""
        link = invoice.pdf_url
        if link is None:
            if invoice.link_problem == "missing":
                self._message_area.show_message(
                    MessageKind.INFO,
                    self.tr("Invoice %1 has no PDF link.").replace(
                        "%1", safe_text(invoice.number, 200)
                    ),
                    about_row=True,
                )
            else:
                self._message_area.show_error(UnsafeLinkError(invoice.link_scheme), self._language)
            return False
        from PySide6.QtCore import QUrl  # here and below: classes the first paint does not need
        from PySide6.QtGui import QDesktopServices

        url = QUrl(link, QUrl.ParsingMode.StrictMode)
        # Qt parses on its own; what it will open must be a web address by its reading too.
        if not url.isValid() or url.scheme().lower() not in ("http", "https") or not url.host():
            self._message_area.show_error(UnsafeLinkError(url.scheme() or ""), self._language)
            return False
        if not QDesktopServices.openUrl(url):
            self._message_area.show_message(
                MessageKind.WARNING,
                self.tr("No program on this computer opens web links, so the PDF was not opened."),
            )
            return False
        return True

    # -- copying and exporting ------------------------------------------------------------------

    def copy_selected_rows(self) -> None:
        """The selected rows as tab-separated text with a header, which pastes into Excel.

        Many rows are made into text on a thread of their own (``background``), and the
        clipboard gets them when they are ready; a newer copy wins over one still under way.
        """
        invoices = self._table.selected_invoices()
        if not invoices:
            return
        from qvickly_desk.export import rows_as_tsv
        from qvickly_desk.ui.background import run_work

        language, today = self._language, self._table.today()
        self._copies += 1
        copy = self._copies

        def copied(text: str) -> None:
            if copy == self._copies:
                QGuiApplication.clipboard().setText(text)

        run_work(
            self,
            "copy-rows",
            lambda: rows_as_tsv(invoices, language, today),
            copied,
            rows=len(invoices),
        )

    @Slot()
    def _on_copy_rows_triggered(self) -> None:
        self.copy_selected_rows()

    @Slot()
    def _on_copy_number_triggered(self) -> None:
        invoice = self._table.current_invoice()
        if invoice is not None:
            QGuiApplication.clipboard().setText(invoice.number)

    @Slot()
    def _on_copy_link_triggered(self) -> None:
        invoice = self._table.current_invoice()
        if invoice is not None and invoice.pdf_url is not None:
            QGuiApplication.clipboard().setText(invoice.pdf_url)

    @Slot()
    def _on_export_triggered(self) -> None:
        if not self._table.model().rowCount():
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
            self._window, self.tr("Export CSV"), suggested, self.tr("CSV files (*.csv)")
        )
        return path

    def export_csv(self, path: str | Path) -> None:
        """Write the rows shown, in the order shown, to ``path``; says how it went.

        Many rows are written on a thread of their own (``background``); the program waits for
        it before it ends, so a file is never left half-written.
        """
        from qvickly_desk.export import write_csv
        from qvickly_desk.ui.background import run_work

        invoices = self._table.visible_invoices()
        language, today, target = self._language, self._table.today(), Path(path)

        def write() -> OSError | None:
            try:
                write_csv(target, invoices, language, today)
            except OSError as error:  # the person must hear of it (full disk, file in use)
                return error
            return None

        def written(error: OSError | None) -> None:
            if error is not None:
                self._message_area.show_message(
                    MessageKind.ERROR,
                    self.tr("The file could not be written: %1").replace(
                        "%1", error.strerror or type(error).__name__
                    ),
                    self.tr("Export failed"),
                )
                return
            self._message_area.show_message(
                MessageKind.INFO,
                self.tr("%n invoice(s) exported to %1.", "", len(invoices)).replace(
                    "%1", str(target)
                ),
            )

        run_work(self, "export-csv", write, written, rows=len(invoices), finish_on_exit=True)

    # -- the context menu -----------------------------------------------------------------------

    @Slot(QPoint)
    def _on_table_context_menu_requested(self, position: QPoint) -> None:
        table = self._table
        index = table.indexAt(position)
        if index.isValid() and not table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            table.selectRow(index.row())
        if table.current_invoice() is None:
            return
        actions = self._actions
        menu = QMenu(self._window)
        menu.addAction(actions.open_pdf)
        menu.addSeparator()
        menu.addAction(actions.copy_number)
        menu.addAction(actions.copy_link)
        menu.addAction(actions.copy_rows)
        menu.popup(table.viewport().mapToGlobal(position))
        menu.aboutToHide.connect(menu.deleteLater)
