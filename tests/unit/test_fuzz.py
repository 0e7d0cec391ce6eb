"""Hostile and random input never crashes the core and is never taken for something valid.

Three doors let outside input in: what the agent types (identity numbers), what the service
answers (bytes, then JSON, then invoices), and both meet the signature check. Hypothesis throws
random and adversarial input at each; the only way out must be the module's own error. The PHP
encoder against real PHP is covered in test_signing.py.
"""

from __future__ import annotations

import json
import math
from datetime import date

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from qvickly_desk.client import verify_answer
from qvickly_desk.errors import QvicklyError, ServiceError
from qvickly_desk.invoices import (
    API_FIELDS,
    Invoice,
    InvoiceList,
    parse_invoices,
)
from qvickly_desk.pno import InvalidIdentityNumber, parse_identity_number
from qvickly_desk.signing import php_json_encode, sign, signature_matches
from qvickly_desk.wire_rows import ROWS_TYPE, WireRow

TODAY = date(2025, 6, 15)
SECRET = "fuzz-secret-0123456789"

FUZZ = settings(
    max_examples=200,
    deadline=None,  # no wall-clock limits: a slow CI machine must not fail these
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# -- identity numbers -----------------------------------------------------------------------------


def luhn_ok(ten: str) -> bool:
    """The Luhn check written out here, so the parser is not checked against its own library."""
    total = 0
    for position, char in enumerate(ten):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def complete(nine: str) -> str:
    return next(nine + digit for digit in "0123456789" if luhn_ok(nine + digit))


@st.composite
def person_forms(draw: st.DrawFn) -> tuple[str, str]:
    """A valid personnummer or samordningsnummer in one of the ways it is typed: (typed, ten)."""
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    day = born.day + (60 if draw(st.booleans()) else 0)
    ten = complete(f"{born:%y%m}{day:02d}{draw(st.integers(0, 999)):03d}")
    century = f"{born.year // 100:02d}"
    sign = "+" if TODAY.year - born.year >= 100 else "-"
    typed = draw(
        st.sampled_from(
            [
                century + ten,
                f"{century}{ten[:6]}-{ten[6:]}",
                f"{ten[:6]}{sign}{ten[6:]}",
                *([ten] if sign == "-" else []),
            ]
        )
    )
    return typed, ten


@st.composite
def organisation_forms(draw: st.DrawFn) -> tuple[str, str]:
    """A valid organisationsnummer ("month" 20 or more), with or without dash or 16."""
    nine = draw(st.from_regex(r"\A[0-9]{2}[2-9][0-9]{6}\Z"))
    ten = complete(nine)
    typed = draw(st.sampled_from([ten, f"{ten[:6]}-{ten[6:]}", "16" + ten]))
    return typed, ten


# Digits, separators and their Unicode look-alikes, in shapes close to real numbers.
number_like = st.text(
    alphabet=st.sampled_from(
        "0123456789-+ \t\u2010\u2011\u2012\u2013\u2212\u00a0\uff10\uff15\u0661"
    ),
    max_size=16,
)


@FUZZ
@given(st.one_of(st.text(), number_like, st.from_regex(r"\A[0-9]{6,8}[-+]?[0-9]{4}\Z")))
def test_identity_parser_raises_only_its_own_error_and_accepts_only_valid_checksums(
    text: str,
) -> None:
    try:
        number = parse_identity_number(text, today=TODAY)
    except InvalidIdentityNumber as error:
        assert error.reason in {"empty", "characters", "length", "date", "checksum"}
        assert error.message("sv") and error.message("en")
        return
    assert len(number.digits) == 10 and number.digits.isascii() and number.digits.isdigit()
    assert luhn_ok(number.digits)


@FUZZ
@given(st.one_of(person_forms(), organisation_forms()), st.integers(1, 9))
def test_a_wrong_last_digit_is_never_accepted(form: tuple[str, str], shift: int) -> None:
    typed, ten = form
    assert parse_identity_number(typed, today=TODAY).digits == ten
    wrong = typed[:-1] + str((int(typed[-1]) + shift) % 10)
    try:
        parse_identity_number(wrong, today=TODAY)
    except InvalidIdentityNumber as error:
        assert error.reason == "checksum"
    else:
        raise AssertionError("a number with a wrong check digit was accepted")


# -- invoices in a correctly signed answer --------------------------------------------------------

# A float PHP writes as -0 comes back from JSON as the integer 0, so it can never be re-signed;
# the service has no reason to send one, and it is left out here.
_floats = st.floats(allow_nan=False, allow_infinity=False).map(lambda x: x if x != 0 else 0.0)
_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | _floats
    | st.text(max_size=30)
    | st.text(alphabet="0123456789-.,: ", max_size=12)
)
_keys = st.sampled_from(API_FIELDS) | st.text(max_size=8) | st.sampled_from(["0", "1", "code"])
json_values = st.recursive(
    _scalars,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(_keys, children, max_size=6),
    max_leaves=15,
)
# A field holds a scalar, or now and then a small list or object where a scalar belongs.
field_values = (
    _scalars | st.lists(_scalars, max_size=3) | st.dictionaries(_keys, _scalars, max_size=3)
)
invoice_records = st.fixed_dictionaries({}, optional=dict.fromkeys(API_FIELDS, field_values))
# One field of a row holding a very long text (the characters PHP escapes among them).
huge_rows = st.builds(
    lambda row, key, char, size: {**row, key: char * size},
    invoice_records,
    st.sampled_from(API_FIELDS),
    st.sampled_from('9xÅ/\\"<-'),
    st.integers(10_000, 300_000),
)


