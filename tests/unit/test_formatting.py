"""Values as text, the same everywhere: amounts rounded half up and grouped, dates, one line."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from qvickly_desk.formatting import format_amount, plain_amount, round_amount
from qvickly_desk.invoices import parse_invoices
from qvickly_desk.output import write_table

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "sv", "en"),
    [
        ("1249.50", f"1{NBSP}249,50{NBSP}kr", f"SEK{NBSP}1,249.50"),
        ("-100", f"-100,00{NBSP}kr", f"-SEK{NBSP}100.00"),
        ("0", f"0,00{NBSP}kr", f"SEK{NBSP}0.00"),
        ("-0.001", f"0,00{NBSP}kr", f"SEK{NBSP}0.00"),
        ("0.005", f"0,01{NBSP}kr", f"SEK{NBSP}0.01"),
        ("0.125", f"0,13{NBSP}kr", f"SEK{NBSP}0.13"),
        ("999.995", f"1{NBSP}000,00{NBSP}kr", f"SEK{NBSP}1,000.00"),
        ("1234567.891", f"1{NBSP}234{NBSP}567,89{NBSP}kr", f"SEK{NBSP}1,234,567.89"),
        ("-1234567", f"-1{NBSP}234{NBSP}567,00{NBSP}kr", f"-SEK{NBSP}1,234,567.00"),
    ],
)
def test_an_amount_reads_the_same_with_and_without_its_currency(
    amount: str, sv: str, en: str
) -> None:
    assert format_amount(Decimal(amount), "sv") == sv
    assert format_amount(Decimal(amount), "en") == en
    assert format_amount(Decimal(amount), "en_GB.UTF-8") == en
    assert format_amount(Decimal(amount), "sv", currency=False) == sv.removesuffix(f"{NBSP}kr")
    assert format_amount(Decimal(amount), "en", currency=False) == en.replace(f"SEK{NBSP}", "")


def test_the_command_lines_table_rounds_like_the_window() -> None:
    """Half up to öre, as the window: 0.125 is 0,13 (half-even rounding would say 0,12)."""
    [invoice] = parse_invoices(
        [{"invoiceid_real": "1", "topay": "0.125", "balancedue": "-0.001", "status": "Sent"}]
    ).invoices
    out = io.StringIO()
    write_table((invoice,), out, "sv")
    row = out.getvalue().splitlines()[2]
    assert row.split()[-3:-1] == ["0,13", "0,00"]  # to pay, balance due; then the PDF column
    assert "-0,00" not in out.getvalue()


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("1249.50", "1249.50"),
        ("-100.00", "-100.00"),
        ("-0.00", "0.00"),  # in cents already, yet rounding still has its say: never "-0.00"
        ("0.00", "0.00"),
        ("-0.004", "0.00"),
        ("0.125", "0.13"),
        ("12.3", "12.30"),
        ("-100", "-100.00"),
        ("1E+2", "100.00"),
        ("1.5E+3", "1500.00"),
        ("0.10E-1", "0.01"),
        ("999.995", "1000.00"),
        ("1" * 32 + ".00", "1" * 32 + ".00"),
        ("-" + "1" * 32 + ".00", "-" + "1" * 32 + ".00"),
        ("1" * 31 + ".00", "1" * 31 + ".00"),
    ],
)
def test_an_amount_in_plain_digits_is_rounded_to_cents_half_up(amount: str, text: str) -> None:
    """What JSON, CSV and the exports write: the window's rounding, whatever form it was sent in."""
    assert plain_amount(Decimal(amount)) == text
    assert plain_amount(Decimal(amount)) == format(round_amount(Decimal(amount)), "f")


def test_an_amount_too_long_for_cents_is_refused_as_the_rounding_refuses_it() -> None:
    from decimal import InvalidOperation

    for digits in (33, 40):
        with pytest.raises(InvalidOperation):
            round_amount(Decimal("1" * digits + ".00"))
        with pytest.raises(InvalidOperation):
            plain_amount(Decimal("1" * digits + ".00"))
