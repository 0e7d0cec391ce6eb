"""What every command-line command shares: exit codes, options, one safe line on stderr, output.

Its own module so that ``cli`` (the parser and ``lookup``) and ``cli_details`` (``show`` and
``customers``) both import it and not each other.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

from qvickly_desk.errors import (
    AuthenticationError,
    CredentialsMissingError,
    CredentialsUnavailableError,
    InvalidInputError,
    InvoiceNotFoundError,
    QvicklyError,
)
from qvickly_desk.languages import Text, normalize_language
from qvickly_desk.text import safe_text

if TYPE_CHECKING:
    from qvickly_desk.client import QvicklyClient
    from qvickly_desk.credentials import CredentialSource
    from qvickly_desk.settings import Settings

__all__ = [
    "EXIT_CREDENTIALS",
    "EXIT_FAILURE",
    "EXIT_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_NOT_FOUND",
    "EXIT_OK",
    "add_call_options",
    "apply_call_options",
    "call_settings",
    "error_line",
    "exit_code",
    "report_row_errors",
    "say",
    "service",
    "wait_for_interrupt",
    "write_stdout",
]

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_INPUT = 2
EXIT_CREDENTIALS = 3
EXIT_FAILURE = 4
EXIT_INTERRUPTED = 130
_MAX_LINE = 2000  # characters of one line on stderr


def say(line: str) -> None:
    """One safe line on stderr: service text cannot reach the terminal as controls. A closed
    or broken stderr is not an error of its own."""
    stream = sys.stderr
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError):
        stream.write(safe_text(line, _MAX_LINE) + "\n")
        stream.flush()


def add_call_options(parser: argparse.ArgumentParser) -> None:
    """The options every command that calls the service takes."""
    parser.add_argument("--api-url", help="API address (default: the saved setting)")
    parser.add_argument("--test", action="store_true", help="make a test-mode call")
    parser.add_argument("--timeout", type=float, help="read timeout in seconds (default 30)")
    parser.add_argument("--language", choices=("sv", "en"), help="language of messages")
    parser.add_argument("--demo", action="store_true", help=argparse.SUPPRESS, dest="lookup_demo")


def call_settings(args: argparse.Namespace) -> tuple[Settings, str]:
    """The saved settings in the language to speak (the command's or the saved one)."""
    from qvickly_desk.settings import load_settings

    settings = load_settings()
    language = normalize_language(args.language or settings.language)
    settings = settings.with_changes(language=language)
    return settings, language


def apply_call_options(settings: Settings, args: argparse.Namespace) -> Settings:
    """``settings`` with the command's options; ``InvalidInputError`` for one out of range."""
    if args.timeout is not None:
        if not 0 < args.timeout <= 600:
            raise InvalidInputError(
                en="The timeout must be between 0 and 600 seconds.",
                sv="Tidsgränsen måste vara mellan 0 och 600 sekunder.",
            )
        settings = settings.with_changes(read_timeout=args.timeout)
    if args.api_url:
        settings = settings.with_changes(api_url=args.api_url)
    if args.test:
        settings = settings.with_changes(test_mode=True)
    return settings


def write_stdout(write: Callable[[TextIO], object], language: str, *, table: bool) -> int:
    """Run ``write`` on stdout: ``EXIT_OK``, or ``EXIT_FAILURE`` with one line when stdout is
    closed or fails (``lookup … >&-``, a closed pipe), never a traceback."""
    out = sys.stdout
    if out is None:  # started with stdout closed
        return _output_failed(language, "closed")
    try:
        # Scripts read UTF-8 whatever the console's code page; a name that cannot be shown is
        # replaced.
        if not table or not out.isatty():
            with contextlib.suppress(AttributeError, ValueError):  # TextIO lacks reconfigure
                out.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
        write(out)
        out.flush()
    except (OSError, ValueError) as error:
        return _output_failed(language, getattr(error, "strerror", None) or "closed")
    return EXIT_OK


def _output_failed(language: str, reason: str) -> int:
    """Say in one line that the answer could not be written; no traceback at exit either."""
    with contextlib.suppress(OSError, ValueError):
        # Python flushes stdout once more at exit and would print that failure: point it away.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    say(_NOT_WRITTEN.get(language, reason=reason))
    return EXIT_FAILURE


_ROW = Text(sv="rad", en="row")
_NOT_WRITTEN = Text(
    sv="qvickly-desk: fel: svaret kunde inte skrivas ut (standard ut: {reason}).",
    en="qvickly-desk: error: the answer could not be written (standard output: {reason}).",
)
_ERROR = Text(sv="fel", en="error")


def report_row_errors(row_errors: Sequence[object], language: str) -> None:
    """One line per record of the answer that could not be read (or was cut)."""
    label = _ROW.get(language)
    for row_error in row_errors:
        index, reason = getattr(row_error, "index", "?"), getattr(row_error, "reason", "")
        number = getattr(row_error, "number", None)
        where = f"{index} ({number})" if number else index
        say(f"qvickly-desk: {label} {where}: {reason}")


def error_line(error: QvicklyError, language: str) -> str:
    prefix = _ERROR.get(language)
    return f"qvickly-desk: {prefix}: {error.message(language)}"


def exit_code(error: QvicklyError) -> int:
    if isinstance(error, InvoiceNotFoundError):
        return EXIT_NOT_FOUND
    if isinstance(error, InvalidInputError):
        return EXIT_INPUT
    if isinstance(
        error, AuthenticationError | CredentialsMissingError | CredentialsUnavailableError
    ):
        return EXIT_CREDENTIALS
    return EXIT_FAILURE


@contextlib.contextmanager
def service(settings: Settings, demo: bool) -> Iterator[tuple[QvicklyClient, CredentialSource]]:
    """A client and a credential source: the real ones, or the in-process sandbox's."""
    from qvickly_desk.client import QvicklyClient
    from qvickly_desk.credentials import Credentials, CredentialStore, FixedCredentials

    if not demo:
        client = QvicklyClient(settings)
        try:
            yield client, CredentialStore()
        finally:
            client.close()
        return
    from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET, SandboxServer

    with SandboxServer() as server:
        demo_settings = settings.with_changes(api_url=server.url, test_mode=True)
        client = QvicklyClient(demo_settings)
        try:
            yield client, FixedCredentials(Credentials(DEMO_EID, DEMO_SECRET))
        finally:
            client.close()


def wait_for_interrupt() -> None:
    """Block until Ctrl+C, for a server running in the foreground (``sandbox``, ``gateway``)."""
    import time

    try:
        while True:  # short sleeps: Ctrl+C must also reach a waiting process on Windows
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
