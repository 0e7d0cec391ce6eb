"""The connection part of the settings dialog: test mode, language, API address and timeouts.

A setting an environment variable sets is shown disabled, naming the variable: it wins at every
start, so an edit here would do nothing, and it is never saved. ``load`` shows settings;
``values`` gives what the fields hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from qvickly_desk.languages import normalize_language
from qvickly_desk.settings import DEFAULT_API_URL, ENVIRONMENT_VARIABLES, Settings
from qvickly_desk.ui.credentials_form import buddy

__all__ = ["ConnectionForm", "ConnectionValues"]

_LANGUAGES = (("Svenska", "sv"), ("English", "en"))  # each name in its own language, untranslated


@dataclass(frozen=True)
class ConnectionValues:
    """What the fields hold; an empty address field means the default address."""

    api_url: str
    test_mode: bool
    language: str
    connect_timeout: float
    read_timeout: float


class ConnectionForm(QObject):
    """The connection fields: two rows of the dialog's form, and an Advanced box below it."""

    def __init__(
        self, parent: QWidget, *, environment_fields: frozenset[str], builtin: bool
    ) -> None:
        super().__init__(parent)
        self._environment_fields = environment_fields
        self._builtin = builtin

        self.environment_note = QLabel()
        self.environment_note.setObjectName("settingsEnvironmentNote")
        self.environment_note.setWordWrap(True)
        self.environment_note.hide()

        self.test_mode_check = QCheckBox(self.tr("Use the service's &test mode"))
        self.test_mode_check.setObjectName("testModeCheck")
        self.test_mode_check.setAccessibleName(self.tr("Test mode"))

        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.setAccessibleName(self.tr("Language of the service's messages"))
        for name, code in _LANGUAGES:
            self.language_combo.addItem(name, code)

        self.advanced_button = QToolButton()
        self.advanced_button.setObjectName("advancedButton")
        self.advanced_button.setText(self.tr("&Advanced"))
        self.advanced_button.setAccessibleName(self.tr("Advanced settings"))
        self.advanced_button.setCheckable(True)
        self.advanced_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_button.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_button.setAutoRaise(True)
        self.advanced_button.toggled.connect(self._on_advanced_button_toggled)

        self.advanced_box = QWidget()
        self.advanced_box.setObjectName("advancedBox")
        advanced = QFormLayout(self.advanced_box)
        advanced.setContentsMargins(0, 0, 0, 0)
        self.api_url_edit = QLineEdit()
        self.api_url_edit.setObjectName("apiUrlEdit")
        self.api_url_edit.setAccessibleName(self.tr("API address"))
        self.api_url_edit.setInputMethodHints(Qt.InputMethodHint.ImhUrlCharactersOnly)
        self.api_url_edit.setPlaceholderText(DEFAULT_API_URL)
        self.reset_url_button = QPushButton(self.tr("&Default"))
        self.reset_url_button.setObjectName("resetApiUrlButton")
        self.reset_url_button.setAccessibleName(self.tr("Reset the API address to the default"))
        self.reset_url_button.setToolTip(DEFAULT_API_URL)
        self.reset_url_button.setAutoDefault(False)
        self.reset_url_button.clicked.connect(self._on_reset_url_button_clicked)
        url_row = QHBoxLayout()
        url_row.addWidget(self.api_url_edit, 1)
        url_row.addWidget(self.reset_url_button)
        advanced.addRow(buddy(self.tr("API add&ress:"), self.api_url_edit), url_row)

        self.connect_timeout_spin = self._seconds_spin("connectTimeoutSpin", 0.5, 120.0)
        self.connect_timeout_spin.setAccessibleName(self.tr("Connect timeout in seconds"))
        advanced.addRow(
            buddy(self.tr("C&onnect timeout:"), self.connect_timeout_spin),
            self.connect_timeout_spin,
        )
        self.read_timeout_spin = self._seconds_spin("readTimeoutSpin", 1.0, 600.0)
        self.read_timeout_spin.setAccessibleName(self.tr("Read timeout in seconds"))
        advanced.addRow(
            buddy(self.tr("R&ead timeout:"), self.read_timeout_spin),
            self.read_timeout_spin,
        )
        self.advanced_box.hide()

    def _seconds_spin(self, name: str, minimum: float, maximum: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(minimum, maximum)
        spin.setDecimals(1)
        spin.setSingleStep(1.0)
        spin.setSuffix(self.tr(" s"))
        return spin

    def add_rows(self, form: QFormLayout) -> None:
        form.addRow("", self.test_mode_check)
        form.addRow(
            buddy(self.tr("&Language of the service's messages:"), self.language_combo),
            self.language_combo,
        )

    def tab_chain(self) -> list[QWidget]:
        """The Advanced button and the fields in its box, in Tab order."""
        return [
            self.advanced_button,
            self.api_url_edit,
            self.reset_url_button,
            self.connect_timeout_spin,
            self.read_timeout_spin,
        ]

    def load(self, settings: Settings) -> None:
        self.api_url_edit.setText(settings.api_url)
        self.test_mode_check.setChecked(settings.test_mode)
        index = self.language_combo.findData(normalize_language(settings.language))
        self.language_combo.setCurrentIndex(max(index, 0))
        self.connect_timeout_spin.setValue(settings.connect_timeout)
        self.read_timeout_spin.setValue(settings.read_timeout)
        defaults = Settings()
        self.advanced_button.setChecked(
            (settings.api_url, settings.connect_timeout, settings.read_timeout)
            != (defaults.api_url, defaults.connect_timeout, defaults.read_timeout)
            and not self._builtin
        )
        self._show_environment_fields()
        if self._builtin:
            # The demo's address points at the in-process sandbox, and it runs in test mode.
            for widget in (self.test_mode_check, self.api_url_edit, self.reset_url_button):
                widget.setEnabled(False)

    def values(self) -> ConnectionValues:
        return ConnectionValues(
            api_url=self.api_url_edit.text().strip() or DEFAULT_API_URL,
            test_mode=self.test_mode_check.isChecked(),
            language=str(self.language_combo.currentData()),
            connect_timeout=self.connect_timeout_spin.value(),
            read_timeout=self.read_timeout_spin.value(),
        )

    def point_at_api_url(self) -> None:
        """Open the Advanced box and put the cursor in the address field (it is wrong)."""
        self.advanced_button.setChecked(True)
        self.api_url_edit.setFocus()

    def _show_environment_fields(self) -> None:
        """Disable each setting the environment sets, and name its variable there and above."""
        if not self._environment_fields:
            return
        widgets: dict[str, tuple[QWidget, ...]] = {
            "api_url": (self.api_url_edit, self.reset_url_button),
            "test_mode": (self.test_mode_check,),
            "language": (self.language_combo,),
            "connect_timeout": (self.connect_timeout_spin,),
            "read_timeout": (self.read_timeout_spin,),
        }
        variables = [
            variable
            for name, variable in ENVIRONMENT_VARIABLES.items()
            if name in self._environment_fields
        ]
        for name in self._environment_fields:
            reason = self.tr(
                "Set by %1 in the environment, which takes precedence over the value saved here."
            ).replace("%1", ENVIRONMENT_VARIABLES[name])
            for widget in widgets[name]:
                widget.setEnabled(False)
                widget.setToolTip(reason)
                widget.setAccessibleDescription(reason)
        self.environment_note.setText(
            self.tr(
                "These settings are set in the environment, which takes precedence over the "
                "settings saved here, so they cannot be changed here: %1"
            ).replace("%1", ", ".join(variables))
        )
        self.environment_note.show()

    @Slot(bool)
    def _on_advanced_button_toggled(self, shown: bool) -> None:
        self.advanced_box.setVisible(shown)
        self.advanced_button.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    @Slot()
    def _on_reset_url_button_clicked(self) -> None:
        self.api_url_edit.setText(DEFAULT_API_URL)
