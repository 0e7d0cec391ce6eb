"""What an agent trips over at the desk: what the summary, the messages and the keyboard tell
and do while the customer waits on the phone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QColor, QContextMenuEvent, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QTableWidget, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from qvickly_desk.columns import COL_PDF, COL_STATUS, COL_TO_PAY
from qvickly_desk.formatting import format_amount
from qvickly_desk.invoices import RowError, parse_invoices, summarize
from qvickly_desk.sandbox import BIG_CUSTOMER_PNO, SandboxServer
from qvickly_desk.ui.contrast import blend, contrast_ratio
from qvickly_desk.ui.main_window import MainWindow
from qvickly_desk.ui.message_area import MessageKind
from qvickly_desk.ui.row_problems import row_problem_message
from qvickly_desk.ui.shortcut_overview import shortcut_rows
from qvickly_desk.ui.ui_settings import UiSettings
from tests.helpers.service_records import service_record
from tests.helpers.window import MakeWindow, UrlRecorder, search


def test_the_summary_totals_what_the_filter_shows_beside_all(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window, BIG_CUSTOMER_PNO)
    every = window.model.summary()
    window.filter_edit.setText("overdue")
    shown = window.table.visible_invoices()
    assert 0 < len(shown) < every.invoice_count
    visible = summarize(shown, window.model.today)
    head, _, rest = window.summary_label.text().partition(" — ")
    assert head.startswith(f"Showing {len(shown):,} of {every.invoice_count:,} · ")
    assert f"{visible.overdue_count:,} overdue" in head
    assert format_amount(visible.balance_due, "en") in head
    assert format_amount(every.balance_due, "en") in rest
    assert visible.balance_due != every.balance_due
    assert QApplication.instance() is not None


@pytest.mark.parametrize("language", ["sv", "en"])
def test_copied_rows_carry_the_status_as_the_table_shows_it(
    qtbot: QtBot, make_window: MakeWindow, language: str
) -> None:
    window = make_window(language=language)
    search(qtbot, window)
    window.table.selectAll()
    window.window_actions.copy_rows.trigger()
    pasted = QApplication.clipboard().text().splitlines()[1:]
    shown = [
        window.model.index(row, COL_STATUS).data(Qt.ItemDataRole.DisplayRole)
        for row in range(window.model.rowCount())
    ]
    assert [line.split("\t")[COL_STATUS] for line in pasted] == shown
    assert any(("Förfallen" if language == "sv" else "Overdue") in text for text in shown)


class _EditingBinding(QObject):
    """A field's own binding for ``sequence``, as a line edit on Linux has for Ctrl+E."""

    def __init__(self, sequences: list[QKeySequence]) -> None:
        super().__init__()
        self._keys = {sequence[0].toCombined() for sequence in sequences}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.keyCombination().toCombined() in self._keys
        ):
            event.accept()  # "this key edits my text": Qt then tries no shortcut
        return False


def test_every_listed_shortcut_works_from_every_field(
    qtbot: QtBot, window: MainWindow, opened_urls: UrlRecorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    search(qtbot, window)
    monkeypatch.setattr(window.commands, "choose_export_path", lambda: "")
    monkeypatch.setattr(window.credentials, "open_dialog", lambda: None)
    actions = window.window_actions
    listed = {
        "open_pdf": actions.open_pdf,
        "export": actions.export,
        "find": actions.find,
        "focus_number": actions.focus_number,
        "credentials": actions.credentials,
    }
    hits: list[str] = []
    for name, action in listed.items():
        action.triggered.connect(lambda _=False, name=name: hits.append(name))
    sequences = [action.shortcuts()[0] for action in listed.values()]
    binding = _EditingBinding(sequences)
    for field in (window.search_bar.number_edit, window.filter_edit):
        field.installEventFilter(binding)
        for name, action in listed.items():
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            hits.clear()
            sequence = action.shortcuts()[0][0]
            qtbot.keyClick(field, sequence.key(), sequence.keyboardModifiers())
            assert hits == [name], (field.objectName(), name)
        field.removeEventFilter(binding)


def test_enter_in_the_filter_with_one_row_left_opens_it(
    qtbot: QtBot, window: MainWindow, opened_urls: UrlRecorder
) -> None:
    search(qtbot, window)
    window.filter_edit.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClicks(window.filter_edit, "1004")
    assert window.model.rowCount() == 1
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Return)
    assert [url.toString() for url in opened_urls.urls] == [window.model.invoice_at(0).pdf_url]


