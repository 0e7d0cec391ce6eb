"""The details text and the customer output: hostile service text stays inside its line."""

from __future__ import annotations

import copy
import csv
import io

from qvickly_desk.customers import parse_customers
from qvickly_desk.customers_output import write_customers_csv, write_customers_table
from qvickly_desk.details import parse_invoice_details
from qvickly_desk.details_text import details_text
from tests.unit.test_details import DOCUMENTED


def hostile_invoice() -> dict[str, object]:
    invoice = copy.deepcopy(DOCUMENTED)
    billing = invoice["Customer"]["Billing"]  # type: ignore[index]
    billing["firstname"] = "Åsa\nSaldo att betala: 0,00\r\nBalance due: 0.00"
    invoice["Articles"][0]["title"] = "Jacka\tX\u2028Y"  # type: ignore[index]
    return invoice


def test_a_name_with_line_breaks_cannot_add_a_line_or_a_label() -> None:
    details = parse_invoice_details(hostile_invoice())
    for language, label in (("sv", "Saldo att betala:"), ("en", "Balance due:")):
        text = details_text(details, language)
        labelled = [line for line in text.splitlines() if line.startswith(label)]
        assert len(labelled) == 1, text
        assert "\t" not in text and "\u2028" not in text


def test_the_text_speaks_the_chosen_language_and_shows_unknowns_as_unknown() -> None:
    details = parse_invoice_details(DOCUMENTED)
    swedish, english = details_text(details, "sv"), details_text(details, "en")
    assert "Fakturaadress" in swedish and "Billing address" in english
    assert "Saldo att betala:         okänt" in swedish  # no balancedue in the answer
    assert "Balance due:              unknown" in english
    assert "43,00" in swedish and "43.00" in english


def test_customer_csv_does_not_let_a_name_run_as_a_formula() -> None:
    parsed = parse_customers([{"customerid": "1", "name": '=HYPERLINK("http://x")'}])
    out = io.StringIO()
    write_customers_csv(parsed.customers, out, "en")
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["name"].startswith("'=")


def test_customer_table_keeps_one_line_per_customer() -> None:
    parsed = parse_customers([{"customerid": "1", "name": "A\nB"}, {"customerid": "2"}])
    out = io.StringIO()
    write_customers_table(parsed.customers, out, "sv")
    assert len(out.getvalue().splitlines()) == 2 + 2 + 1
