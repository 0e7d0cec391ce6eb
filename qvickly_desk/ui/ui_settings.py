"""What the window remembers between runs: its size, its columns, the checkboxes, the language.

A thin :class:`QSettings` wrapper, so every key is named once and typed on the way out. It never
holds a searched number or a result: those are personal data and stay in memory only. Tests use
:meth:`UiSettings.from_file` to keep their settings in a temporary INI file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

__all__ = ["LANGUAGE_SYSTEM", "UiSettings"]

LANGUAGE_SYSTEM = ""
"""The language override meaning "follow the system locale"."""

_GEOMETRY = "window/geometry"
_HEADER_STATE = "results/header_state"
_WIDTHS_CHOSEN = "results/column_widths_chosen"
_SENT = "search/sent"
_PAID = "search/paid"
_LANGUAGE = "ui/language"
_LANGUAGES = frozenset({"sv", "en"})


class UiSettings(QSettings):
    """The window's own settings, in the platform's usual place (the registry, a plist, an INI)."""

    @classmethod
    def from_file(cls, path: str | Path) -> UiSettings:
        """Settings kept in one INI file, for tests and the smoke test."""
        return cls(str(path), QSettings.Format.IniFormat)

    def geometry(self) -> QByteArray | None:
        return self._bytes(_GEOMETRY)

    def set_geometry(self, state: QByteArray) -> None:
        self.setValue(_GEOMETRY, state)

    def header_state(self) -> QByteArray | None:
        """Column widths, order and the sort column of the results table."""
        return self._bytes(_HEADER_STATE)

    def set_header_state(self, state: QByteArray) -> None:
        self.setValue(_HEADER_STATE, state)

    def column_widths_chosen(self) -> bool:
        """Whether the user resized a column; until then columns are fitted to each answer.

        Settings saved before this was remembered hold only the columns' state: widths from
        then were kept, so they count as chosen rather than being refitted away.
        """
        return self._bool(_WIDTHS_CHOSEN, self.contains(_HEADER_STATE))

    def set_column_widths_chosen(self, chosen: bool) -> None:
        self.setValue(_WIDTHS_CHOSEN, chosen)

    def status_choice(self) -> tuple[bool, bool]:
        """The Sent and Paid checkboxes; both ticked unless the user changed them."""
        return self._bool(_SENT, True), self._bool(_PAID, True)

    def set_status_choice(self, sent: bool, paid: bool) -> None:
        self.setValue(_SENT, sent)
        self.setValue(_PAID, paid)

    def language_override(self) -> str:
        """``"sv"``, ``"en"`` or ``LANGUAGE_SYSTEM``; anything unknown counts as the system's."""
        value = self.value(_LANGUAGE, LANGUAGE_SYSTEM)
        return value if isinstance(value, str) and value in _LANGUAGES else LANGUAGE_SYSTEM

    def set_language_override(self, language: str) -> None:
        self.setValue(_LANGUAGE, language if language in _LANGUAGES else LANGUAGE_SYSTEM)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.value(key)
        if isinstance(value, QByteArray) and not value.isEmpty():
            return value
        if isinstance(value, bytes) and value:
            return QByteArray(value)
        return None

    def _bool(self, key: str, default: bool) -> bool:
        value = self.value(key, default)
        if isinstance(value, str):  # INI files give text back
            return value.strip().lower() in {"true", "1", "yes", "on"}
        return bool(value)
