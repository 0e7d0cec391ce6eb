"""The lookup thread and its request ids: run a job off the GUI thread; only the latest answers.

The controller owns one ``QThread`` ("lookup") and the worker on it. ``start`` hands a job to the
worker by a queued signal carrying a request id; only the answer to the latest request comes out
of ``succeeded``/``failed``, so a search that was superseded or cancelled can never overwrite a
newer one. A new search, ``cancel`` and ``shut_down`` all abort the call in flight, so the worker
is free again at once. No widget is involved: the controller is tested on its own.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from qvickly_desk.errors import QvicklyError
from qvickly_desk.ui.services import Services
from qvickly_desk.ui.worker import LookupJob, LookupWorker, RequestGate

__all__ = ["LookupController"]

_WAIT_SLICE_MS = 100  # while shutting down: how often a late-starting call is aborted again
# How long the window's thread may wait for the interpreter while a lookup runs Python (parsing
# an answer): Python's default, 5 ms, made each timer tick and paint of the window wait up to that
# long, several times a frame. At 1 ms the longest stall of a 3,000-invoice search fell by a
# quarter; the lookup itself is not measurably slower.
_SWITCH_INTERVAL_S = 0.001


class LookupController(QObject):
    """Runs lookup jobs on the lookup thread, one wanted request at a time."""

    succeeded = Signal(int, object)  # request id, what the job returned
    failed = Signal(int, object)  # request id, QvicklyError
    retrying = Signal(int, float)  # request id, seconds until the one retry
    dropped = Signal(int)  # request id of an answer that came too late to be shown
    _job_requested = Signal(int, object)  # request id, LookupJob
    _preparation_requested = Signal(object)  # Callable[[], None]

    def __init__(
        self, services: Services, parent: QObject | None = None, thread_name: str = "lookup"
    ) -> None:
        super().__init__(parent)
        sys.setswitchinterval(min(sys.getswitchinterval(), _SWITCH_INTERVAL_S))
        self._services = services
        self._gate = RequestGate()
        self._next_request_id = 0
        self._pending_id: int | None = None
        self._thread = QThread(self)
        self._thread.setObjectName(thread_name)
        self._worker = LookupWorker(services, self._gate)
        self.move_to_lookup_thread(self._worker)
        self._job_requested.connect(self._worker.run, Qt.ConnectionType.QueuedConnection)
        self._preparation_requested.connect(
            self._worker.prepare, Qt.ConnectionType.QueuedConnection
        )
        self._worker.succeeded.connect(self._on_worker_succeeded)
        self._worker.failed.connect(self._on_worker_failed)
        self._worker.retrying.connect(self._on_worker_retrying)
        self._thread.start()

    def move_to_lookup_thread(self, helper: QObject) -> None:
        """Let a parentless QObject do its slow work on the lookup thread; deleted with it."""
        helper.moveToThread(self._thread)
        self._thread.finished.connect(helper.deleteLater)

    @property
    def pending_id(self) -> int | None:
        """The request whose answer is awaited, None when none is."""
        return self._pending_id

    def is_busy(self) -> bool:
        return self._pending_id is not None

    def start(self, job: LookupJob) -> int:
        """Run ``job``, superseding any running one; returns its request id."""
        self._next_request_id += 1
        self._gate.want(self._next_request_id)
        if self._pending_id is not None:
            self._services.abort()  # the worker is free for this request at once
        self._pending_id = self._next_request_id
        self._job_requested.emit(self._pending_id, job)
        return self._pending_id

    def prepare(self, work: Callable[[], None]) -> None:
        """Run ``work`` on the lookup thread, in turn with the jobs, answering nobody: code a
        first lookup would otherwise load while the person waits."""
        self._preparation_requested.emit(work)

    def cancel(self) -> bool:
        """Drop the running request's answer and interrupt its call; False if none was running."""
        if self._pending_id is None:
            return False
        self._pending_id = None
        self._gate.want(None)
        self._services.abort()
        return True

    def shut_down(self) -> None:
        """Abort the call in flight and wait for the thread to end (the window is closing)."""
        self._pending_id = None
        self._gate.want(None)
        self._services.abort()
        self._thread.quit()
        # The abort may have come just before the worker opened its connection: repeat it.
        while not self._thread.wait(_WAIT_SLICE_MS):
            self._services.abort()

    @Slot(int, object)
    def _on_worker_succeeded(self, request_id: int, answer: object) -> None:
        if request_id != self._pending_id:
            self.dropped.emit(request_id)
            return
        self._pending_id = None
        self.succeeded.emit(request_id, answer)

    @Slot(int, object)
    def _on_worker_failed(self, request_id: int, error: QvicklyError) -> None:
        if request_id != self._pending_id:
            self.dropped.emit(request_id)
            return
        self._pending_id = None
        self.failed.emit(request_id, error)

    @Slot(int, float)
    def _on_worker_retrying(self, request_id: int, seconds: float) -> None:
        if request_id == self._pending_id:
            self.retrying.emit(request_id, seconds)
