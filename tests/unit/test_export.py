"""Copying rows for a spreadsheet and saving them as CSV: exact content, safe cells, safe files."""

from __future__ import annotations

import csv
import os
import stat
import sys
from datetime import date
from pathlib import Path

import pytest

from qvickly_desk.columns import INVOICE_COLUMNS
from qvickly_desk.export import (
    CSV_SEPARATORS,
    rows_as_tsv,
    write_csv,
)
from qvickly_desk.invoices import Invoice, parse_invoices
from tests.helpers.service_records import service_record

BOM = b"\xef\xbb\xbf"
BEFORE_DUE = date(2026, 1, 15)  # the rows below fall due at the end of January


def row(number: object, **fields: object) -> dict[str, object]:
    """A service row due at the end of January, which the expected texts below spell out."""
    return service_record(number, **{"duedate": "2026-01-31", **fields})


@pytest.fixture
def invoices() -> tuple[Invoice, ...]:
    parsed = parse_invoices(
        [
            row(1001, name="Örjan Ståhl", topay="1249.5", balancedue=1249.5),
            row(
                "1002",
                name='Bo; Ek, "AB"\tvia\nombud',
                status="Paid",
                distributor_status="Paid",
                invoicetype="K",
                topay="-100.00",
                balancedue=0,
                invoicedate="",
                duedate="0000-00-00",
                fileurl="javascript:alert(1)",
            ),
            row(1003, topay=1234567.891, balancedue="0.005", fileurl=""),
        ]
    )
    assert parsed.row_errors == ()
    return parsed.invoices


SV_HEADER = [
    "Fakturanr",
    "Namn",
    "Status",
    "Typ",
    "Fakturadatum",
    "Förfallodatum",
    "Belopp",
    "Att betala",
    "PDF",  # the same header as in the table, over the link itself
]
EN_HEADER = [
    "Invoice",
    "Name",
    "Status",
    "Type",
    "Invoice date",
    "Due date",
    "Amount",
    "Balance due",
    "PDF",
]
SV_ROWS = [
    [
        "1001",
        "Örjan Ståhl",
        "Skickad",
        "Faktura",
        "2026-01-01",
        "2026-01-31",
        "1249,50",
        "1249,50",
        "https://invoices.example.test/1001.pdf",
    ],
    ["1002", 'Bo; Ek, "AB" via ombud', "Betald", "Kreditfaktura", "", "", "-100,00", "0,00", ""],
    [
        "1003",
        "Anna Svensson",
        "Skickad",
        "Faktura",
        "2026-01-01",
        "2026-01-31",
        "1234567,89",
        "0,01",
        "",
    ],
]
EN_ROWS = [
    [
        "1001",
        "Örjan Ståhl",
        "Sent",
        "Invoice",
        "2026-01-01",
        "2026-01-31",
        "1249.50",
        "1249.50",
        "https://invoices.example.test/1001.pdf",
    ],
    ["1002", 'Bo; Ek, "AB" via ombud', "Paid", "Credit invoice", "", "", "-100.00", "0.00", ""],
    [
        "1003",
        "Anna Svensson",
        "Sent",
        "Invoice",
        "2026-01-01",
        "2026-01-31",
        "1234567.89",
        "0.01",
        "",
    ],
]


def test_tsv_in_swedish(invoices: tuple[Invoice, ...]) -> None:
    expected = "".join("\t".join(cells) + "\n" for cells in [SV_HEADER, *SV_ROWS])
    assert rows_as_tsv(invoices, "sv", BEFORE_DUE) == expected


def test_tsv_in_english(invoices: tuple[Invoice, ...]) -> None:
    expected = "".join("\t".join(cells) + "\n" for cells in [EN_HEADER, *EN_ROWS])
    assert rows_as_tsv(invoices, "en", BEFORE_DUE) == expected


def test_tsv_has_one_line_per_invoice_whatever_the_names_hold(
    invoices: tuple[Invoice, ...],
) -> None:
    lines = rows_as_tsv(invoices, "sv", BEFORE_DUE).split("\n")
    assert lines[-1] == ""  # every line ends with a line break, the last one too
    assert len(lines) == 1 + len(invoices) + 1
    assert all(line.count("\t") == len(INVOICE_COLUMNS) - 1 for line in lines[:-1])
    assert "\r" not in rows_as_tsv(invoices, "en", BEFORE_DUE)


