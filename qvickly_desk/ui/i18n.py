"""The window's language: Swedish or English, from the user's override or the system locale.

The rule matches the command line's (``languages.normalize_language``): an English system
locale gives English, a Swedish one Swedish, and any other locale Swedish too, since the
program is made for Swedish merchants and Swedish is the language its staff share. An override
saved from the View > Language menu wins over the locale.

Translators are installed the Qt way: Qt's own ``qtbase`` catalogue first (standard dialogs and
context menus), then ours from ``resources/translations``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from qvickly_desk.languages import normalize_language
from qvickly_desk.ui.resources import resource_path
from qvickly_desk.ui.ui_settings import LANGUAGE_SYSTEM

__all__ = [
    "LANGUAGES",
    "Translators",
    "choose_language",
    "install_translators",
    "remove_translators",
    "system_language",
]

LANGUAGES = ("sv", "en")
CATALOGUE = "qvickly_desk"
# Numbers in the texts follow the UI's language, not the system's: "3 000 fakturor" in Swedish
# also on an English Windows, "3,000 invoices" in English also on a Swedish one.
_NUMBER_LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def system_language(locale: QLocale | None = None) -> str:
    """``"en"`` for an English locale, ``"sv"`` for every other one (as on the command line)."""
    locale = locale if locale is not None else QLocale.system()
    languages = locale.uiLanguages()
    first = languages[0] if languages else locale.name()
    return normalize_language(first.replace("-", "_"))


def choose_language(override: str, locale: QLocale | None = None) -> str:
    """The override when it names a language we ship, else the system's."""
    if override != LANGUAGE_SYSTEM and override in LANGUAGES:
        return override
    return system_language(locale)


class Translators(NamedTuple):  # not a dataclass: made at start-up, 10x quicker to define
    """The translators installed for one language; ``ours_loaded`` says our catalogue was found."""

    language: str
    installed: tuple[QTranslator, ...]
    ours_loaded: bool
    previous_locale: QLocale | None = None  # the default locale before, put back on removal


def install_translators(app: QCoreApplication, language: str) -> Translators:
    """Install Qt's ``qtbase`` catalogue and ours for ``language``; missing ones are skipped.

    The translators are parented to ``app`` so they live exactly as long as it. The default
    ``QLocale`` becomes the language's too, so that numbers in translated texts (``%Ln``) and
    in spin boxes are written the way the texts around them expect.
    """
    previous_locale = QLocale()
    QLocale.setDefault(QLocale(_NUMBER_LOCALES.get(language, _NUMBER_LOCALES["sv"])))
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator(app)
    if qtbase.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qtbase)
        installed.append(qtbase)
    ours = QTranslator(app)
    ours_loaded = ours.load(f"{CATALOGUE}_{language}", str(resource_path("translations")))
    if ours_loaded:
        app.installTranslator(ours)
        installed.append(ours)
    return Translators(language, tuple(installed), ours_loaded, previous_locale)


def remove_translators(
    app: QCoreApplication, translators: Translators | Sequence[QTranslator]
) -> None:
    """Undo :func:`install_translators` (tests switch languages within one application)."""
    items = translators.installed if isinstance(translators, Translators) else translators
    for translator in items:
        app.removeTranslator(translator)
    if isinstance(translators, Translators) and translators.previous_locale is not None:
        QLocale.setDefault(translators.previous_locale)
