"""Unexpected errors: logged, shown once in a dialog whose details are safe to send, and survived.

The reporter is installed as the real ``sys.excepthook`` and ``threading.excepthook`` here, so
pytest-qt's own capture of exceptions in slots is turned off where the hook must see them.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qvickly_desk import __version__
from qvickly_desk.credentials import Credentials
from qvickly_desk.logs import LOG_FILE_NAME, close_logging, setup_logging
from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET, SandboxServer
from qvickly_desk.ui.crash import CrashReporter
from qvickly_desk.ui.crash_dialog import CrashDialog
from qvickly_desk.ui.crash_report import MAX_ENTRIES, short_path
from qvickly_desk.ui.main_window import MainWindow
from qvickly_desk.ui.message_area import MessageKind
from qvickly_desk.ui.ui_settings import UiSettings
from tests.helpers.processes import run_python
from tests.helpers.window import LONG, MakeWindow, sandbox_services, search

pytestmark = [
    pytest.mark.integration,
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]

PERSON = "195501011018"
SECRET = "crash-test-secret-Zq8vW3"


# -- fixtures --------------------------------------------------------------------------------------


@pytest.fixture
def log_file() -> Iterator[Path]:
    """The log file as the app sets it up (in the test's QVICKLY_LOG_DIR); put back afterwards."""
    root, package = logging.getLogger(), logging.getLogger("qvickly_desk")
    levels = (root.level, package.level)
    close_logging()
    path = setup_logging()
    yield path
    close_logging()
    root.setLevel(levels[0])
    package.setLevel(levels[1])


@pytest.fixture
def reporter(qapp: QApplication, log_file: Path) -> Iterator[CrashReporter]:
    """The app's reporter, installed as the exception hooks for one test."""
    reporter = CrashReporter()
    reporter.install()
    yield reporter
    reporter.uninstall()
    dialog = reporter.dialog
    if dialog is not None:
        dialog.close()
    reporter.deleteLater()


@pytest.fixture
def window(
    qtbot: QtBot,
    sandbox: SandboxServer,
    ui_settings: UiSettings,
    translators: Callable[[str], None],
    reporter: CrashReporter,
) -> Iterator[MainWindow]:
    """A window on the sandbox with the installed reporter, as ``run_app`` makes it."""
    translators("en")
    window = MainWindow(sandbox_services(sandbox), ui_settings, "en", crash_reporter=reporter)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def raise_later(function: Callable[[], None]) -> None:
    """Run ``function`` from the event loop, as a slot: nobody catches what it raises."""
    QTimer.singleShot(0, function)


def dialogs(window: MainWindow) -> list[CrashDialog]:
    return [dialog for dialog in window.findChildren(CrashDialog) if dialog.isVisible()]


def wait_for_reports(qtbot: QtBot, reporter: CrashReporter, count: int) -> None:
    qtbot.waitUntil(lambda: reporter.report_count() >= count, timeout=LONG)
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=LONG)
    dialog = reporter.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: sum(entry.count for entry in dialog.entries()) >= count, timeout=LONG)


# -- an error in the GUI thread --------------------------------------------------------------------


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_opens_the_dialog_and_copy_details_holds_no_secret_or_number(
    qtbot: QtBot, window: MainWindow, reporter: CrashReporter, log_file: Path
) -> None:
    assert search(qtbot, window)  # invoices with the customer's name are now in memory
    assert window.table.visible_invoices()

    def refresh_customer_view() -> None:
        # Locals that must never travel with the details: the secret, the number, the invoices.
        _credentials = Credentials(DEMO_EID, SECRET)
        customer_number = PERSON
        invoices = window.table.visible_invoices()
        raise RuntimeError(f"could not refresh {customer_number} ({len(invoices)} rows)")

    assert "_credentials" in refresh_customer_view.__code__.co_varnames  # the secret is a local
    raise_later(refresh_customer_view)
    wait_for_reports(qtbot, reporter, 1)

    dialog = reporter.dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.isModal()
    assert dialog.windowTitle() == "Something went wrong"
    assert dialogs(window) == [dialog]
    [entry] = dialog.entries()
    assert entry.summary == "RuntimeError: could not refresh 550101-**** (8 rows)"
    assert entry.where == "the main thread"
    assert dialog.error_list.item(0).text() == entry.summary

    QApplication.clipboard().clear()
    dialog.copy_button.click()
    details = QApplication.clipboard().text()
    assert "refresh_customer_view" in details  # where it happened
    assert "RuntimeError: could not refresh 550101-****" in details
    assert f"Qvickly Desk {__version__}" in details
    assert f"Python {sys.version_info.major}.{sys.version_info.minor}" in details
    assert "PySide6" in details and "Qt " in details and "Platform: " in details
    assert "test_crash.py" in details
    assert SECRET not in details
    assert DEMO_SECRET not in details
    for form in (PERSON, "5501011018", "550101-1018", "19550101-1018"):
        assert form not in details
    assert "Åsa" not in details and "Bäckström" not in details

    # Logged with the traceback, masked by the log's filter.
    log = log_file.read_text(encoding="utf-8")
    assert "unexpected error in the main thread" in log
    assert "refresh_customer_view" in log and "550101-****" in log
    assert PERSON not in log and SECRET not in log

    # The program goes on: the window searches as before, the dialog stays out of its way.
    assert search(qtbot, window, "5566779988")
    assert len(window.table.visible_invoices()) == 4
    dialog.close_button.click()
    qtbot.waitUntil(lambda: reporter.dialog is None, timeout=LONG)


