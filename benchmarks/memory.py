"""5. Peak memory with 100,000 invoices loaded in the window against the app idle.

A fresh process (``python -m benchmarks.memory``, offscreen Qt) opens the real window on a
sandbox in another process, so the sandbox's own memory is not counted. Idle is the resident
memory (``VmRSS``) once the window has painted and settled, with the client already made by a
search that found nothing, so that requests and the TLS setup are in both figures. Then the
large customer is searched through the real worker thread; the peak (``VmHWM``, reset just
before) covers the answer's bytes, the JSON, the parsed invoices and the model at once.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from benchmarks.common import (
    LARGE_CUSTOMER_PNO,
    Config,
    Row,
    peak_rss_mb,
    report_rows,
    reset_peak_rss,
    rss_mb,
    sandbox_process,
)
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

__all__ = ["main"]


def _settle(seconds: float) -> None:
    gc.collect()
    until = time.perf_counter() + seconds
    wait_until(lambda: time.perf_counter() >= until)


def measure(config: Config) -> list[Row]:
    guard = NoneGuard()
    with (
        sandbox_process({LARGE_CUSTOMER_PNO: config.large}) as sandbox,
        tempfile.TemporaryDirectory(prefix="qvickly-memory-") as folder,
    ):
        window, watch = open_window(services_for(QvicklyClient, sandbox.url), Path(folder))
        search_and_wait(window, watch, EMPTY_PNO)
        _settle(0.5)
        idle = rss_mb()
        exact_peak = reset_peak_rss()
        succeeded, _ = search_and_wait(window, watch, LARGE_CUSTOMER_PNO)
        assert succeeded and window.model.rowCount() == config.large
        peak = peak_rss_mb()
        _settle(0.5)
        loaded = rss_mb()
        dispose(window)
        guard.top_up()
    per_invoice = (loaded - idle) * 1024 * 1024 / config.large
    how = "VmHWM reset before the search" if exact_peak else "VmHWM since start"
    return [
        Row(
            "memory",
            f"peak RSS, search and show {config.large:,} invoices",
            peak,
            "app idle",
            idle,
            unit="MiB",
            note=f"{how}; after settling {loaded:,.0f} MiB, "
            f"{per_invoice:,.0f} bytes per invoice kept",
        ),
        Row(
            "memory",
            f"kept per invoice shown, {config.large:,} invoices",
            per_invoice,
            "the bar",
            _KEPT_BAR,
            unit="B",
            bar="<= 1 KB",
            limit=_KEPT_BAR,
            limit_on_value=True,
            note="RSS after settling less RSS idle, per invoice",
        ),
    ]


_KEPT_BAR = 1024.0


def main(argv: list[str]) -> int:
    config = Config.from_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    report_rows(measure(config))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
