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

from qvickly_desk.credentials import KEYRING_SERVICE
from qvickly_desk.errors import CredentialsUnavailableError, InvalidInputError

__all__ = ["GATEWAY_KEY_VARIABLE", "GatewayKey", "load_gateway_key"]

GATEWAY_KEY_VARIABLE = "QVICKLY_GATEWAY_KEY"
_KEYRING_ENTRY = "gateway-key"
_MIN_LENGTH = 32
_AGENT_LABEL = b"qvickly-desk gateway agent key\x00"
_SUBJECT_LABEL = b"qvickly-desk gateway audit subject\x00"


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
        stored = keyring.get_password(KEYRING_SERVICE, _KEYRING_ENTRY)
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
        keyring.set_password(KEYRING_SERVICE, _KEYRING_ENTRY, new)
        return GatewayKey(new)
    except InvalidInputError:
        raise
    except Exception as error:
        raise CredentialsUnavailableError(type(error).__name__) from None


def _checked(text: str) -> GatewayKey:
    if len(text) < _MIN_LENGTH:
        raise InvalidInputError(
            en=f"The gateway key must be at least {_MIN_LENGTH} characters long.",
            sv=f"Gatewaynyckeln måste vara minst {_MIN_LENGTH} tecken lång.",
        )
    return GatewayKey(text)
