"""The program's two languages, Swedish and English, and the core's way to hold a text in both.

The core writes every message a person reads as a :class:`Text`; the UI translates with Qt's
``tr()`` instead. Anything that takes a language passes it through :func:`normalize_language`
first, so a setting or a locale such as ``en_GB.UTF-8`` becomes one of :data:`LANGUAGES`.
"""

from __future__ import annotations

from qvickly_desk.frozen import FrozenValue

__all__ = ["LANGUAGES", "Text", "normalize_language"]

LANGUAGES = ("sv", "en")


def normalize_language(language: str | None) -> str:
    """``sv`` or ``en`` from a setting or a locale such as ``en_GB.UTF-8``; Swedish otherwise."""
    if language and language.strip().lower()[:2] == "en":
        return "en"
    return "sv"


class Text(FrozenValue):
    """One message in both languages; ``{name}`` fields are filled from the error's details.

    Made by keyword only (``Text(sv=…, en=…)``), so the two languages cannot be swapped.
    """

    __slots__ = ("en", "sv")
    _fields = ("sv", "en")

    sv: str
    en: str

    def __init__(self, *, sv: str, en: str) -> None:
        self._init_fields(sv, en)

    def get(self, language: str, **fields: object) -> str:
        return self.choose(language).format(**fields)

    def choose(self, language: str) -> str:
        """The text in ``language`` as written, no field filled in (it may hold any braces)."""
        return self.en if normalize_language(language) == "en" else self.sv
