"""The window's actions (texts, shortcuts, menu roles) and the menus that hold them, in one place.

Actions are made here and connected by the window to the parts that do the work (the invoice
commands, the search, the dialogs), so a new command is one action here and one connection there.
Every action is added to the window too, so its shortcut works with the menu bar closed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from qvickly_desk import __version__
from qvickly_desk.ui.ui_settings import LANGUAGE_SYSTEM

__all__ = ["WindowActions"]


class WindowActions(QObject):
    """The window's actions; ``build_menus`` puts them in the menu bar.

    The About boxes are handled here; the window and the invoice commands connect the rest.
    """

    language_chosen = Signal(str)  # a language code, or LANGUAGE_SYSTEM
    sort_chosen = Signal(int)  # a column: sort by it (again: the other way round)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.sort_actions: list[QAction] = []  # one per column, made with the menus
        self.shortcut_overview: QWidget | None = None
        key = QKeySequence
        self.open_pdf = self._action(self.tr("&Open PDF"), [key("Ctrl+O")])
        self.export = self._action(self.tr("&Export CSV…"), [key("Ctrl+E")])
        self.quit = self._action(self.tr("&Quit"), [key("Ctrl+Q")])
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.copy_rows = self._action(self.tr("&Copy rows"), [key(key.StandardKey.Copy)])
        self.copy_number = self._action(self.tr("Copy invoice &number"))
        self.copy_link = self._action(self.tr("Copy PDF &link"))
        self.find = self._action(
            self.tr("&Find"), _unique([key(key.StandardKey.Find), key("Ctrl+F")])
        )
        self.focus_number = self._action(self.tr("Go to the &number field"), [key("Ctrl+L")])
        self.credentials = self._action(
            self.tr("&Credentials and connection…"),
            _unique([key(key.StandardKey.Preferences), key("Ctrl+,")]),
        )
        self.credentials.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.shortcuts_help = self._action(
            self.tr("&Keyboard shortcuts"),
            _unique([key(key.StandardKey.HelpContents), key("F1")]),
        )
        self.shortcuts_help.triggered.connect(self._on_shortcuts_help_triggered)
        self.about = self._action(self.tr("&About Qvickly Desk"))
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt = self._action(self.tr("About &Qt"))
        self.about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)
        self.about.triggered.connect(self._on_about_triggered)
        self.about_qt.triggered.connect(self._on_about_qt_triggered)

    def _action(self, text: str, shortcuts: list[QKeySequence] | None = None) -> QAction:
        action = QAction(text, self._window)
        if shortcuts:
            action.setShortcuts(shortcuts)
        self._window.addAction(action)  # shortcuts work with the menu bar closed
        return action

    def build_menus(
        self, bar: QMenuBar, language_override: str, column_headers: Sequence[str] = ()
    ) -> None:
        """File, Edit, View (sorting by ``column_headers``, the language), Settings and Help."""
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.open_pdf)
        file_menu.addAction(self.export)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.copy_rows)
        edit_menu.addAction(self.copy_number)
        edit_menu.addAction(self.copy_link)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find)
        edit_menu.addAction(self.focus_number)

        view_menu = bar.addMenu(self.tr("&View"))
        self._add_sort_menu(view_menu, column_headers)
        language_menu = view_menu.addMenu(self.tr("&Language"))
        self._language_group = QActionGroup(self._window)
        self._language_group.setExclusive(True)
        for text, code in (
            (self.tr("&System language"), LANGUAGE_SYSTEM),
            ("S&venska", "sv"),
            ("&English", "en"),
        ):
            action = QAction(text, self._language_group)
            action.setCheckable(True)
            action.setData(code)
            action.setChecked(code == language_override)
            language_menu.addAction(action)
        self._language_group.triggered.connect(self._on_language_group_triggered)

        settings_menu = bar.addMenu(self.tr("Se&ttings"))
        settings_menu.addAction(self.credentials)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.shortcuts_help)
        help_menu.addSeparator()
        help_menu.addAction(self.about)
        help_menu.addAction(self.about_qt)

    def _add_sort_menu(self, view_menu: QMenu, headers: Sequence[str]) -> None:
        """Sorting without the mouse: one item per column; choosing it again reverses the order."""
        self.sort_menu = view_menu.addMenu(self.tr("&Sort by"))
        group = QActionGroup(self._window)
        group.setExclusive(True)
        for column, header in enumerate(headers):
            action = QAction(header, group)
            action.setCheckable(True)
            action.setData(column)
            self.sort_menu.addAction(action)
            self.sort_actions.append(action)
        group.triggered.connect(self._on_sort_group_triggered)
        self._sort_group = group

    @Slot(int)
    def show_sort_column(self, column: int) -> None:
        """Tick the column the rows are sorted by, however the sort was chosen."""
        for action in self.sort_actions:
            action.setChecked(action.data() == column)

    @Slot(QAction)
    def _on_sort_group_triggered(self, action: QAction) -> None:
        self.sort_chosen.emit(int(action.data()))

    @Slot()
    def _on_shortcuts_help_triggered(self) -> None:
        from qvickly_desk.ui.shortcut_overview import ShortcutOverview

        overview = ShortcutOverview(self._window)
        overview.show()
        self.shortcut_overview = overview

    @Slot()
    def _on_about_triggered(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # not needed for the first paint

        text = (
            self.tr("Qvickly Desk %1").replace("%1", __version__)
            + "\n\n"
            + self.tr("Looks up a customer's Qvickly invoices by personal or organisation number.")
        )
        QMessageBox.about(self._window, self.tr("About Qvickly Desk"), text)

    @Slot()
    def _on_about_qt_triggered(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.aboutQt(self._window)

    @Slot(QAction)
    def _on_language_group_triggered(self, action: QAction) -> None:
        self.language_chosen.emit(str(action.data() or ""))


def _unique(sequences: list[QKeySequence]) -> list[QKeySequence]:
    """Shortcuts without empty or repeated ones (a standard key can be the same as ours)."""
    seen: list[QKeySequence] = []
    for sequence in sequences:
        if not sequence.isEmpty() and sequence not in seen:
            seen.append(sequence)
    return seen