def test_tsv_of_no_invoices_is_the_header(invoices: tuple[Invoice, ...]) -> None:
    assert rows_as_tsv([], "en") == "\t".join(EN_HEADER) + "\n"


@pytest.mark.parametrize("name", ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)"])
def test_a_name_that_would_be_a_formula_stays_text(name: str) -> None:
    (invoice,) = parse_invoices([row(1, name=name, topay="-5.00")]).invoices
    cells = rows_as_tsv([invoice], "en").split("\n")[1].split("\t")
    assert cells[1] == "'" + name
    assert cells[6] == "-5.00"  # a negative amount is a number and keeps its sign


def test_a_tsv_cell_starting_with_a_quote_is_quoted_so_it_pastes_intact() -> None:
    (invoice,) = parse_invoices([row(1, name='"Kalle" & Co')]).invoices
    cells = rows_as_tsv([invoice], "sv").split("\n")[1].split("\t")
    assert cells[1] == '"""Kalle"" & Co"'
    assert next(csv.reader([cells[1]])) == ['"Kalle" & Co']


def read_csv(path: Path, separator: str) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=separator))


def test_swedish_csv_for_excel(tmp_path: Path, invoices: tuple[Invoice, ...]) -> None:
    path = tmp_path / "fakturor.csv"
    write_csv(path, invoices, "sv", BEFORE_DUE)
    data = path.read_bytes()
    assert data.startswith(BOM)
    text = data[len(BOM) :].decode("utf-8")
    assert text.startswith(";".join(SV_HEADER) + "\r\n")
    assert text.endswith("\r\n")
    assert '"Bo; Ek, ""AB"" via ombud"' in text  # quoted because it holds ";" and quotes
    assert ";1249,50;" in text
    assert CSV_SEPARATORS["sv"] == ";"
    assert read_csv(path, ";") == [SV_HEADER, *SV_ROWS]


def test_english_csv_for_excel(tmp_path: Path, invoices: tuple[Invoice, ...]) -> None:
    path = tmp_path / "invoices.csv"
    write_csv(str(path), invoices, "en", BEFORE_DUE)
    data = path.read_bytes()
    assert data.startswith(BOM)
    text = data[len(BOM) :].decode("utf-8")
    assert text.startswith(",".join(EN_HEADER) + "\r\n")
    assert ",1249.50," in text
    assert read_csv(path, ",") == [EN_HEADER, *EN_ROWS]


def test_a_new_export_replaces_an_older_file_completely(
    tmp_path: Path, invoices: tuple[Invoice, ...]
) -> None:
    path = tmp_path / "invoices.csv"
    write_csv(path, invoices, "en", BEFORE_DUE)
    write_csv(path, invoices[:1], "en", BEFORE_DUE)
    assert read_csv(path, ",") == [EN_HEADER, EN_ROWS[0]]


def test_a_failed_export_leaves_the_old_file_and_no_debris(
    tmp_path: Path, invoices: tuple[Invoice, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "invoices.csv"
    path.write_bytes(b"the earlier export")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        write_csv(path, invoices, "sv", BEFORE_DUE)
    assert path.read_bytes() == b"the earlier export"
    assert [p.name for p in tmp_path.iterdir()] == ["invoices.csv"]


def test_an_export_into_a_missing_folder_fails_without_creating_anything(
    tmp_path: Path, invoices: tuple[Invoice, ...]
) -> None:
    with pytest.raises(OSError):
        write_csv(tmp_path / "missing" / "invoices.csv", invoices, "sv")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_the_exported_file_is_readable_by_its_owner_only(
    tmp_path: Path, invoices: tuple[Invoice, ...]
) -> None:
    path = tmp_path / "invoices.csv"
    write_csv(path, invoices, "sv", BEFORE_DUE)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("language", "overdue", "paid"),
    [("sv", "Förfallen · Skickad", "Betald"), ("en", "Overdue · Sent", "Paid")],
)
def test_the_status_is_written_as_the_table_shows_it_with_overdue(
    invoices: tuple[Invoice, ...], language: str, overdue: str, paid: str
) -> None:
    # What the agent filtered on ("förfallen") must be in what they paste or export.
    lines = rows_as_tsv(invoices, language, date(2026, 2, 1)).splitlines()
    statuses = [line.split("\t")[2] for line in lines[1:]]
    assert statuses == [overdue, paid, overdue]
