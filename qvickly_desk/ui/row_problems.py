"""What the window says about rows of an answer it could not read, or read with a text cut.

Unread rows are not shown; cut rows are shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from qvickly_desk.invoices import RowError
from qvickly_desk.text import safe_text

__all__ = ["row_problem_message"]

_NAMED = 5  # rows named in the message; the rest is "…"


def row_problem_message(row_errors: Sequence[RowError]) -> tuple[str, str]:
    """The headline and the text for an answer's ``row_errors`` (not empty)."""
    return _RowProblemTexts().message(row_errors)


class _RowProblemTexts(QObject):
    """A class for the texts' translation context: ``tr`` with a count makes the plural."""

    def message(self, row_errors: Sequence[RowError]) -> tuple[str, str]:
        unread = [row_error for row_error in row_errors if not row_error.cut]
        cut = [row_error for row_error in row_errors if row_error.cut]
        unread_count, cut_count = (
            len(unread),
            len(cut),
        )  # plain names: the catalogue tool needs them
        lines: list[str] = []
        if unread:
            lines.append(
                self.tr(
                    "%n row(s) of the answer could not be read and are not shown.",
                    "",
                    unread_count,
                )
            )
            lines += _named(unread)
        if cut:
            lines.append(
                self.tr("%n invoice(s) had a text cut short; they are shown.", "", cut_count)
            )
            lines += _named(cut)
        headline = (
            self.tr("Some invoices are missing") if unread else self.tr("Some texts were cut")
        )
        return headline, "\n".join(lines)


def _named(problems: list[RowError]) -> list[str]:
    """The first few rows with a problem, named by invoice number or place in the answer."""
    lines = [
        f"{safe_text(row_error.number, 40) or row_error.index + 1}: {row_error.reason}"
        for row_error in problems[:_NAMED]
    ]
    if len(problems) > _NAMED:
        lines.append("…")
    return lines
