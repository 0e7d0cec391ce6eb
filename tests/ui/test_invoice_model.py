"""The invoice table's model and model: what each cell shows, how rows sort and filter.

Invoices are built from rows shaped like the service's answer (ids and amounts sometimes numbers,
sometimes strings) through the real parser. Through the model, cells are read with ``cell()``,
which maps to the model and asks it directly.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from qvickly_desk import formatting
from qvickly_desk.columns import (
    COL_BALANCE_DUE,
    COL_DUE_DATE,
    COL_INVOICE_DATE,
    COL_NAME,
    COL_NUMBER,
    COL_PDF,
    COL_STATUS,
    COL_TO_PAY,
    COL_TYPE,
    COLUMN_COUNT,
)
from qvickly_desk.invoices import Invoice, Summary, summarize
from qvickly_desk.ui import invoice_model, table_contents
from qvickly_desk.ui.contrast import blend, contrast_ratio
from qvickly_desk.ui.invoice_model import (
    FILTER_ROLE,
    INVOICE_ROLE,
    SORT_ROLE,
    InvoiceTableModel,
)
from tests.helpers.service_records import invoices_from
from tests.helpers.service_records import service_record as row
from tests.helpers.tooltips import shown_text

# Failures of Qt's own model tester arrive as Qt warnings: they must fail the test.
pytestmark = pytest.mark.qt_log_level_fail("WARNING")

TODAY = date(2026, 3, 15)
NBSP = "\u00a0"
DISPLAY = Qt.ItemDataRole.DisplayRole


# One customer's invoices, with the service's mixed types. Only "9" is overdue.
SAMPLE_ROWS = (
    row("9", topay="1249.50", balancedue="1249.50", duedate="2026-02-01"),  # overdue
    row(
        10,
        name="Örjan Ståhl",
        status="Paid",
        distributor_status="Paid",
        topay=900,
        balancedue=0,
        duedate="2026-01-10",
        fileurl="",
    ),  # paid: past its due date but not overdue
    row(
        "100",
        name="Bo Ek",
        invoicetype="K",
        topay="-100.00",
        balancedue=-100.0,
        invoicedate="0000-00-00",
        duedate="",
    ),  # a credit invoice without dates
    row(
        "11",
        name="ANNA SVENSSON AB",
        status="Created",
        distributor_status="Created",
        topay=89.9,
        balancedue="89.90",
        fileurl="javascript:alert(1)",
    ),
    row(
        "12", invoicetype="RF", topay="500", balancedue="0.00", duedate="2026-03-14"
    ),  # nothing due
)


@pytest.fixture
def sample() -> tuple[Invoice, ...]:
    return invoices_from(*SAMPLE_ROWS)


@pytest.fixture
def model(qapp: QApplication, sample: tuple[Invoice, ...]) -> InvoiceTableModel:
    model = InvoiceTableModel()
    model.set_invoices(sample, TODAY, "sv")
    return model


def cell(model: InvoiceTableModel, row: int, column: int, role: int = DISPLAY) -> object:
    return model.data(model.index(row, column), role)


def column_texts(model: InvoiceTableModel, column: int = COL_NUMBER) -> list[object]:
    return [cell(model, row, column) for row in range(model.rowCount())]


def row_of(model: InvoiceTableModel, number: str) -> int:
    for shown in range(model.rowCount()):
        if model.invoice_at(shown).number == number:
            return shown
    raise AssertionError(f"no invoice {number}")


def texts_of(model: InvoiceTableModel, number: str) -> list[object]:
    row = row_of(model, number)
    return [model.data(model.index(row, column)) for column in range(COLUMN_COUNT)]


# -- Qt's model checks ------------------------------------------------------------------------


def test_the_model_passes_qts_model_tester(
    qtmodeltester: ModelTester, model: InvoiceTableModel, sample: tuple[Invoice, ...]
) -> None:
    qtmodeltester.check(model)
    model.set_invoices(sample[:2], TODAY, "en")
    model.sort(COL_TO_PAY, Qt.SortOrder.DescendingOrder)
    model.clear()
    model.set_invoices(sample, TODAY, "sv")


def test_the_model_passes_the_python_model_tester(
    qtmodeltester: ModelTester, model: InvoiceTableModel, sample: tuple[Invoice, ...]
) -> None:
    qtmodeltester.check(model, force_py=True)
    model.set_invoices(sample[1:], TODAY, "en")
    model.sort(COL_DUE_DATE)
    model.clear()


def test_the_model_passes_qts_model_tester_while_sorting_and_filtering(
    qtmodeltester: ModelTester,
    model: InvoiceTableModel,
    sample: tuple[Invoice, ...],
) -> None:
    qtmodeltester.check(model)
    model.sort(COL_BALANCE_DUE)
    model.set_quick_filter("svensson")
    model.set_invoices(sample[::-1], TODAY, "en")
    model.set_quick_filter("")
    model.clear()
    model.set_invoices(sample, TODAY, "sv")


def test_rows_and_columns_belong_to_the_root_only(model: InvoiceTableModel) -> None:
    assert model.rowCount() == 5
    assert model.columnCount() == COLUMN_COUNT == 9
    child_parent = model.index(0, 0)
    assert model.rowCount(child_parent) == 0
    assert model.columnCount(child_parent) == 0


def test_a_table_view_paints_every_role_without_errors(
    qtbot: QtBot, model: InvoiceTableModel
) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.show()
    qtbot.waitExposed(view)
    assert not view.grab().isNull()  # Python errors inside data() would fail the test here


def test_headers_can_be_read_endlessly(model: InvoiceTableModel) -> None:
    """Views ask for header data all the time; each answer must leave None's count alone.

    PySide6 6.12 on Python 3.11 drops a reference to None whenever an empty QVariant comes back
    from C++ to Python, so calling QAbstractItemModel.headerData from the override would crash
    the interpreter after enough repaints.
    """
    before = sys.getrefcount(None)
    for _ in range(500):
        model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
        model.headerData(COL_NAME, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole)
    assert sys.getrefcount(None) >= before - 100
    assert model.headerData(0, Qt.Orientation.Vertical) == 1


# -- what the cells show ----------------------------------------------------------------------


def test_columns_are_in_the_table_order_with_english_source_headers(
    model: InvoiceTableModel,
) -> None:
    assert list(range(9)) == [
        COL_NUMBER,
        COL_NAME,
        COL_STATUS,
        COL_TYPE,
        COL_INVOICE_DATE,
        COL_DUE_DATE,
        COL_TO_PAY,
        COL_BALANCE_DUE,
        COL_PDF,
    ]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(COLUMN_COUNT)]
    assert headers == [
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


def test_a_swedish_row_reads_as_swedish_staff_expect(model: InvoiceTableModel) -> None:
    assert texts_of(model, "9") == [
        "9",
        "Anna Svensson",
        "Overdue · Sent",  # the marker comes from the translator; none is installed here
        "Faktura",
        "2026-01-01",
        "2026-02-01",
        f"1{NBSP}249,50{NBSP}kr",
        f"1{NBSP}249,50{NBSP}kr",
        "PDF",
    ]


def test_an_english_row_uses_english_labels_and_amounts(
    model: InvoiceTableModel, sample: tuple[Invoice, ...]
) -> None:
    model.set_invoices(sample, TODAY, "en")
    assert texts_of(model, "100") == [
        "100",
        "Bo Ek",
        "Sent",
        "Credit invoice",
        "",
        "",
        f"-SEK{NBSP}100.00",
        f"-SEK{NBSP}100.00",
        "PDF",
    ]
    assert texts_of(model, "11")[COL_TO_PAY] == f"SEK{NBSP}89.90"


def test_a_credit_invoice_shows_negative_amounts(model: InvoiceTableModel) -> None:
    texts = texts_of(model, "100")
    assert texts[COL_TYPE] == "Kreditfaktura"
    assert texts[COL_TO_PAY] == texts[COL_BALANCE_DUE] == f"-100,00{NBSP}kr"


def test_whole_and_float_amounts_from_the_service_show_with_oere(model: InvoiceTableModel) -> None:
    assert texts_of(model, "10")[COL_TO_PAY] == f"900,00{NBSP}kr"  # sent as the int 900
    assert texts_of(model, "11")[COL_TO_PAY] == f"89,90{NBSP}kr"  # sent as the float 89.9


def test_the_pdf_column_says_whether_there_is_a_link_and_why_not(
    model: InvoiceTableModel,
) -> None:
    tooltip = Qt.ItemDataRole.ToolTipRole
    with_link, without, unsafe = (model.index(row_of(model, n), COL_PDF) for n in ("9", "10", "11"))
    assert [model.data(i) for i in (with_link, without, unsafe)] == ["PDF", "—", "—"]
    assert shown_text(model.data(with_link, tooltip)) == "https://invoices.example.test/9.pdf"
    assert shown_text(model.data(without, tooltip)) == "No PDF link for this invoice"
    assert shown_text(model.data(unsafe, tooltip)) == (
        "This link is not http or https and will not be opened"
    )
    accessible = Qt.ItemDataRole.AccessibleTextRole
    assert model.data(with_link, accessible) == "PDF available"
    assert model.data(without, accessible) == "No PDF"


@pytest.mark.parametrize(
    "link",
    [
        "https://invoices.example.test/a.pdf",
        "HTTP://Invoices.Example.TEST:8080/a.pdf?x=1#p2",
        "http://192.0.2.7/a.pdf",
        "  https://invoices.example.test/a.pdf  ",
        "https://user@invoices.example.test/a.pdf",
        "https://[2001:db8::1]/a.pdf",
        "https://invoices.example.test/fakturor/år.pdf",
        "https://invoices.example.test/a b.pdf",
        "https://[2001:db8::1/a.pdf",
        "https:///a.pdf",
        "https:/a.pdf",
        "http://:80/a.pdf",
        "ftp://invoices.example.test/a.pdf",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "//invoices.example.test/a.pdf",
        "",
    ],
)
def test_the_pdf_column_agrees_with_the_link_the_window_will_open(
    qapp: QApplication, link: str
) -> None:
    (invoice,) = invoices_from(row("1", fileurl=link))
    model = InvoiceTableModel()
    model.set_invoices([invoice], TODAY, "sv")
    expected = "PDF" if invoice.pdf_url is not None else "—"
    assert model.data(model.index(0, COL_PDF)) == expected


def test_amounts_are_right_aligned_and_text_is_not(model: InvoiceTableModel) -> None:
    alignment = Qt.ItemDataRole.TextAlignmentRole
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert model.data(model.index(0, COL_TO_PAY), alignment) == right
    assert model.data(model.index(0, COL_BALANCE_DUE), alignment) == right
    assert model.data(model.index(0, COL_NAME), alignment) is None
    header = model.headerData(COL_TO_PAY, Qt.Orientation.Horizontal, alignment)
    assert header == right


def test_line_breaks_and_tabs_in_a_name_or_number_stay_on_one_line(qapp: QApplication) -> None:
    model = InvoiceTableModel()
    model.set_invoices(invoices_from(row("12\n34\t5", name="Anna\tSvensson\nAB")), TODAY, "sv")
    assert model.data(model.index(0, COL_NAME)) == "Anna Svensson AB"
    assert model.data(model.index(0, COL_NUMBER)) == "12 34 5"
    assert model.invoice_at(0).number == "12\n34\t5"  # the invoice itself keeps what was sent


def test_missing_dates_are_blank_and_say_so_to_a_screen_reader(model: InvoiceTableModel) -> None:
    index = model.index(row_of(model, "100"), COL_DUE_DATE)
    assert model.data(index) == ""
    assert model.data(index, Qt.ItemDataRole.AccessibleTextRole) == "No date"


def test_the_invoice_role_gives_the_invoice_itself_through_the_proxy(
    model: InvoiceTableModel, sample: tuple[Invoice, ...]
) -> None:
    model.sort(COL_TO_PAY, Qt.SortOrder.DescendingOrder)
    assert model.index(0, COL_PDF).data(INVOICE_ROLE) is sample[0]
    shown = [model.index(row, 0).data(INVOICE_ROLE) for row in range(model.rowCount())]
    assert sorted(shown, key=id) == sorted(sample, key=id)


def test_invoice_at_follows_the_rows_and_invoices_keeps_the_given_order(
    model: InvoiceTableModel, sample: tuple[Invoice, ...]
) -> None:
    model.sort(COL_NUMBER, Qt.SortOrder.DescendingOrder)
    assert [model.invoice_at(row).number for row in range(5)] == ["100", "12", "11", "10", "9"]
    assert model.invoices() == sample
    with pytest.raises(IndexError):
        model.invoice_at(5)
    with pytest.raises(IndexError):
        model.invoice_at(-1)


def test_clear_empties_the_table(model: InvoiceTableModel, qtbot: QtBot) -> None:
    with qtbot.waitSignal(model.modelReset):
        model.clear()
    assert model.rowCount() == 0
    assert model.invoices() == ()


def test_a_new_lookup_is_one_model_reset(
    model: InvoiceTableModel, sample: tuple[Invoice, ...], qtbot: QtBot
) -> None:
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.assertNotEmitted(model.dataChanged), qtbot.assertNotEmitted(model.rowsInserted):
        model.set_invoices(sample[:3], TODAY, "en")
    assert resets == [True]


# -- overdue ----------------------------------------------------------------------------------


def test_an_overdue_row_is_tinted_marked_in_words_and_with_an_icon(
    model: InvoiceTableModel,
) -> None:
    row = row_of(model, "9")
    background = model.data(model.index(row, COL_NAME), Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QColor) and background.alpha() > 0
    status = model.index(row, COL_STATUS)
    assert model.data(status) == "Overdue · Sent"
    icon = model.data(status, Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    assert isinstance(model.data(status, Qt.ItemDataRole.ForegroundRole), QColor)
    assert model.data(status, Qt.ItemDataRole.AccessibleTextRole) == "Overdue, Sent"
    assert shown_text(model.data(status, Qt.ItemDataRole.ToolTipRole)) == (
        f"Past its due date (2026-02-01) with 1{NBSP}249,50{NBSP}kr still to pay"
    )


@pytest.mark.parametrize("number", ["10", "12", "100", "11"])
def test_paid_settled_credit_and_not_yet_due_invoices_are_not_overdue(
    model: InvoiceTableModel, number: str
) -> None:
    row = row_of(model, number)
    status = model.index(row, COL_STATUS)
    assert "Overdue" not in str(model.data(status))
    assert model.data(status, Qt.ItemDataRole.DecorationRole) is None
    assert model.data(model.index(row, COL_NAME), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(status, Qt.ItemDataRole.ForegroundRole) is None


def test_an_overdue_invoice_without_a_status_still_says_overdue(qapp: QApplication) -> None:
    model = InvoiceTableModel()
    late = row("1", status="", distributor_status="", duedate="2026-03-01")
    model.set_invoices(invoices_from(late), TODAY, "sv")
    assert model.data(model.index(0, COL_STATUS)) == "Overdue"


def test_the_due_date_is_not_late_on_the_day_itself(qapp: QApplication) -> None:
    model = InvoiceTableModel()
    model.set_invoices(invoices_from(row("1", duedate="2026-03-15")), TODAY, "sv")
    assert model.data(model.index(0, COL_STATUS)) == "Sent"
    model.set_invoices(model.invoices(), date(2026, 3, 16), "sv")
    assert model.data(model.index(0, COL_STATUS)) == "Overdue · Sent"


@pytest.fixture
def palette_of(qapp: QApplication) -> Iterator[object]:
    original = QApplication.palette()

    def use(base: str, text: str) -> None:
        palette = QPalette(original)
        palette.setColor(QPalette.ColorRole.Base, QColor(base))
        palette.setColor(QPalette.ColorRole.Text, QColor(text))
        QApplication.setPalette(palette)

    yield use
    QApplication.setPalette(original)


@pytest.mark.parametrize(("base", "text"), [("#ffffff", "#000000"), ("#202020", "#e6e6e6")])
def test_overdue_colours_stay_readable_in_light_and_dark_palettes(
    model: InvoiceTableModel, palette_of: object, base: str, text: str
) -> None:
    palette_of(base, text)  # type: ignore[operator]
    row = row_of(model, "9")
    tint = model.data(model.index(row, COL_NAME), Qt.ItemDataRole.BackgroundRole)
    assert isinstance(tint, QColor)
    background = blend(tint, QColor(base))
    assert contrast_ratio(QColor(text), background) >= 7  # ordinary text on the tinted row
    warning = model.data(model.index(row, COL_STATUS), Qt.ItemDataRole.ForegroundRole)
    assert isinstance(warning, QColor)
    assert contrast_ratio(warning, background) >= 4.5  # the red status text


# -- sorting ----------------------------------------------------------------------------------


def test_amounts_sort_as_numbers_not_as_text(model: InvoiceTableModel) -> None:
    model.sort(COL_TO_PAY, Qt.SortOrder.AscendingOrder)
    # -100.00 < 89.90 < 500 < 900 < 1249.50; as text "-100,00 kr" < "1 249,50 kr" < "500,00 kr"...
    assert column_texts(model) == ["100", "11", "12", "10", "9"]
    model.sort(COL_TO_PAY, Qt.SortOrder.DescendingOrder)
    assert column_texts(model) == ["9", "10", "12", "11", "100"]


def test_balance_due_sorts_as_numbers_with_equal_amounts_in_the_services_order(
    model: InvoiceTableModel,
) -> None:
    model.sort(COL_BALANCE_DUE, Qt.SortOrder.AscendingOrder)
    assert column_texts(model) == ["100", "10", "12", "11", "9"]  # 10 and 12 are both 0.00
    model.sort(COL_BALANCE_DUE, Qt.SortOrder.DescendingOrder)
    assert column_texts(model) == ["9", "11", "10", "12", "100"]


def test_due_dates_sort_by_date_with_missing_dates_first(model: InvoiceTableModel) -> None:
    model.sort(COL_DUE_DATE, Qt.SortOrder.AscendingOrder)
    assert column_texts(model, COL_DUE_DATE) == [
        "",
        "2026-01-10",
        "2026-02-01",
        "2026-03-14",
        "2026-04-01",
    ]


def test_invoice_numbers_sort_as_numbers(model: InvoiceTableModel) -> None:
    model.sort(COL_NUMBER, Qt.SortOrder.AscendingOrder)
    assert column_texts(model) == ["9", "10", "11", "12", "100"]


def test_numbers_that_are_not_all_digits_still_sort_naturally(qapp: QApplication) -> None:
    model = InvoiceTableModel()
    model.set_invoices(invoices_from(*(row(n) for n in ("A10", "a9", 7, "B1", "10"))), TODAY, "sv")
    keys = {type(model.data(model.index(r, COL_NUMBER), SORT_ROLE)) for r in range(5)}
    assert keys == {str}  # one type for the whole column, so Qt compares like with like
    model.sort(COL_NUMBER, Qt.SortOrder.AscendingOrder)
    assert [model.invoice_at(r).number for r in range(5)] == ["7", "10", "a9", "A10", "B1"]


def test_numbers_too_big_for_an_int_key_still_sort_as_numbers(qapp: QApplication) -> None:
    model = InvoiceTableModel()
    numbers = ("30000000000", 999, "2147483648", "2147483647")
    model.set_invoices(invoices_from(*(row(n) for n in numbers)), TODAY, "sv")
    model.sort(COL_NUMBER, Qt.SortOrder.AscendingOrder)
    assert [model.invoice_at(r).number for r in range(4)] == [
        "999",
        "2147483647",
        "2147483648",
        "30000000000",
    ]


def test_sort_keys_are_native_values(model: InvoiceTableModel) -> None:
    row = row_of(model, "9")
    key = {c: model.data(model.index(row, c), SORT_ROLE) for c in range(COLUMN_COUNT)}
    assert key[COL_NUMBER] == 9
    assert key[COL_TO_PAY] == 1249.5
    assert key[COL_DUE_DATE] == date(2026, 2, 1).toordinal()
    assert key[COL_NAME] == "anna svensson"
    missing = model.data(model.index(row_of(model, "100"), COL_INVOICE_DATE), SORT_ROLE)
    assert missing == 0


def test_names_sort_in_swedish_alphabetical_order(qapp: QApplication) -> None:
    model = InvoiceTableModel()
    names = ("Östen", "Ärla", "Åsa", "zeta", "Anna")
    model.set_invoices(
        invoices_from(*(row(i, name=n) for i, n in enumerate(names, 1))), TODAY, "sv"
    )
    model.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert [model.invoice_at(r).name for r in range(5)] == ["Anna", "zeta", "Åsa", "Ärla", "Östen"]


def test_a_new_lookup_is_shown_in_the_current_sort_order(
    model: InvoiceTableModel, sample: tuple[Invoice, ...]
) -> None:
    model.sort(COL_TO_PAY, Qt.SortOrder.DescendingOrder)
    model.set_invoices(sample[::-1], TODAY, "en")
    assert column_texts(model) == ["9", "10", "12", "11", "100"]
    assert model.sort_column == COL_TO_PAY
    assert model.sort_order == Qt.SortOrder.DescendingOrder


def test_unsorting_restores_the_services_order(model: InvoiceTableModel) -> None:
    model.sort(COL_NUMBER, Qt.SortOrder.DescendingOrder)
    model.sort(-1)
    assert column_texts(model) == ["9", "10", "100", "11", "12"]


def test_selected_rows_follow_their_invoice_when_sorted(model: InvoiceTableModel) -> None:
    kept = QPersistentModelIndex(model.index(0, COL_NAME))  # invoice 9
    in_model = QPersistentModelIndex(model.index(2, COL_PDF))  # invoice 100
    model.sort(COL_TO_PAY, Qt.SortOrder.AscendingOrder)
    assert kept.row() == 4 and kept.column() == COL_NAME
    assert kept.data(INVOICE_ROLE).number == "9"
    assert in_model.row() == 0 and in_model.data(INVOICE_ROLE).number == "100"


def test_clicking_a_header_sorts_without_a_python_call_per_comparison(
    qtbot: QtBot, qapp: QApplication
) -> None:
    """The model sorts its own keys; Qt's model sort would ask for two keys per comparison."""
    asked: list[int] = []

    class Counting(InvoiceTableModel):
        def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
            if role == SORT_ROLE:
                asked.append(index.row())
            return super().data(index, role)

    amounts = [f"{(n * 7919) % 10007}.{n % 100:02d}" for n in range(2000)]
    model = Counting()
    model.set_invoices(
        invoices_from(*(row(n, topay=a) for n, a in enumerate(amounts))), TODAY, "sv"
    )
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(COL_TO_PAY) + header.sectionSize(COL_TO_PAY) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )
    assert header.sortIndicatorSection() == COL_TO_PAY
    descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    shown = [float(model.index(r, 0).data(INVOICE_ROLE).to_pay) for r in range(model.rowCount())]
    assert shown == sorted((float(a) for a in amounts), reverse=descending)
    assert asked == []


