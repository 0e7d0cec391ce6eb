"""What window tests share: the patience of a slow machine, a search as an agent makes it, the
services on the sandbox, and a stand-in for the browser."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from pytestqt.qtbot import QtBot

from qvickly_desk.client import QvicklyClient
from qvickly_desk.credentials import (
    Credentials,
    CredentialSource,
    CredentialStore,
    FixedCredentials,
)
from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET, PERSON_PNO, SandboxServer
from qvickly_desk.settings import Settings
from qvickly_desk.ui.main_window import MainWindow
from qvickly_desk.ui.services import Services

__all__ = ["LONG", "MakeWindow", "UrlRecorder", "sandbox_services", "search"]

LONG = 20_000
"""Milliseconds to wait for anything: generous, so a slow CI machine never fails by the clock."""

MakeWindow = Callable[..., MainWindow]


def search(qtbot: QtBot, window: MainWindow, number: str = PERSON_PNO) -> bool:
    """Type the number and press Enter, as an agent does, and wait for the search to finish.

    True if an answer was shown, False if the search failed.
    """
    edit = window.search_bar.number_edit
    edit.clear()
    qtbot.keyClicks(edit, number)
    with qtbot.waitSignal(window.lookup_finished, timeout=LONG) as finished:
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    return bool(finished.args and finished.args[1])


def sandbox_services(
    sandbox: SandboxServer | None = None,
    secret: str = DEMO_SECRET,
    read_timeout: float = 10.0,
    demo: bool = False,
    *,
    settings: Settings | None = None,
    credentials: Callable[[], CredentialSource] | None = None,
    store: CredentialStore | None = None,
    make_client: Callable[[Settings], QvicklyClient] = QvicklyClient,
) -> Services:
    """Services on the real client, talking HTTP to the sandbox.

    The credentials are the demo account's (with ``secret``), else ``credentials()``, else the
    ``store``; ``settings`` replace the sandbox's own (its address, test mode, English).
    """
    if settings is None:
        assert sandbox is not None, "the sandbox or the settings"
        settings = Settings(
            api_url=sandbox.url,
            test_mode=True,
            language="en",
            connect_timeout=5.0,
            read_timeout=read_timeout,
        )
    if credentials is None:
        source: CredentialSource = (
            store if store is not None else FixedCredentials(Credentials(DEMO_EID, secret))
        )
        credentials = lambda: source  # noqa: E731
    return Services(
        settings,
        make_client=make_client,
        make_credentials=credentials,
        make_store=None if store is None else (lambda: store),
        demo=demo,
    )


class UrlRecorder(QObject):
    """Stands in for the browser: QDesktopServices hands it every http(s) URL to open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def record(self, url: QUrl) -> None:
        self.urls.append(url)
