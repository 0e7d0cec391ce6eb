"""The cyclic garbage collector held off while a large answer is turned into objects.

Decoding, parsing and preparing 100,000 invoices creates millions of objects, none of them in
a reference cycle. Left running, the collector walks the growing heap again and again while
they are made: at 100,000 invoices it took about 40 % of the parse, and made the time grow
faster than the number of invoices. Objects are still freed by reference counting while it is
paused; it runs again as usual afterwards.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = [
    "collector_paused",
    "freeze_start_up_objects",
    "hand_collection_over",
    "is_paused",
    "pause_collector",
]

_lock = threading.Lock()
_pauses = 0  # how many threads are inside collector_paused(); the collector is one per process
_was_enabled = False
_handed_over = 0  # how many owners run the collections themselves (see hand_collection_over)
_enabled_before_hand_over = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause automatic collection for the block; safe to nest and to use from several threads.

    The collector is enabled again when the last overlapping block ends, and only if it was
    enabled when the first of them began: a program that turned it off beforehand keeps it
    off. (One that calls ``gc.disable()`` while a block runs sees it enabled again after.)
    """
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled and not _handed_over:
                gc.enable()


def is_paused() -> bool:
    """Whether a thread is inside :func:`collector_paused` (making a large answer's objects)."""
    return _pauses > 0


def pause_collector() -> Callable[[], None]:
    """Pause as :func:`collector_paused` does, until the function returned is called (once; more
    calls do nothing): for a pause that ends elsewhere, such as the window's first paint."""
    pause = collector_paused()
    pause.__enter__()
    resumed = threading.Event()

    def resume() -> None:
        with _lock:
            if resumed.is_set():
                return
            resumed.set()
        pause.__exit__(None, None, None)

    return resume


def freeze_start_up_objects() -> None:
    """Set what exists now (modules, classes, the window's wrappers: some 50,000 objects) aside
    from the collector's full passes, once the window is up.

    A full pass walked them all, about 20 ms with the window's thread waiting, every few
    searches; they live as long as the program, so nothing is lost by never walking them again.
    Objects made afterwards (the answers) are collected as before.
    """
    gc.collect()
    gc.freeze()


def hand_collection_over() -> Callable[[], None]:
    """Turn automatic collection off for an owner that runs collections itself, on its own
    thread; returns the function that gives them back (once; more calls do nothing).

    Automatic collection runs on whichever thread happens to allocate: a Qt object's wrapper
    freed in a reference cycle by the lookup thread tears Qt objects down from the wrong
    thread, which can deadlock against the window's thread (each holding the lock the other
    waits for). The window collects on its own thread instead.
    """
    global _handed_over, _enabled_before_hand_over
    with _lock:
        if _handed_over == 0:
            _enabled_before_hand_over = gc.isenabled() or (_pauses > 0 and _was_enabled)
        _handed_over += 1
        gc.disable()
    given_back = threading.Event()

    def give_back() -> None:
        global _handed_over, _was_enabled
        with _lock:
            if given_back.is_set():
                return
            given_back.set()
            _handed_over -= 1
            if _handed_over == 0 and _enabled_before_hand_over:
                if _pauses:
                    _was_enabled = True  # the last pause to end enables it
                else:
                    gc.enable()

    return give_back
