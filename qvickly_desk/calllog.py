"""The one log line each call leaves, for support to match against the service's own log.

Function, what was asked (a masked identity number, an invoice number, never a name or a
hash), outcome, HTTP status, time, how many rows came back, and the log id; DEBUG adds sizes.
Bodies, names and the secret are never logged.
"""

from __future__ import annotations

import logging
import time
from types import TracebackType

from qvickly_desk.errors import QvicklyError, TransportError

__all__ = ["CallLog"]

_log = logging.getLogger("qvickly_desk.client")


class CallLog:
    """What one call did, for its single log line: statuses, sizes and counts, never content."""

    def __init__(self, function: str, subject: str, status: str, label: str = "pno") -> None:
        self.function = function
        self.label = label  # what ``subject`` is: "pno", "number", "customerno", ...
        self.subject = subject  # masked: never a name, a hash or a whole identity number
        self.status = status
        self.outcome = "ok"
        self.http_status: int | None = None
        self.attempts = 0
        self.request_bytes = 0
        self.answer_bytes = 0
        self.invoices: int | None = None
        self.row_errors: int | None = None
        self.logid: str | None = None
        self._started = time.monotonic()

    def finished(self, invoices: int | None, row_errors: int | None, logid: str | None) -> None:
        self.invoices, self.row_errors, self.logid = invoices, row_errors, logid

    def __enter__(self) -> CallLog:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc is not None:
            self.outcome = type(exc).__name__
            if isinstance(exc, QvicklyError):
                if exc.code:
                    self.outcome += f" (code {exc.code})"
                if isinstance(exc, TransportError) and exc.detail:
                    self.outcome += f" ({exc.detail})"  # fixed texts, never the service's words
                self.logid = exc.logid
        elapsed_ms = round((time.monotonic() - self._started) * 1000)
        _log.info(
            "%s %s=%s status=%s result=%s http=%s ms=%d invoices=%s row_errors=%s logid=%s",
            self.function,
            self.label,
            self.subject,
            self.status,
            self.outcome,
            self.http_status if self.http_status is not None else "-",
            elapsed_ms,
            self.invoices if self.invoices is not None else "-",
            self.row_errors if self.row_errors is not None else "-",
            self.logid or "-",
        )
        _log.debug(
            "%s sent %d bytes, received %d bytes, %d attempt(s)",
            self.function,
            self.request_bytes,
            self.answer_bytes,
            self.attempts,
        )
