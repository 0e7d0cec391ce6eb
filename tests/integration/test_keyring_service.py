"""Credentials in a real OS keyring: gnome-keyring's Secret Service in a private D-Bus session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT
from tests.helpers.tools import require_program

pytestmark = [pytest.mark.integration, pytest.mark.keyring_service]


def test_secret_service_round_trip_and_nothing_in_plaintext(tmp_path: Path) -> None:
    if sys.platform != "linux":
        pytest.skip("the Secret Service is the Linux keyring")
    dbus_run_session = require_program("dbus-run-session")
    require_program("gnome-keyring-daemon")
    home, data, runtime, config = (tmp_path / name for name in ("home", "data", "run", "config"))
    for folder in (home, data, runtime, config):
        folder.mkdir(mode=0o700)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DBUS_", "QVICKLY_", "PYTHON_KEYRING"))
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(data),
        XDG_RUNTIME_DIR=str(runtime),
        XDG_CONFIG_HOME=str(config),
        QVICKLY_CONFIG_DIR=str(config / "qvickly-desk"),
        PYTHONPATH=str(ROOT),
    )
    script = (
        'printf "keyring-test-password" | gnome-keyring-daemon --unlock --components=secrets'
        f" >/dev/null 2>&1; exec {sys.executable} -m tests.helpers.keyring_session"
    )
    done = subprocess.run(
        [dbus_run_session, "--", "sh", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "clear ok" in done.stdout

    leaked = [
        path
        for path in tmp_path.rglob("*")
        if path.is_file() and b"first-secret-value" in path.read_bytes()
    ]
    assert leaked == [], "the secret was written in plaintext"
