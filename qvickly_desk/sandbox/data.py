"""The sandbox's customers and invoices: deterministic, believable, and as untidy as the service.

The real service mixes types freely (ids as numbers or strings, ``balancedue`` as int, float or
string, ``creditinvoiceid`` as ``""`` or a number), so the sandbox does too: a client that only
works with tidy data would fail on the first real answer. Dates are relative to ``today`` so that
some open invoices are overdue and some are not on whatever day the tests run.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta
from decimal import Decimal

from qvickly_desk.invoices import API_FIELDS

__all__ = [
    "BIG_CUSTOMER_INVOICES",
    "BIG_CUSTOMER_NAME",
    "BIG_CUSTOMER_PNO",
    "BIG_CUSTOMER_SEED",
    "COMPANY_NAME",
    "COMPANY_PNO",
    "DEMO_EID",
    "DEMO_SECRET",
    "DENIED_PNOS",
    "FIELDS",
    "PERSON_NAME",
    "PERSON_PNO",
    "api_number",
    "generate_invoices",
    "invoice_hash",
    "invoice_row",
]

DEMO_EID = "12345"
"""Merchant id of the demo account every sandbox knows unless given other accounts."""
DEMO_SECRET = "sandbox-demo-secret-1234567890"
"""Secret key of the demo account. Only ever valid against the loopback sandbox."""

PERSON_PNO = "195501011018"
PERSON_NAME = "Åsa Bäckström"
COMPANY_PNO = "5566779988"
COMPANY_NAME = "Testbolaget AB"
BIG_CUSTOMER_PNO = "191212121212"
"""Tolvan Tolvansson, the classic Swedish test personnummer: a customer with thousands of rows."""
BIG_CUSTOMER_NAME = "Tolvan Tolvansson"
BIG_CUSTOMER_INVOICES = 3000
BIG_CUSTOMER_SEED = 1212

DENIED_PNOS = frozenset({"5505050558"})
"""The documented denied test identities (195505050558 and 5505050558): an empty list."""

FIELDS = API_FIELDS
"""Every field of an invoice row, in the order the service sends them."""

_NAMES = (
    "Åsa Bäckström",
    "Göran Öhman",
    "Märta Ågren",
    "Björn Sjöqvist",
    "Linnéa Järvholm",
    "Örjan Ståhl",
    "Ingrid Hägglund",
    "Jöns Åkesson",
    "Karin Lövgren",
    "Per-Åke Näslund",
)

# (status, distributor_status, share): every pair is listed by "Sent,Paid", so a generated
# customer shows all its rows there; "Sent" shows the Created/Sent ones.
_GENERATED_STATES = (
    ("Paid", "Paid", 50),
    ("Sent", "Sent", 20),
    ("Created", "Created", 6),
    ("Factoring", "Sent", 4),
    ("Handling", "Created", 3),
    ("Cancelled", "Cancelled", 9),
    ("Cancelled", "", 3),
    ("PartPayment", "Paid", 5),
)


def invoice_hash(key: str) -> str:
    """A stable 32-character hex hash, shaped like the service's invoice hashes."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def pdf_link(base_url: str, hash_: str) -> str:
    """Where the sandbox serves the invoice's PDF."""
    return f"{with_slash(base_url)}pdf/{hash_}.pdf"


def api_number(text: str) -> str | None:
    """The 10-digit form the API works with, or None when ``text`` is no valid number.

    Accepts 10 digits and the 12-digit form (century 18/19/20 for persons, 16 for organisations);
    checks the Luhn digit and, for persons and samordningsnummer, the date.
    """
    if not text.isascii() or not text.isdigit():
        return None
    if len(text) == 12:
        century, ten = text[:2], text[2:]
        if century not in {"16", "18", "19", "20"}:
            return None
    elif len(text) == 10:
        century, ten = "", text
    else:
        return None
    if not _luhn_valid(ten):
        return None
    month = int(ten[2:4])
    if month >= 20:  # organisationsnummer: the "month" is 20 or more
        return ten if century in {"", "16"} else None
    if century == "16":
        return None
    day = int(ten[4:6])
    if day > 60:  # samordningsnummer: day plus 60
        day -= 60
    year = int(century + ten[:2]) if century else 2000  # a leap year when the century is unknown
    try:
        date(year, month, day)
    except ValueError:
        return None
    return ten