@st.composite
def nested(draw: st.DrawFn, inner: st.SearchStrategy[object]) -> object:
    """``inner`` inside up to 100 levels of lists and objects (well within what answers hold)."""
    value = draw(inner)
    for _ in range(draw(st.integers(0, 100))):
        value = [value] if draw(st.booleans()) else {draw(_keys): value}
    return value


answer_data = st.one_of(
    st.lists(invoice_records | json_values, max_size=6),
    st.dictionaries(st.text(max_size=4), invoice_records, max_size=4),
    invoice_records,
    json_values,
    nested(json_values),
)


def signed_body(data: object, logid: object = 4711) -> bytes:
    """An answer as the service sends it: PHP-encoded, signed over ``data``."""
    credentials = php_json_encode({"hash": sign(data, SECRET), "logid": logid})
    return f'{{"credentials":{credentials},"data":{php_json_encode(data)}}}'.encode("ascii")


def _check_signed(data: object) -> None:
    """A correctly signed answer: its data comes back, and parsing gives invoices or row errors."""
    try:
        verified, logid = verify_answer(signed_body(data), SECRET)
    except ServiceError:  # an object with a "code": the service's error, reported as such
        assert isinstance(data, dict) and "code" in data
        return
    assert logid == "4711"
    assert php_json_encode(verified) == php_json_encode(data)
    parsed = parse_invoices(verified)
    assert isinstance(parsed, InvoiceList)
    assert all(isinstance(invoice, Invoice) for invoice in parsed.invoices)
    for invoice in parsed.invoices:
        invoice.to_api_dict()
        invoice.is_overdue(TODAY)
        assert invoice.pdf_url is None or invoice.pdf_url.lower().startswith(("http:", "https:"))
    if isinstance(verified, list):
        # Every row is an invoice or an unread row; a cut row is both kept and reported.
        unread = [error for error in parsed.row_errors if not error.cut]
        assert len(parsed.invoices) + len(unread) == len(verified)


@FUZZ
@given(answer_data)
def test_any_signed_answer_gives_invoices_or_row_errors_never_a_crash(data: object) -> None:
    _check_signed(data)


@settings(FUZZ, max_examples=10)
@given(st.lists(huge_rows, min_size=1, max_size=3))
def test_huge_texts_in_a_signed_answer(rows: list[dict[str, object]]) -> None:
    _check_signed(rows)


