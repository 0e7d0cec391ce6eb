"""The table's columns fit what an answer holds, wherever in the answer the widest text is, until
the agent sizes a column by hand; then their widths stay, also at the next start."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QLabel
from pytestqt.qtbot import QtBot

from qvickly_desk.columns import (
    COL_BALANCE_DUE,
    COL_DUE_DATE,
    COL_NAME,
    COL_NUMBER,
    COL_PDF,
    COL_TO_PAY,
    COLUMN_COUNT,
    INVOICE_COLUMNS,
    column_headers,
)
from qvickly_desk.sandbox import SandboxServer
from qvickly_desk.ui.invoice_model import InvoiceTableModel
from qvickly_desk.ui.main_window import MainWindow
from qvickly_desk.ui.ui_settings import UiSettings
from tests.helpers.service_records import service_record
from tests.helpers.window import MakeWindow, search

pytestmark = [
    pytest.mark.integration,
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]

MANY = "198001011231"  # 2,500 small invoices, one huge amount and a long number near the end
SMALL = "198002021239"  # two small invoices
HUGE_AT = 2_400


def invoice(number: str, amount: str = "100.00") -> dict[str, object]:
    """A row never overdue, so no status grows by the overdue marker."""
    return service_record(number, topay=amount, balancedue=amount, duedate="2099-02-09")


@pytest.fixture(autouse=True)
def customers(sandbox: SandboxServer) -> None:
    rows = [invoice(str(1000 + n)) for n in range(2_500)]
    rows[HUGE_AT] = invoice("2026-000000123456789", "987654321.50")
    sandbox.add_customer(MANY, rows)
    sandbox.add_customer(SMALL, [invoice("11"), invoice("12", "5.00")])


def row_of(window: MainWindow, number: str) -> int:
    for row in range(window.model.rowCount()):
        if window.model.invoice_at(row).number == number:
            return row
    raise AssertionError(f"invoice {number} is not shown")


def needed(window: MainWindow, row: int, column: int) -> int:
    """The width a cell needs to show its text uncut, by the table's own delegate."""
    return window.table.sizeHintForIndex(window.model.index(row, column)).width()


def test_columns_fit_the_widest_text_even_far_down_a_long_answer(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window, MANY)
    assert window.model.rowCount() == 2_500
    huge = row_of(window, "2026-000000123456789")
    table = window.table
    for column in (COL_NUMBER, COL_TO_PAY, COL_BALANCE_DUE):
        assert table.columnWidth(column) >= needed(window, huge, column)
    for column in range(COLUMN_COUNT):
        if column != COL_NAME and not table.isColumnHidden(column):  # hidden: giving way
            # As wide as Qt's own measure of the cells it looks at, and the header's text.
            assert table.columnWidth(column) >= table.sizeHintForColumn(column)
            assert table.columnWidth(column) >= table.horizontalHeader().sectionSizeHint(column)
    header = table.horizontalHeader()
    assert header.sectionResizeMode(COL_NAME) == QHeaderView.ResizeMode.Stretch


