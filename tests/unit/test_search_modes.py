"""What the search field holds, checked before a call; which mode a text fits; status in words."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from qvickly_desk.details import parse_invoice_details
from qvickly_desk.errors import InvalidInputError
from qvickly_desk.search_modes import (
    LooksLikeIdentityError,
    SearchMode,
    better_mode,
    check_query,
)
from qvickly_desk.status_words import status_in_words

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "mode", "expected"),
    [
        ("1004", SearchMode.IDENTITY, SearchMode.INVOICE),
        ("195501011018", SearchMode.INVOICE, SearchMode.IDENTITY),
        ("556677-9988", SearchMode.CUSTOMER, SearchMode.IDENTITY),
        ("Åsa", SearchMode.IDENTITY, SearchMode.NAME),
        ("Åsa", SearchMode.INVOICE, SearchMode.NAME),
        ("Åsa", SearchMode.NAME, None),
        ("195501011018", SearchMode.IDENTITY, None),
        ("195501011019", SearchMode.IDENTITY, None),  # a typo, not an invoice number
        ("1004", SearchMode.INVOICE, None),
        ("1004", SearchMode.NAME, SearchMode.INVOICE),  # a name has letters
        ("1004", SearchMode.CUSTOMER, None),  # customer numbers are digits too
        ("195501011018", SearchMode.NAME, SearchMode.IDENTITY),
        ("C-504", SearchMode.CUSTOMER, None),
        ("", SearchMode.IDENTITY, None),
    ],
)
def test_better_mode_only_suggests(text: str, mode: SearchMode, expected: SearchMode) -> None:
    assert better_mode(text, mode, TODAY) is expected


def test_a_valid_identity_number_is_refused_as_an_invoice_number() -> None:
    for text in ("195501011018", "550101-1018", "5566779988"):
        with pytest.raises(LooksLikeIdentityError):
            check_query(text, SearchMode.INVOICE, TODAY)
    assert check_query("1004", SearchMode.INVOICE, TODAY).value == "1004"


def test_an_invoice_number_is_refused_as_an_identity_number() -> None:
    with pytest.raises(InvalidInputError):
        check_query("1004", SearchMode.IDENTITY, TODAY)


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("", SearchMode.NAME),
        ("a\nb", SearchMode.NAME),
        ("12a", SearchMode.INVOICE),
        ("x" * 65, SearchMode.CUSTOMER),
    ],
)
def test_bad_input_is_refused_before_any_call(text: str, mode: SearchMode) -> None:
    with pytest.raises(InvalidInputError):
        check_query(text, mode, TODAY)


def test_a_query_shows_what_was_searched() -> None:
    assert check_query("5566779988", SearchMode.IDENTITY, TODAY).display() == "556677-9988"
    assert check_query("  Åsa   Öberg ", SearchMode.NAME, TODAY).value == "Åsa Öberg"


def _details(status: str, due: date, balance_ore: int) -> object:
    return parse_invoice_details(
        {
            "PaymentData": {"status": status},
            "PaymentInfo": {
                "paymentdate": (due - timedelta(days=30)).isoformat(),
                "paymentterms": "30",
                "balancedue": balance_ore,
            },
            "Cart": {"Total": {"withtax": 245000}},
        }
    )


@pytest.mark.parametrize(
    ("status", "days_late", "balance", "sv", "en"),
    [
        ("Sent", 12, 245000, "Skickad — förfallen sedan 12 dagar", "Sent — overdue by 12 days"),
        ("Sent", 1, 245000, "Skickad — förfallen sedan 1 dag", "Sent — overdue by 1 day"),
        ("Sent", 0, 245000, "Skickad — förfaller i dag", "Sent — due today"),
        ("Sent", -5, 245000, "Skickad", "Sent"),
        ("Paid", 40, 0, "Betald", "Paid"),
        ("Sent", 40, 0, "Skickad", "Sent"),
        (
            "Weird\x1b[2J",
            3,
            100,
            "Weird [2J — förfallen sedan 3 dagar",
            "Weird [2J — overdue by 3 days",
        ),
    ],
)
def test_the_status_in_words(status: str, days_late: int, balance: int, sv: str, en: str) -> None:
    details = _details(status, TODAY - timedelta(days=days_late), balance)
    assert details.due_date == TODAY - timedelta(days=days_late)  # type: ignore[attr-defined]
    assert status_in_words(details, TODAY, "sv") == sv  # type: ignore[arg-type]
    assert status_in_words(details, TODAY, "en") == en  # type: ignore[arg-type]
