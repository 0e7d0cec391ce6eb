"""The team's agents: a name, a random numeric id (it goes where a desk keeps the merchant id)
and a key derived from the gateway key, so the database holds nothing secret about them."""

from __future__ import annotations

import secrets
import time
import unicodedata
from dataclasses import dataclass

from qvickly_desk.errors import InvalidInputError
from qvickly_desk.gateway.db import Database
from qvickly_desk.gateway.keys import GatewayKey

__all__ = ["Agent", "AgentRegistry", "NewAgent"]

_MAX_NAME = 100
_ID_DIGITS = 9


@dataclass(frozen=True)
class Agent:
    id: str
    name: str
    created: float
    revoked: float | None

    @property
    def active(self) -> bool:
        return self.revoked is None


@dataclass(frozen=True)
class NewAgent:
    agent: Agent
    secret: str


class AgentRegistry:
    """Agents in the database; every read goes to the database, so a revocation made on one
    instance holds on every other from its next call."""

    def __init__(self, database: Database, key: GatewayKey | None = None) -> None:
        self._database = database
        self._key = key

    def add(self, name: str) -> NewAgent:
        name = _checked_name(name)
        if self._key is None:
            raise RuntimeError("adding an agent needs the gateway key")
        if self.active_by_name(name) is not None:
            raise InvalidInputError(
                en=f"An active agent is already called {name!r}.",
                sv=f"En aktiv agent heter redan {name!r}.",
            )
        for _ in range(20):
            agent_id = str(secrets.randbelow(9 * 10 ** (_ID_DIGITS - 1)) + 10 ** (_ID_DIGITS - 1))
            if self.by_id(agent_id) is None:
                break
        else:  # pragma: no cover - 900 million ids
            raise RuntimeError("no free agent id found")
        created = time.time()
        self._database.execute(
            "INSERT INTO agents (id, name, created, revoked) VALUES (?, ?, ?, NULL)",
            (agent_id, name, created),
        )
        agent = Agent(agent_id, name, created, None)
        return NewAgent(agent, self._key.agent_secret(agent_id))

    def revoke(self, name: str) -> Agent:
        agent = self.active_by_name(_checked_name(name))
        if agent is None:
            raise InvalidInputError(
                en=f"No active agent is called {name!r}.", sv=f"Ingen aktiv agent heter {name!r}."
            )
        revoked = time.time()
        self._database.execute(
            "UPDATE agents SET revoked = ? WHERE id = ? AND revoked IS NULL", (revoked, agent.id)
        )
        return Agent(agent.id, agent.name, agent.created, revoked)

    def all(self) -> list[Agent]:
        rows = self._database.rows(
            "SELECT id, name, created, revoked FROM agents ORDER BY name, created"
        )
        return [_agent(row) for row in rows]

    def by_id(self, agent_id: str) -> Agent | None:
        row = self._database.one(
            "SELECT id, name, created, revoked FROM agents WHERE id = ?", (agent_id,)
        )
        return _agent(row) if row is not None else None

    def active_by_name(self, name: str) -> Agent | None:
        row = self._database.one(
            "SELECT id, name, created, revoked FROM agents WHERE name = ? AND revoked IS NULL",
            (name,),
        )
        return _agent(row) if row is not None else None

    def ids_named(self, name: str) -> list[str]:
        """Every id the name has had, revoked ones included: for the audit."""
        rows = self._database.rows("SELECT id FROM agents WHERE name = ?", (name.strip(),))
        return [str(row[0]) for row in rows]


def _agent(row: tuple[object, ...]) -> Agent:
    agent_id, name, created, revoked = row
    return Agent(
        str(agent_id),
        str(name),
        # A row is typed as objects; the schema makes these columns numbers.
        float(created),  # type: ignore[arg-type]
        float(revoked) if revoked is not None else None,  # type: ignore[arg-type]
    )


def _checked_name(name: str) -> str:
    name = unicodedata.normalize("NFC", name).strip()
    if not name or len(name) > _MAX_NAME or not name.isprintable():
        raise InvalidInputError(
            en=f"An agent's name is 1 to {_MAX_NAME} printable characters.",
            sv=f"En agents namn är 1 till {_MAX_NAME} skrivbara tecken.",
        )
    return name
