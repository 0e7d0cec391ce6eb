"""The command line's ``show`` (one invoice's details) and ``customers`` (find by name).

Same options, settings, demo mode and exit codes as ``lookup``; a number or hash that does not
exist is exit code 1 with one line naming it.
"""

from __future__ import annotations

import argparse
import json

from qvickly_desk.cli_common import (
    EXIT_OK,
    apply_call_options,
    call_settings,
    error_line,
    exit_code,
    report_row_errors,
    say,
    service,
    write_stdout,
)
from qvickly_desk.errors import InvalidInputError, QvicklyError
from qvickly_desk.languages import Text

__all__ = ["run_customers", "run_show"]

_UNREADABLE = Text(sv="kunde inte läsas", en="could not be read")


def run_show(args: argparse.Namespace) -> int:
    """``show NUMBER`` or ``show --hash HASH``: the invoice's details as text or JSON."""
    settings, language = call_settings(args)
    try:
        if (args.number is None) == (args.hash is None):
            raise InvalidInputError(
                en="Give either an invoice number (NUMBER) or --hash HASH.",
                sv="Ange antingen ett fakturanummer (NUMMER) eller --hash HASH.",
            )
        settings = apply_call_options(settings, args)
        with service(settings, demo=args.demo or args.lookup_demo) as (client, source):
            if args.hash is not None:
                details = client.get_invoice_by_hash(source.load(), args.hash)
            else:
                details = client.get_payment_info(source.load(), args.number)
    except QvicklyError as error:
        say(error_line(error, language))
        return exit_code(error)

    if args.format == "json":
        from qvickly_desk.details_json import details_json

        text = json.dumps(details_json(details), ensure_ascii=False, indent=2) + "\n"
    else:
        from datetime import date

        from qvickly_desk.details_text import details_text

        text = details_text(details, language, date.today())
    code = write_stdout(lambda out: out.write(text), language, table=args.format == "text")
    if code != EXIT_OK:
        return code
    label = _UNREADABLE.get(language)
    for problem in details.problems:
        say(f"qvickly-desk: {label}: {problem}")
    return EXIT_OK


def run_customers(args: argparse.Namespace) -> int:
    """``customers NAME``: the merchant's customers whose name holds NAME."""
    settings, language = call_settings(args)
    try:
        settings = apply_call_options(settings, args)
        with service(settings, demo=args.demo or args.lookup_demo) as (client, source):
            matches = client.get_customers_by_name(source.load(), args.name)
    except QvicklyError as error:
        say(error_line(error, language))
        return exit_code(error)

    from qvickly_desk.customers_output import (
        write_customers_csv,
        write_customers_json,
        write_customers_table,
    )

    writers = {
        "table": write_customers_table,
        "json": write_customers_json,
        "csv": write_customers_csv,
    }
    code = write_stdout(
        lambda out: writers[args.format](matches.customers, out, language),
        language,
        table=args.format == "table",
    )
    if code == EXIT_OK:
        report_row_errors(matches.row_errors, language)
    return code
