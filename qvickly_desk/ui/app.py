"""Start-up of the window: application identity, icon, translators, services, and the smoke test.

Only what the first paint needs is imported before the window shows: ``requests``, ``keyring``, the
client and the sandbox are imported inside the factories that :class:`Services` calls on first use,
on the worker thread. The demo starts its in-process sandbox the same way, at the first lookup.

From the moment the application object exists, a :class:`CrashReporter` is the exception hook:
an error nobody caught is logged (``cli.main`` keeps the records until the log file is opened
after the first paint) and shown in a dialog, and the program goes on.

``--smoke-test`` checks a built bundle end to end without a display, a keyring or a network: it
opens the window on the in-process sandbox, looks up the documented test person through the real
worker thread, checks that rows appear and that no unexpected error was reported, closes the
window and exits 0 (or 1, saying why).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from qvickly_desk import APP_NAME, DESKTOP_ID, ORGANIZATION, __version__
from qvickly_desk.ui import deferred, i18n
from qvickly_desk.ui.crash import CrashReporter
from qvickly_desk.ui.resources import resource_path
from qvickly_desk.ui.services import Services
from qvickly_desk.ui.ui_settings import UiSettings

if TYPE_CHECKING:
    from qvickly_desk.client import QvicklyClient
    from qvickly_desk.credentials import CredentialStore, FixedCredentials
    from qvickly_desk.sandbox import SandboxServer
    from qvickly_desk.settings import Settings

__all__ = ["ICON_PATH", "SMOKE_TEST_PNO", "build_services", "run_app", "set_app_identity"]

ICON_PATH = "icons/qvickly-desk.svg"
SMOKE_TEST_PNO = "195501011018"
_SMOKE_TIMEOUT_MS = 60_000
_EXIT_OK = 0
_EXIT_FAILED = 1


def set_app_identity() -> None:
    """Names QSettings, the desktop entry and the Wayland app id agree on; set before the app."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(DESKTOP_ID)


def app_icon() -> QIcon:
    return QIcon(str(resource_path(ICON_PATH)))


def run_app(args: argparse.Namespace) -> int:
    """The window's main loop; returns the exit code for ``cli.main``."""
    set_app_identity()
    smoke_test = bool(getattr(args, "smoke_test", False))
    if smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # bundles are tested headless
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setWindowIcon(app_icon())
    reporter = CrashReporter(app)
    reporter.install()
    try:
        if smoke_test:
            return _smoke_test(app, reporter)
        return _run_window(app, reporter, args)
    finally:
        reporter.uninstall()


def _run_window(app: QApplication, reporter: CrashReporter, args: argparse.Namespace) -> int:
    from qvickly_desk.ui.main_window import MainWindow

    demo = bool(getattr(args, "demo", False))
    ui_settings = UiSettings()
    language = i18n.choose_language(ui_settings.language_override())
    i18n.install_translators(app, language)
    window = MainWindow(build_services(demo), ui_settings, language, crash_reporter=reporter)
    window.show()
    after_first_paint = getattr(args, "after_first_paint", None)
    if after_first_paint is not None:  # cli.main's: the log file, the collector
        deferred.after_first_paint(window, after_first_paint)
    if not demo:
        # After the first paint; the keyring is asked on the worker thread, never on this one.
        QTimer.singleShot(0, window.check_credentials)
    return app.exec()


def build_services(demo: bool, settings: Settings | None = None) -> Services:
    """The real services (saved settings, OS keyring) or the demo's (in-process sandbox)."""
    from qvickly_desk.settings import load_settings

    settings = settings if settings is not None else load_settings()
    if demo:
        return _demo_services(settings.with_changes(test_mode=True))

    def make_client(current: Settings) -> QvicklyClient:
        from qvickly_desk.client import QvicklyClient

        return QvicklyClient(current)

    def make_store() -> CredentialStore:
        from qvickly_desk.credentials import CredentialStore

        return CredentialStore()

    return Services(
        settings,
        make_client=make_client,
        make_credentials=make_store,
        make_store=make_store,
    )


