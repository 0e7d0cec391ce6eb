"""Outside programs some tests need (php-cli, gnome-keyring): skipped locally, required in CI."""

from __future__ import annotations

import os
import shutil

import pytest


def require_program(name: str) -> str:
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (.ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
