"""Text from the service made fit for one line: a table cell, a line of the command line's table.

A name or status with a tab or a line break (a hostile or broken answer can hold any text) would
split a cell, shift the columns after it or start a new row; every control character, and
Unicode's own line and paragraph separators, becomes a space.
"""

from __future__ import annotations

__all__ = ["one_line"]

_ONE_LINE = str.maketrans(dict.fromkeys([*range(32), 127, 0x2028, 0x2029], " "))


def one_line(text: str) -> str:
    """``text`` with every control character and line separator replaced by a space."""
    return text if text.isprintable() else text.translate(_ONE_LINE)
