"""The ``qvickly-desk`` command: the window without arguments, and a scriptable command line.

The command line imports no Qt, so a lookup starts about as fast as a plain requests script.
Exit codes: 0 success (no invoices included), 2 invalid input (no call made), 3 credentials missing
or refused, 4 service, transport or signature error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Iterator, Sequence
from typing import TextIO

from qvickly_desk import __version__
from qvickly_desk.errors import (
    AuthenticationError,
    CredentialsMissingError,
    CredentialsUnavailableError,
    InvalidInputError,
    QvicklyError,
)
from qvickly_desk.languages import normalize_language
from qvickly_desk.logs import setup_logging

__all__ = ["EXIT_CREDENTIALS", "EXIT_FAILURE", "EXIT_INPUT", "EXIT_INTERRUPTED", "main"]

EXIT_OK = 0
EXIT_INPUT = 2
EXIT_CREDENTIALS = 3
EXIT_FAILURE = 4
EXIT_INTERRUPTED = 130


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    # Every command logs (the window and lookup alike), so support sees what a script did too.
    setup_logging(debug=args.debug)
    logging.getLogger(__name__).info("qvickly-desk %s: %s", __version__, args.command or "window")
    try:
        if args.command == "lookup":
            return _lookup(args)
        if args.command == "credentials":
            return _credentials(args)
        if args.command == "sandbox":
            return _sandbox(args)
        from qvickly_desk.ui.app import run_app

        return run_app(args)
    except KeyboardInterrupt:
        print("Avbrutet / interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    lookup = commands.add_parser("lookup", help="print a customer's invoices")
    lookup.add_argument("pno", metavar="PNO", help="personnummer, samordningsnummer or orgnr")
    lookup.add_argument(
        "--status",
        default="sent,paid",
        help="sent, paid or sent,paid (default: sent,paid)",
    )
    lookup.add_argument("--format", choices=("table", "json", "csv"), default="table")
    lookup.add_argument("--api-url", help="API address (default: the saved setting)")
    lookup.add_argument("--test", action="store_true", help="make a test-mode call")
    lookup.add_argument("--timeout", type=float, help="read timeout in seconds (default 30)")
    lookup.add_argument("--language", choices=("sv", "en"), help="language of messages")
    lookup.add_argument("--demo", action="store_true", help=argparse.SUPPRESS, dest="lookup_demo")

    credentials = commands.add_parser("credentials", help="manage the stored merchant id and key")
    actions = credentials.add_subparsers(dest="action", metavar="ACTION", required=True)
    save = actions.add_parser("set", help="store the merchant id and the secret key")
    save.add_argument("--eid", required=True, help="merchant id")
    actions.add_parser("show", help="show the merchant id and whether a secret is stored")
    actions.add_parser("clear", help="remove the stored credentials")

    sandbox = commands.add_parser("sandbox", help="run the local sandbox server")
    sandbox.add_argument("--host", default="127.0.0.1")
    sandbox.add_argument("--port", type=int, default=8765)
    return parser


def _error_line(error: QvicklyError, language: str) -> str:
    prefix = "fel" if language == "sv" else "error"
    return f"qvickly-desk: {prefix}: {error.message(language)}"


def _exit_code(error: QvicklyError) -> int:
    if isinstance(error, InvalidInputError):
        return EXIT_INPUT
    if isinstance(
        error, AuthenticationError | CredentialsMissingError | CredentialsUnavailableError
    ):
        return EXIT_CREDENTIALS
    return EXIT_FAILURE


def _lookup(args: argparse.Namespace) -> int:
    from qvickly_desk.pno import parse_identity_number
    from qvickly_desk.settings import load_settings
    from qvickly_desk.status import StatusChoice

    settings = load_settings()
    language = normalize_language(args.language or settings.language)
    settings = settings.with_changes(language=language)
    try:
        identity = parse_identity_number(args.pno)
        status = StatusChoice.parse(args.status)
        if args.timeout is not None:
            if not 0 < args.timeout <= 600:
                raise InvalidInputError(
                    "The timeout must be between 0 and 600 seconds.",
                    "Tidsgränsen måste vara mellan 0 och 600 sekunder.",
                )
            settings = settings.with_changes(read_timeout=args.timeout)
        if args.api_url:
            settings = settings.with_changes(api_url=args.api_url)
        if args.test:
            settings = settings.with_changes(test_mode=True)
        with _service(settings, demo=args.demo or args.lookup_demo) as (client, source):
            result = client.get_invoices_by_pno(source.load(), identity, status)
    except QvicklyError as error:
        print(_error_line(error, language), file=sys.stderr)
        return _exit_code(error)

    from qvickly_desk.output import write_csv, write_json, write_table

    writers = {"table": write_table, "json": write_json, "csv": write_csv}
    # Scripts read UTF-8 whatever the console's code page; a name that cannot be shown is replaced.
    if args.format != "table" or not sys.stdout.isatty():
        with contextlib.suppress(AttributeError, ValueError):
            sys.stdout.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    writers[args.format](result.invoices, sys.stdout, language)
    for row_error in result.row_errors:
        label = "rad" if language == "sv" else "row"
        print(f"qvickly-desk: {label} {row_error.index}: {row_error.reason}", file=sys.stderr)
    return EXIT_OK


@contextlib.contextmanager
def _service(settings: object, demo: bool) -> Iterator[tuple[object, object]]:
    """A client and a credential source: the real ones, or the in-process sandbox's."""
    from qvickly_desk.client import QvicklyClient
    from qvickly_desk.credentials import Credentials, CredentialStore, FixedCredentials

    if not demo:
        client = QvicklyClient(settings)  # type: ignore[arg-type]
        try:
            yield client, CredentialStore()
        finally:
            client.close()
        return
    from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET, SandboxServer

    with SandboxServer() as server:
        demo_settings = settings.with_changes(api_url=server.url, test_mode=True)  # type: ignore[attr-defined]
        client = QvicklyClient(demo_settings)
        try:
            yield client, FixedCredentials(Credentials(DEMO_EID, DEMO_SECRET))
        finally:
            client.close()


