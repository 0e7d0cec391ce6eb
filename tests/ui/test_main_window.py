"""The lookup window against the sandbox over real HTTP: what an agent types, sees and opens."""

from __future__ import annotations

import logging
import sys
import threading
import urllib.request
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QThread, Slot
from PySide6.QtWidgets import QApplication, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from qvickly_desk.columns import COL_DUE_DATE, COL_STATUS, COL_TO_PAY
from qvickly_desk.credentials import CredentialStore
from qvickly_desk.export import rows_as_tsv, write_csv
from qvickly_desk.invoices import Invoice
from qvickly_desk.sandbox import BIG_CUSTOMER_PNO, DEMO_EID, DEMO_SECRET, SandboxServer
from qvickly_desk.sandbox.data import BIG_CUSTOMER_INVOICES
from qvickly_desk.settings import Settings
from qvickly_desk.ui import invoice_model, lookup_jobs
from qvickly_desk.ui.credentials_dialog import CredentialsDialog
from qvickly_desk.ui.invoice_model import INVOICE_ROLE
from qvickly_desk.ui.main_window import MainWindow
from qvickly_desk.ui.message_area import MessageKind
from qvickly_desk.ui.table_contents import TableContents, prepare_table_contents
from qvickly_desk.ui.ui_settings import UiSettings
from tests.helpers.window import LONG, MakeWindow, UrlRecorder, sandbox_services, search

# Every test talks HTTP to the sandbox; any Qt warning fails it, save the offscreen platform's
# note that it cannot pass size hints to a window manager it does not have.
pytestmark = [
    pytest.mark.integration,
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]

PERSON = "195501011018"
ALL_PERSON_INVOICES = ["1001", "1002", "1003", "1004", "1005", "1006", "1007", "1008"]


def start_search(qtbot: QtBot, window: MainWindow, number: str = PERSON) -> None:
    """Type and press Enter without waiting for the answer."""
    edit = window.search_bar.number_edit
    edit.clear()
    qtbot.keyClicks(edit, number)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def numbers(window: MainWindow) -> list[str]:
    return [invoice.number for invoice in window.table.visible_invoices()]


def select_invoice(window: MainWindow, number: str) -> int:
    """Select the row of invoice ``number`` in the view; returns its row."""
    for row, invoice in enumerate(window.table.visible_invoices()):
        if invoice.number == number:
            window.table.selectRow(row)
            return row
    raise AssertionError(f"invoice {number} is not shown")


def click_header(qtbot: QtBot, window: MainWindow, column: int) -> None:
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def row_center(window: MainWindow, row: int) -> QPoint:
    return window.table.visualRect(window.model.index(row, 0)).center()


def double_click(qtbot: QtBot, window: MainWindow, row: int) -> None:
    """Press, release, then the double-click: the events a real double-click delivers."""
    viewport, position = window.table.viewport(), row_center(window, row)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=position)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=position)


def focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=LONG)


# -- starting and searching ------------------------------------------------------------------------


