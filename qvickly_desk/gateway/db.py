"""The gateway's database: SQLite (a file, WAL) or PostgreSQL, behind one small interface.

Queries are written once with ``?`` placeholders; PostgreSQL gets ``%s``. Each thread keeps its
own connection, and every statement commits on its own, so a record written is a record kept
even if the process dies right after. The schema is versioned from the first table on
(:mod:`qvickly_desk.gateway.migrations`).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from qvickly_desk.errors import InvalidInputError
from qvickly_desk.gateway.migrations import migrate

__all__ = ["Database", "is_postgres_url", "open_database"]

Row = tuple[Any, ...]
_BUSY_TIMEOUT_MS = 30_000


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


class Database:
    """One database URL; a connection per thread, opened on first use."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.dialect = "postgresql" if is_postgres_url(url) else "sqlite"
        self._local = threading.local()
        self._connections: list[Any] = []
        self._lock = threading.Lock()
        if self.dialect == "sqlite":
            path = Path(_sqlite_path(url))
            if not path.parent.is_dir():
                raise InvalidInputError(
                    en=f"The database folder {path.parent} does not exist.",
                    sv=f"Databasmappen {path.parent} finns inte.",
                )

    def execute(self, sql: str, params: Sequence[object] = ()) -> int:
        """Run one statement (committed at once); the number of rows it changed."""
        cursor = self._connection().execute(self._sql(sql), tuple(params))
        try:
            return int(cursor.rowcount)
        finally:
            cursor.close()

    def insert(self, sql: str, params: Sequence[object] = ()) -> int:
        """Run one INSERT that ends in ``RETURNING id``; the new row's id."""
        row = self.one(sql, params)
        if row is None:  # pragma: no cover - an INSERT ... RETURNING always returns its row
            raise RuntimeError("the insert returned no row")
        return int(row[0])

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        cursor = self._connection().execute(self._sql(sql), tuple(params))
        try:
            return [tuple(row) for row in cursor.fetchall()]
        finally:
            cursor.close()

    def one(self, sql: str, params: Sequence[object] = ()) -> Row | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def migrate(self) -> int:
        """Bring the schema up to date; the version it is at."""
        return migrate(self)

    def transaction_connection(self) -> Any:
        """This thread's raw connection, for the migrations' explicit transaction."""
        return self._connection()

    def close(self) -> None:
        """Close every thread's connection (call once nothing uses the database any more)."""
        with self._lock:
            connections, self._connections = self._connections, []
        for connection in connections:
            with contextlib.suppress(Exception):  # one another thread's failure already broke
                connection.close()
        self._local = threading.local()

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    def _connection(self) -> Any:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._connect()
            self._local.connection = connection
            with self._lock:
                self._connections.append(connection)
        return connection

    def _connect(self) -> Any:
        if self.dialect == "postgresql":
            import psycopg

            return psycopg.connect(self.url, autocommit=True)
        connection = sqlite3.connect(
            _sqlite_path(self.url),
            timeout=_BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,  # autocommit: each statement is its own transaction
            check_same_thread=False,
        )
        connection.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed audit record survives a power cut, not only a crash of the process.
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
        return connection


def _sqlite_path(url: str) -> str:
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url


def open_database(url: str) -> Database:
    """The database at ``url`` with its schema brought up to date."""
    database = Database(url)
    database.migrate()
    return database
