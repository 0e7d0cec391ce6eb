"""The two forms of the settings dialog on their own: ``load`` shows what is stored or set, and
``values`` gives back what the fields hold; the secret is never shown back."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QWidget
from pytestqt.qtbot import QtBot

from qvickly_desk.credentials import CredentialStore
from qvickly_desk.settings import DEFAULT_API_URL, Settings
from qvickly_desk.ui.connection_form import ConnectionForm, ConnectionValues
from qvickly_desk.ui.credentials_form import CredentialsForm, CredentialsValues


def page(qtbot: QtBot) -> tuple[QWidget, QFormLayout]:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget, QFormLayout(widget)


def test_the_connection_form_gives_back_what_it_loaded(qtbot: QtBot) -> None:
    widget, layout = page(qtbot)
    form = ConnectionForm(widget, environment_fields=frozenset(), builtin=False)
    form.add_rows(layout)
    settings = Settings(
        api_url="https://api.example.test/", language="en", connect_timeout=3.0, read_timeout=40.0
    )
    form.load(settings)
    assert form.values() == ConnectionValues(
        api_url="https://api.example.test/",
        test_mode=settings.test_mode,
        language="en",
        connect_timeout=3.0,
        read_timeout=40.0,
    )
    assert form.advanced_button.isChecked()  # not the defaults: the advanced fields show
    form.api_url_edit.clear()
    assert form.values().api_url == DEFAULT_API_URL


def test_a_setting_the_environment_sets_is_disabled_and_named(qtbot: QtBot) -> None:
    widget, layout = page(qtbot)
    form = ConnectionForm(widget, environment_fields=frozenset({"read_timeout"}), builtin=False)
    form.add_rows(layout)
    form.load(Settings())
    assert not form.read_timeout_spin.isEnabled()
    assert "QVICKLY_READ_TIMEOUT" in form.read_timeout_spin.toolTip()
    assert "QVICKLY_READ_TIMEOUT" in form.environment_note.text()
    assert form.connect_timeout_spin.isEnabled()


def test_the_credentials_form_shows_a_stored_secret_only_as_stored(
    qtbot: QtBot, credential_store: CredentialStore
) -> None:
    credential_store.save("4242", "the-stored-secret")
    widget, layout = page(qtbot)
    form = CredentialsForm(widget)
    form.add_rows(layout)
    assert form.load(credential_store) is None
    assert form.eid_edit.text() == "4242"
    assert form.secret_edit.text() == ""
    assert form.secret_edit.placeholderText() != ""
    assert form.values() == CredentialsValues(eid="4242", secret="")
    form.secret_edit.setText("  a-new-secret ")
    assert form.values() == CredentialsValues(eid="4242", secret="a-new-secret")
    form.mark_saved("4242")
    assert form.secret_edit.text() == "" and form.has_stored_secret
