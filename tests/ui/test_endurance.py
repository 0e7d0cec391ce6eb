"""A working day in a few minutes: 300 searches back to back, with everything that can go wrong.

Results (a person, a company, the customer with thousands of invoices, a number without
invoices), refused credentials, tampered answers, timeouts, cancels with Esc and searches
superseded by the next one, all through one window and its worker thread against the sandbox.
Afterwards the threads are back where they started, no row of a superseded or cancelled search
was ever shown, and the memory has not grown. Every wait has a generous limit; nothing is timed.

The sandbox runs in a process of its own, steered over a pipe, so that the threads and memory
measured here are the window's alone: in this process it would add a thread per connection and
the memory of building its answers.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import os
import resource
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, Slot
from pytestqt.qtbot import QtBot

from qvickly_desk.credentials import Credentials
from qvickly_desk.sandbox import BIG_CUSTOMER_PNO, DEMO_EID, DEMO_SECRET
from qvickly_desk.sandbox.data import BIG_CUSTOMER_NAME, COMPANY_NAME, PERSON_NAME
from qvickly_desk.settings import Settings
from qvickly_desk.ui.main_window import MainWindow
from qvickly_desk.ui.services import Services
from qvickly_desk.ui.ui_settings import UiSettings
from tests.helpers.window import LONG, sandbox_services

pytestmark = [
    pytest.mark.integration,
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]

SEARCHES = 300
MEASURE_AFTER = 30
SLOW_ANSWER = 1.0  # seconds the sandbox waits before answering a search that will be cut short
IN_FLIGHT_DELAY = 0.3  # seconds, for a search superseded while the sandbox holds it
SHORT_READ_TIMEOUT = 0.3  # seconds, for the searches meant to time out

# What an agent searches, and whose invoices each number must show.
CUSTOMERS = {
    "person": ("195501011018", PERSON_NAME, 8),
    "company": ("5566779988", COMPANY_NAME, 4),
    "big": (BIG_CUSTOMER_PNO, BIG_CUSTOMER_NAME, None),  # thousands; the count is checked alike
    "nobody": ("195505050558", None, 0),
}

# One round of twenty searches; fifteen rounds make the day. The big customer comes every other
# round, starting in the first, so the memory measured after 30 searches has already seen it.
ROUND = (
    "person",
    "company",
    "wrong-secret",
    "supersede",
    "person",
    "tampered",
    "cancel",
    "company",
    "timeout",
    "supersede-in-flight",
    "person",
    "nobody",
    "cancel-in-flight",
    "company",
    "wrong-secret",
    "supersede",
    "person",
    "tampered",
    "cancel",
    "big",
)


SANDBOX_PROCESS = """
import json, sys
from qvickly_desk.sandbox import SandboxServer

server = SandboxServer().start()
print(server.url, flush=True)
for line in sys.stdin:
    command, *arguments = json.loads(line)
    if command == "set":
        setattr(server.faults, *arguments)
    elif command == "reset":
        server.faults.reset()
    print(server.request_count, flush=True)  # every command is answered with the count
server.stop()
"""


class RemoteFaults:
    """``faults.delay = 1.0`` and the like, carried out in the sandbox's process."""

    def __init__(self, sandbox: RemoteSandbox) -> None:
        object.__setattr__(self, "_sandbox", sandbox)

    def __setattr__(self, name: str, value: object) -> None:
        self._sandbox.command("set", name, value)

    def reset(self) -> None:
        self._sandbox.command("reset")


class RemoteSandbox:
    """The sandbox in a child process: its address, its faults and its request count."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-c", SANDBOX_PROCESS],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.url = self._read()
        self.faults = RemoteFaults(self)

    def _read(self) -> str:
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        assert line, "the sandbox process ended"
        return line.strip()

    def command(self, *command: object) -> int:
        assert self._process.stdin is not None
        self._process.stdin.write(json.dumps(command) + "\n")
        self._process.stdin.flush()
        return int(self._read())

    @property
    def request_count(self) -> int:
        return self.command("count")

    def stop(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=LONG / 1000)
        finally:
            if self._process.poll() is None:
                self._process.kill()
            if self._process.stdout is not None:
                self._process.stdout.close()


class SwitchableCredentials:
    """The merchant's credentials, or a wrong secret while ``wrong`` is set (a mistyped key)."""

    def __init__(self) -> None:
        self.wrong = False

    def load(self) -> Credentials:
        return Credentials(DEMO_EID, "not-the-secret" if self.wrong else DEMO_SECRET)


