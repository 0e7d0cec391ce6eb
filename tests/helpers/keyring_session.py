"""Run inside a private D-Bus session with an unlocked gnome-keyring: the real Secret Service.

Driven by tests/integration/test_keyring_service.py; prints one line per check so the test can
say which step failed.
"""

from __future__ import annotations

import os
import subprocess
import sys

from qvickly_desk.credentials import Credentials, CredentialStore
from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET, SandboxServer


def cli(*argv: str, stdin: str = "", extra_env: dict[str, str] | None = None) -> str:
    env = {**os.environ, **(extra_env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "qvickly_desk", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"FAILED {argv}: exit {done.returncode}: {done.stderr.strip()}")
    return done.stdout


def main() -> None:
    store = CredentialStore()
    backend = store.backend_name()
    assert "SecretService" in backend, backend
    print("backend", backend)

    store.save("4242", "first-secret-value")
    assert CredentialStore().load() == Credentials("4242", "first-secret-value")
    print("round trip ok")

    out = cli("credentials", "set", "--eid", DEMO_EID, stdin=DEMO_SECRET + "\n")
    assert DEMO_SECRET not in out
    shown = cli("credentials", "show", extra_env={"QVICKLY_LANGUAGE": "en"})
    assert DEMO_EID in shown and "stored" in shown and DEMO_SECRET not in shown, shown
    print("command line set/show ok")

    with SandboxServer() as sandbox:
        table = cli("lookup", "195501011018", "--api-url", sandbox.url, "--language", "en")
    assert "invoices" in table.splitlines()[-1], table
    print("lookup with stored credentials ok")

    cli("credentials", "clear")
    assert not CredentialStore().has_secret()
    print("clear ok")


if __name__ == "__main__":
    main()
