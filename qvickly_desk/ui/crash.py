"""Unexpected errors: logged with their traceback, shown in one dialog, and survived.

An exception nobody caught (in a slot, a timer, a Python thread, or one the lookup worker turned
into :class:`~qvickly_desk.ui.worker.UnexpectedError`) must neither vanish nor end the program
while an agent has a customer on the line. :class:`CrashReporter` installs ``sys.excepthook`` and
``threading.excepthook``; each error is written to the log (masked by the log's filter) and listed
in one non-modal :class:`~qvickly_desk.ui.crash_dialog.CrashDialog`, whose "Copy details" gives
support what they need.

The details are built for being pasted into a ticket: versions, platform and the traceback, with
file paths shortened (no user name), identity numbers masked and exception messages shortened. No
local variable is ever included, so the secret and invoice data held in variables cannot leak
through them. An exception's own message is kept, masked, because it is what makes a report useful;
the code never puts the secret or a customer name into one.

A second error while the dialog is open is added to it; the same error again only raises its count,
so a storm of errors (a timer raising on every tick) makes one line, a handful of log entries and
no pile of windows. The hooks may be called on any thread: the dialog is only ever touched on the
GUI thread, through a queued signal.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

# The report's making (dataclasses, tracebacks, versions) is imported with the first error:
# 5 M of the start-up's instructions, and most sessions have none.
if TYPE_CHECKING:
    from qvickly_desk.ui.crash_dialog import CrashDialog
    from qvickly_desk.ui.crash_report import CrashEntry, ErrorKey

__all__ = ["CrashReporter"]

_log = logging.getLogger(__name__)

_MAX_KEYS = 1000  # different errors counted for the log in one session; then counting stops
_MAX_DESCRIBED = 100  # formatted tracebacks kept for reuse, so a storm formats each kind once


# -- the reporter ---------------------------------------------------------------------------------


class CrashReporter(QObject):
    """Catches what nobody else caught, logs it, shows it, and lets the program go on.

    Create it on the GUI thread. ``install()`` takes over ``sys.excepthook`` and
    ``threading.excepthook``; ``uninstall()`` gives them back. A window that is given no reporter
    makes its own, uninstalled one, for the errors the worker reports.
    """

    reported = Signal(object)  # CrashEntry, on the GUI thread, once the dialog shows it
    _arrived = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._pending: dict[ErrorKey, tuple[CrashEntry, int]] = {}
        self._delivery_queued = False
        self._seen: dict[ErrorKey, int] = {}
        self._described: dict[tuple[ErrorKey, str], CrashEntry] = {}
        self._inside = threading.local()
        self._window: QWidget | None = None
        self._dialog: CrashDialog | None = None
        self._dialog_broken = False
        self._total = 0
        self._previous: tuple[Callable[..., object], Callable[..., object]] | None = None
        self._arrived.connect(self._on_arrived, Qt.ConnectionType.QueuedConnection)

    # -- hooks ----------------------------------------------------------------------------------

    def install(self) -> None:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
            sys.excepthook = self.excepthook
            threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        """Put back the hooks found at ``install()``, unless someone replaced ours since."""
        if self._previous is None:
            return
        previous_sys, previous_threading = self._previous
        self._previous = None
        if sys.excepthook == self.excepthook:
            sys.excepthook = previous_sys
        if threading.excepthook == self.thread_excepthook:
            threading.excepthook = previous_threading

    def is_installed(self) -> bool:
        return self._previous is not None

    def excepthook(
        self,
        exc_type: type[BaseException],
        exc_value: BaseException,
        exc_traceback: TracebackType | None,
    ) -> None:
        """``sys.excepthook``: unhandled errors of the GUI thread and of Qt's threads."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc_value, exc_traceback)
            return
        if exc_value.__traceback__ is None and exc_traceback is not None:
            exc_value = exc_value.with_traceback(exc_traceback)
        from qvickly_desk.ui.crash_report import where_now

        self._report_safely(exc_value, where_now())

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        """``threading.excepthook``: errors that end a Python thread."""
        if args.exc_type is SystemExit or args.exc_value is None:
            return  # a thread that exits on purpose, as the default hook treats it
        error = args.exc_value
        if error.__traceback__ is None and args.exc_traceback is not None:
            error = error.with_traceback(args.exc_traceback)
        name = args.thread.name if args.thread is not None else "?"
        self._report_safely(error, f"thread {name}")

    # -- reporting ------------------------------------------------------------------------------

    def report(self, error: BaseException, where: str = "", logged: bool = False) -> None:
        """Log ``error`` (unless its traceback was ``logged`` already) and show it; any thread."""
        from dataclasses import replace

        from qvickly_desk.ui.crash_report import describe_error, error_key, where_now

        where = where or where_now()
        key = error_key(error)
        with self._lock:
            self._total += 1
            if key in self._seen:
                self._seen[key] += 1
                count = self._seen[key]
            elif len(self._seen) < _MAX_KEYS:
                self._seen[key] = count = 1
            else:
                count = 0  # too many different errors to count: log each, it is rare enough
        if not logged:
            self._log(error, where, count)
        with self._lock:
            described = self._described.get((key, where))
        if described is None:
            # Formatting is the costly part: once per kind of error, outside the lock.
            described = describe_error(error, where)
            with self._lock:
                if len(self._described) < _MAX_DESCRIBED:
                    self._described[(key, where)] = described
        entry = replace(described, first_seen=datetime.now(UTC))
        with self._lock:
            previous = self._pending.get(key)
            if previous is not None:
                entry = previous[0]
            self._pending[key] = (entry, (previous[1] if previous else 0) + 1)
            queue_delivery = not self._delivery_queued
            self._delivery_queued = True
        if queue_delivery:
            self._arrived.emit()

    def report_count(self) -> int:
        """How many unexpected errors were reported since the reporter was made."""
        with self._lock:
            return self._total

    @property
    def dialog(self) -> CrashDialog | None:
        """The open dialog, if any."""
        return self._dialog

    def set_window(self, window: QWidget | None) -> None:
        """The window the dialog opens over (and closes with)."""
        self._window = window

    def _report_safely(self, error: BaseException, where: str) -> None:
        """Report, and never raise from a hook: a fault here falls back to Python's printout."""
        if getattr(self._inside, "active", False):
            sys.__excepthook__(type(error), error, error.__traceback__)
            return
        self._inside.active = True
        try:
            if isValid(self):
                self.report(error, where)
            else:  # the app is gone (interpreter shutdown): at least the log gets it
                self._log(error, where, 1)
        except Exception:
            sys.__excepthook__(type(error), error, error.__traceback__)
        finally:
            self._inside.active = False

    def _log(self, error: BaseException, where: str, count: int) -> None:
        """The first time with its traceback, then at 2, 4, 8, ... times, so a storm stays small."""
        name = type(error).__qualname__
        if count == 1 or count == 0:
            _log.error(
                "unexpected error in %s", where, exc_info=(type(error), error, error.__traceback__)
            )
            stream = sys.stderr
            if stream is not None:  # a windowed program has none
                from qvickly_desk.ui.crash_report import format_traceback

                try:
                    stream.write(format_traceback(error))
                    stream.flush()
                except (OSError, ValueError):
                    pass
        elif count & (count - 1) == 0:
            _log.error("unexpected error %s in %s again (%d times so far)", name, where, count)

    @Slot()
    def _on_arrived(self) -> None:
        """On the GUI thread: everything reported since the last delivery goes to the dialog."""
        with self._lock:
            pending, self._pending = self._pending, {}
            self._delivery_queued = False
        if not pending or self._dialog_broken or QApplication.instance() is None:
            return
        try:
            dialog = self._open_dialog()
            for entry, times in pending.values():
                dialog.add(entry, times)
        except Exception:
            # The dialog itself failing must not start a storm of its own: no more dialogs.
            self._dialog_broken = True
            _log.exception("the error dialog could not be shown")
            return
        for entry, _times in pending.values():
            self.reported.emit(entry)

    def _open_dialog(self) -> CrashDialog:
        if self._dialog is not None and isValid(self._dialog):
            return self._dialog
        # Imported on the first error: its widget classes cost the first paint some 30 ms.
        from qvickly_desk.ui.crash_dialog import CrashDialog

        window = self._window if self._window is not None and isValid(self._window) else None
        dialog = CrashDialog(window)
        dialog.finished.connect(self._on_dialog_finished)
        self._dialog = dialog
        dialog.show()  # never exec(): no nested event loop, the window keeps working
        return dialog

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is not None and isValid(dialog):
            dialog.deleteLater()
