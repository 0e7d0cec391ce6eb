"""Everything that can go wrong in a lookup, each with its own plain message in Swedish and English.

Callers branch on the type (the command line maps types to exit codes, the window to wording), and
show ``message(language)``. No error ever holds the secret: messages are built from fixed texts and
from what the service or the user said, never from credentials.
"""

from __future__ import annotations

from qvickly_desk.languages import Text

__all__ = [
    "AnswerCutOffError",
    "AnswerTooLargeError",
    "AuthenticationError",
    "BadAnswerError",
    "CancelledError",
    "ConnectionFailedError",
    "CredentialsMissingError",
    "CredentialsUnavailableError",
    "HttpStatusError",
    "InvalidInputError",
    "InvoiceNotFoundError",
    "QvicklyError",
    "RedirectRefusedError",
    "RequestTimeoutError",
    "ServiceError",
    "SignatureError",
    "TlsError",
    "TransportError",
    "UnsafeLinkError",
]


_CODE = Text(sv="kod {code}", en="code {code}")
_LOG_ID = Text(sv="logg-id {logid}", en="log id {logid}")


class QvicklyError(Exception):
    """Base of every error the core reports to a person."""

    text = Text(sv="Något gick fel.", en="Something went wrong.")
    code: str | None = None
    logid: str | None = None

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(detail or self.text.en)
        self.detail = detail

    def message(self, language: str = "sv") -> str:
        """The plain message for a person, with the service's code and log id when there are any."""
        text = self.text.get(language, **self._fields())
        return text + self._reference(language)

    def _fields(self) -> dict[str, object]:
        return {"detail": self.detail or ""}

    def _reference(self, language: str) -> str:
        parts = []
        if self.code:
            parts.append(_CODE.get(language, code=self.code))
        if self.logid:
            parts.append(_LOG_ID.get(language, logid=self.logid))
        return f" ({', '.join(parts)})" if parts else ""

    def __str__(self) -> str:
        return self.message("en")


class InvalidInputError(QvicklyError):
    """The user's input was refused before any call was made."""

    text = Text(sv="Ogiltig uppgift: {detail}", en="Invalid input: {detail}")

    def __init__(self, *, en: str, sv: str) -> None:
        """``en`` and ``sv`` say what was wrong, by name so the two languages cannot swap."""
        super().__init__(en)
        self.detail_sv = sv
        self._detail_text = Text(sv=sv, en=en)

    def _fields(self) -> dict[str, object]:
        return {"detail": self.detail}

    def detail_in(self, language: str) -> str:
        """What was wrong with the input, in ``language``."""
        return self._detail_text.choose(language)

    def message(self, language: str = "sv") -> str:
        return self.text.get(language, detail=self.detail_in(language))


class CancelledError(QvicklyError):
    """The search was cancelled or superseded before or while its call ran."""

    text = Text(sv="Sökningen avbröts.", en="The search was cancelled.")


class CredentialsMissingError(QvicklyError):
    text = Text(
        sv="Inga inloggningsuppgifter finns sparade. Ange handlar-id och hemlig nyckel "
        "(qvickly-desk credentials set --eid ID, eller Inställningar i fönstret).",
        en="No credentials are stored. Enter the merchant id and secret key "
        "(qvickly-desk credentials set --eid ID, or Settings in the window).",
    )


class CredentialsUnavailableError(QvicklyError):
    """No working OS keyring: the secret cannot be read or stored, and is never put in a file."""

    text = Text(
        sv="Systemets nyckelring går inte att använda: {detail} Den hemliga nyckeln sparas "
        "aldrig i en fil. Lås upp eller installera en nyckelring (t.ex. gnome-keyring eller "
        "KWallet på Linux), eller ange QVICKLY_EID och QVICKLY_SECRET i miljön.",
        en="The system keyring cannot be used: {detail} The secret key is never stored in a file. "
        "Unlock or install a keyring (for example gnome-keyring or KWallet on Linux), or set "
        "QVICKLY_EID and QVICKLY_SECRET in the environment.",
    )


