"""The lookup thread's worker: runs one job at a time off the GUI thread, tagged with a request id.

A job is any core call wrapped in a function of a :class:`JobContext` (see
:mod:`qvickly_desk.ui.lookup_jobs`); the worker does not know which call it runs. Jobs come in by a
queued signal with a request id; answers go out by ``succeeded`` and ``failed`` carrying that id,
so the controller can drop the answer of a search it has superseded. Every exception becomes
``failed``: nothing vanishes in the thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QObject, Signal, Slot

from qvickly_desk.errors import CancelledError, QvicklyError
from qvickly_desk.languages import Text
from qvickly_desk.ui.services import Services

__all__ = ["JobContext", "LookupJob", "LookupWorker", "RequestGate", "UnexpectedError"]

_log = logging.getLogger(__name__)


class UnexpectedError(QvicklyError):
    """A fault in our own code during a lookup: reported, logged with its traceback, survived."""

    text = Text(
        sv="Ett oväntat fel inträffade i programmet. Försök igen; om det upprepas, kontakta "
        "support.",
        en="An unexpected error occurred in the program. Try again; if it happens again, contact "
        "support.",
    )

    def __init__(self, error: BaseException) -> None:
        self.original = error
        super().__init__(type(error).__name__)


class RequestGate:
    """The only request whose job may still run (None: none).

    Set on the GUI thread before the call in flight is aborted, read on the lookup thread, so a
    job superseded before it starts never reaches the network.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wanted: int | None = None

    def want(self, request_id: int | None) -> None:
        with self._lock:
            self._wanted = request_id

    def is_wanted(self, request_id: int) -> bool:
        with self._lock:
            return self._wanted == request_id


class JobContext(NamedTuple):  # not a dataclass: made at start-up, 10x quicker to define
    """What a job gets: the services, whether to stop early, and where to report a retry."""

    services: Services
    should_stop: Callable[[], bool]
    report_retry: Callable[[float], None]


LookupJob = Callable[[JobContext], object]
"""A core call to run on the lookup thread; what it returns is the answer ``succeeded`` carries."""


class LookupWorker(QObject):
    succeeded = Signal(int, object)  # request id, what the job returned
    failed = Signal(int, object)  # request id, QvicklyError
    retrying = Signal(int, float)  # request id, seconds until the one retry

    def __init__(self, services: Services, gate: RequestGate) -> None:
        super().__init__()  # no parent: it is moved to the lookup thread
        self._services = services
        self._gate = gate

    @Slot(object)
    def prepare(self, work: Callable[[], None]) -> None:
        """Work that makes a later lookup quicker and answers nobody; a fault is only logged
        (the lookup that needs the same code meets it again and reports it)."""
        try:
            work()
        except Exception:
            _log.exception("preparing the lookups failed")

    @Slot(int, object)
    def run(self, request_id: int, job: LookupJob) -> None:
        try:
            client = self._services.client()
            # Reset first, then ask: an abort for a newer search landing in between still holds.
            client.reset_abort()
            if not self._gate.is_wanted(request_id):
                raise CancelledError()
            answer = job(
                JobContext(
                    services=self._services,
                    # Superseded (or the window closing) while the answer is prepared: stop, so
                    # the thread is free for the newer search at once.
                    should_stop=lambda: not self._gate.is_wanted(request_id),
                    report_retry=lambda seconds: self.retrying.emit(request_id, seconds),
                )
            )
        except QvicklyError as error:
            _log.info("lookup %d failed: %s", request_id, type(error).__name__)
            self.failed.emit(request_id, error)
        except Exception as error:
            _log.exception("lookup %d failed unexpectedly", request_id)
            self.failed.emit(request_id, UnexpectedError(error))
        else:
            self.succeeded.emit(request_id, answer)