# -- quick filter -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("svensson", ["9", "11", "12"]),
        ("SVENSSON ab", ["11"]),
        ("örjan", ["10"]),
        ("ÖRJAN", ["10"]),
        ("100", ["100"]),
        ("paid", ["10"]),
        ("Created", ["11"]),
        ("overdue", ["9"]),
        ("kreditfaktura", ["100"]),
        ("  ", ["9", "10", "100", "11", "12"]),
        ("nobody", []),
    ],
)
def test_the_quick_filter_matches_number_name_status_and_type_in_any_case(
    model: InvoiceTableModel, text: str, expected: list[str]
) -> None:
    model.set_quick_filter(text)
    assert column_texts(model) == expected


def test_the_filter_does_not_match_across_fields(model: InvoiceTableModel) -> None:
    model.set_quick_filter("9anna")
    assert model.rowCount() == 0


def test_a_filter_keystroke_is_one_layout_change_without_a_python_call_per_row(
    qtbot: QtBot, qapp: QApplication
) -> None:
    """Filtering 100,000 invoices must not cost one callback, or one signal, per row."""
    asked: list[int] = []

    class Counting(InvoiceTableModel):
        def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
            asked.append(role)
            return super().data(index, role)

    model = Counting()
    # Every third invoice is Paid: the rows the filter keeps come in many separate runs.
    model.set_invoices(
        invoices_from(
            *(
                row(n, status="Sent", distributor_status="Paid" if n % 3 else "Sent")
                for n in range(600)
            )
        ),
        TODAY,
        "en",
    )
    model.sort(COL_NUMBER, Qt.SortOrder.DescendingOrder)
    layouts: list[bool] = []
    model.layoutChanged.connect(lambda: layouts.append(True))
    with (
        qtbot.assertNotEmitted(model.rowsRemoved),
        qtbot.assertNotEmitted(model.rowsInserted),
        qtbot.assertNotEmitted(model.modelReset),
    ):
        model.set_quick_filter("paid")
        assert model.rowCount() == 400
        model.set_quick_filter("")
        assert model.rowCount() == 600
    assert asked == []
    assert layouts == [True, True]