@pytest.mark.qt_no_exception_capture
def test_more_errors_while_the_dialog_is_open_are_added_to_it(
    qtbot: QtBot, window: MainWindow, reporter: CrashReporter
) -> None:
    def first() -> None:
        raise ValueError("the first")

    def second() -> None:
        raise KeyError("the second")

    raise_later(first)
    wait_for_reports(qtbot, reporter, 1)
    dialog = reporter.dialog
    for function in (second, first, first):
        raise_later(function)
    wait_for_reports(qtbot, reporter, 4)
    assert reporter.dialog is dialog
    assert dialogs(window) == [dialog]
    assert [(entry.summary, entry.count) for entry in dialog.entries()] == [
        ("ValueError: the first", 3),
        ("KeyError: 'the second'", 1),
    ]
    assert dialog.error_list.item(0).text() == "ValueError: the first (3 times)"
    details = dialog.details()
    assert "Error 1: ValueError: the first" in details and "3 times" in details
    assert "Error 2: KeyError: 'the second'" in details

    # Closed, the next error opens a fresh dialog with only itself in it.
    dialog.close_button.click()
    qtbot.waitUntil(lambda: reporter.dialog is None, timeout=LONG)
    with qtbot.waitSignal(reporter.reported, timeout=LONG):
        raise_later(second)
    assert reporter.dialog is not dialog
    assert [entry.summary for entry in reporter.dialog.entries()] == ["KeyError: 'the second'"]


@pytest.mark.qt_no_exception_capture
def test_a_storm_of_errors_makes_one_line_a_few_log_lines_and_the_window_still_works(
    qtbot: QtBot, window: MainWindow, reporter: CrashReporter, log_file: Path
) -> None:
    storm = 600
    ticks = {"count": 0}
    timer = QTimer(window)
    timer.setInterval(0)

    def tick() -> None:
        ticks["count"] += 1
        if ticks["count"] >= storm:
            timer.stop()
        raise OSError("the same fault on every tick")

    timer.timeout.connect(tick)
    timer.start()
    wait_for_reports(qtbot, reporter, storm)
    dialog = reporter.dialog
    assert dialogs(window) == [dialog]
    [entry] = dialog.entries()
    assert entry.count == storm
    assert "(600 times)" in dialog.error_list.item(0).text()

    log = log_file.read_text(encoding="utf-8")
    assert log.count("Traceback (most recent call last)") == 1
    assert 0 < log.count("again (") <= 10  # at 2, 4, 8, ... 512 times
    assert search(qtbot, window)
    assert len(window.table.visible_invoices()) == 8


@pytest.mark.qt_no_exception_capture
def test_many_different_errors_fill_the_list_and_the_rest_are_counted(
    qtbot: QtBot, window: MainWindow, reporter: CrashReporter
) -> None:
    def raise_number(number: int) -> None:
        # A different line per error, so each counts as different.
        exec(compile("\n" * number + "raise LookupError(number)", "generated.py", "exec"))

    for number in range(MAX_ENTRIES + 3):
        raise_later(lambda number=number: raise_number(number))
    wait_for_reports(qtbot, reporter, MAX_ENTRIES)
    dialog = reporter.dialog
    qtbot.waitUntil(lambda: dialog.others() == 3, timeout=LONG)
    assert len(dialog.entries()) == MAX_ENTRIES
    assert dialog.error_list.count() == MAX_ENTRIES + 1
    assert dialog.error_list.item(MAX_ENTRIES).text() == "3 more different errors"


@pytest.mark.qt_no_exception_capture
def test_an_error_that_ends_a_python_thread_is_reported_too(
    qtbot: QtBot, window: MainWindow, reporter: CrashReporter, log_file: Path
) -> None:
    def background_job() -> None:
        raise ZeroDivisionError("nothing to divide by")

    thread = threading.Thread(target=background_job, name="export-job")
    thread.start()
    thread.join()
    wait_for_reports(qtbot, reporter, 1)
    [entry] = reporter.dialog.entries()
    assert entry.summary == "ZeroDivisionError: nothing to divide by"
    assert entry.where == "thread export-job"
    assert "background_job" in reporter.dialog.details()
    assert "unexpected error in thread export-job" in log_file.read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_the_dialog_speaks_swedish_in_a_swedish_window(
    qtbot: QtBot,
    sandbox: SandboxServer,
    ui_settings: UiSettings,
    translators: Callable[[str], None],
    reporter: CrashReporter,
) -> None:
    translators("sv")
    window = MainWindow(sandbox_services(sandbox), ui_settings, "sv", crash_reporter=reporter)
    qtbot.addWidget(window)
    window.show()

    def fail() -> None:
        raise RuntimeError("x")

    for _ in range(2):
        raise_later(fail)
    wait_for_reports(qtbot, reporter, 2)
    dialog = reporter.dialog
    assert dialog.windowTitle() == "Något gick fel"
    assert dialog.copy_button.text().replace("&", "") == "Kopiera detaljer"
    assert dialog.details_button.text().replace("&", "") == "Visa detaljer"
    assert dialog.error_list.item(0).text() == "RuntimeError: x (2 gånger)"
    dialog.details_button.click()
    assert dialog.details_edit.isVisible()
    assert "RuntimeError: x" in dialog.details_edit.toPlainText()
    window.close()