def test_columns_follow_each_answer_also_after_the_window_was_resized(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(window.width() - 80, window.height())  # only the stretching name column moves
    search(qtbot, window, SMALL)
    narrow = window.table.columnWidth(COL_TO_PAY)
    search(qtbot, window, MANY)
    wide = window.table.columnWidth(COL_TO_PAY)
    assert wide > narrow
    assert wide >= needed(window, row_of(window, "2026-000000123456789"), COL_TO_PAY)


def test_a_column_sized_by_hand_keeps_its_width_over_answers_and_restarts(
    qtbot: QtBot, make_window: MakeWindow, ui_settings_path: Path
) -> None:
    window = make_window()
    search(qtbot, window, SMALL)
    window.table.horizontalHeader().resizeSection(COL_TO_PAY, 61)  # what dragging its edge does
    search(qtbot, window, MANY)
    assert window.table.columnWidth(COL_TO_PAY) == 61
    window.close()

    again = make_window(settings=UiSettings.from_file(ui_settings_path))
    search(qtbot, again, MANY)
    assert again.table.columnWidth(COL_TO_PAY) == 61


def test_columns_never_sized_by_hand_keep_fitting_after_a_restart(
    qtbot: QtBot, make_window: MakeWindow, ui_settings_path: Path
) -> None:
    window = make_window()
    search(qtbot, window, SMALL)
    window.close()

    again = make_window(settings=UiSettings.from_file(ui_settings_path))
    search(qtbot, again, MANY)
    huge = row_of(again, "2026-000000123456789")
    assert again.table.columnWidth(COL_TO_PAY) >= needed(again, huge, COL_TO_PAY)


def test_widths_sized_by_hand_before_this_was_remembered_survive_the_upgrade(
    qtbot: QtBot, make_window: MakeWindow, ui_settings_path: Path
) -> None:
    window = make_window()
    search(qtbot, window, SMALL)
    window.table.horizontalHeader().resizeSection(COL_TO_PAY, 61)
    window.close()
    older = UiSettings.from_file(ui_settings_path)
    older.remove("results/column_widths_chosen")  # as an earlier version saved its settings
    older.sync()

    again = make_window(settings=UiSettings.from_file(ui_settings_path))
    search(qtbot, again, MANY)
    assert again.table.columnWidth(COL_TO_PAY) == 61


def test_the_window_table_shows_the_one_table_of_columns(qapp: QApplication) -> None:
    assert [column.key for column in INVOICE_COLUMNS] == [
        "number",
        "name",
        "status",
        "type",
        "invoice_date",
        "due_date",
        "to_pay",
        "balance_due",
        "pdf",
    ]
    assert len(INVOICE_COLUMNS) == COLUMN_COUNT
    for language in ("en", "sv"):
        model = InvoiceTableModel(header_language=language)
        table_headers = [
            model.headerData(c, Qt.Orientation.Horizontal) for c in range(COLUMN_COUNT)
        ]
        assert table_headers == column_headers(language)


def test_in_a_narrow_window_the_name_gives_way_so_every_amount_stays_in_view(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window, SMALL)
    table = window.table
    window.resize(560, 600)
    qtbot.waitUntil(lambda: table.isColumnHidden(COL_NAME), timeout=5_000)
    for column in (COL_DUE_DATE, COL_TO_PAY, COL_BALANCE_DUE, COL_PDF):
        right = table.columnViewportPosition(column) + table.columnWidth(column)
        assert table.columnViewportPosition(column) >= 0 and right <= table.viewport().width()
    header = window.findChild(QLabel, "customerHeader")
    assert header is not None and header.text()  # whose invoices these are is still said


def test_the_room_for_the_columns_is_the_viewports_width_with_and_without_a_scroll_bar(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The give-way columns are fitted to the viewport's width, found without the viewport."""
    table = window.table
    window.resize(900, 600)
    qtbot.waitExposed(window)
    assert not table.verticalScrollBar().isVisible()  # no rows yet
    assert table._viewport_width() == table.viewport().width()
    search(qtbot, window, MANY)
    qtbot.waitUntil(table.verticalScrollBar().isVisible, timeout=5_000)
    assert table._viewport_width() == table.viewport().width()
    window.resize(700, 500)
    qtbot.waitUntil(lambda: table._viewport_width() == table.viewport().width(), timeout=5_000)


def test_with_room_the_name_column_is_shown(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, SMALL)
    window.resize(640, 600)
    qtbot.waitUntil(lambda: window.table.isColumnHidden(COL_NAME), timeout=5_000)
    window.table.resize(2_000, 400)  # as on a wide screen
    qtbot.waitUntil(lambda: not window.table.isColumnHidden(COL_NAME), timeout=5_000)