def test_the_filter_role_is_the_lower_case_haystack_of_the_whole_row(
    model: InvoiceTableModel,
) -> None:
    haystack = cell(model, 0, COL_PDF, FILTER_ROLE)
    assert haystack == cell(model, 0, COL_NUMBER, FILTER_ROLE)
    assert haystack == str(haystack).lower()
    assert "anna svensson" in str(haystack)


def test_the_quick_filter_is_stripped_and_a_change_of_case_changes_nothing(
    model: InvoiceTableModel, qtbot: QtBot
) -> None:
    model.set_quick_filter("  Svensson ")
    assert model.quick_filter == "Svensson"
    with qtbot.assertNotEmitted(model.layoutChanged):
        model.set_quick_filter("SVENSSON")
    assert model.quick_filter == "SVENSSON"
    assert column_texts(model) == ["9", "11", "12"]


def test_a_sorted_table_stays_sorted_while_filtering(model: InvoiceTableModel) -> None:
    model.sort(COL_TO_PAY, Qt.SortOrder.DescendingOrder)
    model.set_quick_filter("svensson")
    assert column_texts(model) == ["9", "12", "11"]
    model.set_quick_filter("svensson a")
    assert column_texts(model) == ["11"]
    model.set_quick_filter("s")  # wider again: rows come back in their sorted places
    assert column_texts(model) == ["9", "10", "12", "11", "100"]
    model.sort(COL_NUMBER, Qt.SortOrder.AscendingOrder)
    assert column_texts(model) == ["9", "10", "11", "12", "100"]


