"""Finding a customer by what the caller has at hand, and the details pane, on the sandbox over
real HTTP: each search mode, the hint, the chooser, the header, the pane's states, the arrow-key
flood, related invoices and superseded answers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QThread
from PySide6.QtGui import QFontInfo, QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qvickly_desk.errors import InvoiceNotFoundError
from qvickly_desk.sandbox import BIG_CUSTOMER_PNO, SandboxServer
from qvickly_desk.sandbox.people import NO_PNO_CUSTOMER_NAME, NO_PNO_CUSTOMER_NUMBER
from qvickly_desk.search_modes import SearchMode
from qvickly_desk.ui.customer_chooser import CustomerChooser
from qvickly_desk.ui.main_window import MainWindow
from tests.helpers.window import LONG, MakeWindow, UrlRecorder, search

pytestmark = [
    pytest.mark.integration,
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]

PERSON = "195501011018"
NOBODY = "197001011233"  # valid, with no invoices at the sandbox


def active(qtbot: QtBot, window: MainWindow) -> MainWindow:
    """The window with the keyboard: window-wide keys (Ctrl+1…4, F6, Ctrl+J) reach it."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=LONG)
    return window


@pytest.fixture
def window(qtbot: QtBot, make_window: MakeWindow) -> MainWindow:
    return active(qtbot, make_window())


def numbers(window: MainWindow) -> list[str]:
    return [invoice.number for invoice in window.table.visible_invoices()]


def find(qtbot: QtBot, window: MainWindow, mode: SearchMode, text: str) -> bool:
    """Switch the mode by its key, type, Enter, and wait for the lookup to finish."""
    bar = window.search_bar
    key = {SearchMode.IDENTITY: "1", SearchMode.INVOICE: "2"}.get(mode)
    key = key or {SearchMode.CUSTOMER: "3", SearchMode.NAME: "4"}[mode]
    qtbot.keyClick(
        bar.number_edit, getattr(Qt.Key, f"Key_{key}"), Qt.KeyboardModifier.ControlModifier
    )
    assert bar.mode() is mode
    bar.number_edit.clear()
    qtbot.keyClicks(bar.number_edit, text)
    with qtbot.waitSignal(window.lookup_finished, timeout=LONG) as finished:
        qtbot.keyClick(bar.number_edit, Qt.Key.Key_Return)
    return bool(finished.args and finished.args[1])


def current_number(window: MainWindow) -> str:
    invoice = window.table.current_invoice()
    return invoice.number if invoice is not None else ""


def wait_shown(qtbot: QtBot, window: MainWindow, number: str) -> None:
    pane = window.find_flow.pane
    qtbot.waitUntil(
        lambda: (
            pane.state() == "shown"
            and pane.details() is not None
            and pane.details().number == number
        ),  # type: ignore[union-attr]
        timeout=LONG,
    )


# -- the modes ------------------------------------------------------------------------------------


def test_the_mode_is_visible_and_ctrl_keys_switch_it(qtbot: QtBot, window: MainWindow) -> None:
    bar = window.search_bar
    assert bar.mode_buttons[SearchMode.IDENTITY].isChecked()
    for index, mode in enumerate(SearchMode, start=1):
        qtbot.keyClick(
            bar.number_edit, getattr(Qt.Key, f"Key_{index}"), Qt.KeyboardModifier.ControlModifier
        )
        assert bar.mode() is mode and bar.mode_buttons[mode].isChecked()
        assert bar.mode_buttons[mode].isVisible()
    assert bar.number_label.text() == "&Name:"


