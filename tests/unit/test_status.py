"""The sent/paid choice and how it maps onto the service's two selections."""

from __future__ import annotations

import copy
import pickle

import pytest

from qvickly_desk.errors import InvalidInputError
from qvickly_desk.invoices import Invoice, parse_invoices
from qvickly_desk.status import StatusChoice


def invoice(number: str, status: str, distributor_status: str) -> Invoice:
    parsed = parse_invoices(
        [{"invoiceid_real": number, "status": status, "distributor_status": distributor_status}]
    )
    return parsed.invoices[0]


# What the service returns for "Sent,Paid": open invoices plus paid and cancelled ones.
ANSWER = (
    invoice("1", "Created", "Created"),
    invoice("2", "Sent", "Sent"),
    invoice("3", "Paid", "Paid"),
    invoice("4", "Cancelled", "Cancelled"),
    invoice("5", "Cancelled", ""),
    invoice("6", "Factoring", "PAID"),
    invoice("7", "Handling", "eFakturaSent"),
)


def numbers(invoices: tuple[Invoice, ...]) -> list[str]:
    return [item.number for item in invoices]


@pytest.mark.parametrize(
    ("sent", "paid", "api_value"),
    [(True, False, "Sent"), (True, True, "Sent,Paid"), (False, True, "Sent,Paid")],
)
def test_api_value_for_each_choice(sent: bool, paid: bool, api_value: str) -> None:
    assert StatusChoice(sent=sent, paid=paid).api_value == api_value


def test_neither_is_refused_in_both_languages() -> None:
    with pytest.raises(InvalidInputError) as caught:
        StatusChoice(sent=False, paid=False)
    assert "Sent" in caught.value.message("en")
    assert "Paid" in caught.value.message("en")
    assert "Skickade" in caught.value.message("sv")
    assert "Betalda" in caught.value.message("sv")


def test_sent_keeps_everything_the_service_returned() -> None:
    choice = StatusChoice(sent=True, paid=False)
    assert choice.filter(ANSWER) == ANSWER
    assert all(choice.accepts(item) for item in ANSWER)


def test_sent_and_paid_keeps_everything_the_service_returned() -> None:
    assert StatusChoice(sent=True, paid=True).filter(ANSWER) == ANSWER


def test_paid_alone_keeps_paid_and_cancelled_invoices_only() -> None:
    choice = StatusChoice(sent=False, paid=True)
    assert numbers(choice.filter(ANSWER)) == ["3", "4", "5", "6"]
    assert not choice.accepts(invoice("8", "Paid", "Sent"))  # the service counts this as sent
    assert choice.accepts(invoice("9", "cancelled", "Sent"))


def test_filter_takes_any_iterable_and_returns_a_tuple() -> None:
    result = StatusChoice(sent=False, paid=True).filter(iter(ANSWER))
    assert isinstance(result, tuple)
    assert numbers(result) == ["3", "4", "5", "6"]
    assert StatusChoice(sent=True, paid=False).filter(iter(ANSWER)) == ANSWER


@pytest.mark.parametrize(
    ("text", "sent", "paid"),
    [
        ("sent", True, False),
        ("paid", False, True),
        ("sent,paid", True, True),
        ("paid,sent", True, True),
        ("Sent,Paid", True, True),
        ("SENT", True, False),
        (" sent , paid ", True, True),
        ("  Paid", False, True),
    ],
)
def test_parse_command_line_values(text: str, sent: bool, paid: bool) -> None:
    assert StatusChoice.parse(text) == StatusChoice(sent=sent, paid=paid)


@pytest.mark.parametrize(
    "text", ["", " ", "open", "sent,", ",paid", "sent;paid", "sent paid", "sent,sent", "all"]
)
def test_parse_refuses_anything_else_in_both_languages(text: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        StatusChoice.parse(text)
    assert "sent,paid" in caught.value.message("en")
    assert "sent,paid" in caught.value.message("sv")
    assert caught.value.message("en") != caught.value.message("sv")


def test_choice_is_immutable_and_comparable() -> None:
    choice = StatusChoice(sent=True, paid=False)
    with pytest.raises(AttributeError):
        choice.paid = True  # type: ignore[misc]
    assert choice == StatusChoice.parse("sent") != StatusChoice(sent=True, paid=True)
    assert len({choice, StatusChoice.parse("sent")}) == 1
    assert pickle.loads(pickle.dumps(choice)) == choice == copy.copy(choice)
    assert repr(choice) == "StatusChoice(sent=True, paid=False)"
