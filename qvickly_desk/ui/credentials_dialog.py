"""The credentials and settings dialog: merchant id, secret key, test mode, language, API address.

The dialog is its parts: the credentials form (:mod:`credentials_form`), the connection form
(:mod:`connection_form`) and the connection test (:mod:`connection_test`); here they are laid out
and saved. The secret goes to the OS keyring and nowhere else. "Test connection" looks up the
service's documented test person with the values in the dialog, saved or not, so a wrong key is
found before it is saved. Every way out of the dialog stops a running test first.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qvickly_desk.credentials import validate_eid
from qvickly_desk.errors import InvalidInputError, QvicklyError
from qvickly_desk.languages import normalize_language
from qvickly_desk.settings import Settings, environment_overrides, save_settings
from qvickly_desk.text import safe_text
from qvickly_desk.ui.connection_form import ConnectionForm
from qvickly_desk.ui.connection_test import ConnectionTest, TestRequest
from qvickly_desk.ui.credentials_form import CredentialsForm
from qvickly_desk.ui.services import Services

if TYPE_CHECKING:
    from qvickly_desk.client import LookupResult
    from qvickly_desk.credentials import CredentialStore

__all__ = ["CredentialsDialog"]

_REASON_LIMIT = 600  # a failed test's message: ours, with the service's (cut at 300) inside


class CredentialsDialog(QDialog):
    """Edits the credentials (to the keyring) and the settings (to the settings file)."""

    settings_changed = Signal(object)  # the new Settings, after a successful save

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        ui_language: str = "en",
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._ui_language = normalize_language(ui_language)
        self._store: CredentialStore | None = None if services.demo else services.credential_store()
        # Without a store (demo) the credentials are built in and the address is the sandbox's.
        self._builtin = self._store is None
        # The fields the environment sets win at every start and are never saved, so editing them
        # here would do nothing. The demo's settings last for the session only: it edits them all.
        self._environment_fields = frozenset() if self._builtin else environment_overrides()
        self._connection_test = ConnectionTest(self)
        self._connection_test.succeeded.connect(self._on_connection_test_succeeded)
        self._connection_test.failed.connect(self._on_connection_test_failed)

        self.setWindowTitle(self.tr("Credentials and connection"))  # as its menu item
        self.setObjectName("credentialsDialog")
        self._credentials = CredentialsForm(self)
        self._connection = ConnectionForm(
            self, environment_fields=self._environment_fields, builtin=self._builtin
        )
        self._build()
        self._load(services.settings)

    # -- public ---------------------------------------------------------------------------------

    def is_testing(self) -> bool:
        """Whether a connection test is running (its button is disabled meanwhile)."""
        return self._connection_test.is_running()

    def done(self, result: int) -> None:
        """Every way out (Save, Cancel, Esc, the close button) stops the test first."""
        self._stop_test()
        self._credentials.secret_edit.clear()
        super().done(result)

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)

        self._demo_note = QLabel(
            self.tr(
                "Demo mode uses the sandbox's built-in credentials. Changes made here last "
                "until the program closes."
            )
        )
        self._demo_note.setObjectName("demoNote")
        self._demo_note.setWordWrap(True)
        self._demo_note.setVisible(self._builtin)
        layout.addWidget(self._demo_note)
        self._credentials.source_note.setVisible(not self._builtin)
        layout.addWidget(self._credentials.source_note)
        layout.addWidget(self._credentials.environment_note)
        layout.addWidget(self._connection.environment_note)

        form = QFormLayout()
        self._credentials.add_rows(form)
        self._connection.add_rows(form)
        layout.addLayout(form)
        layout.addWidget(self._connection.advanced_button)
        layout.addWidget(self._connection.advanced_box)

        test_row = QHBoxLayout()
        self._test_button = QPushButton(self.tr("Test co&nnection"))
        self._test_button.setObjectName("testConnectionButton")
        self._test_button.setToolTip(
            self.tr("Looks up the service's test person in test mode with the values above.")
        )
        self._test_button.setAutoDefault(False)
        self._test_button.clicked.connect(self._on_test_button_clicked)
        test_row.addWidget(self._test_button)
        test_row.addStretch(1)
        layout.addLayout(test_row)
        self._test_result_label = self._message("testResultLabel", self.tr("Test result"))
        layout.addWidget(self._test_result_label)

        self._message_label = self._message("messageLabel", self.tr("Message"))
        layout.addWidget(self._message_label)

        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self._buttons.setObjectName("dialogButtons")
        save = self._buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("&Save"))
        save.setDefault(True)
        self._buttons.accepted.connect(self._on_buttons_accepted)
        self._buttons.rejected.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(self._buttons)
        # A refusal ("Ogiltig uppgift …") is about what was typed: it goes once the typing changes.
        for edit in self.findChildren(QLineEdit):
            edit.textEdited.connect(self._on_any_field_edited)

        chain: list[QWidget] = [
            self._credentials.eid_edit,
            self._credentials.secret_edit,
            self._connection.test_mode_check,
            self._connection.language_combo,
            *self._connection.tab_chain(),
            self._test_button,
            self._test_result_label,
            self._message_label,
            self._buttons.button(QDialogButtonBox.StandardButton.Save),
            self._buttons.button(QDialogButtonBox.StandardButton.Cancel),
        ]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _message(self, name: str, accessible_name: str) -> QLabel:
        """A selectable label, so the code and log id can be copied for support."""
        label = QLabel()
        label.setObjectName(name)
        label.setAccessibleName(accessible_name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable by Tab, to copy a log id
        label.hide()
        return label

    def _load(self, settings: Settings) -> None:
        self._connection.load(settings)
        if self._builtin:
            self._credentials.disable()  # the demo account is built in
            return
        store = self._store
        if store is None:
            return
        problem = self._credentials.load(store)
        if problem is not None:
            self._show_message(problem.message(self._ui_language))

    # -- saving ---------------------------------------------------------------------------------

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self._show_message("")
        settings = self._settings_from_fields()
        if settings is None:
            return
        # Demo settings point at the in-process sandbox: they last for this session only.
        if not self._builtin:
            if not self._save_credentials():
                return  # nothing is written when the keyring refuses
            try:
                save_settings(settings)
            except OSError as error:
                self._show_message(
                    self.tr("The settings could not be written: %1").replace(
                        "%1", error.strerror or type(error).__name__
                    )
                )
                return
        self._services.update_settings(settings)
        self.settings_changed.emit(settings)
        self.accept()

    def _settings_from_fields(self, test: bool = False) -> Settings | None:
        """The settings as typed, or None after pointing at the field that is wrong."""
        current = self._services.settings
        values = self._connection.values()
        api_url = values.api_url
        if self._builtin or "api_url" in self._environment_fields:
            api_url = current.api_url
        else:
            problem = _api_url_problem(api_url, self._ui_language)
            if problem is not None:
                self._connection.point_at_api_url()
                if test:
                    self._show_test_result(problem)
                else:
                    self._show_message(problem)
                return None
        changes: dict[str, object] = {
            "api_url": api_url,
            "test_mode": self._builtin or values.test_mode,
            "language": values.language,
            "connect_timeout": values.connect_timeout,
            "read_timeout": values.read_timeout,
        }
        for name in self._environment_fields:
            del changes[name]  # the environment's value stays in force, as it would at a restart
        if test:
            changes["test_mode"] = True
        return current.with_changes(**changes)

    def _save_credentials(self) -> bool:
        """Store what changed in the keyring; False (with the reason shown) if nothing may go on."""
        store = self._store
        if store is None:
            return True
        form = self._credentials
        typed = form.values()
        nothing_stored = form.stored_eid is None and not form.has_stored_secret
        if not typed.eid and not typed.secret and nothing_stored:
            return True  # settings only; the window asks for credentials when it needs them
        try:
            eid = validate_eid(typed.eid)
        except QvicklyError as error:
            self._refuse(error.message(self._ui_language), form.eid_edit)
            return False
        if not typed.secret:
            if eid == form.stored_eid and form.has_stored_secret:
                return True  # keep the stored secret
            if form.has_stored_secret:
                self._refuse(
                    self.tr("Enter the secret key that belongs to the new store ID."),
                    form.secret_edit,
                )
            else:
                self._refuse(self.tr("Enter the secret key."), form.secret_edit)
            return False
        try:
            store.save(eid, typed.secret)
        except QvicklyError as error:
            self._refuse(error.message(self._ui_language), form.secret_edit)
            return False
        form.mark_saved(eid)
        return True

    def _refuse(self, text: str, widget: QWidget) -> None:
        self._show_message(text)
        widget.setFocus()

    @Slot()
    def _on_any_field_edited(self) -> None:
        self._show_message("")

    def _show_message(self, text: str) -> None:
        self._message_label.setText(text)
        self._message_label.setVisible(bool(text))

    def _show_test_result(self, text: str) -> None:
        self._test_result_label.setText(text)
        self._test_result_label.setVisible(bool(text))

    # -- the connection test -------------------------------------------------------------------

    @Slot()
    def _on_test_button_clicked(self) -> None:
        request = self._test_request()
        if request is None:
            return
        self._connection_test.start(request)
        self._test_button.setEnabled(False)
        self._show_test_result(self.tr("Testing the connection…"))

    @Slot(object)
    def _on_connection_test_succeeded(self, result: LookupResult) -> None:
        self._test_button.setEnabled(True)
        count = len(result.invoices)
        if count == 1:
            text = self.tr("Connection works: 1 invoice for the test person.")
        else:
            text = self.tr("Connection works: %1 invoices for the test person.").replace(
                "%1", str(count)
            )
        if result.logid:
            text += " " + self.tr("(log id %1)").replace("%1", result.logid)
        self._show_test_result(text)

    @Slot(object)
    def _on_connection_test_failed(self, error: QvicklyError) -> None:
        self._test_button.setEnabled(True)
        # The message can carry the service's text: one plain line, cut (the label is plain text).
        reason = safe_text(error.message(self._ui_language), _REASON_LIMIT)
        self._show_test_result(self.tr("Connection test failed: %1").replace("%1", reason))

    def _test_request(self) -> TestRequest | None:
        settings = self._settings_from_fields(test=True)
        if settings is None:
            return None
        make_client = self._services.new_client  # the demo's client stays on its sandbox
        if self._builtin:
            return TestRequest(
                settings, source=self._services.credentials(), make_client=make_client
            )
        form = self._credentials
        typed = form.values()
        try:
            eid = validate_eid(typed.eid)
        except QvicklyError as error:
            form.eid_edit.setFocus()
            self._show_test_result(error.message(self._ui_language))
            return None
        if typed.secret:
            return TestRequest(settings, eid=eid, secret=typed.secret, make_client=make_client)
        if form.has_stored_secret and self._store is not None:
            return TestRequest(settings, eid=eid, source=self._store, make_client=make_client)
        form.secret_edit.setFocus()
        self._show_test_result(self.tr("Enter the secret key to test the connection."))
        return None

    def _stop_test(self) -> None:
        self._connection_test.stop()
        self._test_button.setEnabled(True)


def _api_url_problem(text: str, language: str) -> str | None:
    """Why the search would refuse this address (the client's own rule), or None."""
    from qvickly_desk.settings import check_api_url

    try:
        check_api_url(text)
    except InvalidInputError as error:
        return error.message(language)
    return None
