"""Fixtures for the window tests: a window on the loopback sandbox, its settings in a temporary
INI file, and the desktop's URL opening captured instead of starting a browser."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qvickly_desk.sandbox import SandboxServer
from qvickly_desk.ui import i18n
from qvickly_desk.ui.main_window import MainWindow
from qvickly_desk.ui.services import Services
from qvickly_desk.ui.ui_settings import UiSettings
from tests.helpers.window import MakeWindow, UrlRecorder, sandbox_services


@pytest.fixture
def ui_settings_path(tmp_path: Path) -> Path:
    return tmp_path / "qvickly-desk-ui.ini"


@pytest.fixture
def ui_settings(ui_settings_path: Path) -> UiSettings:
    return UiSettings.from_file(ui_settings_path)


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


@pytest.fixture
def opened_urls() -> Iterator[UrlRecorder]:
    recorder = UrlRecorder()
    schemes = ("http", "https", "file", "javascript", "smb", "data")
    for scheme in schemes:
        QDesktopServices.setUrlHandler(scheme, recorder, "record")
    yield recorder
    for scheme in schemes:
        QDesktopServices.unsetUrlHandler(scheme)
