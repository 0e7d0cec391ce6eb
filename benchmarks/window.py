"""4. The window: answer to rows shown, sort, filter, event-loop stalls; 6. the model's growth.

Runs in a process of its own (``python -m benchmarks.window``, offscreen Qt) and reports its rows
as JSON. Everything goes through the real ``MainWindow`` and its public surface:

* Answer to rows shown: the window's worker gets a client that returns a ready ``LookupResult``
  and notes the time; the figure runs from that moment until the table's viewport has painted.
  Baseline: the simplest table that shows the same answer, a bare ``QAbstractTableModel`` over
  ``str()`` of each field behind a ``QSortFilterProxyModel`` in a ``QTableView`` of the same size.
* Sort: ``table.sortByColumn(COL_TO_PAY)`` until painted, against Python's ``sorted`` over the
  same amounts (the least any sort can cost).
* Filter: one character typed into the quick filter until painted, against a Python scan of the
  same texts for that character.
* Stall: a 5 ms ``QTimer`` ticks on the GUI thread through a real search (worker thread, HTTP,
  verify, parse, model) against a sandbox in another process; the longest gap between ticks is
  the figure, the longest gap of the same timer while idle is the baseline
  (:mod:`benchmarks.window_stalls`, with Enter -> rows shown).
* Growth (figure 6): the same three window figures at 1,000, 10,000 and 100,000 invoices.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QApplication, QTableView

from benchmarks.common import (
    Config,
    Row,
    invoices_for,
    median,
    report_rows,
    time_call,
)
from benchmarks.qt_harness import (
    CannedClient,
    NoneGuard,
    PaintWatch,
    dispose,
    open_window,
    search_and_wait,
    services_for,
    wait_until,
)
from benchmarks.scaling import growth_rows
from benchmarks.window_stalls import stall_figures
from qvickly_desk.client import LookupResult
from qvickly_desk.columns import COL_TO_PAY
from qvickly_desk.invoices import Invoice
from qvickly_desk.sandbox import BIG_CUSTOMER_PNO
from qvickly_desk.settings import Settings
from qvickly_desk.ui.main_window import MainWindow

__all__ = ["main"]

LOAD_BAR_MS = 700.0  # answer received -> rows shown, at the large size
FILTER_KEY = "1"


class _BareModel(QAbstractTableModel):
    """The least a table model can be: one row of ready strings per invoice."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, ...]] = []

    def set_rows(self, invoices: Sequence[Invoice]) -> None:
        self.beginResetModel()
        self.rows = [
            (
                invoice.number,
                invoice.name,
                invoice.distributor_status or invoice.status,
                invoice.invoice_type,
                str(invoice.invoice_date or ""),
                str(invoice.due_date or ""),
                str(invoice.to_pay),
                str(invoice.balance_due),
                "PDF" if invoice.fileurl else "",
            )
            for invoice in invoices
        ]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 9

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return self.rows[index.row()][index.column()]
        return None


class _BareTable:
    def __init__(self) -> None:
        self.model = _BareModel()
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.resize(1120, 560)
        self.watch = PaintWatch(self.view.viewport())
        self.view.show()
        wait_until(lambda: bool(self.watch.paints))

    def show(self, invoices: Sequence[Invoice]) -> float:
        """ms from handing over the invoices to the rows painted."""
        started = time.perf_counter()
        self.model.set_rows(invoices)
        return (self.watch.paint_after(started) - started) * 1000


class _RowsModel(QAbstractTableModel):
    """Ready rows plus a lower-case text per row, filtered either here or by a proxy.

    ``FILTER`` answers the proxy's per-row question; ``filter_here`` instead rebuilds the list
    of shown rows with one Python scan and announces it with a single model reset.
    """

    FILTER = int(Qt.ItemDataRole.UserRole) + 3

    def __init__(self, invoices: Sequence[Invoice]) -> None:
        super().__init__()
        ordered = sorted(invoices, key=lambda invoice: invoice.to_pay)  # as sorted by amount
        self.rows = [(i.number, i.name, i.status, str(i.to_pay)) for i in ordered]
        self.haystacks = [f"{i.number}\n{i.name}\n{i.status}".lower() for i in ordered]
        self.shown = list(range(len(self.rows)))

    def filter_here(self, text: str) -> None:
        self.beginResetModel()
        haystacks = self.haystacks
        self.shown = [row for row in range(len(haystacks)) if text in haystacks[row]]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[self.shown[index.row()]][index.column()]
        if role == self.FILTER:
            return self.haystacks[self.shown[index.row()]]
        return None


def filter_mechanism_figures(config: Config, guard: NoneGuard) -> list[Row]:
    """One keystroke through QSortFilterProxyModel against filtering in the model itself.

    Independent of the app's model: the same rows (sorted by amount, as after a click on that
    header), the same view, one character typed and deleted again, until painted.
    """
    invoices: Sequence[Invoice] = invoices_for(config.large)  # type: ignore[assignment]
    times: dict[str, list[float]] = {"proxy": [], "model": []}
    repeat = 1 if config.tiny else 3
    for way in ("proxy", "model"):
        model = _RowsModel(invoices)
        view = QTableView()
        proxy = QSortFilterProxyModel()
        if way == "proxy":
            proxy.setSourceModel(model)
            proxy.setFilterRole(_RowsModel.FILTER)
            view.setModel(proxy)
        else:
            view.setModel(model)
        view.resize(1120, 560)
        watch = PaintWatch(view.viewport())
        view.show()
        wait_until(lambda watch=watch: bool(watch.paints))
        for _ in range(repeat):
            for text in (FILTER_KEY, ""):
                started = time.perf_counter()
                if way == "proxy":
                    proxy.setFilterFixedString(text)
                else:
                    model.filter_here(text)
                elapsed = (watch.paint_after(started) - started) * 1000
                if text:
                    times[way].append(elapsed)
        dispose(view)
        guard.top_up()
    return [
        Row(
            "compare",
            f"filter keystroke in the model, one reset, {config.large:,} rows (until painted)",
            median(times["model"]),
            "QSortFilterProxyModel, same rows",
            median(times["proxy"]),
            note="rows sorted by amount; why InvoiceTableModel filters itself",
        )
    ]


