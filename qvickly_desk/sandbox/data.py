"""The sandbox's customers and invoices: deterministic, believable, and as untidy as the service.

The real service mixes types freely (ids as numbers or strings, ``balancedue`` as int, float or
string, ``creditinvoiceid`` as ``""`` or a number), so the sandbox does too: a client that only
works with tidy data would fail on the first real answer. Dates are relative to ``today`` so that
some open invoices are overdue and some are not on whatever day the tests run.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from functools import partial

from qvickly_desk.invoices import API_FIELDS

__all__ = [
    "BIG_CUSTOMER_INVOICES",
    "BIG_CUSTOMER_NAME",
    "BIG_CUSTOMER_PNO",
    "COMPANY_NAME",
    "COMPANY_PNO",
    "DEMO_EID",
    "DEMO_SECRET",
    "DENIED_PNOS",
    "FIELDS",
    "PERSON_NAME",
    "PERSON_PNO",
    "api_number",
    "builtin_customers",
    "company_invoices",
    "generate_invoices",
    "invoice_hash",
    "person_invoices",
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
_BIG_CUSTOMER_SEED = 1212

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
    return f"{_with_slash(base_url)}pdf/{hash_}.pdf"


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


def _row(
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


def person_invoices(base_url: str, today: date) -> list[dict[str, object]]:
    """The eight invoices of 195501011018: open, overdue, paid, cancelled, K, RF, KN.

    "Sent" lists 1001, 1002, 1003, 1006 and 1007; "Sent,Paid" lists all eight. 1003 has no
    PDF yet (``fileurl`` ""), 1005's link points at an old address that answers 404.
    """
    base = _with_slash(base_url)

    def hashed(number: int) -> str:
        return invoice_hash(f"person:{number}")

    def link(number: int) -> str:
        return pdf_link(base, hashed(number))

    day = timedelta(days=1)
    return [
        _row(  # open, due in twenty days
            status="Sent",
            name=PERSON_NAME,
            invoicedate=today - 10 * day,
            duedate=today + 20 * day,
            topay="1249.50",
            number="1001",
            fileurl=link(1001),
            balancedue="1249.50",
            invoicetype="F",
            distributor_status="Sent",
            creditinvoiceid="",
            hash_=hashed(1001),
            services="700101",
            modules=543210,
            customer_invoices="8800101",
        ),
        _row(  # open and ten days overdue
            status="Sent",
            name=PERSON_NAME,
            invoicedate=today - 40 * day,
            duedate=today - 10 * day,
            topay="399.00",
            number=1002,
            fileurl=link(1002),
            balancedue=399,
            invoicetype="F",
            distributor_status="Sent",
            creditinvoiceid="",
            hash_=hashed(1002),
            services=700102,
            modules="543210",
            customer_invoices=8800102,
        ),
        _row(  # created today, not sent yet, no PDF yet
            status="Created",
            name=PERSON_NAME,
            invoicedate=today,
            duedate=today + 30 * day,
            topay="89.90",
            number="1003",
            fileurl="",
            balancedue=89.9,
            invoicetype="F",
            distributor_status="Created",
            creditinvoiceid="",
            hash_=hashed(1003),
            services="700103",
            modules="543210",
            customer_invoices="8800103",
        ),
        _row(  # paid long ago
            status="Paid",
            name=PERSON_NAME,
            invoicedate=today - 90 * day,
            duedate=today - 60 * day,
            topay="2450.00",
            number=1004,
            fileurl=link(1004),
            balancedue="0.00",
            invoicetype="F",
            distributor_status="Paid",
            creditinvoiceid="",
            hash_=hashed(1004),
            services=700104,
            modules=543210,
            customer_invoices="8800104",
        ),
        _row(  # cancelled by the credit invoice 1006; its PDF moved and the link is dead
            status="Cancelled",
            name=PERSON_NAME,
            invoicedate=today - 70 * day,
            duedate=today - 40 * day,
            topay="0.00",
            number="1005",
            fileurl=f"{base}mexc/customerinvoices/{hashed(1005)}.pdf",
            balancedue=0,
            invoicetype="F",
            distributor_status="Cancelled",
            creditinvoiceid=1006,
            hash_=hashed(1005),
            services="700105",
            modules="543210",
            customer_invoices=8800105,
        ),
        _row(  # credit invoice: negative amounts
            status="Sent",
            name=PERSON_NAME,
            invoicedate=today - 35 * day,
            duedate=today + 5 * day,
            topay="-695.00",
            number=1006,
            fileurl=link(1006),
            balancedue="-695.00",
            invoicetype="K",
            distributor_status="Sent",
            creditinvoiceid="",
            hash_=hashed(1006),
            services=700106,
            modules=543210,
            customer_invoices=8800106,
        ),
        _row(  # interest invoice for 1002, due yesterday
            status="Sent",
            name=PERSON_NAME,
            invoicedate=today - 8 * day,
            duedate=today - day,
            topay="60.00",
            number="1007",
            fileurl=link(1007),
            balancedue=60.0,
            invoicetype="RF",
            distributor_status="Sent",
            creditinvoiceid="",
            hash_=hashed(1007),
            services="700107",
            modules=543210,
            customer_invoices="8800107",
        ),
        _row(  # cash invoice, paid at once
            status="Paid",
            name=PERSON_NAME,
            invoicedate=today - 20 * day,
            duedate=today - 20 * day,
            topay="149.00",
            number=1008,
            fileurl=link(1008),
            balancedue=0,
            invoicetype="KN",
            distributor_status="Paid",
            creditinvoiceid="",
            hash_=hashed(1008),
            services=700108,
            modules="543210",
            customer_invoices=8800108,
        ),
    ]


def company_invoices(base_url: str, today: date) -> list[dict[str, object]]:
    """Five invoices of Testbolaget AB (5566779988).

    "Sent" lists 2001 and 2002 (overdue); "Sent,Paid" adds 2003 (paid) and 2004 (cancelled,
    empty distributor status); 2005 (eFakturaSent) is in neither.
    """
    base = _with_slash(base_url)

    def hashed(number: int) -> str:
        return invoice_hash(f"company:{number}")

    day = timedelta(days=1)
    return [
        _row(
            status="Sent",
            invoicedate=today - 3 * day,
            duedate=today + 27 * day,
            topay="12500.00",
            number="2001",
            fileurl=pdf_link(base, hashed(2001)),
            balancedue=12500,
            distributor_status="Sent",
            creditinvoiceid="",
            hash_=hashed(2001),
            services="710001",
            customer_invoices=9900001,
            name=COMPANY_NAME,
            invoicetype="F",
            modules="612000",
        ),
        _row(
            status="Sent",
            invoicedate=today - 50 * day,
            duedate=today - 20 * day,
            topay="3750.00",
            number=2002,
            fileurl=pdf_link(base, hashed(2002)),
            balancedue="3750.00",
            distributor_status="Sent",
            creditinvoiceid="",
            hash_=hashed(2002),
            services=710002,
            customer_invoices="9900002",
            name=COMPANY_NAME,
            invoicetype="F",
            modules="612000",
        ),
        _row(
            status="Paid",
            invoicedate=today - 120 * day,
            duedate=today - 90 * day,
            topay="8125.00",
            number="2003",
            fileurl=pdf_link(base, hashed(2003)),
            balancedue=0.0,
            distributor_status="Paid",
            creditinvoiceid="",
            hash_=hashed(2003),
            services="710003",
            customer_invoices="9900003",
            name=COMPANY_NAME,
            invoicetype="F",
            modules="612000",
        ),
        _row(
            status="Cancelled",
            invoicedate=today - 30 * day,
            duedate=today,
            topay="0.00",
            number=2004,
            fileurl=pdf_link(base, hashed(2004)),
            balancedue="0.00",
            distributor_status="",
            creditinvoiceid="",
            hash_=hashed(2004),
            services=710004,
            customer_invoices=9900004,
            name=COMPANY_NAME,
            invoicetype="F",
            modules="612000",
        ),
        _row(
            status="Handling",
            invoicedate=today - 2 * day,
            duedate=today + 28 * day,
            topay="990.00",
            number="2005",
            fileurl=pdf_link(base, hashed(2005)),
            balancedue="990.00",
            distributor_status="eFakturaSent",
            creditinvoiceid="",
            hash_=hashed(2005),
            services="710005",
            customer_invoices="9900005",
            name=COMPANY_NAME,
            invoicetype="F",
            modules="612000",
        ),
    ]


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
    base = _with_slash(base_url)
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
            _row(
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


def builtin_customers(
    base_url: str, today: date | None = None
) -> dict[str, Callable[[], list[dict[str, object]]]]:
    """Every customer a fresh sandbox knows, by 10-digit number, each built when first asked for."""
    day = today or date.today()
    return {
        PERSON_PNO[2:]: partial(person_invoices, base_url, day),
        COMPANY_PNO: partial(company_invoices, base_url, day),
        BIG_CUSTOMER_PNO[2:]: partial(
            generate_invoices,
            BIG_CUSTOMER_INVOICES,
            _BIG_CUSTOMER_SEED,
            base_url,
            name=BIG_CUSTOMER_NAME,
            today=day,
        ),
    }


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


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"