def test_selected_rows_stay_selected_while_the_filter_keeps_them(
    qtbot: QtBot, model: InvoiceTableModel
) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
    selection = view.selectionModel()

    def selected() -> list[str]:
        rows = sorted(index.row() for index in selection.selectedRows())
        return [model.index(r, 0).data(INVOICE_ROLE).number for r in rows]

    flags = QItemSelectionModel.SelectionFlag
    for number in ("11", "12"):
        index = model.index(row_of(model, number), COL_NAME)
        selection.setCurrentIndex(index, flags.Select | flags.Rows)
    model.set_quick_filter("svensson")  # keeps 9, 11 and 12
    assert selected() == ["11", "12"]
    assert selection.currentIndex().data(INVOICE_ROLE).number == "12"
    assert selection.currentIndex().column() == COL_NAME
    model.set_quick_filter("svensson ab")  # only 11
    assert selected() == ["11"]
    assert not selection.currentIndex().isValid()
    model.sort(COL_TO_PAY, Qt.SortOrder.AscendingOrder)
    model.set_quick_filter("")
    assert selected() == ["11"]
    assert model.index(1, 0).data(INVOICE_ROLE).number == "11"  # sorted by amount again
    model.set_quick_filter("nobody")
    assert selected() == []
    assert not selection.hasSelection()


