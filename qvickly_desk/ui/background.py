"""Long work a person asked for (copying or exporting a big answer), off the window's thread.

Copying 100,000 rows to the clipboard held the window frozen for about a second, and exporting
them as long. The rows are immutable ``Invoice`` tuples and their spreadsheet text is made by
Qt-free functions (:mod:`qvickly_desk.export`), so that work can run on a Python thread while the
window stays usable; the busy cursor (an arrow with a spinner) says it is under way.

The thread never touches Qt: it leaves its outcome in a list, and a timer on the window's
thread picks it up and calls ``done`` there. If the owner is destroyed first (the window
closed), nothing is called and the cursor is given back. An error the work did not expect is
raised on the window's thread, where the crash reporter shows it; work that can fail in a way
the person must hear of (a full disk) returns that failure as its result instead.

Small amounts are done at once: below ``THREAD_FROM`` rows the work takes less than a frame,
and a thread and a poll would only make the result later.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

__all__ = ["THREAD_FROM", "run_work"]

THREAD_FROM = 1000  # rows: about 9 ms of text at the rate of 100,000 in 0.9 s
_POLL_MS = 15

T = TypeVar("T")

_running: set[_Work[Any]] = set()  # the work under way, until it is done or its owner is gone


def run_work(
    owner: QObject,
    name: str,
    work: Callable[[], T],
    done: Callable[[T], None],
    *,
    rows: int,
    finish_on_exit: bool = False,
) -> None:
    """``done(work())`` on the window's thread; ``work`` runs on a thread named ``name`` when
    it covers ``rows`` of at least ``THREAD_FROM``.

    ``finish_on_exit``: the program waits for the work before it ends (a file being written
    must not be cut off); otherwise the work is dropped with the program.
    """
    if rows < THREAD_FROM:
        done(work())
        return
    _Work(owner, name, work, done, finish_on_exit)


class _Work(QObject, Generic[T]):
    """One piece of work on its thread, watched from the window's thread until it is done."""

    def __init__(
        self,
        owner: QObject,
        name: str,
        work: Callable[[], T],
        done: Callable[[T], None],
        finish_on_exit: bool,
    ) -> None:
        super().__init__(owner)
        self._done = done
        # Filled by the thread: (result, None) or (None, error). Only a list is shared.
        self._outcome: list[tuple[T | None, BaseException | None]] = []
        cursor = _BusyCursor()
        self._cursor = cursor

        def gone(*_object: object) -> None:  # also when the window closed first
            cursor.restore()
            _running.discard(self)

        # Qt's parent keeps the object, not its Python side: without this reference the Python
        # side went early, and with it the slots that pick up the outcome and give the cursor back.
        _running.add(self)
        self.destroyed.connect(gone)
        self._timer = QTimer(self)
        self._timer.setInterval(_POLL_MS)
        self._timer.timeout.connect(self._check)
        thread = threading.Thread(
            target=_run, args=(work, self._outcome), name=name, daemon=not finish_on_exit
        )
        thread.start()
        self._timer.start()

    def _check(self) -> None:
        if not self._outcome:
            return
        self._timer.stop()
        self._cursor.restore()
        self.deleteLater()
        result, error = self._outcome[0]
        if error is not None:
            raise error  # on the window's thread, to the crash reporter
        self._done(result)  # type: ignore[arg-type]  # no error: the work returned a T


def _run(work: Callable[[], T], outcome: list[tuple[T | None, BaseException | None]]) -> None:
    try:
        outcome.append((work(), None))
    except BaseException as error:  # handed to the window's thread, never lost here
        outcome.append((None, error))


class _BusyCursor:
    """The busy cursor for as long as one piece of work runs; given back exactly once."""

    def __init__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self._shown = True

    def restore(self) -> None:
        if self._shown:
            self._shown = False
            QGuiApplication.restoreOverrideCursor()
