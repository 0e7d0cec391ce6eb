"""The gateway between a desk and the sandbox, on SQLite and on a real PostgreSQL.

PostgreSQL comes from ``QVICKLY_TEST_POSTGRES_DSN`` (``.ci/run`` starts a throwaway cluster and
sets it). Without it the PostgreSQL half is skipped on a developer's computer, and fails in CI,
where a missing database must never pass for a green run.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from qvickly_desk.credentials import Credentials
from qvickly_desk.gateway.agents import AgentRegistry, NewAgent
from qvickly_desk.gateway.app import GatewayApp
from qvickly_desk.gateway.audit import AuditLog, SubjectHasher
from qvickly_desk.gateway.db import Database, open_database
from qvickly_desk.gateway.keys import GatewayKey
from qvickly_desk.gateway.ratelimit import RateLimits
from qvickly_desk.gateway.server import GatewayServer
from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET, SandboxServer
from qvickly_desk.settings import Settings

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


@dataclass
class Gateway:
    """A running gateway in front of a sandbox, and what a test needs to look behind it."""

    sandbox: SandboxServer
    database: Database
    key: GatewayKey
    registry: AgentRegistry
    audit: AuditLog
    server: GatewayServer
    limits: RateLimits
    _extra: list[GatewayServer] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.server.url

    def add_agent(self, name: str) -> tuple[NewAgent, Credentials]:
        new = self.registry.add(name)
        return new, Credentials(new.agent.id, new.secret)

    def another_instance(self) -> GatewayServer:
        """A second gateway on the same database, as behind a load balancer."""
        database = Database(self.database.url)
        app = gateway_app(database, self.key, self.sandbox, self.limits)
        server = GatewayServer(app).start()
        self._extra.append(server)
        return server

    def stop(self) -> None:
        for server in self._extra:
            server.stop()
        self.server.stop()
        self.database.close()


def gateway_app(
    database: Database, key: GatewayKey, sandbox: SandboxServer, limits: RateLimits
) -> GatewayApp:
    return GatewayApp(
        AgentRegistry(database, key),
        AuditLog(database, SubjectHasher(key.subject_key())),
        key,
        Credentials(DEMO_EID, DEMO_SECRET),
        Settings(api_url=sandbox.url, test_mode=True, connect_timeout=2.0, read_timeout=10.0),
        limits,
    )


def start_gateway(
    database_url: str, sandbox: SandboxServer, limits: RateLimits | None = None
) -> Gateway:
    limits = limits or RateLimits()
    database = open_database(database_url)
    key = GatewayKey(secrets.token_hex(32))
    app = gateway_app(database, key, sandbox, limits)
    server = GatewayServer(app, threads=24).start()
    return Gateway(
        sandbox,
        database,
        key,
        AgentRegistry(database, key),
        AuditLog(database, SubjectHasher(key.subject_key())),
        server,
        limits,
    )


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
