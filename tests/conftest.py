"""Fixtures shared by every test: an isolated config folder, an in-memory keyring, the sandbox."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from qvickly_desk import credentials
from qvickly_desk.credentials import Credentials, CredentialStore
from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET, SandboxServer
from qvickly_desk.settings import ENVIRONMENT_VARIABLES, Settings
from tests.helpers.memory_keyring import MemoryKeyring

MEMORY_KEYRING = f"{MemoryKeyring.__module__}.{MemoryKeyring.__qualname__}"

# Qt tests run without a display unless a developer asks for real windows.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """No test reads or writes the developer's own settings, keyring or environment."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("QVICKLY_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("QVICKLY_LOG_DIR", str(home / "log"))
    for name in ("QVICKLY_EID", "QVICKLY_SECRET", *ENVIRONMENT_VARIABLES.values()):
        monkeypatch.delenv(name, raising=False)
    previous = keyring.get_keyring()
    # The in-memory keyring stands in for the OS store; only the OS stores are accepted.
    monkeypatch.setattr(
        credentials, "OS_KEYRING_BACKENDS", {*credentials.OS_KEYRING_BACKENDS, MEMORY_KEYRING}
    )
    keyring.set_keyring(MemoryKeyring())
    yield home
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    backend = keyring.get_keyring()
    assert isinstance(backend, MemoryKeyring)
    return backend


@pytest.fixture
def credential_store(memory_keyring: MemoryKeyring) -> CredentialStore:
    return CredentialStore(backend=memory_keyring, environ={})


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    with SandboxServer() as server:
        yield server


@pytest.fixture
def demo_credentials() -> Credentials:
    return Credentials(DEMO_EID, DEMO_SECRET)


@pytest.fixture
def sandbox_settings(sandbox: SandboxServer) -> Settings:
    return Settings(
        api_url=sandbox.url, test_mode=True, language="en", connect_timeout=2.0, read_timeout=5.0
    )
