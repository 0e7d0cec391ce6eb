"""What an agent trips over at the desk: what the summary, the messages and the keyboard tell
and do while the customer waits on the phone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qvickly_desk.columns import COL_STATUS
from qvickly_desk.formatting import format_amount
from qvickly_desk.invoices import summarize
from qvickly_desk.sandbox import BIG_CUSTOMER_PNO
from qvickly_desk.ui.main_window import MainWindow
from tests.helpers.window import MakeWindow, search


def test_the_summary_totals_what_the_filter_shows_beside_all(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window, BIG_CUSTOMER_PNO)
    every = window.model.summary()
    window.filter_edit.setText("overdue")
    shown = window.table.visible_invoices()
    assert 0 < len(shown) < every.count
    visible = summarize(shown, window.model.today)
    head, _, rest = window.summary_label.text().partition(" — ")
    assert head.startswith(f"Showing {len(shown):,} of {every.count:,} · ")
    assert f"{visible.overdue_count:,} overdue" in head
    assert format_amount(visible.balance_due, "en") in head
    assert format_amount(every.balance_due, "en") in rest
    assert visible.balance_due != every.balance_due
    assert QApplication.instance() is not None


@pytest.mark.parametrize("language", ["sv", "en"])
def test_copied_rows_carry_the_status_as_the_table_shows_it(
    qtbot: QtBot, make_window: MakeWindow, language: str
) -> None:
    window = make_window(language=language)
    search(qtbot, window)
    window.table.selectAll()
    window.window_actions.copy_rows.trigger()
    pasted = QApplication.clipboard().text().splitlines()[1:]
    shown = [
        window.model.index(row, COL_STATUS).data(Qt.ItemDataRole.DisplayRole)
        for row in range(window.model.rowCount())
    ]
    assert [line.split("\t")[COL_STATUS] for line in pasted] == shown
    assert any(("Förfallen" if language == "sv" else "Overdue") in text for text in shown)
