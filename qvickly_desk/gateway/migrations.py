"""The gateway's schema, one numbered step at a time, from the first table on.

A step is never changed once released: a new column or index is a new step. Each step runs in a
transaction with the version bump, and instances starting together take turns (an advisory lock
on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite), so a schema is never half migrated.
"""

from __future__ import annotations

from typing import Any, Protocol

__all__ = ["MIGRATIONS", "Migratable", "migrate"]

_ID_COLUMN = {
    "sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT",
    "postgresql": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
}
_LOCK_KEY = 0x5176636B  # "Qvck": the advisory lock the PostgreSQL instances migrate under

MIGRATIONS: list[tuple[int, list[str]]] = [
    (
        1,
        [
            # Agents: a name and a random public id; the key is derived, never stored.
            "CREATE TABLE agents ("
            " id TEXT PRIMARY KEY,"
            " name TEXT NOT NULL,"
            " created DOUBLE PRECISION NOT NULL,"
            " revoked DOUBLE PRECISION)",
            "CREATE UNIQUE INDEX agents_active_name ON agents (name) WHERE revoked IS NULL",
            # One row per call. ``counted`` marks the calls that count against the rate limits.
            "CREATE TABLE audit ("
            " id {id},"
            " at DOUBLE PRECISION NOT NULL,"
            " agent_id TEXT NOT NULL,"
            " agent_name TEXT,"
            " function TEXT NOT NULL,"
            " subject_kind TEXT,"
            " subject_hash TEXT,"
            " outcome TEXT NOT NULL,"
            " counted INTEGER NOT NULL,"
            " invoice_count INTEGER,"
            " logid TEXT,"
            " remote TEXT)",
            "CREATE INDEX audit_agent_at ON audit (agent_id, at)",
            "CREATE INDEX audit_subject ON audit (subject_hash)",
            "CREATE INDEX audit_at ON audit (at)",
        ],
    ),
]


class Migratable(Protocol):
    """What a migration needs of the database (``db.Database``, which imports this module)."""

    dialect: str

    def transaction_connection(self) -> Any: ...


def migrate(database: Migratable) -> int:
    """Apply the steps the database lacks; the schema version afterwards."""
    connection = database.transaction_connection()
    if database.dialect == "postgresql":
        with connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            return _apply(connection, database.dialect)
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = _apply(connection, database.dialect)
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
    return version


def _apply(connection: Any, dialect: str) -> int:
    connection.execute("CREATE TABLE IF NOT EXISTS gateway_schema (version INTEGER NOT NULL)")
    row = connection.execute("SELECT MAX(version) FROM gateway_schema").fetchone()
    version = int(row[0]) if row and row[0] is not None else 0
    for number, statements in MIGRATIONS:
        if number <= version:
            continue
        for statement in statements:
            connection.execute(statement.replace("{id}", _ID_COLUMN[dialect]))
        placeholder = "%s" if dialect == "postgresql" else "?"
        connection.execute(
            f"INSERT INTO gateway_schema (version) VALUES ({placeholder})", (number,)
        )
        version = number
    return version
