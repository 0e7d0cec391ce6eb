"""A keyring backend that keeps passwords in a plain file under HOME, as keyrings.alt does.

Chosen through ``PYTHON_KEYRING_BACKEND`` or ``keyringrc.cfg`` in the tests that show the app
never uses such a backend.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

FILE_NAME = "keyring_pass.cfg"


class PlaintextFileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _path(self) -> Path:
        return Path(os.environ.get("HOME", ".")) / FILE_NAME

    def _entries(self) -> dict[str, str]:
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        value = self._entries().get(f"{service}/{username}")
        return base64.b64decode(value).decode() if value is not None else None

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._entries()
        entries[f"{service}/{username}"] = base64.b64encode(password.encode()).decode()
        self._path().write_text(json.dumps(entries))

    def delete_password(self, service: str, username: str) -> None:
        entries = self._entries()
        if entries.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError("not stored")
        self._path().write_text(json.dumps(entries))
