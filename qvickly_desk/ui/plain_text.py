"""Service text for tooltips, which Qt renders as HTML whenever the text looks like it.

Qt shows a tooltip as rich text when ``Qt.mightBeRichText`` says so, and a customer's name such
as ``<img src="file:///…">`` or ``<img width=30000 height=30000>`` does: the first loads a local
file (on Windows a ``file://host/share`` opens an SMB connection), the second freezes the window.
A tooltip made here is always rich text whose every character is escaped, so Qt shows exactly
the plain, cut line and loads nothing.
"""

from __future__ import annotations

from qvickly_desk.text import safe_text

__all__ = ["TOOLTIP_LIMIT", "plain_tooltip"]

TOOLTIP_LIMIT = 1000
"""Characters a tooltip shows: the whole of any real name or link (fields are cut at parse)."""


def plain_tooltip(text: str, limit: int = TOOLTIP_LIMIT) -> str:
    """``text`` as one safe line, cut at ``limit``, wrapped so Qt renders it literally."""
    import html  # at the first tooltip: it brings html.entities, unneeded at start

    return "<p style='white-space:pre-wrap'>" + html.escape(safe_text(text, limit)) + "</p>"
