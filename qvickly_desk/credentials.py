"""The merchant id and secret key, kept in the OS keyring and nowhere else.

Windows Credential Locker, the macOS Keychain and the Secret Service or KWallet on Linux all come
through the ``keyring`` package. When none works (a headless Linux, a locked collection) the user
is told why and how to fix it; there is deliberately no plaintext fallback.

``keyring`` itself would take any backend it finds or is told to use: ``keyrings.alt``'s files
(the secret in base64 under HOME while the app says "stored in the keyring"), the null backend
(which stores nothing and says nothing), or whatever ``PYTHON_KEYRING_BACKEND`` or
``keyringrc.cfg`` name. Only the OS stores in ``OS_KEYRING_BACKENDS`` are used; of a chain of
backends, only its OS stores; anything else is refused like a missing keyring.

``QVICKLY_EID`` and ``QVICKLY_SECRET`` in the environment take precedence, for scripts.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from qvickly_desk.errors import (
    CredentialsMissingError,
    CredentialsUnavailableError,
    InvalidInputError,
)
from qvickly_desk.frozen import FrozenValue
from qvickly_desk.text import safe_text

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

__all__ = [
    "KEYRING_SERVICE",
    "OS_KEYRING_BACKENDS",
    "CredentialSource",
    "CredentialStore",
    "Credentials",
    "FixedCredentials",
    "os_keyring",
    "validate_eid",
]

KEYRING_SERVICE = "qvickly-desk"
_EID_ENTRY = "merchant-id"
_SECRET_ENTRY = "secret-key"

# The keyring backends that are the operating system's own credential store, by exact class.
OS_KEYRING_BACKENDS = frozenset(
    {
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
    }
)
_CHAIN = "keyring.backends.chainer.ChainerBackend"


class Credentials(FrozenValue):
    """A merchant id and its secret key; the key is never in the repr."""

    __slots__ = ("eid", "secret")
    _fields = ("eid", "secret")

    eid: str
    secret: str

    def __init__(self, eid: str, secret: str) -> None:
        self._init_fields(eid, secret)

    def __repr__(self) -> str:
        return f"Credentials(eid={self.eid!r})"


class CredentialSource(Protocol):
    """What the window and the command line need: credentials to sign a call with."""

    def load(self) -> Credentials: ...


def validate_eid(eid: str) -> str:
    """The merchant id, stripped; it is a number the service sends as a string."""
    eid = eid.strip()
    if not eid.isdigit() or not eid.isascii():
        raise InvalidInputError(
            en="The merchant id is a number, such as 12345.",
            sv="Handlar-id är ett nummer, till exempel 12345.",
        )
    return eid


class FixedCredentials:
    """Credentials that come from the program itself, such as the sandbox's demo account."""

    __slots__ = ("credentials",)

    def __init__(self, credentials: Credentials) -> None:
        self.credentials = credentials

    def load(self) -> Credentials:
        return self.credentials


class CredentialStore:
    """Reads and writes the credentials in the OS keyring (or one handed in, for tests)."""

    def __init__(
        self,
        backend: KeyringBackend | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self._backend = backend
        self._environ = os.environ if environ is None else environ

    def from_environment(self) -> Credentials | None:
        eid = self._environ.get("QVICKLY_EID", "").strip()
        secret = self._environ.get("QVICKLY_SECRET", "")
        if eid and secret:
            for name, value in (("QVICKLY_EID", eid), ("QVICKLY_SECRET", secret)):
                _check_utf8(name, value)
            return Credentials(eid, secret)
        return None

    def load(self) -> Credentials:
        environment = self.from_environment()
        if environment is not None:
            return environment
        eid = self._get(_EID_ENTRY)
        secret = self._get(_SECRET_ENTRY)
        if not eid or not secret:
            raise CredentialsMissingError()
        return Credentials(eid, secret)

    def save(self, eid: str, secret: str) -> None:
        eid = validate_eid(eid)
        if not secret or not secret.strip():
            raise InvalidInputError(en="The secret key is empty.", sv="Den hemliga nyckeln är tom.")
        backend = self._keyring()
        try:
            backend.set_password(KEYRING_SERVICE, _SECRET_ENTRY, secret.strip())
            backend.set_password(KEYRING_SERVICE, _EID_ENTRY, eid)
        except Exception as error:
            raise _unavailable(error) from None

    def clear(self) -> None:
        from keyring.errors import PasswordDeleteError

        backend = self._keyring()
        for entry in (_SECRET_ENTRY, _EID_ENTRY):
            try:
                backend.delete_password(KEYRING_SERVICE, entry)
            except PasswordDeleteError:
                pass  # nothing stored under that entry
            except Exception as error:
                raise _unavailable(error) from None

    def stored_eid(self) -> str | None:
        return self._get(_EID_ENTRY)

    def has_secret(self) -> bool:
        return bool(self._get(_SECRET_ENTRY))

    def backend_name(self) -> str:
        backend = self._keyring()
        return f"{type(backend).__module__}.{type(backend).__name__}"

    def _get(self, entry: str) -> str | None:
        backend = self._keyring()
        try:
            return backend.get_password(KEYRING_SERVICE, entry)
        except Exception as error:
            raise _unavailable(error) from None

    def _keyring(self) -> KeyringBackend:
        if self._backend is None:
            import keyring  # deferred: loading the backends costs start-up time
            from keyring.backends import fail

            backend = keyring.get_keyring()
            if isinstance(backend, fail.Keyring):
                raise CredentialsUnavailableError(
                    "no keyring service was found on this computer (keyring: fail backend)."
                )
            self._backend = os_keyring(backend)
        return self._backend


def _name(backend: object) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def os_keyring(backend: KeyringBackend) -> KeyringBackend:
    """``backend`` if it is an OS store, or the first OS store of a chain; else refused.

    Raises ``CredentialsUnavailableError`` (the message of a missing keyring) for a plaintext or
    encrypted file, the null backend, or any other backend that is not the OS's own store.
    """
    name = _name(backend)
    if name in OS_KEYRING_BACKENDS:
        return backend
    if name == _CHAIN:
        members: list[KeyringBackend] = list(getattr(backend, "backends", ()))
        stores = [member for member in members if _name(member) in OS_KEYRING_BACKENDS]
        if stores and len(stores) == len(members):
            return backend
        if stores:
            return stores[0]  # never the chain: it would fall back to its other members
        name = ", ".join(_name(member) for member in members) or "an empty chain"
    raise CredentialsUnavailableError(
        f"the keyring found ({safe_text(name, 200)}) is not the operating system's own "
        "credential store, so the secret key is not kept in it."
    )


def _check_utf8(name: str, value: str) -> None:
    """Refuse an environment value that is not valid UTF-8 (on POSIX it arrives as surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInputError(
            en=f"{name} is not valid UTF-8 text.", sv=f"{name} är inte giltig UTF-8-text."
        ) from None


def _unavailable(error: Exception) -> CredentialsUnavailableError:
    # The keyring's own message names the backend and the trouble, never the stored secret.
    # It comes from a service on the host (D-Bus, the Keychain): one safe, short line.
    reason = safe_text(str(error).strip(), 200) or type(error).__name__
    return CredentialsUnavailableError(f"{reason}.")
