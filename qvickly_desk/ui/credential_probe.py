"""Whether credentials are stored at all, asked on the lookup thread.

A keyring can take seconds to answer (or wait for an unlock prompt), so the first paint never
waits for it: the window moves the probe onto the lookup thread and hears ``finished``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot

from qvickly_desk.errors import CredentialsUnavailableError
from qvickly_desk.ui.services import Services

__all__ = ["CredentialProbe"]

_log = logging.getLogger(__name__)


class CredentialProbe(QObject):
    """Asks the keyring whether credentials are stored; answers by ``finished``."""

    finished = Signal(bool, object)  # credentials missing, CredentialsUnavailableError or None

    def __init__(self, services: Services) -> None:
        super().__init__()  # no parent: it is moved to the lookup thread
        self._services = services

    @Slot()
    def run(self) -> None:
        try:
            store = self._services.credential_store()
            missing = (
                store is not None and store.from_environment() is None and not store.has_secret()
            )
        except CredentialsUnavailableError as error:
            self.finished.emit(False, error)
        except Exception:
            _log.exception("checking for stored credentials failed")
            self.finished.emit(False, None)
        else:
            self.finished.emit(missing, None)
