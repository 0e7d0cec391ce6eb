"""One table of invoice columns: the command line's table, the CSV file and the clipboard use the
same headers, one word per column and language, in the same order."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from qvickly_desk.columns import INVOICE_COLUMNS, RIGHT_ALIGNED_COLUMNS, column_headers
from qvickly_desk.export import CSV_SEPARATORS, rows_as_tsv, write_csv
from qvickly_desk.output import write_table
from tests.helpers.service_records import invoices_from, service_record


def test_each_column_has_one_header_per_language() -> None:
    assert column_headers("sv")[5] == "Förfallodatum"
    assert column_headers("en")[5] == "Due date"
    assert [INVOICE_COLUMNS[i].key for i in sorted(RIGHT_ALIGNED_COLUMNS)] == [
        "to_pay",
        "balance_due",
    ]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_command_line_csv_and_clipboard_share_the_headers(
    language: str, tmp_path: Path
) -> None:
    invoices = invoices_from(service_record(1001), service_record(1002))
    headers = column_headers(language)
    out = io.StringIO()
    write_table(invoices, out, language)
    assert out.getvalue().splitlines()[0].split() == " ".join(headers).split()
    assert rows_as_tsv(invoices, language).splitlines()[0].split("\t") == headers
    target = tmp_path / "invoices.csv"
    write_csv(target, invoices, language)
    with target.open(encoding="utf-8-sig", newline="") as file:
        assert next(csv.reader(file, delimiter=CSV_SEPARATORS[language])) == headers


@pytest.mark.parametrize(
    ("language", "amount", "owed"),
    [("sv", "Belopp", "Att betala"), ("en", "Amount", "Balance due")],
)
def test_only_the_balance_reads_as_owed(language: str, amount: str, owed: str) -> None:
    # A paid invoice of 2 450 kr shows 2 450 under the amount and 0 under the balance: the
    # column that reads "to pay" must be the one that says 0.
    headers = dict(zip((c.key for c in INVOICE_COLUMNS), column_headers(language), strict=True))
    assert headers["to_pay"] == amount
    assert headers["balance_due"] == owed
    assert "To pay" not in column_headers("en")
