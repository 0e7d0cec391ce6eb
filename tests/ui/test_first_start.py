"""The first start without --demo: what the agent reads, in one language, with the next step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from qvickly_desk.errors import CredentialsUnavailableError
from qvickly_desk.ui.credentials_dialog import CredentialsDialog
from qvickly_desk.ui.main_window import MainWindow
from qvickly_desk.ui.message_area import MessageKind
from tests.helpers.window import MakeWindow
from tests.ui.test_credentials_dialog import (  # noqa: F401  (fixtures)
    eid_edit,
    make_services,
    message,
    open_dialog,
    save_button,
    secret_edit,
)

KEYRING_LIBRARY_TEXT = "No recommended backend was available. Install a backend package"


def test_no_keyring_is_said_to_the_agent_in_one_language_with_the_next_step(
    make_window: MakeWindow,
) -> None:
    window: MainWindow = make_window(language="sv")
    window.credentials.keyring_failed.emit(CredentialsUnavailableError(KEYRING_LIBRARY_TEXT))
    text = window.message_area.text()
    assert window.message_area.kind() == MessageKind.WARNING
    assert "No recommended backend" not in text  # the library's English is for the log
    assert "butiks-id" in text and "--demo" in text
    assert "QVICKLY_SECRET" not in text  # an environment variable is a word for IT


def test_the_dialog_says_where_the_store_id_comes_from_and_mentions_the_demo(
    open_dialog: Callable[..., CredentialsDialog],  # noqa: F811
) -> None:
    dialog = open_dialog()
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())
    assert "store ID" in texts and "Qvickly" in texts and "--demo" in texts
    assert "Store ID:" in texts.replace("&", "")
    assert dialog.windowTitle() == "Credentials and connection"  # as its menu item
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    assert save.text() == "&Save"


def test_a_refusal_goes_once_the_field_is_fixed(
    qtbot: QtBot,
    open_dialog: Callable[..., CredentialsDialog],  # noqa: F811
) -> None:
    dialog = open_dialog()
    qtbot.keyClicks(eid_edit(dialog), "12a45")
    qtbot.keyClicks(secret_edit(dialog), "x")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert message(dialog).isVisible()
    qtbot.keyClick(eid_edit(dialog), Qt.Key.Key_Backspace)
    assert not message(dialog).isVisible()


def test_the_stored_secret_placeholder_is_not_cut(
    open_dialog: Callable[..., CredentialsDialog],  # noqa: F811
) -> None:
    dialog = open_dialog()
    edit = secret_edit(dialog)
    dialog._credentials.has_stored_secret = True
    dialog._credentials._show_secret_state()
    dialog.adjustSize()
    needed = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
    assert edit.width() > needed
