"""How the command line prints invoices: an aligned table for people, JSON and CSV for scripts.

Each writer builds its whole text first and writes it once: written piece by piece, a few
thousand invoices become hundreds of thousands of small writes (``json.dump`` with ``indent``
made 190,000 for 3,000 invoices), which is slow on a pipe, where scripts read the output.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date
from operator import itemgetter
from typing import TextIO

import msgspec

from qvickly_desk.columns import RIGHT_ALIGNED_COLUMNS, column_headers
from qvickly_desk.formatting import date_text, format_amount, status_label
from qvickly_desk.invoices import API_FIELDS, Invoice, summarize
from qvickly_desk.languages import Text
from qvickly_desk.text import escape_json_text, one_line, spreadsheet_text

__all__ = ["write_csv", "write_json", "write_table"]

_MAX_NAME = 32
# json's C encoder, for the text msgspec refuses (a lone surrogate from an escape in the answer);
# with ``indent`` json uses its pure-Python one, which writes token by token.
_encode_json = json.JSONEncoder(ensure_ascii=False).encode
_fast_encode = msgspec.json.Encoder().encode
_csv_row = itemgetter(*API_FIELDS)
# Amounts are numbers ("-100.00"), never text a spreadsheet could run: they stay as they are.
_CSV_AMOUNTS = frozenset({"topay", "balancedue"})
_NO_INVOICES = Text(sv="Inga fakturor.", en="No invoices.")
_YES = Text(sv="ja", en="yes")
_NO = Text(sv="nej", en="no")
_TOTALS = Text(
    sv="{count} fakturor, {open} öppna, saldo att betala {balance}",
    en="{count} invoices, {open} open, balance due {balance}",
)


def _status_text(invoice: Invoice, today: date, language: str) -> str:
    """As the window's table writes it, so the agent reads the same word in both."""
    status = invoice.distributor_status or invoice.status
    return status_label(status, invoice.is_overdue(today), language)


def write_table(invoices: Sequence[Invoice], out: TextIO, language: str) -> None:
    today = date.today()
    if not invoices:
        out.write(_NO_INVOICES.get(language) + "\n")
        return
    yes, no = _YES.get(language), _NO.get(language)
    rows = [
        (
            one_line(invoice.number),
            _shorten(one_line(invoice.name)),
            one_line(_status_text(invoice, today, language)),
            one_line(invoice.type_label(language)),
            date_text(invoice.invoice_date),
            date_text(invoice.due_date),
            format_amount(invoice.to_pay, language, currency=False),
            format_amount(invoice.balance_due, language, currency=False),
            yes if invoice.pdf_url else no,
        )
        for invoice in invoices
    ]
    headers = column_headers(language)
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(width) if index in RIGHT_ALIGNED_COLUMNS else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    lines = [line(headers), "  ".join("-" * width for width in widths)]
    lines += [line(row) for row in rows]
    lines.append(_totals(invoices, language))
    out.write("\n".join(lines) + "\n")


def _totals(invoices: Sequence[Invoice], language: str) -> str:
    summary = summarize(invoices, date.today())
    open_count, balance = summary.open_count, summary.balance_due
    return _TOTALS.get(
        language, count=len(invoices), open=open_count, balance=format_amount(balance, language)
    )


def _shorten(text: str) -> str:
    return text if len(text) <= _MAX_NAME else text[: _MAX_NAME - 1] + "…"


def write_json(invoices: Sequence[Invoice], out: TextIO, language: str) -> None:
    """A JSON array with one invoice object per line: valid JSON, and still easy to read or grep."""
    if not invoices:
        out.write("[]\n")
        return
    rows = ",\n  ".join(map(_json_object, invoices))
    # The same values, with what a terminal would act on (C1, bidi controls) as \u escapes.
    out.write(escape_json_text("[\n  " + rows + "\n]\n"))


def _json_object(invoice: Invoice) -> str:
    """One invoice as a JSON object on one line: by msgspec, eight times as fast as json."""
    fields = invoice.to_api_dict()
    try:
        return _fast_encode(fields).decode("utf-8")
    except UnicodeEncodeError:  # text that is not valid Unicode: json writes it escaped
        return _encode_json(fields)


def write_csv(invoices: Sequence[Invoice], out: TextIO, language: str) -> None:
    """The service's fields as CSV; text cells made safe as the window's export makes them
    (``spreadsheet_text``: one plain line, never a formula), amounts left as numbers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(API_FIELDS)
    writer.writerows(_csv_cells(invoice) for invoice in invoices)
    out.write(buffer.getvalue())


def _csv_cells(invoice: Invoice) -> list[str]:
    return [
        value if key in _CSV_AMOUNTS else spreadsheet_text(value)
        for key, value in zip(API_FIELDS, _csv_row(invoice.to_api_dict()), strict=True)
    ]
