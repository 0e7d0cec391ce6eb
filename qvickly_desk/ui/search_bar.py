"""The search row: one field, what it holds (identity number, invoice number, customer number or
name, Ctrl+1…4), the Sent and Paid choice, Search, Cancel and a busy indicator.

The number is checked as it is typed (``pno.parse_identity_number``), so a typo is pointed out
before any call is made, but only once the input could be complete, on Enter or on leaving the
field: a message on the first keystroke would only nag. A wrong number is never sent. The other
modes are checked by ``search_modes.check_query``; when the text fits another mode better, a hint
names its key, and the mode never changes by itself.

The row reflows rather than overlaps: the field and its buttons on one line, the mode choice and
the status boxes on the next, so it fits an 800 px window.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QWidget,
)

from qvickly_desk.errors import InvalidInputError
from qvickly_desk.languages import normalize_language
from qvickly_desk.search_modes import SearchMode, SearchQuery, better_mode, check_query
from qvickly_desk.status import StatusChoice
from qvickly_desk.text import safe_text
from qvickly_desk.ui.deferred import clear_button_with_first_text
from qvickly_desk.ui.search_mode_texts import field_label, hint, mode_name, placeholder

if TYPE_CHECKING:  # the parser comes with the first key typed (see search_modes)
    from qvickly_desk.pno import IdentityNumber, InvalidIdentityNumber

__all__ = ["SearchBar"]

_MAX_INPUT = 200  # a name may be long; an identity number is checked for its digits anyway
_MODES = tuple(SearchMode)  # Ctrl+1 … Ctrl+4, in this order
_PLAUSIBLY_COMPLETE_DIGITS = 10
_FEEDBACK_STYLE = """
QLabel[state="error"] { color: #b3261e; }
QLabel[state="ok"] { color: palette(window-text); }
"""


class SearchBar(QWidget):
    """Emits ``search_requested`` only with a valid number and at least one status ticked.

    In identity mode the number comes out of ``search_requested``; the other modes' checked
    queries out of ``query_requested``.
    """

    search_requested = Signal(object, object)  # IdentityNumber, StatusChoice
    query_requested = Signal(object, object)  # SearchQuery (not identity mode), StatusChoice
    mode_changed = Signal(object)  # SearchMode
    cancel_requested = Signal()
    status_changed = Signal(bool, bool)  # sent, paid

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = normalize_language(language)
        self._mode = SearchMode.IDENTITY
        self._suggested: SearchMode | None = None

        self.number_label = QLabel(field_label(SearchMode.IDENTITY), self)
        self.number_edit = QLineEdit(self)
        self.number_edit.setObjectName("numberEdit")
        self.number_edit.setPlaceholderText(self.tr("YYYYMMDD-NNNN"))
        self.number_edit.setAccessibleName(self.tr("Personal or organisation number"))
        self.number_edit.setToolTip(
            self.tr("Personnummer, samordningsnummer or organisation number; 10 or 12 digits")
        )
        self.number_edit.setMaxLength(_MAX_INPUT)
        clear_button_with_first_text(self.number_edit)
        self.number_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("0") * 18)
        self.number_label.setBuddy(self.number_edit)

        self.mode_buttons: dict[SearchMode, QRadioButton] = {}
        self._mode_group = QButtonGroup(self)
        for index, mode in enumerate(_MODES, start=1):
            button = QRadioButton(mode_name(mode), self)
            button.setObjectName(f"mode_{mode.value}")
            button.setToolTip(self.tr("Search by this (Ctrl+%1)").replace("%1", str(index)))
            button.toggled.connect(self._on_mode_toggled)
            self._mode_group.addButton(button, index)
            self.mode_buttons[mode] = button
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index}"), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            # What F1's overview lists for this key.
            shortcut.setWhatsThis(self.tr("Search by: %1").replace("%1", mode_name(mode)))
            shortcut.activated.connect(lambda chosen=mode: self.choose_mode(chosen))
        self.mode_buttons[SearchMode.IDENTITY].setChecked(True)

        self.mode_hint = QLabel(self)
        self.mode_hint.setObjectName("modeHint")
        self.mode_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.mode_hint.hide()

        self.sent_box = QCheckBox(self.tr("&Sent"), self)
        self.sent_box.setToolTip(self.tr("Open invoices: created or sent, not yet paid"))
        self.paid_box = QCheckBox(self.tr("&Paid"), self)
        self.paid_box.setToolTip(self.tr("Paid and cancelled invoices"))
        for box in (self.sent_box, self.paid_box):
            box.setChecked(True)
            box.toggled.connect(self._on_status_toggled)
            box.installEventFilter(self)  # Enter on a box searches

        self.search_button = QPushButton(self.tr("Sea&rch"), self)
        self.search_button.setObjectName("searchButton")
        self.search_button.setAutoDefault(False)
        self.search_button.clicked.connect(self.request_search)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setToolTip(self.tr("Stop the search (Esc)"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_requested)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # indeterminate: the service gives no progress
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(120)
        self.progress.setAccessibleName(self.tr("Searching"))
        policy = self.progress.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the row does not jump when a search starts
        self.progress.setSizePolicy(policy)
        self.progress.hide()

        self.feedback = QLabel(self)
        self.feedback.setObjectName("numberFeedback")
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.setStyleSheet(_FEEDBACK_STYLE)
        self.feedback.setWordWrap(True)
        self.feedback.setMinimumHeight(self.fontMetrics().height())
        self.feedback.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.status_hint = QLabel(self.tr("Tick Sent, Paid or both."), self)
        self.status_hint.setObjectName("statusHint")
        self.status_hint.setStyleSheet("color: #b3261e;")
        self.status_hint.hide()

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(8)
        layout.setVerticalSpacing(2)
        layout.addWidget(self.number_label, 0, 0)
        layout.addWidget(self.number_edit, 0, 1)
        layout.addWidget(self.search_button, 0, 2)
        layout.addWidget(self.cancel_button, 0, 3)
        layout.addWidget(self.progress, 0, 4)
        layout.setColumnStretch(1, 1)
        choices = QHBoxLayout()
        choices.setContentsMargins(0, 0, 0, 0)
        for button in self.mode_buttons.values():
            choices.addWidget(button)
        choices.addSpacing(16)
        choices.addWidget(self.sent_box)
        choices.addWidget(self.paid_box)
        choices.addStretch(1)
        layout.addLayout(choices, 1, 0, 1, 5)
        below = QHBoxLayout()
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.feedback, 1)
        below.addWidget(self.mode_hint, 0)
        below.addWidget(self.status_hint, 0)
        layout.addLayout(below, 2, 0, 1, 5)

        self.number_edit.textEdited.connect(self._on_text_edited)
        self.number_edit.editingFinished.connect(self._on_editing_finished)
        self.number_edit.returnPressed.connect(self.request_search)

        previous: QWidget = self.number_edit
        for button in self.mode_buttons.values():
            self.setTabOrder(previous, button)
            previous = button
        self.setTabOrder(previous, self.sent_box)
        self.setTabOrder(self.sent_box, self.paid_box)
        self.setTabOrder(self.paid_box, self.search_button)
        self.setTabOrder(self.search_button, self.cancel_button)

    # -- state the window sets and reads --------------------------------------------------------

    def status_choice(self) -> tuple[bool, bool]:
        return self.sent_box.isChecked(), self.paid_box.isChecked()

    def set_status_choice(self, sent: bool, paid: bool) -> None:
        self.sent_box.setChecked(sent)
        self.paid_box.setChecked(paid)
        self._update_search_enabled()

    def set_busy(self, busy: bool) -> None:
        """While a search runs: the indicator and Cancel. Search stays usable to supersede it."""
        self.progress.setVisible(busy)
        self.cancel_button.setEnabled(busy)

    def is_busy(self) -> bool:
        return self.cancel_button.isEnabled()

    def feedback_text(self) -> str:
        return self.feedback.text() if self.feedback.property("state") == "error" else ""

    def choice_widgets(self) -> list[QWidget]:
        """The mode choice, the boxes and the buttons, in Tab order (after the results)."""
        buttons: list[QWidget] = list(self.mode_buttons.values())
        return [*buttons, self.sent_box, self.paid_box, self.search_button, self.cancel_button]

    def mode(self) -> SearchMode:
        return self._mode

    def hint_text(self) -> str:
        return self.mode_hint.text() if self.mode_hint.isVisible() else ""

    @Slot()
    def choose_mode(self, mode: SearchMode) -> None:
        """Switch what the field holds (Ctrl+1…4) and put the cursor back in it."""
        self.mode_buttons[mode].setChecked(True)
        self.number_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @Slot(bool)
    def _on_mode_toggled(self, checked: bool) -> None:
        if not checked:
            return
        mode = next(m for m, button in self.mode_buttons.items() if button.isChecked())
        if mode is self._mode:
            return
        self._mode = mode
        self.number_label.setText(field_label(mode))
        self.number_edit.setPlaceholderText(placeholder(mode))
        self.number_edit.setAccessibleName(mode_name(mode))
        self._hide_feedback()
        self._update_hint()
        self.mode_changed.emit(mode)

    def _update_hint(self) -> None:
        text = self.number_edit.text()
        suggested = better_mode(text, self._mode, date.today())
        self._suggested = suggested
        if suggested is None:
            self.mode_hint.hide()
            self.mode_hint.setText("")
            return
        key = f"Ctrl+{_MODES.index(suggested) + 1}"
        shown = safe_text(text.strip(), 40)
        self.mode_hint.setText(hint(suggested).replace("%1", shown).replace("%2", key))
        self.mode_hint.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter or Return on the Sent or Paid box searches, as it does in the field."""
        if (
            watched in (self.sent_box, self.paid_box)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.request_search()
            return True
        return super().eventFilter(watched, event)

    # -- searching ------------------------------------------------------------------------------

    @Slot()
    def request_search(self) -> bool:
        """Check the input and ask for a search; True if one was requested."""
        sent, paid = self.status_choice()
        if not (sent or paid):
            self.status_hint.show()
            return False
        status = StatusChoice(sent=sent, paid=paid)
        if self._mode is not SearchMode.IDENTITY:
            query = self._check_query()
            if query is None:
                self.number_edit.setFocus(Qt.FocusReason.OtherFocusReason)
                return False
            self.query_requested.emit(query, status)
            return True
        identity = self._check()
        if identity is None:
            self.number_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        self.search_requested.emit(identity, status)
        return True

    def _check_query(self) -> SearchQuery | None:
        """The other modes: check the field, say what is wrong under it."""
        try:
            query = check_query(self.number_edit.text(), self._mode, date.today())
        except InvalidInputError as error:
            self._show_feedback("error", error.detail_in(self._language))
            self._update_hint()
            return None
        self._hide_feedback()
        return query

    def _check(self) -> IdentityNumber | None:
        """Parse the field and show the outcome under it."""
        identity, error = self._parse()
        self._present(identity, error)
        return identity

    def _parse(self) -> tuple[IdentityNumber | None, InvalidIdentityNumber | None]:
        from qvickly_desk.pno import InvalidIdentityNumber, parse_identity_number

        try:
            return parse_identity_number(self.number_edit.text(), date.today()), None
        except InvalidIdentityNumber as error:
            return None, error

    def _present(
        self, identity: IdentityNumber | None, error: InvalidIdentityNumber | None
    ) -> None:
        if error is not None:
            self._show_feedback("error", error.detail_in(self._language))
        elif identity is not None:
            self._show_feedback("ok", f"\u2713 {self._kind_label(identity)} {identity.display()}")

    def _kind_label(self, identity: IdentityNumber) -> str:
        if identity.kind == "organisationsnummer":
            return self.tr("Organisation number")
        if identity.kind == "samordningsnummer":
            return self.tr("Coordination number")
        return self.tr("Personal identity number")

    def _show_feedback(self, state: str, text: str) -> None:
        self.feedback.setText(text)
        self.feedback.setProperty("state", state)
        self.feedback.style().unpolish(self.feedback)
        self.feedback.style().polish(self.feedback)
        self.number_edit.setAccessibleDescription(text if state == "error" else "")

    def _hide_feedback(self) -> None:
        self._show_feedback("", "")

    @Slot(str)
    def _on_text_edited(self, text: str) -> None:
        self._update_hint()
        if not text.strip():
            self._hide_feedback()
            return
        if self._mode is not SearchMode.IDENTITY:
            if self.feedback.property("state") == "error":
                self._check_query()  # being fixed: follow every keystroke
            return
        identity, error = self._parse()
        if error is not None and not (
            self.feedback.property("state") == "error"  # being fixed: follow every keystroke
            or error.reason == "characters"  # a letter is wrong however far the typing has come
            or sum(c.isdigit() for c in text) >= _PLAUSIBLY_COMPLETE_DIGITS
        ):
            self._hide_feedback()  # a new number being typed: nothing to say yet
            return
        self._present(identity, error)

    @Slot()
    def _on_editing_finished(self) -> None:
        if self.number_edit.text().strip() and self._mode is SearchMode.IDENTITY:
            self._check()

    @Slot(bool)
    def _on_status_toggled(self, _checked: bool) -> None:
        self._update_search_enabled()
        self.status_changed.emit(*self.status_choice())

    def _update_search_enabled(self) -> None:
        sent, paid = self.status_choice()
        allowed = sent or paid
        self.search_button.setEnabled(allowed)
        self.status_hint.setVisible(not allowed)
        self.search_button.setToolTip(
            self.tr("Search (Enter)") if allowed else self.tr("Tick Sent, Paid or both.")
        )
