"""Only the operating system's own credential store ever holds the secret.

``keyring`` takes whatever backend it finds or is told to use; these tests set up the backends a
Linux server commonly has (a plaintext file as keyrings.alt writes it, the null backend) and the
ways a host chooses one (``PYTHON_KEYRING_BACKEND``, ``keyringrc.cfg``), and check that each is
refused with the message of a missing keyring, and that nothing is written.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import SecretService, chainer, null

from qvickly_desk.credentials import CredentialStore, os_keyring
from qvickly_desk.errors import CredentialsUnavailableError, InvalidInputError
from tests.helpers.file_keyring import FILE_NAME, PlaintextFileKeyring
from tests.helpers.paths import ROOT

SECRET = "a-distinctive-secret-4711"

FILE_BACKEND = "tests.helpers.file_keyring.PlaintextFileKeyring"


def test_the_null_backend_is_refused_like_a_missing_keyring() -> None:
    keyring.set_keyring(null.Keyring())
    store = CredentialStore(environ={})
    with pytest.raises(CredentialsUnavailableError) as raised:
        store.save("12345", SECRET)
    message = raised.value.message("en")
    assert message.startswith("The system keyring cannot be used:")
    assert "keyring.backends.null.Keyring" in message
    assert "never stored in a file" in message
    assert SECRET not in message


def test_a_plaintext_file_backend_is_refused_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    keyring.set_keyring(PlaintextFileKeyring())
    with pytest.raises(CredentialsUnavailableError):
        CredentialStore(environ={}).save("12345", SECRET)
    assert not (tmp_path / FILE_NAME).exists()


def _chain(*members: KeyringBackend) -> KeyringBackend:
    """keyring's chain of backends, with the members given instead of those installed."""
    chain = type(
        "ChainerBackend",
        (chainer.ChainerBackend,),
        {"__module__": chainer.__name__, "backends": list(members)},
    )
    return chain()


def test_of_a_chain_only_its_os_store_is_used() -> None:
    store = SecretService.Keyring()
    assert os_keyring(_chain(store, PlaintextFileKeyring())) is store
    with pytest.raises(CredentialsUnavailableError) as raised:
        os_keyring(_chain(PlaintextFileKeyring(), null.Keyring()))
    assert FILE_BACKEND in raised.value.message("en")
    with pytest.raises(CredentialsUnavailableError):
        os_keyring(_chain())
    assert os_keyring(store) is store


def run_credentials_set(home: Path, extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("QVICKLY_", "PYTHON_KEYRING", "XDG_", "DBUS_"))
    }
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        QVICKLY_CONFIG_DIR=str(home / "qvickly"),
        QVICKLY_LOG_DIR=str(home / "log"),
        PYTHONPATH=str(ROOT),
        **extra_env,
    )
    return subprocess.run(
        [sys.executable, "-m", "qvickly_desk", "credentials", "set", "--eid", "12345"],
        input=SECRET + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
        cwd=ROOT,
    )


def assert_refused_and_nothing_written(done: subprocess.CompletedProcess[str], home: Path) -> None:
    assert done.returncode == 3, done.stderr
    assert "Stored in the keyring" not in done.stdout
    (line,) = done.stderr.splitlines()
    assert "cannot be used" in line or "kan inte användas" in line or "går inte" in line
    assert "Traceback" not in done.stderr
    assert not (home / FILE_NAME).exists()
    for path in home.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def test_a_backend_named_by_python_keyring_backend_is_refused(tmp_path: Path) -> None:
    done = run_credentials_set(tmp_path, {"PYTHON_KEYRING_BACKEND": FILE_BACKEND})
    assert_refused_and_nothing_written(done, tmp_path)


def test_a_backend_named_in_keyringrc_cfg_is_refused(tmp_path: Path) -> None:
    config = tmp_path / ".config" / "python_keyring"
    config.mkdir(parents=True)
    (config / "keyringrc.cfg").write_text(f"[backend]\ndefault-keyring={FILE_BACKEND}\n")
    done = run_credentials_set(tmp_path, {})
    assert_refused_and_nothing_written(done, tmp_path)


def test_the_null_backend_by_name_is_refused_too(tmp_path: Path) -> None:
    done = run_credentials_set(
        tmp_path, {"PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    )
    assert_refused_and_nothing_written(done, tmp_path)


def test_a_secret_in_the_environment_that_is_not_utf8_is_one_clear_error() -> None:
    store = CredentialStore(environ={"QVICKLY_EID": "12345", "QVICKLY_SECRET": "ab\udcff"})
    with pytest.raises(InvalidInputError) as raised:
        store.load()
    assert "QVICKLY_SECRET is not valid UTF-8" in raised.value.message("en")