def test_persistent_indexes_follow_their_invoice_or_end_when_it_is_hidden(
    model: InvoiceTableModel,
) -> None:
    kept = QPersistentModelIndex(model.index(row_of(model, "12"), COL_TYPE))
    hidden = QPersistentModelIndex(model.index(row_of(model, "10"), COL_PDF))
    model.set_quick_filter("svensson")
    assert kept.row() == 2 and kept.column() == COL_TYPE
    assert kept.data(INVOICE_ROLE).number == "12"
    assert not hidden.isValid()
    model.sort(COL_NUMBER, Qt.SortOrder.DescendingOrder)
    assert kept.row() == 0 and kept.data(INVOICE_ROLE).number == "12"


def test_the_model_passes_qts_model_tester_while_filtering(
    qtmodeltester: ModelTester, model: InvoiceTableModel, sample: tuple[Invoice, ...]
) -> None:
    qtmodeltester.check(model)
    model.set_quick_filter("svensson")
    model.sort(COL_TO_PAY, Qt.SortOrder.DescendingOrder)
    model.set_quick_filter("anna")
    model.set_invoices(sample[::-1], TODAY, "en")
    model.set_quick_filter("nobody")
    model.set_quick_filter("")
    model.clear()


def test_the_model_passes_the_python_model_tester_while_filtering(
    qtmodeltester: ModelTester, model: InvoiceTableModel
) -> None:
    qtmodeltester.check(model, force_py=True)
    model.set_quick_filter("svensson")
    model.sort(COL_NAME)
    model.set_quick_filter("")
    model.sort(-1)


