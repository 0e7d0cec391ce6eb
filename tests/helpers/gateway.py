"""A running team gateway in front of a sandbox, for the gateway tests and its benchmark run."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

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

__all__ = ["Gateway", "gateway_app", "start_gateway"]


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
