"""Loads the details of the table's current invoice, off the GUI thread, sparingly.

The pane follows the current row, and an agent holding an arrow key crosses 200 rows in a few
seconds: a load starts only once the row has stayed put for a short settle time, at most one call
is in flight (a newer row aborts the older call and its answer is dropped), and answers are kept
for the current search, so coming back to a row shows it at once. The calls go through a client of
their own (``Services.sibling``) on a thread of their own, so a long search and the details never
wait for or abort each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from qvickly_desk.errors import QvicklyError
from qvickly_desk.ui.lookup_controller import LookupController
from qvickly_desk.ui.services import Services
from qvickly_desk.ui.worker import JobContext, LookupJob

if TYPE_CHECKING:  # the details parser and text are imported at the first load, not at start-up
    from qvickly_desk.details import InvoiceDetails
    from qvickly_desk.invoices import Invoice

__all__ = ["SETTLE_MS", "DetailsLoader", "LoadedDetails", "details_key"]

SETTLE_MS = 180
"""How long the current row must stay put before its details are asked for."""


@dataclass(frozen=True)
class LoadedDetails:
    """An invoice's details and their text for the pane, made on the details thread."""

    details: InvoiceDetails
    text: str

    @classmethod
    def of(cls, details: InvoiceDetails, language: str) -> LoadedDetails:
        from qvickly_desk.details_text import details_text

        return cls(details, details_text(details, language, date.today()))


def details_key(invoice: Invoice) -> str:
    """What the cache holds an invoice's details under: its hash, else its number."""
    return f"h:{invoice.hash}" if invoice.hash else f"n:{invoice.number}"


def _details_job(invoice: Invoice, language: str) -> LookupJob:
    def job(context: JobContext) -> LoadedDetails:
        credentials = context.services.credentials().load()
        client = context.services.client()
        if invoice.hash:
            details = client.get_invoice_by_hash(
                credentials, invoice.hash, on_retry=context.report_retry
            )
        else:
            details = client.get_payment_info(
                credentials, invoice.number, on_retry=context.report_retry
            )
        return LoadedDetails.of(details, language)  # the text too, off the GUI thread

    return job


class DetailsLoader(QObject):
    """``follow`` the current invoice; ``loading``, ``loaded`` or ``failed`` say what became of it.

    Each signal carries the invoice it is about, and only ever the one followed now.
    """

    loading = Signal(object)  # Invoice
    loaded = Signal(object, object)  # Invoice, LoadedDetails
    failed = Signal(object, object)  # Invoice, QvicklyError
    call_started = Signal(object)  # Invoice: a call was sent (tests count them)

    def __init__(
        self,
        services: Services,
        language: str,
        parent: QObject | None = None,
        settle_ms: int = SETTLE_MS,
    ) -> None:
        super().__init__(parent)
        self._language = language
        self._main_services = services
        self._services = services.sibling()
        self._controller = LookupController(self._services, self, "details")
        self._controller.succeeded.connect(self._on_controller_succeeded)
        self._controller.failed.connect(self._on_controller_failed)
        self._cache: dict[str, LoadedDetails] = {}
        self._wanted: Invoice | None = None
        self.call_count = 0  # calls sent so far (the figures and tests count them)
        self._asked: dict[int, Invoice] = {}
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(settle_ms)
        self._settle.timeout.connect(self._on_settle_timeout)

    @property
    def wanted(self) -> Invoice | None:
        return self._wanted

    def is_loading(self) -> bool:
        return self._settle.isActive() or self._controller.is_busy()

    def new_search(self) -> None:
        """A new search: forget the answers kept and drop any load in flight."""
        self._cache.clear()
        self._wanted = None
        self._settle.stop()
        self._controller.cancel()

    def prime(self, invoice: Invoice, details: InvoiceDetails) -> None:
        """Details that came with the search itself (an invoice-number search): no call."""
        self._cache[details_key(invoice)] = LoadedDetails.of(details, self._language)

    def cached(self, invoice: Invoice) -> LoadedDetails | None:
        return self._cache.get(details_key(invoice))

    def follow(self, invoice: Invoice | None) -> None:
        """The current row changed: show what is kept at once, else load after the settle time."""
        if (
            invoice is not None
            and self._wanted is not None
            and details_key(invoice) == details_key(self._wanted)
            and self.is_loading()
        ):
            return  # the same row again: the load under way is the one wanted
        self._wanted = invoice
        self._settle.stop()
        if invoice is None:
            self._controller.cancel()
            return
        kept = self._cache.get(details_key(invoice))
        if kept is not None:
            self._controller.cancel()
            self.loaded.emit(invoice, kept)
            return
        self.loading.emit(invoice)
        self._settle.start()

    def retry(self) -> None:
        """Ask again for the followed invoice (after an error)."""
        invoice, self._wanted = self._wanted, None
        self.follow(invoice)

    def shut_down(self) -> None:
        self._settle.stop()
        self._controller.shut_down()
        self._services.close()

    @Slot()
    def _on_settle_timeout(self) -> None:
        invoice = self._wanted
        if invoice is None:
            return
        self._services.update_settings(self._main_services.settings)
        request_id = self._controller.start(_details_job(invoice, self._language))
        self._asked = {request_id: invoice}  # only the newest request's answer can come out
        self.call_count += 1
        self.call_started.emit(invoice)

    @Slot(int, object)
    def _on_controller_succeeded(self, request_id: int, details: LoadedDetails) -> None:
        invoice = self._asked.pop(request_id, None)
        if invoice is None:
            return
        self._cache[details_key(invoice)] = details
        if self._wanted is not None and details_key(self._wanted) == details_key(invoice):
            self.loaded.emit(invoice, details)

    @Slot(int, object)
    def _on_controller_failed(self, request_id: int, error: QvicklyError) -> None:
        invoice = self._asked.pop(request_id, None)
        if invoice is None:
            return
        if self._wanted is not None and details_key(self._wanted) == details_key(invoice):
            self.failed.emit(invoice, error)
