"""What an unexpected error becomes in a report: its key, summary and masked traceback.

Qt's part is only the version line; the reporter (:mod:`qvickly_desk.ui.crash`) counts and shows
errors, the dialog (:mod:`qvickly_desk.ui.crash_dialog`) lists them. Both import this module, and
this module imports neither, so the three form no circle.
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication

from qvickly_desk.logs import masked

__all__ = [
    "MAX_ENTRIES",
    "CrashEntry",
    "ErrorKey",
    "describe_error",
    "details_text",
    "environment_lines",
    "error_key",
    "format_traceback",
    "short_path",
    "where_now",
]

MAX_ENTRIES = 10
"""Different errors listed in one dialog; more are only counted."""
MAX_MESSAGE_CHARS = 300
"""An exception message is cut to this length: the start says what went wrong."""

ErrorKey = tuple[str, tuple[tuple[str, int, str], ...]]
"""What makes two errors "the same": their type and where each frame was."""


@dataclass
class CrashEntry:
    """One kind of error as shown and copied: nothing in it comes from a variable's value."""

    key: ErrorKey
    summary: str  # "RuntimeError: message", masked and shortened
    where: str  # "the main thread", "thread sandbox-1", "the lookup worker"
    details: str  # the formatted traceback, masked, paths shortened
    first_seen: datetime = field(default_factory=lambda: datetime.now(UTC))
    count: int = 1


def error_key(error: BaseException) -> ErrorKey:
    """Cheap to compute, so a storm of the same error costs little each time."""
    frames: list[tuple[str, int, str]] = []
    tb = error.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        frames.append((code.co_filename, tb.tb_lineno, code.co_name))
        tb = tb.tb_next
    return type(error).__qualname__, tuple(frames)


def short_path(filename: str) -> str:
    """A source path without the folders above the package, so no user name goes along."""
    normal = filename.replace("\\", "/")
    for marker in ("/site-packages/", "/dist-packages/"):
        if marker in normal:
            return normal.rsplit(marker, 1)[1]
    index = normal.rfind("/qvickly_desk/")
    if index >= 0:
        return normal[index + 1 :]
    home = str(Path.home()).replace("\\", "/").rstrip("/")
    if home and normal.startswith(home + "/"):
        return "~" + normal[len(home) :]
    return normal


def _shorten(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _exception_line(exception: traceback.TracebackException) -> str:
    """``Type: message``, masked and shortened; the message alone can be long or personal."""
    return masked(_shorten("".join(exception.format_exception_only()).strip()))


def _chain(exception: traceback.TracebackException) -> list[traceback.TracebackException]:
    """The exception and its causes, the first cause first, as Python prints them."""
    chain: list[traceback.TracebackException] = []
    current: traceback.TracebackException | None = exception
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        if current.__cause__ is not None:
            current = current.__cause__
        elif current.__context__ is not None and not current.__suppress_context__:
            current = current.__context__
        else:
            current = None
    return chain[::-1]


def format_traceback(error: BaseException) -> str:
    """The traceback without any variable's value: frames, source lines and exception lines."""
    # capture_locals stays False: locals would bring along the secret and the invoices.
    outermost = traceback.TracebackException.from_exception(error, capture_locals=False)
    parts: list[str] = []
    for exception in _chain(outermost):
        if parts:
            parts.append("\nwhich led to:\n\n")
        for frame in exception.stack:
            frame.filename = short_path(frame.filename)
        if exception.stack:
            parts.append("Traceback (most recent call last):\n")
            parts.extend(exception.stack.format())
        parts.append(_exception_line(exception) + "\n")
    return masked("".join(parts))


def describe_error(error: BaseException, where: str) -> CrashEntry:
    summary = _exception_line(traceback.TracebackException.from_exception(error))
    return CrashEntry(error_key(error), summary, where, format_traceback(error))


def environment_lines() -> list[str]:
    """Versions and platform: what support asks first, and nothing about the person."""
    import platform  # only when a report is written: 4 ms of the start-up otherwise

    from qvickly_desk import __version__

    lines = [
        f"Qvickly Desk {__version__}",
        f"Platform: {platform.platform()}",
        f"Python {platform.python_version()}, PySide6 {PYSIDE_VERSION}, Qt {qVersion()}",
    ]
    if QGuiApplication.instance() is not None:
        lines.append(f"Qt platform: {QGuiApplication.platformName()}")
    return lines


def details_text(entries: list[CrashEntry], others: int = 0) -> str:
    """What "Copy details" puts on the clipboard."""
    lines = environment_lines()
    for number, entry in enumerate(entries, 1):
        when = entry.first_seen.strftime("%Y-%m-%d %H:%M:%S UTC")
        times = "once" if entry.count == 1 else f"{entry.count} times"
        lines.append("")
        lines.append(f"Error {number}: {entry.summary}")
        lines.append(f"In {entry.where}, {times}, first at {when}.")
        lines.append(entry.details.rstrip("\n"))
    if others:
        lines.append("")
        lines.append(f"{others} more different error(s) were not listed.")
    return masked("\n".join(lines) + "\n")


def where_now() -> str:
    thread = threading.current_thread()
    if thread is threading.main_thread():
        return "the main thread"
    return f"thread {thread.name}"
