"""The signature must be over exactly the bytes PHP's json_encode produces, or every call fails."""

from __future__ import annotations

import json
import math
import subprocess
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qvickly_desk.signing import php_json_encode, sign, signature_matches
from tests.helpers.tools import require_program

DOCUMENTED_DATA = {"id": "123456", "amount": 100, "currency": "SEK"}
DOCUMENTED_KEY = "1234567890123456"
DOCUMENTED_HASH = (
    "8dde708fea8cfcee68d6817975f37bf9b0c5412f3edfbd1d1d2bca629bd49f06"
    "a57bddcaac465ebe8306d25d6e1ff32e8a225c6b58ebef2ea39f51a6777f037a"
)


def test_documented_known_answer() -> None:
    assert sign(DOCUMENTED_DATA, DOCUMENTED_KEY) == DOCUMENTED_HASH


def test_signature_check_is_exact() -> None:
    assert signature_matches(DOCUMENTED_DATA, DOCUMENTED_KEY, DOCUMENTED_HASH)
    assert signature_matches(DOCUMENTED_DATA, DOCUMENTED_KEY, DOCUMENTED_HASH.upper())
    assert not signature_matches(DOCUMENTED_DATA, "wrong key", DOCUMENTED_HASH)
    assert not signature_matches(
        {**DOCUMENTED_DATA, "amount": 101}, DOCUMENTED_KEY, DOCUMENTED_HASH
    )
    assert not signature_matches(DOCUMENTED_DATA, DOCUMENTED_KEY, "")
    assert not signature_matches(DOCUMENTED_DATA, DOCUMENTED_KEY, None)
    assert not signature_matches(DOCUMENTED_DATA, DOCUMENTED_KEY, "å" + DOCUMENTED_HASH[1:])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (100.0, "100"),
        (1e25, "1.0e+25"),
        (1e16, "10000000000000000"),
        (1e17, "1.0e+17"),
        (0.0001, "0.0001"),
        (1e-5, "1.0e-5"),
        (-0.0, "-0"),
        (1249.5, "1249.5"),
        (5e-324, "5.0e-324"),
        ("a/b", '"a\\/b"'),
        ("åäö", '"\\u00e5\\u00e4\\u00f6"'),
        ("😀", '"\\ud83d\\ude00"'),
        ("\x7f", '"\x7f"'),
        ("\x01\n\t", '"\\u0001\\n\\t"'),
        ({}, "[]"),
        ({"0": "a", "1": "b"}, '["a","b"]'),
        ({"1": "a"}, '{"1":"a"}'),
        ([], "[]"),
        (None, "null"),
    ],
)
def test_php_encoding_details(value: object, expected: str) -> None:
    assert php_json_encode(value) == expected


def test_what_php_cannot_encode_is_refused() -> None:
    with pytest.raises(ValueError):
        php_json_encode(math.nan)
    with pytest.raises(ValueError):
        php_json_encode("\ud800")
    with pytest.raises(TypeError):
        php_json_encode(object())


_PHP_ROUND_TRIP = (
    "while (($line = fgets(STDIN)) !== false) {"
    " $value = json_decode($line, true);"
    ' echo json_encode($value), "\\n"; fflush(STDOUT); }'
)


class PhpOracle:
    """One php-cli process that decodes each line into PHP arrays and json_encodes it back."""

    def __init__(self) -> None:
        php = require_program("php")
        self.process = subprocess.Popen(
            [php, "-r", _PHP_ROUND_TRIP],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="ascii",
        )

    def encode(self, value: object) -> str:
        return self.encode_all([value])[0]

    def encode_all(self, values: list[object]) -> list[str]:
        """One round trip for many documents, so thousands of them take seconds."""
        assert self.process.stdin and self.process.stdout
        lines = "".join(json.dumps(value, ensure_ascii=True) + "\n" for value in values)
        self.process.stdin.write(lines)
        self.process.stdin.flush()
        return [self.process.stdout.readline().rstrip("\n") for _ in values]

    def close(self) -> None:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.close()
        self.process.wait(timeout=10)
        self.process.stdout.close()


@pytest.fixture(scope="module")
def php() -> Iterator[PhpOracle]:
    oracle = PhpOracle()
    yield oracle
    oracle.close()


_INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)
_FLOATS = st.floats(allow_nan=False, allow_infinity=False)
_KEYS = st.one_of(st.text(max_size=8), st.integers(0, 4).map(str), st.integers(-3, 99).map(str))
_SCALARS = st.one_of(st.none(), st.booleans(), _INT64, _FLOATS, st.text())
DOCUMENTS = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(_KEYS, inner, max_size=5)),
    max_leaves=25,
)


@pytest.mark.php
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents=st.lists(DOCUMENTS, min_size=1, max_size=12))
def test_encoding_matches_real_php(php: PhpOracle, documents: list[object]) -> None:
    assert [php_json_encode(document) for document in documents] == php.encode_all(documents)


@pytest.mark.php
@settings(max_examples=300, deadline=None)
@given(numbers=st.lists(_FLOATS, min_size=1, max_size=20))
def test_every_float_prints_as_php_prints_it(php: PhpOracle, numbers: list[float]) -> None:
    assert [php_json_encode(number) for number in numbers] == php.encode_all(list(numbers))


@pytest.mark.php
def test_invoice_answer_encodes_as_php(php: PhpOracle) -> None:
    answer = [
        {
            "status": "Cancelled",
            "name": "Åsa Öberg/Ängby",
            "topay": "0.00",
            "invoiceid_real": 12345,
            "fileurl": "http://www.combain.com/mexc/customerinvoices/2024.pdf",
            "balancedue": 1249.5,
            "creditinvoiceid": "",
            "amount": 100.0,
        }
    ]
    assert php_json_encode(answer) == php.encode(answer)