class ServiceError(QvicklyError):
    """The service answered with an error code of its own."""

    text = Text(
        sv="Qvickly svarade med ett fel: {message}", en="Qvickly answered with an error: {message}"
    )

    def __init__(self, code: str, service_message: str, logid: str | None = None) -> None:
        self.code = code
        self.service_message = service_message
        self.logid = logid
        super().__init__(f"{code}: {service_message}")

    def _fields(self) -> dict[str, object]:
        return {"message": self.service_message or "-"}


class AuthenticationError(ServiceError):
    """Codes 9010, 9011 and 9013: the merchant id or the secret key is wrong."""

    CODES = frozenset({"9010", "9011", "9013"})
    text = Text(
        sv="Qvickly godkände inte inloggningen. Kontrollera handlar-id och hemlig nyckel. "
        "Svar: {message}",
        en="Qvickly refused the credentials. Check the merchant id and the secret key. "
        "Answer: {message}",
    )


class TransportError(QvicklyError):
    """The answer never arrived intact: network, HTTP or content trouble between us and Qvickly."""


class HttpStatusError(TransportError):
    text = Text(
        sv="Servern svarade med HTTP-status {status} i stället för ett Qvickly-svar; "
        "troligen en proxy eller ett avbrott hos tjänsten. Försök igen om en stund.",
        en="The server answered with HTTP status {status} instead of a Qvickly answer; most likely "
        "a proxy or an outage at the service. Try again in a while.",
    )

    def __init__(self, status: int, retry_after: float | None = None) -> None:
        self.status = status
        self.retry_after = retry_after
        super().__init__(f"HTTP {status}")

    def _fields(self) -> dict[str, object]:
        return {"status": self.status}


class BadAnswerError(TransportError):
    """An empty body, an HTML page or anything else that is not a Qvickly JSON answer."""

    text = Text(
        sv="Svaret från servern var inte ett Qvickly-svar ({detail}). "
        "Kontrollera API-adressen och försök igen.",
        en="The server's answer was not a Qvickly answer ({detail}). "
        "Check the API address and try again.",
    )

    def __init__(self, *, en: str, sv: str) -> None:
        """``en`` and ``sv`` say what was wrong, by name so the two languages cannot swap."""
        super().__init__(en)
        self.detail_sv = sv
        self._detail_text = Text(sv=sv, en=en)

    def message(self, language: str = "sv") -> str:
        detail = self._detail_text.choose(language)
        return self.text.get(language, detail=detail) + self._reference(language)


class AnswerCutOffError(TransportError):
    text = Text(
        sv="Anslutningen bröts mitt i svaret. Försök igen.",
        en="The connection was cut off in the middle of the answer. Try again.",
    )