def test_a_fresh_result_selects_the_first_row_that_has_a_pdf(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        window.table.sortByColumn(COL_PDF, order)
        if window.model.invoice_at(0).number == "1003":  # the one without a PDF on top
            break
    assert window.model.invoice_at(0).number == "1003"
    search(qtbot, window)  # the next answer, sorted the same
    assert window.model.invoice_at(0).number == "1003"
    selected = window.table.current_invoice()
    assert selected is not None and selected.pdf_url is not None
    assert window.window_actions.open_pdf.isEnabled()


def test_an_answer_where_no_invoice_has_a_pdf_says_so(
    qtbot: QtBot, window: MainWindow, sandbox: SandboxServer
) -> None:
    sandbox.add_customer("8003031245", [service_record(n, fileurl="") for n in (71, 72)])
    search(qtbot, window, "198003031245")
    assert window.model.rowCount() == 2
    assert window.message_area.text() == "None of these invoices has a PDF link."
    search(qtbot, window)  # the test person: most have one, and the first of those is selected
    assert window.message_area.text() == ""


def test_the_rows_can_be_sorted_from_the_view_menu(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window)
    by_amount = window.window_actions.sort_actions[COL_TO_PAY]
    assert by_amount.text() == "Amount"
    assert by_amount in window.window_actions.sort_menu.actions()
    by_amount.trigger()
    amounts = [window.model.invoice_at(row).to_pay for row in range(window.model.rowCount())]
    assert amounts == sorted(amounts)
    assert by_amount.isChecked()
    by_amount.trigger()  # again: the other way round
    amounts = [window.model.invoice_at(row).to_pay for row in range(window.model.rowCount())]
    assert amounts == sorted(amounts, reverse=True)


def test_f1_shows_every_shortcut_including_ones_added_later(
    qtbot: QtBot, window: MainWindow
) -> None:
    later = QAction("Search by &name", window)
    later.setShortcut(QKeySequence("Ctrl+Shift+N"))
    window.addAction(later)
    window.search_bar.number_edit.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(window.search_bar.number_edit, Qt.Key.Key_F1)
    overview = window.findChild(QDialog, "shortcutOverview")
    assert overview is not None and overview.isVisible()
    rows = dict(shortcut_rows(window))
    assert rows["Export CSV"] == "Ctrl+E"
    assert rows["Search by name"] == "Ctrl+Shift+N"
    assert rows["Search by: Invoice number"] == "Ctrl+2"  # the parts' own keys too
    assert rows["Select the related invoice (credit or original)"] == "Ctrl+J"
    assert rows["Details pane"] == "F6"
    assert "Keyboard shortcuts" in rows
    table = overview.findChild(QTableWidget, "shortcutTable")
    shown = {table.item(row, 0).text() for row in range(table.rowCount())}
    assert {"Export CSV", "Search by name", "Cancel a running search"} <= shown
    overview.close()


@pytest.mark.parametrize("key", ["Menu", "Shift+F10"])
def test_the_menu_key_opens_the_row_menu_for_the_current_row_at_that_row(
    qtbot: QtBot, window: MainWindow, opened_urls: UrlRecorder, key: str
) -> None:
    search(qtbot, window)
    table = window.table
    table.setFocus(Qt.FocusReason.OtherFocusReason)
    table.selectRow(2)
    wanted = table.current_invoice()
    assert wanted is not None and wanted.pdf_url is not None
    sequence = QKeySequence(key)[0]
    qtbot.keyClick(table, sequence.key(), sequence.keyboardModifiers())
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    row_rect = table.visualRect(table.model().index(2, 0))
    top = table.viewport().mapToGlobal(row_rect.topLeft()).y()
    assert top <= menu.pos().y() <= top + row_rect.height()
    open_pdf = next(a for a in menu.actions() if a is window.window_actions.open_pdf)
    menu.close()
    open_pdf.trigger()
    assert [url.toString() for url in opened_urls.urls] == [wanted.pdf_url]


def test_a_right_click_still_opens_the_menu_for_the_row_clicked(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window)
    table = window.table
    table.selectRow(0)
    point = table.visualRect(table.model().index(3, 0)).center()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, table.viewport().mapToGlobal(point)
    )
    QApplication.sendEvent(table.viewport(), event)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    menu.close()
    assert table.current_invoice() == window.model.invoice_at(3)


