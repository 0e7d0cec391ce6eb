"""Fixtures for the window tests: a window on the loopback sandbox, its settings in a temporary
INI file, and the desktop's URL opening captured instead of starting a browser."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qvickly_desk.client import QvicklyClient
from qvickly_desk.credentials import Credentials, FixedCredentials
from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET, PERSON_PNO, SandboxServer
from qvickly_desk.settings import Settings
from qvickly_desk.ui import i18n
from qvickly_desk.ui.main_window import MainWindow
from qvickly_desk.ui.services import Services
from qvickly_desk.ui.ui_settings import UiSettings

LONG = 20_000
"""Milliseconds to wait for anything: generous, so a slow CI machine never fails by the clock."""

MakeWindow = Callable[..., MainWindow]


def search(qtbot: QtBot, window: MainWindow, number: str = PERSON_PNO) -> None:
    """Type the number and press Enter, as an agent does, and wait for the answer to show."""
    edit = window.search_bar.number_edit
    edit.clear()
    qtbot.keyClicks(edit, number)
    with qtbot.waitSignal(window.lookup_finished, timeout=LONG):
        qtbot.keyClick(edit, Qt.Key.Key_Return)


@pytest.fixture
def ui_settings_path(tmp_path: Path) -> Path:
    return tmp_path / "qvickly-desk-ui.ini"


@pytest.fixture
def ui_settings(ui_settings_path: Path) -> UiSettings:
    return UiSettings.from_file(ui_settings_path)


def sandbox_services(
    sandbox: SandboxServer,
    secret: str = DEMO_SECRET,
    read_timeout: float = 10.0,
    demo: bool = False,
) -> Services:
    """Services on the real client, talking HTTP to the sandbox with fixed credentials."""
    settings = Settings(
        api_url=sandbox.url,
        test_mode=True,
        language="en",
        connect_timeout=5.0,
        read_timeout=read_timeout,
    )
    credentials = FixedCredentials(Credentials(DEMO_EID, secret))
    return Services(
        settings,
        make_client=lambda current: QvicklyClient(current),
        make_credentials=lambda: credentials,
        demo=demo,
    )


@pytest.fixture
def translators(qapp: QApplication) -> Iterator[Callable[[str], None]]:
    """Installs a language's translators, as the app does at start, and removes them after.

    English needs its catalogue too: it holds the plural forms ("1 invoice", "2 invoices").
    """
    installed: list[i18n.Translators] = []

    def install(language: str) -> None:
        while installed:
            i18n.remove_translators(qapp, installed.pop())
        installed.append(i18n.install_translators(qapp, language))

    yield install
    while installed:
        i18n.remove_translators(qapp, installed.pop())


@pytest.fixture
def make_window(
    qtbot: QtBot,
    sandbox: SandboxServer,
    ui_settings: UiSettings,
    translators: Callable[[str], None],
) -> Iterator[MakeWindow]:
    """Opens windows on the sandbox; each is closed (and its thread waited for) afterwards."""
    windows: list[MainWindow] = []

    def make(
        services: Services | None = None,
        language: str = "en",
        settings: UiSettings | None = None,
        **service_options: object,
    ) -> MainWindow:
        translators(language)
        window = MainWindow(
            services or sandbox_services(sandbox, **service_options),  # type: ignore[arg-type]
            settings or ui_settings,
            language,
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def window(make_window: MakeWindow) -> MainWindow:
    return make_window()


class UrlRecorder(QObject):
    """Stands in for the browser: QDesktopServices hands it every http(s) URL to open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def record(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened_urls() -> Iterator[UrlRecorder]:
    recorder = UrlRecorder()
    schemes = ("http", "https", "file", "javascript", "smb", "data")
    for scheme in schemes:
        QDesktopServices.setUrlHandler(scheme, recorder, "record")
    yield recorder
    for scheme in schemes:
        QDesktopServices.unsetUrlHandler(scheme)
