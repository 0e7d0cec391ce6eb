"""Invoices out of the window: tab-separated text for the clipboard, a CSV file for saving.

Both are made for spreadsheets as people here use them. Amounts are plain numbers in the
language's own decimal convention ("1249,50" in Swedish, "1249.50" in English) with no currency
or grouping, so Excel reads them as numbers; dates are ``YYYY-MM-DD``, which Excel reads as dates.
The columns are the table's (:mod:`qvickly_desk.columns`); the PDF column holds the link
itself, and only a web (http/https) link, as the table opens.

Text cells are made safe for spreadsheets by the core's ``spreadsheet_text``: controls and line
breaks become spaces, and a cell that would start with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return gets a leading apostrophe, so a hostile customer name can never become a formula
(CSV injection). Amounts are numbers and are left alone.

Qt-free: this works on ``Invoice`` objects, not on the table model.
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path

from qvickly_desk.collector import collector_paused
from qvickly_desk.columns import column_headers
from qvickly_desk.formatting import date_text, plain_amount, status_label
from qvickly_desk.invoices import Invoice
from qvickly_desk.languages import normalize_language
from qvickly_desk.text import spreadsheet_text

__all__ = [
    "CSV_SEPARATORS",
    "export_rows",
    "rows_as_tsv",
    "write_csv",
]


# Excel in a Swedish locale splits CSV on ";" (the comma is the decimal sign); in English on ",".
CSV_SEPARATORS = {"sv": ";", "en": ","}


def export_rows(
    invoices: Iterable[Invoice], language: str, today: date | None = None
) -> list[list[str]]:
    """The invoices as cells of ``INVOICE_COLUMNS``, ready for a spreadsheet.

    The status is written as the table shows it, in ``language`` and marked overdue as of
    ``today`` (the local date if not given), so a pasted row says what the agent filtered on.

    Names, types and many amounts repeat across a customer's invoices: each distinct value is
    converted once, which keeps an export of 100,000 invoices quick.
    """
    language = normalize_language(language)
    comma = language == "sv"
    today = today if today is not None else date.today()
    statuses: dict[tuple[str, bool], str] = {}
    texts: dict[str, str] = {}
    kinds: dict[str, str] = {}
    amounts: dict[Decimal, str] = {}
    days: dict[date | None, str] = {}
    rows: list[list[str]] = []
    with collector_paused():  # 100,000 rows are 100,000 lists, none in a cycle
        for invoice in invoices:
            name = texts.get(invoice.name)
            if name is None:
                name = texts[invoice.name] = _text(invoice.name)
            status = (invoice.distributor_status or invoice.status, invoice.is_overdue(today))
            shown_status = statuses.get(status)
            if shown_status is None:
                shown_status = statuses[status] = _text(status_label(*status, language))
            kind = kinds.get(invoice.invoice_type)
            if kind is None:
                kind = kinds[invoice.invoice_type] = _text(invoice.type_label(language))
            to_pay = amounts.get(invoice.to_pay)
            if to_pay is None:
                to_pay = amounts[invoice.to_pay] = _number(invoice.to_pay, comma)
            balance = amounts.get(invoice.balance_due)
            if balance is None:
                balance = amounts[invoice.balance_due] = _number(invoice.balance_due, comma)
            invoice_day = days.get(invoice.invoice_date)
            if invoice_day is None:
                invoice_day = days[invoice.invoice_date] = date_text(invoice.invoice_date)
            due_day = days.get(invoice.due_date)
            if due_day is None:
                due_day = days[invoice.due_date] = date_text(invoice.due_date)
            rows.append(
                [
                    _text(invoice.number),
                    name,
                    shown_status,
                    kind,
                    invoice_day,
                    due_day,
                    to_pay,
                    balance,
                    _text(invoice.pdf_url or ""),
                ]
            )
    return rows


def rows_as_tsv(invoices: Iterable[Invoice], language: str, today: date | None = None) -> str:
    """A header line and one line per invoice, cells separated by tabs, for the clipboard.

    Every line ends with "\\n". Excel, LibreOffice and Google Sheets all accept it on paste,
    and on Windows Qt's clipboard turns it into "\\r\\n" for the programs that want that. A
    cell that starts with a double quote is quoted as in CSV: on paste, spreadsheets read a
    leading quote as the start of a quoted cell and would otherwise drop or misplace quotes.
    """
    language = normalize_language(language)
    lines = ["\t".join(column_headers(language))]
    for cells in export_rows(invoices, language, today):
        line = "\t".join(cells)
        if '"' in line:  # rare: only then look for a cell that starts with a quote
            line = "\t".join(map(_tsv_cell, cells))
        lines.append(line)
    return "\n".join(lines) + "\n"


def write_csv(
    path: str | os.PathLike[str],
    invoices: Iterable[Invoice],
    language: str,
    today: date | None = None,
) -> None:
    """Save the invoices as CSV for Excel: UTF-8 with a BOM, ";" in Swedish, "," in English.

    The BOM makes Excel read the file as UTF-8 (Swedish letters intact); lines end with "\\r\\n"
    as RFC 4180 and Excel write them; cells are quoted only where needed. The file is written
    beside the target and then renamed over it, so a failed export (full disk, a file open in
    Excel on Windows) raises ``OSError`` and leaves any earlier file as it was. The new file is
    readable by its owner only: it holds customer data.
    """
    language = normalize_language(language)
    target = Path(path)
    rows = export_rows(invoices, language, today)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name[:64]}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out, delimiter=CSV_SEPARATORS[language], lineterminator="\r\n")
            writer.writerow(column_headers(language))
            writer.writerows(rows)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _text(value: str) -> str:
    # One line (a tab or line break would split a cell or a row), never a formula: the core's
    # rule, which the command line's CSV follows too.
    return spreadsheet_text(value)


def _tsv_cell(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if cell.startswith('"') else cell


def _number(amount: Decimal, comma: bool) -> str:
    text = plain_amount(amount)
    return text.replace(".", ",") if comma else text
