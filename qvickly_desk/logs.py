"""The log file: enough to help support after the fact, never enough to hurt a customer.

One rotating UTF-8 file in the platform's log folder (``QVICKLY_LOG_DIR`` overrides it), INFO by
default and DEBUG with ``--debug``. A support log ends up attached to e-mails and tickets, so
personal and organisation numbers are masked in every line that reaches the file, whoever wrote
it: the filter sits on the handler and rewrites the finished message, its arguments and any
traceback. What is logged is chosen so that masking is the second line of defence: the code that
logs never writes the secret, whole answers or customer names (see ``client.py``).

The same filter keeps each message one line that cannot deceive whoever reads the file: a line
break in a service's code or log id would forge a log line, ESC sequences would redraw the
terminal of whoever runs ``tail`` on the file, and a megabyte message would rotate the support
log away. Controls are written as visible ``\\xNN`` escapes, bidi controls are dropped, and a
message is cut at ``MAX_MESSAGE`` characters (a traceback at ``MAX_TRACEBACK``, keeping its
line breaks).
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

from qvickly_desk import APP_NAME, ORGANIZATION

__all__ = [
    "LOG_FILE_NAME",
    "MaskingFilter",
    "close_logging",
    "default_log_dir",
    "hold_early_records",
    "log_safe",
    "masked",
    "setup_logging",
]

LOG_FILE_NAME = "qvickly-desk.log"
_MAX_BYTES = 1024 * 1024
_BACKUPS = 5
# The room a one-shot command needs below the cap to append without rotating: it logs a few
# lines, and the largest record (a message, a traceback and stack information, each cut, at up
# to four bytes a character) is under 180 KB.
_SHORT_RUN_ROOM = 256 * 1024
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
# Libraries whose DEBUG lines hold request URLs (PDF links carry invoice hashes): never below INFO.
_QUIET_LIBRARIES = ("urllib3", "requests", "keyring")

# A personnummer, samordningsnummer or organisationsnummer, in 10 or 12 digits, with or without
# a dash, plus or space before the last four: the 10-digit form's first six digits are kept, the
# serial and check digit go. Twelve digits need a century (or the organisation prefix 16) in
# front, so that other long numbers are left alone; every lone ten-digit number is masked, since
# over-masking costs nothing. That goes for a log id too: one that has a number's shape (a
# hostile service can choose it equal to the customer's number) is masked like any other.
_IDENTITY_RE = re.compile(r"(?<!\d)(?:16|18|19|20)?(?P<head>\d{6})[-+ ]?\d{4}(?!\d)")

MAX_MESSAGE = 4000
MAX_TRACEBACK = 20000
_BIDI_CONTROLS = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C], None
)
_VISIBLE = {code: f"\\x{code:02x}" for code in [*range(32), *range(0x7F, 0xA0)]}
_LINE_ESCAPES = str.maketrans({**_BIDI_CONTROLS, **_VISIBLE, 0x2028: "\\u2028", 0x2029: "\\u2029"})
_TRACEBACK_ESCAPES = str.maketrans(
    {**_BIDI_CONTROLS, **{code: text for code, text in _VISIBLE.items() if code != 10}}
)

_handler: logging.FileHandler | None = None
_MAX_EARLY_RECORDS = 1000


class _EarlyRecords(logging.Handler):
    """Keeps what is logged before the log file is open, for :func:`setup_logging` to write."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.dropped = 0

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < _MAX_EARLY_RECORDS:
            self.records.append(record)
        else:
            self.dropped += 1


_early: _EarlyRecords | None = None


def masked(text: str) -> str:
    """``text`` with every identity number in it shown as ``550101-****``."""
    return _IDENTITY_RE.sub(lambda match: f"{match['head']}-****", text)


def log_safe(text: str, limit: int = MAX_MESSAGE, keep_line_breaks: bool = False) -> str:
    """``text`` fit for the log: bidi controls dropped, identity numbers masked, controls as
    visible escapes (line breaks kept only if asked, for tracebacks), cut at ``limit``."""
    if len(text) > limit * 2:
        text = text[: limit * 2]  # never translate a megabyte to keep a few thousand characters
    if not text.isprintable():
        text = text.translate(_BIDI_CONTROLS)  # first, so a mark cannot hide a number
    text = masked(text)
    if not text.isprintable():
        text = text.translate(_TRACEBACK_ESCAPES if keep_line_breaks else _LINE_ESCAPES)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


