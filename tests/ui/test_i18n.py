"""The window's language: chosen like the command line's, translated completely, shipped built."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qvickly_desk.columns import COL_STATUS
from qvickly_desk.sandbox import BIG_CUSTOMER_PNO, SandboxServer
from qvickly_desk.ui import i18n
from qvickly_desk.ui.resources import resource_path
from qvickly_desk.ui.ui_settings import LANGUAGE_SYSTEM, UiSettings
from tests.helpers.paths import ROOT
from tests.helpers.processes import run_python
from tests.helpers.window import LONG, MakeWindow

TRANSLATIONS = resource_path("translations")


@pytest.fixture
def swedish(qapp: QApplication) -> Iterator[i18n.Translators]:
    translators = i18n.install_translators(qapp, "sv")
    yield translators
    i18n.remove_translators(qapp, translators)


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("sv_SE", "sv"), ("sv_FI", "sv"), ("en_US", "en"), ("en_GB", "en"), ("de_DE", "sv")],
)
def test_the_system_locale_decides_like_on_the_command_line(locale: str, expected: str) -> None:
    assert i18n.system_language(QLocale(locale)) == expected
    assert i18n.choose_language(LANGUAGE_SYSTEM, QLocale(locale)) == expected


@pytest.mark.parametrize("override", ["sv", "en"])
def test_an_override_wins_over_the_locale(override: str) -> None:
    for locale in ("sv_SE", "en_US", "fi_FI"):
        assert i18n.choose_language(override, QLocale(locale)) == override


def test_an_unknown_saved_override_counts_as_the_system(tmp_path: Path) -> None:
    settings = UiSettings.from_file(tmp_path / "ui.ini")
    settings.setValue("ui/language", "fr")
    assert settings.language_override() == LANGUAGE_SYSTEM
    settings.set_language_override("en")
    assert UiSettings.from_file(tmp_path / "ui.ini").language_override() == "en"


def test_qt_and_our_catalogues_are_installed_for_swedish(swedish: i18n.Translators) -> None:
    assert swedish.ours_loaded
    assert len(swedish.installed) == 2  # qtbase, then ours
    assert QCoreApplication.translate("SearchBar", "Sea&rch") == "S&ök"


def test_a_swedish_window_shows_swedish_words(
    qtbot: QtBot, make_window: MakeWindow, sandbox: SandboxServer
) -> None:
    window = make_window(language="sv")
    bar = window.search_bar
    assert bar.search_button.text().replace("&", "") == "Sök"
    assert bar.sent_box.text().replace("&", "") == "Skickade"
    assert bar.paid_box.text().replace("&", "") == "Betalda"
    assert bar.number_edit.placeholderText() == "ÅÅÅÅMMDD-NNNN"
    assert [a.text().replace("&", "") for a in window.menuBar().actions()] == [
        "Arkiv",
        "Redigera",
        "Visa",
        "Inställningar",
        "Hjälp",
    ]
    with qtbot.waitSignal(window.lookup_finished, timeout=LONG):
        bar.number_edit.setText("195501011018")
        bar.request_search()
    assert window.summary_label.text().startswith("8 fakturor · 5 öppna")
    assert "1\u00a0103,40\u00a0kr" in window.summary_label.text()
    assert window.model.headerData(0, window.table.horizontalHeader().orientation()) == (
        "Fakturanr"
    )
    statuses = {
        window.model.index(row, COL_STATUS).data() for row in range(window.model.rowCount())
    }
    assert {"Skickad", "Betald", "Makulerad", "Skapad"} <= statuses
    window.filter_edit.setText("makulerad")
    assert window.model.rowCount() == 1


def test_a_wrong_number_is_explained_in_swedish(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window(language="sv")
    qtbot.keyClicks(window.search_bar.number_edit, "195501011019")
    assert "Kontrollsiffran" in window.search_bar.feedback_text()


@pytest.mark.parametrize(
    ("language", "summary", "showing"),
    [
        ("sv", "3\u00a0000 fakturor · ", "Visar {shown} av 3\u00a0000"),
        ("en", "3,000 invoices · ", "Showing {shown} of 3,000"),
    ],
)
def test_counts_are_written_the_way_the_window_language_writes_numbers(
    qtbot: QtBot, make_window: MakeWindow, language: str, summary: str, showing: str
) -> None:
    window = make_window(language=language)
    with qtbot.waitSignal(window.lookup_finished, timeout=LONG):
        window.search_bar.number_edit.setText(BIG_CUSTOMER_PNO)
        window.search_bar.request_search()
    assert window.summary_label.text().startswith(summary)
    window.filter_edit.setText("paid")  # the service's own status word: in either language
    shown = window.model.rowCount()
    assert 1000 <= shown < 3000
    grouped = f"{shown:,}".replace(",", "\u00a0" if language == "sv" else ",")
    assert showing.format(shown=grouped) in window.summary_label.text()


def ts_messages(language: str) -> list[ET.Element]:
    tree = ET.parse(TRANSLATIONS / f"qvickly_desk_{language}.ts")
    return list(tree.getroot().iter("message"))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_string_in_the_linguist_sources_is_translated(language: str) -> None:
    messages = ts_messages(language)
    assert messages
    for message in messages:
        source = message.findtext("source")
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), source
        if message.get("numerus") == "yes":
            forms = [form.text for form in translation.findall("numerusform")]
            assert len(forms) == 2 and all(forms), source
        else:
            assert translation.text, source
            # The same placeholders, so nothing is lost or invented in translation.
            for placeholder in ("%1", "%2", "{reason}", "{count}", "{logid}", "{message}"):
                assert (placeholder in source) == (placeholder in translation.text), source  # type: ignore[operator]


def test_english_catalogue_holds_only_plural_forms() -> None:
    assert all(message.get("numerus") == "yes" for message in ts_messages("en"))


def test_the_committed_qm_files_are_what_the_script_builds_from_the_ts() -> None:
    result = run_python(str(ROOT / "packaging" / "build_translations.py"), "--check")
    assert result.returncode == 0, result.stderr