def _luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == len(digits) % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def invoice_row(
    *,
    status: str,
    name: str,
    invoicedate: date,
    duedate: date,
    topay: str,
    number: int | str,
    fileurl: str,
    balancedue: int | float | str,
    invoicetype: str,
    distributor_status: str,
    creditinvoiceid: int | str,
    hash_: str,
    services: int | str,
    modules: int | str,
    customer_invoices: int | str,
) -> dict[str, object]:
    return {
        "status": status,
        "name": name,
        "invoicedate": invoicedate.isoformat(),
        "duedate": duedate.isoformat(),
        "topay": topay,
        "invoiceid_real": number,
        "fileurl": fileurl,
        "balancedue": balancedue,
        "invoicetype": invoicetype,
        "distributor_status": distributor_status,
        "creditinvoiceid": creditinvoiceid,
        "hash": hash_,
        "mm3servicesid": services,
        "mexcModulesid": modules,
        "mexcCustomerinvoicesid": customer_invoices,
    }


def generate_invoices(
    count: int,
    seed: int,
    base_url: str,
    *,
    name: str | None = None,
    today: date | None = None,
) -> list[dict[str, object]]:
    """``count`` invoice rows for one customer, the same for the same arguments on the same day.

    Every row is listed by "Sent,Paid" (about a third by "Sent"); types are mostly F with some K
    (negative amounts), RF and KN; about one in twenty has no PDF link. Links point at
    ``base_url``. Meant for benchmarks and for the big demo customer.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    rng = random.Random(seed)
    today = today or date.today()
    base = with_slash(base_url)
    name = name or rng.choice(_NAMES)
    states = [state[:2] for state in _GENERATED_STATES]
    weights = [state[2] for state in _GENERATED_STATES]
    first_number = 100_000 + (seed % 9_000) * 1_000
    rows: list[dict[str, object]] = []
    for index in range(count):
        number = first_number + index
        status, distributor = rng.choices(states, weights)[0]
        kind = rng.random()
        invoicetype = "F"
        credit: int | str = ""
        if kind < 0.04:
            invoicetype = "K"
            if index:
                credit = first_number + rng.randrange(index)
        elif kind < 0.08:
            invoicetype = "RF"
        elif kind < 0.12:
            invoicetype, status, distributor = "KN", "Paid", "Paid"
        cents = rng.randint(2_900, 2_500_000) if invoicetype != "RF" else rng.choice((6000, 45000))
        amount = Decimal(cents) / 100
        if invoicetype == "K":
            amount = -amount
        invoicedate = today - timedelta(days=rng.randint(0, 1_500))
        terms = 0 if invoicetype == "KN" else rng.choice((10, 14, 30))
        duedate = invoicedate + timedelta(days=terms)
        settled = status in {"Paid", "Cancelled", "PartPayment"}
        hash_ = invoice_hash(f"generated:{seed}:{index}")
        rows.append(
            invoice_row(
                status=status,
                name=name,
                invoicedate=invoicedate,
                duedate=duedate,
                topay="0.00" if status == "Cancelled" else f"{amount:.2f}",
                number=number if rng.random() < 0.5 else str(number),
                fileurl="" if rng.random() < 0.05 else pdf_link(base, hash_),
                balancedue=_untidy_amount(Decimal(0) if settled else amount, rng),
                invoicetype=invoicetype,
                distributor_status=distributor,
                creditinvoiceid=credit if rng.random() < 0.5 or credit == "" else str(credit),
                hash_=hash_,
                services=_untidy_id(300_000 + number, rng),
                modules=_untidy_id(500_000 + seed % 1_000, rng),
                customer_invoices=_untidy_id(5_000_000 + number, rng),
            )
        )
    return rows


def _untidy_amount(amount: Decimal, rng: random.Random) -> int | float | str:
    """The amount as the service may send it: int when whole, float, or decimal string."""
    choice = rng.random()
    if choice < 0.5:
        return f"{amount:.2f}"
    if choice < 0.75 and amount == amount.to_integral_value():
        return int(amount)
    return float(amount)


def _untidy_id(value: int, rng: random.Random) -> int | str:
    return value if rng.random() < 0.5 else str(value)


def with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"