def test_filtering_and_sorting_combine_and_survive_a_new_lookup(
    model: InvoiceTableModel, sample: tuple[Invoice, ...]
) -> None:
    model.set_quick_filter("svensson")
    model.sort(COL_TO_PAY, Qt.SortOrder.AscendingOrder)
    assert column_texts(model) == ["11", "12", "9"]
    model.set_invoices(sample[::-1], TODAY, "sv")
    assert column_texts(model) == ["11", "12", "9"]
    model.set_quick_filter("")
    assert model.rowCount() == 5


def test_filtering_by_type_follows_the_language(
    model: InvoiceTableModel, sample: tuple[Invoice, ...]
) -> None:
    model.set_invoices(sample, TODAY, "en")
    model.set_quick_filter("credit invoice")
    assert column_texts(model) == ["100"]


# -- amounts and the summary ------------------------------------------------------------------


def test_the_summary_counts_open_and_overdue_and_sums_what_is_open(
    sample: tuple[Invoice, ...],
) -> None:
    assert summarize(sample, TODAY) == Summary(
        invoice_count=5, open_count=4, overdue_count=1, balance_due=Decimal("1239.40")
    )
    assert summarize((), TODAY) == Summary(0, 0, 0, Decimal(0))
    assert summarize(sample, date(2026, 1, 1)).overdue_count == 0