def test_the_window_is_titled_qvickly_and_the_number_field_has_focus(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert "Qvickly" in window.windowTitle()
    assert window.mode_badge.isVisible()  # the test settings ask for the service's test mode
    assert window.mode_badge.text() == "Test mode"
    qtbot.waitUntil(lambda: window.focusWidget() is window.search_bar.number_edit, timeout=LONG)
    assert window.search_bar.number_edit.placeholderText()
    assert window.search_bar.number_edit.accessibleName()


def test_demo_shows_a_demo_marker_in_the_title_and_the_window(
    make_window: MakeWindow, sandbox: SandboxServer
) -> None:
    window = make_window(sandbox_services(sandbox, demo=True))
    assert "Demo" in window.windowTitle()
    assert window.mode_badge.isVisible()
    assert window.mode_badge.text() == "Demo"


def test_typing_a_number_and_enter_fills_the_table_and_the_summary(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window, "19550101-1018")
    assert sorted(numbers(window)) == ALL_PERSON_INVOICES
    summary = window.summary_label.text()
    assert "8 invoices" in summary
    assert "5 open" in summary
    assert "overdue" in summary
    assert "Balance due SEK\u00a01,103.40" in summary
    assert window.message_area.kind() is None
    assert not window.search_bar.is_busy()


def test_the_rows_of_an_answer_are_prepared_off_the_gui_thread(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """For a customer with thousands of invoices this is what would freeze the window."""
    threads: list[threading.Thread] = []

    def recording(*args: Any, **kwargs: Any) -> TableContents:
        threads.append(threading.current_thread())
        return prepare_table_contents(*args, **kwargs)

    def refuse(*args: Any, **kwargs: Any) -> TableContents:
        raise AssertionError("rows prepared on the GUI thread")

    monkeypatch.setattr(lookup_jobs, "prepare_table_contents", recording)
    monkeypatch.setattr(invoice_model, "prepare_table_contents", refuse)
    search(qtbot, window, BIG_CUSTOMER_PNO)
    assert window.model.rowCount() == BIG_CUSTOMER_INVOICES
    assert threads and threading.main_thread() not in threads
    assert window.summary_label.text().startswith(f"{BIG_CUSTOMER_INVOICES:,} invoices")


@pytest.mark.parametrize("field", ["number", "filter"])
def test_a_field_with_text_offers_a_clear_button_that_empties_it(
    qtbot: QtBot, window: MainWindow, field: str
) -> None:
    edit = window.search_bar.number_edit if field == "number" else window.filter_edit
    qtbot.keyClicks(edit, "19550101")
    assert edit.isClearButtonEnabled()
    [button] = [b for b in edit.findChildren(QToolButton) if b.isVisible()]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert edit.text() == ""


@pytest.mark.parametrize(
    ("sent", "paid", "expected"),
    [
        (True, False, ["1001", "1002", "1003", "1006", "1007"]),
        (False, True, ["1004", "1005", "1008"]),
        (True, True, ALL_PERSON_INVOICES),
    ],
    ids=["sent-only", "paid-only", "both"],
)
def test_each_status_choice_shows_its_invoices(
    qtbot: QtBot, window: MainWindow, sent: bool, paid: bool, expected: list[str]
) -> None:
    window.search_bar.sent_box.setChecked(sent)
    window.search_bar.paid_box.setChecked(paid)
    search(qtbot, window)
    assert sorted(numbers(window)) == expected


def test_with_neither_status_ticked_search_is_disabled_with_a_hint_and_nothing_is_sent(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    bar = window.search_bar
    bar.sent_box.setChecked(False)
    bar.paid_box.setChecked(False)
    assert not bar.search_button.isEnabled()
    assert bar.status_hint.isVisible()
    assert "Tick" in bar.status_hint.text()
    qtbot.keyClicks(bar.number_edit, PERSON)
    qtbot.keyClick(bar.number_edit, Qt.Key.Key_Return)
    assert sandbox.request_count == 0
    bar.paid_box.setChecked(True)
    assert bar.search_button.isEnabled()
    assert not bar.status_hint.isVisible()


def test_a_wrong_number_is_explained_under_the_field_and_never_sent(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    bar = window.search_bar
    qtbot.keyClicks(bar.number_edit, "1955")
    assert bar.feedback_text() == ""  # no nagging while the number is still being typed
    qtbot.keyClicks(bar.number_edit, "01011019")  # wrong check digit
    assert "check digit" in bar.feedback_text()
    qtbot.keyClick(bar.number_edit, Qt.Key.Key_Return)
    assert "check digit" in bar.feedback_text()
    bar.search_button.click()
    assert sandbox.request_count == 0
    assert window.model.rowCount() == 0

    bar.number_edit.clear()
    qtbot.keyClicks(bar.number_edit, "19550x")
    assert "'x'" in bar.feedback_text()  # a letter is pointed out at once

    bar.number_edit.clear()
    qtbot.keyClicks(bar.number_edit, "19550101")
    qtbot.keyClick(bar.number_edit, Qt.Key.Key_Return)  # incomplete, but Enter asks for a verdict
    assert "8 digits" in bar.feedback_text()
    assert sandbox.request_count == 0


# -- sorting, overdue, filtering -------------------------------------------------------------------


def test_clicking_the_amount_header_sorts_by_amount_as_numbers(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window)
    click_header(qtbot, window, COL_TO_PAY)
    first = [invoice.to_pay for invoice in window.table.visible_invoices()]
    assert first in (sorted(first), sorted(first, reverse=True))
    assert first[0] != first[-1]
    click_header(qtbot, window, COL_TO_PAY)
    second = [invoice.to_pay for invoice in window.table.visible_invoices()]
    assert second == list(reversed(first))
    assert Decimal("-695.00") in (second[0], second[-1])  # the credit invoice sorts as negative


def test_clicking_the_due_date_header_sorts_by_date(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window)
    click_header(qtbot, window, COL_DUE_DATE)
    first = [invoice.due_date for invoice in window.table.visible_invoices()]
    assert first in (sorted(first), sorted(first, reverse=True))  # type: ignore[type-var]
    click_header(qtbot, window, COL_DUE_DATE)
    second = [invoice.due_date for invoice in window.table.visible_invoices()]
    assert second == list(reversed(first))


def test_overdue_rows_are_marked_by_text_and_colour(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window)
    today = date.today()
    proxy = window.model
    overdue_rows = 0
    for row in range(proxy.rowCount()):
        index = proxy.index(row, COL_STATUS)
        invoice: Invoice = index.data(INVOICE_ROLE)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if invoice.is_overdue(today):
            overdue_rows += 1
            assert "Overdue" in text
            assert background is not None
        else:
            assert "Overdue" not in text
            assert background is None
    assert overdue_rows >= 1
    assert f"{overdue_rows} overdue" in window.summary_label.text()


def test_ctrl_f_focuses_the_quick_filter_which_narrows_the_rows(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window)
    focus(qtbot, window.table)
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filter_edit.hasFocus()
    qtbot.keyClicks(window.filter_edit, "paid")
    assert sorted(numbers(window)) == ["1004", "1008"]
    assert window.summary_label.text().startswith("Showing 2 of 8 · 0 open · 0 overdue")
    assert "all: 5 open" in window.summary_label.text()
    window.filter_edit.clear()
    assert len(numbers(window)) == 8
    assert "Showing" not in window.summary_label.text()


def test_a_filter_that_hides_the_selected_row_selects_a_shown_one(
    qtbot: QtBot, window: MainWindow, opened_urls: UrlRecorder
) -> None:
    search(qtbot, window)
    select_invoice(window, "1001")
    qtbot.keyClicks(window.filter_edit, "interest")
    assert numbers(window) == ["1007"]
    assert [invoice.number for invoice in window.table.selected_invoices()] == ["1007"]
    focus(qtbot, window.table)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert [
        url.fileName() for url in opened_urls.urls
    ] and "1007" not in window.summary_label.text()


# -- opening PDFs ----------------------------------------------------------------------------------


def test_open_pdf_button_opens_the_selected_invoices_pdf_from_the_sandbox(
    qtbot: QtBot, window: MainWindow, opened_urls: UrlRecorder
) -> None:
    search(qtbot, window)
    select_invoice(window, "1001")
    assert window.open_pdf_button.isEnabled()
    qtbot.mouseClick(window.open_pdf_button, Qt.MouseButton.LeftButton)
    assert len(opened_urls.urls) == 1
    url = opened_urls.urls[0].toString()
    assert url == window.table.current_invoice().pdf_url  # type: ignore[union-attr]
    with urllib.request.urlopen(url, timeout=10) as answer:  # the sandbox really serves it
        assert answer.read(5) == b"%PDF-"


def test_double_click_opens_the_rows_pdf(
    qtbot: QtBot, window: MainWindow, opened_urls: UrlRecorder
) -> None:
    search(qtbot, window)
    row = select_invoice(window, "1002")
    double_click(qtbot, window, row)
    assert [url.toString() for url in opened_urls.urls] == [
        window.model.index(row, 0).data(INVOICE_ROLE).pdf_url
    ]


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier),
        (Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier),
    ],
    ids=["return", "enter", "ctrl-o"],
)
def test_keys_in_the_table_open_the_selected_pdf(
    qtbot: QtBot,
    window: MainWindow,
    opened_urls: UrlRecorder,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier,
) -> None:
    search(qtbot, window)
    select_invoice(window, "1007")
    focus(qtbot, window.table)
    qtbot.keyClick(window.table, key, modifier)
    assert len(opened_urls.urls) == 1
    assert opened_urls.urls[0].toString().endswith(".pdf")


def test_return_in_the_number_field_searches_instead_of_opening_a_pdf(
    qtbot: QtBot, window: MainWindow, opened_urls: UrlRecorder, sandbox: SandboxServer
) -> None:
    search(qtbot, window)
    search(qtbot, window)
    assert sandbox.request_count == 2
    assert opened_urls.urls == []


def test_links_that_are_not_http_are_refused_with_a_message_and_never_opened(
    qtbot: QtBot, window: MainWindow, opened_urls: UrlRecorder, sandbox: SandboxServer
) -> None:
    sandbox.faults.hostile_links = True
    search(qtbot, window)
    refused = 0
    for row, invoice in enumerate(window.table.visible_invoices()):
        if invoice.link_problem != "scheme":
            continue
        refused += 1
        window.message_area.clear()
        window.table.selectRow(row)
        window.window_actions.open_pdf.trigger()
        double_click(qtbot, window, row)
        assert window.message_area.kind() == MessageKind.WARNING
        assert "only http and https" in window.message_area.text()
        assert f"({invoice.link_scheme}:)" in window.message_area.text()
    assert refused >= 4  # javascript:, file:, smb:, data:
    assert opened_urls.urls == []


def test_a_row_without_a_link_has_open_pdf_disabled_and_says_why(
    qtbot: QtBot, window: MainWindow, opened_urls: UrlRecorder
) -> None:
    search(qtbot, window)
    row = select_invoice(window, "1003")  # the sandbox's invoice without a PDF
    assert not window.window_actions.open_pdf.isEnabled()
    assert not window.open_pdf_button.isEnabled()
    assert "no PDF link" in window.open_pdf_button.toolTip()
    double_click(qtbot, window, row)
    assert opened_urls.urls == []
    assert "has no PDF link" in window.message_area.text()


# -- cancelling, superseding, closing --------------------------------------------------------------


def test_escape_cancels_a_running_search_and_its_answer_is_dropped(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    sandbox.faults.delay = 60
    start_search(qtbot, window)
    assert window.search_bar.is_busy()
    assert window.search_bar.progress.isVisible()
    qtbot.waitUntil(lambda: sandbox.request_count == 1, timeout=LONG)
    with qtbot.waitSignal(window.answer_dropped, timeout=LONG):
        qtbot.keyClick(window.search_bar.number_edit, Qt.Key.Key_Escape)
        assert not window.search_bar.is_busy()
    assert window.model.rowCount() == 0
    assert window.message_area.kind() == MessageKind.INFO
    assert "cancelled" in window.message_area.text()


def test_a_new_search_supersedes_the_running_one_whose_answer_never_shows(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    dropped: list[int] = []
    window.answer_dropped.connect(dropped.append)
    sandbox.faults.delay = 60
    start_search(qtbot, window, PERSON)
    qtbot.waitUntil(lambda: sandbox.request_count == 1, timeout=LONG)
    sandbox.faults.delay = 0
    search(qtbot, window, "5566779988")
    # One worker answers in order: by now the first request has been answered too, and dropped.
    assert len(dropped) == 1
    assert sorted(numbers(window)) == ["2001", "2002", "2003", "2004"]
    assert window.message_area.kind() is None


def test_closing_the_window_during_a_search_is_clean(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    sandbox.faults.delay = 60
    start_search(qtbot, window)
    qtbot.waitUntil(lambda: sandbox.request_count == 1, timeout=LONG)
    thread = window.findChild(QThread)
    assert thread is not None and thread.isRunning()
    window.close()
    assert thread.isFinished()


# -- the message area ------------------------------------------------------------------------------


def message_after_search(qtbot: QtBot, window: MainWindow, number: str = PERSON) -> str:
    search(qtbot, window, number)
    assert window.message_area.isVisible()
    return window.message_area.text()


def test_a_wrong_secret_says_the_credentials_were_refused(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(secret="not-the-secret")
    text = message_after_search(qtbot, window)
    assert window.message_area.kind() == MessageKind.ERROR
    assert text.startswith("Credentials refused")
    assert "code 9013" in text
    assert "not-the-secret" not in text
    assert window.model.rowCount() == 0


def test_a_tampered_answer_is_rejected_and_nothing_is_shown(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    sandbox.faults.tamper_data = True
    text = message_after_search(qtbot, window)
    assert window.message_area.kind() == MessageKind.ERROR
    assert text.startswith("Answer rejected")
    assert "signature does not match" in text
    assert "log id" in text
    assert window.model.rowCount() == 0


def test_a_timeout_says_how_long_was_waited(
    qtbot: QtBot, make_window: MakeWindow, sandbox: SandboxServer
) -> None:
    window = make_window(read_timeout=0.5)
    sandbox.faults.delay = 5
    text = message_after_search(qtbot, window)
    assert window.message_area.kind() == MessageKind.WARNING
    assert text.startswith("No answer in time")
    assert "within 0.5 seconds" in text


def test_no_connection_names_the_host(qtbot: QtBot, make_window: MakeWindow) -> None:
    closed = SandboxServer().start()
    url = closed.url
    closed.stop()  # nothing listens on its port any more
    services = sandbox_services(
        settings=Settings(api_url=url, test_mode=True, connect_timeout=5.0, read_timeout=5.0)
    )
    window = make_window(services)
    text = message_after_search(qtbot, window)
    assert text.startswith("No connection")
    assert "127.0.0.1" in text


def test_an_html_page_instead_of_an_answer_is_named_as_such(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    sandbox.faults.http_status = 502
    text = message_after_search(qtbot, window)
    assert text.startswith("Server trouble")
    assert "HTTP status 502" in text


def test_no_invoices_is_information_with_the_number_as_typed_formatted(
    qtbot: QtBot, window: MainWindow, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    text = message_after_search(qtbot, window, "195505050558")
    assert window.message_area.kind() == MessageKind.INFO
    assert text == "No invoices for 19550505-0558."  # the agent typed it and sees it
    assert "0558" not in caplog.text  # logs stay masked
    assert window.model.rowCount() == 0


def test_each_kind_of_trouble_reads_differently(
    qtbot: QtBot, make_window: MakeWindow, sandbox: SandboxServer
) -> None:
    seen: dict[str, str] = {}
    window = make_window(secret="wrong-secret")
    seen["wrong secret"] = message_after_search(qtbot, window).split("\n")[0]
    window = make_window()
    for name, fault, value in (
        ("tampered", "tamper_data", True),
        ("html page", "http_status", 503),
        ("empty", "empty_body", True),
    ):
        sandbox.faults.reset()
        setattr(sandbox.faults, fault, value)
        seen[name] = message_after_search(qtbot, window).split("\n")[0]
    sandbox.faults.reset()
    seen["none"] = message_after_search(qtbot, window, "195505050558")
    assert len(set(seen.values())) == len(seen), seen


def test_a_message_can_be_selected_and_closed(qtbot: QtBot, window: MainWindow) -> None:
    message_after_search(qtbot, window, "195505050558")
    label = window.message_area.findChild(QWidget, "messageText")
    flags = label.textInteractionFlags()  # type: ignore[union-attr]
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    window.message_area.clear()
    assert not window.message_area.isVisible()


# -- copying and exporting -------------------------------------------------------------------------


def test_ctrl_c_copies_the_selected_rows_as_tab_separated_text_with_a_header(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window)
    focus(qtbot, window.table)
    qtbot.keyClick(window.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text()
    assert copied == rows_as_tsv(window.table.visible_invoices(), "en")
    lines = copied.strip("\r\n").splitlines()
    assert len(lines) == 9
    assert "\t" in lines[0]
    assert lines[0].split("\t")[0] != window.table.visible_invoices()[0].number  # a header first


def test_selecting_all_of_a_big_customers_rows_never_walks_them_all_through_the_model(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt's header and ``selectedRows()`` ask the model about every row once all are selected:
    seconds frozen at 100,000 invoices. Selecting, painting and copying must not."""
    search(qtbot, window, BIG_CUSTOMER_PNO)
    focus(qtbot, window.table)
    asked: list[int] = []
    row_count = invoice_model.InvoiceTableModel.rowCount.__code__

    def profile(frame: Any, event: str, _arg: object) -> None:
        if event == "call" and frame.f_code is row_count:
            asked.append(1)

    QApplication.clipboard().clear()
    sys.setprofile(profile)
    try:
        qtbot.keyClick(window.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        window.table.viewport().repaint()
        window.table.horizontalHeader().viewport().repaint()
        qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    finally:
        sys.setprofile(None)

    def copied() -> list[str]:
        return QApplication.clipboard().text().strip("\n").splitlines()

    qtbot.waitUntil(lambda: len(copied()) == BIG_CUSTOMER_INVOICES + 1, timeout=LONG)
    assert asked, "the model's rowCount was not seen at all"
    assert len(asked) < BIG_CUSTOMER_INVOICES


def test_copy_invoice_number_and_pdf_link(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window)
    select_invoice(window, "1001")
    window.window_actions.copy_number.trigger()
    assert QApplication.clipboard().text() == "1001"
    window.window_actions.copy_link.trigger()
    assert QApplication.clipboard().text() == window.table.current_invoice().pdf_url  # type: ignore[union-attr]
    select_invoice(window, "1003")
    assert not window.window_actions.copy_link.isEnabled()


def test_export_writes_the_visible_rows_in_the_order_shown(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    search(qtbot, window)
    click_header(qtbot, window, COL_TO_PAY)
    qtbot.keyClicks(window.filter_edit, "Sent")
    shown = window.table.visible_invoices()
    assert 0 < len(shown) < 8
    target = tmp_path / "export.csv"
    window.commands.choose_export_path = lambda: str(target)  # type: ignore[method-assign]
    qtbot.keyClick(window.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert target.is_file()
    expected = tmp_path / "expected.csv"
    write_csv(expected, shown, "en")
    assert target.read_bytes() == expected.read_bytes()
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    assert "exported" in window.message_area.text()


# -- remembering and the keyboard ------------------------------------------------------------------


def test_window_state_is_remembered_but_never_a_number_or_a_result(
    qtbot: QtBot,
    make_window: MakeWindow,
    ui_settings: UiSettings,
    ui_settings_path: Path,
) -> None:
    window = make_window()
    window.resize(900, 520)  # the default is larger in both directions
    window.search_bar.paid_box.setChecked(False)
    search(qtbot, window)
    click_header(qtbot, window, COL_DUE_DATE)
    window.table.setColumnWidth(COL_STATUS, 222)
    window.close()

    text = ui_settings_path.read_text(encoding="utf-8", errors="replace")
    for personal in ("5501011018", "550101", "1018", "Åsa", "Bäckström", "1001", "1249"):
        assert personal not in text

    again = make_window(settings=UiSettings.from_file(ui_settings_path))
    # The offscreen screen is 800 px wide: the width comes back as far as the screen allows.
    assert again.height() == 520
    assert again.width() < 1000
    assert again.search_bar.status_choice() == (True, False)
    header = again.table.horizontalHeader()
    assert header.sortIndicatorSection() == COL_DUE_DATE
    assert header.sectionSize(COL_STATUS) == 222


def test_tab_from_the_number_reaches_the_table_in_two_steps(
    qtbot: QtBot, window: MainWindow
) -> None:
    bar = window.search_bar
    expected = [window.filter_edit, window.table]
    focus(qtbot, bar.number_edit)
    walked = []
    for _ in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        walked.append(QApplication.focusWidget())
    assert walked == expected


def test_every_menu_action_has_a_shortcut_or_a_mnemonic(window: MainWindow) -> None:
    for menu_action in window.menuBar().actions():
        assert "&" in menu_action.text()
        for action in menu_action.menu().actions():  # type: ignore[union-attr]
            if action.isSeparator():
                continue
            assert "&" in action.text() or not action.shortcut().isEmpty(), action.text()
    assert "Ctrl+," in [key.toString() for key in window.window_actions.credentials.shortcuts()]
    assert window.window_actions.quit.shortcut().toString() == "Ctrl+Q"
    assert window.window_actions.export.shortcut().toString() == "Ctrl+E"


def test_the_language_menu_saves_the_choice_for_the_next_start(
    window: MainWindow, ui_settings: UiSettings
) -> None:
    english = next(
        a for a in window.findChildren(type(window.window_actions.quit)) if a.data() == "en"
    )
    english.trigger()
    assert ui_settings.language_override() == "en"
    assert "started again" in window.message_area.text()


# -- credentials at first start --------------------------------------------------------------------


def test_first_start_without_credentials_opens_the_credentials_dialog(
    qtbot: QtBot,
    make_window: MakeWindow,
    sandbox: SandboxServer,
    credential_store: CredentialStore,
) -> None:
    services = sandbox_services(
        settings=Settings(api_url=sandbox.url, test_mode=True), store=credential_store
    )
    window = make_window(services)
    window.check_credentials()
    qtbot.waitUntil(lambda: window.findChild(CredentialsDialog) is not None, timeout=LONG)
    dialog = window.findChild(CredentialsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


class ProbeAnswers(QObject):
    """Receives the keyring probe's answer on the GUI thread (waitSignal would take it on the
    worker thread and stop its timer from there)."""

    def __init__(self) -> None:
        super().__init__()
        self.missing: list[bool] = []

    @Slot(bool, object)
    def record(self, missing: bool, _error: object) -> None:
        self.missing.append(missing)


def test_stored_credentials_open_no_dialog(
    qtbot: QtBot,
    make_window: MakeWindow,
    sandbox: SandboxServer,
    credential_store: CredentialStore,
) -> None:
    credential_store.save(DEMO_EID, DEMO_SECRET)
    services = sandbox_services(
        settings=Settings(api_url=sandbox.url, test_mode=True), store=credential_store
    )
    window = make_window(services)
    answers = ProbeAnswers()  # lives on the GUI thread, so the probe's answer is queued to it
    window.credentials.probe.finished.connect(answers.record)
    window.check_credentials()
    qtbot.waitUntil(lambda: answers.missing == [False], timeout=LONG)
    assert window.findChild(CredentialsDialog) is None
    search(qtbot, window)
    assert len(numbers(window)) == 8


# -- unreadable rows and the model -----------------------------------------------------------------


def test_rows_that_cannot_be_read_are_a_warning_beside_the_rows_that_can(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    good = {
        "status": "Sent",
        "name": "Märta Ågren",
        "invoicedate": "2026-01-10",
        "duedate": "2099-02-09",
        "topay": "100.00",
        "invoiceid_real": "7001",
        "fileurl": "",
        "balancedue": "100.00",
        "invoicetype": "F",
        "distributor_status": "Sent",
    }
    sandbox.add_customer("197001011233", [good, {**good, "invoiceid_real": "7002", "topay": "x"}])
    search(qtbot, window, "197001011233")
    assert numbers(window) == ["7001"]
    assert window.message_area.kind() == MessageKind.WARNING
    text = window.message_area.text()
    assert "1 row of the answer could not be read" in text
    assert "7002: topay" in text
    assert "Märta" not in text


def test_the_model_behind_the_table_passes_qt_model_checks(
    qtbot: QtBot, window: MainWindow, qtmodeltester: object
) -> None:
    search(qtbot, window)
    qtbot.keyClicks(window.filter_edit, "sent")
    qtmodeltester.check(window.model)  # type: ignore[attr-defined]


def test_a_shown_message_is_reachable_by_tab_and_copied_with_ctrl_c(
    qtbot: QtBot, window: MainWindow
) -> None:
    message_after_search(qtbot, window, "195505050558")
    focus(qtbot, window.search_bar.search_button)
    qtbot.keyClick(window.search_bar.search_button, Qt.Key.Key_Tab)
    label = QApplication.focusWidget()
    assert label is window.message_area.findChild(QWidget, "messageText")
    qtbot.keyClick(label, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "No invoices for 19550505-0558."
