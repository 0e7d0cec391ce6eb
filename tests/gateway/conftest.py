"""The gateway between a desk and the sandbox, on SQLite and on a real PostgreSQL.

PostgreSQL comes from ``QVICKLY_TEST_POSTGRES_DSN`` (``.ci/run`` starts a throwaway cluster and
sets it). Without it the PostgreSQL half is skipped on a developer's computer, and fails in CI,
where a missing database must never pass for a green run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from qvickly_desk.sandbox import SandboxServer
from tests.helpers.gateway import Gateway, start_gateway

POSTGRES_DSN_VARIABLE = "QVICKLY_TEST_POSTGRES_DSN"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _extra_installed() -> bool:
    try:
        import cheroot  # noqa: F401
        import psycopg  # noqa: F401
    except ImportError:
        if _in_ci():
            raise  # CI installs the gateway extra: its absence is a failure, not a skip
        return False
    return True


# Without ``pip install -e '.[gateway]'`` a developer's run leaves the gateway's tests out.
collect_ignore_glob = [] if _extra_installed() else ["test_*.py"]


def postgres_dsn() -> str:
    dsn = os.environ.get(POSTGRES_DSN_VARIABLE, "").strip()
    if dsn:
        return dsn
    if _in_ci():
        pytest.fail(f"{POSTGRES_DSN_VARIABLE} is not set in CI: .ci/run must start PostgreSQL")
    pytest.skip(f"{POSTGRES_DSN_VARIABLE} is not set (no PostgreSQL to test against)")


def _empty_postgres(dsn: str) -> str:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS audit, agents, gateway_schema")
    return dsn


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind, one test at a time."""
    if request.param == "sqlite":
        return str(tmp_path / "gateway.sqlite3")
    return _empty_postgres(postgres_dsn())


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return str(tmp_path / "gateway.sqlite3")


@pytest.fixture
def gateway(database_url: str, sandbox: SandboxServer) -> Iterator[Gateway]:
    running = start_gateway(database_url, sandbox)
    yield running
    running.stop()


@pytest.fixture
def sqlite_gateway(sqlite_url: str, sandbox: SandboxServer) -> Iterator[Gateway]:
    running = start_gateway(sqlite_url, sandbox)
    yield running
    running.stop()