def test_the_models_summary_covers_every_invoice_whatever_the_filter_shows(
    model: InvoiceTableModel, sample: tuple[Invoice, ...]
) -> None:
    model.set_quick_filter("bo ek")
    assert model.summary() == summarize(sample, TODAY)
    model.set_invoices(sample[:2], date(2026, 1, 1), "sv")
    assert model.summary() == summarize(sample[:2], date(2026, 1, 1))
    model.clear()
    assert model.summary() == Summary(0, 0, 0, Decimal(0))


@pytest.mark.parametrize("needle", ["", "1", "bo", "anna", "paid", "förfallen", "k", "zzz"])
def test_the_summary_of_the_rows_shown_is_what_summarize_gives_for_them(
    model: InvoiceTableModel, needle: str
) -> None:
    """Open, paid, credited, overdue and nothing-due invoices, whatever the filter and sort."""
    model.set_quick_filter(needle)
    for column in (-1, COL_NUMBER):
        model.sort(column, Qt.SortOrder.DescendingOrder)
        shown = model.invoices_at(range(model.rowCount()))
        assert model.shown_summary() == summarize(shown, TODAY)
    model.set_invoices(model.invoices()[1:], date(2026, 1, 1), "sv")  # a new answer, new flags
    shown = model.invoices_at(range(model.rowCount()))
    assert model.shown_summary() == summarize(shown, date(2026, 1, 1))


