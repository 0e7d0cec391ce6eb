"""In demo mode nothing leaves the computer: not even the credentials dialog's connection test."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from qvickly_desk.settings import DEFAULT_API_URL, Settings
from qvickly_desk.ui import app
from qvickly_desk.ui.credentials_dialog import CredentialsDialog
from qvickly_desk.ui.services import Services
from tests.helpers.window import LONG


def _is_loopback(host: object) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(str(host)).is_loopback
    except ValueError:
        return False


@pytest.fixture
def outside_attempts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every name lookup or connection to anything but loopback, refused and recorded."""
    attempts: list[str] = []
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_loopback(host):
            attempts.append(f"name lookup of {host}")
            raise socket.gaierror(socket.EAI_NONAME, "refused by the test")
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
            attempts.append(f"connection to {address[0]}")
            raise ConnectionRefusedError("refused by the test")
        real_connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts


@pytest.fixture
def demo_services() -> Iterator[Services]:
    # The saved address is the real service's, as on a computer that has been used for real.
    services = app.build_services(demo=True, settings=Settings(api_url=DEFAULT_API_URL))
    yield services
    services.close()


@pytest.mark.integration
def test_the_demo_connection_test_talks_only_to_the_sandbox(
    qtbot: QtBot, demo_services: Services, outside_attempts: list[str]
) -> None:
    dialog = CredentialsDialog(demo_services, ui_language="en")
    qtbot.addWidget(dialog)
    dialog.show()
    button = dialog.findChild(QPushButton, "testConnectionButton")
    label = dialog.findChild(QLabel, "testResultLabel")
    assert button is not None and label is not None

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_testing(), timeout=LONG)

    assert outside_attempts == []
    assert "Connection works" in label.text()
    dialog.done(0)


def test_every_client_the_demo_makes_is_on_one_loopback_sandbox(demo_services: Services) -> None:
    first = demo_services.new_client(Settings(api_url=DEFAULT_API_URL))
    second = demo_services.new_client(Settings(api_url="https://elsewhere.example/"))
    try:
        for client in (first, second, demo_services.client()):
            assert client.settings.api_url.startswith("http://127.0.0.1:")
            assert client.settings.test_mode
        assert first.settings.api_url == second.settings.api_url  # one sandbox, not one each
    finally:
        first.close()
        second.close()