class MaskingFilter(logging.Filter):
    """Masks identity numbers in the final message, its arguments and its traceback.

    It changes the record itself (message formatted once, arguments dropped), so that no later
    handler or formatter can put an unmasked argument back.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep what there is, still masked
            message = f"{record.msg!s} {record.args!r}"
        record.msg = log_safe(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = log_safe(record.exc_text, MAX_TRACEBACK, keep_line_breaks=True)
        if record.stack_info:
            record.stack_info = log_safe(record.stack_info, MAX_TRACEBACK, keep_line_breaks=True)
        return True


def default_log_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where the log file goes: ``QVICKLY_LOG_DIR``, else the platform's user log folder."""
    environ = os.environ if environ is None else environ
    override = environ.get("QVICKLY_LOG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, ORGANIZATION))


def hold_early_records(debug: bool = False) -> None:
    """Keep log records in memory until :func:`setup_logging` opens the file and writes them.

    The window opens its log file after its first paint (the file and its handler cost some
    10 ms that the person waiting for the window would see); nothing logged before is lost,
    errors included, as long as ``setup_logging`` is called, as ``cli.main`` makes sure.
    """
    global _early
    if _handler is None and _early is None:
        _early = _EarlyRecords()
        logging.getLogger().addHandler(_early)
    _set_levels(debug)


def setup_logging(
    debug: bool = False, log_dir: Path | None = None, *, short_run: bool = False
) -> Path:
    """Send logging to the rotating file; returns the file's path. Safe to call again.

    A second call adjusts the level and, if the folder changed, moves to the new file; it never
    adds a second handler. If the folder cannot be created the app still runs, without a file.

    ``short_run`` is for a command that logs a few lines and exits: while the file has room for
    them it is appended to without the rotating handler, whose module (``logging.handlers``,
    with ``pickle``) costs 2-3 ms of a 170 ms lookup; a file near its cap rotates as always, and
    a later call without ``short_run`` (or with ``debug``) moves to the rotating handler.
    """
    global _handler
    folder = Path(log_dir) if log_dir is not None else default_log_dir()
    path = folder / LOG_FILE_NAME
    root = logging.getLogger()
    plain = short_run and not debug
    if _handler is not None and (
        Path(_handler.baseFilename) != path.absolute()
        or (type(_handler) is logging.FileHandler and not plain)
    ):
        close_logging()  # another folder, or the rotating file asked for after a short run's
    if _handler is None:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            handler = _file_handler(path, plain)
        except OSError as error:
            print(f"qvickly-desk: no log file ({error.strerror})", file=sys.stderr)
            _write_early_records(None)  # nowhere to write them: not kept either
            return path
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler.addFilter(MaskingFilter())
        root.addHandler(handler)
        _handler = handler
        _write_early_records(handler)
    _set_levels(debug)
    return path


def _file_handler(path: Path, plain: bool) -> logging.FileHandler:
    """The plain handler if ``plain`` is allowed and the file has room, else the rotating one."""
    if plain and _room_left(path) > _SHORT_RUN_ROOM:
        return logging.FileHandler(path, encoding="utf-8")
    from logging.handlers import RotatingFileHandler  # socket, pickle: not for start-up

    return RotatingFileHandler(path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8")


def _room_left(path: Path) -> int:
    try:
        return _MAX_BYTES - path.stat().st_size
    except FileNotFoundError:
        return _MAX_BYTES


def _write_early_records(handler: logging.Handler | None) -> None:
    """Hand the records held by ``hold_early_records`` to the file, in order, masked as usual."""
    global _early
    early, _early = _early, None
    if early is None:
        return
    logging.getLogger().removeHandler(early)
    if handler is None:
        return
    for record in early.records:
        handler.handle(record)
    if early.dropped:
        logging.getLogger(__name__).warning(
            "%d log records from the start were dropped", early.dropped
        )


def _set_levels(debug: bool) -> None:
    root = logging.getLogger()
    # Our own code logs at DEBUG when asked; everything else from INFO up, whatever the mode.
    root.setLevel(logging.INFO)
    logging.getLogger("qvickly_desk").setLevel(logging.DEBUG if debug else logging.INFO)
    for name in _QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.INFO)


def close_logging() -> None:
    """Detach and close the log file (tests, and before the log folder is removed)."""
    global _handler
    handler, _handler = _handler, None
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()
