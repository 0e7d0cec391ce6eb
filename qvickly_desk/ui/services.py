"""What the window talks to, made on first use so the first paint imports no network code.

The window receives a :class:`Services` from outside (``app.py`` builds the real or demo one, tests
build one pointed at the sandbox), which keeps the window free of singletons and easy to test.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qvickly_desk.client import QvicklyClient
    from qvickly_desk.credentials import CredentialSource, CredentialStore
    from qvickly_desk.settings import Settings

__all__ = ["Services"]


class Services:
    """A lazily made client and credential source, shared by the window and the lookup thread.

    A plain factory: which request may still run is the lookup controller's business.
    """

    def __init__(
        self,
        settings: Settings,
        make_client: Callable[[Settings], QvicklyClient],
        make_credentials: Callable[[], CredentialSource],
        make_store: Callable[[], CredentialStore] | None = None,
        demo: bool = False,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        self._settings = settings
        self._make_client = make_client
        self._make_credentials = make_credentials
        self._make_store = make_store
        self._on_close = on_close
        self.demo = demo
        self._lock = threading.Lock()
        self._client: QvicklyClient | None = None
        self._credentials: CredentialSource | None = None

    @property
    def settings(self) -> Settings:
        return self._settings

    def update_settings(self, settings: Settings) -> None:
        """New settings apply from the next lookup on."""
        with self._lock:
            self._settings = settings
            if self._client is not None:
                self._client.settings = settings

    def client(self) -> QvicklyClient:
        with self._lock:
            if self._client is None:
                self._client = self._make_client(self._settings)
            return self._client

    def new_client(self, settings: Settings) -> QvicklyClient:
        """A client of the caller's own, made as the window's is (the demo's stays on its sandbox).

        For the credentials dialog's connection test, which tries settings not yet saved; the
        caller closes it.
        """
        return self._make_client(settings)

    def credentials(self) -> CredentialSource:
        with self._lock:
            if self._credentials is None:
                self._credentials = self._make_credentials()
            return self._credentials

    def credential_store(self) -> CredentialStore | None:
        """The editable keyring store, or None where credentials are built in (demo)."""
        return None if self._make_store is None else self._make_store()

    def sibling(self) -> Services:
        """Services with a client of their own, sharing the credentials and the settings.

        For work beside the lookups (an invoice's details): aborting a superseded search must
        not abort it, and it must not wait behind a long search.
        """
        return Services(
            self.settings,
            self._make_client,
            self.credentials,
            self._make_store,
            demo=self.demo,
        )

    def abort(self) -> None:
        """Interrupt the client's call in flight; callable from the GUI thread while it waits."""
        with self._lock:
            client = self._client
        if client is not None:
            client.abort()

    def close(self) -> None:
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()
        if self._on_close is not None:
            self._on_close()
