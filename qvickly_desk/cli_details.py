"""The command line's ``show`` (one invoice's details) and ``customers`` (find by name).

Same options, settings, demo mode and exit codes as ``lookup``; a number or hash that does not
exist is exit code 1 with one line naming it.
"""

from __future__ import annotations

import argparse
import json
import sys

from qvickly_desk.cli import (
    EXIT_OK,
    apply_call_options,
    call_settings,
    error_line,
    exit_code,
    report_row_errors,
    service,
    use_utf8_output,
)
from qvickly_desk.errors import InvalidInputError, QvicklyError

__all__ = ["run_customers", "run_show"]


def run_show(args: argparse.Namespace) -> int:
    """``show NUMBER`` or ``show --hash HASH``: the invoice's details as text or JSON."""
    settings, language = call_settings(args)
    try:
        if (args.number is None) == (args.hash is None):
            raise InvalidInputError(
                "Give either an invoice NUMBER or --hash HASH.",
                "Ange antingen ett fakturaNUMMER eller --hash HASH.",
            )
        settings = apply_call_options(settings, args)
        with service(settings, demo=args.demo or args.lookup_demo) as (client, source):
            if args.hash is not None:
                details = client.get_invoice_by_hash(source.load(), args.hash)
            else:
                details = client.get_payment_info(source.load(), args.number)
    except QvicklyError as error:
        print(error_line(error, language), file=sys.stderr)
        return exit_code(error)

    use_utf8_output(table=args.format == "text")
    if args.format == "json":
        from qvickly_desk.details_json import details_json

        sys.stdout.write(json.dumps(details_json(details), ensure_ascii=False, indent=2) + "\n")
    else:
        from qvickly_desk.details_text import details_text

        sys.stdout.write(details_text(details, language))
    label = "kunde inte läsas" if language == "sv" else "could not be read"
    for problem in details.problems:
        print(f"qvickly-desk: {label}: {problem}", file=sys.stderr)
    return EXIT_OK


def run_customers(args: argparse.Namespace) -> int:
    """``customers NAME``: the merchant's customers whose name holds NAME."""
    settings, language = call_settings(args)
    try:
        settings = apply_call_options(settings, args)
        with service(settings, demo=args.demo or args.lookup_demo) as (client, source):
            matches = client.get_customers_by_name(source.load(), args.name)
    except QvicklyError as error:
        print(error_line(error, language), file=sys.stderr)
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
    use_utf8_output(args.format == "table")
    writers[args.format](matches.customers, sys.stdout, language)
    report_row_errors(matches.row_errors, language)
    return EXIT_OK