@dataclass
class Watcher:
    """Follows the window's signals and notes every moment it showed rows it should not have.

    ``current`` is the search the agent last started (request id, customer): rows may only ever
    belong to it. After a cancel there is none, and no rows may appear at all.
    """

    window: MainWindow
    upcoming: str | None = None
    current: tuple[int | None, str | None] = (None, None)
    problems: list[str] = field(default_factory=list)
    shown: int = 0
    dropped: list[int] = field(default_factory=list)
    big_count: int | None = None

    def connect(self) -> None:
        window = self.window
        window.lookup_requested.connect(self.on_requested)
        window.model.modelReset.connect(self.on_reset)
        window.lookup_finished.connect(self.on_finished)
        window.answer_dropped.connect(self.on_dropped)

    @Slot(int, object, object)
    def on_requested(self, request_id: int, _identity: object, _status: object) -> None:
        self.current = (request_id, self.upcoming)

    def cancelled(self) -> None:
        self.current = (None, None)

    @Slot()
    def on_reset(self) -> None:
        invoices = self.window.model.invoices()
        if not invoices:
            return  # a new search clears the table first
        request_id, customer = self.current
        names = sorted({invoice.name for invoice in invoices})
        if customer is None:
            self.problems.append(f"{len(invoices)} rows shown after a cancel: {names}")
            return
        _number, name, count = CUSTOMERS[customer]
        if customer == "big":
            self.big_count = self.big_count or len(invoices)
            count = self.big_count
        if names != [name] or len(invoices) != count:
            self.problems.append(
                f"request {request_id} for {customer} showed {len(invoices)} rows of {names}"
            )
        self.shown += 1

    @Slot(int, bool)
    def on_finished(self, request_id: int, _succeeded: bool) -> None:
        if request_id != self.current[0]:
            self.problems.append(f"request {request_id} finished while {self.current} was current")

    @Slot(int)
    def on_dropped(self, request_id: int) -> None:
        self.dropped.append(request_id)
        if request_id == self.current[0]:
            self.problems.append(f"the current request {request_id} was dropped")


QT_POOL_THREAD = "Thread (pooled)"


def kernel_threads() -> Counter[str]:
    """The process's threads by name, as the kernel lists them (Qt's included); empty off Linux.

    The worker thread is named "lookup". Idle threads of Qt's own global pool are left out: Qt
    keeps them for 30 s after use, and their number is capped by the pool, so they cannot pile up.
    """
    tasks = Path("/proc/self/task")
    if not tasks.is_dir():
        return Counter()
    names: Counter[str] = Counter()
    for task in tasks.iterdir():
        with contextlib.suppress(OSError):  # a thread that ended while being listed
            names[(task / "comm").read_text().strip()] += 1
    del names[QT_POOL_THREAD]
    return names


def python_threads() -> int:
    """Python's threads that are still running.

    Python keeps a record of a thread it did not start (a QThread it ran code on) until another
    thread happens to get the same id, so on Linux only the records of live threads count.
    """
    tasks = Path("/proc/self/task")
    if not tasks.is_dir():
        return threading.active_count()
    alive = {int(task.name) for task in tasks.iterdir()}
    return sum(1 for thread in threading.enumerate() if thread.native_id in alive)


def release_free_memory() -> None:
    """Collect garbage, and have glibc hand back the free memory it keeps for later.

    Without the trim, RSS counts memory freed long ago that the allocator still holds, which
    depends on what ran before (other tests) more than on what the program keeps.
    """
    gc.collect()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # not glibc (musl): no trim
            ctypes.CDLL("libc.so.6").malloc_trim(0)


def rss_bytes() -> int:
    """Resident memory now (Linux), else the peak so far, after freeing what can be freed."""
    release_free_memory()
    statm = Path("/proc/self/statm")
    if statm.is_file():
        return int(statm.read_text().split()[1]) * resource.getpagesize()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


@pytest.fixture
def credentials() -> SwitchableCredentials:
    return SwitchableCredentials()


@pytest.fixture
def sandbox() -> Iterator[RemoteSandbox]:
    """The sandbox in its own process, for this module only (the shared one runs in-process)."""
    remote = RemoteSandbox()
    yield remote
    remote.stop()


@pytest.fixture
def services(sandbox: RemoteSandbox, credentials: SwitchableCredentials) -> Services:
    settings = Settings(
        api_url=sandbox.url, test_mode=True, language="en", connect_timeout=5.0, read_timeout=10.0
    )
    return sandbox_services(settings=settings, credentials=lambda: credentials)


