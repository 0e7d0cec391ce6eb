"""One audit record per call, refusals and failures included, and the searches over them.

The subject (the number or name searched) is kept only as an HMAC-SHA256 under a key derived from
the gateway key: equal subjects give equal hashes, so "who looked up 19550101-1018?" is one
indexed query, while the database on its own reveals no number.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Sequence
from dataclasses import dataclass

from qvickly_desk.gateway.db import Database
from qvickly_desk.gateway.functions import SUBJECT_KINDS, normalise_subject

__all__ = ["AuditLog", "AuditRecord", "SubjectHasher"]

_MAX_TEXT = 64  # what a caller controls (a claimed agent id, a function name) is cut to this


class SubjectHasher:
    def __init__(self, key: bytes) -> None:
        self._key = key

    def hash(self, kind: str, normalised: str) -> str:
        message = f"{kind}\x00{normalised}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def candidates(self, text: str) -> list[str]:
        """The hashes ``text`` has as any kind of subject: for a search that does not say which."""
        return [self.hash(kind, normalise_subject(kind, text)) for kind in SUBJECT_KINDS]


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: float
    agent_id: str
    agent_name: str | None
    function: str
    subject_kind: str | None
    outcome: str
    invoice_count: int | None
    logid: str | None
    remote: str | None


class AuditLog:
    def __init__(self, database: Database, hasher: SubjectHasher) -> None:
        self._database = database
        self.hasher = hasher

    def start(
        self,
        agent_id: str,
        agent_name: str | None,
        function: str,
        subject: tuple[str, str] | None,
        remote: str | None,
        outcome: str,
        counted: bool,
    ) -> int:
        """Write the call's record before anything is forwarded; its id, to finish it later."""
        kind, subject_hash = (subject[0], self.hasher.hash(*subject)) if subject else (None, None)
        return self._database.insert(
            "INSERT INTO audit (at, agent_id, agent_name, function, subject_kind, subject_hash,"
            " outcome, counted, invoice_count, logid, remote)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?) RETURNING id",
            (
                time.time(),
                agent_id[:_MAX_TEXT],
                agent_name,
                function[:_MAX_TEXT],
                kind,
                subject_hash,
                outcome,
                int(counted),
                (remote or "")[:_MAX_TEXT] or None,
            ),
        )

    def finish(
        self,
        record_id: int,
        outcome: str,
        counted: bool,
        invoice_count: int | None = None,
        logid: str | None = None,
    ) -> None:
        self._database.execute(
            "UPDATE audit SET outcome = ?, counted = ?, invoice_count = ?, logid = ? WHERE id = ?",
            (outcome, int(counted), invoice_count, (logid or "")[:_MAX_TEXT] or None, record_id),
        )

    def counted_since(self, agent_id: str, since: float) -> int:
        """Calls of this agent since ``since`` that count against its rate limits."""
        row = self._database.one(
            "SELECT COUNT(*) FROM audit WHERE agent_id = ? AND at >= ? AND counted = 1",
            (agent_id, since),
        )
        return int(row[0]) if row else 0

    def search(
        self,
        subject: str | None = None,
        agent_ids: Sequence[str] | None = None,
        since: float | None = None,
    ) -> list[AuditRecord]:
        clauses: list[str] = []
        params: list[object] = []
        if subject is not None:
            hashes = self.hasher.candidates(subject)
            clauses.append(f"subject_hash IN ({', '.join('?' for _ in hashes)})")
            params += hashes
        if agent_ids is not None:
            if not agent_ids:
                return []
            clauses.append(f"agent_id IN ({', '.join('?' for _ in agent_ids)})")
            params += agent_ids
        if since is not None:
            clauses.append("at >= ?")
            params.append(since)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._database.rows(
            "SELECT id, at, agent_id, agent_name, function, subject_kind, outcome,"
            f" invoice_count, logid, remote FROM audit{where} ORDER BY at, id",
            params,
        )
        return [
            AuditRecord(
                id=int(row[0]),
                at=float(row[1]),
                agent_id=str(row[2]),
                agent_name=row[3],
                function=str(row[4]),
                subject_kind=row[5],
                outcome=str(row[6]),
                invoice_count=int(row[7]) if row[7] is not None else None,
                logid=row[8],
                remote=row[9],
            )
            for row in rows
        ]

    def count(self) -> int:
        row = self._database.one("SELECT COUNT(*) FROM audit")
        return int(row[0]) if row else 0
