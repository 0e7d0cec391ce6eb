"""What a first lookup loads, loaded on the lookup thread once the window has been painted.

The first search imported the client (requests, urllib3, TLS), the parsers and the jobs while
the person waited: 130-180 ms of a first search of 240-300 ms on a busy machine, where the next
took 10-25 ms. Loaded after the first paint they are in place long before a number is typed.
Only modules are loaded: no client or connection is made, the demo's sandbox is not started, and
no widget code runs off the window's thread (the jobs' module holds none).
"""

from __future__ import annotations

import importlib

__all__ = ["FIRST_LOOKUP_MODULES", "load_first_lookup_code"]

FIRST_LOOKUP_MODULES = (
    "qvickly_desk.client",
    "qvickly_desk.credentials",
    "qvickly_desk.wire_rows",
    "qvickly_desk.ui.lookup_jobs",
)


def load_first_lookup_code() -> None:
    for name in FIRST_LOOKUP_MODULES:
        importlib.import_module(name)
