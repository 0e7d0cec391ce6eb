"""``qvickly-desk gateway serve | agent add/list/revoke | audit``: run and manage the gateway.

Reached only through ``qvickly-desk gateway ...``, so the desk's own command line imports nothing
from here. Exit codes as the desk's: 2 invalid input, 3 credentials, 4 anything else.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TextIO

from qvickly_desk.cli_common import EXIT_OK, exit_code, say, wait_for_interrupt
from qvickly_desk.errors import (
    InvalidInputError,
    QvicklyError,
)
from qvickly_desk.text import one_line, spreadsheet_text

__all__ = ["main"]


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(list(argv))
    try:
        if args.command == "serve":
            return _serve(args)
        if args.command == "agent":
            return _agent(args)
        return _audit(args)
    except QvicklyError as error:
        say(f"qvickly-desk gateway: error: {error.message('en')}")
        return exit_code(error)


def _parser() -> argparse.ArgumentParser:
    from qvickly_desk.settings import DEFAULT_API_URL

    parser = argparse.ArgumentParser(
        prog="qvickly-desk gateway",
        description="One server for a team: the merchant's key stays here, each agent gets a key.",
    )
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument(
        "--database",
        default=None,
        help="SQLite file path or postgresql://... (default: gateway.sqlite3 in the config folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    serve = commands.add_parser("serve", parents=[database], help="serve the desks")
    serve.add_argument("--listen", default="127.0.0.1:8443", help="HOST:PORT (127.0.0.1:8443)")
    serve.add_argument("--upstream", default=DEFAULT_API_URL, help="the Qvickly API address")
    serve.add_argument("--cert", help="TLS certificate (PEM); needed to listen off loopback")
    serve.add_argument("--key", help="TLS private key (PEM)")
    serve.add_argument("--per-minute", type=int, default=60, help="lookups per agent a minute")
    serve.add_argument("--per-day", type=int, default=1000, help="lookups per agent a day")
    serve.add_argument("--threads", type=int, default=16, help="worker threads (16)")

    agent = commands.add_parser("agent", help="add, list or revoke agents")
    actions = agent.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[database], help="add an agent; prints its key once")
    add.add_argument("name")
    add.add_argument("--format", choices=("text", "json"), default="text")
    listing = actions.add_parser("list", parents=[database], help="list the agents")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    revoke = actions.add_parser("revoke", parents=[database], help="revoke an agent's key")
    revoke.add_argument("name")

    audit = commands.add_parser("audit", parents=[database], help="who looked up whom")
    audit.add_argument("--subject", help="identity number, invoice or customer number, or name")
    audit.add_argument("--agent", help="the agent's name")
    audit.add_argument("--since", help="YYYY-MM-DD or an ISO date and time (UTC unless given)")
    audit.add_argument("--format", choices=("table", "json", "csv"), default="table")
    return parser


def _database_url(args: argparse.Namespace) -> str:
    if args.database:
        return str(args.database)
    from qvickly_desk.settings import config_dir

    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / "gateway.sqlite3")


def _serve(args: argparse.Namespace) -> int:
    from qvickly_desk.credentials import CredentialStore
    from qvickly_desk.gateway.agents import AgentRegistry
    from qvickly_desk.gateway.app import GatewayApp
    from qvickly_desk.gateway.audit import AuditLog, SubjectHasher
    from qvickly_desk.gateway.db import open_database
    from qvickly_desk.gateway.keys import load_gateway_key
    from qvickly_desk.gateway.ratelimit import RateLimits
    from qvickly_desk.gateway.server import GatewayServer, check_listen_address, parse_listen
    from qvickly_desk.settings import Settings

    host, port = parse_listen(args.listen)
    if args.per_minute < 1 or args.per_day < 1 or args.threads < 1:
        raise InvalidInputError(
            en="Limits and threads are whole numbers from 1.",
            sv="Gränser och trådar är heltal från 1.",
        )
    if (args.cert is None) != (args.key is None):
        raise InvalidInputError(
            en="--cert and --key go together.", sv="--cert och --key anges tillsammans."
        )
    check_listen_address(host, port, tls=bool(args.cert))
    merchant = CredentialStore().load()
    key = load_gateway_key()
    database = open_database(_database_url(args))
    app = GatewayApp(
        AgentRegistry(database),
        AuditLog(database, SubjectHasher(key.subject_key())),
        key,
        merchant,
        Settings(api_url=args.upstream),
        RateLimits(args.per_minute, args.per_day),
    )
    server = GatewayServer(app, host, port, args.cert, args.key, args.threads).start()
    print(f"Gateway: {server.url} -> {args.upstream} (Ctrl+C stops it)", flush=True)
    try:
        wait_for_interrupt()
    finally:
        server.stop()
        database.close()
    return EXIT_OK


def _agent(args: argparse.Namespace) -> int:
    from qvickly_desk.gateway.agents import AgentRegistry
    from qvickly_desk.gateway.db import open_database
    from qvickly_desk.gateway.keys import load_gateway_key

    database = open_database(_database_url(args))
    try:
        if args.action == "add":
            registry = AgentRegistry(database, load_gateway_key(create=True))
            new = registry.add(args.name)
            if args.format == "json":
                print(json.dumps({"id": new.agent.id, "secret": new.secret}))
            else:
                print(f"Agent {new.agent.name}")
                print(f"  id:  {new.agent.id}")
                print(f"  key: {new.secret}")
                print("The key is shown only now: give it to the agent, who stores it in the desk.")
        elif args.action == "list":
            agents = AgentRegistry(database).all()
            if args.format == "json":
                rows = [
                    {
                        "name": agent.name,
                        "id": agent.id,
                        "created": _iso(agent.created),
                        "revoked": _iso(agent.revoked) if agent.revoked else None,
                    }
                    for agent in agents
                ]
                print(json.dumps(rows, ensure_ascii=False, indent=2))
            else:
                _table(
                    sys.stdout,
                    ["name", "id", "created", "revoked"],
                    [
                        [a.name, a.id, _iso(a.created), _iso(a.revoked) if a.revoked else "-"]
                        for a in agents
                    ],
                )
        else:
            agent = AgentRegistry(database).revoke(args.name)
            print(f"Revoked {agent.name} ({agent.id}); its next call is refused.")
    finally:
        database.close()
    return EXIT_OK


def _audit(args: argparse.Namespace) -> int:
    from qvickly_desk.gateway.agents import AgentRegistry
    from qvickly_desk.gateway.audit import AuditLog, SubjectHasher
    from qvickly_desk.gateway.db import open_database
    from qvickly_desk.gateway.keys import load_gateway_key

    since = _since(args.since) if args.since else None
    database = open_database(_database_url(args))
    try:
        key = load_gateway_key()
        audit = AuditLog(database, SubjectHasher(key.subject_key()))
        agent_ids = AgentRegistry(database).ids_named(args.agent) if args.agent else None
        records = audit.search(subject=args.subject, agent_ids=agent_ids, since=since)
    finally:
        database.close()
    columns = ["time", "agent", "agent_id", "function", "subject", "outcome", "invoices", "logid"]
    rows = [
        {
            "time": _iso(record.at),
            "agent": record.agent_name or "",
            "agent_id": record.agent_id,
            "function": record.function,
            "subject": record.subject_kind or "",
            "outcome": record.outcome,
            "invoices": record.invoice_count,
            "logid": record.logid or "",
        }
        for record in records
    ]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({key: _csv_cell(value) for key, value in row.items()} for row in rows)
    else:
        _table(sys.stdout, columns, [[_cell(row[c]) for c in columns] for row in rows])
        print(f"{len(rows)} call(s)")
    return EXIT_OK


def _since(text: str) -> float:
    try:
        if len(text.strip()) == 10:
            moment = datetime.combine(date.fromisoformat(text.strip()), datetime.min.time())
        else:
            moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(
            en=f"--since takes a date such as 2026-01-31, not {text!r}.",
            sv=f"--since tar ett datum som 2026-01-31, inte {text!r}.",
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def _iso(moment: float | None) -> str:
    if moment is None:
        return ""
    return datetime.fromtimestamp(moment, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _cell(value: object) -> str:
    # Names come from whoever typed them: no control characters reach the terminal.
    return "-" if value is None or value == "" else one_line(str(value))


def _csv_cell(value: object) -> object:
    """The desk's one spreadsheet rule: a claimed agent id or function name comes from whoever
    sent the call, so text a spreadsheet would run as a formula is kept as text."""
    return spreadsheet_text(value) if isinstance(value, str) and value else value


def _table(stream: TextIO, columns: list[str], rows: list[list[str]]) -> None:
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [
        max([len(column)] + [len(row[i]) for row in cells]) for i, column in enumerate(columns)
    ]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(), file=stream)
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip(), file=stream)