def _credentials(args: argparse.Namespace) -> int:
    from qvickly_desk.credentials import CredentialStore
    from qvickly_desk.settings import load_settings

    language = load_settings().language
    store = CredentialStore()
    sv = language == "sv"
    try:
        if args.action == "set":
            secret = _read_secret(sys.stdin, "Hemlig nyckel: " if sv else "Secret key: ")
            store.save(args.eid, secret)
            print("Sparat i nyckelringen." if sv else "Stored in the keyring.")
        elif args.action == "show":
            eid = store.stored_eid()
            has_secret = store.has_secret()
            if store.from_environment() is not None:
                print(
                    "QVICKLY_EID och QVICKLY_SECRET används."
                    if sv
                    else "QVICKLY_EID and QVICKLY_SECRET are in use."
                )
            print(("Handlar-id: " if sv else "Merchant id: ") + (eid or "-"))
            stored = ("sparad" if sv else "stored") if has_secret else ("saknas" if sv else "none")
            print(("Hemlig nyckel: " if sv else "Secret key: ") + stored)
        else:
            store.clear()
            print("Borttaget ur nyckelringen." if sv else "Removed from the keyring.")
    except QvicklyError as error:
        print(_error_line(error, language), file=sys.stderr)
        return _exit_code(error)
    return EXIT_OK


def _read_secret(stream: TextIO, prompt: str) -> str:
    """From a terminal without echo; one line from a pipe, so scripts can feed it."""
    if stream.isatty():
        import getpass

        return getpass.getpass(prompt)
    return stream.readline().rstrip("\r\n")


def _sandbox(args: argparse.Namespace) -> int:
    import time

    from qvickly_desk.sandbox import DEMO_EID, SandboxServer

    server = SandboxServer(host=args.host, port=args.port).start()
    print(f"Sandbox: {server.url} (merchant id {DEMO_EID}; Ctrl+C stops it)", flush=True)
    try:
        while True:  # short sleeps: Ctrl+C must also reach a waiting process on Windows
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return EXIT_OK