class Day:
    """Runs the searches of the day through the window, the way an agent would."""

    def __init__(
        self,
        qtbot: QtBot,
        window: MainWindow,
        sandbox: RemoteSandbox,
        services: Services,
        credentials: SwitchableCredentials,
        watcher: Watcher,
    ) -> None:
        self.qtbot = qtbot
        self.window = window
        self.sandbox = sandbox
        self.services = services
        self.credentials = credentials
        self.watcher = watcher
        self.settings = services.settings
        self.searches = 0

    def start(self, customer: str) -> None:
        """Type the customer's number and ask for the search, without waiting."""
        self.watcher.upcoming = customer
        bar = self.window.search_bar
        bar.number_edit.setText(CUSTOMERS[customer][0])
        assert bar.request_search()
        self.searches += 1

    def search(self, customer: str) -> bool:
        """Search and wait for the outcome; True if rows (or "no invoices") were shown."""
        with self.qtbot.waitSignal(self.window.lookup_finished, timeout=LONG) as finished:
            self.start(customer)
        return bool(finished.args[1])

    def arrived(self, count: int) -> None:
        self.qtbot.waitUntil(lambda: self.sandbox.request_count >= count, timeout=LONG)

    def run(self, kind: str) -> None:
        window, sandbox, faults = self.window, self.sandbox, self.sandbox.faults
        message = window.message_area
        if kind in CUSTOMERS:
            assert self.search(kind)
        elif kind == "wrong-secret":
            self.credentials.wrong = True
            assert not self.search("person")
            self.credentials.wrong = False
            assert message.text().startswith("Credentials refused")
        elif kind == "tampered":
            faults.tamper_data = True
            assert not self.search("company")
            faults.tamper_data = False
            assert message.text().startswith("Answer rejected")
        elif kind == "timeout":
            self.services.update_settings(
                self.settings.with_changes(read_timeout=SHORT_READ_TIMEOUT)
            )
            faults.delay = SLOW_ANSWER
            assert not self.search("person")
            faults.delay = 0
            self.services.update_settings(self.settings)
            assert message.text().startswith("No answer in time")
        elif kind in ("cancel", "cancel-in-flight"):
            faults.delay = SLOW_ANSWER
            before = sandbox.request_count
            with self.qtbot.waitSignal(window.answer_dropped, timeout=LONG):
                self.start("person")
                if kind == "cancel-in-flight":
                    self.arrived(before + 1)
                self.qtbot.keyClick(window.search_bar.number_edit, Qt.Key.Key_Escape)
                self.watcher.cancelled()
                assert not window.is_searching()
            faults.delay = 0
            assert window.model.rowCount() == 0
            assert "cancelled" in message.text()
        elif kind in ("supersede", "supersede-in-flight"):
            first, second = ("person", "company") if self.searches % 2 else ("company", "person")
            in_flight = kind == "supersede-in-flight"
            # In flight, the first search must still be waiting when the second starts, so the
            # delay stays on for both; otherwise the second follows at once, with no event
            # processed in between, and the first may or may not have reached the sandbox.
            faults.delay = IN_FLIGHT_DELAY if in_flight else SLOW_ANSWER
            before = sandbox.request_count
            with (
                self.qtbot.waitSignal(window.answer_dropped, timeout=LONG),
                self.qtbot.waitSignal(window.lookup_finished, timeout=LONG) as finished,
            ):
                self.start(first)
                if in_flight:
                    self.arrived(before + 1)
                else:
                    faults.delay = 0
                self.start(second)
            faults.delay = 0
            assert finished.args[1]
            assert {invoice.name for invoice in window.table.visible_invoices()} == {
                CUSTOMERS[second][1]
            }
        else:
            raise AssertionError(kind)


def test_300_searches_leave_no_threads_no_stale_rows_and_no_growth(
    qtbot: QtBot,
    sandbox: RemoteSandbox,
    services: Services,
    credentials: SwitchableCredentials,
    ui_settings: UiSettings,
    translators: Callable[[str], None],
) -> None:
    before_window = (python_threads(), kernel_threads())
    translators("en")
    window = MainWindow(services, ui_settings, "en")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    watcher = Watcher(window)
    watcher.connect()
    day = Day(qtbot, window, sandbox, services, credentials, watcher)

    def threads() -> tuple[int, Counter[str]]:
        return python_threads(), kernel_threads()

    # Warm up: the worker thread has run, the client and its kept-alive connection exist.
    assert day.search("person")
    warm = threads()
    if sys.platform.startswith("linux"):
        assert warm[1]["lookup"] == 1  # the window's one worker thread

    def settle() -> None:
        """A successful search, then wait for any thread still winding down to end."""
        assert day.search("person")
        qtbot.waitUntil(lambda: threads() == warm, timeout=LONG)

    memory_early = 0
    for number in range(SEARCHES):
        day.run(ROUND[number % len(ROUND)])
        if number + 1 == MEASURE_AFTER:
            settle()
            memory_early = rss_bytes()
    assert day.searches >= SEARCHES

    # Rows: only ever the current search's; the superseded and cancelled ones were dropped.
    assert watcher.problems == []
    assert watcher.shown >= SEARCHES // 2
    assert len(watcher.dropped) >= 4 * (SEARCHES // len(ROUND))
    assert window.crash_reporter.report_count() == 0

    # Threads and memory: back where they were with the same window open after the same search.
    settle()
    assert threads() == warm
    memory_late = rss_bytes()
    assert memory_late <= memory_early * 1.10, (memory_early, memory_late)

    # Closed, the window leaves no thread behind: not its worker, not a connection.
    window.close()
    qtbot.waitUntil(lambda: threads() == before_window, timeout=LONG)
    assert "lookup" not in kernel_threads()
