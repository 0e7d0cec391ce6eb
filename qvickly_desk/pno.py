"""Swedish identity numbers as a customer-service agent types them.

An agent pastes or types whatever the customer read out: 10 or 12 digits, with or without a dash.
The service wants exactly 10 digits, so a number is checked and normalized here, before any call,
and a mistake is explained precisely (wrong length, impossible date, typo) instead of coming back
as a vague service error. The checks stay deterministic: the century of a 10-digit number depends
on ``today``, which callers and tests pass in.

python-stdnum does the Unicode clean-up (typographic dashes, no-break spaces and full-width digits
become plain ones). Its ``personnummer`` module is not enough on its own: it refuses
samordningsnummer (day + 60), resolves the century against the real clock, accepts birth dates in
the future and dashes anywhere in the number; ``orgnr`` knows no ``16`` prefix. So the date is
checked here, and so is the check digit: the Luhn sum is a few lines, and stdnum's own
(``stdnum.luhn``, the tests' oracle) costs its whole package at import.

stdnum is imported only for input that is not plain ASCII: ``stdnum.util`` pulls in ``pydoc``,
``platform`` and ``inspect`` (20-30 ms), which neither the window's first paint nor a scripted
``lookup 550101-1018`` needs.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from qvickly_desk.errors import InvalidInputError
from qvickly_desk.frozen import FrozenValue

__all__ = ["IdentityNumber", "InvalidIdentityNumber", "Kind", "Reason", "parse_identity_number"]

Kind = Literal["personnummer", "samordningsnummer", "organisationsnummer"]
Reason = Literal["empty", "characters", "length", "date", "checksum"]

_ALLOWED = re.compile(r"[0-9+-]*")
# What surrounds a number pasted from a ticket, an e-mail or a form: "pnr 550101-1018",
# "Personnummer: 19550101-1018", "orgnr. 556677-9988", or a sentence's full stop after it.
_PASTED_LABEL = re.compile(
    r"^(?:person(?:nummer|nr)|pers\.?\s?nr|p-?nr|samordningsnummer|samordningsnr|"
    r"organisationsnummer|org(?:anisations)?\.?\s?nr|identity number|id)\s*[.:]?\s*",
    re.IGNORECASE,
)
_PASTED_END = re.compile(r"[.,;]+$")
_SHAPE = re.compile(r"(?P<head>[0-9]{6}|[0-9]{8})(?P<sign>[-+]?)(?P<serial>[0-9]{4})")
_COORDINATION_OFFSET = 60  # a samordningsnummer adds 60 to the day of birth
_OLDEST_YEARS = 199  # the oldest a 10-digit number with '+' can express


class InvalidIdentityNumber(InvalidInputError):
    """Input that is not a usable identity number; ``reason`` lets the window point at the cause."""

    def __init__(self, reason: Reason, *, en: str, sv: str) -> None:
        super().__init__(en=en, sv=sv)
        self.reason: Reason = reason


class IdentityNumber(FrozenValue):
    """A checked number: ``digits`` is the 10-digit form the service takes, ``full`` is 12 digits
    for persons (century resolved) and 10 for organisations."""

    __slots__ = ("digits", "full", "kind")
    _fields = ("kind", "digits", "full")

    kind: Kind
    digits: str
    full: str

    def __init__(self, kind: Kind, digits: str, full: str) -> None:
        self._init_fields(kind, digits, full)

    @property
    def is_organisation(self) -> bool:
        return self.kind == "organisationsnummer"

    def masked(self) -> str:
        """Safe for logs: the birth date or company prefix stays, the serial and check digit go."""
        return f"{self.digits[:6]}-****"

    def display(self) -> str:
        """What people read: ``19550101-1018`` for persons, ``556677-9988`` for organisations."""
        if self.is_organisation:
            return f"{self.digits[:6]}-{self.digits[6:]}"
        return f"{self.full[:8]}-{self.full[8:]}"

    def __repr__(self) -> str:
        # A personal number is personal data: tracebacks and logs get the masked form only.
        return f"IdentityNumber(kind={self.kind!r}, masked={self.masked()!r})"


def parse_identity_number(text: str, today: date | None = None) -> IdentityNumber:
    """Check and normalize a personnummer, samordningsnummer or organisationsnummer.

    Raises :class:`InvalidIdentityNumber` (and nothing else) for any string that is not one.
    """
    today = today or date.today()
    number = _cleaned(_without_pasted_label(text))
    if not number:
        raise InvalidIdentityNumber(
            "empty",
            en="Enter a personal identity number or an organisation number.",
            sv="Ange ett personnummer eller ett organisationsnummer.",
        )
    if not _ALLOWED.fullmatch(number):
        bad = next(c for c in number if not (c.isascii() and (c.isdigit() or c in "+-")))
        raise InvalidIdentityNumber(
            "characters",
            en="Only digits, '-' and '+' are allowed"
            + (f"; '{bad}' is not." if bad.isprintable() else "."),
            sv="Bara siffror, '-' och '+' är tillåtna"
            + (f"; '{bad}' är det inte." if bad.isprintable() else "."),
        )
    count = sum(c.isdigit() for c in number)
    if count not in (10, 12):
        raise InvalidIdentityNumber(
            "length",
            en=f"The number has {count} digit{'' if count == 1 else 's'}; it needs 10 or 12.",
            sv=f"Numret har {count} {'siffra' if count == 1 else 'siffror'}; "
            "det behöver ha 10 eller 12.",
        )
    shape = _SHAPE.fullmatch(number)
    if shape is None:
        raise InvalidIdentityNumber(
            "characters",
            en="A '-' or '+' may appear only once, just before the last four digits.",
            sv="Ett '-' eller '+' får bara stå en gång, precis före de fyra sista siffrorna.",
        )
    head, sign, serial = shape["head"], shape["sign"], shape["serial"]
    ten = head[-6:] + serial
    if int(ten[2:4]) >= 20 and (len(head) == 6 or head.startswith("16")):
        return _organisation(ten, sign)
    return _person(head, sign, serial, today)


def _cleaned(text: str) -> str:
    """``text`` without spaces; Unicode dashes, spaces and digits made ASCII first (by stdnum)."""
    if not text.isascii() or "`" in text:  # the one ASCII character stdnum changes (to ')
        from stdnum.util import clean

        text = clean(text)
    return text.replace(" ", "")


def _without_pasted_label(text: str) -> str:
    """The number alone, when a label before it or a full stop after it came along in a paste."""
    text = text.strip()
    stripped = _PASTED_END.sub("", _PASTED_LABEL.sub("", text, count=1)).strip()
    # Only a label followed by something number-like is taken away: "id" alone stays an error.
    return stripped if stripped and stripped[0].isdigit() else text


def _organisation(ten: str, sign: str) -> IdentityNumber:
    """Organisations have a "month" of 20 or more; the 12-digit form is the 10 prefixed by 16."""
    if sign == "+":
        raise InvalidIdentityNumber(
            "characters",
            en="A '+' belongs only in personal identity numbers, not in organisation numbers.",
            sv="Ett '+' hör bara hemma i personnummer, inte i organisationsnummer.",
        )
    _check_digit(ten)
    return IdentityNumber("organisationsnummer", ten, ten)


def _person(head: str, sign: str, serial: str, today: date) -> IdentityNumber:
    """Personnummer and samordningsnummer: a real, past birth date and a Luhn check digit."""
    if len(head) == 8 and sign == "+":
        raise InvalidIdentityNumber(
            "characters",
            en="A '+' is used only in the 10-digit form; write the 12-digit form with '-'.",
            sv="Ett '+' används bara i den 10-siffriga formen; skriv den 12-siffriga med '-'.",
        )
    yymmdd = head[-6:]
    if len(head) == 8:
        year = int(head[:4])
    else:
        # The 10-digit form means "under 100" with '-' and "100 or older" with '+', counted by
        # calendar year (Folkbokföringslagen 18 §), so take the latest year that fits.
        year = today.year - (today.year - int(yymmdd[:2])) % 100 - (100 if sign == "+" else 0)
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    coordination = day > _COORDINATION_OFFSET
    if coordination:
        day -= _COORDINATION_OFFSET
    try:
        born = date(year, month, day)
    except ValueError:
        hint_en, hint_sv = "", ""
        if month >= 20:
            hint_en = " (a 12-digit organisation number starts with 16)"
            hint_sv = " (ett 12-siffrigt organisationsnummer börjar med 16)"
        elif coordination:
            hint_en = " (a coordination number adds 60 to the day)"
            hint_sv = " (ett samordningsnummer lägger till 60 på dagen)"
        raise InvalidIdentityNumber(
            "date",
            en=f"The date {head} does not exist{hint_en}.",
            sv=f"Datumet {head} finns inte{hint_sv}.",
        ) from None
    if born > today:
        raise InvalidIdentityNumber(
            "date",
            en=f"The date {head} is in the future.",
            sv=f"Datumet {head} ligger i framtiden.",
        )
    if born.year < today.year - _OLDEST_YEARS:
        raise InvalidIdentityNumber(
            "date",
            en=f"The birth year {born.year} is not possible.",
            sv=f"Födelseåret {born.year} är inte möjligt.",
        )
    ten = yymmdd + serial
    _check_digit(ten)
    kind: Kind = "samordningsnummer" if coordination else "personnummer"
    return IdentityNumber(kind, ten, f"{year:04d}{ten[2:]}")


def _check_digit(ten: str) -> None:
    """The Luhn check digit of the ten digits; by now only it can be wrong."""
    if _luhn_sum(ten) % 10:
        raise InvalidIdentityNumber(
            "checksum",
            en="The check digit is wrong: check for a typo.",
            sv="Kontrollsiffran stämmer inte: kontrollera om något är felskrivet.",
        )


def _luhn_sum(digits: str) -> int:
    """The Luhn sum: every second digit from the right doubled, its digits added."""
    total = 0
    for position, character in enumerate(reversed(digits)):
        value = int(character)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total
