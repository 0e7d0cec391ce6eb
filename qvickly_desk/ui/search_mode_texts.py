"""The search bar's words for each search mode: the button, the field's label, its placeholder
and the hint that offers the mode. In the search bar's translation context, so the catalogues
hold them beside its other texts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from qvickly_desk.search_modes import SearchMode

__all__ = ["field_label", "hint", "mode_name", "placeholder"]


def mode_name(mode: SearchMode) -> str:
    if mode is SearchMode.INVOICE:
        return QCoreApplication.translate("SearchBar", "Invoice number")
    if mode is SearchMode.CUSTOMER:
        return QCoreApplication.translate("SearchBar", "Customer number")
    if mode is SearchMode.NAME:
        return QCoreApplication.translate("SearchBar", "Name")
    return QCoreApplication.translate("SearchBar", "Personal/org. number")


def field_label(mode: SearchMode) -> str:
    """Alt+N reaches the field whatever it holds; the label names what it holds."""
    if mode is SearchMode.INVOICE:
        return QCoreApplication.translate("SearchBar", "Invoice &number:")
    if mode is SearchMode.CUSTOMER:
        return QCoreApplication.translate("SearchBar", "Customer &number:")
    if mode is SearchMode.NAME:
        return QCoreApplication.translate("SearchBar", "&Name:")
    return QCoreApplication.translate("SearchBar", "Personal or organisation &number:")


def placeholder(mode: SearchMode) -> str:
    if mode is SearchMode.INVOICE:
        return QCoreApplication.translate("SearchBar", "e.g. 1004")
    if mode is SearchMode.CUSTOMER:
        return QCoreApplication.translate("SearchBar", "The merchant's customer number")
    if mode is SearchMode.NAME:
        return QCoreApplication.translate("SearchBar", "Full or partial name")
    return QCoreApplication.translate("SearchBar", "YYYYMMDD-NNNN")


def hint(mode: SearchMode) -> str:
    """The offer of ``mode``: %1 is the text typed, %2 the mode's key."""
    if mode is SearchMode.INVOICE:
        return QCoreApplication.translate("SearchBar", "%1 looks like an invoice number — %2")
    if mode is SearchMode.NAME:
        return QCoreApplication.translate("SearchBar", "%1 looks like a name — %2")
    return QCoreApplication.translate(
        "SearchBar", "%1 looks like a personal or organisation number — %2"
    )
