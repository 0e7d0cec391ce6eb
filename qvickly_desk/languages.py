"""The program's two languages, Swedish and English, and the core's way to hold a text in both.

The core writes every message a person reads as a :class:`Text`; the UI translates with Qt's
``tr()`` instead. Anything that takes a language passes it through :func:`normalize_language`
first, so a setting or a locale such as ``en_GB.UTF-8`` becomes one of :data:`LANGUAGES`.
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "Text", "normalize_language"]

LANGUAGES = ("sv", "en")


def normalize_language(language: str | None) -> str:
    """``sv`` or ``en`` from a setting or a locale such as ``en_GB.UTF-8``; Swedish otherwise."""
    if language and language.strip().lower()[:2] == "en":
        return "en"
    return "sv"


class Text:
    """One message in both languages; ``{name}`` fields are filled from the error's details.

    Made by keyword only (``Text(sv=…, en=…)``), so the two languages cannot be swapped. A value:
    immutable, equal to a text with the same two strings. Written out rather than a frozen
    dataclass: it and ``StatusChoice`` were the only dataclasses the window made before its first
    paint, and they with the ``dataclasses`` import cost 10 M of its 1,100 M instructions.
    """

    __slots__ = ("en", "sv")

    sv: str
    en: str

    def __init__(self, *, sv: str, en: str) -> None:
        object.__setattr__(self, "sv", sv)
        object.__setattr__(self, "en", en)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Text cannot be changed ({name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Text cannot be changed ({name})")

    def __eq__(self, other: object) -> bool:
        if type(other) is not Text:
            return NotImplemented
        return self.sv == other.sv and self.en == other.en

    def __hash__(self) -> int:
        return hash((self.sv, self.en))

    def __repr__(self) -> str:
        return f"Text(sv={self.sv!r}, en={self.en!r})"

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return _text, (self.sv, self.en)

    def get(self, language: str, **fields: object) -> str:
        return self.choose(language).format(**fields)

    def choose(self, language: str) -> str:
        """The text in ``language`` as written, no field filled in (it may hold any braces)."""
        return self.en if normalize_language(language) == "en" else self.sv


def _text(sv: str, en: str) -> Text:
    """A pickled or copied ``Text`` made again."""
    return Text(sv=sv, en=en)
