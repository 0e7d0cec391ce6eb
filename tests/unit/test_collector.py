"""Pausing the garbage collector for a large answer never leaves it off afterwards."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from qvickly_desk.collector import collector_paused
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
