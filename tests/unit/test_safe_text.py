"""Service text made one harmless, bounded line: the core helper every output goes through."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from qvickly_desk.text import (
    SAFE_TEXT_LIMIT,
    escape_json_text,
    has_unsafe_characters,
    one_line,
    safe_text,
    spreadsheet_text,
)

# Every character a terminal, a log reader or the bidi algorithm acts on.
UNSAFE = (
    [chr(code) for code in range(32)]
    + [chr(code) for code in range(0x7F, 0xA0)]
    + [chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
    + ["\u200e", "\u200f", "\u061c", "\u2028", "\u2029"]
)


def no_unsafe(text: str) -> bool:
    return not any(character in text for character in UNSAFE)


def test_escapes_controls_and_bidi_overrides_become_harmless() -> None:
    hostile = "\x1b]0;pwned\x07\x1b[2J\x1b[31mall invoices paid\u009b2J Anna \u202eredrO fo tiderC"
    shown = safe_text(hostile)
    assert no_unsafe(shown)
    assert "all invoices paid" in shown  # the words are still there to read, as plain text
    assert "Anna redrO fo tiderC" in shown  # no override: it reads as it was sent


def test_a_megabyte_without_a_space_is_cut_to_the_limit() -> None:
    shown = safe_text("x" * 1_000_000)
    assert len(shown) == SAFE_TEXT_LIMIT
    assert shown.endswith("…")
    assert safe_text("short") == "short"


def test_values_that_are_not_text_are_shown_as_text() -> None:
    assert safe_text(8010) == "8010"
    assert safe_text(None) == "None"
    assert safe_text("\ud800lone surrogate") == "?lone surrogate"  # writable anywhere


@given(st.text(alphabet=st.sampled_from([*UNSAFE, "a", "é", " ", "1"]), max_size=500))
def test_whatever_the_text_the_result_is_one_safe_bounded_line(text: str) -> None:
    shown = safe_text(text, 100)
    assert no_unsafe(shown)
    assert len(shown) <= 100
    cleaned = one_line(text)
    assert no_unsafe(cleaned) and len(cleaned) <= len(text)  # never longer, never cut
    assert has_unsafe_characters(text) == (not no_unsafe(text))


def test_one_line_keeps_a_long_value_whole() -> None:
    assert one_line("Åsa\tBäckström\n" * 100) == "Åsa Bäckström " * 100


def test_spreadsheet_cells_never_start_a_formula() -> None:
    for hostile in ("=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "  =1"):
        cell = spreadsheet_text(hostile)
        assert cell.startswith("'"), hostile
        assert no_unsafe(cell)
    assert spreadsheet_text("Anna Andersson") == "Anna Andersson"
    assert spreadsheet_text("\x1b[2JAnna") == " [2JAnna"


def test_json_text_stays_the_same_value_with_terminal_controls_escaped() -> None:
    value = {"name": "Anna \u202eredrO\u009b \u2028x\x1b"}
    encoded = escape_json_text(json.dumps(value, ensure_ascii=False))
    assert no_unsafe(encoded)
    assert json.loads(encoded) == value
