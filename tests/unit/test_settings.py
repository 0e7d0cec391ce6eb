"""Non-secret settings survive a restart, and the environment overrides them for scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from qvickly_desk.settings import DEFAULT_API_URL, Settings, load_settings, save_settings


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    settings = load_settings()
    assert settings.api_url == DEFAULT_API_URL
    assert not settings.test_mode
    assert settings.language == "en"
    assert (settings.connect_timeout, settings.read_timeout) == (5.0, 30.0)


def test_language_falls_back_to_swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert load_settings().language == "sv"


def test_saved_settings_come_back(isolated_environment: Path) -> None:
    saved = Settings(
        api_url="https://api.billmate.se/",
        test_mode=True,
        language="en",
        connect_timeout=3,
        read_timeout=12,
    )
    path = save_settings(saved)
    assert path.parent == isolated_environment / "config"
    loaded = load_settings()
    assert loaded.api_url == saved.api_url
    assert loaded.test_mode and loaded.language == "en"
    assert (loaded.connect_timeout, loaded.read_timeout) == (3.0, 12.0)


def test_environment_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    save_settings(Settings(test_mode=False, language="sv"))
    monkeypatch.setenv("QVICKLY_TEST", "1")
    monkeypatch.setenv("QVICKLY_LANGUAGE", "en")
    monkeypatch.setenv("QVICKLY_API_URL", "http://127.0.0.1:9/")
    loaded = load_settings()
    assert loaded.test_mode and loaded.language == "en"
    assert loaded.api_url == "http://127.0.0.1:9/"


def test_a_damaged_file_falls_back_to_defaults(isolated_environment: Path) -> None:
    folder = isolated_environment / "config"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.ini").write_bytes(b"\xff\xfe[[[garbage\nread_timeout = x\n")
    assert load_settings().read_timeout == 30.0


def test_nonsense_timeouts_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QVICKLY_READ_TIMEOUT", "-4")
    monkeypatch.setenv("QVICKLY_CONNECT_TIMEOUT", "soon")
    loaded = load_settings()
    assert (loaded.connect_timeout, loaded.read_timeout) == (5.0, 30.0)
