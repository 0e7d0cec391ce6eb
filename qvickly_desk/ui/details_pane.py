"""The pane beside the table: the current invoice's details, and what can be done with them.

Its text is the core's ``details_text`` (the very block ``show`` prints), shown as plain text; the
line above it says the invoice's status in words. It has four states: none (no invoice, or no
details available), loading, shown and error (with Retry; an error stays here, never in the
window's message area). "Loading" appears only after a short delay, so a quick answer or a cached
one never makes the pane flicker.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from qvickly_desk.errors import QvicklyError
from qvickly_desk.formatting import format_amount
from qvickly_desk.text import one_line, safe_text

if TYPE_CHECKING:  # the details parser is imported with the first details, not at start-up
    from qvickly_desk.details import Address, InvoiceDetails
    from qvickly_desk.invoices import Invoice

__all__ = ["LOADING_DELAY_MS", "DetailsPane"]

LOADING_DELAY_MS = 250
"""How long a load may take before the pane says "loading" (a quicker one never flickers)."""

_NONE, _LOADING, _SHOWN, _ERROR = range(4)
_STATE_NAMES = ("none", "loading", "shown", "error")


def _address_text(address: Address) -> str:
    place = " ".join(part for part in (address.zip, address.city) if part)
    parts = (address.name, address.company, address.street, address.street2, place)
    return "\n".join(safe_text(part, 120) for part in parts if part)


class DetailsPane(QWidget):
    """Shows one invoice's details; asks the window to select or find the related invoice."""

    related_requested = Signal(str)  # the related invoice's number
    retry_requested = Signal()

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPane")
        self._language = language
        self._invoice: Invoice | None = None
        self._details: InvoiceDetails | None = None
        self._related = ""
        self._fixed_font_set = False
        self._loading_delay = QTimer(self)
        self._loading_delay.setSingleShot(True)
        self._loading_delay.setInterval(LOADING_DELAY_MS)
        self._loading_delay.timeout.connect(self._on_loading_delay_timeout)

        self.title = QLabel(self)
        self.title.setObjectName("detailsTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.stack = QStackedWidget(self)
        self.none_label = self._plain_label(self.tr("Select an invoice to see its details."))
        self.loading_label = self._plain_label(self.tr("Loading the details…"))
        self.text_view = QPlainTextEdit(self)
        self.text_view.setObjectName("detailsText")
        self.text_view.setReadOnly(True)
        self.text_view.setTabChangesFocus(True)
        self.text_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text_view.setAccessibleName(self.tr("Invoice details"))
        error_page = QWidget(self)
        error_layout = QVBoxLayout(error_page)
        self.error_label = self._plain_label("")
        self.error_label.setObjectName("detailsError")
        self.retry_button = QPushButton(self.tr("&Try again"), error_page)
        self.retry_button.setObjectName("detailsRetry")
        self.retry_button.clicked.connect(self.retry_requested)
        error_layout.addWidget(self.error_label)
        error_layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignLeft)
        error_layout.addStretch(1)
        for page in (self.none_label, self.loading_label, self.text_view, error_page):
            self.stack.addWidget(page)

        self.related_button = QPushButton(self)
        self.related_button.setObjectName("relatedButton")
        self.related_button.setToolTip(self.tr("Select the related invoice (Ctrl+J)"))
        self.related_button.clicked.connect(self.request_related)
        self.pdf_button = QPushButton(self.tr("PDF"), self)
        self.pdf_button.setObjectName("detailsPdfButton")
        self.pdf_button.setToolTip(self.tr("Open this invoice's PDF"))
        self.pdf_button.clicked.connect(self.open_pdf)
        self.copy_address_button = QPushButton(self.tr("Copy address"), self)
        self.copy_address_button.clicked.connect(self.copy_address)
        self.copy_email_button = QPushButton(self.tr("Copy e-mail"), self)
        self.copy_email_button.clicked.connect(self.copy_email)
        self.copy_all_button = QPushButton(self.tr("Copy details"), self)
        self.copy_all_button.setToolTip(self.tr("The whole details as text, for an e-mail"))
        self.copy_all_button.clicked.connect(self.copy_all)
        self._action_buttons = (
            self.related_button,
            self.pdf_button,
            self.copy_address_button,
            self.copy_email_button,
            self.copy_all_button,
        )
        for button in self._action_buttons:
            button.setAutoDefault(False)
        related_key = QShortcut(QKeySequence("Ctrl+J"), self)
        related_key.setContext(Qt.ShortcutContext.WindowShortcut)
        related_key.setWhatsThis(self.tr("Select the related invoice (credit or original)"))
        related_key.activated.connect(self.request_related)

        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        for button in self._action_buttons:
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        layout.addLayout(actions)
        self.show_none()

    def _plain_label(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return label

    # -- states ---------------------------------------------------------------------------------

    def state(self) -> str:
        """ "none", "loading", "shown" or "error": what the agent sees now."""
        return _STATE_NAMES[self.stack.currentIndex()]

    def shown_invoice(self) -> Invoice | None:
        return self._invoice

    def details(self) -> InvoiceDetails | None:
        return self._details if self.state() == "shown" else None

    def show_none(self, text: str = "") -> None:
        self._loading_delay.stop()
        self._set(None, None)
        self.title.setText("")
        self.none_label.setText(text or self.tr("Select an invoice to see its details."))
        self.stack.setCurrentIndex(_NONE)

    def show_loading(self, invoice: Invoice) -> None:
        """A load began: keep what is shown for a moment, then say "loading"."""
        self._invoice = invoice
        self.title.setText(self.tr("Invoice %1").replace("%1", safe_text(invoice.number, 40)))
        if not self._loading_delay.isActive() and self.state() != "loading":
            self._loading_delay.start()

    @Slot()
    def _on_loading_delay_timeout(self) -> None:
        self._set(self._invoice, None)
        self.stack.setCurrentIndex(_LOADING)

    def show_details(self, invoice: Invoice, details: InvoiceDetails, text: str = "") -> None:
        """Show ``details``; ``text`` is their ``details_text`` when made already (off-thread)."""
        # Here, not at the top: the details parser they import is not needed for the first paint.
        from qvickly_desk.details_text import details_text
        from qvickly_desk.status_words import status_in_words

        self._loading_delay.stop()
        today = date.today()
        words = status_in_words(details, today, self._language)
        number = safe_text(details.number or invoice.number, 40)
        parts = [self.tr("Invoice %1").replace("%1", number), words]
        balance = details.balance_due
        if balance is not None and balance < 0:  # a credit: the merchant owes the customer
            parts.append(
                self.tr("credit to the customer %1").replace(
                    "%1", format_amount(-balance, self._language)
                )
            )
        elif balance is not None:
            parts.append(
                self.tr("balance due %1").replace("%1", format_amount(balance, self._language))
            )
        self.title.setText(" · ".join(parts))
        if not self._fixed_font_set:  # asking the system for it costs the first paint 3 ms
            from PySide6.QtGui import QFontDatabase

            self._fixed_font_set = True
            self.text_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text_view.setPlainText(text or details_text(details, self._language, today))
        self._set(invoice, details)
        self.stack.setCurrentIndex(_SHOWN)

    def show_error(self, invoice: Invoice, error: QvicklyError) -> None:
        self._loading_delay.stop()
        self._set(invoice, None)
        self.title.setText(self.tr("Invoice %1").replace("%1", safe_text(invoice.number, 40)))
        self.error_label.setText(
            self.tr("The details could not be loaded: %1").replace(
                "%1", safe_text(error.message(self._language), 300)
            )
        )
        self.stack.setCurrentIndex(_ERROR)

    def _set(self, invoice: Invoice | None, details: InvoiceDetails | None) -> None:
        self._invoice, self._details = invoice, details
        related = ""
        if details is not None:
            related = one_line(details.related_number)
        if not related and invoice is not None:
            related = one_line(invoice.credit_invoice_id)
        self._related = related if related.isdigit() else ""
        self.related_button.setText(
            self.tr("Related: %1").replace("%1", safe_text(self._related, 20))
            if self._related
            else self.tr("No related invoice")
        )
        self.related_button.setEnabled(bool(self._related))
        self.pdf_button.setEnabled(details is not None and details.pdf_url is not None)
        self.copy_address_button.setEnabled(details is not None)
        self.copy_email_button.setEnabled(details is not None and bool(details.billing.email))
        self.copy_all_button.setEnabled(details is not None)

    # -- actions --------------------------------------------------------------------------------

    def action_buttons(self) -> tuple[QPushButton, ...]:
        return self._action_buttons

    def related_number(self) -> str:
        return self._related

    @Slot()
    def request_related(self) -> None:
        if self._related:
            self.related_requested.emit(self._related)

    @Slot()
    def open_pdf(self) -> None:
        url = self._details.pdf_url if self._details is not None else None
        if url is not None:
            from PySide6.QtCore import QUrl  # here: classes the first paint does not need
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(QUrl(url))

    @Slot()
    def copy_address(self) -> None:
        if self._details is not None:
            QGuiApplication.clipboard().setText(_address_text(self._details.billing))

    @Slot()
    def copy_email(self) -> None:
        if self._details is not None and self._details.billing.email:
            QGuiApplication.clipboard().setText(safe_text(self._details.billing.email, 200))

    @Slot()
    def copy_all(self) -> None:
        if self._details is not None:
            QGuiApplication.clipboard().setText(self.text_view.toPlainText())
