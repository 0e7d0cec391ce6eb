"""One non-modal message area above the results: what went wrong, plainly, and selectable.

Agents read it while the customer waits on the phone, so it never steals focus or blocks the
window the way a message box would. Each kind of failure gets its own headline (credentials refused,
answer rejected, no answer in time, ...) above the error's own message, which already carries the
service's code and log id; the text can be selected and copied for support. Never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from qvickly_desk.errors import (
    AnswerCutOffError,
    AnswerTooLargeError,
    AuthenticationError,
    BadAnswerError,
    ConnectionFailedError,
    CredentialsMissingError,
    CredentialsUnavailableError,
    HttpStatusError,
    InvalidInputError,
    QvicklyError,
    RedirectRefusedError,
    RequestTimeoutError,
    ServiceError,
    SignatureError,
    TlsError,
    UnsafeLinkError,
)
from qvickly_desk.text import SAFE_TEXT_LIMIT, safe_text

__all__ = ["MessageArea", "MessageKind"]


class MessageKind(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


# Light backgrounds with dark text in every theme: the message must stay legible on dark desktops.
_STYLE = """
QFrame#messageArea[kind="info"] {{ background: #e8f1fb; border: 1px solid #8db4e2; }}
QFrame#messageArea[kind="warning"] {{ background: #fff6dc; border: 1px solid #e0b84c; }}
QFrame#messageArea[kind="error"] {{ background: #fdecec; border: 1px solid #d98080; }}
QFrame#messageArea {{ border-radius: 4px; }}
QFrame#messageArea QLabel {{ color: #1d1d1d; background: transparent; border: none; }}
QFrame#messageArea QToolButton {{ color: #1d1d1d; border: 2px solid transparent;
    padding: 0 {pad}px; }}
