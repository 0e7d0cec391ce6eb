"""Switches that make the sandbox misbehave the ways a real network, proxy or service can.

Tests set fields on ``server.faults`` between calls; each API call takes a copy when it arrives.
Only API calls (POST) are affected, never the PDF downloads. When several are set, the first in
this order wins: never_answer, delay (then carries on), redirect_to, http_status,
reset_mid_body, huge_answer_bytes, empty_body, error_at_top_level; the answer-shaping ones
(mixed_types, hostile_links, tamper_data, wrong_signature, no_signature, truncated_json) combine.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

__all__ = ["HOSTILE_LINKS", "Faults"]

HOSTILE_LINKS = (
    "javascript:alert(document.cookie)",
    "file:///etc/passwd",
    "smb://fileserver.example/share/faktura.pdf",
    "data:application/pdf;base64,JVBERi0xLjQK",
    "",
)
"""The ``fileurl`` values ``hostile_links`` hands out, in turn, one per row."""


@dataclass
class Faults:
    """Mutable on purpose: a test flips a switch, makes a call, and flips it back."""

    delay: float = 0.0
    """Seconds to wait before answering; stop() cuts the wait short."""
    http_status: int | None = None
    """Answer this HTTP status with an HTML page (text/html), like a proxy would."""
    retry_after: int | None = None
    """With http_status: the Retry-After header, in seconds."""
    truncated_json: bool = False
    """Send only the first half of the JSON answer (Content-Length matches what is sent)."""
    empty_body: bool = False
    """HTTP 200, application/json, and no body at all."""
    wrong_signature: bool = False
    """Valid JSON, but the hash in credentials is altered."""
    no_signature: bool = False
    """Credentials carry a logid but no hash."""
    tamper_data: bool = False
    """Change the first invoice's amount after signing (answers with at least one invoice)."""
    mixed_types: bool = False
    """Ids as ints and amounts as floats in every row (still correctly signed)."""
    hostile_links: bool = False
    """Every fileurl replaced by javascript:, file:, smb:, data: or "" (still correctly signed)."""
    never_answer: bool = False
    """Read the request and never answer, until the server stops."""
    reset_mid_body: bool = False
    """Send the headers with the full Content-Length, half the body, then reset the connection."""
    huge_answer_bytes: int = 0
    """Stream a JSON answer that never closes, this many body bytes, chunked, then close."""
    redirect_to: str | None = None
    """Answer 307 Temporary Redirect with this Location."""
    error_at_top_level: bool = False
    """Answer ``{"code": 9013, "message": "..."}``: code a number, no credentials, no data."""

    def reset(self) -> None:
        """Back to a well-behaved server."""
        for field in fields(self):
            setattr(self, field.name, field.default)
