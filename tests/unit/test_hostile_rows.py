"""Invoices with hostile text (a signed answer can hold anything a customer typed), read and
printed: fields are cut when parsed, and every output keeps them harmless."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from datetime import date
from typing import TextIO

from qvickly_desk.export import rows_as_tsv
from qvickly_desk.invoices import MAX_LINK, MAX_TEXT, Invoice, parse_invoices
from qvickly_desk.output import write_csv, write_json, write_table
from qvickly_desk.ui.table_contents import prepare_table_contents
from tests.helpers.service_records import invoices_from, service_record

TERMINAL_CONTROLS = ("\x1b", "\x9b", "\u202e", "\u2066", "\u200f", "\x07", "\r")
HOSTILE_NAMES = (
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "\x1b]0;pwned\x07\x1b[2JAnna",
    "Eva \x9b2J",
    "Anna \u202eredrO fo tiderC",
)


def test_a_megabyte_name_is_cut_when_parsed_and_the_rows_problems_say_so() -> None:
    parsed = parse_invoices([service_record(1, name="x" * 16_000_000), service_record(2)])
    assert [invoice.number for invoice in parsed.invoices] == ["1", "2"]  # the row is kept
    assert len(parsed.invoices[0].name) == MAX_TEXT
    assert len(parsed.row_errors) == 1
    problem = parsed.row_errors[0]
    assert (problem.index, problem.number, problem.cut) == (0, "1", True)
    assert problem.reason == f"name: cut to {MAX_TEXT} characters"


def test_every_text_field_is_capped_and_a_long_link_is_left_out_not_cut() -> None:
    long_link = "https://invoices.example.test/" + "a" * MAX_LINK
    row = service_record(
        "7" * 5000,
        status="s" * 5000,
        distributor_status="d" * 5000,
        invoicetype="t" * 5000,
        hash="h" * 5000,
        creditinvoiceid="c" * 5000,
        mm3servicesid="m" * 5000,
        mexcModulesid="x" * 5000,
        mexcCustomerinvoicesid="y" * 5000,
        fileurl=long_link,
    )
    parsed = parse_invoices([row])
    (invoice,) = parsed.invoices
    texts = [value for key, value in invoice.to_api_dict().items() if key != "fileurl"]
    assert max(map(len, texts)) == MAX_TEXT
    assert invoice.fileurl == "" and invoice.pdf_url is None
    reason = parsed.row_errors[0].reason
    assert "invoiceid_real: cut" in reason and "mexcCustomerinvoicesid: cut" in reason
    assert f"fileurl: longer than {MAX_LINK} characters, left out" in reason
    link_at_the_cap = "https://invoices.example.test/" + "a" * (MAX_LINK - 30)
    assert invoices_from(service_record(1, fileurl=link_at_the_cap))[0].pdf_url == link_at_the_cap


def test_an_invoice_number_of_thousands_of_digits_does_not_stop_the_rows() -> None:
    (ordinary,) = invoices_from(service_record(9))
    huge = ordinary._replace(number="1" * 5000)  # however it got past the parser
    rows = prepare_table_contents([huge, ordinary], date(2026, 2, 1), "en")
    assert len(rows.invoices) == 2  # int() of 5,000 digits raised ValueError here


def hostile_invoices() -> tuple[Invoice, ...]:
    return invoices_from(
        *(service_record(index, name=name) for index, name in enumerate(HOSTILE_NAMES))
    )


def printed(
    writer: Callable[[Sequence[Invoice], TextIO, str], None], invoices: Sequence[Invoice]
) -> str:
    out = io.StringIO()
    writer(invoices, out, "en")
    return out.getvalue()


def test_lookups_csv_never_starts_a_cell_with_a_formula_or_holds_a_control() -> None:
    text = printed(write_csv, hostile_invoices())
    rows = list(csv.reader(io.StringIO(text)))
    names = [row[1] for row in rows[1:]]
    assert len(names) == len(HOSTILE_NAMES)
    for name in names:
        assert not name.startswith(("=", "+", "-", "@", "\t", "\r")), name
    assert not any(control in text for control in TERMINAL_CONTROLS)
    credit = printed(write_csv, invoices_from(service_record(1, topay="-100")))
    assert list(csv.reader(io.StringIO(credit)))[1][4] == "-100.00"  # a number stays a number


def test_lookups_csv_and_the_windows_export_follow_one_rule() -> None:
    invoices = hostile_invoices()
    lookup_names = [row[1] for row in list(csv.reader(io.StringIO(printed(write_csv, invoices))))]
    window_names = [line.split("\t")[1] for line in rows_as_tsv(invoices, "en").splitlines()]
    assert lookup_names[1:] == window_names[1:]


def test_the_table_shows_no_control_and_no_bidi_override() -> None:
    text = printed(write_table, hostile_invoices())
    assert not any(control in text for control in TERMINAL_CONTROLS)
    assert len(text.splitlines()) == len(HOSTILE_NAMES) + 3  # header, rule, rows, totals


def test_json_stays_valid_and_exact_with_what_a_terminal_acts_on_escaped() -> None:
    invoices = hostile_invoices()
    text = printed(write_json, invoices)
    assert not any(control in text for control in TERMINAL_CONTROLS)
    assert [row["name"] for row in json.loads(text)] == [invoice.name for invoice in invoices]


def test_a_row_long_in_total_but_with_no_field_too_long_is_not_reported() -> None:
    link = "https://invoices.example.test/" + "a" * 1500
    parsed = parse_invoices([service_record(1, name="n" * 900, fileurl=link)])
    assert parsed.row_errors == ()
    assert parsed.invoices[0].pdf_url == link and len(parsed.invoices[0].name) == 900