# -- whatever bytes arrive ------------------------------------------------------------------------


def _check_answer(body: bytes) -> None:
    """Only the core's errors come out; data comes out only with a matching signature."""
    try:
        data, _ = verify_answer(body, SECRET)
    except QvicklyError:
        return
    signature = json.loads(body)["credentials"]["hash"]
    assert signature_matches(data, SECRET, signature)


envelopes = st.builds(
    lambda credentials, data, extra: json.dumps(
        {**extra, "credentials": credentials, "data": data}
    ).encode("utf-8"),
    st.one_of(
        json_values,
        st.fixed_dictionaries(
            {},
            optional={
                "hash": json_values | st.binary(min_size=64, max_size=64).map(bytes.hex),
                "logid": json_values,
            },
        ),
    ),
    json_values,
    st.dictionaries(st.sampled_from(["code", "message", "data"]), json_values, max_size=2),
)


@FUZZ
@given(
    st.one_of(
        st.binary(max_size=4096), envelopes, json_values.map(lambda v: json.dumps(v).encode())
    )
)
def test_any_bytes_raise_only_the_cores_errors(body: bytes) -> None:
    _check_answer(body)


@FUZZ
@given(st.integers(1, 200_000), st.sampled_from(["[", '{"a":', '{"code":']))
def test_deep_nesting_is_an_error_not_a_crash(depth: int, opener: str) -> None:
    # Deeper than the JSON parser or the signature check can recurse: a RecursionError must
    # never escape (it did once, from both).
    closer = {"[": "]", '{"a":': "}", '{"code":': "}"}[opener]
    for data in (opener * depth + "1" + closer * depth, opener * depth):
        _check_answer(f'{{"credentials":{{"hash":"ab"}},"data":{data}}}'.encode())


flat_rows = st.fixed_dictionaries({}, optional=dict.fromkeys(API_FIELDS, _scalars))


@settings(FUZZ, max_examples=100)
@given(st.lists(flat_rows, min_size=1, max_size=3), st.data())
def test_a_changed_byte_in_a_signed_answer_never_changes_the_invoices(
    rows: list[dict[str, object]], data: st.DataObject
) -> None:
    body = bytearray(signed_body(rows))
    position = data.draw(st.integers(0, len(body) - 1))
    replacement = data.draw(st.integers(0, 255))
    assume(body[position] != replacement)
    body[position] = replacement
    try:
        verified, _ = verify_answer(bytes(body), SECRET)
    except QvicklyError:  # SignatureError, mostly
        return
    # Only a change that means the same thing (an escape's hex case, the log id) gets through.
    assert php_json_encode(verified) == php_json_encode(rows)


_plain_scalars = st.none() | st.integers() | _floats | st.text(max_size=30)
plain_rows = st.fixed_dictionaries({}, optional=dict.fromkeys(API_FIELDS, _plain_scalars))


@settings(FUZZ, max_examples=150)
@given(st.lists(plain_rows | flat_rows, max_size=4))
def test_rows_decoded_straight_into_structs_read_as_the_same_invoices(
    rows: list[dict[str, object]],
) -> None:
    # The window's lookup decodes rows into structs, the gateway and others into dicts: both
    # must give the same invoices and the same row problems, whatever the values.
    body = signed_body(rows)
    plain, _ = verify_answer(body, SECRET)
    typed, _ = verify_answer(body, SECRET, ROWS_TYPE)
    values = [value for row in rows for value in row.values()]
    if (
        all(rows)  # PHP sends an empty object as []
        and not any(isinstance(value, bool) for value in values)
        and all(abs(value) < 2**63 for value in values if type(value) is int)
        and all(math.isfinite(value) for value in values if type(value) is float)
    ):
        assert all(type(row) is WireRow for row in typed)  # type: ignore[attr-defined]
    assert parse_invoices(typed) == parse_invoices(plain)
