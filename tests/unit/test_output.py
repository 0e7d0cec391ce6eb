"""What the command line prints: JSON and CSV a script can read, a table a person can read."""

from __future__ import annotations

import csv
import io
import json

import pytest

from qvickly_desk.invoices import API_FIELDS, Invoice, parse_invoices
from qvickly_desk.output import write_csv, write_json, write_table


def _row(number: int, **changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "status": "Sent",
        "name": f"Åsa Öberg {number}",
        "invoicedate": "2024-04-19",
        "duedate": "2024-05-03",
        "topay": f"{number}249.5",
        "invoiceid_real": str(number),
        "fileurl": f"https://example.invalid/pdf/{number}.pdf",
        "balancedue": "100",
        "invoicetype": "F",
        "distributor_status": "Sent",
        "creditinvoiceid": "",
        "hash": f"hash{number}",
        "mm3servicesid": "1",
        "mexcModulesid": "2",
        "mexcCustomerinvoicesid": "3",
    }
    row.update(changes)
    return row


INVOICES: tuple[Invoice, ...] = parse_invoices(
    [_row(1), _row(2, name='Quote " and, comma; semi'), _row(3, fileurl="")]
).invoices


class CountingWriter(io.StringIO):
    """A text stream that counts the writes it gets: a pipe pays for each one."""

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


def printed(writer: object, invoices: tuple[Invoice, ...], language: str = "en") -> str:
    out = CountingWriter()
    writer(invoices, out, language)  # type: ignore[operator]
    assert out.writes == 1, "the output should go out in one write"
    return out.getvalue()


def test_json_is_every_invoice_under_the_service_field_names() -> None:
    text = printed(write_json, INVOICES)
    assert json.loads(text) == [invoice.to_api_dict() for invoice in INVOICES]
    assert [list(row) for row in json.loads(text)] == [list(API_FIELDS)] * len(INVOICES)


def test_json_has_one_invoice_per_line_and_keeps_names_readable() -> None:
    text = printed(write_json, INVOICES)
    lines = text.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and text.endswith("]\n")
    rows = lines[1:-1]
    assert len(rows) == len(INVOICES)
    for line, invoice in zip(rows, INVOICES, strict=True):
        assert json.loads(line.strip().rstrip(",")) == invoice.to_api_dict()
    assert "Åsa Öberg 1" in text  # not \u00c5sa: people read this output too


def test_json_of_no_invoices_is_an_empty_list() -> None:
    assert printed(write_json, ()) == "[]\n"


def test_csv_has_a_header_and_one_row_per_invoice() -> None:
    invoices = (*INVOICES, *parse_invoices([_row(4, name="Two\nlines")]).invoices)
    text = printed(write_csv, invoices)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(API_FIELDS)
    assert rows[1:-1] == [list(invoice.to_api_dict().values()) for invoice in INVOICES]
    assert rows[-1][1] == "Two lines"  # one line per invoice, as in the window's export
    assert "\r" not in text


def test_csv_of_no_invoices_is_the_header() -> None:
    assert printed(write_csv, ()) == ",".join(API_FIELDS) + "\n"


@pytest.mark.parametrize(
    ("language", "header", "total"),
    [("en", "Invoice", "3 invoices, 3 open"), ("sv", "Fakturanr", "3 fakturor, 3 öppna")],
)
def test_table_has_a_header_a_line_per_invoice_and_a_total(
    language: str, header: str, total: str
) -> None:
    lines = printed(write_table, INVOICES, language).splitlines()
    assert lines[0].startswith(header)
    assert set(lines[1]) <= {"-", " "}
    assert [line.split()[0] for line in lines[2:-1]] == ["1", "2", "3"]
    assert lines[-1].startswith(total)


def test_a_line_break_or_tab_in_a_name_or_status_keeps_the_table_one_line_per_invoice() -> None:
    broken = parse_invoices(
        [
            _row(1, name="Anna\nSvensson\tAB", distributor_status="Se\r\nnt"),
            _row(2, name="Bo\u2028Ek"),
            _row(3),
        ]
    ).invoices
    lines = printed(write_table, broken, "en").splitlines()
    assert len(lines) == 2 + 3 + 1  # header, rule, one line per invoice, the total
    assert "Anna Svensson AB" in lines[2]
    assert "Bo Ek" in lines[3]
    status = lines[0].index("Status")  # the columns stay aligned under their headers
    assert lines[2][status:].startswith("Overdue · Se  nt")
    assert lines[4][status:].startswith("Overdue · Sent")  # as the window's table writes it


def test_table_of_no_invoices_says_so() -> None:
    assert printed(write_table, (), "en") == "No invoices.\n"
    assert printed(write_table, (), "sv") == "Inga fakturor.\n"
