"""The table does not move while the agent searches: a move repaints the whole window and makes
the rows jump under the pointer."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from qvickly_desk.ui.main_window import MainWindow
from tests.helpers.window import search

NOBODY = "195505050558"  # the documented test identity with no invoices


def table_top(window: MainWindow) -> int:
    return window.table.mapTo(window, QPoint(0, 0)).y()


def test_the_table_keeps_its_place_through_searches_answers_and_empty_answers(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1300, 760)  # the size it opens at; narrower, a long header can take two lines
    window.show()
    qtbot.waitExposed(window)
    before = table_top(window)
    tops = []
    for number in ("195501011018", NOBODY, "195501011018"):
        edit = window.search_bar.number_edit
        edit.clear()
        qtbot.keyClicks(edit, number)
        with qtbot.waitSignal(window.lookup_finished, timeout=10_000):
            qtbot.keyClick(edit, Qt.Key.Key_Return)
            tops.append(table_top(window))  # while searching
        tops.append(table_top(window))  # with the answer (or none)
    assert window.find_flow.header.text()  # the last answer names its customer
    assert tops == [before] * len(tops)
    assert search(qtbot, window)


def test_a_long_header_is_cut_at_a_narrow_window_and_the_table_stays_put(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(800, 600)  # narrower than the stale header's whole text
    window.show()
    qtbot.waitExposed(window)
    assert search(qtbot, window)
    header = window.find_flow.header
    before = table_top(window)
    qtbot.keyClicks(window.search_bar.number_edit, "9")  # the field moves on: "earlier search"
    assert header.is_stale()
    whole = header.full_text()
    assert whole.startswith("Earlier search") and whole.endswith("press Enter to search the field")
    assert header.text().endswith("…") and whole.startswith(header.text()[:-1])
    assert header.toolTip() == whole and header.accessibleName() == whole
    assert table_top(window) == before  # one line, whatever the text
    window.resize(1600, 600)
    qtbot.waitUntil(lambda: header.text() == whole)  # wide enough again: all of it, no tooltip
    assert header.toolTip() == ""
