"""The credentials dialog's connection test: one lookup of the service's test person, off the GUI.

It runs on a one-thread pool the test owns, with the values typed in the dialog, saved or not, so
a wrong key is found before it is saved and the dialog never freezes. ``stop`` drops whatever is
still on its way and waits for the call to end, so closing the dialog leaves no thread behind.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from qvickly_desk.credentials import Credentials, CredentialSource
from qvickly_desk.errors import QvicklyError
from qvickly_desk.settings import Settings
from qvickly_desk.ui.worker import UnexpectedError

if TYPE_CHECKING:
    from qvickly_desk.client import LookupResult, QvicklyClient

__all__ = ["TEST_IDENTITY", "ConnectionTest", "TestRequest"]

_log = logging.getLogger(__name__)

TEST_IDENTITY = "195501011018"
"""The service's documented test person, who has invoices in test mode."""

_STOP_POLL_MS = 50


@dataclass(frozen=True)
class TestRequest:
    """What one connection test uses: settings, and typed or stored credentials.

    ``secret`` is the typed secret, or None to take the secret from ``source`` (the keyring, or
    the demo account); ``eid`` is the typed merchant id, or None to take the source's too.
    ``make_client`` makes the test's client from ``settings`` (the window's services do, so the
    demo's test stays on its sandbox); without it the client is the real service's.
    """

    __test__ = False  # not a pytest test class, despite its name

    settings: Settings
    eid: str | None = None
    secret: str | None = field(default=None, repr=False)
    source: CredentialSource | None = None
    make_client: Callable[[Settings], QvicklyClient] | None = None

    def credentials(self) -> Credentials:
        """Read on the test's thread, since a keyring may block while it asks to be unlocked."""
        if self.eid is not None and self.secret is not None:
            return Credentials(self.eid, self.secret)
        if self.source is None:
            raise ValueError("a test request needs a secret or a source")
        stored = self.source.load()
        return Credentials(self.eid or stored.eid, stored.secret)


class ConnectionTest(QObject):
    """Runs one test at a time; ``succeeded``/``failed`` come only for the latest one started."""

    succeeded = Signal(object)  # LookupResult
    failed = Signal(object)  # QvicklyError

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._request_id = 0
        self._running: _TestRun | None = None
        # Every run stays referenced here, on the GUI thread, until it has ended: a run is never
        # freed by the pool thread (PySide's callable wrapper freed its Python object there, and
        # the suite crashed about one run in ten).
        self._runs: list[_TestRun] = []
        # The pool is a child: were the dialog ever deleted without closing, its destructor
        # waits for the test instead of destroying a running thread.
        self._pool = QThreadPool(self)
        self._pool.setObjectName("connectionTestPool")
        self._pool.setMaxThreadCount(1)
        # A child made after the pool, so the pool (deleted first) has waited for every test
        # before the relay goes. Parentless, it could be freed by the pool thread dropping the
        # last test run's reference: a QObject deleted outside its thread, which crashed.
        self._relay = _Relay(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._relay.succeeded.connect(self._on_relay_succeeded, queued)
        self._relay.failed.connect(self._on_relay_failed, queued)

    def is_running(self) -> bool:
        return self._running is not None

    def start(self, request: TestRequest) -> None:
        self._request_id += 1
        self._runs = [each for each in self._runs if not each.ended.is_set()]
        run = _TestRun(self._request_id, request, self._relay)
        self._runs.append(run)
        self._running = run
        self._pool.start(run)

    def stop(self) -> None:
        """Drop the running test's answer, interrupt its call and wait for it to end."""
        run = self._running
        self._request_id += 1  # whatever is still on its way is dropped
        self._running = None
        if run is None:
            return
        run.stop()
        # A stop can land just before the test opens its connection; repeat it until the test
        # ends. The call's own timeouts bound this in any case.
        while not self._pool.waitForDone(_STOP_POLL_MS):
            run.stop()

    @Slot(int, object)
    def _on_relay_succeeded(self, request_id: int, result: LookupResult) -> None:
        if request_id != self._request_id:
            return  # stopped meanwhile
        self._running = None
        self.succeeded.emit(result)

    @Slot(int, object)
    def _on_relay_failed(self, request_id: int, error: QvicklyError) -> None:
        if request_id != self._request_id:
            return
        self._running = None
        self.failed.emit(error)


class _Relay(QObject):
    """Carries a test's outcome from the pool thread to the GUI thread, by queued signals."""

    succeeded = Signal(int, object)  # request id, LookupResult
    failed = Signal(int, object)  # request id, QvicklyError


class _TestRun(QRunnable):
    """One connection test: ``run`` on a pool thread, ``stop`` from the GUI thread.

    Not deleted by the pool (``autoDelete`` off): the test that started it lets it go, on the GUI
    thread, once ``ended`` is set.
    """

    def __init__(self, request_id: int, request: TestRequest, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.ended = threading.Event()
        self._request_id = request_id
        self._request: TestRequest | None = request
        self._relay = relay
        self._lock = threading.Lock()
        self._client: QvicklyClient | None = None
        self._stopping = False

    def run(self) -> None:
        from qvickly_desk.client import QvicklyClient
        from qvickly_desk.pno import parse_identity_number
        from qvickly_desk.status import StatusChoice

        request_id, request = self._request_id, self._request
        self._request = None  # the typed secret is dropped with this test, not kept in it
        client: QvicklyClient | None = None
        try:
            assert request is not None, "a connection test runs once"
            credentials = request.credentials()
            make_client = request.make_client or QvicklyClient
            client = make_client(request.settings)
            with self._lock:
                if self._stopping:
                    return
                self._client = client
            result = client.get_invoices_by_pno(
                credentials,
                parse_identity_number(TEST_IDENTITY),
                StatusChoice(sent=True, paid=True),
            )
        except QvicklyError as error:
            _log.info("connection test %d failed: %s", request_id, type(error).__name__)
            self._relay.failed.emit(request_id, error)
        except Exception as error:
            _log.exception("connection test %d failed unexpectedly", request_id)
            self._relay.failed.emit(request_id, UnexpectedError(error))
        else:
            self._relay.succeeded.emit(request_id, result)
        finally:
            with self._lock:
                self._client = None
            if client is not None:
                client.close()
            self.ended.set()

    def stop(self) -> None:
        """Interrupt the call in flight, or keep it from starting; callable from any thread."""
        with self._lock:
            self._stopping = True
            client = self._client
        if client is not None:
            client.abort()
