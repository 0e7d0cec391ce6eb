"""The ``qvickly-desk gateway`` commands as the merchant's IT runs them, the server in a process
of its own: agents added and listed, the audit searched, and a killed gateway losing nothing."""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from qvickly_desk.cli import main
from qvickly_desk.client import QvicklyClient
from qvickly_desk.credentials import Credentials
from qvickly_desk.pno import parse_identity_number
from qvickly_desk.sandbox import COMPANY_PNO, DEMO_EID, DEMO_SECRET, PERSON_PNO, SandboxServer
from qvickly_desk.settings import Settings
from qvickly_desk.status import StatusChoice
from tests.helpers.gateway import Gateway
from tests.helpers.paths import ROOT as REPO

pytestmark = pytest.mark.integration


BOTH = StatusChoice.parse("sent,paid")


@pytest.fixture
def gateway_key(monkeypatch: pytest.MonkeyPatch) -> str:
    key = secrets.token_hex(32)
    monkeypatch.setenv("QVICKLY_GATEWAY_KEY", key)
    return key


def command(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["gateway", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def add_agent(capsys: pytest.CaptureFixture[str], database: str, name: str) -> Credentials:
    code, out, err = command(
        capsys, "agent", "add", name, "--format", "json", "--database", database
    )
    assert code == 0, err
    printed = json.loads(out)
    assert set(printed) == {"id", "secret"}
    return Credentials(printed["id"], printed["secret"])


class ServeProcess:
    """``qvickly-desk gateway serve`` in a child process, on a free loopback port."""

    def __init__(self, database: str, upstream: str, key: str, home: Path) -> None:
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "QVICKLY_EID": DEMO_EID,
            "QVICKLY_SECRET": DEMO_SECRET,
            "QVICKLY_GATEWAY_KEY": key,
            "QVICKLY_CONFIG_DIR": str(home / "config"),
            "QVICKLY_LOG_DIR": str(home / "log"),
        }
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "qvickly_desk", "gateway", "serve"),
                *("--listen", "127.0.0.1:0", "--upstream", upstream, "--database", database),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line.startswith("Gateway: http://127.0.0.1:"), line + self._stderr()
        self.url = line.split()[1]

    def _stderr(self) -> str:
        if self.process.poll() is None:
            return ""
        assert self.process.stderr is not None
        return self.process.stderr.read()

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def serve(tmp_path: Path, sandbox: SandboxServer, gateway_key: str) -> Iterator[list[ServeProcess]]:
    started: list[ServeProcess] = []
    yield started
    for process in started:
        if process.process.poll() is None:
            process.kill()


def lookups(url: str, agent: Credentials, count: int) -> None:
    client = QvicklyClient(Settings(api_url=url, read_timeout=10))
    for turn in range(count):
        pno = PERSON_PNO if turn % 2 == 0 else COMPANY_PNO
        assert client.get_invoices_by_pno(agent, parse_identity_number(pno), BOTH).invoices
    client.close()


def test_a_killed_gateway_loses_no_audit_record(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    sandbox: SandboxServer,
    gateway_key: str,
    serve: list[ServeProcess],
    database_url: str,
) -> None:
    database = database_url
    anna = add_agent(capsys, database, "Anna")
    first = ServeProcess(database, sandbox.url, gateway_key, tmp_path)
    serve.append(first)
    lookups(first.url, anna, 5)
    first.kill()  # no shutdown at all: what was answered must already be on disk
    second = ServeProcess(database, sandbox.url, gateway_key, tmp_path)
    serve.append(second)
    lookups(second.url, anna, 3)
    second.kill()

    code, out, err = command(capsys, "audit", "--format", "json", "--database", database)
    assert code == 0, err
    records = json.loads(out)
    assert len(records) == 8 == sandbox.request_count
    assert {record["outcome"] for record in records} == {"ok"}
    assert {record["agent"] for record in records} == {"Anna"}