QFrame#messageArea QToolButton:focus {{ border: 2px solid #1d1d1d; border-radius: 3px; }}
QFrame#messageArea QLabel#messageText:focus {{ border: 1px dotted #1d1d1d; }}
"""

# Service text in a message is hostile: each line is cut (``safe_text``), there are at most this
# many, and a word longer than _WORD_RUN gets break points, so it wraps instead of widening the
# window (a 300-character word set the window's minimum width; a megabyte froze it).
_MAX_LINES = 12
_WORD_RUN = 24
_ZERO_WIDTH_SPACE = "\u200b"
_LONG_WORD = re.compile(rf"\S{{{_WORD_RUN + 1},}}")
_SLOT_LINES = 2  # the room kept for a message, so one appearing does not move the table

# Names in QStyle.StandardPixmap: QStyle itself is imported at the first message, since building
# its Python type (hundreds of enum members) costs the first paint several milliseconds.
_ICONS = {
    MessageKind.INFO: "SP_MessageBoxInformation",
    MessageKind.WARNING: "SP_MessageBoxWarning",
    MessageKind.ERROR: "SP_MessageBoxCritical",
}


class MessageArea(QFrame):
    """Shows one message at a time; hidden while there is none, its room kept.

    The room for a few lines stays reserved while no message shows, so a message appearing does
    not push the table down under the pointer (a quick second click landed on the row above).
    """

    closed = Signal()
    message_shown = Signal(str, str)  # kind, the message as plain text: for announcing

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageArea")
        self.setStyleSheet(_STYLE.format(pad=4))
        self.setAccessibleName(self.tr("Message"))
        self._kind: MessageKind | None = None
        self._plain = ""
        self._about_row = False
        self._action: Callable[[], None] | None = None

        self._icon = QLabel(self)
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._text = QLabel(self)
        self._text.setObjectName("messageText")
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.RichText)
        self._text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it, to copy a log id
        # Ignored across: the label wraps to the width it gets and never sets the window's.
        self._text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._action_button = QPushButton(self)
        self._action_button.hide()
        self._action_button.clicked.connect(self._on_action)
        self._close = QToolButton(self)
        self._close.setText("\u2715")
        self._close.setAutoRaise(True)
        self._close.setToolTip(self.tr("Close the message"))
        self._close.setAccessibleName(self.tr("Close the message"))
        self._close.clicked.connect(self.clear)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 4, 6)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._action_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self._close, 0, Qt.AlignmentFlag.AlignTop)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        margins = layout.contentsMargins()
        self.setMinimumHeight(
            self.fontMetrics().lineSpacing() * _SLOT_LINES + margins.top() + margins.bottom() + 4
        )
        self.hide()

    # -- what the window calls ------------------------------------------------------------------

    def show_message(
        self,
        kind: MessageKind | str,
        text: str,
        headline: str = "",
        action: tuple[str, Callable[[], None]] | None = None,
        *,
        about_row: bool = False,
    ) -> None:
        """Replace whatever was shown; ``action`` adds a button such as "Credentials…".

        A message ``about_row`` (one invoice has no PDF) goes when another row is chosen.
        """
        kind = MessageKind(kind)
        self._kind = kind
        self._about_row = about_row
        headline = safe_text(headline)
        text = _safe_lines(text)
        self._plain = f"{headline}\n{text}" if headline else text
        import html  # at the first message: it brings html.entities, unneeded at start

        body = "<br>".join(html.escape(_breakable(line)) for line in text.split("\n"))
        heading = html.escape(_breakable(headline))
        self._text.setText(f"<b>{heading}</b><br>{body}" if headline else body)
        self._text.setAccessibleName(self._plain)
        from PySide6.QtWidgets import QStyle

        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 4
        icon = self.style().standardIcon(getattr(QStyle.StandardPixmap, _ICONS[kind]))
        self._icon.setPixmap(icon.pixmap(size, size))
        self._action = action[1] if action else None
        self._action_button.setText(action[0] if action else "")
        self._action_button.setVisible(action is not None)
        self.setProperty("kind", kind.value)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()
        self.message_shown.emit(kind.value, self._plain)

    def show_error(
        self,
        error: QvicklyError,
        language: str,
        action: tuple[str, Callable[[], None]] | None = None,
    ) -> None:
        """The error's own message under a headline that names the kind of trouble."""
        kind, headline = self._describe(error)
        self.show_message(kind, error.message(language), headline, action)

    def clear_row_message(self) -> None:
        """Clear a message about one invoice: the agent has moved on to another."""
        if self._about_row:
            self.clear()

    @Slot()
    def clear(self) -> None:
        was_shown = self._kind is not None
        self._about_row = False
        self._kind = None
        self._plain = ""
        self._action = None
        self._text.clear()
        self.hide()
        if was_shown:
            self.closed.emit()

    def focus_widgets(self) -> list[QWidget]:
        """What Tab visits here, in order: the text (to select it), the action, Close."""
        return [self._text, self._action_button, self._close]

    def kind(self) -> MessageKind | None:
        return self._kind

    def text(self) -> str:
        """The message as plain text (headline, newline, message), as a user would copy it."""
        return self._plain

    # -- internals ------------------------------------------------------------------------------

    def close_button(self) -> QToolButton:
        return self._close

    @Slot()
    def _on_action(self) -> None:
        if self._action is not None:
            self._action()

    def _describe(self, error: QvicklyError) -> tuple[MessageKind, str]:
        """Kind and headline; the order matters where one error type derives from another."""
        warning, failure = MessageKind.WARNING, MessageKind.ERROR
        if isinstance(error, AuthenticationError):
            return failure, self.tr("Credentials refused")
        if isinstance(error, ServiceError):
            return failure, self.tr("Qvickly reported an error")
        if isinstance(error, SignatureError):
            return failure, self.tr("Answer rejected")
        if isinstance(error, CredentialsMissingError):
            return warning, self.tr("Credentials needed")
        if isinstance(error, CredentialsUnavailableError):
            return failure, self.tr("Keyring not available")
        if isinstance(error, RequestTimeoutError):
            return warning, self.tr("No answer in time")
        if isinstance(error, ConnectionFailedError):
            return warning, self.tr("No connection")
        if isinstance(error, TlsError):
            return failure, self.tr("Secure connection failed")
        if isinstance(error, RedirectRefusedError):
            return failure, self.tr("Redirect refused")
        if isinstance(error, HttpStatusError):
            return warning, self.tr("Server trouble")
        if isinstance(error, BadAnswerError):
            return warning, self.tr("Not a Qvickly answer")
        if isinstance(error, AnswerCutOffError):
            return warning, self.tr("Answer cut off")
        if isinstance(error, AnswerTooLargeError):
            return warning, self.tr("Answer too large")
        if isinstance(error, UnsafeLinkError):
            return warning, self.tr("Link not opened")
        if isinstance(error, InvalidInputError):
            return warning, self.tr("Check the input")
        return failure, self.tr("The search failed")


def _safe_lines(text: str) -> str:
    """At most ``_MAX_LINES`` lines, each one safe line of at most ``SAFE_TEXT_LIMIT``."""
    lines = text[: (SAFE_TEXT_LIMIT + 1) * _MAX_LINES * 4].split("\n")
    kept = [safe_text(line) for line in lines[:_MAX_LINES]]
    if len(lines) > _MAX_LINES:
        kept.append("…")
    return "\n".join(kept)


def _breakable(line: str) -> str:
    """``line`` with an invisible break point in every long word, so it wraps anywhere."""
    if len(line) <= _WORD_RUN:
        return line

    def split(match: re.Match[str]) -> str:
        word = match.group(0)
        parts = (word[i : i + _WORD_RUN] for i in range(0, len(word), _WORD_RUN))
        return _ZERO_WIDTH_SPACE.join(parts)

    return _LONG_WORD.sub(split, line)
