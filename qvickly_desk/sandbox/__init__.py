"""A loopback Qvickly look-alike for the demo mode, ``qvickly-desk sandbox`` and the tests.

Test identities (status "Sent" / "Sent,Paid" rows):
195501011018 Åsa Bäckström 5 / 8 · 5566779988 Testbolaget AB 2 / 4 ·
191212121212 (``BIG_CUSTOMER_PNO``) Tolvan Tolvansson ~1,000 / 3,000 ·
195505050558 and 5505050558: an empty list · any other valid number: code 8012.
"""

from qvickly_desk.sandbox.data import (
    BIG_CUSTOMER_PNO,
    COMPANY_PNO,
    DEMO_EID,
    DEMO_SECRET,
    PERSON_PNO,
    generate_invoices,
)
from qvickly_desk.sandbox.faults import HOSTILE_LINKS, Faults
from qvickly_desk.sandbox.server import SandboxServer

__all__ = [
    "BIG_CUSTOMER_PNO",
    "COMPANY_PNO",
    "DEMO_EID",
    "DEMO_SECRET",
    "HOSTILE_LINKS",
    "PERSON_PNO",
    "Faults",
    "SandboxServer",
    "generate_invoices",
]
