"""Text from the service made fit for one line: a table cell, a line of the command line's table,
a message, a log line.

A name or status with a tab or a line break (a hostile or broken answer can hold any text) would
split a cell, shift the columns after it or start a new row; every control character, and
Unicode's own line and paragraph separators, becomes a space.
"""

from __future__ import annotations

import re

__all__ = [
    "FORMULA_STARTS",
    "SAFE_TEXT_LIMIT",
    "escape_json_text",
    "has_unsafe_characters",
    "one_line",
    "safe_text",
    "spreadsheet_text",
]

# -- service text made safe to print, show and log ----------------------------------------------
#
# Everything the service sends was typed by someone (a customer at checkout, a merchant), so it
# can hold terminal escapes (ESC and the C1 controls, U+009B being a one-character CSI), bidi
# controls that make "Anna \u202eredrO fo tiderC" read as something else, line breaks that forge
# a log line, or a megabyte of one word. ``safe_text`` is the one place that turns such text into
# one plain, harmless, bounded line; the command line, the log and the window all go through it.

SAFE_TEXT_LIMIT = 300
"""The length service text is cut to in messages: far above any real message, code or log id."""

# Bidi embeddings, overrides and isolates, the directional marks, and the Arabic letter mark.
_BIDI_CONTROLS = (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)
# C0 controls and DEL, the C1 controls (U+0080-U+009F), and Unicode's line/paragraph separators
# become a space; the bidi controls are removed.
_SAFE = str.maketrans(
    {
        **dict.fromkeys([*range(32), *range(0x7F, 0xA0), 0x2028, 0x2029], " "),
        **dict.fromkeys(_BIDI_CONTROLS, None),
    }
)
_ELLIPSIS = "…"


def has_unsafe_characters(text: str) -> bool:
    """Whether ``text`` holds a control, line separator or bidi control (see ``safe_text``)."""
    return not text.isprintable() and text.translate(_SAFE) != text


def one_line(text: str) -> str:
    """``text`` as one plain line, not cut: controls become spaces, bidi controls go.

    For values whose length is already bounded (fields capped when an answer is parsed) and that
    must stay whole, such as a table or spreadsheet cell.
    """
    if text.isprintable():  # no control, separator or bidi control is printable
        return text
    return text.translate(_SAFE)


def safe_text(value: object, limit: int = SAFE_TEXT_LIMIT) -> str:
    """Any service value as one plain line of at most ``limit`` characters, for people and logs.

    Controls (C0, DEL, C1) and line separators become spaces, bidi controls are removed, runs of
    spaces are kept as they are, and a longer text is cut with "…" at the end. Non-text values
    are shown through ``str``. Never raises: what cannot be shown is replaced.
    """
    try:
        text = value if isinstance(value, str) else str(value)
    except Exception:  # a hostile __str__ cannot happen with JSON values; be safe anyway
        text = "?"
    if len(text) > limit * 4:  # cut first, so a megabyte is never translated whole
        text = text[: limit * 4]
        cut = True
    else:
        cut = False
    text = one_line(text)
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates cannot be written
    if cut or len(text) > limit:
        text = text[: max(0, limit - 1)] + _ELLIPSIS
    return text


# -- spreadsheet cells ----------------------------------------------------------------------------

# First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula; tab and
# carriage return count too, since some programs skip them and read what follows.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """A text cell for CSV or the clipboard: one plain line that no spreadsheet runs as a formula.

    Controls and bidi controls as in :func:`one_line`; a cell that starts (or, after leading
    spaces, would start) with ``= + - @``, a tab or a carriage return gets a leading apostrophe,
    which spreadsheets show as text and hide. The one rule for every CSV and clipboard output.
    """
    if value.startswith(FORMULA_STARTS):
        return "'" + one_line(value)
    text = one_line(value)
    if text.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + text
    return text


# -- JSON for terminals ---------------------------------------------------------------------------

# What json leaves raw with ensure_ascii=False but a terminal or an editor acts on: C1 controls,
# bidi controls, and the line/paragraph separators (which JavaScript once refused in strings).
_JSON_ESCAPES = str.maketrans(
    {code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), *_BIDI_CONTROLS, 0x2028, 0x2029)}
)


_JSON_ESCAPED = re.compile("[" + "".join(map(chr, _JSON_ESCAPES)) + "]")
_C1_BYTES = bytes(range(0x7F, 0xA0))


def escape_json_text(encoded: str) -> str:
    """JSON text (from ``json`` with ``ensure_ascii=False``) with terminal-active characters
    written as ``\\uXXXX`` escapes: the same JSON value, exact, and safe to print.

    Most text has none of them, and translating a megabyte with one Swedish name in it takes
    0.1 s, so it is looked through first: in C as Latin-1 bytes (where only C1 controls can be
    among them), else by one pattern."""
    try:
        latin = encoded.encode("latin-1")
    except UnicodeEncodeError:
        if _JSON_ESCAPED.search(encoded) is None:
            return encoded
    else:
        if len(latin.translate(None, _C1_BYTES)) == len(latin):
            return encoded
    return encoded.translate(_JSON_ESCAPES)
