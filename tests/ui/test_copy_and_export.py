"""Copying and exporting many rows leave the window usable, and what they make is exact."""

from __future__ import annotations

import threading
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qvickly_desk.export import rows_as_tsv, write_csv
from qvickly_desk.sandbox import BIG_CUSTOMER_PNO
from qvickly_desk.sandbox.data import BIG_CUSTOMER_INVOICES
from qvickly_desk.ui.background import THREAD_FROM, run_work
from qvickly_desk.ui.main_window import MainWindow
from qvickly_desk.ui.message_area import MessageKind
from tests.helpers.window import LONG, search

assert BIG_CUSTOMER_INVOICES >= THREAD_FROM  # so these searches take the thread's way


def busy_cursor_shown() -> bool:
    cursor = QGuiApplication.overrideCursor()
    return cursor is not None and cursor.shape() == Qt.CursorShape.BusyCursor


def copy_everything(qtbot: QtBot, window: MainWindow) -> None:
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)


def test_copying_many_rows_keeps_the_window_working_and_fills_the_clipboard(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert search(qtbot, window, BIG_CUSTOMER_PNO)
    QApplication.clipboard().clear()
    ticked: list[str] = []
    copy_everything(qtbot, window)
    assert busy_cursor_shown()  # the person sees that the copy is under way
    QTimer.singleShot(0, lambda: ticked.append(QApplication.clipboard().text()))
    qtbot.waitUntil(lambda: QApplication.clipboard().text() != "", timeout=LONG)
    assert ticked == [""]  # the window handled events while the rows were made into text
    assert QApplication.clipboard().text() == rows_as_tsv(window.table.visible_invoices(), "en")
    assert QGuiApplication.overrideCursor() is None


def test_a_newer_copy_wins_over_a_big_one_still_under_way(qtbot: QtBot, window: MainWindow) -> None:
    assert search(qtbot, window, BIG_CUSTOMER_PNO)
    copy_everything(qtbot, window)
    window.table.clearSelection()
    window.table.selectRow(0)  # then one row, copied at once
    assert len(window.table.selected_invoices()) == 1
    window.window_actions.copy_rows.trigger()
    one_row = rows_as_tsv(window.table.selected_invoices(), "en")
    assert QApplication.clipboard().text() == one_row
    qtbot.waitUntil(lambda: QGuiApplication.overrideCursor() is None, timeout=LONG)
    qtbot.wait(50)
    assert QApplication.clipboard().text() == one_row


def test_work_whose_owner_is_gone_calls_nothing_and_gives_the_cursor_back(qtbot: QtBot) -> None:
    """The window closed (its commands deleted) while a copy was being made."""
    owner = QObject()
    release = threading.Event()
    done: list[str] = []
    run_work(
        owner,
        "test-work",
        lambda: release.wait(LONG / 1000) and "text",
        done.append,
        rows=THREAD_FROM,
    )
    assert busy_cursor_shown()
    shiboken6.delete(owner)
    assert QGuiApplication.overrideCursor() is None
    release.set()
    qtbot.wait(100)  # the thread ends and leaves its outcome where nobody looks any more
    assert done == []


def test_an_unexpected_error_in_the_work_reaches_the_window_thread(qtbot: QtBot) -> None:
    """A bug in the work is raised on the window's thread, where the crash reporter sees it."""
    owner = QObject()

    def broken() -> str:
        raise ValueError("a bug in the spreadsheet text")

    with qtbot.captureExceptions() as raised:
        run_work(owner, "test-work", broken, lambda _text: None, rows=THREAD_FROM)
        qtbot.waitUntil(lambda: QGuiApplication.overrideCursor() is None, timeout=LONG)
    assert [type(error).__name__ for _kind, error, _tb in raised] == ["ValueError"]
    assert threading.current_thread() is threading.main_thread()


def test_exporting_many_rows_writes_them_all_and_says_so(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    assert search(qtbot, window, BIG_CUSTOMER_PNO)
    target = tmp_path / "big.csv"
    window.commands.choose_export_path = lambda: str(target)  # type: ignore[method-assign]
    window.window_actions.export.trigger()
    assert busy_cursor_shown()
    qtbot.waitUntil(lambda: "exported" in window.message_area.text(), timeout=LONG)
    expected = tmp_path / "expected.csv"
    write_csv(expected, window.table.visible_invoices(), "en")
    assert target.read_bytes() == expected.read_bytes()
    assert f"{BIG_CUSTOMER_INVOICES:,}" in window.message_area.text()
    assert QGuiApplication.overrideCursor() is None


def test_an_export_that_cannot_be_written_says_why_and_leaves_nothing_behind(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """A missing folder stands for a full disk or a file held open: the message says so."""
    for number in (BIG_CUSTOMER_PNO, None):  # many rows (on the thread), then a few (at once)
        if number is not None:
            assert search(qtbot, window, number)
        else:
            assert search(qtbot, window)
        window.message_area.clear()
        target = tmp_path / "no such folder" / "invoices.csv"
        window.commands.choose_export_path = lambda: str(tmp_path / "no such folder" / "x.csv")  # type: ignore[method-assign]
        window.window_actions.export.trigger()
        qtbot.waitUntil(lambda: window.message_area.isVisible(), timeout=LONG)
        assert window.message_area.kind() == MessageKind.ERROR
        assert "could not be written" in window.message_area.text()
        assert not target.parent.exists()
        assert QGuiApplication.overrideCursor() is None
