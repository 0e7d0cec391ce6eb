"""The details pane and the name chooser: GUI stalls and one frame of work.

Runs in a process of its own (``python -m benchmarks.details_pane``, offscreen Qt), through the
real ``MainWindow``:

* Stall while details load and show: a 5 ms ``QTimer`` ticks on the GUI thread from the moment
  the current row changes until the pane shows an invoice of 200 article lines (loaded on the
  details thread by a client that hands over ready details after 30 ms, as a quick network
  would); the longest gap is the figure, the same probe over the same time while idle the baseline.
* Cached row change: the work from changing the current row to a row whose details are kept
  until the pane has them on screen (its text set and painted at once, not waiting for the next
  frame); the bar is one 60 Hz frame.
* Name search of 500 matches: the name answer handed to the window until the chooser has
  painted, against a bare ``QTableView`` over the same 500 rows in a dialog (the least a chooser
  can cost); the bar is no stall over 16 ms.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QDialog, QTableView, QVBoxLayout

from benchmarks.common import Config, Row, invoices_for, median, report_rows
from benchmarks.qt_harness import (
    CannedClient,
    PaintWatch,
    dispose,
    open_window,
    search_and_wait,
    services_for,
    wait_until,
)
from benchmarks.window_stalls import _TickProbe
from qvickly_desk.client import LookupResult
from qvickly_desk.customers import CustomerRecord
from qvickly_desk.details import ArticleLine, InvoiceDetails, parse_invoice_details
from qvickly_desk.lookup_results import CustomerMatches
from qvickly_desk.settings import Settings
from qvickly_desk.ui.lookup_jobs import NameAnswer

__all__ = ["main"]

_FRAME_MS = 1000 / 60
_NETWORK_S = 0.03
_PNO = "191212121212"


def big_details(lines: int) -> InvoiceDetails:
    """An invoice with ``lines`` article lines, as the parser would hand it over."""
    base = parse_invoice_details(
        {
            "PaymentData": {"number": "1", "status": "Sent", "method": "1"},
            "PaymentInfo": {"paymentdate": "2026-10-01", "paymentterms": "30"},
            "Customer": {"Billing": {"firstname": "Tolvan", "lastname": "Tolvansson"}},
        },
        asked_number="1",
    )
    articles = tuple(
        ArticleLine(
            f"ART{index:04d}",
            f"Artikel nummer {index} med en lagom lång benämning",
            Decimal(index % 7 + 1),
            Decimal("149.50"),
            Decimal(0),
            Decimal(25),
            Decimal("149.50") * (index % 7 + 1),
        )
        for index in range(lines)
    )
    return dataclasses.replace(base, articles=articles)


class DetailsClient(CannedClient):
    """Invoices from ``result``; every invoice's details are ``details``, after a short wait."""

    details: InvoiceDetails

    def get_invoice_by_hash(self, *args: object, **kwargs: object) -> InvoiceDetails:
        time.sleep(_NETWORK_S)
        return self.details

    def get_payment_info(self, *args: object, **kwargs: object) -> InvoiceDetails:
        return self.get_invoice_by_hash()


