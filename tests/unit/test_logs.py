"""The log file helps support without holding anything that could hurt a customer.

Everything here goes through the real file handlers (the rotating one, or the plain one a
one-shot command appends with) into a temporary folder and reads the files back, as someone
handed the log folder would.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs
import pytest

from qvickly_desk import APP_NAME, ORGANIZATION
from qvickly_desk.cli import main
from qvickly_desk.client import QvicklyClient
from qvickly_desk.credentials import Credentials
from qvickly_desk.errors import QvicklyError
from qvickly_desk.logs import (
    LOG_FILE_NAME,
    MaskingFilter,
    close_logging,
    default_log_dir,
    hold_early_records,
    masked,
    setup_logging,
)
from qvickly_desk.pno import parse_identity_number
from qvickly_desk.sandbox import (
    COMPANY_PNO,
    DEMO_EID,
    DEMO_SECRET,
    PERSON_PNO,
    SandboxServer,
)
from qvickly_desk.settings import Settings
from qvickly_desk.status import StatusChoice
from tests.helpers.processes import run_python

# Every way the demo person's and company's numbers can be written.
PERSON_FORMS = ("195501011018", "19550101-1018", "5501011018", "550101-1018")
COMPANY_FORMS = ("5566779988", "556677-9988", "165566779988")
BOTH = StatusChoice(sent=True, paid=True)


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """Each test gets its own file; the process's logging is put back afterwards."""
    root = logging.getLogger()
    package = logging.getLogger("qvickly_desk")
    levels = (root.level, package.level)
    close_logging()
    yield
    close_logging()
    root.setLevel(levels[0])
    package.setLevel(levels[1])


def written(folder: Path) -> str:
    """Everything under ``folder``, as one text (rotated files included)."""
    for handler in logging.getLogger().handlers:
        handler.flush()
    return "".join(
        path.read_text(encoding="utf-8") for path in sorted(folder.rglob("*")) if path.is_file()
    )


def assert_no_full_numbers(text: str) -> None:
    for number in (*PERSON_FORMS, *COMPANY_FORMS):
        assert number not in text


# -- masking ------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", (*PERSON_FORMS, "550101+1018", "550101 1018"))
def test_every_form_of_a_personal_number_is_masked(number: str) -> None:
    assert masked(f"lookup of {number} failed") == "lookup of 550101-**** failed"


@pytest.mark.parametrize("number", COMPANY_FORMS)
def test_organisation_numbers_are_masked(number: str) -> None:
    assert masked(f"pno={number};") == "pno=556677-****;"


def test_coordination_numbers_are_masked() -> None:
    assert masked("701063-2391 and 197010632391") == "701063-**** and 701063-****"


def test_masking_leaves_ordinary_numbers_alone() -> None:
    line = "2024-11-25 10:42:33,123 http=200 ms=1834 invoices=3000 logid=1000001 amount 1249.50"
    assert masked(line) == line
    assert masked("550101-****") == "550101-****"


def test_a_log_id_with_a_numbers_shape_is_masked_too() -> None:
    # A hostile service can send the customer's own number as the log id.
    assert masked("logid=5501011018 pno=5501011018") == "logid=550101-**** pno=550101-****"
    assert masked("logid=4711") == "logid=4711"  # a real, short log id stays readable


# -- the file -------------------------------------------------------------------------------------


def test_log_goes_to_the_given_folder_and_masks_arguments_and_tracebacks(tmp_path: Path) -> None:
    path = setup_logging(log_dir=tmp_path)
    assert path == tmp_path / LOG_FILE_NAME
    log = logging.getLogger("qvickly_desk.test")
    log.info("searched %s and %s", "195501011018", parse_identity_number("5566779988").digits)
    try:
        raise ValueError("no invoices for 19550101-1018")
    except ValueError:
        log.exception("lookup of %s failed", "550101-1018")
    text = written(tmp_path)
    assert "searched 550101-**** and 556677-****" in text
    assert "ValueError: no invoices for 550101-****" in text
    assert "lookup of 550101-**** failed" in text
    assert_no_full_numbers(text)


def test_other_libraries_lines_are_masked_too(tmp_path: Path) -> None:
    setup_logging(log_dir=tmp_path)
    logging.getLogger("someone.else").warning("customer %s", "5501011018")
    assert "customer 550101-****" in written(tmp_path)


def test_masking_filter_sits_on_the_handler(tmp_path: Path) -> None:
    path = setup_logging(log_dir=tmp_path)
    (handler,) = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path
    ]
    assert any(isinstance(f, MaskingFilter) for f in handler.filters)


def test_a_second_call_adds_no_second_handler(tmp_path: Path) -> None:
    before = len(logging.getLogger().handlers)
    setup_logging(log_dir=tmp_path)
    setup_logging(log_dir=tmp_path)
    assert len(logging.getLogger().handlers) == before + 1
    logging.getLogger("qvickly_desk").info("once")
    assert written(tmp_path).count("once") == 1