def _measure_size(
    window: MainWindow,
    watch: PaintWatch,
    canned: CannedClient,
    bare: _BareTable,
    invoices: tuple[Invoice, ...],
    repeat: int,
    guard: NoneGuard,
) -> dict[str, float]:
    """Medians in ms: answer to rows shown (ours, bare), sort by amount, one filter keystroke."""
    times: dict[str, list[float]] = {"load": [], "bare": [], "sort": [], "filter": []}
    shown_after_filter = 0
    for number in range(repeat):
        canned.result = LookupResult(())
        search_and_wait(window, watch, BIG_CUSTOMER_PNO)  # an empty answer empties the table
        canned.result = LookupResult(invoices)
        succeeded, painted = search_and_wait(window, watch, BIG_CUSTOMER_PNO)
        assert succeeded and window.model.rowCount() == len(invoices)
        times["load"].append((painted - canned.answered_at) * 1000)

        order = Qt.SortOrder.AscendingOrder if number % 2 == 0 else Qt.SortOrder.DescendingOrder
        started = time.perf_counter()
        window.table.sortByColumn(COL_TO_PAY, order)
        times["sort"].append((watch.paint_after(started) - started) * 1000)

        started = time.perf_counter()
        window.filter_edit.setText(FILTER_KEY)
        times["filter"].append((watch.paint_after(started) - started) * 1000)
        shown_after_filter = window.model.rowCount()
        cleared = time.perf_counter()
        window.filter_edit.clear()
        watch.paint_after(cleared)

        bare.show(())
        times["bare"].append(bare.show(invoices))
        guard.top_up()
    result = {name: median(values) for name, values in times.items()}
    result["shown_after_filter"] = shown_after_filter
    return result


def shown_figures(config: Config, folder: Path, guard: NoneGuard) -> list[Row]:
    """Answer to rows shown, sort and filter in the window at every size (figures 4 and 6)."""
    canned: list[CannedClient] = []

    def make_client(settings: Settings) -> CannedClient:
        canned.append(CannedClient(settings))
        return canned[-1]

    window, watch = open_window(services_for(make_client), folder)
    search_and_wait(window, watch, BIG_CUSTOMER_PNO)  # makes the client
    bare = _BareTable()
    sizes = sorted({*config.sizes, config.small, config.large})
    figures: dict[int, dict[str, float]] = {}
    repeats: dict[int, int] = {}
    largest: tuple[Invoice, ...] = ()
    for count in sizes:
        invoices: tuple[Invoice, ...] = invoices_for(count)  # type: ignore[assignment]
        if count == config.large:
            largest = invoices
        repeats[count] = 1 if config.tiny else (3 if count >= 50_000 else config.reps)
        figures[count] = _measure_size(
            window, watch, canned[0], bare, invoices, repeats[count], guard
        )
    dispose(window)
    dispose(bare.view)

    large = config.large
    at_large = figures[large]
    amounts = [float(invoice.to_pay) for invoice in largest]
    haystacks = [
        f"{i.number}\n{i.name}\n{i.distributor_status or i.status}\n{i.invoice_type}".lower()
        for i in largest
    ]
    repeat = repeats[large]
    python_sort = time_call(lambda: sorted(range(len(amounts)), key=amounts.__getitem__), repeat)
    python_scan = time_call(lambda: [h for h in haystacks if FILTER_KEY in h], repeat)
    rows = [
        Row(
            "window",
            f"answer received -> rows shown, {count:,} invoices",
            figures[count]["load"],
            "bare model/proxy/view",
            figures[count]["bare"],
            bar=f"<= {LOAD_BAR_MS:,.0f} ms" if count == large else "",
            limit=LOAD_BAR_MS if count == large else None,
            limit_on_value=True,
            note=f"median of {repeats[count]}; offscreen",
        )
        for count in (config.small, large)
    ]
    rows += [
        Row(
            "window",
            f"sort by amount, {large:,} invoices (until painted)",
            at_large["sort"],
            "Python sorted() of the amounts",
            python_sort,
            note=f"median of {repeat}, ascending and descending",
        ),
        Row(
            "window",
            f"one filter keystroke, {large:,} invoices (until painted)",
            at_large["filter"],
            "Python scan for the character",
            python_scan,
            note=f"'{FILTER_KEY}' leaves {at_large['shown_after_filter']:,.0f} rows; "
            f"median of {repeat}",
        ),
    ]
    growth = config.sizes
    for name, key in (
        ("answer -> rows shown (window)", "load"),
        ("sort by amount (window)", "sort"),
        (f"filter keystroke '{FILTER_KEY}' (window)", "filter"),
    ):
        rows += growth_rows(name, growth, [figures[count][key] for count in growth], "")
    return rows


def main(argv: list[str]) -> int:
    config = Config.from_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    guard = NoneGuard()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="qvickly-window-") as folder:
        rows += shown_figures(config, Path(folder), guard)
        rows += stall_figures(config, Path(folder), guard)
        rows += filter_mechanism_figures(config, guard)
    guard.top_up()
    for row in rows:
        row.extra["none_references_restored"] = guard.restored
    report_rows(rows)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
