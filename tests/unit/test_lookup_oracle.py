"""PHP as the oracle for the four new functions: what the desk sends, and answers PHP signs.

Each request's ``data`` must be byte-identical to PHP's ``json_encode`` of it (the service
checks the signature over those bytes), and an answer that PHP signed the way the service
does must verify and read the same.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from qvickly_desk.customers import parse_customer_invoices, parse_customers
from qvickly_desk.details import parse_invoice_details
from qvickly_desk.envelope import signed_request_body
from qvickly_desk.sandbox.invoice_objects import Listed, invoice_object
from qvickly_desk.sandbox.people import CUSTOMERS, customer_record
from qvickly_desk.signing import php_json_encode, sign
from qvickly_desk.verification import verify_answer
from tests.helpers.tools import require_program

pytestmark = pytest.mark.php

SECRET = "oracle-secret-Åsa-4711"

# Reads {"secret", "data"} per line; prints json_encode($data), its HMAC, and the whole answer
# as the service builds it, each JSON-encoded on one line.
_PHP_SIGNER = (
    "while (($line = fgets(STDIN)) !== false) {"
    " $in = json_decode($line, true);"
    ' $data = json_encode($in["data"]);'
    ' $hash = hash_hmac("sha512", $data, $in["secret"]);'
    ' $answer = json_encode(["credentials" => ["hash" => $hash, "logid" => "4242"],'
    ' "data" => $in["data"]]);'
    ' echo json_encode([$data, $hash, $answer]), "\\n"; fflush(STDOUT); }'
)


class PhpSigner:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [require_program("php"), "-r", _PHP_SIGNER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="ascii",
        )

    def sign(self, data: object, secret: str = SECRET) -> tuple[str, str, bytes]:
        """(json_encode($data), hash_hmac(...), the signed answer body) from real PHP."""
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps({"secret": secret, "data": data}) + "\n")
        self.process.stdin.flush()
        encoded, signature, answer = json.loads(self.process.stdout.readline())
        return encoded, signature, answer.encode("ascii")

    def close(self) -> None:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.close()
        self.process.wait(timeout=10)
        self.process.stdout.close()


@pytest.fixture(scope="module")
def php() -> Iterator[PhpSigner]:
    signer = PhpSigner()
    yield signer
    signer.close()


REQUESTS = [
    ("getPaymentInfo", {"number": "1004"}),
    ("getInvoiceByHash", {"hash": "0123456789abcdef0123456789abcdef01234567"}),
    ("getInvoicesByCustomer", {"customerno": "556677-9988"}),
    ("getCustomersByName", {"name": "Åsa Öberg"}),
    ("getCustomersByName", {"name": 'O\'Brien / "Smith" & Söner €'}),
]


@pytest.mark.parametrize(("function", "data"), REQUESTS)
def test_each_request_signs_exactly_what_php_encodes(
    php: PhpSigner, function: str, data: dict[str, object]
) -> None:
    body = signed_request_body(function, data, "12345", SECRET, language="en", now=1.5)
    encoded, signature, _ = php.sign(data)
    assert b'"data":' + encoded.encode("ascii") + b',"function"' in body
    envelope = json.loads(body)
    assert envelope["credentials"]["hash"] == signature == sign(data, SECRET)
    assert envelope["function"] == function and SECRET not in body.decode("ascii")


def person_object() -> dict[str, object]:
    row = {
        "invoiceid_real": "1001",
        "status": "Sent",
        "distributor_status": "Sent",
        "invoicedate": "2024-04-19",
        "duedate": "2024-05-19",
        "topay": "1249.50",
        "balancedue": "1249.50",
        "fileurl": "https://api.qvickly.io/invoice/a/b.pdf",
        "invoicetype": "F",
    }
    return invoice_object(Listed(row, CUSTOMERS[0], ""))


def test_a_php_signed_details_answer_verifies_and_reads_in_currency_units(
    php: PhpSigner,
) -> None:
    _, _, answer = php.sign(person_object())
    data, logid = verify_answer(answer, SECRET)
    assert logid == "4242"
    details = parse_invoice_details(data)
    assert details.problems == ()
    assert details.totals is not None and details.totals.incl_vat == Decimal("1249.50")
    assert details.balance_due == Decimal("1249.50")
    assert details.billing.name == "Åsa Bäckström"
    assert details.invoice_date == date(2024, 4, 19)
    assert details.pdf_url == "https://api.qvickly.io/invoice/a/b.pdf"


def test_a_php_signed_customer_list_verifies_in_both_element_shapes(php: PhpSigner) -> None:
    row = {"invoiceid_real": 7, "status": "Paid", "topay": "10.00", "name": "Örjan"}
    _, _, answer = php.sign([person_object(), row])
    data, _ = verify_answer(answer, SECRET)
    parsed = parse_customer_invoices(data)
    assert [invoice.number for invoice in parsed.invoices] == ["1001", "7"]
    assert parsed.invoices[0].to_pay == Decimal("1249.50")


def test_a_php_signed_name_search_verifies(php: PhpSigner) -> None:
    records = [customer_record(customer) for customer in CUSTOMERS]
    encoded, _, answer = php.sign(records)
    assert encoded == php_json_encode(records)
    data, _ = verify_answer(answer, SECRET)
    names = [customer.name for customer in parse_customers(data).customers]
    assert names == [customer.name for customer in CUSTOMERS]


def test_a_php_signed_answer_with_another_key_is_refused(php: PhpSigner) -> None:
    from qvickly_desk.errors import SignatureError

    _, _, answer = php.sign(person_object(), secret="another-secret")
    with pytest.raises(SignatureError):
        verify_answer(answer, SECRET)
