"""The badge beside the search bar that says the calls are not real: Demo, or Test mode.

Shown only then, so a person at the desk never takes the sandbox or the service's test mode for
real customers and real money.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

__all__ = ["ModeBadge"]

_STYLE = (
    "QLabel#modeBadge { background: #b45309; color: white; font-weight: bold;"
    " border-radius: 4px; padding: 2px 10px; }"
)


class ModeBadge(QLabel):
    """Hidden for real calls; "Demo" or "Test mode" otherwise, with a tip saying what it means."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modeBadge")
        self.setStyleSheet(_STYLE)

    def show_mode(self, *, demo: bool, test_mode: bool) -> None:
        if demo:
            self.setText(self.tr("Demo"))
            self.setToolTip(
                self.tr("Demo mode: the built-in sandbox with made-up customers; nothing is real.")
            )
        elif test_mode:
            self.setText(self.tr("Test mode"))
            self.setToolTip(self.tr("Calls are made in the service's test mode."))
        self.setVisible(demo or test_mode)
        self.setAccessibleName(self.text())
