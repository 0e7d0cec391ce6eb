"""The gateway key, and everything derived from it: each agent's key and the audit subject key.

One secret, held outside the database (``QVICKLY_GATEWAY_KEY`` or the host's keyring), so that a
copy of the database alone reveals no agent key and no searched number. Agent keys are derived
(HMAC-SHA256 of the agent id under the gateway key), so nothing per agent is secret in storage
and every instance sharing the key can check every agent's signature. See SECURITY.md.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

from qvickly_desk.credentials import KEYRING_SERVICE, os_keyring
from qvickly_desk.errors import CredentialsUnavailableError, InvalidInputError
from qvickly_desk.languages import Text

__all__ = ["GATEWAY_KEY_VARIABLE", "GatewayKey", "GatewayKeyUnavailableError", "load_gateway_key"]

GATEWAY_KEY_VARIABLE = "QVICKLY_GATEWAY_KEY"
_KEYRING_ENTRY = "gateway-key"
_MIN_LENGTH = 32
_AGENT_LABEL = b"qvickly-desk gateway agent key\x00"
_SUBJECT_LABEL = b"qvickly-desk gateway audit subject\x00"


class GatewayKeyUnavailableError(CredentialsUnavailableError):
    """No OS keyring to keep the gateway key in: the key is never put in a file either."""

    text = Text(
        sv="Gatewaynyckeln kan inte sparas i systemets nyckelring: {detail} Den sparas aldrig "
        "i en fil. Lås upp eller installera en nyckelring, eller ange QVICKLY_GATEWAY_KEY "
        "(minst 32 tecken) i gatewayens miljö.",
        en="The gateway key cannot be kept in the system keyring: {detail} It is never stored "
        "in a file. Unlock or install a keyring, or set QVICKLY_GATEWAY_KEY (at least 32 "
        "characters) in the gateway's environment.",
    )


@dataclass(frozen=True)
class GatewayKey:
    secret: str = field(repr=False)

    def agent_secret(self, agent_id: str) -> str:
        """The key agent ``agent_id`` signs with: 64 hex digits, the same on every instance."""
        message = _AGENT_LABEL + agent_id.encode("utf-8")
        return hmac.new(self.secret.encode("utf-8"), message, hashlib.sha256).hexdigest()

    def subject_key(self) -> bytes:
        """The key of the audit's subject hashes, apart from any agent's key."""
        return hmac.new(self.secret.encode("utf-8"), _SUBJECT_LABEL, hashlib.sha256).digest()


def load_gateway_key(create: bool = False, environ: Mapping[str, str] | None = None) -> GatewayKey:
    """The gateway key from the environment, else from the keyring (made there if ``create``)."""
    environ = os.environ if environ is None else environ
    text = environ.get(GATEWAY_KEY_VARIABLE, "").strip()
    if text:
        return _checked(text)
    import keyring

    try:
        # Only the OS's own store, as for the desk's secret: a plaintext or null backend would
        # keep the key that derives every agent key in a file, or lose it silently.
        store = os_keyring(keyring.get_keyring())
    except CredentialsUnavailableError as error:
        raise GatewayKeyUnavailableError(error.detail) from None
    try:
        stored = store.get_password(KEYRING_SERVICE, _KEYRING_ENTRY)
        if stored:
            return _checked(stored)
        if not create:
            raise InvalidInputError(
                en=f"No gateway key: set {GATEWAY_KEY_VARIABLE} or add the first agent on this "
                "computer, which stores a new key in its keyring.",
                sv=f"Ingen gatewaynyckel: ange {GATEWAY_KEY_VARIABLE} eller lägg till den första "
                "agenten på den här datorn, som sparar en ny nyckel i nyckelringen.",
            )
        new = secrets.token_hex(32)
        store.set_password(KEYRING_SERVICE, _KEYRING_ENTRY, new)
        return GatewayKey(new)
    except InvalidInputError:
        raise
    except Exception as error:
        raise GatewayKeyUnavailableError(type(error).__name__) from None


def _checked(text: str) -> GatewayKey:
    if len(text) < _MIN_LENGTH:
        raise InvalidInputError(
            en=f"The gateway key must be at least {_MIN_LENGTH} characters long.",
            sv=f"Gatewaynyckeln måste vara minst {_MIN_LENGTH} tecken lång.",
        )
    return GatewayKey(text)
