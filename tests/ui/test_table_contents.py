"""Preparing the table's rows: the same on any thread, translated, and naming the widest texts."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from qvickly_desk.columns import COL_NAME, COL_NUMBER, COL_STATUS, COL_TO_PAY
from qvickly_desk.errors import CancelledError
from qvickly_desk.invoices import Invoice, parse_invoices, summarize
from qvickly_desk.ui.table_contents import WIDEST_CANDIDATES, TableContents, prepare_table_contents

TODAY = date(2026, 3, 15)


def invoices(*rows: tuple[str, str, str]) -> tuple[Invoice, ...]:
    """Invoices from (number, name, to pay) triples, due after TODAY unless said otherwise."""
    parsed = parse_invoices(
        [
            {
                "invoiceid_real": number,
                "name": name,
                "status": "Sent",
                "distributor_status": "Sent",
                "invoicedate": "2026-01-01",
                "duedate": "2026-03-01" if number.startswith("late") else "2026-04-01",
                "topay": amount,
                "balancedue": amount,
                "invoicetype": "F",
                "fileurl": "https://example.com/a.pdf",
            }
            for number, name, amount in rows
        ]
    )
    assert not parsed.row_errors
    return parsed.invoices


def on_a_thread(make: Callable[[], TableContents]) -> TableContents:
    made: list[TableContents] = []
    thread = threading.Thread(target=lambda: made.append(make()))
    thread.start()
    thread.join()
    return made[0]


def test_rows_made_on_another_thread_are_translated_and_equal_to_the_gui_threads(
    qapp: QApplication, translators: Callable[[str], None]
) -> None:
    translators("sv")
    sample = invoices(("1", "Åsa", "12.50"), ("late-2", "Bo", "1249.50"))
    here = prepare_table_contents(sample, TODAY, "sv")
    there = on_a_thread(lambda: prepare_table_contents(sample, TODAY, "sv"))
    assert there.display == here.display
    assert there.keys == here.keys
    assert there.haystacks == here.haystacks
    assert there.display[COL_STATUS] == ["Skickad", "Förfallen · Skickad"]
    assert there.display[COL_TO_PAY] == ["12,50\u00a0kr", "1\u00a0249,50\u00a0kr"]
    assert there.summary.overdue_count == 1


def test_the_widest_texts_of_each_column_are_named_once_each_longest_first() -> None:
    rows = [(str(n), "Anna", "1.00") for n in range(40)]
    rows[7] = ("7", "Maximiliana Östergren-Lindqvist", "1.00")
    rows[31] = ("31", "Anna", "123456789.00")
    rows[35] = ("35", "Maximiliana Östergren-Lindqvist", "1.00")  # the same name again
    prepared = prepare_table_contents(invoices(*rows), TODAY, "en")
    assert prepared.widest[COL_TO_PAY][0] == 31
    names = prepared.widest[COL_NAME]
    assert names == (7, 0)  # two distinct names, the first place each occurs
    assert len(prepared.widest[COL_NUMBER]) == WIDEST_CANDIDATES
    assert {len(prepared.display[COL_NUMBER][p]) for p in prepared.widest[COL_NUMBER]} == {2}


def test_no_invoices_make_empty_rows() -> None:
    empty = TableContents.empty(TODAY, "en")
    assert empty.invoices == ()
    assert empty.summary.count == 0
    assert all(column == [] for column in empty.display)
    assert all(widest == () for widest in empty.widest)


def test_preparing_stops_when_the_search_is_no_longer_wanted() -> None:
    many = invoices(*((str(n), "Anna", "1.00") for n in range(5000)))
    asked: list[int] = []

    def stop_on_the_second_question() -> bool:
        asked.append(1)
        return len(asked) >= 2

    with pytest.raises(CancelledError):
        prepare_table_contents(many, TODAY, "en", should_stop=stop_on_the_second_question)
    assert len(asked) == 2  # asked at the start and a few thousand invoices in
    assert (
        prepare_table_contents(many, TODAY, "en", should_stop=lambda: False).summary.count == 5000
    )


def test_the_summary_counted_with_the_rows_is_the_one_summarize_gives(qapp: QApplication) -> None:
    """Open, overdue, paid, cancelled and credited invoices, due before, on and after today."""
    rows = [
        {
            "invoiceid_real": str(number),
            "status": status,
            "distributor_status": distributor,
            "duedate": due,
            "balancedue": balance,
            "topay": balance,
        }
        for number, (status, distributor, due, balance) in enumerate(
            [
                (status, distributor, due, balance)
                for status in ("Sent", "Paid", "Cancelled", "Factoring")
                for distributor in ("", "Sent", "Paid", "Cancelled")
                for due in ("2026-03-14", "2026-03-15", "2026-03-16", "")
                for balance in ("100.00", "0", "-50.00")
            ]
        )
    ]
    many = parse_invoices(rows).invoices
    assert len(many) == 192
    assert prepare_table_contents(many, TODAY, "sv").summary == summarize(many, TODAY)
