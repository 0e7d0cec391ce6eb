"""Preparing the table's rows: the same on any thread, translated, naming the widest texts, and
the texts, keys and orders made later the same as those made up front."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from qvickly_desk.columns import (
    COL_BALANCE_DUE,
    COL_DUE_DATE,
    COL_NAME,
    COL_NUMBER,
    COL_STATUS,
    COL_TO_PAY,
    COLUMN_COUNT,
)
from qvickly_desk.errors import CancelledError
from qvickly_desk.invoices import Invoice, parse_invoices, summarize
from qvickly_desk.ui.table_contents import (
    WIDEST_CANDIDATES,
    RowOrder,
    TableContents,
    prepare_table_contents,
)

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


def on_a_thread(make: Callable[[], object]) -> object:
    made: list[object] = []
    thread = threading.Thread(target=lambda: made.append(make()))
    thread.start()
    thread.join()
    return made[0]


def test_rows_made_on_another_thread_are_translated_and_equal_to_the_gui_threads(
    qapp: QApplication, translators: Callable[[str], None]
) -> None:
    translators("sv")
    sample = invoices(("1", "Åsa", "12.50"), ("late-2", "Bo", "1249.50"))

    def everything(contents: TableContents) -> object:
        return (
            [contents.row_texts(position) for position in range(2)],
            [contents.sort_keys(column) for column in range(COLUMN_COUNT)],
            contents.haystacks(),
            contents.summary,
        )

    here = everything(prepare_table_contents(sample, TODAY, "sv"))
    there = on_a_thread(lambda: everything(prepare_table_contents(sample, TODAY, "sv")))
    assert there == here
    # Made there, shown here: the texts a row is painted with come from the window's thread.
    handed_over = on_a_thread(lambda: prepare_table_contents(sample, TODAY, "sv"))
    assert isinstance(handed_over, TableContents)
    assert everything(handed_over) == here
    assert [handed_over.text(p, COL_STATUS) for p in range(2)] == ["Skickad", "Förfallen · Skickad"]
    assert [handed_over.text(p, COL_TO_PAY) for p in range(2)] == [
        "12,50\u00a0kr",
        "1\u00a0249,50\u00a0kr",
    ]
    assert handed_over.summary.overdue_count == 1
    assert list(handed_over.overdue) == [0, 1]


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
    assert {len(prepared.text(p, COL_NUMBER)) for p in prepared.widest[COL_NUMBER]} == {2}


def test_a_large_credit_is_among_the_widest_amounts_as_well_as_the_largest_amount() -> None:
    rows = [(str(n), "Anna", f"{n}.00") for n in range(60)]
    rows[20] = ("20", "Anna", "99999.00")
    rows[40] = ("40", "Anna", "-123456.00")  # "-123 456,00 kr": the longest text
    prepared = prepare_table_contents(invoices(*rows), TODAY, "sv")
    for column in (COL_TO_PAY, COL_BALANCE_DUE):
        assert prepared.widest[column][:2] == (40, 20)
        assert len(prepared.widest[column]) == WIDEST_CANDIDATES


def test_an_amount_that_repeats_is_measured_once_at_its_first_place() -> None:
    rows = [(str(n), "Anna", f"{n % 4}.00") for n in range(30)]
    rows[3] = ("3", "Anna", "5000.00")
    rows[9] = ("9", "Anna", "5000.0")  # the same amount, written otherwise
    rows[12] = ("12", "Anna", "-800.00")
    prepared = prepare_table_contents(invoices(*rows), TODAY, "sv")
    widest = prepared.widest[COL_TO_PAY]
    assert widest[:2] == (3, 12) and 9 not in widest
    texts = [prepared.text(position, COL_TO_PAY) for position in widest]
    assert len(set(texts)) == len(texts)
    assert widest[2:] == (0, 1, 2, 7)  # 0.00 to 3.00, each at its first place (3 is taken)


def test_an_order_made_with_the_contents_is_the_order_a_later_sort_makes() -> None:
    rows = [(str(n), name, f"{(n * 37) % 11}.00") for n, name in enumerate("BCAÅÄÖZBAC" * 3)]
    rows[4] = ("late-4", "Ärla", "5.00")
    for column in range(COLUMN_COUNT):
        for descending in (False, True):
            prepared = prepare_table_contents(
                invoices(*rows), TODAY, "sv", order=RowOrder(column, descending)
            )
            later = prepare_table_contents(invoices(*rows), TODAY, "sv")
            made_later = later.sorted_positions(column, descending)
            keys = later.sort_keys(column)
            ordered = [keys[position] for position in made_later]
            assert ordered == sorted(keys, reverse=descending)
            assert prepared.sorted_positions(column, descending) == made_later
            # Asked for another order, the prepared one is not handed out.
            assert prepared.sorted_positions(column, not descending) == later.sorted_positions(
                column, not descending
            )
    names = prepare_table_contents(invoices(*rows), TODAY, "sv")
    by_name = [names.text(p, COL_NAME) for p in names.sorted_positions(COL_NAME, False)]
    assert list(dict.fromkeys(by_name)) == ["A", "B", "C", "Z", "Å", "Ä", "Ärla", "Ö"]


def test_the_due_date_of_an_overdue_invoice_is_shown_and_keyed_by_its_day() -> None:
    prepared = prepare_table_contents(invoices(("late-1", "Bo", "10.00")), TODAY, "en")
    assert prepared.text(0, COL_DUE_DATE) == "2026-03-01"
    assert prepared.sort_keys(COL_DUE_DATE) == [date(2026, 3, 1).toordinal()]


def test_no_invoices_make_empty_rows() -> None:
    empty = TableContents.empty(TODAY, "en")
    assert empty.invoices == ()
    assert empty.summary.invoice_count == 0
    assert empty.numbers == []
    assert empty.haystacks() == []
    assert all(empty.sort_keys(column) == [] for column in range(COLUMN_COUNT))
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
        prepare_table_contents(many, TODAY, "en", should_stop=lambda: False).summary.invoice_count
        == 5000
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


def test_each_haystack_is_its_rows_number_name_status_and_type_in_lower_case(
    qapp: QApplication, translators: Callable[[str], None]
) -> None:
    """Made once per distinct name, status and type: rows that share them still each get their
    own number, and an overdue row its own status, whatever the type (one not yet shown too)."""
    translators("sv")
    rows = [
        {
            "invoiceid_real": number,
            "name": name,
            "status": "Created",
            "distributor_status": distributor,
            "invoicedate": "2026-01-01",
            "duedate": "2026-03-01" if late else "2026-04-01",
            "topay": "10.00",
            "balancedue": "10.00",
            "invoicetype": kind,
        }
        for number, name, distributor, late, kind in (
            ("A-1", "Åsa Öberg", "Sent", False, "F"),
            ("A-2", "Åsa Öberg", "Sent", True, "F"),
            ("77", "Åsa Öberg", "Sent", False, "F"),
            ("78", "BO\tLUND", "", True, "k"),
            ("ΟΔΟΣ-9", "Åsa Öberg", "Paid", False, "XY"),
        )
    ]
    contents = prepare_table_contents(parse_invoices(rows).invoices, TODAY, "sv")
    contents._kinds.clear()  # as if no type had been shown yet
    assert contents.haystacks() == [
        "a-1\nåsa öberg\nskickad\ncreated\nfaktura",
        "a-2\nåsa öberg\nförfallen · skickad\ncreated\nfaktura",
        "77\nåsa öberg\nskickad\ncreated\nfaktura",
        "78\nbo lund\nförfallen · skapad\ncreated\nkreditfaktura",
        "οδος-9\nåsa öberg\nbetald\ncreated\nxy",
    ]
