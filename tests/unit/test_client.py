"""Checking an answer's signature: over the bytes as sent, or over the data encoded the PHP way.

The service signs ``json_encode($data)`` and sends those bytes as the answer's ``data``, so the
signature is first checked over that part of the body as received. Whatever is accepted that way
must be exactly what those bytes decode to; anything else is checked, as always, against the PHP
encoding of the decoded ``data``.
"""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from qvickly_desk import answer_json as client
from qvickly_desk.client import verify_answer
from qvickly_desk.errors import BadAnswerError, ServiceError, SignatureError
from qvickly_desk.signing import php_json_encode, sign
from qvickly_desk.wire_rows import ROWS_TYPE

SECRET = "unit-secret-4711"
ROWS: list[dict[str, object]] = [
    {"invoiceid_real": "1001", "topay": "1249.50", "fileurl": "https://example.invalid/a.pdf"},
    {"invoiceid_real": 1002, "topay": 100.0, "name": "Åsa Öberg"},
]


def hmac_of(text: str) -> str:
    return hmac.new(SECRET.encode(), text.encode("ascii"), hashlib.sha512).hexdigest()


def body(data_json: str, signature: str, logid: str = "77") -> bytes:
    return f'{{"credentials":{{"hash":"{signature}","logid":{logid}}},"data":{data_json}}}'.encode()


def test_the_services_own_answer_is_accepted() -> None:
    data_json = php_json_encode(ROWS)
    data, logid = verify_answer(body(data_json, hmac_of(data_json)), SECRET)
    assert data == json.loads(data_json)
    assert logid == "77"


def test_a_bytearray_with_space_around_it_is_accepted() -> None:
    data_json = php_json_encode(ROWS)
    answer = bytearray(b" \r\n" + body(data_json, hmac_of(data_json).upper()) + b"\n")
    assert verify_answer(answer, SECRET)[0] == json.loads(data_json)


def test_bytes_signed_as_sent_are_accepted_and_are_what_is_returned() -> None:
    # Not PHP's encoding (spaces, "/" unescaped, 100.0), but exactly the bytes that were signed.
    data_json = '[ {"fileurl": "https://example.invalid/a.pdf", "topay": 100.0} ]'
    data, _ = verify_answer(body(data_json, hmac_of(data_json)), SECRET)
    assert data == [{"fileurl": "https://example.invalid/a.pdf", "topay": 100.0}]
    assert isinstance(data[0]["topay"], float)  # type: ignore[index]


def test_bytes_that_differ_from_the_signed_php_encoding_are_accepted_by_meaning() -> None:
    # Signed over PHP's encoding, sent in another encoding of the same data.
    sent = json.dumps(ROWS, indent=1)  # spaces, "/" unescaped, "\u00c5" in upper case
    assert sent != php_json_encode(ROWS)
    data, _ = verify_answer(body(sent, sign(ROWS, SECRET)), SECRET)
    assert data == json.loads(sent)


@pytest.mark.parametrize(
    "template",
    [
        '{{"credentials":{{"hash":"{hash}"}},"data":{data}}}',
        ' {{ "data" : {data} ,\n\t"credentials" : {{"hash":"{hash}"}} , "x" : 1 }}\r\n',
        '{{"credentials":{{"hash":"{hash}"}},"dat\\u0061":{data}}}',
        '{{"data":{data},"credentials":{{"hash":"{hash}","data":[]}}}}',
    ],
)
def test_the_data_member_is_found_however_the_answer_is_laid_out(template: str) -> None:
    # Signed as sent and not in PHP's encoding, so only the bytes as received can verify it.
    data_json = '[{"invoiceid_real": "1001", "fileurl": "https://example.invalid/a.pdf"}]'
    answer = template.format(data=data_json, hash=hmac_of(data_json))
    data, logid = verify_answer(answer.encode(), SECRET)
    assert data == json.loads(data_json)
    assert logid is None


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text.replace("1249.50", "1249.60"),
        lambda text: text.replace("1001", "1091"),
        lambda text: text.replace("a.pdf", "b.pdf"),
        lambda text: text[:-1] + ',{"invoiceid_real":"1003"}]',
    ],
)
def test_a_changed_answer_is_refused(change: object) -> None:
    data_json = php_json_encode(ROWS)
    answer = body(change(data_json), hmac_of(data_json))  # type: ignore[operator]
    with pytest.raises(SignatureError):
        verify_answer(answer, SECRET)


def test_data_twice_is_not_taken_for_the_signed_one() -> None:
    # The signed bytes first, other rows after: a JSON reader keeps the last "data".
    signed = php_json_encode(ROWS)
    other = php_json_encode([{"invoiceid_real": "666", "topay": "1.00"}])
    answer = f'{{"credentials":{{"hash":"{hmac_of(signed)}"}},"data":{signed},"data":{other}}}'
    with pytest.raises(SignatureError):
        verify_answer(answer.encode(), SECRET)


