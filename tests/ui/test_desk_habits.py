"""What an agent trips over at the desk: what the summary, the messages and the keyboard tell
and do while the customer waits on the phone."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qvickly_desk.formatting import format_amount
from qvickly_desk.invoices import summarize
from qvickly_desk.sandbox import BIG_CUSTOMER_PNO
from qvickly_desk.ui.main_window import MainWindow
from tests.helpers.window import search


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