def test_the_default_and_the_restored_size_fit_the_screen(
    make_window: MakeWindow, ui_settings_path: Path
) -> None:
    window = make_window()
    room = window.screen().availableGeometry()
    assert room.width() < 1300  # the offscreen screen is smaller than the default size
    # Narrower than its widgets' minimum the window cannot be; that minimum is the search row's.
    widest = max(room.width(), window.minimumSizeHint().width())
    assert window.width() <= widest and window.height() <= room.height()
    window.resize(room.width() * 3, room.height() * 3)  # as if saved on a bigger monitor
    window.move(room.right() + 500, room.bottom() + 500)
    window.close()
    again = make_window(settings=UiSettings.from_file(ui_settings_path))
    assert room.contains(again.geometry().topLeft())  # back on the screen it opens on
    assert again.width() <= widest and again.height() <= room.height()


# -- messages ------------------------------------------------------------------------------------


def test_a_long_word_from_the_service_wraps_and_never_widens_the_window(
    window: MainWindow,
) -> None:
    before = window.minimumSizeHint().width()
    window.message_area.show_message(MessageKind.ERROR, "Ä" * 300, "Qvickly reported an error")
    assert window.minimumSizeHint().width() == before
    window.message_area.show_message(MessageKind.ERROR, "x" * 1_000_000 + "\n" * 100_000)
    assert window.minimumSizeHint().width() == before
    shown = window.message_area.text()
    assert len(shown) < 300 * 14  # cut per line, a dozen lines at most
    assert max(len(line) for line in shown.split("\n")) <= 300


def test_an_invoice_number_in_a_message_is_cut(window: MainWindow) -> None:
    (invoice,) = parse_invoices([service_record("9" * 5000, fileurl="")]).invoices
    window.commands.open_pdf(invoice)
    text = window.message_area.text()
    assert text.startswith("Invoice 999") and text.endswith("has no PDF link.")
    assert len(text) < 400


def test_a_message_appearing_does_not_move_the_rows(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window)
    qtbot.wait(10)
    top = window.table.mapTo(window, window.table.rect().topLeft()).y()
    window.message_area.show_message(MessageKind.INFO, "Invoice 1003 has no PDF link.")
    qtbot.wait(10)
    assert window.table.mapTo(window, window.table.rect().topLeft()).y() == top
    window.message_area.clear()
    qtbot.wait(10)
    assert window.table.mapTo(window, window.table.rect().topLeft()).y() == top


def test_a_no_pdf_message_goes_when_the_agent_moves_to_another_invoice(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window)
    without = next(
        row
        for row in range(window.model.rowCount())
        if window.model.invoice_at(row).number == "1003"
    )
    window.table.selectRow(without)
    window.window_actions.open_pdf.setEnabled(True)
    window.commands.open_selected_pdf()
    assert window.message_area.text() == "Invoice 1003 has no PDF link."
    window.table.selectRow(0 if without else 1)
    assert window.message_area.kind() is None
    # A message about the search itself stays while rows are chosen.
    window.message_area.show_message(MessageKind.WARNING, "Some invoices are missing")
    window.table.selectRow(without)
    assert window.message_area.kind() == MessageKind.WARNING


