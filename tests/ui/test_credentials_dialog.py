"""The credentials dialog: what is stored where, what is never shown, and the connection test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool, QtMsgType
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from qvickly_desk.credentials import (
    KEYRING_SERVICE,
    Credentials,
    CredentialStore,
    FixedCredentials,
)
from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET, SandboxServer
from qvickly_desk.settings import (
    DEFAULT_API_URL,
    Settings,
    config_dir,
    load_settings,
    save_settings,
)
from qvickly_desk.ui.credentials_dialog import CredentialsDialog
from qvickly_desk.ui.services import Services
from tests.helpers.memory_keyring import BrokenKeyring, MemoryKeyring
from tests.helpers.window import LONG, sandbox_services

MakeServices = Callable[..., Services]


@pytest.fixture
def make_services(
    sandbox_settings: Settings, credential_store: CredentialStore
) -> Iterator[MakeServices]:
    made: list[Services] = []

    def make(store: CredentialStore | None = credential_store, demo: bool = False) -> Services:
        source = FixedCredentials(Credentials(DEMO_EID, DEMO_SECRET)) if demo else store
        services = sandbox_services(
            settings=sandbox_settings, credentials=lambda: source, store=store, demo=demo
        )
        made.append(services)
        return services

    yield make
    for services in made:
        services.close()


@pytest.fixture
def open_dialog(qtbot: QtBot, make_services: MakeServices) -> Callable[..., CredentialsDialog]:
    def open_(services: Services | None = None) -> CredentialsDialog:
        dialog = CredentialsDialog(services or make_services(), ui_language="en")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return open_


def field(dialog: CredentialsDialog, kind: type[QWidget], name: str) -> QWidget:
    widget = dialog.findChild(kind, name)
    assert widget is not None, name
    return widget


def eid_edit(dialog: CredentialsDialog) -> QLineEdit:
    return field(dialog, QLineEdit, "merchantIdEdit")  # type: ignore[return-value]


def secret_edit(dialog: CredentialsDialog) -> QLineEdit:
    return field(dialog, QLineEdit, "secretKeyEdit")  # type: ignore[return-value]


def message(dialog: CredentialsDialog) -> QLabel:
    return field(dialog, QLabel, "messageLabel")  # type: ignore[return-value]


def result_label(dialog: CredentialsDialog) -> QLabel:
    return field(dialog, QLabel, "testResultLabel")  # type: ignore[return-value]


def save_button(dialog: CredentialsDialog) -> QAbstractButton:
    box = field(dialog, QDialogButtonBox, "dialogButtons")
    return box.button(QDialogButtonBox.StandardButton.Save)  # type: ignore[attr-defined]


def connect_button(dialog: CredentialsDialog) -> QPushButton:
    return field(dialog, QPushButton, "testConnectionButton")  # type: ignore[return-value]


def settings_file() -> str:
    path = config_dir() / "settings.ini"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def shown_texts(dialog: CredentialsDialog) -> list[str]:
    """Every text the dialog shows or holds in an input, labels and spin boxes included."""
    texts = [edit.text() for edit in dialog.findChildren(QLineEdit)]
    texts += [edit.displayText() for edit in dialog.findChildren(QLineEdit)]
    texts += [edit.placeholderText() for edit in dialog.findChildren(QLineEdit)]
    texts += [label.text() for label in dialog.findChildren(QLabel)]
    return texts


def test_enter_saves_the_secret_to_the_keyring_and_nothing_secret_to_the_settings_file(
    qtbot: QtBot,
    open_dialog: Callable[..., CredentialsDialog],
    memory_keyring: MemoryKeyring,
    credential_store: CredentialStore,
) -> None:
    dialog = open_dialog()
    qtbot.keyClicks(eid_edit(dialog), DEMO_EID)
    qtbot.keyClicks(secret_edit(dialog), DEMO_SECRET)
    language = field(dialog, QComboBox, "languageCombo")
    language.setCurrentIndex(language.findData("sv"))  # type: ignore[attr-defined]

    with qtbot.waitSignal(dialog.settings_changed) as saved:
        qtbot.keyClick(secret_edit(dialog), Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()
    assert credential_store.load() == Credentials(DEMO_EID, DEMO_SECRET)
    assert set(memory_keyring.entries) == {
        (KEYRING_SERVICE, "merchant-id"),
        (KEYRING_SERVICE, "secret-key"),
    }
    assert saved.args[0].language == "sv"
    assert load_settings().language == "sv"
    written = settings_file()
    assert "language = sv" in written
    assert DEMO_SECRET not in written
    assert secret_edit(dialog).text() == ""


def test_a_stored_secret_is_never_shown_back(
    open_dialog: Callable[..., CredentialsDialog], credential_store: CredentialStore
) -> None:
    credential_store.save(DEMO_EID, DEMO_SECRET)
    dialog = open_dialog()

    assert eid_edit(dialog).text() == DEMO_EID
    assert secret_edit(dialog).text() == ""
    assert "Stored" in secret_edit(dialog).placeholderText()
    assert secret_edit(dialog).echoMode() == QLineEdit.EchoMode.Password
    texts = shown_texts(dialog)
    assert texts
    assert not any(DEMO_SECRET in text for text in texts)


def test_an_empty_secret_field_keeps_the_stored_secret(
    qtbot: QtBot,
    open_dialog: Callable[..., CredentialsDialog],
    credential_store: CredentialStore,
) -> None:
    credential_store.save(DEMO_EID, DEMO_SECRET)
    dialog = open_dialog()
    test_mode = field(dialog, QCheckBox, "testModeCheck")
    test_mode.setChecked(False)  # type: ignore[attr-defined]

    with qtbot.waitSignal(dialog.settings_changed):
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    assert credential_store.load() == Credentials(DEMO_EID, DEMO_SECRET)
    assert load_settings().test_mode is False


def test_an_invalid_merchant_id_is_refused_and_nothing_is_stored(
    qtbot: QtBot,
    open_dialog: Callable[..., CredentialsDialog],
    memory_keyring: MemoryKeyring,
) -> None:
    dialog = open_dialog()
    qtbot.keyClicks(eid_edit(dialog), "12a45")
    qtbot.keyClicks(secret_edit(dialog), DEMO_SECRET)

    with qtbot.assertNotEmitted(dialog.settings_changed):
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert "merchant id is a number" in message(dialog).text()
    assert message(dialog).isVisible()
    assert memory_keyring.entries == {}
    assert settings_file() == ""


def test_a_new_merchant_id_needs_its_own_secret(
    qtbot: QtBot,
    open_dialog: Callable[..., CredentialsDialog],
    credential_store: CredentialStore,
) -> None:
    credential_store.save(DEMO_EID, DEMO_SECRET)
    dialog = open_dialog()
    eid_edit(dialog).setText("777")

    with qtbot.assertNotEmitted(dialog.settings_changed):
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert "secret key" in message(dialog).text()
    assert credential_store.load() == Credentials(DEMO_EID, DEMO_SECRET)


def test_an_api_address_that_is_not_http_is_refused(
    qtbot: QtBot, open_dialog: Callable[..., CredentialsDialog]
) -> None:
    dialog = open_dialog()
    qtbot.keyClicks(eid_edit(dialog), DEMO_EID)
    qtbot.keyClicks(secret_edit(dialog), DEMO_SECRET)
    field(dialog, QLineEdit, "apiUrlEdit").setText("file:///etc/passwd")  # type: ignore[attr-defined]

    with qtbot.assertNotEmitted(dialog.settings_changed):
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    assert "is not an http(s) address" in message(dialog).text()
    assert field(dialog, QWidget, "advancedBox").isVisible()
    # Plain http would carry the merchant id in clear text: only the local sandbox may use it.
    field(dialog, QLineEdit, "apiUrlEdit").setText("http://api.qvickly.io/")  # type: ignore[attr-defined]
    with qtbot.assertNotEmitted(dialog.settings_changed):
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert "must use https" in message(dialog).text()
    qtbot.mouseClick(
        field(dialog, QPushButton, "resetApiUrlButton"),  # type: ignore[arg-type]
        Qt.MouseButton.LeftButton,
    )
    assert field(dialog, QLineEdit, "apiUrlEdit").text() == DEFAULT_API_URL  # type: ignore[attr-defined]


@pytest.mark.integration
def test_test_connection_with_the_typed_values_succeeds(
    qtbot: QtBot, open_dialog: Callable[..., CredentialsDialog], memory_keyring: MemoryKeyring
) -> None:
    dialog = open_dialog()
    qtbot.keyClicks(eid_edit(dialog), DEMO_EID)
    qtbot.keyClicks(secret_edit(dialog), DEMO_SECRET)

    qtbot.mouseClick(connect_button(dialog), Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "Connection works" in result_label(dialog).text(), timeout=LONG)
    assert "invoices for the test person" in result_label(dialog).text()
    assert "log id" in result_label(dialog).text()
    assert connect_button(dialog).isEnabled()
    assert not dialog.is_testing()
    assert memory_keyring.entries == {}  # a test saves nothing


@pytest.mark.integration
def test_test_connection_uses_the_stored_secret_when_the_field_is_empty(
    qtbot: QtBot,
    open_dialog: Callable[..., CredentialsDialog],
    credential_store: CredentialStore,
) -> None:
    credential_store.save(DEMO_EID, DEMO_SECRET)
    dialog = open_dialog()

    qtbot.mouseClick(connect_button(dialog), Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "Connection works" in result_label(dialog).text(), timeout=LONG)


@pytest.mark.integration
def test_test_connection_with_a_wrong_secret_shows_the_services_refusal(
    qtbot: QtBot, open_dialog: Callable[..., CredentialsDialog]
) -> None:
    dialog = open_dialog()
    qtbot.keyClicks(eid_edit(dialog), DEMO_EID)
    qtbot.keyClicks(secret_edit(dialog), "not-the-secret")

    qtbot.mouseClick(connect_button(dialog), Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "9013" in result_label(dialog).text(), timeout=LONG)
    shown = result_label(dialog).text()
    assert "refused the credentials" in shown
    assert "not-the-secret" not in shown
    assert (
        result_label(dialog).textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    )
    assert connect_button(dialog).isEnabled()


def test_without_a_working_keyring_the_dialog_says_why_and_stores_nothing(
    qtbot: QtBot, open_dialog: Callable[..., CredentialsDialog], make_services: MakeServices
) -> None:
    dialog = open_dialog(make_services(CredentialStore(backend=BrokenKeyring(), environ={})))
    assert "the collection is locked" in message(dialog).text()  # said at once, on opening
    qtbot.keyClicks(eid_edit(dialog), DEMO_EID)
    qtbot.keyClicks(secret_edit(dialog), DEMO_SECRET)

    with qtbot.assertNotEmitted(dialog.settings_changed):
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    shown = message(dialog).text()
    assert "The system keyring cannot be used" in shown
    assert "the collection is locked" in shown
    assert DEMO_SECRET not in shown
    assert settings_file() == ""


@pytest.mark.integration
def test_demo_mode_disables_the_credentials_and_the_address_but_still_tests(
    qtbot: QtBot, open_dialog: Callable[..., CredentialsDialog], make_services: MakeServices
) -> None:
    services = make_services(store=None, demo=True)
    dialog = open_dialog(services)

    note = field(dialog, QLabel, "demoNote")
    assert note.isVisible()
    assert "Demo mode uses the sandbox's built-in credentials" in note.text()  # type: ignore[attr-defined]
    for name in ("merchantIdEdit", "secretKeyEdit", "apiUrlEdit"):
        assert not field(dialog, QLineEdit, name).isEnabled(), name
    assert not field(dialog, QCheckBox, "testModeCheck").isEnabled()

    qtbot.mouseClick(connect_button(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Connection works" in result_label(dialog).text(), timeout=LONG)

    language = field(dialog, QComboBox, "languageCombo")
    language.setCurrentIndex(language.findData("sv"))  # type: ignore[attr-defined]
    with qtbot.waitSignal(dialog.settings_changed):
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert services.settings.language == "sv"
    assert services.settings.api_url.startswith("http://127.0.0.1:")  # still the sandbox
    assert settings_file() == ""  # the sandbox's address never reaches the settings file


@pytest.mark.integration
def test_closing_during_a_connection_test_stops_its_thread_cleanly(
    qtbot: QtBot,
    open_dialog: Callable[..., CredentialsDialog],
    sandbox: SandboxServer,
    qtlog: Any,
) -> None:
    sandbox.faults.delay = 3
    dialog = open_dialog()
    qtbot.keyClicks(eid_edit(dialog), DEMO_EID)
    qtbot.keyClicks(secret_edit(dialog), DEMO_SECRET)
    qtbot.mouseClick(connect_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.is_testing()
    assert not connect_button(dialog).isEnabled()
    qtbot.waitUntil(lambda: sandbox.request_count >= 1, timeout=LONG)  # the call is in flight

    shown_while_testing = result_label(dialog).text()

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()
    assert not dialog.is_testing()
    pool = dialog.findChild(QThreadPool, "connectionTestPool")
    assert pool is not None
    assert pool.activeThreadCount() == 0  # stopped and waited for, not left running
    assert secret_edit(dialog).text() == ""
    qtbot.wait(50)  # let anything the stopped test still posted arrive: it must be dropped
    assert result_label(dialog).text() == shown_while_testing
    assert not [record for record in qtlog.records if "QThread" in record.message]


def test_settings_the_environment_sets_are_disabled_and_name_their_variable(
    monkeypatch: pytest.MonkeyPatch,
    open_dialog: Callable[..., CredentialsDialog],
    sandbox: SandboxServer,
) -> None:
    monkeypatch.setenv("QVICKLY_API_URL", sandbox.url)  # as the window would have loaded it
    monkeypatch.setenv("QVICKLY_READ_TIMEOUT", "5")
    dialog = open_dialog()

    note = field(dialog, QLabel, "settingsEnvironmentNote")
    assert note.isVisible()
    assert "QVICKLY_API_URL, QVICKLY_READ_TIMEOUT" in note.text()  # type: ignore[attr-defined]
    assert field(dialog, QLineEdit, "apiUrlEdit").text() == sandbox.url  # type: ignore[attr-defined]
    for kind, name, variable in (
        (QLineEdit, "apiUrlEdit", "QVICKLY_API_URL"),
        (QPushButton, "resetApiUrlButton", "QVICKLY_API_URL"),
        (QDoubleSpinBox, "readTimeoutSpin", "QVICKLY_READ_TIMEOUT"),
    ):
        widget = field(dialog, kind, name)
        assert not widget.isEnabled(), name
        assert variable in widget.toolTip(), name
        assert variable in widget.accessibleDescription(), name
    for kind, name in (
        (QLineEdit, "merchantIdEdit"),
        (QCheckBox, "testModeCheck"),
        (QComboBox, "languageCombo"),
        (QDoubleSpinBox, "connectTimeoutSpin"),
    ):
        assert field(dialog, kind, name).isEnabled(), name


def test_saving_leaves_the_environments_values_out_of_the_settings_file(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    open_dialog: Callable[..., CredentialsDialog],
    sandbox: SandboxServer,
) -> None:
    save_settings(Settings(api_url="https://api.billmate.se/", read_timeout=12))
    monkeypatch.setenv("QVICKLY_API_URL", sandbox.url)
    monkeypatch.setenv("QVICKLY_READ_TIMEOUT", "5")
    dialog = open_dialog()
    field(dialog, QDoubleSpinBox, "connectTimeoutSpin").setValue(7)  # type: ignore[attr-defined]

    with qtbot.waitSignal(dialog.settings_changed) as saved:
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    written = settings_file()
    assert sandbox.url not in written
    assert "api_url = https://api.billmate.se/" in written
    assert "read_timeout = 12" in written
    assert "connect_timeout = 7" in written
    # The session goes on with what the environment says, as a restart would.
    assert saved.args[0].api_url == sandbox.url
    assert (saved.args[0].read_timeout, saved.args[0].connect_timeout) == (5.0, 7.0)
    monkeypatch.delenv("QVICKLY_API_URL")
    monkeypatch.delenv("QVICKLY_READ_TIMEOUT")
    assert load_settings().api_url == "https://api.billmate.se/"
    assert load_settings().read_timeout == 12.0


def test_every_input_is_named_for_screen_readers_and_tab_walks_them_in_order(
    qtbot: QtBot, open_dialog: Callable[..., CredentialsDialog], qtlog: Any
) -> None:
    dialog = open_dialog()
    field(dialog, QToolButton, "advancedButton").setChecked(True)  # type: ignore[attr-defined]
    inputs = [
        field(dialog, QLineEdit, "merchantIdEdit"),
        field(dialog, QLineEdit, "secretKeyEdit"),
        field(dialog, QCheckBox, "testModeCheck"),
        field(dialog, QComboBox, "languageCombo"),
        field(dialog, QToolButton, "advancedButton"),
        field(dialog, QLineEdit, "apiUrlEdit"),
        field(dialog, QPushButton, "resetApiUrlButton"),
        field(dialog, QDoubleSpinBox, "connectTimeoutSpin"),
        field(dialog, QDoubleSpinBox, "readTimeoutSpin"),
        connect_button(dialog),
        save_button(dialog),
    ]
    for widget in inputs:
        interface = QAccessible.queryAccessibleInterface(widget)
        assert interface.text(QAccessible.Text.Name), widget.objectName()

    dialog.activateWindow()
    qtbot.waitActive(dialog)
    inputs[0].setFocus()
    qtbot.waitUntil(inputs[0].hasFocus)
    reached = [QApplication.focusWidget()]
    for _ in inputs[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    # A spin box takes focus through its inner line edit.
    reached = [
        widget.parentWidget() if isinstance(widget.parentWidget(), QDoubleSpinBox) else widget
        for widget in reached
    ]
    assert [widget.objectName() for widget in reached] == [w.objectName() for w in inputs]
    warnings = [
        record.message
        for record in qtlog.records
        if record.type != QtMsgType.QtDebugMsg and "propagateSizeHints" not in record.message
    ]
    assert warnings == []  # no tab-order or layout complaints from Qt


def test_escape_cancels_without_storing_anything(
    qtbot: QtBot, open_dialog: Callable[..., CredentialsDialog], memory_keyring: MemoryKeyring
) -> None:
    dialog = open_dialog()
    qtbot.keyClicks(eid_edit(dialog), DEMO_EID)
    qtbot.keyClicks(secret_edit(dialog), DEMO_SECRET)

    with qtbot.assertNotEmitted(dialog.settings_changed):
        qtbot.keyClick(secret_edit(dialog), Qt.Key.Key_Escape)

    assert dialog.result() == QDialog.DialogCode.Rejected
    assert memory_keyring.entries == {}
    assert settings_file() == ""
    assert secret_edit(dialog).text() == ""  # the typed secret does not linger in the widget
