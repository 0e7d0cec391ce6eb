"""Per-agent rate limits, counted in the audit table itself.

Counting the audit records (each call's record is written before the count) makes the limits
hold across restarts and across every instance on one database, with no second store to keep in
step. Two calls racing at the limit may both be refused, never both let through.
"""

from __future__ import annotations

from dataclasses import dataclass

from qvickly_desk.gateway.audit import AuditLog

__all__ = ["RateLimits"]

MINUTE = 60.0
DAY = 24 * 60 * 60.0


@dataclass(frozen=True)
class RateLimits:
    """Defaults high enough for a busy agent (one lookup a second, all day) and far below what
    scraping personal numbers in bulk would need."""

    per_minute: int = 60
    per_day: int = 1000

    def exceeded(self, audit: AuditLog, agent_id: str, now: float) -> str | None:
        """``"minute"`` or ``"day"`` when this call (already recorded) is one too many."""
        if audit.counted_since(agent_id, now - MINUTE) > self.per_minute:
            return "minute"
        if audit.counted_since(agent_id, now - DAY) > self.per_day:
            return "day"
        return None