def _select(window: object, row: int) -> None:
    table = window.table  # type: ignore[attr-defined]
    model = window.model  # type: ignore[attr-defined]
    table.selectionModel().setCurrentIndex(
        model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def _records(count: int) -> tuple[CustomerRecord, ...]:
    return tuple(
        CustomerRecord(
            str(1000 + index),
            f"Kund {index} Svensson",
            "",
            None,
            f"Gatan {index}",
            "",
            "123 45",
            "Stockholm",
            "SE",
            "",
            "",
            "",
        )
        for index in range(count)
    )


def pane_figures(config: Config, folder: Path) -> list[Row]:
    details = big_details(20 if config.tiny else 200)
    invoices = invoices_for(20 if config.tiny else 300)

    def make_client(settings: Settings) -> DetailsClient:
        client = DetailsClient(settings)
        client.result = LookupResult(invoices)  # type: ignore[arg-type]
        client.details = details
        return client

    window, watch = open_window(services_for(make_client), folder)
    pane_watch = PaintWatch(window.find_flow.pane.text_view.viewport())
    search_and_wait(window, watch, _PNO)
    pane = window.find_flow.pane
    wait_until(lambda: pane.state() == "shown")
    probe = _TickProbe()
    stalls, idles, cached = [], [], []
    for rep in range(config.repeat):
        row = 1 + rep * 2
        probe.start()
        began = time.perf_counter()
        _select(window, row)
        wait_until(
            lambda: (
                pane.state() == "shown"
                and pane.shown_invoice() is not None
                and pane.shown_invoice() == window.table.current_invoice()
            )
        )
        pane_watch.paint_after(began)
        stalls.append(probe.stop())
        took = time.perf_counter() - began
        probe.start()
        idle_end = time.perf_counter() + took
        wait_until(lambda end=idle_end: time.perf_counter() >= end)
        idles.append(probe.stop())
        # Back to the row before: its details are kept.
        began = time.perf_counter()
        _select(window, row - 1 if row > 1 else 0)
        pane.text_view.viewport().repaint()  # the paint itself, now, not at the next frame
        cached.append((time.perf_counter() - began) * 1000)
        assert pane.state() == "shown" and pane.shown_invoice() == window.table.current_invoice()
    dispose(window)
    lines = len(details.articles)
    return [
        Row(
            "details",
            f"longest GUI stall, details of {lines} article lines loaded and shown",
            max(stalls),
            "idle, same probe",
            max(idles),
            bar="<= 16 ms",
            limit=16,
            limit_on_value=True,
            note=f"worst of {len(stalls)} (median {median(stalls):.1f} ms)",
        ),
        Row(
            "details",
            "current row -> kept details on screen",
            median(cached),
            "one 60 Hz frame",
            _FRAME_MS,
            bar="<= 1 frame",
            limit=1.0,
            note=f"worst {max(cached):.1f} ms",
        ),
    ]


def chooser_figures(config: Config, folder: Path) -> list[Row]:
    count = 50 if config.tiny else 500
    records = _records(count)
    window, _watch = open_window(services_for(CannedClient), folder)
    flow = window.find_flow
    probe = _TickProbe()
    shown, stalls, bare = [], [], []
    for _ in range(config.repeat):
        probe.start()
        began = time.perf_counter()
        flow._show_name_answer(NameAnswer("Svensson", CustomerMatches(records)))
        chooser = flow.chooser
        assert chooser is not None
        chooser_watch = PaintWatch(chooser.table.viewport())
        painted = chooser_watch.paint_after(began)
        stalls.append(probe.stop())
        shown.append((painted - began) * 1000)
        chooser.close()
        dispose(chooser)
        flow.chooser = None

        began = time.perf_counter()
        dialog = QDialog(window)
        table = QTableView(dialog)
        model = QStandardItemModel(count, 5, dialog)
        for row, record in enumerate(records):
            for column, text in enumerate(
                (record.name, record.address, record.postoffice, record.customer_number, "")
            ):
                model.setItem(row, column, QStandardItem(text))
        table.setModel(model)
        QVBoxLayout(dialog).addWidget(table)
        bare_watch = PaintWatch(table.viewport())
        dialog.open()
        bare.append((bare_watch.paint_after(began) - began) * 1000)
        dispose(dialog)
    dispose(window)
    return [
        Row(
            "details",
            f"name search of {count} matches -> chooser shown",
            median(shown),
            "bare QTableView dialog",
            median(bare),
            note=f"longest GUI stall {max(stalls):.1f} ms (bar: <= 16 ms)",
            extra={"longest_stall_ms": max(stalls)},
        )
    ]


def main(argv: list[str]) -> int:
    config = Config.from_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="qvickly-details-") as folder:
        rows += pane_figures(config, Path(folder))
        rows += chooser_figures(config, Path(folder))
    report_rows(rows)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
