"""The credentials and settings dialog: merchant id, secret key, test mode, language, API address.

The secret goes to the OS keyring and nowhere else. Once stored it is never shown back: the field
stays empty, and an empty field on save keeps what is stored. "Test connection" looks up the
service's documented test person with the values in the dialog, saved or not, on a thread the
dialog owns, so a wrong key is found before it is saved and the dialog never freezes. A setting an
environment variable sets is shown disabled, naming the variable: it wins at every start, so an
edit here would do nothing, and it is never saved.
"""

from __future__ import annotations

import itertools
import logging
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qvickly_desk.credentials import Credentials, CredentialSource, validate_eid
from qvickly_desk.errors import CredentialsUnavailableError, InvalidInputError, QvicklyError
from qvickly_desk.languages import normalize_language
from qvickly_desk.settings import (
    DEFAULT_API_URL,
    ENVIRONMENT_VARIABLES,
    Settings,
    environment_overrides,
    save_settings,
)
from qvickly_desk.ui.services import Services
from qvickly_desk.ui.worker import UnexpectedError

if TYPE_CHECKING:
    from qvickly_desk.client import LookupResult, QvicklyClient
    from qvickly_desk.credentials import CredentialStore

__all__ = ["TEST_IDENTITY", "CredentialsDialog"]

_log = logging.getLogger(__name__)

TEST_IDENTITY = "195501011018"
"""The service's documented test person, who has invoices in test mode."""

_LANGUAGES = (("Svenska", "sv"), ("English", "en"))  # each name in its own language, untranslated
_STOP_POLL_MS = 50


@dataclass(frozen=True)
class _TestRequest:
    """What one connection test uses: settings, and typed or stored credentials.

    ``secret`` is the typed secret, or None to take the secret from ``source`` (the keyring, or
    the demo account); ``eid`` is the typed merchant id, or None to take the source's too.
    """

    settings: Settings
    eid: str | None = None
    secret: str | None = field(default=None, repr=False)
    source: CredentialSource | None = None

    def credentials(self) -> Credentials:
        """Read on the test's thread, since a keyring may block while it asks to be unlocked."""
        if self.eid is not None and self.secret is not None:
            return Credentials(self.eid, self.secret)
        if self.source is None:
            raise ValueError("a test request needs a secret or a source")
        stored = self.source.load()
        return Credentials(self.eid or stored.eid, stored.secret)


class _Relay(QObject):
    """Carries a test's outcome from the pool thread to the dialog, by queued signals.

    Parentless, so it lives as long as the test holding it even if the dialog goes first.
    """

    succeeded = Signal(int, object)  # request id, LookupResult
    failed = Signal(int, object)  # request id, QvicklyError


