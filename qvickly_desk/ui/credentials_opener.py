"""Opening the credentials dialog: at start when none are stored, and whenever asked.

Whether credentials are stored is asked on the lookup thread (:mod:`credential_probe`), since a
keyring can take seconds. The dialog is window-modal without blocking the window, and only one is
open at a time.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QWidget

from qvickly_desk.errors import QvicklyError
from qvickly_desk.ui.credential_probe import CredentialProbe
from qvickly_desk.ui.lookup_controller import LookupController
from qvickly_desk.ui.services import Services

__all__ = ["CredentialsOpener"]


class CredentialsOpener(QObject):
    """Opens the credentials dialog over ``window``; says when the keyring could not be asked."""

    keyring_failed = Signal(object)  # CredentialsUnavailableError: the keyring could not answer
    settings_changed = Signal(object)  # Settings, saved by the dialog
    _probe_requested = Signal()

    def __init__(
        self, services: Services, window: QWidget, lookups: LookupController, language: str
    ) -> None:
        super().__init__(window)
        self._services = services
        self._window = window
        self._language = language
        self._dialog: QWidget | None = None
        self._closed = False
        self.probe = CredentialProbe(services)
        lookups.move_to_lookup_thread(self.probe)
        self._probe_requested.connect(self.probe.run, Qt.ConnectionType.QueuedConnection)
        self.probe.finished.connect(self._on_probe_finished)

    def check(self) -> None:
        """Open the dialog if no credentials are stored; asks the keyring off the GUI thread."""
        if not self._services.demo and not self._closed:
            self._probe_requested.emit()

    @Slot(bool, object)
    def _on_probe_finished(self, missing: bool, error: QvicklyError | None) -> None:
        if self._closed:
            return
        if error is not None:
            self.keyring_failed.emit(error)
        elif missing:
            self.open_dialog()

    @Slot()
    def open_dialog(self) -> None:
        """The credentials and connection dialog, window-modal, without blocking the window."""
        if self._dialog is not None:
            self._dialog.raise_()
            self._dialog.activateWindow()
            return
        from qvickly_desk.ui.credentials_dialog import CredentialsDialog

        dialog = CredentialsDialog(self._services, self._window, ui_language=self._language)
        dialog.settings_changed.connect(self.settings_changed)
        dialog.finished.connect(self._on_dialog_finished)
        self._dialog = dialog
        dialog.open()

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def close(self) -> None:
        """The window is closing: close the dialog (it stops its connection test first)."""
        self._closed = True
        if self._dialog is not None:
            self._dialog.close()
