"""One non-modal message area above the results: what went wrong, plainly, and selectable.

Agents read it while the customer waits on the phone, so it never steals focus or blocks the
window the way a message box would. Each kind of failure gets its own headline (credentials refused,
answer rejected, no answer in time, ...) above the error's own message, which already carries the
service's code and log id; the text can be selected and copied for support. Never a traceback.
"""

from __future__ import annotations

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
QFrame#messageArea QToolButton {{ color: #1d1d1d; border: none; padding: 0 {pad}px; }}
"""

# Names in QStyle.StandardPixmap: QStyle itself is imported at the first message, since building
# its Python type (hundreds of enum members) costs the first paint several milliseconds.
_ICONS = {
    MessageKind.INFO: "SP_MessageBoxInformation",
    MessageKind.WARNING: "SP_MessageBoxWarning",
    MessageKind.ERROR: "SP_MessageBoxCritical",
}


class MessageArea(QFrame):
    """Shows one message at a time; hidden while there is none."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageArea")
        self.setStyleSheet(_STYLE.format(pad=4))
        self.setAccessibleName(self.tr("Message"))
        self._kind: MessageKind | None = None
        self._plain = ""
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
        self._text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
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
        self.hide()

    # -- what the window calls ------------------------------------------------------------------

    def show_message(
        self,
        kind: MessageKind | str,
        text: str,
        headline: str = "",
        action: tuple[str, Callable[[], None]] | None = None,
    ) -> None:
        """Replace whatever was shown; ``action`` adds a button such as "Credentials…"."""
        kind = MessageKind(kind)
        self._kind = kind
        self._plain = f"{headline}\n{text}" if headline else text
        import html  # at the first message: it brings html.entities, unneeded at start

        body = html.escape(text).replace("\n", "<br>")
        self._text.setText(f"<b>{html.escape(headline)}</b><br>{body}" if headline else body)
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

    def show_error(
        self,
        error: QvicklyError,
        language: str,
        action: tuple[str, Callable[[], None]] | None = None,
    ) -> None:
        """The error's own message under a headline that names the kind of trouble."""
        kind, headline = self._describe(error)
        self.show_message(kind, error.message(language), headline, action)

    @Slot()
    def clear(self) -> None:
        was_shown = self._kind is not None
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