def test_data_twice_is_accepted_only_when_the_data_read_verifies() -> None:
    signed = php_json_encode(ROWS)
    other = php_json_encode([{"invoiceid_real": "666", "topay": "1.00"}])
    answer = f'{{"credentials":{{"hash":"{hmac_of(signed)}"}},"data":{other},"data":{signed}}}'
    data, _ = verify_answer(answer.encode(), SECRET)
    assert data == json.loads(signed)


@pytest.mark.parametrize(
    "template",
    [
        # signed bytes after a "data" key inside the credentials
        '{{"credentials":{{"hash":"{hash}","data":{signed}}},"data":{other}}}',
        # ... or inside a text, written as "data": with escaped quotes
        '{{"credentials":{{"hash":"{hash}","note":"\\"data\\":{quoted}"}},"data":{other}}}',
        # ... or under the key '"data', whose bytes hold '"data":' too
        '{{"credentials":{{"hash":"{hash}"}},"\\"data":{signed},"data":{other}}}',
    ],
)
def test_signed_bytes_elsewhere_in_the_answer_do_not_vouch_for_its_data(template: str) -> None:
    signed = php_json_encode(ROWS)
    other = php_json_encode([{"invoiceid_real": "666", "topay": "1.00"}])
    answer = template.format(
        hash=hmac_of(signed), signed=signed, other=other, quoted=signed.replace('"', '\\"')
    )
    json.loads(answer)  # a well-formed answer: only the signature can refuse it
    with pytest.raises(SignatureError):
        verify_answer(answer.encode(), SECRET)


def test_a_repeated_credentials_member_is_read_as_json_reads_it() -> None:
    data_json = php_json_encode(ROWS)
    answer = (
        f'{{"credentials":{{"hash":"{hmac_of(data_json)}"}},"data":{data_json},'
        f'"credentials":{{"hash":"{"0" * 128}"}}}}'
    )
    with pytest.raises(SignatureError):
        verify_answer(answer.encode(), SECRET)


def test_a_signed_error_answer_is_still_the_services_error() -> None:
    data_json = php_json_encode({"code": "9013", "message": "Authentication failed"})
    with pytest.raises(ServiceError) as raised:
        verify_answer(body(data_json, hmac_of(data_json)), SECRET)
    assert raised.value.code == "9013"


@pytest.mark.parametrize(
    "signature", ["é" * 128, "", "0" * 128], ids=["not-ascii", "empty", "zeros"]
)
def test_a_signature_that_cannot_match_is_a_signature_error(signature: str) -> None:
    with pytest.raises(SignatureError):
        verify_answer(body(php_json_encode(ROWS), signature), SECRET)


@pytest.mark.parametrize(
    "answer",
    [
        b'{"credentials":{"hash":"ab"},"data":[]} x',
        b'{"credentials":{"hash":"ab"},"data":[],}',
        b'{"credentials":{"hash":"ab"} "data":[]}',
        b'{"credentials":{"hash":"ab"},"data":[]',
        b'{"credentials":{"hash":"ab"},"data":}',
        b'{"credentials" {"hash":"ab"},"data":[]}',
    ],
)
def test_broken_json_is_a_bad_answer(answer: bytes) -> None:
    with pytest.raises(BadAnswerError):
        verify_answer(answer, SECRET)


@pytest.mark.parametrize("answer", [b"{}", b" { } ", b'{"credentials":{}}'])
def test_an_answer_without_data_is_a_bad_answer(answer: bytes) -> None:
    with pytest.raises(BadAnswerError):
        verify_answer(answer, SECRET)


# -- any layout of the answer ---------------------------------------------------------------------

_space = st.text(alphabet=" \t\r\n", max_size=3)
_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(
    data=_values,
    extra=st.dictionaries(st.sampled_from(["function", "x", "dat", "Data"]), _values, max_size=2),
    indent=st.none() | st.integers(0, 2),
    separators=st.sampled_from([(",", ":"), (", ", ": "), (" ,", " : ")]),
    spaces=st.lists(_space, min_size=8, max_size=8),
    data_first=st.booleans(),
)
def test_data_signed_as_sent_is_found_in_any_layout(
    data: object,
    extra: dict[str, object],
    indent: int | None,
    separators: tuple[str, str],
    spaces: list[str],
    data_first: bool,
) -> None:
    assume(not (isinstance(data, dict) and "code" in data))  # that is the service's error
    data_json = json.dumps(data, indent=indent, separators=separators)
    a, b, c, d, e, f, g, h = spaces
    members = [
        f'"credentials"{a}:{b}{{"hash":"{hmac_of(data_json)}","logid":"9"}}',
        f'"data"{c}:{d}{data_json}',
        *(f"{json.dumps(key)}:{json.dumps(value)}" for key, value in extra.items()),
    ]
    if data_first:
        members[:2] = members[1::-1]
    answer = f"{e}{{{f}" + f"{g},{h}".join(members) + f"{h}}}{g}"
    verified, logid = verify_answer(answer.encode("ascii"), SECRET)
    assert json.dumps(verified) == json.dumps(json.loads(data_json))
    assert logid == "9"