def test_uninstalling_gives_the_hooks_back(qapp: QApplication) -> None:
    before = (sys.excepthook, threading.excepthook)
    reporter = CrashReporter()
    reporter.install()
    assert sys.excepthook == reporter.excepthook
    assert threading.excepthook == reporter.thread_excepthook
    reporter.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
    reporter.deleteLater()


def test_paths_in_the_details_lose_the_folders_above_the_package() -> None:
    assert short_path("/home/anna/src/app/qvickly_desk/ui/app.py") == "qvickly_desk/ui/app.py"
    assert short_path("C:\\Users\\Anna\\venv\\Lib\\site-packages\\PySide6\\x.py") == "PySide6/x.py"
    home = str(Path.home())
    assert short_path(f"{home}/notes/script.py").startswith("~")


# -- an error in the worker ------------------------------------------------------------------------


class FlakyCredentials:
    """A credential source with a fault on its first use, as a bug in our own code would look."""

    def __init__(self) -> None:
        self.calls = 0

    def load(self) -> Credentials:
        self.calls += 1
        if self.calls == 1:
            raise RuntimeError("credential cache corrupted")
        return Credentials(DEMO_EID, DEMO_SECRET)


def test_an_error_in_the_worker_shows_the_dialog_and_its_traceback_is_logged(
    qtbot: QtBot, make_window: MakeWindow, sandbox: SandboxServer, log_file: Path
) -> None:
    flaky = sandbox_services(sandbox, credentials=FlakyCredentials)
    window = make_window(flaky)  # no reporter given: the window's own shows the dialog
    reporter = window.crash_reporter
    assert not reporter.is_installed()
    with qtbot.waitSignal(reporter.reported, timeout=LONG):
        assert not search(qtbot, window)
    assert window.message_area.kind() == MessageKind.ERROR
    assert window.message_area.text().startswith("The search failed")
    dialog = reporter.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.parent() is window
    [entry] = dialog.entries()
    assert entry.summary == "RuntimeError: credential cache corrupted"
    assert entry.where == "the lookup worker"
    dialog.copy_button.click()
    details = QApplication.clipboard().text()
    assert "in load" in details and "credential cache corrupted" in details
    assert "worker.py" in details

    log = log_file.read_text(encoding="utf-8")
    assert "failed unexpectedly" in log  # the worker's own entry, with the original traceback
    assert "Traceback (most recent call last)" in log
    assert 'in load\n    raise RuntimeError("credential cache corrupted")' in log
    assert log.count("Traceback (most recent call last)") == 1  # not logged twice

    # Still working: the next search answers as always, and the dialog waits to be closed.
    assert search(qtbot, window)
    assert len(window.table.visible_invoices()) == 8
    assert reporter.dialog is dialog and len(dialog.entries()) == 1


# -- the installed program -------------------------------------------------------------------------

DRIVER = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from qvickly_desk.cli import main

app = QApplication(sys.argv[:1])

def raised_on_purpose():
    raise RuntimeError("raised on purpose in 195501011018's view")

def check():
    windows = [w for w in app.topLevelWidgets() if w.objectName() == "mainWindow"]
    dialogs = [w for w in app.allWidgets() if w.objectName() == "crashDialog" and w.isVisible()]
    if not dialogs:
        QTimer.singleShot(20, check)
        return
    print("window visible", windows[0].isVisible())
    print("dialogs", len(dialogs))
    windows[0].close()

QTimer.singleShot(0, raised_on_purpose)
QTimer.singleShot(0, check)
sys.exit(main(["--demo"]))
"""


def test_the_program_installs_the_hook_and_keeps_running_after_an_error(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QVICKLY_LOG_DIR": str(tmp_path),
        # The window saves its size on close: into this test's folder, not the developer's.
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    result = run_python("-c", DRIVER, env=environment)
    assert result.returncode == 0, result.stderr
    assert "window visible True" in result.stdout
    assert "dialogs 1" in result.stdout
    log = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "unexpected error in the main thread" in log
    assert "raised_on_purpose" in log
    assert "550101-****" in log and PERSON not in log
    assert PERSON not in result.stderr  # the copy on stderr is masked too


def test_the_window_without_a_reporter_keeps_the_hooks_alone(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    before = sys.excepthook
    window = make_window()
    assert sys.excepthook is before
    assert not window.crash_reporter.is_installed()
    assert window.crash_reporter.dialog is None