class _ConnectionTest:
    """One connection test: ``run`` on a pool thread, ``stop`` from the GUI thread."""

    def __init__(self, request_id: int, request: _TestRequest, relay: _Relay) -> None:
        self._request_id = request_id
        self._request: _TestRequest | None = request
        self._relay = relay
        self._lock = threading.Lock()
        self._client: QvicklyClient | None = None
        self._stopping = False

    def run(self) -> None:
        from qvickly_desk.client import QvicklyClient
        from qvickly_desk.pno import parse_identity_number
        from qvickly_desk.status import StatusChoice

        request_id, request = self._request_id, self._request
        self._request = None  # the typed secret is dropped with this test, not kept in it
        client: QvicklyClient | None = None
        try:
            assert request is not None, "a connection test runs once"
            credentials = request.credentials()
            client = QvicklyClient(request.settings)
            with self._lock:
                if self._stopping:
                    return
                self._client = client
            result = client.get_invoices_by_pno(
                credentials,
                parse_identity_number(TEST_IDENTITY),
                StatusChoice(sent=True, paid=True),
            )
        except QvicklyError as error:
            _log.info("connection test %d failed: %s", request_id, type(error).__name__)
            self._relay.failed.emit(request_id, error)
        except Exception as error:
            _log.exception("connection test %d failed unexpectedly", request_id)
            self._relay.failed.emit(request_id, UnexpectedError(error))
        else:
            self._relay.succeeded.emit(request_id, result)
        finally:
            with self._lock:
                self._client = None
            if client is not None:
                client.close()

    def stop(self) -> None:
        """Interrupt the call in flight, or keep it from starting; callable from any thread."""
        with self._lock:
            self._stopping = True
            client = self._client
        if client is not None:
            client.abort()


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
        self._stored_eid: str | None = None
        self._has_stored_secret = False
        self._request_id = 0
        self._running_test: _ConnectionTest | None = None
        # The pool is a child: were the dialog ever deleted without closing, its destructor
        # waits for the test instead of destroying a running thread.
        self._test_pool = QThreadPool(self)
        self._test_pool.setObjectName("connectionTestPool")
        self._test_pool.setMaxThreadCount(1)
        self._relay = _Relay()
        queued = Qt.ConnectionType.QueuedConnection
        self._relay.succeeded.connect(self.on_test_succeeded, queued)
        self._relay.failed.connect(self.on_test_failed, queued)

        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("credentialsDialog")
        self._build()
        self._load(services.settings)

    # -- public ---------------------------------------------------------------------------------

    def is_testing(self) -> bool:
        """Whether a connection test is running (its button is disabled meanwhile)."""
        return self._running_test is not None

    def done(self, result: int) -> None:
        """Every way out (Save, Cancel, Esc, the close button) stops the test first."""
        self._stop_test()
        self._secret_edit.clear()
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

        self._environment_note = QLabel(
            self.tr(
                "QVICKLY_EID and QVICKLY_SECRET are set in the environment; they take "
                "precedence over the credentials stored here."
            )
        )
        self._environment_note.setObjectName("environmentNote")
        self._environment_note.setWordWrap(True)
        self._environment_note.hide()
        layout.addWidget(self._environment_note)

        self._settings_environment_note = QLabel()
        self._settings_environment_note.setObjectName("settingsEnvironmentNote")
        self._settings_environment_note.setWordWrap(True)
        self._settings_environment_note.hide()
        layout.addWidget(self._settings_environment_note)

        form = QFormLayout()
        self._eid_edit = QLineEdit()
        self._eid_edit.setObjectName("merchantIdEdit")
        self._eid_edit.setAccessibleName(self.tr("Merchant id"))
        self._eid_edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self._eid_edit.setMaxLength(20)
        form.addRow(self._buddy(self.tr("&Merchant id:"), self._eid_edit), self._eid_edit)

        self._secret_edit = QLineEdit()
        self._secret_edit.setObjectName("secretKeyEdit")
        self._secret_edit.setAccessibleName(self.tr("Secret key"))
        self._secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self._secret_edit.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        self._secret_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        form.addRow(self._buddy(self.tr("Secret &key:"), self._secret_edit), self._secret_edit)

        self._test_mode_check = QCheckBox(self.tr("Use the service's &test mode"))
        self._test_mode_check.setObjectName("testModeCheck")
        self._test_mode_check.setAccessibleName(self.tr("Test mode"))
        form.addRow("", self._test_mode_check)

        self._language_combo = QComboBox()
        self._language_combo.setObjectName("languageCombo")
        self._language_combo.setAccessibleName(self.tr("Language of the service's messages"))
        for name, code in _LANGUAGES:
            self._language_combo.addItem(name, code)
        form.addRow(
            self._buddy(self.tr("&Language of the service's messages:"), self._language_combo),
            self._language_combo,
        )
        layout.addLayout(form)

        self._advanced_button = QToolButton()
        self._advanced_button.setObjectName("advancedButton")
        self._advanced_button.setText(self.tr("&Advanced"))
        self._advanced_button.setAccessibleName(self.tr("Advanced settings"))
        self._advanced_button.setCheckable(True)
        self._advanced_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._advanced_button.setArrowType(Qt.ArrowType.RightArrow)
        self._advanced_button.setAutoRaise(True)
        self._advanced_button.toggled.connect(self.on_advanced_toggled)
        layout.addWidget(self._advanced_button)

        self._advanced_box = QWidget()
        self._advanced_box.setObjectName("advancedBox")
        advanced = QFormLayout(self._advanced_box)
        advanced.setContentsMargins(0, 0, 0, 0)
        self._api_url_edit = QLineEdit()
        self._api_url_edit.setObjectName("apiUrlEdit")
        self._api_url_edit.setAccessibleName(self.tr("API address"))
        self._api_url_edit.setInputMethodHints(Qt.InputMethodHint.ImhUrlCharactersOnly)
        self._api_url_edit.setPlaceholderText(DEFAULT_API_URL)
        self._reset_url_button = QPushButton(self.tr("&Default"))
        self._reset_url_button.setObjectName("resetApiUrlButton")
        self._reset_url_button.setAccessibleName(self.tr("Reset the API address to the default"))
        self._reset_url_button.setToolTip(DEFAULT_API_URL)
        self._reset_url_button.setAutoDefault(False)
        self._reset_url_button.clicked.connect(self.on_reset_url_clicked)
        url_row = QHBoxLayout()
        url_row.addWidget(self._api_url_edit, 1)
        url_row.addWidget(self._reset_url_button)
        advanced.addRow(self._buddy(self.tr("API add&ress:"), self._api_url_edit), url_row)

        self._connect_timeout_spin = self._seconds_spin("connectTimeoutSpin", 0.5, 120.0)
        self._connect_timeout_spin.setAccessibleName(self.tr("Connect timeout in seconds"))
        advanced.addRow(
            self._buddy(self.tr("C&onnect timeout:"), self._connect_timeout_spin),
            self._connect_timeout_spin,
        )
        self._read_timeout_spin = self._seconds_spin("readTimeoutSpin", 1.0, 600.0)
        self._read_timeout_spin.setAccessibleName(self.tr("Read timeout in seconds"))
        advanced.addRow(
            self._buddy(self.tr("R&ead timeout:"), self._read_timeout_spin),
            self._read_timeout_spin,
        )
        self._advanced_box.hide()
        layout.addWidget(self._advanced_box)

        test_row = QHBoxLayout()
        self._test_button = QPushButton(self.tr("Test co&nnection"))
        self._test_button.setObjectName("testConnectionButton")
        self._test_button.setToolTip(
            self.tr("Looks up the service's test person in test mode with the values above.")
        )
        self._test_button.setAutoDefault(False)
        self._test_button.clicked.connect(self.on_test_clicked)
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
        save.setDefault(True)
        self._buttons.accepted.connect(self.on_save)
        self._buttons.rejected.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(self._buttons)

        chain: list[QWidget] = [
            self._eid_edit,
            self._secret_edit,
            self._test_mode_check,
            self._language_combo,
            self._advanced_button,
            self._api_url_edit,
            self._reset_url_button,
            self._connect_timeout_spin,
            self._read_timeout_spin,
            self._test_button,
            self._test_result_label,
            self._message_label,
            self._buttons.button(QDialogButtonBox.StandardButton.Save),
            self._buttons.button(QDialogButtonBox.StandardButton.Cancel),
        ]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    def _seconds_spin(self, name: str, minimum: float, maximum: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(minimum, maximum)
        spin.setDecimals(1)
        spin.setSingleStep(1.0)
        spin.setSuffix(self.tr(" s"))
        return spin

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
        self._api_url_edit.setText(settings.api_url)
        self._test_mode_check.setChecked(settings.test_mode)
        index = self._language_combo.findData(normalize_language(settings.language))
        self._language_combo.setCurrentIndex(max(index, 0))
        self._connect_timeout_spin.setValue(settings.connect_timeout)
        self._read_timeout_spin.setValue(settings.read_timeout)
        defaults = Settings()
        self._advanced_button.setChecked(
            (settings.api_url, settings.connect_timeout, settings.read_timeout)
            != (defaults.api_url, defaults.connect_timeout, defaults.read_timeout)
            and not self._builtin
        )
        self._show_environment_fields()

        if self._builtin:
            # The demo account is built in, and the address points at the in-process sandbox.
            for widget in (
                self._eid_edit,
                self._secret_edit,
                self._test_mode_check,
                self._api_url_edit,
                self._reset_url_button,
            ):
                widget.setEnabled(False)
            return

        store = self._store
        if store is None:
            return
        try:
            self._stored_eid = store.stored_eid()
            self._has_stored_secret = store.has_secret()
        except CredentialsUnavailableError as error:
            self._show_message(error.message(self._ui_language))
        self._environment_note.setVisible(store.from_environment() is not None)
        self._eid_edit.setText(self._stored_eid or "")
        self._show_secret_state()
        if self._stored_eid and not self._has_stored_secret:
            self._secret_edit.setFocus()

    def _show_environment_fields(self) -> None:
        """Disable each setting the environment sets, and name its variable there and above."""
        if not self._environment_fields:
            return
        widgets: dict[str, tuple[QWidget, ...]] = {
            "api_url": (self._api_url_edit, self._reset_url_button),
            "test_mode": (self._test_mode_check,),
            "language": (self._language_combo,),
            "connect_timeout": (self._connect_timeout_spin,),
            "read_timeout": (self._read_timeout_spin,),
        }
        variables = [
            variable
            for name, variable in ENVIRONMENT_VARIABLES.items()
            if name in self._environment_fields
        ]
        for name in self._environment_fields:
            reason = self.tr(
                "Set by {variable} in the environment, which takes precedence over the value "
                "saved here."
            ).format(variable=ENVIRONMENT_VARIABLES[name])
            for widget in widgets[name]:
                widget.setEnabled(False)
                widget.setToolTip(reason)
                widget.setAccessibleDescription(reason)
        self._settings_environment_note.setText(
            self.tr(
                "These settings are set in the environment, which takes precedence over the "
                "settings saved here, so they cannot be changed here: {variables}"
            ).format(variables=", ".join(variables))
        )
        self._settings_environment_note.show()

    def _show_secret_state(self) -> None:
        """Say that a secret is stored, without ever showing it: the field itself stays empty."""
        if self._has_stored_secret:
            self._secret_edit.setPlaceholderText(self.tr("Stored — leave empty to keep"))
            self._secret_edit.setAccessibleDescription(
                self.tr("A secret key is stored. Leave the field empty to keep it.")
            )
        else:
            self._secret_edit.setPlaceholderText("")
            self._secret_edit.setAccessibleDescription("")

    # -- slots ----------------------------------------------------------------------------------

    @Slot(bool)
    def on_advanced_toggled(self, shown: bool) -> None:
        self._advanced_box.setVisible(shown)
        self._advanced_button.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    @Slot()
    def on_reset_url_clicked(self) -> None:
        self._api_url_edit.setText(DEFAULT_API_URL)

    @Slot()
    def on_save(self) -> None:
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
                    self.tr("The settings could not be written: {reason}").format(
                        reason=error.strerror or type(error).__name__
                    )
                )
                return
        self._services.update_settings(settings)
        self.settings_changed.emit(settings)
        self.accept()

    @Slot()
    def on_test_clicked(self) -> None:
        request = self._test_request()
        if request is None:
            return
        self._request_id += 1
        test = _ConnectionTest(self._request_id, request, self._relay)
        self._running_test = test
        self._test_button.setEnabled(False)
        self._show_test_result(self.tr("Testing the connection…"))
        self._test_pool.start(test.run)

    @Slot(int, object)
    def on_test_succeeded(self, request_id: int, result: LookupResult) -> None:
        if request_id != self._request_id:
            return  # the dialog was closed meanwhile
        self._test_finished()
        count = len(result.invoices)
        if count == 1:
            text = self.tr("Connection works: 1 invoice for the test person.")
        else:
            text = self.tr("Connection works: {count} invoices for the test person.").format(
                count=count
            )
        if result.logid:
            text += " " + self.tr("(log id {logid})").format(logid=result.logid)
        self._show_test_result(text)

    @Slot(int, object)
    def on_test_failed(self, request_id: int, error: QvicklyError) -> None:
        if request_id != self._request_id:
            return
        self._test_finished()
        self._show_test_result(
            self.tr("Connection test failed: {message}").format(
                message=error.message(self._ui_language)
            )
        )

    # -- saving ---------------------------------------------------------------------------------

    def _settings_from_fields(self, test: bool = False) -> Settings | None:
        """The settings as typed, or None after pointing at the field that is wrong."""
        current = self._services.settings
        api_url = self._api_url_edit.text().strip() or DEFAULT_API_URL
        if self._builtin or "api_url" in self._environment_fields:
            api_url = current.api_url
        else:
            problem = _api_url_problem(api_url, self._ui_language)
            if problem is not None:
                self._advanced_button.setChecked(True)
                self._api_url_edit.setFocus()
                if test:
                    self._show_test_result(problem)
                else:
                    self._show_message(problem)
                return None
        changes: dict[str, object] = {
            "api_url": api_url,
            "test_mode": self._builtin or self._test_mode_check.isChecked(),
            "language": self._language_combo.currentData(),
            "connect_timeout": self._connect_timeout_spin.value(),
            "read_timeout": self._read_timeout_spin.value(),
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
        eid_text = self._eid_edit.text().strip()
        secret = self._secret_edit.text().strip()
        nothing_stored = self._stored_eid is None and not self._has_stored_secret
        if not eid_text and not secret and nothing_stored:
            return True  # settings only; the window asks for credentials when it needs them
        try:
            eid = validate_eid(eid_text)
        except QvicklyError as error:
            self._refuse(error.message(self._ui_language), self._eid_edit)
            return False
        if not secret:
            if eid == self._stored_eid and self._has_stored_secret:
                return True  # keep the stored secret
            if self._has_stored_secret:
                self._refuse(
                    self.tr("Enter the secret key that belongs to the new merchant id."),
                    self._secret_edit,
                )
            else:
                self._refuse(self.tr("Enter the secret key."), self._secret_edit)
            return False
        try:
            store.save(eid, secret)
        except QvicklyError as error:
            self._refuse(error.message(self._ui_language), self._secret_edit)
            return False
        self._secret_edit.clear()
        self._stored_eid = eid
        self._has_stored_secret = True
        self._show_secret_state()
        return True

    def _refuse(self, text: str, widget: QWidget) -> None:
        self._show_message(text)
        widget.setFocus()

    def _show_message(self, text: str) -> None:
        self._message_label.setText(text)
        self._message_label.setVisible(bool(text))

    def _show_test_result(self, text: str) -> None:
        self._test_result_label.setText(text)
        self._test_result_label.setVisible(bool(text))

    # -- the connection test -------------------------------------------------------------------

    def _test_request(self) -> _TestRequest | None:
        settings = self._settings_from_fields(test=True)
        if settings is None:
            return None
        if self._builtin:
            return _TestRequest(settings, source=self._services.credentials())
        try:
            eid = validate_eid(self._eid_edit.text())
        except QvicklyError as error:
            self._eid_edit.setFocus()
            self._show_test_result(error.message(self._ui_language))
            return None
        secret = self._secret_edit.text().strip()
        if secret:
            return _TestRequest(settings, eid=eid, secret=secret)
        if self._has_stored_secret and self._store is not None:
            return _TestRequest(settings, eid=eid, source=self._store)
        self._secret_edit.setFocus()
        self._show_test_result(self.tr("Enter the secret key to test the connection."))
        return None

    def _test_finished(self) -> None:
        self._running_test = None
        self._test_button.setEnabled(True)

    def _stop_test(self) -> None:
        test = self._running_test
        self._request_id += 1  # whatever is still on its way is dropped
        self._test_finished()
        if test is None:
            return
        test.stop()
        # A stop can land just before the test opens its connection; repeat it until the test
        # ends. The call's own timeouts bound this in any case.
        while not self._test_pool.waitForDone(_STOP_POLL_MS):
            test.stop()


def _api_url_problem(text: str, language: str) -> str | None:
    """Why the search would refuse this address (the client's own rule), or None."""
    from qvickly_desk.client import check_api_url  # deferred: the client imports requests

    try:
        check_api_url(text)
    except InvalidInputError as error:
        return error.message(language)
    return None
