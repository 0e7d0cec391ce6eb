"""The lookup worker: a QObject living on the window's QThread, so the GUI never waits on I/O.

Requests come in by a queued signal with a request id; answers go out by ``succeeded`` and
``failed`` carrying that id, so the window can drop the answer of a search it has superseded.
Every exception becomes ``failed``: nothing vanishes in the thread.

The worker also prepares the table's rows (texts, sort keys, the summary) for an answer: for a
large customer that is most of the work between the answer and the rows on screen, and here it
runs while the window keeps painting.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QObject, Signal, Slot

from qvickly_desk.errors import CancelledError, QvicklyError
from qvickly_desk.languages import Text
from qvickly_desk.pno import IdentityNumber
from qvickly_desk.status import StatusChoice
from qvickly_desk.ui.invoice_rows import build_invoice_rows
from qvickly_desk.ui.services import Services

__all__ = ["LookupWorker", "UnexpectedError"]

_log = logging.getLogger(__name__)


class UnexpectedError(QvicklyError):
    """A fault in our own code during a lookup: reported, logged with its traceback, survived."""

    text = Text(
        "Ett oväntat fel inträffade i programmet. Försök igen; om det upprepas, kontakta support.",
        "An unexpected error occurred in the program. Try again; if it happens again, contact "
        "support.",
    )

    def __init__(self, error: BaseException) -> None:
        self.original = error
        super().__init__(type(error).__name__)


class LookupWorker(QObject):
    succeeded = Signal(int, object, object)  # request id, LookupResult, InvoiceRows
    failed = Signal(int, object)  # request id, QvicklyError
    retrying = Signal(int, float)  # request id, seconds until the one retry

    def __init__(self, services: Services, language: str) -> None:
        super().__init__()  # no parent: it is moved to the window's thread
        self._services = services
        self._language = language  # the window's: rows are prepared in it

    @Slot(int, object, object)
    def lookup(self, request_id: int, identity: IdentityNumber, status: StatusChoice) -> None:
        try:
            client = self._services.client()
            # Reset first, then ask: an abort for a newer search landing in between still holds.
            client.reset_abort()
            if not self._services.is_wanted(request_id):
                raise CancelledError()
            credentials = self._services.credentials().load()
            result = client.get_invoices_by_pno(
                credentials,
                identity,
                status,
                on_retry=lambda seconds: self.retrying.emit(request_id, seconds),
            )
            # Superseded (or the window closing) before or while the rows are made: stop, so the
            # thread is free for the newer search at once.
            rows = build_invoice_rows(
                result.invoices,
                date.today(),
                self._language,
                should_stop=lambda: not self._services.is_wanted(request_id),
            )
        except QvicklyError as error:
            _log.info("lookup %d failed: %s", request_id, type(error).__name__)
            self.failed.emit(request_id, error)
        except Exception as error:
            _log.exception("lookup %d failed unexpectedly", request_id)
            self.failed.emit(request_id, UnexpectedError(error))
        else:
            self.succeeded.emit(request_id, result, rows)