def test_results_and_failures_are_announced_to_a_screen_reader(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    heard: list[tuple[str, bool]] = []
    window.announcer.announced.connect(lambda text, urgent: heard.append((text, urgent)))
    search(qtbot, window)
    assert heard and heard[-1][0].startswith("8 invoices · ")
    assert heard[-1][1] is False
    search(qtbot, window, "195505050558")
    assert heard[-1] == ("No invoices for 19550505-0558.", False)
    failing = make_window(secret="not-the-secret")
    failing.announcer.announced.connect(lambda text, urgent: heard.append((text, urgent)))
    search(qtbot, failing)
    assert heard[-1][0].startswith("Credentials refused")
    assert heard[-1][1] is True


def test_the_row_problem_message_tells_cut_rows_from_unread_ones(window: MainWindow) -> None:
    headline, body = row_problem_message(
        (
            RowError(0, "name: cut to 1000 characters", "1001", cut=True),
            RowError(3, "topay: not a number"),
        )
    )
    window.message_area.show_message(MessageKind.WARNING, body, headline)
    text = window.message_area.text().split("\n")
    assert text[0] == "Some invoices are missing"
    assert text[1] == "1 row of the answer could not be read and is not shown."
    assert text[2] == "4: topay: not a number"
    assert text[3] == "1 invoice had a text cut short; it is shown."
    assert text[4] == "1001: name: cut to 1000 characters"


# -- contrast and focus --------------------------------------------------------------------------


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#353535"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Highlight, "#3d8ee0"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def _selection_contrast(table: QWidget) -> float:
    palette = table.palette()
    return contrast_ratio(
        palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight),
        palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText),
    )


def test_the_selected_row_and_the_number_check_meet_aa_contrast(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert _selection_contrast(window.table) >= 4.5
    edit = window.search_bar.number_edit
    qtbot.keyClicks(edit, "195501011018")
    feedback = window.search_bar.feedback
    assert feedback.text().startswith("\u2713")
    feedback.ensurePolished()
    text = feedback.palette().color(QPalette.ColorRole.WindowText)
    ground = window.palette().color(QPalette.ColorRole.Window)
    assert contrast_ratio(blend(text, ground), ground) >= 4.5


def test_the_table_and_the_message_close_button_show_focus(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window)
    window.activateWindow()
    window.table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(window.table.hasFocus)
    focused = window.table.viewport().grab().toImage()
    window.filter_edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(window.filter_edit.hasFocus)
    unfocused = window.table.viewport().grab().toImage()
    highlight = window.table.palette().color(QPalette.ColorRole.Highlight)
    edge = focused.width() // 2
    # A frame along the top while focused.
    assert focused.pixelColor(edge, 1).name() == highlight.toRgb().name()
    assert unfocused.pixelColor(edge, 1).name() != highlight.toRgb().name()
    window.message_area.show_message(MessageKind.INFO, "Invoice 1003 has no PDF link.")
    close = window.message_area.close_button()
    plain = close.grab().toImage()
    close.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(close.hasFocus)
    assert close.grab().toImage() != plain


def test_the_clear_buttons_in_the_fields_have_names(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.filter_edit, "x")
    (button,) = window.filter_edit.findChildren(QToolButton)
    assert button.accessibleName() == "Clear the field"


def test_a_dark_palette_keeps_the_overdue_marking_and_the_selection_readable(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window)
    original = QApplication.palette()
    QApplication.setPalette(_dark_palette())
    try:
        qtbot.waitUntil(lambda: _selection_contrast(window.table) >= 4.5)
        dark = _dark_palette()
        overdue_rows = [
            row
            for row in range(window.model.rowCount())
            if "Overdue"
            in str(window.model.index(row, COL_STATUS).data(Qt.ItemDataRole.DisplayRole))
        ]
        assert overdue_rows
        for row in overdue_rows:
            index = window.model.index(row, COL_STATUS)
            ink = index.data(Qt.ItemDataRole.ForegroundRole)
            tint = index.data(Qt.ItemDataRole.BackgroundRole)
            for ground in (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase):
                under = blend(tint, dark.color(ground))
                assert contrast_ratio(QColor(ink), under) >= 4.5
                assert contrast_ratio(dark.color(QPalette.ColorRole.Text), under) >= 4.5
    finally:
        QApplication.setPalette(original)
