"""The ``qvickly-desk`` command: the window without arguments, and a scriptable command line.

The command line imports no Qt, so a lookup starts about as fast as a plain requests script.
Exit codes: 0 success (no invoices included), 1 the invoice or hash does not exist, 2 invalid
input (no call made), 3 credentials missing or refused, 4 service, transport or signature error,
130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO

from qvickly_desk import __version__
from qvickly_desk.cli_common import (
    EXIT_CREDENTIALS,
    EXIT_FAILURE,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_NOT_FOUND,
    EXIT_OK,
    add_call_options,
    apply_call_options,
    call_settings,
    error_line,
    exit_code,
    report_row_errors,
    say,
    service,
    wait_for_interrupt,
    write_stdout,
)
from qvickly_desk.collector import collector_paused, freeze_start_up_objects, pause_collector
from qvickly_desk.errors import InvalidInputError, QvicklyError
from qvickly_desk.languages import Text
from qvickly_desk.logs import hold_early_records, setup_logging
from qvickly_desk.text import safe_text

__all__ = [
    "EXIT_CREDENTIALS",
    "EXIT_FAILURE",
    "EXIT_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_NOT_FOUND",
    "main",
]


# What ``credentials`` prints.
_SECRET_LABEL = Text(sv="Hemlig nyckel: ", en="Secret key: ")
_EID_LABEL = Text(sv="Handlar-id: ", en="Merchant id: ")
_STORED = Text(sv="Sparat i nyckelringen.", en="Stored in the keyring.")
_REMOVED = Text(sv="Borttaget ur nyckelringen.", en="Removed from the keyring.")
_FROM_ENVIRONMENT = Text(
    sv="QVICKLY_EID och QVICKLY_SECRET används.", en="QVICKLY_EID and QVICKLY_SECRET are in use."
)
_SECRET_STORED = Text(sv="sparad", en="stored")
_SECRET_NONE = Text(sv="saknas", en="none")


def run() -> NoReturn:
    """The program's entry point (console script, ``python -m``, the bundle): ``main``, exit.

    After a one-shot command the process ends at once, its output and log flushed: tearing
    down the modules it imported took a tenth of a lookup (26 ms of 220 for 3,000 invoices),
    and no thread, file or atexit hook of those commands needs it. Tests call ``main``.
    """
    code, one_shot = _main(None)
    if one_shot:
        logging.shutdown()  # what atexit would do: the log file flushed and closed
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):  # closed or broken: nothing more to say
                if stream is not None:
                    stream.flush()
        os._exit(code)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    return _main(argv)[0]


def _main(argv: Sequence[str] | None) -> tuple[int, bool]:
    """The exit code, and whether the command was one of the one-shot commands."""
    parser = _parser()
    args, unparsed = parser.parse_known_args(argv)
    if args.command == "gateway":
        args.gateway_args = unparsed + args.gateway_args  # "gateway --help" lands in unparsed
    elif unparsed:
        parser.error(f"unrecognized arguments: {' '.join(unparsed)}")
    # A command that makes one call and exits creates no garbage worth collecting: the
    # collector would only walk the modules it imports and the answer it reads (3 % of a
    # lookup of 3,000 invoices). The window, the sandbox and the gateway run long and keep it.
    # The window pauses it until its first paint: starting makes objects, not garbage.
    if args.command is None:
        return _run_window(args), False
    one_shot = args.command in _ONE_SHOT_COMMANDS
    with collector_paused() if one_shot else contextlib.nullcontext():
        setup_logging(debug=args.debug, short_run=one_shot)
        return _run(args), one_shot


_ONE_SHOT_COMMANDS = frozenset({"lookup", "show", "customers", "credentials"})


def _run_window(args: argparse.Namespace) -> int:
    """The window, with its log file opened after the first paint and the records until then
    kept for it (an error in the first half second is what support needs most), and the
    start-up's objects set aside from the collector's full passes."""
    resume_collector = pause_collector()
    hold_early_records(debug=args.debug)
    painted: list[bool] = []

    def after_first_paint() -> None:
        if not painted:
            painted.append(True)
            resume_collector()
            freeze_start_up_objects()
        setup_logging(debug=args.debug)

    args.after_first_paint = after_first_paint
    try:
        return _run(args)
    finally:
        after_first_paint()  # a failure before the first paint still reaches the log file


def _run(args: argparse.Namespace) -> int:
    # Every command logs (the window and lookup alike), so support sees what a script did too.
    logging.getLogger(__name__).info("qvickly-desk %s: %s", __version__, args.command or "window")
    try:
        if args.command == "lookup":
            return _lookup(args)
        if args.command in ("show", "customers"):
            from qvickly_desk.cli_details import run_customers, run_show

            return run_show(args) if args.command == "show" else run_customers(args)
        if args.command == "credentials":
            return _credentials(args)
        if args.command == "sandbox":
            return _sandbox(args)
        if args.command == "gateway":
            from qvickly_desk.gateway.cli import main as gateway_main

            return gateway_main(args.gateway_args)
        from qvickly_desk.ui.app import run_app

        return run_app(args)
    except KeyboardInterrupt:
        say("Avbrutet / interrupted")
        return EXIT_INTERRUPTED
    except Exception as error:  # a bug: one line for the person, the traceback for the log
        logging.getLogger(__name__).exception("unexpected error in %s", args.command)
        say(f"qvickly-desk: unexpected error ({type(error).__name__}); the log has the details")
        return EXIT_FAILURE


class _CommandParser(argparse.ArgumentParser):
    """A command's parser that gets its arguments when that command is run or its help shown.

    Adding all the commands' arguments up front took a third of building the parser, at every
    start of the window too, which uses none of them.
    """

    def __init__(
        self, *args: Any, arguments: Callable[[_CommandParser], None] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._arguments = arguments

    def _complete(self) -> None:
        arguments, self._arguments = self._arguments, None
        if arguments is not None:
            arguments(self)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self._complete()
        return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        self._complete()
        return super().format_usage()

    def format_help(self) -> str:
        self._complete()
        return super().format_help()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qvickly-desk",
        description="Look up a customer's Qvickly invoices by identity number.",
    )
    parser.add_argument("--version", action="version", version=f"qvickly-desk {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="use the built-in sandbox with demo credentials"
    )
    parser.add_argument("--debug", action="store_true", help="log at DEBUG level")
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_CommandParser)
    commands.add_parser("lookup", help="print a customer's invoices", arguments=_lookup_arguments)
    commands.add_parser("show", help="print one invoice's details", arguments=_show_arguments)
    commands.add_parser("customers", help="find customers by name", arguments=_customers_arguments)
    commands.add_parser(
        "credentials",
        help="manage the stored merchant id and key",
        arguments=_credentials_arguments,
    )
    commands.add_parser(
        "sandbox", help="run the local sandbox server", arguments=_sandbox_arguments
    )
    # The team gateway parses its own arguments, so that none of it is imported here.
    commands.add_parser(
        "gateway",
        help="the team gateway (serve, agent, audit)",
        add_help=False,
        arguments=_gateway_arguments,
    )
    return parser


def _lookup_arguments(lookup: argparse.ArgumentParser) -> None:
    lookup.add_argument(
        "pno", metavar="PNO", nargs="?", help="personnummer, samordningsnummer or orgnr"
    )
    lookup.add_argument(
        "--invoice", metavar="NUMBER", help="the invoices of whoever invoice NUMBER belongs to"
    )
    lookup.add_argument(
        "--customer", metavar="CUSTOMERNO", help="the invoices of the merchant's customer number"
    )
    lookup.add_argument(
        "--status",
        default="sent,paid",
        help="sent, paid or sent,paid (default: sent,paid)",
    )
    lookup.add_argument("--format", choices=("table", "json", "csv"), default="table")
    add_call_options(lookup)


def _show_arguments(show: argparse.ArgumentParser) -> None:
    show.add_argument("number", metavar="NUMBER", nargs="?", help="the invoice number")
    show.add_argument("--hash", help="the invoice's hash (from a lookup's JSON or CSV)")
    show.add_argument("--format", choices=("text", "json"), default="text")
    add_call_options(show)


def _customers_arguments(customers: argparse.ArgumentParser) -> None:
    customers.add_argument("name", metavar="NAME", help="the name or part of it")
    customers.add_argument("--format", choices=("table", "json", "csv"), default="table")
    add_call_options(customers)


def _credentials_arguments(credentials: argparse.ArgumentParser) -> None:
    actions = credentials.add_subparsers(dest="action", metavar="ACTION", required=True)
    save = actions.add_parser("set", help="store the merchant id and the secret key")
    save.add_argument("--eid", required=True, help="merchant id")
    actions.add_parser("show", help="show the merchant id and whether a secret is stored")
    actions.add_parser("clear", help="remove the stored credentials")


def _sandbox_arguments(sandbox: argparse.ArgumentParser) -> None:
    sandbox.add_argument("--host", default="127.0.0.1")
    sandbox.add_argument("--port", type=int, default=8765)


def _gateway_arguments(gateway: argparse.ArgumentParser) -> None:
    gateway.add_argument("gateway_args", nargs=argparse.REMAINDER)


def _lookup(args: argparse.Namespace) -> int:
    from qvickly_desk.pno import parse_identity_number
    from qvickly_desk.status import StatusChoice

    settings, language = call_settings(args)
    try:
        chosen = [args.pno is not None, args.invoice is not None, args.customer is not None]
        if sum(chosen) != 1:
            raise InvalidInputError(
                en="Give exactly one of PNO, --invoice NUMBER and --customer CUSTOMERNO.",
                sv="Ange exakt ett av PNO, --invoice NUMMER och --customer KUNDNR.",
            )
        identity = parse_identity_number(args.pno) if args.pno is not None else None
        status = StatusChoice.parse(args.status)
        settings = apply_call_options(settings, args)
        with service(settings, demo=args.demo or args.lookup_demo) as (client, source):
            if identity is not None:
                result = client.get_invoices_by_pno(source.load(), identity, status)
            elif args.invoice is not None:
                result = client.find_by_invoice_number(source.load(), args.invoice, status).invoices
            else:
                result = client.get_invoices_by_customer(source.load(), args.customer, status)
    except QvicklyError as error:
        say(error_line(error, language))
        return exit_code(error)

    from qvickly_desk.output import write_csv, write_json, write_table

    writers = {"table": write_table, "json": write_json, "csv": write_csv}
    code = write_stdout(
        lambda out: writers[args.format](result.invoices, out, language),
        language,
        table=args.format == "table",
    )
    if code == EXIT_OK:
        report_row_errors(result.row_errors, language)
    return code


def _credentials(args: argparse.Namespace) -> int:
    from qvickly_desk.credentials import CredentialStore
    from qvickly_desk.settings import load_settings

    language = load_settings().language
    store = CredentialStore()
    try:
        if args.action == "set":
            secret = _read_secret(sys.stdin, _SECRET_LABEL.get(language))
            store.save(args.eid, secret)
            print(_STORED.get(language))
        elif args.action == "show":
            eid = store.stored_eid()
            has_secret = store.has_secret()
            if store.from_environment() is not None:
                print(_FROM_ENVIRONMENT.get(language))
            # Another program can write the keyring entry: shown as one safe line.
            print(_EID_LABEL.get(language) + safe_text(eid or "-"))
            stored = (_SECRET_STORED if has_secret else _SECRET_NONE).get(language)
            print(_SECRET_LABEL.get(language) + stored)
        else:
            store.clear()
            print(_REMOVED.get(language))
    except QvicklyError as error:
        say(error_line(error, language))
        return exit_code(error)
    return EXIT_OK


def _read_secret(stream: TextIO, prompt: str) -> str:
    """From a terminal without echo; one line from a pipe, so scripts can feed it."""
    if stream.isatty():
        import getpass

        return getpass.getpass(prompt)
    return stream.readline().rstrip("\r\n")


def _sandbox(args: argparse.Namespace) -> int:

    from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET, SandboxServer

    server = SandboxServer(host=args.host, port=args.port).start()
    # The sandbox's made-up demo key, printed so a window without --demo can be pointed at it
    # (Settings → Credentials and connection); it opens nothing but this local test server.
    print(
        f"Sandbox: {server.url} (store ID {DEMO_EID}, key {DEMO_SECRET}; Ctrl+C stops it)",
        flush=True,
    )
    try:
        wait_for_interrupt()
    finally:
        server.stop()
    return EXIT_OK
