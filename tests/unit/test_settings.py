"""Non-secret settings survive a restart, and the environment overrides them for scripts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from qvickly_desk.settings import (
    DEFAULT_API_URL,
    Settings,
    config_dir,
    environment_overrides,
    load_settings,
    save_settings,
)
from tests.helpers.processes import run_python


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


def test_a_file_without_a_section_header_falls_back_to_defaults(
    isolated_environment: Path,
) -> None:
    folder = isolated_environment / "config"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.ini").write_text("read_timeout = 3\n", encoding="utf-8")
    assert load_settings().read_timeout == 30.0


def test_without_a_file_no_ini_parser_is_imported(tmp_path: Path) -> None:
    """The demo and a first start read no file, so the window's start-up skips configparser."""
    code = (
        "import sys\n"
        "from qvickly_desk.settings import load_settings\n"
        "assert load_settings().read_timeout == 30.0\n"
        "print('configparser' in sys.modules)\n"
    )
    env = {**os.environ, "QVICKLY_CONFIG_DIR": str(tmp_path / "none")}
    result = run_python("-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_nonsense_timeouts_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QVICKLY_READ_TIMEOUT", "-4")
    monkeypatch.setenv("QVICKLY_CONNECT_TIMEOUT", "soon")
    loaded = load_settings()
    assert (loaded.connect_timeout, loaded.read_timeout) == (5.0, 30.0)


def settings_file() -> str:
    return (config_dir() / "settings.ini").read_text(encoding="utf-8")


def test_saving_keeps_the_files_address_when_the_environment_sets_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    save_settings(Settings(api_url="https://api.billmate.se/", language="sv", read_timeout=12))
    monkeypatch.setenv("QVICKLY_API_URL", "https://test.example.invalid/")
    loaded = load_settings()
    assert loaded.api_url == "https://test.example.invalid/"

    save_settings(loaded.with_changes(language="en", read_timeout=20))

    written = settings_file()
    assert "test.example.invalid" not in written
    assert "api_url = https://api.billmate.se/" in written
    assert "language = en" in written and "read_timeout = 20" in written
    monkeypatch.delenv("QVICKLY_API_URL")
    after = load_settings()
    assert after.api_url == "https://api.billmate.se/"
    assert (after.language, after.read_timeout) == ("en", 20.0)


def test_saving_writes_no_address_when_only_the_environment_had_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("QVICKLY_API_URL", "https://test.example.invalid/")
    monkeypatch.setenv("QVICKLY_READ_TIMEOUT", "42")

    save_settings(load_settings().with_changes(connect_timeout=7))

    written = settings_file()
    assert "api_url" not in written and "read_timeout" not in written
    assert "connect_timeout = 7" in written
    monkeypatch.delenv("QVICKLY_API_URL")
    monkeypatch.delenv("QVICKLY_READ_TIMEOUT")
    after = load_settings()
    assert (after.api_url, after.read_timeout, after.connect_timeout) == (
        DEFAULT_API_URL,
        30.0,
        7.0,
    )


def test_saving_respects_the_environment_it_is_given() -> None:
    save_settings(Settings(test_mode=True), environ={**os.environ, "QVICKLY_TEST": "0"})
    assert "test_mode" not in settings_file()


def test_environment_overrides_names_the_fields_of_non_empty_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert environment_overrides() == frozenset()
    monkeypatch.setenv("QVICKLY_API_URL", "https://test.example.invalid/")
    monkeypatch.setenv("QVICKLY_LANGUAGE", "")
    monkeypatch.setenv("QVICKLY_READ_TIMEOUT", "42")
    assert environment_overrides() == {"api_url", "read_timeout"}
    assert environment_overrides({"QVICKLY_TEST": "1", "QVICKLY_CONNECT_TIMEOUT": ""}) == {
        "test_mode"
    }
