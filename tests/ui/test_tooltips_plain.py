"""Tooltips show the service's text as plain text: no markup, no image, nothing loaded, cut.

Qt renders a tooltip as HTML whenever ``Qt.mightBeRichText`` says it looks like HTML; a customer
chose the name, so a name like ``<img src="file:///…">`` must read as exactly those characters.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QTableView, QToolTip
from pytestqt.qtbot import QtBot

from qvickly_desk.columns import COL_NAME, COL_PDF
from qvickly_desk.ui.invoice_model import InvoiceTableModel
from qvickly_desk.ui.plain_text import TOOLTIP_LIMIT, plain_tooltip
from tests.helpers.service_records import invoices_from
from tests.helpers.service_records import service_record as row
from tests.helpers.tooltips import image_count, render_tooltip, shown_text

TODAY = date(2026, 3, 15)
HUGE_IMAGE = "<img width=30000 height=30000>"


def hostile_names(tmp_path: Path) -> list[str]:
    secret = tmp_path / "private.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    return [
        f'<b>x</b> <img src="{secret.as_uri()}">',
        HUGE_IMAGE,
        "<img src='file://fileserver.example/share/a.png'>",
        "<style>body { font-size: 900px }</style>Anna",
        "<qt>Anna &amp; Bo</qt>",
        "Anna <i>Svensson</i>",
    ]


LINK = "https://invoices.example.test/1.pdf"


def model_with(name: str, fileurl: str = LINK) -> InvoiceTableModel:
    model = InvoiceTableModel()
    model.set_invoices(invoices_from(row("1", name=name, fileurl=fileurl)), TODAY, "en")
    return model


def name_tooltip(model: InvoiceTableModel) -> str:
    tooltip = model.data(model.index(0, COL_NAME), Qt.ItemDataRole.ToolTipRole)
    assert isinstance(tooltip, str)
    return tooltip


def test_a_hostile_name_reads_as_its_plain_characters_and_loads_nothing(
    qapp: QApplication, tmp_path: Path
) -> None:
    for name in hostile_names(tmp_path):
        document = render_tooltip(name_tooltip(model_with(name)))
        assert document.toRawText() == name
        assert document.loaded == []
        assert image_count(document) == 0


def test_the_huge_image_name_shows_no_image(qapp: QApplication) -> None:
    document = render_tooltip(name_tooltip(model_with(HUGE_IMAGE)))
    assert image_count(document) == 0
    assert document.size().width() < 30000 and document.size().height() < 30000


def test_a_hostile_pdf_link_tooltip_is_plain_too(qapp: QApplication) -> None:
    link = "https://invoices.example.test/<b>a</b>.pdf?<img/src=file:///etc/passwd>"
    model = model_with("Anna", fileurl=link)
    tooltip = model.data(model.index(0, COL_PDF), Qt.ItemDataRole.ToolTipRole)
    assert isinstance(tooltip, str)
    document = render_tooltip(tooltip)
    assert image_count(document) == 0
    assert document.loaded == []
    assert document.toRawText() == link


def test_a_long_text_is_cut_in_its_tooltip(qapp: QApplication) -> None:
    shown = shown_text(plain_tooltip("<b>Anna</b> " * 100_000))
    assert len(shown) == TOOLTIP_LIMIT
    assert shown.startswith("<b>Anna</b> ") and shown.endswith("…")


def test_control_and_bidi_characters_do_not_reach_the_tooltip() -> None:
    assert shown_text(plain_tooltip("Anna\u202e\x1b[2Jredro\nB")) == "Anna [2Jredro B"


def test_a_hovered_name_shows_the_plain_name(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    name = hostile_names(tmp_path)[0]
    view = QTableView()
    qtbot.addWidget(view)
    model = model_with(name)
    view.setModel(model)
    view.resize(900, 300)
    view.show()
    qtbot.waitExposed(view)
    centre = view.visualRect(model.index(0, COL_NAME)).center()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, view.viewport().mapToGlobal(centre))
    QApplication.sendEvent(view.viewport(), event)
    try:
        assert QToolTip.isVisible()
        assert shown_text(QToolTip.text()) == name
        assert render_tooltip(QToolTip.text()).loaded == []
    finally:
        QToolTip.hideText()


@pytest.mark.parametrize("text", ["plain", "a < b > c & d", "", "  two  spaces  "])
def test_ordinary_text_reads_unchanged(text: str) -> None:
    assert shown_text(plain_tooltip(text)) == text
