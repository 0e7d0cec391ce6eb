"""A team at work at once: 50 agents, 20 lookups each in flight together, every answer right and
exactly one audit record per call."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from qvickly_desk.client import QvicklyClient
from qvickly_desk.credentials import Credentials
from qvickly_desk.pno import parse_identity_number
from qvickly_desk.sandbox import COMPANY_PNO, DEMO_EID, DEMO_SECRET, PERSON_PNO
from qvickly_desk.settings import Settings
from qvickly_desk.status import StatusChoice
from tests.helpers.gateway import Gateway

pytestmark = pytest.mark.integration

AGENTS = 50
LOOKUPS_PER_AGENT = 20
QUESTIONS = [
    (PERSON_PNO, "sent,paid"),
    (PERSON_PNO, "sent"),
    (COMPANY_PNO, "sent,paid"),
    (COMPANY_PNO, "sent"),
]


def _numbers(client: QvicklyClient, credentials: Credentials, pno: str, status: str) -> list[str]:
    result = client.get_invoices_by_pno(
        credentials, parse_identity_number(pno), StatusChoice.parse(status)
    )
    return [invoice.number for invoice in result.invoices]


def test_fifty_agents_at_once_each_get_their_right_answers(gateway: Gateway) -> None:
    straight = QvicklyClient(Settings(api_url=gateway.sandbox.url, test_mode=True))
    merchant = Credentials(DEMO_EID, DEMO_SECRET)
    expected = {question: _numbers(straight, merchant, *question) for question in QUESTIONS}
    straight.close()
    assert all(expected.values())
    forwarded_before = gateway.sandbox.request_count

    agents = [gateway.add_agent(f"Agent {index:02d}")[1] for index in range(AGENTS)]
    calls = [
        (agent, QUESTIONS[(number + turn) % len(QUESTIONS)])
        for turn in range(LOOKUPS_PER_AGENT)
        for number, agent in enumerate(agents)
    ]
    local = threading.local()
    clients: list[QvicklyClient] = []

    def lookup(call: tuple[Credentials, tuple[str, str]]) -> bool:
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = QvicklyClient(
                Settings(api_url=gateway.url, read_timeout=60, connect_timeout=10)
            )
            clients.append(client)
        agent, question = call
        return _numbers(client, agent, *question) == expected[question]

    with ThreadPoolExecutor(max_workers=AGENTS) as pool:
        correct = list(pool.map(lookup, calls))
    for client in clients:
        client.close()

    assert correct.count(True) == AGENTS * LOOKUPS_PER_AGENT
    assert gateway.sandbox.request_count - forwarded_before == AGENTS * LOOKUPS_PER_AGENT
    records = gateway.audit.search()
    assert len(records) == AGENTS * LOOKUPS_PER_AGENT == gateway.audit.count()
    assert {record.outcome for record in records} == {"ok"}
    assert set(Counter(record.agent_name for record in records).values()) == {LOOKUPS_PER_AGENT}
    assert len({record.logid for record in records}) == AGENTS * LOOKUPS_PER_AGENT
