"""4. The window's stalls during real searches, and how long the person waits (Enter -> rows).

Part of ``python -m benchmarks.window`` (see that module): a 5 ms ``QTimer`` ticks on the GUI
thread through real searches (worker thread, HTTP, verify, parse, model) against a sandbox in
another process; the longest gap between ticks is the figure, the longest gap of the same timer
while idle the baseline. The median time from the search to the painted rows of the large
answer is the Enter -> rows figure.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from benchmarks.common import LARGE_CUSTOMER_PNO, Config, Row, median, sandbox_process
from benchmarks.qt_harness import (
    EMPTY_PNO,
    NoneGuard,
    dispose,
    open_window,
    search_and_wait,
    services_for,
    wait_until,
)
from qvickly_desk.client import QvicklyClient
from qvickly_desk.sandbox import BIG_CUSTOMER_PNO
from qvickly_desk.sandbox.data import BIG_CUSTOMER_INVOICES
from qvickly_desk.ui import background
from qvickly_desk.ui.main_window import MainWindow

__all__ = ["SEARCH_BAR_MS", "STALL_BAR_MS", "stall_figures"]

STALL_BAR_MS = 16.0  # one frame
SEARCH_BAR_MS = 1500.0  # Enter -> rows shown, at the large size, sandbox on loopback
_TICK_MS = 5


class _TickProbe(QObject):
    """A 5 ms timer on the GUI thread; the gaps between its ticks are the event loop's stalls."""

    def __init__(self) -> None:
        super().__init__()
        self.ticks: list[float] = []
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(_TICK_MS)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())

    def start(self) -> None:
        self.ticks = [time.perf_counter()]
        self._timer.start()

    def stop(self) -> float:
        """The longest gap between ticks (or since the last one), in ms."""
        self._timer.stop()
        ends = [*self.ticks, time.perf_counter()]
        return max(later - earlier for earlier, later in itertools.pairwise(ends)) * 1000


def stall_figures(config: Config, folder: Path, guard: NoneGuard) -> list[Row]:
    """The longest GUI stall during real searches, against the same probe while idle."""
    rows: list[Row] = []
    with sandbox_process({LARGE_CUSTOMER_PNO: config.large}) as sandbox:
        window, watch = open_window(services_for(QvicklyClient, sandbox.url), folder)
        probe = _TickProbe()
        # Warm: the client, requests and the sandbox's lazily built customer.
        search_and_wait(window, watch, BIG_CUSTOMER_PNO)
        for pno, count, bar in (
            (BIG_CUSTOMER_PNO, BIG_CUSTOMER_INVOICES, True),
            (LARGE_CUSTOMER_PNO, config.large, False),
        ):
            stalls: list[float] = []
            idles: list[float] = []
            spans: list[float] = []
            repeat = config.repeat if bar else min(config.repeat, 2)
            for _ in range(repeat):
                search_and_wait(window, watch, EMPTY_PNO)
                probe.start()
                started = time.perf_counter()
                succeeded, painted = search_and_wait(window, watch, pno)
                stalls.append(probe.stop())
                spans.append((painted - started) * 1000)
                assert succeeded, window.message_area.text()
                idle_until = time.perf_counter() + min(spans[-1], 2000) / 1000
                probe.start()
                wait_until(lambda until=idle_until: time.perf_counter() >= until)
                idles.append(probe.stop())
                guard.top_up()
            rows.append(
                Row(
                    "window",
                    f"longest GUI stall, search of {count:,} invoices",
                    max(stalls),
                    "same 5 ms probe, idle",
                    max(idles),
                    bar=f"<= {STALL_BAR_MS:.0f} ms" if bar else "",
                    limit=STALL_BAR_MS if bar else None,
                    limit_on_value=True,
                    note=f"worst of {repeat} searches (median {median(stalls):.0f} ms); "
                    f"search to rows shown {median(spans):,.0f} ms",
                )
            )
            if not bar:  # the large answer: how long the person waits, Enter to rows
                rows.append(
                    Row(
                        "window",
                        f"Enter -> rows shown, {count:,} invoices (sandbox on loopback)",
                        median(spans),
                        "the bar",
                        SEARCH_BAR_MS,
                        bar=f"<= {SEARCH_BAR_MS:,.0f} ms",
                        limit=SEARCH_BAR_MS,
                        limit_on_value=True,
                        note=f"median of {repeat}; HTTP, verify, parse, rows and paint",
                    )
                )
                rows.append(_copy_stall(window, probe, count, repeat))
        dispose(window)
    return rows


def _copy_stall(window: MainWindow, probe: _TickProbe, count: int, repeat: int) -> Row:
    """Ctrl+C of every row shown: the longest stall with the text made on its thread, against
    the same copy made on the window's thread (as before ``ui.background``)."""
    window.table.selectAll()

    def one_copy() -> float:
        clipboard = QGuiApplication.clipboard()
        clipboard.clear()
        probe.start()
        window.window_actions.copy_rows.trigger()
        wait_until(lambda: clipboard.text() != "")
        return probe.stop()

    threaded = [one_copy() for _ in range(repeat)]
    saved = background.THREAD_FROM
    background.THREAD_FROM = count + 1  # the same copy, made where it was before
    try:
        inline = [one_copy() for _ in range(repeat)]
    finally:
        background.THREAD_FROM = saved
    return Row(
        "window",
        f"longest GUI stall, copying {count:,} rows to the clipboard",
        max(threaded),
        "the same copy on the window's thread",
        max(inline),
        note=f"worst of {repeat} each; the text made on a thread of its own "
        f"from {saved:,} rows; what is left is the clipboard's setText",
    )
