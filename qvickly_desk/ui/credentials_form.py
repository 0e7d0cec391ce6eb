"""The credentials part of the settings dialog: merchant id and secret key.

The secret is never shown back once stored: the field stays empty, its placeholder says a secret
is stored, and an empty field on save keeps it. ``load`` reads what the keyring holds; ``values``
gives what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from qvickly_desk.credentials import CredentialStore
from qvickly_desk.errors import CredentialsUnavailableError

__all__ = ["CredentialsForm", "CredentialsValues", "buddy"]


@dataclass(frozen=True)
class CredentialsValues:
    """What the form holds, stripped: the merchant id as typed and the secret typed ("" if none)."""

    eid: str
    secret: str = field(repr=False)


class CredentialsForm(QObject):
    """The merchant id and secret key fields, added as rows to the dialog's form."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.stored_eid: str | None = None
        self.has_stored_secret = False

        self.environment_note = QLabel(
            self.tr(
                "QVICKLY_EID and QVICKLY_SECRET are set in the environment; they take "
                "precedence over the credentials stored here."
            )
        )
        self.environment_note.setObjectName("environmentNote")
        self.environment_note.setWordWrap(True)
        self.environment_note.hide()

        # Qvickly's own words: its API documentation calls the id the "store ID".
        self.source_note = QLabel(
            self.tr(
                "The store ID and the secret key come from Qvickly with your company's "
                "agreement: ask whoever manages your Qvickly account. To try Qvickly Desk "
                "without them, start it with --demo."
            )
        )
        self.source_note.setObjectName("credentialsSourceNote")
        self.source_note.setWordWrap(True)

        self.eid_edit = QLineEdit()
        self.eid_edit.setObjectName("merchantIdEdit")
        self.eid_edit.setAccessibleName(self.tr("Store ID"))
        self.eid_edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.eid_edit.setMaxLength(20)

        self.secret_edit = QLineEdit()
        self.secret_edit.setObjectName("secretKeyEdit")
        self.secret_edit.setAccessibleName(self.tr("Secret key"))
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        self.secret_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

    def add_rows(self, form: QFormLayout) -> None:
        form.addRow(buddy(self.tr("&Store ID:"), self.eid_edit), self.eid_edit)
        form.addRow(buddy(self.tr("Secret &key:"), self.secret_edit), self.secret_edit)

    def load(self, store: CredentialStore) -> CredentialsUnavailableError | None:
        """Show what the keyring holds; the error when it could not be asked."""
        problem: CredentialsUnavailableError | None = None
        try:
            self.stored_eid = store.stored_eid()
            self.has_stored_secret = store.has_secret()
        except CredentialsUnavailableError as error:
            problem = error
        self.environment_note.setVisible(store.from_environment() is not None)
        self.eid_edit.setText(self.stored_eid or "")
        self._show_secret_state()
        if self.stored_eid and not self.has_stored_secret:
            self.secret_edit.setFocus()
        return problem

    def values(self) -> CredentialsValues:
        return CredentialsValues(self.eid_edit.text().strip(), self.secret_edit.text().strip())

    def disable(self) -> None:
        """Built-in credentials (demo): nothing to type."""
        self.eid_edit.setEnabled(False)
        self.secret_edit.setEnabled(False)

    def mark_saved(self, eid: str) -> None:
        """The keyring now holds ``eid`` and the typed secret: empty the field, say it is stored."""
        self.secret_edit.clear()
        self.stored_eid = eid
        self.has_stored_secret = True
        self._show_secret_state()

    def _show_secret_state(self) -> None:
        """Say that a secret is stored, without ever showing it: the field itself stays empty."""
        if self.has_stored_secret:
            placeholder = self.tr("Stored — leave empty to keep")
            self.secret_edit.setPlaceholderText(placeholder)
            # Wide enough for the whole placeholder: cut, it read as "Sparad — lämna tomt för".
            margins = self.secret_edit.textMargins()
            room = self.secret_edit.fontMetrics().horizontalAdvance(placeholder)
            self.secret_edit.setMinimumWidth(room + margins.left() + margins.right() + 24)
            self.secret_edit.setAccessibleDescription(
                self.tr("A secret key is stored. Leave the field empty to keep it.")
            )
        else:
            self.secret_edit.setPlaceholderText("")
            self.secret_edit.setAccessibleDescription("")


def buddy(text: str, widget: QWidget) -> QLabel:
    """A form label whose mnemonic focuses ``widget``."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label
