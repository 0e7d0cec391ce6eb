"""The team gateway's cost: lookups per second and latency through it, against straight to the
sandbox, in the same run.

``python -m benchmarks.gateway [--tiny] [--reps N] [--database URL] [--json FILE]``. The sandbox
and the gateway (``qvickly-desk gateway serve``, SQLite unless ``--database`` says otherwise) each
run in a process of their own, so that neither takes the GIL from the clients measured. Latency:
one desk, calls made one at a time, each through the gateway followed by one straight, so the
pairs share the machine's drift. Throughput: several desks at once, each with its own kept-alive
connection, all through the gateway, then all straight.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from benchmarks.common import REPO, Config, Row, clean_env, format_table, sandbox_process

__all__ = ["run"]

_PNO = "5501011018"  # the sandbox's person with 8 invoices
_WARM_UP = 40  # calls, over the gateway's 16 worker threads


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@contextlib.contextmanager
def _gateway_process(
    upstream: str, database: str | None, home: Path
) -> Iterator[tuple[str, object]]:
    """``qvickly-desk gateway serve`` with one agent; its URL and that agent's credentials."""
    from qvickly_desk.credentials import Credentials
    from qvickly_desk.gateway.agents import AgentRegistry
    from qvickly_desk.gateway.db import open_database
    from qvickly_desk.gateway.keys import GatewayKey
    from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET

    key = secrets.token_hex(32)
    url = database or str(home / "gateway.sqlite3")
    db = open_database(url)
    new = AgentRegistry(db, GatewayKey(key)).add(f"bench {secrets.token_hex(4)}")
    db.close()
    env = clean_env(home, QVICKLY_EID=DEMO_EID, QVICKLY_SECRET=DEMO_SECRET, QVICKLY_GATEWAY_KEY=key)
    command = [sys.executable, "-m", "qvickly_desk", "gateway", "serve", "--listen"]
    command += ["127.0.0.1:0", "--upstream", upstream, "--database", url]
    command += ["--per-minute", "1000000", "--per-day", "1000000000"]
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    try:
        line = process.stdout.readline()
        if not line.startswith("Gateway: "):
            raise RuntimeError("the gateway process did not start")
        yield line.split()[1], Credentials(new.agent.id, new.secret)
    finally:
        process.terminate()
        process.wait(10)
        process.stdout.close()


def _lookup_function(
    url: str, credentials: object
) -> tuple[Callable[[], None], Callable[[], None]]:
    from qvickly_desk.client import QvicklyClient
    from qvickly_desk.pno import parse_identity_number
    from qvickly_desk.settings import Settings
    from qvickly_desk.status import StatusChoice

    client = QvicklyClient(Settings(api_url=url, test_mode=True, read_timeout=30))
    identity = parse_identity_number(_PNO)
    status = StatusChoice.parse("sent,paid")

    def lookup() -> None:
        result = client.get_invoices_by_pno(credentials, identity, status)  # type: ignore[arg-type]
        if len(result.invoices) != 8:
            raise RuntimeError("wrong answer")

    return lookup, client.close


def _throughput(url: str, credentials: object, desks: int, calls: int) -> float:
    """Lookups per second with ``desks`` clients calling at once, ``calls`` each."""
    lookups = [_lookup_function(url, credentials) for _ in range(desks)]
    for lookup, _ in lookups:
        lookup()  # connect first: the figure is about calls, not handshakes
    start = threading.Barrier(desks + 1)

    def work(lookup: Callable[[], None]) -> None:
        start.wait()
        for _ in range(calls):
            lookup()

    threads = [threading.Thread(target=work, args=(lookup,)) for lookup, _ in lookups]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    for _, close in lookups:
        close()
    return desks * calls / elapsed


def run(config: Config, database: str | None = None) -> list[Row]:
    from qvickly_desk.credentials import Credentials
    from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET

    pairs = 20 if config.tiny else 60 * config.reps
    desks, calls = (2, 5) if config.tiny else (8, 15 * config.reps)
    merchant = Credentials(DEMO_EID, DEMO_SECRET)
    with (
        tempfile.TemporaryDirectory(prefix="qvickly-bench-gateway-") as home,
        sandbox_process() as sandbox,
        _gateway_process(sandbox.url, database, Path(home)) as (gateway_url, agent),
    ):
        through, close_through = _lookup_function(gateway_url, agent)
        straight, close_straight = _lookup_function(sandbox.url, merchant)
        for _ in range(_WARM_UP):  # every server thread opens its database connection first
            through()
            straight()
        via: list[float] = []
        direct: list[float] = []
        for _ in range(pairs):
            for lookup, times in ((through, via), (straight, direct)):
                began = time.perf_counter()
                lookup()
                times.append((time.perf_counter() - began) * 1000)
        close_through()
        close_straight()
        rate_via = _throughput(gateway_url, agent, desks, calls)
        rate_direct = _throughput(sandbox.url, merchant, desks, calls)

    kind = "PostgreSQL" if database and database.startswith("postgres") else "SQLite"
    group = "7 gateway"
    rows = []
    for name, share in (("p50", 0.5), ("p99", 0.99)):
        mine, theirs = _percentile(via, share), _percentile(direct, share)
        rows.append(
            Row(
                group,
                f"lookup latency {name} through the gateway ({kind} audit), 8 invoices",
                mine,
                "straight to the sandbox",
                theirs,
                note=f"{pairs} interleaved pairs; added {mine - theirs:.2f} ms",
                extra={"added_ms": mine - theirs},
            )
        )
    rows.append(
        Row(
            group,
            f"lookups per second through the gateway, {desks} desks at once",
            rate_via,
            "straight to the sandbox",
            rate_direct,
            unit="/s",
            note=f"{desks} x {calls} calls each way",
        )
    )
    return rows


def main(argv: list[str]) -> int:
    config = Config.from_args(argv)
    database = argv[argv.index("--database") + 1] if "--database" in argv else None
    rows = run(config, database)
    print(format_table(rows))
    if "--json" in argv:
        target = Path(argv[argv.index("--json") + 1])
        target.write_text(json.dumps([row.to_json() for row in rows], indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
