"""The cyclic garbage collector run on the window's thread, and only there.

Python's automatic collection runs on whichever thread happens to allocate. When it frees the
wrapper of a Qt object held in a reference cycle (a closed dialog, a window's helpers) on the
lookup thread, Qt's objects are torn down from the wrong thread: the lookup thread then holds a
lock of Qt's while it waits for the interpreter, and the window's thread holds the interpreter
while it waits for that lock. Both stop for good. While a window is open, automatic collection
is off and this collector does the same work from a timer on the window's thread: the same
generations, when the same thresholds are passed.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot

from qvickly_desk.collector import hand_collection_over, is_paused

__all__ = ["WindowThreadCollector"]

_INTERVAL_MS = 500  # how often the counts are looked at; a look costs microseconds
# A full pass walks every object not set aside at start-up (100,000 invoices: some 50 ms), so it
# is made at most this often; the automatic collector holds full passes back in its own way.
_FULL_PASS_EVERY_S = 10.0


class WindowThreadCollector(QObject):
    """Collects on ``parent``'s thread while it lives; ``stop`` gives collection back."""

    def __init__(self, parent: QObject, busy: Callable[[], bool] = lambda: False) -> None:
        super().__init__(parent)
        self._busy = busy  # a search in flight: its answer is about to be shown
        self._was_busy = False
        self._give_back = hand_collection_over()
        self._timer = QTimer(self)
        self._timer.setInterval(_INTERVAL_MS)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start()
        self._last_full_pass = time.monotonic()

    def stop(self) -> None:
        self._timer.stop()
        self._give_back()

    @Slot()
    def collect_if_due(self) -> int:
        """Collect the generations whose thresholds are passed, as the automatic collector
        would (the youngest, then each older one in turn); how many objects were freed.

        Nothing while a lookup makes a large answer's objects (``collector_paused``): walking
        them as they grow is the cost that pause avoids; nor while the window is ``busy``.
        """
        if is_paused():
            return 0
        # Not while a search runs, nor at the first look after it: its answer is being shown,
        # and a pass then would add to the longest stall of the search.
        was_busy, self._was_busy = self._was_busy, self._busy()
        if was_busy or self._was_busy:
            return 0
        counts, thresholds = gc.get_count(), gc.get_threshold()
        freed = 0
        for generation in range(3):
            if counts[generation] <= thresholds[generation]:
                break
            if generation == 2:
                if time.monotonic() - self._last_full_pass < _FULL_PASS_EVERY_S:
                    break
                self._last_full_pass = time.monotonic()
            freed = gc.collect(generation)
        return freed