class AnswerTooLargeError(TransportError):
    text = Text(
        sv="Svaret var större än {limit} MB och avbröts.",
        en="The answer was larger than {limit} MB and was stopped.",
    )

    def __init__(self, limit_bytes: int) -> None:
        self.limit_bytes = limit_bytes
        super().__init__(f"answer over {limit_bytes} bytes")

    def _fields(self) -> dict[str, object]:
        return {"limit": max(1, self.limit_bytes // (1024 * 1024))}


class SignatureError(QvicklyError):
    """Invoice data whose signature is missing or wrong: possibly tampered with, never shown."""

    text = Text(
        sv="Svarets signatur stämmer inte, så fakturorna visas inte (svaret kan vara manipulerat "
        "eller den hemliga nyckeln fel).",
        en="The answer's signature does not match, so the invoices are not shown (the answer may "
        "have been tampered with, or the secret key is wrong).",
    )

    def __init__(self, missing: bool = False, logid: str | None = None) -> None:
        self.missing = missing
        self.logid = logid
        if missing:
            self.text = Text(
                sv="Svaret saknar signatur, så fakturorna visas inte.",
                en="The answer carries no signature, so the invoices are not shown.",
            )
        super().__init__("signature missing" if missing else "signature mismatch")


class RequestTimeoutError(TransportError):
    text = Text(
        sv="Qvickly svarade inte inom {seconds} sekunder. Försök igen.",
        en="Qvickly did not answer within {seconds} seconds. Try again.",
    )

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"timed out after {seconds} s")

    def _fields(self) -> dict[str, object]:
        return {"seconds": f"{self.seconds:g}"}


class ConnectionFailedError(TransportError):
    text = Text(
        sv="Kunde inte ansluta till {host}. Kontrollera nätverket och API-adressen.",
        en="Could not connect to {host}. Check the network and the API address.",
    )

    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(f"connection to {host} failed")

    def _fields(self) -> dict[str, object]:
        return {"host": self.host}


class TlsError(TransportError):
    text = Text(
        sv="Den säkra anslutningen till {host} kunde inte verifieras (certifikatfel).",
        en="The secure connection to {host} could not be verified (certificate error).",
    )

    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(f"TLS failure with {host}")

    def _fields(self) -> dict[str, object]:
        return {"host": self.host}


class RedirectRefusedError(TransportError):
    text = Text(
        sv="Servern försökte skicka vidare anropet till {target}; det följs inte, så att "
        "inloggningsuppgifterna inte lämnar Qvickly.",
        en="The server tried to redirect the call to {target}; it is not followed, so the "
        "credentials never leave Qvickly.",
    )

    def __init__(self, target: str) -> None:
        self.target = target
        super().__init__(f"redirect to {target} refused")

    def _fields(self) -> dict[str, object]:
        return {"target": self.target}


class UnsafeLinkError(QvicklyError):
    """A ``fileurl`` that is not http(s): opening it could run or reveal something locally."""

    text = Text(
        sv="Länken till PDF:en öppnas inte: bara http- och https-länkar tillåts ({scheme}).",
        en="The PDF link is not opened: only http and https links are allowed ({scheme}).",
    )

    def __init__(self, scheme: str) -> None:
        self.scheme = scheme or "?"
        super().__init__(f"refused link scheme {self.scheme}")

    def _fields(self) -> dict[str, object]:
        return {"scheme": self.scheme + ":"}


class InvoiceNotFoundError(QvicklyError):
    """Codes 5201 and 6010: the invoice number or hash asked for does not exist at Qvickly.

    Not a :class:`ServiceError`: nothing is wrong, the answer is simply "no such invoice", and
    the command line and the window say so plainly (exit code 1, not 4). ``subject`` is what was
    asked for, as the person typed it; ``by_hash`` says whether it was a hash.
    """

    CODES = frozenset({"5201", "6010"})
    _MAX_SUBJECT = 64

    def __init__(
        self,
        code: str,
        service_message: str = "",
        logid: str | None = None,
        subject: str = "",
        by_hash: bool = False,
    ) -> None:
        self.code = code
        self.service_message = service_message
        self.logid = logid
        self.subject = subject[: self._MAX_SUBJECT]
        self.by_hash = by_hash
        if by_hash:
            self.text = Text(
                sv="Ingen faktura har hashen {subject}.", en="No invoice has the hash {subject}."
            )
        else:
            self.text = Text(
                sv="Det finns ingen faktura med nummer {subject}.",
                en="There is no invoice with number {subject}.",
            )
        super().__init__(f"{code}: no such invoice")

    def about(self, subject: str, by_hash: bool = False) -> InvoiceNotFoundError:
        """The same answer, naming what was asked for."""
        return InvoiceNotFoundError(
            self.code or "?", self.service_message, self.logid, subject, by_hash
        )

    def _fields(self) -> dict[str, object]:
        return {"subject": self.subject or "?"}
