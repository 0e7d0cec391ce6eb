"""The window's settings side: its credentials, the mode badge, and what it remembers.

Kept apart from :mod:`~qvickly_desk.ui.main_window`, which is about searching and showing: here
are the credentials dialog's opener (made when first asked), what the window says when the
computer has no keyring, the badge that says demo or test mode, the language and status choice
saved when changed, and the size, columns and choices restored at start and saved at close. Its
texts keep the window's translation context.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Slot

from qvickly_desk.errors import QvicklyError
from qvickly_desk.text import safe_text
from qvickly_desk.ui.message_area import MessageKind
from qvickly_desk.ui.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from qvickly_desk.ui.credentials_opener import CredentialsOpener
    from qvickly_desk.ui.main_window import MainWindow

__all__ = ["WindowSettings"]

_log = logging.getLogger(__name__)

_DEFAULT_SIZE = (1300, 760)  # room for the table and the details pane side by side


class WindowSettings(QObject):
    """The settings side of ``window``, made once its widgets are."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._credentials: CredentialsOpener | None = None

    @property
    def credentials(self) -> CredentialsOpener:
        """The credentials dialog's opener; made when first asked (after the first paint)."""
        if self._credentials is None:
            from qvickly_desk.ui.credentials_opener import CredentialsOpener

            window = self._window
            opener = CredentialsOpener(window.services, window, window.lookups, window.language)
            opener.keyring_failed.connect(self._on_credentials_keyring_failed)
            opener.settings_changed.connect(self._on_credentials_settings_changed)
            self._credentials = opener
        return self._credentials

    def update_mode_badge(self) -> None:
        services = self._window.services
        self._window.mode_badge.show_mode(demo=services.demo, test_mode=services.settings.test_mode)

    @Slot(object)
    def _on_credentials_keyring_failed(self, error: QvicklyError) -> None:
        """Said to the agent, in the window's language, with the next step; the keyring
        library's own (English) words are for the log and support, not for this message."""
        _log.warning("The keyring could not be asked: %s", safe_text(error))
        self._window.message_area.show_message(
            MessageKind.WARNING,
            QCoreApplication.translate(
                "MainWindow",
                "This computer has no working password store, so Qvickly Desk cannot keep your "
                "store ID and secret key. Ask IT to set one up (a keyring), then enter them "
                "under Settings → Credentials and connection. To try the program meanwhile, "
                "start it with --demo.",
            ),
            QCoreApplication.translate("MainWindow", "Credentials cannot be kept on this computer"),
            (
                QCoreApplication.translate("MainWindow", "Credentials…"),
                self._window.open_credentials_dialog,
            ),
        )

    @Slot(object)
    def _on_credentials_settings_changed(self, _settings: object) -> None:
        self.update_mode_badge()

    @Slot(str)
    def on_language_chosen(self, code: str) -> None:
        settings = self._window.ui_settings
        settings.set_language_override(code)
        settings.sync()
        self._window.message_area.show_message(
            MessageKind.INFO,
            QCoreApplication.translate(
                "MainWindow", "The language changes when Qvickly Desk is started again."
            ),
        )

    @Slot(bool, bool)
    def on_status_changed(self, sent: bool, paid: bool) -> None:
        self._window.ui_settings.set_status_choice(sent, paid)

    def restore(self) -> None:
        """The size, columns, status choice and find mode of the last session."""
        window = self._window
        settings = window.ui_settings
        geometry = settings.geometry()
        if geometry is None or not window.restoreGeometry(geometry):
            window.resize(*_DEFAULT_SIZE)
        fit_to_screen(window)
        window.search_bar.set_status_choice(*settings.status_choice())
        window.table.restore_header(settings)
        window.find_flow.restore()
        window.window_actions.show_sort_column(
            window.table.horizontalHeader().sortIndicatorSection()
        )

    def save(self) -> None:
        window = self._window
        settings = window.ui_settings
        settings.set_geometry(window.saveGeometry())
        window.table.save_header(settings)
        settings.set_status_choice(*window.search_bar.status_choice())
        settings.sync()

    def close(self) -> None:
        """Save, and close the credentials dialog (which stops its connection test first)."""
        if self._credentials is not None:
            self._credentials.close()
        self.save()
