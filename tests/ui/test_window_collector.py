"""While a window is open, garbage is collected on its thread and never on a lookup thread."""

from __future__ import annotations

import gc
import threading
import weakref

from pytestqt.qtbot import QtBot

from qvickly_desk.collector import collector_paused
from qvickly_desk.ui.main_window import MainWindow
from qvickly_desk.ui.window_collector import WindowThreadCollector
from tests.helpers.window import search


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_garbage_is_collected_on_the_windows_thread_only(qtbot: QtBot, window: MainWindow) -> None:
    """A Qt object's wrapper freed in a cycle on a lookup thread tears Qt down from the wrong
    thread, which can freeze the program for good (each thread holding what the other waits
    for). With the window open, automatic collection is off and the window collects."""
    assert not gc.isenabled()
    threads: list[str] = []

    def note(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            threads.append(threading.current_thread().name)

    gc.callbacks.append(note)
    try:
        garbage = weakref.ref(Cycle())
        made = [[n] for n in range(2_000)]  # past the youngest generation's threshold
        assert search(qtbot, window)  # the lookup thread runs Python meanwhile
        qtbot.waitUntil(lambda: garbage() is None, timeout=5_000)
        del made
    finally:
        gc.callbacks.remove(note)
    assert threads and set(threads) == {threading.main_thread().name}


def test_closing_the_window_gives_collection_back(qtbot: QtBot, window: MainWindow) -> None:
    window.close()
    assert gc.isenabled()


def test_the_window_does_not_collect_while_a_lookup_makes_an_answers_objects(
    window: MainWindow,
) -> None:
    """Walking 100,000 invoices as they are made is what pausing the collector avoids."""
    collector = window.findChild(WindowThreadCollector)
    assert collector is not None
    garbage = weakref.ref(Cycle())
    made = [[n] for n in range(2_000)]
    with collector_paused():
        collector.collect_if_due()
        assert garbage() is not None
    collector.collect_if_due()
    assert garbage() is None
    del made


def test_no_collection_while_a_search_runs_or_just_after(qtbot: QtBot, window: MainWindow) -> None:
    """A pass while the answer is being shown would add to the search's longest stall."""
    collector = window.findChild(WindowThreadCollector)
    assert collector is not None
    garbage = weakref.ref(Cycle())
    made = [[n] for n in range(2_000)]
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000):
        window.search_bar.number_edit.setText("195501011018")
        window.search_bar.request_search()
        collector.collect_if_due()  # busy
        assert garbage() is not None
    collector.collect_if_due()  # the first look after the search
    assert garbage() is not None
    collector.collect_if_due()
    assert garbage() is None
    del made
