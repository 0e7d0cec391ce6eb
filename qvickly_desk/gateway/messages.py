"""What the gateway answers when it refuses or cannot finish a call, in Swedish and English.

The codes a desk already knows keep their meaning (9011/9013 make a desk say "check the id and
key", 9001 "no such function"); the gateway's own conditions have codes of their own in 99xx,
which Qvickly does not use.
"""

from __future__ import annotations

from enum import Enum

from qvickly_desk.languages import Text

__all__ = ["GatewayRefusal", "refusal_text"]


class GatewayRefusal(Enum):
    NOT_A_CALL = "9003"
    NO_CREDENTIALS = "9010"
    UNKNOWN_AGENT = "9011"
    WRONG_SIGNATURE = "9013"
    NOT_ALLOWED = "9001"
    NO_DATA = "9004"
    PER_MINUTE = "9950"
    PER_DAY = "9951"
    UPSTREAM_FAILED = "9960"
    INTERNAL = "9008"

    @property
    def code(self) -> str:
        return self.value


_TEXTS = {
    GatewayRefusal.NOT_A_CALL: Text(
        sv="Anropet är inget Qvickly-anrop (JSON med funktionsnamn).",
        en="The request is not a Qvickly call (JSON with a function name).",
    ),
    GatewayRefusal.NO_CREDENTIALS: Text(
        sv="Agent-id och signatur krävs.", en="An agent id and a signature are required."
    ),
    GatewayRefusal.UNKNOWN_AGENT: Text(
        sv="Okänd eller spärrad agent.", en="Unknown or revoked agent."
    ),
    GatewayRefusal.WRONG_SIGNATURE: Text(
        sv="Autentiseringen misslyckades. Kontrollera agent-id och agentnyckel.",
        en="Authentication failed. Check the agent id and the agent key.",
    ),
    GatewayRefusal.NOT_ALLOWED: Text(
        sv="Funktionen är inte tillåten via gatewayen; bara sökningar vidarebefordras.",
        en="The function is not allowed through the gateway; only lookups are forwarded.",
    ),
    GatewayRefusal.NO_DATA: Text(
        sv="Obligatoriska parametrar saknas.", en="Mandatory parameters are missing."
    ),
    GatewayRefusal.PER_MINUTE: Text(
        sv="För många sökningar den senaste minuten. Vänta en stund och försök igen.",
        en="Too many lookups in the last minute. Wait a moment and try again.",
    ),
    GatewayRefusal.PER_DAY: Text(
        sv="Dagens gräns för sökningar är nådd. Kontakta den som sköter gatewayen.",
        en="Today's limit of lookups is reached. Contact whoever runs the gateway.",
    ),
    GatewayRefusal.UPSTREAM_FAILED: Text(
        sv="Gatewayen fick inget godtagbart svar från Qvickly.",
        en="The gateway got no acceptable answer from Qvickly.",
    ),
    GatewayRefusal.INTERNAL: Text(
        sv="Internt fel i gatewayen, försök igen.", en="Internal gateway error, please try again."
    ),
}


def refusal_text(refusal: GatewayRefusal, language: str) -> str:
    return _TEXTS[refusal].get(language)