def test_a_new_folder_moves_the_log(tmp_path: Path) -> None:
    before = len(logging.getLogger().handlers)
    setup_logging(log_dir=tmp_path / "first")
    setup_logging(log_dir=tmp_path / "second")
    logging.getLogger("qvickly_desk").info("where")
    assert len(logging.getLogger().handlers) == before + 1
    assert "where" in written(tmp_path / "second")
    assert "where" not in written(tmp_path / "first")


def test_debug_lines_only_with_debug(tmp_path: Path) -> None:
    log = logging.getLogger("qvickly_desk.test")
    setup_logging(debug=False, log_dir=tmp_path)
    log.debug("detail one")
    log.info("summary one")
    setup_logging(debug=True, log_dir=tmp_path)
    log.debug("detail two")
    text = written(tmp_path)
    assert "summary one" in text
    assert "detail one" not in text
    assert "detail two" in text


def test_the_file_rotates_and_keeps_five_old_ones(tmp_path: Path) -> None:
    setup_logging(log_dir=tmp_path)
    log = logging.getLogger("qvickly_desk.test")
    line = "x" * 1000
    for index in range(7 * 1024):  # about 7 MB through a 1 MB x 5 rotation
        log.info("%d %s", index, line)
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == [LOG_FILE_NAME] + [f"{LOG_FILE_NAME}.{n}" for n in range(1, 6)]
    assert all(path.stat().st_size <= 1024 * 1024 for path in tmp_path.iterdir())
    assert f"{7 * 1024 - 1} x" in (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")


def test_a_short_run_appends_to_the_file_and_keeps_what_was_there(tmp_path: Path) -> None:
    (tmp_path / LOG_FILE_NAME).write_text("an earlier run\n", encoding="utf-8")
    setup_logging(log_dir=tmp_path, short_run=True)
    logging.getLogger("qvickly_desk.test").info("lookup for %s", "19550101-1018")
    text = written(tmp_path)
    assert text.startswith("an earlier run\n")
    assert "lookup for 550101-****" in text  # masked as in the rotating file
    assert [path.name for path in tmp_path.iterdir()] == [LOG_FILE_NAME]
    assert not any(isinstance(h, RotatingFileHandler) for h in logging.getLogger().handlers)


def test_a_later_call_after_a_short_run_gets_the_rotating_file(tmp_path: Path) -> None:
    setup_logging(log_dir=tmp_path, short_run=True)
    logging.getLogger("qvickly_desk.test").info("short")
    before = len(logging.getLogger().handlers)
    path = setup_logging(debug=True, log_dir=tmp_path)
    logging.getLogger("qvickly_desk.test").debug("long")
    assert len(logging.getLogger().handlers) == before  # moved, not added
    assert any(
        isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path
        for h in logging.getLogger().handlers
    )
    text = written(tmp_path)
    assert text.index("short") < text.index("long")


def test_a_short_run_rotates_a_file_that_is_nearly_full(tmp_path: Path) -> None:
    (tmp_path / LOG_FILE_NAME).write_text("o" * (1024 * 1024 - 1000) + "\n", encoding="utf-8")
    setup_logging(log_dir=tmp_path, short_run=True)
    logging.getLogger("qvickly_desk.test").info("%s", "n" * 2000)
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == [LOG_FILE_NAME, f"{LOG_FILE_NAME}.1"]
    assert "nnnn" in (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert all(path.stat().st_size <= 1024 * 1024 for path in tmp_path.iterdir())


def test_a_short_run_with_debug_uses_the_rotating_file(tmp_path: Path) -> None:
    """--debug may write much more than a few lines: the cap holds as always."""
    path = setup_logging(debug=True, log_dir=tmp_path, short_run=True)
    assert any(
        isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path
        for h in logging.getLogger().handlers
    )


@pytest.mark.integration
def test_a_lookup_on_the_command_line_logs_without_the_rotating_handlers_module(
    tmp_path: Path,
) -> None:
    code = (
        "import sys\n"
        "from qvickly_desk.cli import main\n"
        "code = main(['lookup', '195501011018', '--demo', '--format', 'json'])\n"
        "print('handlers:', 'logging.handlers' in sys.modules, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "QVICKLY_LOG_DIR": str(tmp_path)}
    result = run_python("-c", code, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "handlers: False" in result.stderr
    text = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "getInvoicesByPno pno=550101-****" in text


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_new_log_folder_is_for_its_owner_only(tmp_path: Path) -> None:
    setup_logging(log_dir=tmp_path / "logs")
    assert (tmp_path / "logs").stat().st_mode & 0o077 == 0


def test_the_environment_chooses_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QVICKLY_LOG_DIR", str(tmp_path / "logs"))
    assert setup_logging() == tmp_path / "logs" / LOG_FILE_NAME
    assert (tmp_path / "logs" / LOG_FILE_NAME).exists()


def test_default_folder_is_the_platforms_log_folder() -> None:
    assert default_log_dir({}) == Path(platformdirs.user_log_dir(APP_NAME, ORGANIZATION))


def test_an_unusable_folder_does_not_stop_the_app(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    before = len(logging.getLogger().handlers)
    setup_logging(log_dir=blocker / "logs")
    logging.getLogger("qvickly_desk").info("still running")
    assert len(logging.getLogger().handlers) == before
    assert "no log file" in capsys.readouterr().err


# -- whole sessions -------------------------------------------------------------------------------


@pytest.mark.integration
def test_a_session_of_lookups_leaves_no_number_secret_or_name(tmp_path: Path) -> None:
    setup_logging(debug=True, log_dir=tmp_path)
    names: set[str] = set()
    credentials = Credentials(DEMO_EID, DEMO_SECRET)
    with SandboxServer() as sandbox:
        client = QvicklyClient(Settings(api_url=sandbox.url, test_mode=True, read_timeout=5))
        try:
            for number in (PERSON_PNO, COMPANY_PNO, "195505050558", "811228-9874"):
                result = client.get_invoices_by_pno(
                    credentials, parse_identity_number(number), BOTH
                )
                names.update(invoice.name for invoice in result.invoices)
            for fault in ("wrong_signature", "tamper_data", "truncated_json", "hostile_links"):
                setattr(sandbox.faults, fault, True)
                with contextlib.suppress(QvicklyError):
                    client.get_invoices_by_pno(credentials, parse_identity_number(PERSON_PNO), BOTH)
                sandbox.faults.reset()
            wrong = Credentials(DEMO_EID, "not-the-secret")
            with pytest.raises(QvicklyError):
                client.get_invoices_by_pno(wrong, parse_identity_number(PERSON_PNO), BOTH)
        finally:
            client.close()
    assert len(names) >= 2
    text = written(tmp_path)
    # One INFO line per call, with what support needs to find it in the service's log.
    lines = [line for line in text.splitlines() if " INFO " in line and "getInvoicesByPno" in line]
    assert len(lines) == 9
    assert "pno=550101-**** status=Sent,Paid result=ok http=200" in lines[0]
    assert "invoices=8" in lines[0] and "logid=" in lines[0]
    assert "result=SignatureError" in text and "result=AuthenticationError (code 9013)" in text
    assert " DEBUG " in text and "bytes" in text
    assert_no_full_numbers(text)
    assert DEMO_SECRET not in text
    assert "not-the-secret" not in text
    for name in names:
        assert name not in text


@pytest.mark.integration
def test_the_command_line_logs_its_lookups_masked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QVICKLY_LOG_DIR", str(tmp_path))
    assert main(["--debug", "lookup", "19550101-1018", "--demo", "--format", "json"]) == 0
    assert main(["lookup", "5566779988", "--demo"]) == 0
    out = capsys.readouterr().out
    text = written(tmp_path)
    assert text.count("getInvoicesByPno pno=") == 2
    assert "pno=550101-****" in text and "pno=556677-****" in text
    assert_no_full_numbers(text)
    assert DEMO_SECRET not in text
    assert "Åsa" in out  # the names were there to be leaked, and were printed, not logged
    assert "Åsa" not in text and "Testbolaget" not in text


def test_records_from_before_the_log_file_reach_it_in_order_and_masked(tmp_path: Path) -> None:
    """The window opens its log file after the first paint; an error before that is not lost."""
    hold_early_records()
    log = logging.getLogger("qvickly_desk.start")
    log.info("starting for %s", "19550101-1018")
    try:
        raise ValueError("broken before the first paint")
    except ValueError:
        log.exception("unexpected error")
    assert not list(tmp_path.rglob("*"))  # nothing written yet: the file is not open
    setup_logging(log_dir=tmp_path)
    log.info("after the file")
    text = written(tmp_path)
    assert text.index("starting for 550101-****") < text.index("broken before the first paint")
    assert text.index("broken before the first paint") < text.index("after the file")
    assert "Traceback" in text
    assert_no_full_numbers(text)
    assert not any(type(h).__name__ == "_EarlyRecords" for h in logging.getLogger().handlers)


def test_the_window_opens_its_log_file_after_its_first_paint(tmp_path: Path) -> None:
    """Before the window is shown nothing imports the file handler's modules; after, the file
    holds the start-up's line."""
    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import qvickly_desk.ui.deferred as deferred\n"
        "made = deferred.after_first_paint\n"
        "def spy(widget, callback):\n"
        "    if getattr(callback, '__name__', '') != 'after_first_paint':\n"
        "        return made(widget, callback)  # the window's own, not the log's\n"
        "    print('handlers before paint:', 'logging.handlers' in sys.modules, flush=True)\n"
        "    def then():\n"
        "        callback()\n"
        "        QApplication.quit()\n"
        "    made(widget, then)\n"
        "deferred.after_first_paint = spy\n"
        "from qvickly_desk.cli import main\n"
        "sys.exit(main(['--demo']))\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QVICKLY_LOG_DIR": str(tmp_path),
        "QVICKLY_CONFIG_DIR": str(tmp_path / "config"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
    }
    result = run_python("-c", code, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "handlers before paint: False" in result.stdout
    assert "qvickly-desk" in (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