def test_cells_are_formatted_once_not_when_painted(
    model: InvoiceTableModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("formatted while reading a cell")

    # Every way a cell could be formatted on the fly: amounts, and whole rows.
    monkeypatch.setattr(table_contents, "amount_text", refuse)
    monkeypatch.setattr(formatting, "amount_text", refuse)
    monkeypatch.setattr(table_contents, "prepare_table_contents", refuse)
    monkeypatch.setattr(invoice_model, "prepare_table_contents", refuse)
    assert model.rowCount() > 0
    for shown in range(model.rowCount()):
        for column in range(COLUMN_COUNT):
            model.data(model.index(shown, column))
            model.data(model.index(shown, column), SORT_ROLE)


def test_what_a_column_fit_measures_does_not_change_with_the_quick_filter(
    model: InvoiceTableModel,
) -> None:
    widest = model.widest_positions()
    numbers = [model.text_of(position, COL_NUMBER) for position in widest[COL_NUMBER]]
    model.set_quick_filter("anna")  # hides most invoices, the widest among them
    assert model.widest_positions() == widest
    assert [model.text_of(position, COL_NUMBER) for position in widest[COL_NUMBER]] == numbers
    shown = model.rows_of(widest[COL_NUMBER])
    assert len(shown) < len(widest[COL_NUMBER])
    assert all(model.text_at(row, COL_NUMBER) in numbers for row in shown)
