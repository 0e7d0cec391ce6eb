"""7. Reading the new lookups' answers: parse + verify against ``json.loads`` of the same bytes.

A getPaymentInfo answer (one invoice object) and a getInvoicesByCustomer answer of 3,000
invoices (tiny: 50), once as invoice objects and once as list rows, are signed the way the
service signs them; each figure is the median time of ``verification.verify_answer`` and the
parser that follows it, beside ``json.loads`` of the very same bytes measured in the same run.
No bar is set: the ratio says what checking the signature and reading tolerantly cost over
merely decoding.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

from benchmarks.common import Config, Row, signed_body, time_call
from qvickly_desk.customers import parse_customer_invoices
from qvickly_desk.details import parse_invoice_details
from qvickly_desk.sandbox import DEMO_SECRET, generate_invoices
from qvickly_desk.sandbox.invoice_objects import Listed, invoice_object
from qvickly_desk.sandbox.people import CUSTOMERS
from qvickly_desk.signing import php_json_encode
from qvickly_desk.verification import verify_answer

__all__ = ["run"]

_BASE = "https://sandbox.invalid/"


def details_answer() -> bytes:
    """A signed getPaymentInfo answer for one generated invoice."""
    (row,) = generate_invoices(1, 4242, _BASE)
    data = php_json_encode(invoice_object(Listed(row, CUSTOMERS[0], "")))
    return _signed(data)


def customer_answer(count: int, objects: bool) -> bytes:
    """A signed getInvoicesByCustomer answer of ``count`` invoices in either element shape."""
    rows = generate_invoices(count, 4242, _BASE)
    if not objects:
        return signed_body(rows, DEMO_SECRET)
    elements = [
        php_json_encode(invoice_object(Listed(row, CUSTOMERS[0], ""), for_customer_list=True))
        for row in rows
    ]
    return _signed("[" + ",".join(elements) + "]")


def _signed(data_json: str) -> bytes:
    import hashlib
    import hmac

    signature = hmac.new(DEMO_SECRET.encode(), data_json.encode("ascii"), hashlib.sha512)
    head = php_json_encode({"hash": signature.hexdigest(), "logid": 1})
    return ('{"credentials":' + head + ',"data":' + data_json + "}").encode("ascii")


def _row(figure: str, body: bytes, read: Callable[[bytes], object], repeat: int) -> Row:
    read(body)  # warm: the first call pays for imports and caches
    mine = time_call(lambda: read(body), repeat)
    loads = time_call(lambda: json.loads(body), repeat)
    return Row(
        "lookups",
        figure,
        mine,
        "json.loads of the same bytes",
        loads,
        note=f"{len(body) / 1024:,.0f} KiB",
    )


def _details(body: bytes) -> object:
    data, _ = verify_answer(body, DEMO_SECRET)
    return parse_invoice_details(data, asked_number="1")


def _invoices(body: bytes) -> object:
    data, _ = verify_answer(body, DEMO_SECRET)
    parsed = parse_customer_invoices(data)
    assert not parsed.row_errors
    return parsed


def run(config: Config) -> list[Row]:
    count = config.small
    repeat = 1 if config.tiny else max(config.reps, 21)
    return [
        _row("parse + verify, details answer (getPaymentInfo)", details_answer(), _details, repeat),
        _row(
            f"parse + verify, getInvoicesByCustomer, {count:,} invoice objects",
            customer_answer(count, objects=True),
            _invoices,
            1 if config.tiny else config.reps,
        ),
        _row(
            f"parse + verify, getInvoicesByCustomer, {count:,} list rows",
            customer_answer(count, objects=False),
            _invoices,
            1 if config.tiny else config.reps,
        ),
    ]


if __name__ == "__main__":
    from benchmarks.common import format_table

    print(format_table(run(Config.from_args(sys.argv[1:]))))
