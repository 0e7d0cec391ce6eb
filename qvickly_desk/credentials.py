"""The merchant id and secret key, kept in the OS keyring and nowhere else.

Windows Credential Locker, the macOS Keychain and the Secret Service on Linux all come through the
``keyring`` package. When none works (a headless Linux, a locked collection) the user is told why
and how to fix it; there is deliberately no plaintext fallback. ``QVICKLY_EID`` and
``QVICKLY_SECRET`` in the environment take precedence, for scripts.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from qvickly_desk.errors import (
    CredentialsMissingError,
    CredentialsUnavailableError,
    InvalidInputError,
)

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

__all__ = [
    "KEYRING_SERVICE",
    "CredentialSource",
    "CredentialStore",
    "Credentials",
    "FixedCredentials",
    "validate_eid",
]

KEYRING_SERVICE = "qvickly-desk"
_EID_ENTRY = "merchant-id"
_SECRET_ENTRY = "secret-key"


@dataclass(frozen=True)
class Credentials:
    eid: str
    secret: str = field(repr=False)


class CredentialSource(Protocol):
    """What the window and the command line need: credentials to sign a call with."""

    def load(self) -> Credentials: ...


def validate_eid(eid: str) -> str:
    """The merchant id, stripped; it is a number the service sends as a string."""
    eid = eid.strip()
    if not eid.isdigit() or not eid.isascii():
        raise InvalidInputError(
            "The merchant id is a number, such as 12345.",
            "Handlar-id är ett nummer, till exempel 12345.",
        )
    return eid


@dataclass
class FixedCredentials:
    """Credentials that come from the program itself, such as the sandbox's demo account."""

    credentials: Credentials

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
            raise InvalidInputError("The secret key is empty.", "Den hemliga nyckeln är tom.")
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
            self._backend = backend
        return self._backend


def _unavailable(error: Exception) -> CredentialsUnavailableError:
    # The keyring's own message names the backend and the trouble, never the stored secret.
    reason = str(error).strip() or type(error).__name__
    return CredentialsUnavailableError(f"{reason}.")
