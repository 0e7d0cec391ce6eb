"""Which QtWidgets classes PySide has made a Python type for, asked from inside a child process.

PySide makes a class's Python type when the class is first used, and puts it into the module's
namespace only then: a name missing from ``vars(PySide6.QtWidgets)`` has not been made.
"""

from __future__ import annotations

__all__ = ["UNUSED_WIDGET_TYPES", "made_widget_types_code"]

UNUSED_WIDGET_TYPES = ("QWizard", "QCalendarWidget", "QDial")
"""Classes neither the lookup window nor the bare window uses: made only when PySide makes them
all, which its first wrapper of a plain widget Python has not seen does."""


def made_widget_types_code(used: str) -> str:
    """A Python expression for the child: the made ones among ``used`` (a class the window does
    use, so that the check is seen to see) and :data:`UNUSED_WIDGET_TYPES`, in that order."""
    names = (used, *UNUSED_WIDGET_TYPES)
    return (
        f"[name for name in {names!r} if name in vars(__import__('PySide6.QtWidgets').QtWidgets)]"
    )
