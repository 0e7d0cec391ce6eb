"""The secret lives in the keyring only; a missing or broken keyring is said plainly."""

from __future__ import annotations

import copy
import pickle

import pytest
from keyring.backends import fail

from qvickly_desk.credentials import KEYRING_SERVICE, Credentials, CredentialStore
from qvickly_desk.errors import (
    CredentialsMissingError,
    CredentialsUnavailableError,
    InvalidInputError,
)
from tests.helpers.memory_keyring import BrokenKeyring, MemoryKeyring

SECRET = "s3cr3t-Qvickly-key-0001"


def test_saved_credentials_come_back(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore(backend=memory_keyring, environ={})
    store.save(" 12345 ", SECRET)
    assert store.load() == Credentials("12345", SECRET)
    assert store.stored_eid() == "12345"
    assert store.has_secret()
    assert {service for service, _ in memory_keyring.entries} == {KEYRING_SERVICE}


def test_secret_is_not_in_the_repr() -> None:
    assert SECRET not in repr(Credentials("12345", SECRET))
    assert "12345" in repr(Credentials("12345", SECRET))


def test_credentials_are_a_value_equal_by_both_parts_and_never_changed() -> None:
    credentials = Credentials("12345", SECRET)
    assert credentials == Credentials("12345", SECRET)
    assert hash(credentials) == hash(Credentials("12345", SECRET))
    assert credentials != Credentials("12345", "another-secret")
    assert pickle.loads(pickle.dumps(credentials)) == credentials == copy.copy(credentials)
    with pytest.raises(AttributeError):
        credentials.secret = "changed"  # type: ignore[misc]
    assert credentials.secret == SECRET


def test_nothing_stored_says_how_to_fix_it(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore(backend=memory_keyring, environ={})
    with pytest.raises(CredentialsMissingError) as raised:
        store.load()
    assert "credentials set" in raised.value.message("en")
    assert "Inga inloggningsuppgifter" in raised.value.message("sv")


def test_clear_removes_both_and_is_idempotent(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore(backend=memory_keyring, environ={})
    store.save("12345", SECRET)
    store.clear()
    store.clear()
    assert memory_keyring.entries == {}
    assert not store.has_secret()


def test_environment_takes_precedence(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore(
        backend=memory_keyring, environ={"QVICKLY_EID": "777", "QVICKLY_SECRET": "from-env"}
    )
    memory_keyring.set_password(KEYRING_SERVICE, "merchant-id", "12345")
    memory_keyring.set_password(KEYRING_SERVICE, "secret-key", SECRET)
    assert store.load() == Credentials("777", "from-env")


def test_half_an_environment_is_ignored(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore(backend=memory_keyring, environ={"QVICKLY_EID": "777"})
    with pytest.raises(CredentialsMissingError):
        store.load()


@pytest.mark.parametrize("eid", ["", "abc", "12 34", "١٢٣"])
def test_merchant_id_must_be_a_number(memory_keyring: MemoryKeyring, eid: str) -> None:
    store = CredentialStore(backend=memory_keyring, environ={})
    with pytest.raises(InvalidInputError):
        store.save(eid, SECRET)
    assert memory_keyring.entries == {}


def test_empty_secret_is_refused(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore(backend=memory_keyring, environ={})
    with pytest.raises(InvalidInputError):
        store.save("12345", "   ")


def test_no_keyring_on_a_headless_linux_is_explained() -> None:
    store = CredentialStore(backend=None, environ={})
    import keyring

    keyring.set_keyring(fail.Keyring())
    with pytest.raises(CredentialsUnavailableError) as raised:
        store.save("12345", SECRET)
    message = raised.value.message("en")
    assert "never stored in a file" in message
    assert "QVICKLY_SECRET" in message
    assert SECRET not in message


def test_a_locked_keyring_is_explained_and_nothing_leaks() -> None:
    store = CredentialStore(backend=BrokenKeyring(), environ={})
    with pytest.raises(CredentialsUnavailableError) as raised:
        store.save("12345", SECRET)
    assert "locked" in raised.value.message("en")
    assert SECRET not in str(raised.value)
    with pytest.raises(CredentialsUnavailableError):
        store.load()
