"""Pausing the garbage collector for a large answer never leaves it off afterwards."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest

from qvickly_desk.collector import (
    collector_paused,
    freeze_start_up_objects,
    hand_collection_over,
)
from qvickly_desk.invoices import parse_invoices


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_off_inside_and_on_again_after() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_turns_it_back_on() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_nested_and_overlapping_pauses_end_with_the_last() -> None:
    inside = threading.Event()
    leave = threading.Event()

    def other_thread() -> None:
        with collector_paused():
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=other_thread)
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        thread.start()
        assert inside.wait(10)
    assert not gc.isenabled()  # the other thread is still parsing
    leave.set()
    thread.join(10)
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_program_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_parsing_leaves_the_collector_as_it_found_it() -> None:
    parse_invoices([{"invoiceid_real": "1"}, "not a row"])
    assert gc.isenabled()


def test_a_full_collection_after_start_up_walks_only_what_was_made_since() -> None:
    """Each full pass walked every module, class and wrapper of the window (some 50,000
    objects, 20 ms with the window waiting); set aside, they are never walked again, while
    garbage made afterwards is still collected."""

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    walked_before = len(gc.get_objects())
    try:
        freeze_start_up_objects()
        assert len(gc.get_objects()) < walked_before / 10
        made_later = weakref.ref(Cycle())
        assert made_later() is not None
        gc.collect()
        assert made_later() is None
    finally:
        gc.unfreeze()


def test_collection_handed_over_stays_off_through_pauses_and_comes_back_once_given_back() -> None:
    give_back = hand_collection_over()
    try:
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # a pause ending does not take it back
        inner = hand_collection_over()  # a second window
        give_back()
        give_back()  # twice: once counts
        assert not gc.isenabled()  # the second window still collects
        with collector_paused():
            inner()  # given back while a lookup parses: on again when the parse ends
            assert not gc.isenabled()
        assert gc.isenabled()
    finally:
        give_back()
        gc.enable()
