"""The search row: identity number, the Sent and Paid choice, Search, Cancel and a busy indicator.

The number is checked as it is typed (``pno.parse_identity_number``), so a typo is pointed out
before any call is made, but only once the input could be complete, on Enter or on leaving the
field: a message on the first keystroke would only nag. A wrong number is never sent.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from qvickly_desk.languages import normalize_language
from qvickly_desk.pno import IdentityNumber, InvalidIdentityNumber, parse_identity_number
from qvickly_desk.status import StatusChoice
from qvickly_desk.ui.deferred import clear_button_with_first_text

__all__ = ["SearchBar"]

_MAX_INPUT = 40
_PLAUSIBLY_COMPLETE_DIGITS = 10
_FEEDBACK_STYLE = """
QLabel[state="error"] { color: #b3261e; }
QLabel[state="ok"] { color: palette(window-text); }
"""


class SearchBar(QWidget):
    """Emits ``search_requested`` only with a valid number and at least one status ticked."""

    search_requested = Signal(object, object)  # IdentityNumber, StatusChoice
    cancel_requested = Signal()
    status_changed = Signal(bool, bool)  # sent, paid

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = normalize_language(language)

        self.number_label = QLabel(self.tr("Personal or organisation &number:"), self)
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

        self.sent_box = QCheckBox(self.tr("&Sent"), self)
        self.sent_box.setToolTip(self.tr("Open invoices: created or sent, not yet paid"))
        self.paid_box = QCheckBox(self.tr("&Paid"), self)
        self.paid_box.setToolTip(self.tr("Paid and cancelled invoices"))
        for box in (self.sent_box, self.paid_box):
            box.setChecked(True)
            box.toggled.connect(self._on_status_toggled)

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
        layout.addWidget(self.sent_box, 0, 2)
        layout.addWidget(self.paid_box, 0, 3)
        layout.addWidget(self.search_button, 0, 4)
        layout.addWidget(self.cancel_button, 0, 5)
        layout.addWidget(self.progress, 0, 6)
        layout.setColumnStretch(7, 1)
        below = QHBoxLayout()
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.feedback, 1)
        below.addWidget(self.status_hint, 0)
        layout.addLayout(below, 1, 1, 1, 7)

        self.number_edit.textEdited.connect(self._on_text_edited)
        self.number_edit.editingFinished.connect(self._on_editing_finished)
        self.number_edit.returnPressed.connect(self.request_search)

        self.setTabOrder(self.number_edit, self.sent_box)
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

    # -- searching ------------------------------------------------------------------------------

    @Slot()
    def request_search(self) -> bool:
        """Check the input and ask for a search; True if one was requested."""
        sent, paid = self.status_choice()
        if not (sent or paid):
            self.status_hint.show()
            return False
        identity = self._check()
        if identity is None:
            self.number_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        self.search_requested.emit(identity, StatusChoice(sent=sent, paid=paid))
        return True

    def _check(self) -> IdentityNumber | None:
        """Parse the field and show the outcome under it."""
        identity, error = self._parse()
        self._present(identity, error)
        return identity

    def _parse(self) -> tuple[IdentityNumber | None, InvalidIdentityNumber | None]:
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
        if not text.strip():
            self._hide_feedback()
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
        if self.number_edit.text().strip():
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