def test_plain_http_off_loopback_is_refused_at_start(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, gateway_key: str
) -> None:
    code, _, err = command(
        capsys, "serve", "--listen", "0.0.0.0:8443", "--database", str(tmp_path / "g.db")
    )
    assert code == 2
    assert "only on a loopback address" in err and "--cert" in err


def test_agents_are_added_listed_and_revoked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, gateway_key: str
) -> None:
    database = str(tmp_path / "gateway.sqlite3")
    anna = add_agent(capsys, database, "Anna")
    assert anna.eid.isdigit() and len(anna.secret) == 64  # an id a desk takes as a merchant id
    code, out, _ = command(capsys, "agent", "add", "Bo", "--database", database)
    assert code == 0 and "key:" in out and "shown only now" in out
    code, _, err = command(capsys, "agent", "add", "Anna", "--database", database)
    assert code == 2 and "already" in err

    code, out, _ = command(capsys, "agent", "list", "--database", database)
    assert code == 0
    assert out.splitlines()[0].split() == ["name", "id", "created", "revoked"]
    assert "Anna" in out and anna.eid in out and anna.secret not in out

    assert command(capsys, "agent", "revoke", "Anna", "--database", database)[0] == 0
    code, out, _ = command(capsys, "agent", "list", "--format", "json", "--database", database)
    listed = {agent["name"]: agent for agent in json.loads(out)}
    assert listed["Anna"]["revoked"] and listed["Bo"]["revoked"] is None
    assert command(capsys, "agent", "revoke", "Anna", "--database", database)[0] == 2
    assert add_agent(capsys, database, "Anna").eid != anna.eid  # a new key, a new id


def test_the_audit_answers_who_looked_someone_up(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    sandbox: SandboxServer,
    gateway_key: str,
    serve: list[ServeProcess],
) -> None:
    database = str(tmp_path / "gateway.sqlite3")
    anna = add_agent(capsys, database, "Anna")
    bo = add_agent(capsys, database, "Bo")
    process = ServeProcess(database, sandbox.url, gateway_key, tmp_path)
    serve.append(process)
    lookups(process.url, anna, 1)  # the person
    lookups(process.url, bo, 2)  # the person, then the company
    process.kill()

    code, out, err = command(
        capsys, "audit", "--subject", "19550101-1018", "--format", "csv", "--database", database
    )
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["agent"] for row in rows] == ["Anna", "Bo"]
    assert {row["function"] for row in rows} == {"getInvoicesByPno"}
    assert all(row["logid"] and row["invoices"] == "8" for row in rows)
    assert "5501011018" not in out

    code, out, _ = command(capsys, "audit", "--agent", "Bo", "--database", database)
    assert code == 0 and out.splitlines()[-1] == "2 call(s)"
    code, out, _ = command(
        capsys, "audit", "--since", "2999-01-01", "--format", "json", "--database", database
    )
    assert code == 0 and json.loads(out) == []
    code, _, err = command(capsys, "audit", "--since", "yesterday", "--database", database)
    assert code == 2 and "--since" in err


def test_what_a_stranger_sent_is_kept_as_text_in_the_audit(
    capsys: pytest.CaptureFixture[str], sqlite_gateway: Gateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    import requests

    hostile = {
        "credentials": {"id": '=HYPERLINK("http://x.example")', "hash": "0" * 128},
        "data": {"pno": "5501011018"},
        "function": "@SUM(1+1)\x1b[2J",
    }
    answer = requests.post(sqlite_gateway.url, json=hostile, timeout=5).json()
    assert answer["data"]["code"] == "9011"
    monkeypatch.setenv("QVICKLY_GATEWAY_KEY", sqlite_gateway.key.secret)
    database = sqlite_gateway.database.url
    code, out, _ = command(capsys, "audit", "--format", "csv", "--database", database)
    assert code == 0
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["agent_id"].startswith("'=HYPERLINK")
    assert row["function"].startswith("'@SUM") and "\x1b" not in row["function"]
    code, out, _ = command(capsys, "audit", "--database", database)
    assert "\x1b" not in out
    assert sqlite_gateway.sandbox.request_count == 0