def large_answer(rows: int) -> tuple[bytes, list[object]]:
    """A signed answer of some megabytes, and the data it holds."""
    data = [{**ROWS[0], "invoiceid_real": str(number)} for number in range(rows)]
    data_json = php_json_encode(data)
    return body(data_json, hmac_of(data_json)), json.loads(data_json)


def test_a_large_answer_is_decoded_and_checked_like_a_small_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Above some megabytes the rows are decoded a slice at a time, letting other threads (the
    window's) in between: same results."""
    answer, expected = large_answer(60_000)
    assert len(answer) > 5_000_000
    decoded: list[int] = []
    decode = client.fast_decode

    def spy(value: bytes) -> object:
        decoded.append(len(value))
        return decode(value)

    monkeypatch.setattr(client, "fast_decode", spy)
    assert verify_answer(answer, SECRET) == (expected, "77")
    assert len(decoded) > 5, "the large answer was not decoded in slices"
    decoded.clear()
    small, _ = large_answer(10)
    verify_answer(small, SECRET)
    assert len(decoded) == 1  # small answers decode in one go
    with_comma_brace = [{**row, "name": "a},{"} for row in expected]  # '},{"' ends each name
    data_json = php_json_encode(with_comma_brace)
    assert verify_answer(body(data_json, hmac_of(data_json)), SECRET)[0] == with_comma_brace
    tampered = answer.replace(b'"59999"', b'"59998"')
    with pytest.raises(SignatureError):
        verify_answer(tampered, SECRET)
    broken = answer[:-2]
    with pytest.raises(BadAnswerError):
        verify_answer(broken, SECRET)


@pytest.mark.parametrize(
    "number", [10**19, -(10**19), 2**64, -(2**63) - 1, 12345678901234567890123456789]
)
def test_a_number_beyond_64_bits_is_read_as_json_reads_it(number: int) -> None:
    """The fast decoder would make such a number a float; the whole number must come back."""
    data_json = php_json_encode([{"invoiceid_real": number, "hash": "ab1234567890123456789"}])
    data, _ = verify_answer(body(data_json, hmac_of(data_json)), SECRET)
    assert data == [{"invoiceid_real": number, "hash": "ab1234567890123456789"}]
    assert type(data[0]["invoiceid_real"]) is int  # type: ignore[index]


_PADDING = "p" * 70_000  # longer than the head an answer's members are first read from


@pytest.mark.parametrize(
    "template",
    [
        '{{"credentials":{{"hash":"{hash}"}},"data":{data}}}',
        '{{"data":{data},"credentials":{{"hash":"{hash}"}}}}',
        '{{"credentials":{{"hash":"{hash}","note":"{padding}"}},"data":{data}}}',
        '{{"note":"{padding}","data":{data},"credentials":{{"hash":"{hash}"}}}}',
        '{{"credentials":{{"hash":"{hash}"}},"data":{data}}}' + " " * 70_000,
        '{{"credentials":{{"hash":"{hash}"}},"data":' + " " * 70_000 + "{data}}}",
    ],
)
def test_a_large_answer_is_read_whatever_comes_before_or_after_its_data(template: str) -> None:
    # Members are read from the answer's head when that is enough; a head that ends too soon,
    # or a data member that is not the last, must change nothing.
    data = [{**ROWS[0], "invoiceid_real": str(number)} for number in range(2_000)]
    data_json = php_json_encode(data)
    answer = template.format(data=data_json, hash=hmac_of(data_json), padding=_PADDING)
    assert len(answer) > 64 * 1024
    assert verify_answer(answer.encode(), SECRET)[0] == json.loads(data_json)
    tampered = answer.replace('"invoiceid_real":"1"', '"invoiceid_real":"7"')
    with pytest.raises(SignatureError):
        verify_answer(tampered.encode(), SECRET)


def test_rows_decoded_into_a_type_are_checked_as_the_bytes_were_sent() -> None:
    answer, expected = large_answer(60_000)  # hashed on a thread beside the decoding
    data, _ = verify_answer(answer, SECRET, ROWS_TYPE)
    assert [row.invoiceid_real for row in data] == [row["invoiceid_real"] for row in expected]  # type: ignore[attr-defined, index]
    with pytest.raises(SignatureError):
        verify_answer(answer.replace(b'"59999"', b'"59998"'), SECRET, ROWS_TYPE)
    # Sent in another encoding: the rows are checked by meaning, as plain values.
    other = json.dumps(expected[:3], indent=1)
    data, _ = verify_answer(body(other, sign(expected[:3], SECRET)), SECRET, ROWS_TYPE)
    assert data == expected[:3]


def test_what_follows_a_large_answers_head_still_counts() -> None:
    # The object closes within the head and only spaces follow there; beyond the head, garbage.
    data_json = php_json_encode(ROWS)
    answer = body(data_json, hmac_of(data_json)) + b" " * 70_000 + b"x"
    with pytest.raises(BadAnswerError):
        verify_answer(answer, SECRET)
