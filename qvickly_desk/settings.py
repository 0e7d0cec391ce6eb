"""Settings that are not secret: API address, test mode, language, timeouts.

They live in a small INI file in the platform's config folder (``%APPDATA%`` on Windows,
``~/Library/Application Support`` on macOS, ``$XDG_CONFIG_HOME`` on Linux) so that the command line
and the window share them without Qt. The secret never comes here: it lives in the OS keyring.
"""

from __future__ import annotations

import ipaddress
import locale
import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple
from urllib.parse import urlsplit

from qvickly_desk import APP_NAME, ORGANIZATION
from qvickly_desk.errors import InvalidInputError
from qvickly_desk.languages import normalize_language

__all__ = [
    "DEFAULT_API_URL",
    "ENVIRONMENT_VARIABLES",
    "Settings",
    "check_api_url",
    "config_dir",
    "environment_overrides",
    "load_settings",
    "save_settings",
    "system_language",
]

DEFAULT_API_URL = "https://api.qvickly.io/"
_SECTION = "qvickly"
_FILE_NAME = "settings.ini"


class Settings(NamedTuple):  # not a dataclass: 10x quicker to define
    api_url: str = DEFAULT_API_URL
    test_mode: bool = False
    language: str = "sv"
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    # A few thousand invoices are a few MB; anything far beyond that is a runaway answer.
    max_answer_bytes: int = 64 * 1024 * 1024

    def with_changes(self, **changes: object) -> Settings:
        """A copy with ``changes``; a name that is not a field raises ``ValueError``."""
        # _replace() checks the names at run time; mypy cannot match **changes to the fields.
        return self._replace(**changes)  # type: ignore[arg-type]


ENVIRONMENT_VARIABLES: Mapping[str, str] = MappingProxyType(
    {
        "api_url": "QVICKLY_API_URL",
        "test_mode": "QVICKLY_TEST",
        "language": "QVICKLY_LANGUAGE",
        "connect_timeout": "QVICKLY_CONNECT_TIMEOUT",
        "read_timeout": "QVICKLY_READ_TIMEOUT",
    }
)
"""Each saved :class:`Settings` field (also its key in the file) and the variable that overrides it.

The one place the names are written: loading, saving and the settings dialog all read it.
"""


def system_language() -> str:
    """The system locale's language if it is Swedish or English, else Swedish."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable)
        if value:
            return normalize_language(value)
    try:
        code = locale.getlocale()[0]
    except ValueError:
        code = None
    return normalize_language(code)


def config_dir(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    override = environ.get("QVICKLY_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, ORGANIZATION, roaming=True))


def environment_overrides(environ: Mapping[str, str] | None = None) -> frozenset[str]:
    """The :class:`Settings` fields the environment sets, so that nothing saves or edits them.

    A variable counts only when it is non-empty, as in :func:`load_settings`.
    """
    environ = os.environ if environ is None else environ
    return frozenset(
        name for name, variable in ENVIRONMENT_VARIABLES.items() if environ.get(variable)
    )


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """The saved settings, with environment variables taking precedence (for automation)."""
    environ = os.environ if environ is None else environ
    saved = _read_saved(config_dir(environ) / _FILE_NAME)
    defaults = Settings(language=system_language())

    def pick(key: str) -> str | None:
        return environ.get(ENVIRONMENT_VARIABLES[key]) or saved.get(key)

    return Settings(
        api_url=pick("api_url") or defaults.api_url,
        test_mode=_to_bool(pick("test_mode"), defaults.test_mode),
        language=normalize_language(pick("language") or defaults.language),
        connect_timeout=_to_seconds(pick("connect_timeout"), 5.0),
        read_timeout=_to_seconds(pick("read_timeout"), 30.0),
    )


def save_settings(settings: Settings, environ: Mapping[str, str] | None = None) -> Path:
    """Write the settings file; returns where it went. Writes nothing secret.

    A value the environment provides is never written: it would outlive the variable (an
    admin's test server, say). For such a field the file keeps what it had, or no key at all.
    """
    environ = os.environ if environ is None else environ
    folder = config_dir(environ)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / _FILE_NAME
    values = {
        "api_url": settings.api_url,
        "test_mode": "1" if settings.test_mode else "0",
        "language": settings.language,
        "connect_timeout": f"{settings.connect_timeout:g}",
        "read_timeout": f"{settings.read_timeout:g}",
    }
    overridden = environment_overrides(environ)
    if overridden:
        saved = _read_saved(path)
        for key in overridden:
            if key in saved:
                values[key] = saved[key]
            else:
                del values[key]
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    parser[_SECTION] = values
    temporary = path.with_suffix(".tmp")
    with temporary.open("w", encoding="utf-8", newline="\n") as handle:
        parser.write(handle)
    os.replace(temporary, path)
    return path


def _read_saved(path: Path) -> dict[str, str]:
    """The file's keys and values; empty when it is missing or damaged (defaults apply then).

    ``configparser`` is imported only when there is a file to read: the demo and a first start
    have none, and its import is 9 million instructions, nearly 1 % of the window's start-up.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, ValueError):  # missing, unreadable, not UTF-8
        return {}
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error:
        return {}
    return dict(parser[_SECTION]) if parser.has_section(_SECTION) else {}


def _to_bool(value: str | None, default: bool) -> bool:
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _to_seconds(value: str | None, default: float) -> float:
    try:
        seconds = float(value) if value else default
    except ValueError:
        return default
    return seconds if 0 < seconds <= 600 else default


def check_api_url(url: str) -> None:
    """An https address; plain http only to this computer (the sandbox), never over a network.

    Over http the merchant id and the customer's number would cross the network readable by
    anyone on the way, and an answer could be changed before it is checked.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        host = None
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not host:
        raise InvalidInputError(
            en=f"The API address {url!r} is not an http(s) address.",
            sv=f"API-adressen {url!r} är ingen http(s)-adress.",
        )
    if parts.scheme == "http" and not _is_loopback(host):
        raise InvalidInputError(
            en=f"The API address {url!r} must use https; plain http is allowed only on this "
            "computer (the sandbox).",
            sv=f"API-adressen {url!r} måste använda https; vanlig http tillåts bara på den här "
            "datorn (sandlådan).",
        )


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
