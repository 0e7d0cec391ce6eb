"""Driving the real window from a benchmark: waiting in an event loop, seeing paints, searching.

Waiting happens in a real ``QEventLoop``, as under ``app.exec()``: the GUI thread sleeps until
something happens instead of spinning ``processEvents`` and fighting the worker thread for the
GIL, which would distort exactly what is measured. A paint is timed by a zero-timer queued when
the paint event arrives, which runs once that paint is done.

PySide6 6.12.0 on CPython 3.11 drops a reference to ``None`` on every call of a method that
returns nothing (``update()``, ``setText()``, ``processEvents()``, ...); after some thousands of
such calls the interpreter aborts with "deallocating None". :class:`NoneGuard` puts the lost
references back between measurements so that the benchmark survives, and counts them.
"""

from __future__ import annotations

import ctypes
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QWidget

from qvickly_desk.client import LookupResult
from qvickly_desk.collector import freeze_start_up_objects
from qvickly_desk.credentials import Credentials, FixedCredentials
from qvickly_desk.pno import parse_identity_number
from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET
from qvickly_desk.settings import Settings
from qvickly_desk.status import StatusChoice
from qvickly_desk.ui.main_window import MainWindow
from qvickly_desk.ui.services import Services
from qvickly_desk.ui.ui_settings import UiSettings

__all__ = [
    "EMPTY_PNO",
    "STATUS",
    "CannedClient",
    "NoneGuard",
    "PaintWatch",
    "dispose",
    "open_window",
    "search_and_wait",
    "services_for",
    "wait_until",
]

STATUS = StatusChoice.parse("sent,paid")
EMPTY_PNO = "195505050558"  # the documented identity with no invoices: empties the table
_CREDENTIALS = Credentials(DEMO_EID, DEMO_SECRET)
_TIMEOUT = 180.0
_FALLBACK_MS = 25


class _Waiter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self._loop = QEventLoop(self)
        self._done: Callable[[], bool] | None = None
        self._deadline = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(_FALLBACK_MS)
        self._timer.timeout.connect(self.poke)

    def wait(self, done: Callable[[], bool], timeout: float) -> None:
        if done():
            return
        self._done, self._deadline = done, time.monotonic() + timeout
        self._timer.start()
        try:
            self._loop.exec()
        finally:
            self._timer.stop()
            self._done = None
        if not done():
            raise TimeoutError("the window did not get there in time")

    def poke(self) -> None:
        if self._done is not None and (self._done() or time.monotonic() > self._deadline):
            self._loop.quit()


_waiter: _Waiter | None = None


def _the_waiter() -> _Waiter:
    global _waiter
    if _waiter is None:
        _waiter = _Waiter()
    return _waiter


def wait_until(done: Callable[[], bool], timeout: float = _TIMEOUT) -> None:
    """Run the event loop until ``done()``; it is checked on paints, answers and every 25 ms."""
    _the_waiter().wait(done, timeout)


def poke() -> None:
    _the_waiter().poke()


class PaintWatch(QObject):
    """Notes when each paint of a widget began and finished (``perf_counter``)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.paints: list[tuple[float, float]] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            began = time.perf_counter()
            QTimer.singleShot(0, lambda: self._finished(began))
        return False

    def _finished(self, began: float) -> None:
        self.paints.append((began, time.perf_counter()))
        del self.paints[:-64]
        poke()

    def _first_since(self, since: float) -> float | None:
        return next((end for began, end in self.paints if began >= since), None)

    def paint_after(self, since: float) -> float:
        """When the first paint that began after ``since`` finished, waiting for it if need be."""
        wait_until(lambda: self._first_since(since) is not None)
        end = self._first_since(since)
        assert end is not None
        return end


class NoneGuard:
    """Puts back the references to ``None`` that PySide6 6.12 drops on CPython 3.11."""

    def __init__(self) -> None:
        self._level = sys.getrefcount(None)
        self.restored = 0

    def top_up(self) -> None:
        missing = self._level - sys.getrefcount(None)
        if missing > 0 and sys.version_info < (3, 12):
            for _ in range(missing):
                ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
            self.restored += missing


class CannedClient:
    """Stands in for ``QvicklyClient``: returns the result it is given and notes when."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.result = LookupResult(())
        self.answered_at = 0.0

    def get_invoices_by_pno(self, *args: object, **kwargs: object) -> LookupResult:
        self.answered_at = time.perf_counter()
        return self.result

    def abort(self) -> None:
        pass

    def reset_abort(self) -> None:
        pass

    def close(self) -> None:
        pass


def services_for(make_client: Callable[[Settings], object], url: str = "") -> Services:
    """Services with the demo credentials and the given client factory."""
    return Services(
        Settings(
            api_url=url or "http://127.0.0.1:9/", test_mode=True, language="sv", read_timeout=120.0
        ),
        make_client=make_client,  # type: ignore[arg-type]
        make_credentials=lambda: FixedCredentials(_CREDENTIALS),
    )


def open_window(services: Services, folder: Path) -> tuple[MainWindow, PaintWatch]:
    """The lookup window, shown and painted once, with a watch on its table."""
    window = MainWindow(services, UiSettings.from_file(folder / "ui.ini"), "sv")
    window.resize(1120, 680)
    watch = PaintWatch(window.table.viewport())
    window.show()
    wait_until(lambda: bool(watch.paints))
    freeze_start_up_objects()  # as the program does after its first paint (cli._run_window)
    window.lookup_finished.connect(lambda *_: poke())
    return window, watch


def dispose(widget: QWidget) -> None:
    """Close ``widget`` and delete it now, on this thread.

    A closed ``MainWindow`` stays in a reference cycle; left to Python's cyclic collector it
    would be destroyed wherever a collection happens to run, possibly on the next window's
    worker thread, which tears Qt objects down from the wrong thread and crashes.
    """
    gone: list[bool] = []
    widget.destroyed.connect(lambda *_: gone.append(True))
    widget.close()
    widget.deleteLater()
    wait_until(lambda: bool(gone))
    gc.collect()


def search_and_wait(window: MainWindow, watch: PaintWatch, pno: str) -> tuple[bool, float]:
    """Search through the window; (succeeded, ``perf_counter`` when the rows were painted)."""
    outcome: dict[str, bool] = {}
    answered: list[float] = []

    def finished(_request_id: int, succeeded: bool) -> None:
        outcome["succeeded"] = succeeded
        answered.append(time.perf_counter())

    window.lookup_finished.connect(finished)
    try:
        window.search(parse_identity_number(pno), STATUS)
        wait_until(lambda: "succeeded" in outcome)
        painted = watch.paint_after(answered[0])
    finally:
        window.lookup_finished.disconnect(finished)
    return outcome["succeeded"], painted