def test_an_invoice_number_finds_its_customer_with_that_invoice_selected_and_shown(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    assert find(qtbot, window, SearchMode.INVOICE, "1004")
    assert "1004" in numbers(window) and len(numbers(window)) == 8
    assert current_number(window) == "1004"
    before = sandbox.request_count
    wait_shown(qtbot, window, "1004")
    assert sandbox.request_count == before  # the details came with the search
    header = window.find_flow.header.text()
    assert "Åsa Bäckström" in header and "19550101-1018" in header and "8 invoices" in header


def test_an_unknown_invoice_number_says_so_plainly(qtbot: QtBot, window: MainWindow) -> None:
    assert not find(qtbot, window, SearchMode.INVOICE, "999999")
    assert "999999" in window.message_area.text()
    assert numbers(window) == [] and window.find_flow.header.text() == ""


def test_an_invoice_without_identity_number_shows_just_that_invoice(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert find(qtbot, window, SearchMode.CUSTOMER, NO_PNO_CUSTOMER_NUMBER)
    some = numbers(window)[0]
    assert find(qtbot, window, SearchMode.INVOICE, some)
    assert numbers(window) == [some]


def test_a_customer_number_shows_that_customers_invoices(qtbot: QtBot, window: MainWindow) -> None:
    assert find(qtbot, window, SearchMode.CUSTOMER, "502")
    assert numbers(window)
    assert all(i.name == "Testbolaget AB" for i in window.table.visible_invoices())
    assert "customer 502" in window.find_flow.header.text()


def test_a_valid_personal_number_is_never_searched_as_an_invoice_number(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    bar = window.search_bar
    bar.choose_mode(SearchMode.INVOICE)
    qtbot.keyClicks(bar.number_edit, PERSON)
    before = sandbox.request_count
    assert not bar.request_search()
    assert sandbox.request_count == before
    assert "not an invoice number" in bar.feedback_text()
    assert "Ctrl+1" in bar.hint_text()


def test_a_short_number_in_identity_mode_offers_the_invoice_mode(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    bar = window.search_bar
    qtbot.keyClicks(bar.number_edit, "1004")
    assert bar.hint_text() == "1004 looks like an invoice number — Ctrl+2"
    before = sandbox.request_count
    qtbot.keyClick(bar.number_edit, Qt.Key.Key_Return)
    assert sandbox.request_count == before and bar.feedback_text()
    qtbot.keyClick(bar.number_edit, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert bar.hint_text() == ""
    with qtbot.waitSignal(window.lookup_finished, timeout=LONG):
        qtbot.keyClick(bar.number_edit, Qt.Key.Key_Return)
    assert current_number(window) == "1004"


def test_letters_offer_the_name_mode(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search_bar.number_edit, "Åsa")
    assert "Ctrl+4" in window.search_bar.hint_text()


# -- the name chooser -----------------------------------------------------------------------------


def test_one_name_match_is_taken_at_once(qtbot: QtBot, window: MainWindow) -> None:
    assert find(qtbot, window, SearchMode.NAME, "Tolvan")
    qtbot.waitUntil(lambda: len(numbers(window)) > 100, timeout=LONG)
    assert window.find_flow.chooser is None
    assert "Tolvan Tolvansson" in window.find_flow.header.text()


def test_no_name_match_says_so(qtbot: QtBot, window: MainWindow) -> None:
    assert find(qtbot, window, SearchMode.NAME, "Nobody Atall")
    assert "No customer's name matches “Nobody Atall”" in window.message_area.text()


def test_many_matches_open_a_chooser_that_says_how_many_and_narrows(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert find(qtbot, window, SearchMode.NAME, "Åsa")
    chooser = window.find_flow.chooser
    assert isinstance(chooser, CustomerChooser)
    qtbot.waitExposed(chooser)
    assert chooser.count_label.text().startswith("2 customers match “Åsa”")
    assert chooser.model.rowCount() == 2
    qtbot.keyClicks(chooser.narrow_edit, "kiruna")
    assert chooser.model.rowCount() == 1
    assert chooser.current_record().name == NO_PNO_CUSTOMER_NAME  # type: ignore[union-attr]
    with qtbot.waitSignal(window.lookup_finished, timeout=LONG):
        qtbot.keyClick(chooser.narrow_edit, Qt.Key.Key_Return)
    assert numbers(window)
    header = window.find_flow.header.text()
    assert NO_PNO_CUSTOMER_NAME in header and f"customer {NO_PNO_CUSTOMER_NUMBER}" in header


def test_arrows_in_the_chooser_pick_another_row(qtbot: QtBot, window: MainWindow) -> None:
    assert find(qtbot, window, SearchMode.NAME, "Åsa")
    chooser = window.find_flow.chooser
    assert chooser is not None
    first = chooser.current_record()
    qtbot.keyClick(chooser.narrow_edit, Qt.Key.Key_Down)
    second = chooser.current_record()
    assert second is not None and first is not None and second.name != first.name
    with qtbot.waitSignal(window.lookup_finished, timeout=LONG):
        qtbot.keyClick(chooser.narrow_edit, Qt.Key.Key_Return)
    assert second.name in window.find_flow.header.text()


# -- the header and stale results -----------------------------------------------------------------


def test_the_header_says_whose_invoices_and_marks_them_once_the_field_moves_on(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert search(qtbot, window, "5566779988")
    header = window.find_flow.header
    assert "Testbolaget AB" in header.text() and "asked for: Sent and paid" in header.text()
    assert not header.is_stale()
    window.search_bar.number_edit.clear()
    qtbot.keyClicks(window.search_bar.number_edit, "195501011019")
    qtbot.keyClick(window.search_bar.number_edit, Qt.Key.Key_Return)  # refused: wrong digit
    assert header.is_stale() and header.text().startswith("Earlier search (556677-9988)")
    window.search_bar.number_edit.setText("5566779988")
    assert not header.is_stale()


def test_unticking_paid_searches_again_and_says_so(qtbot: QtBot, window: MainWindow) -> None:
    assert search(qtbot, window, PERSON)
    assert len(numbers(window)) == 8
    with qtbot.waitSignal(window.lookup_finished, timeout=LONG):
        window.search_bar.paid_box.click()
    assert sorted(numbers(window)) == ["1001", "1002", "1003", "1006", "1007"]
    assert "asked for: Sent only" in window.find_flow.header.text()


def test_enter_on_a_checkbox_searches(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search_bar.number_edit, PERSON)
    window.search_bar.sent_box.setFocus()
    with qtbot.waitSignal(window.lookup_finished, timeout=LONG):
        qtbot.keyClick(window.search_bar.sent_box, Qt.Key.Key_Return)
    assert len(numbers(window)) == 8


# -- the details pane -----------------------------------------------------------------------------


def test_the_pane_follows_the_row_and_shows_the_details_as_plain_text(
    qtbot: QtBot, window: MainWindow
) -> None:
    pane = window.find_flow.pane
    assert pane.state() == "none"
    assert search(qtbot, window, PERSON)
    first = current_number(window)
    wait_shown(qtbot, window, first)
    text = pane.text_view.toPlainText()
    assert f"Invoice {first}" in text and "Billing address" in text and "Balance due" in text
    assert pane.title.textFormat() == Qt.TextFormat.PlainText
    assert QFontInfo(pane.text_view.font()).fixedPitch()  # its columns line up
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    wait_shown(qtbot, window, current_number(window))
    assert current_number(window) != first


def test_a_filter_that_hides_every_row_empties_the_pane_and_clearing_it_brings_a_row_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The pane never shows an invoice the table does not: no row left, no details."""
    pane = window.find_flow.pane
    assert search(qtbot, window, PERSON)
    wait_shown(qtbot, window, current_number(window))
    qtbot.keyClicks(window.filter_edit, "no such invoice")
    assert window.model.rowCount() == 0
    assert pane.state() == "none" and pane.details() is None
    window.filter_edit.clear()
    assert window.model.rowCount() > 0
    wait_shown(qtbot, window, current_number(window))


def test_a_filter_that_hides_the_current_row_moves_the_pane_to_a_selected_row_still_shown(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert search(qtbot, window, PERSON)
    model, selection = window.model, window.table.selectionModel()
    row_of = {model.invoice_at(row).number: row for row in range(model.rowCount())}
    flags = QItemSelectionModel.SelectionFlag
    selection.select(model.index(row_of["1003"], 0), flags.ClearAndSelect | flags.Rows)
    selection.setCurrentIndex(model.index(row_of["1007"], 0), flags.Select | flags.Rows)
    wait_shown(qtbot, window, "1007")
    window.filter_edit.setText("1003")  # 1007 goes, 1003 stays selected
    assert numbers(window) == ["1003"]
    wait_shown(qtbot, window, "1003")


def test_filtering_that_keeps_the_current_row_leaves_its_details_where_they_were(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert search(qtbot, window, PERSON)
    first = current_number(window)
    wait_shown(qtbot, window, first)
    bar = window.find_flow.pane.text_view.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0  # the details are longer than the pane
    qtbot.keyClicks(window.filter_edit, first)
    assert numbers(window) == [first]
    assert bar.value() == bar.maximum() > 0  # not shown again from the top


def test_the_details_thread_starts_with_the_first_row_shown_not_with_the_window(
    qtbot: QtBot, window: MainWindow
) -> None:
    def threads() -> list[str]:
        return [thread.objectName() for thread in window.findChildren(QThread)]

    qtbot.waitExposed(window)
    assert "lookup" in threads() and "details" not in threads()
    assert search(qtbot, window, PERSON)
    wait_shown(qtbot, window, current_number(window))
    assert "details" in threads()


def test_loading_then_shown(qtbot: QtBot, window: MainWindow, sandbox: SandboxServer) -> None:
    assert search(qtbot, window, PERSON)
    wait_shown(qtbot, window, current_number(window))
    sandbox.faults.delay = 1.5
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    pane = window.find_flow.pane
    qtbot.waitUntil(lambda: pane.state() == "loading", timeout=LONG)
    sandbox.faults.delay = 0
    wait_shown(qtbot, window, current_number(window))


def test_a_details_error_stays_in_the_pane_with_a_retry(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    assert search(qtbot, window, PERSON)
    pane = window.find_flow.pane
    sandbox.faults.http_status = 503
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: pane.state() == "error", timeout=LONG)
    assert "could not be loaded" in pane.error_label.text()
    assert window.message_area.text() == ""  # never in the window's message area
    assert len(numbers(window)) == 8  # the table keeps working
    sandbox.faults.reset()
    pane.retry_button.click()
    wait_shown(qtbot, window, current_number(window))


def test_holding_an_arrow_over_200_rows_sends_one_call(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    assert search(qtbot, window, BIG_CUSTOMER_PNO)
    wait_shown(qtbot, window, current_number(window))
    before = sandbox.request_count
    start = window.table.currentIndex().row()  # the first row with a PDF
    window.table.setFocus()
    for _ in range(200):
        qtbot.keyClick(window.table, Qt.Key.Key_Down)
    wait_shown(qtbot, window, current_number(window))
    assert window.table.currentIndex().row() == start + 200
    assert sandbox.request_count - before == 1


def test_coming_back_to_a_row_shows_the_kept_details_without_a_call(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    assert search(qtbot, window, PERSON)
    first = current_number(window)
    wait_shown(qtbot, window, first)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    wait_shown(qtbot, window, current_number(window))
    before = sandbox.request_count
    qtbot.keyClick(window.table, Qt.Key.Key_Up)
    assert window.find_flow.pane.details().number == first  # type: ignore[union-attr]
    assert sandbox.request_count == before


def test_the_related_invoice_is_one_key_away(qtbot: QtBot, window: MainWindow) -> None:
    assert find(qtbot, window, SearchMode.INVOICE, "1005")  # credited by 1006
    wait_shown(qtbot, window, "1005")
    assert window.find_flow.pane.related_number() == "1006"
    qtbot.keyClick(window.table, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert current_number(window) == "1006"
    wait_shown(qtbot, window, "1006")


def test_a_related_invoice_not_in_the_table_is_looked_up(qtbot: QtBot, window: MainWindow) -> None:
    assert find(qtbot, window, SearchMode.INVOICE, "1005")
    window.filter_edit.setText("1005")
    wait_shown(qtbot, window, "1005")
    window.find_flow.go_to_invoice("1006")  # hidden by the filter: the filter goes
    assert current_number(window) == "1006" and window.filter_edit.text() == ""


def test_an_answer_for_an_earlier_search_is_never_shown(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    assert search(qtbot, window, PERSON)
    wait_shown(qtbot, window, current_number(window))
    sandbox.faults.delay = 1.0
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.find_flow.loader.is_loading(), timeout=LONG)
    qtbot.wait(400)  # the call for the person's second row is in flight
    sandbox.faults.delay = 0
    qtbot.keyClick(window.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert search(qtbot, window, "5566779988")
    company_first = current_number(window)
    wait_shown(qtbot, window, company_first)
    qtbot.wait(1200)  # the earlier answer has come and gone
    details = window.find_flow.pane.details()
    assert details is not None and details.number == company_first
    assert details.customer_name == "Testbolaget AB"


def test_f6_collapses_the_pane_and_its_size_is_remembered(
    qtbot: QtBot, make_window: MakeWindow, ui_settings_path: object
) -> None:
    window = active(qtbot, make_window())
    flow = window.find_flow
    assert flow.pane_open()
    qtbot.keyClick(window.search_bar.number_edit, Qt.Key.Key_F6)
    assert not flow.pane_open()
    window.close()
    from qvickly_desk.ui.ui_settings import UiSettings

    again = active(qtbot, make_window(settings=UiSettings.from_file(str(ui_settings_path))))
    assert not again.find_flow.pane_open()
    qtbot.keyClick(again.search_bar.number_edit, Qt.Key.Key_F6)
    assert again.find_flow.pane_open()


def test_pdf_and_copy_actions(qtbot: QtBot, window: MainWindow, opened_urls: UrlRecorder) -> None:
    assert find(qtbot, window, SearchMode.INVOICE, "1004")
    wait_shown(qtbot, window, "1004")
    pane = window.find_flow.pane
    pane.copy_email_button.click()
    assert QGuiApplication.clipboard().text() == "asa.backstrom@example.se"
    pane.copy_address_button.click()
    assert "Storgatan 1" in QGuiApplication.clipboard().text()
    pane.copy_all_button.click()
    assert "Invoice 1004" in QGuiApplication.clipboard().text()
    pane.pdf_button.click()
    assert [url.scheme() for url in opened_urls.urls] == ["http"]


def test_the_search_row_does_not_overlap_at_800_px(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() <= 800, timeout=LONG)
    QApplication.processEvents()
    bar = window.search_bar
    field = bar.number_edit.geometry()
    for widget in (bar.sent_box, bar.paid_box, *bar.mode_buttons.values()):
        assert not field.intersects(widget.geometry())
        assert widget.geometry().right() <= bar.width()


def test_no_details_available_says_so_in_the_pane(qtbot: QtBot, window: MainWindow) -> None:
    assert search(qtbot, window, PERSON)
    invoice = window.table.current_invoice()
    assert invoice is not None
    window.find_flow.loader.failed.emit(invoice, InvoiceNotFoundError("5201", subject="x"))
    pane = window.find_flow.pane
    assert pane.state() == "none"
    assert pane.none_label.text() == f"No details are available for invoice {invoice.number}."
    assert window.message_area.text() == ""


def test_an_answer_for_an_earlier_row_is_never_shown(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    assert search(qtbot, window, PERSON)
    wait_shown(qtbot, window, current_number(window))
    shown: list[str] = []
    window.find_flow.loader.loaded.connect(lambda invoice, _loaded: shown.append(invoice.number))
    sandbox.faults.delay = 1.0
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    second = current_number(window)
    qtbot.waitUntil(lambda: window.find_flow.loader.call_count > 0, timeout=LONG)
    qtbot.wait(300)  # the second row's call is in flight
    sandbox.faults.delay = 0
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    third = current_number(window)
    wait_shown(qtbot, window, third)
    qtbot.wait(1200)  # the second row's answer has come and gone
    assert second not in shown and shown[-1] == third
    assert window.find_flow.pane.details().number == third  # type: ignore[union-attr]


def test_no_invoices_says_which_statuses_were_asked_for(qtbot: QtBot, window: MainWindow) -> None:
    window.search_bar.sent_box.setChecked(False)
    assert search(qtbot, window, "195501011018")
    assert "asked for: Paid only" in window.find_flow.header.text()
    assert search(qtbot, window, NOBODY)
    assert numbers(window) == []
    assert "no invoices · asked for: Paid only" in window.find_flow.header.text()


def test_an_invoice_outside_the_statuses_asked_for_is_named(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.search_bar.paid_box.setChecked(False)
    assert find(qtbot, window, SearchMode.INVOICE, "1004")  # paid
    assert "1004" not in numbers(window) and numbers(window)
    assert "Invoice 1004 is Åsa Bäckström's, but not among the statuses" in (
        window.message_area.text()
    )


def test_a_credit_invoice_says_what_the_customer_has_to_their_credit(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    # A negative balance is owed to the customer: never "balance due -695,00".
    for language, expected in (("en", "credit to the customer SEK"), ("sv", "kunden har tillgodo")):
        window = active(qtbot, make_window(language=language))
        assert find(qtbot, window, SearchMode.INVOICE, "1006")
        wait_shown(qtbot, window, "1006")
        title = window.find_flow.pane.title.text()
        assert expected in title and "695" in title, title
        assert "-" not in title.split("·")[-1] and "−" not in title, title


def test_the_hint_and_the_header_speak_swedish(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = active(qtbot, make_window(language="sv"))
    bar = window.search_bar
    qtbot.keyClicks(bar.number_edit, "1004")
    assert bar.hint_text() == "1004 ser ut som ett fakturanummer — Ctrl+2"
    assert find(qtbot, window, SearchMode.INVOICE, "1004")
    assert bar.number_label.text() == "Faktura&nummer:"
    assert "8 fakturor · sökt: Skickade och betalda" in window.find_flow.header.text()
    wait_shown(qtbot, window, "1004")
    assert window.find_flow.pane.title.text().startswith("Faktura 1004 · Betald")