def _demo_services(settings: Settings) -> Services:
    """Services on one sandbox, started at the first lookup and stopped when the window closes.

    Every client the demo makes (the window's, the connection test's) talks to that sandbox, so
    nothing in the demo ever leaves the computer.
    """
    servers: list[SandboxServer] = []
    lock = threading.Lock()

    def sandbox_url() -> str:
        from qvickly_desk.sandbox import SandboxServer

        with lock:
            if not servers:
                servers.append(SandboxServer().start())
            return servers[0].url

    def make_client(current: Settings) -> QvicklyClient:
        return _sandbox_client(current, sandbox_url())

    def make_credentials() -> FixedCredentials:
        from qvickly_desk.credentials import Credentials, FixedCredentials
        from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET

        return FixedCredentials(Credentials(DEMO_EID, DEMO_SECRET))

    def stop_sandbox() -> None:
        with lock:
            while servers:
                servers.pop().stop()

    return Services(
        settings,
        make_client=make_client,
        make_credentials=make_credentials,
        demo=True,
        on_close=stop_sandbox,
    )


def _sandbox_client(settings: Settings, url: str) -> QvicklyClient:
    """A client that stays on the sandbox in test mode whatever settings it is given later.

    The settings dialog may save new timeouts or a message language in the demo; it must not move
    the demo off its sandbox, so the address and test mode are pinned here.
    """
    from qvickly_desk.client import QvicklyClient

    class SandboxClient(QvicklyClient):
        @property
        def settings(self) -> Settings:
            return self._pinned_settings

        @settings.setter
        def settings(self, value: Settings) -> None:
            self._pinned_settings = value.with_changes(api_url=url, test_mode=True)

    return SandboxClient(settings)


# -- the smoke test ------------------------------------------------------------------------------


def _smoke_test(app: QApplication, reporter: CrashReporter) -> int:
    """One real lookup through the window and its worker thread; the outcome on stdout/stderr."""
    from qvickly_desk.settings import Settings
    from qvickly_desk.ui.main_window import MainWindow

    problems: list[str] = []
    if app_icon().pixmap(32, 32).isNull():
        problems.append(f"the icon {ICON_PATH} could not be loaded")
    translators = i18n.install_translators(app, "sv")
    if not translators.ours_loaded:
        problems.append("the Swedish translation could not be loaded")
    # Qt's own catalogue, found through Qt's paths: the standard dialogs' buttons in Swedish.
    if QCoreApplication.translate("QPlatformTheme", "Cancel") != "Avbryt":
        problems.append("Qt's Swedish translation could not be loaded")

    with tempfile.TemporaryDirectory(prefix="qvickly-smoke-") as folder:
        ui_settings = UiSettings.from_file(Path(folder) / "ui.ini")
        services = build_services(demo=True, settings=Settings(language="sv"))
        window = MainWindow(services, ui_settings, "sv", crash_reporter=reporter)
        window.show()
        outcome: dict[str, bool] = {}
        loop = QEventLoop()

        def finished(_request_id: int, succeeded: bool) -> None:
            outcome["succeeded"] = succeeded
            loop.quit()

        window.lookup_finished.connect(finished)
        QTimer.singleShot(_SMOKE_TIMEOUT_MS, loop.quit)
        window.search_bar.number_edit.setText(SMOKE_TEST_PNO)
        if not window.search_bar.request_search():
            problems.append("the test number was refused by the search field")
        else:
            loop.exec()
        rows = window.model.rowCount()
        if "succeeded" not in outcome:
            problems.append(f"no answer within {_SMOKE_TIMEOUT_MS // 1000} seconds")
        elif not outcome["succeeded"]:
            problems.append("the lookup failed: " + window.message_area.text().replace("\n", " "))
        elif rows == 0:
            problems.append("the lookup returned no rows")
        if reporter.report_count():
            problems.append(f"{reporter.report_count()} unexpected error(s), see the log")
        window.close()
        del ui_settings

    if problems:
        for problem in problems:
            print(f"qvickly-desk: smoke test failed: {problem}", file=sys.stderr)
        return _EXIT_FAILED
    print(f"qvickly-desk {__version__}: smoke test passed ({rows} invoices shown)")
    return _EXIT_OK
