"""A whole session leaves nothing personal or secret on the disk.

Under a fresh HOME (its XDG folders and temporary folder inside it, and no QVICKLY_CONFIG_DIR or
QVICKLY_LOG_DIR, so the program writes where it would on an agent's computer), the installed
program runs as separate processes: the smoke test, the window driven through a working session
(searches, a refused secret, a tampered answer, a quick filter typed, then closed), and the
command line (lookups in every written form of the numbers, failures, ``--debug``). Afterwards
every file under HOME is searched, byte for byte, for the secret, the numbers searched in all
their written forms and the customers' names. There must be none, while the log files and the
window's settings file are there, so the search had something to look at.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from qvickly_desk.logs import LOG_FILE_NAME
from qvickly_desk.sandbox import SandboxServer
from qvickly_desk.sandbox.data import COMPANY_NAME, PERSON_NAME
from tests.helpers.processes import run_python

pytestmark = [
    pytest.mark.integration,
    # Where the files go is the platform's: XDG folders here; a registry or plists elsewhere.
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="checks the XDG folders"),
]

EID = "48213"
SECRET = "Kx7-leak-scan-secret-Qm4vT9pR"  # distinctive: found anywhere, it was written
WRONG_SECRET = "Wr0ng-leak-scan-secret-Zb2nH8"

PERSON_FORMS = ("195501011018", "19550101-1018", "5501011018", "550101-1018")
COMPANY_FORMS = ("5566779988", "556677-9988", "165566779988", "16556677-9988")
REFUSED_FORMS = ("198112289874", "19811228-9874", "8112289874", "811228-9874")
NAMES = (PERSON_NAME, COMPANY_NAME, "Bäckström", "Testbolaget")
NEEDLES = (SECRET, WRONG_SECRET, *PERSON_FORMS, *COMPANY_FORMS, *REFUSED_FORMS, *NAMES)

# The window, driven from inside its own process as an agent would use it. It runs the real
# start-up (cli.main: logging, translators, keyring-backed credential store fed by QVICKLY_EID and
# QVICKLY_SECRET, the exception hook) against a sandbox in the same process that knows the secret.
WINDOW_SESSION = r"""
import os, sys, traceback
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from qvickly_desk.cli import main
from qvickly_desk.sandbox import SandboxServer

sandbox = SandboxServer(accounts={os.environ["QVICKLY_EID"]: os.environ["QVICKLY_SECRET"]}).start()
os.environ["QVICKLY_API_URL"] = sandbox.url
os.environ["QVICKLY_TEST"] = "1"
app = QApplication(sys.argv[:1])
outcome = {"failed": False, "shown": 0, "errors": []}

def search(window, text):
    loop, result = QEventLoop(), {}
    def finished(_request_id, succeeded):
        result["succeeded"] = succeeded
        loop.quit()
    window.lookup_finished.connect(finished)
    QTimer.singleShot(60_000, loop.quit)
    window.search_bar.number_edit.setText(text)
    assert window.search_bar.request_search(), text
    loop.exec()
    window.lookup_finished.disconnect(finished)
    assert "succeeded" in result, "no answer for " + text
    return result["succeeded"]

def session():
    window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
    try:
        for text in ("19550101-1018", "5566779988", "550101-1018"):
            assert search(window, text), window.message_area.text()
            outcome["shown"] += window.model.rowCount()
        window.filter_edit.setText("Åsa")  # a name typed into the quick filter
        os.environ["QVICKLY_SECRET"] = sys.argv[1]  # a mistyped secret
        assert not search(window, "195501011018")
        outcome["errors"].append(window.message_area.text().splitlines()[0])
        os.environ["QVICKLY_SECRET"] = sandbox.accounts[os.environ["QVICKLY_EID"]]
        sandbox.faults.tamper_data = True
        assert not search(window, "16556677-9988")
        outcome["errors"].append(window.message_area.text().splitlines()[0])
        sandbox.faults.reset()
        assert search(window, "5566779988")
        outcome["shown"] += window.model.rowCount()
    except BaseException:
        outcome["failed"] = True
        traceback.print_exc()
    finally:
        window.close()

QTimer.singleShot(0, session)
code = main(["--debug"])
sandbox.stop()
print("shown", outcome["shown"])
print("errors", " | ".join(outcome["errors"]))
sys.exit(1 if outcome["failed"] else code)
"""


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    return home


@pytest.fixture
def session_environment(home: Path) -> dict[str, str]:
    """The process environment of an agent whose HOME is ``home``: platform defaults for all."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("QVICKLY_", "XDG_")) and name not in ("TMPDIR", "TEMP", "TMP")
    }
    runtime = home / ".run"
    runtime.mkdir(mode=0o700)
    (home / ".tmp").mkdir()
    environment.update(
        HOME=str(home),
        USERPROFILE=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(runtime),
        TMPDIR=str(home / ".tmp"),
        QT_QPA_PLATFORM="offscreen",
        QVICKLY_EID=EID,
        QVICKLY_SECRET=SECRET,
        PYTHONDONTWRITEBYTECODE="1",
    )
    return environment


@pytest.fixture
def sandbox_with_secret() -> Iterator[SandboxServer]:
    with SandboxServer(accounts={EID: SECRET}) as server:
        yield server


def run(
    environment: dict[str, str], *args: str, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run_python(*args, env={**environment, **(extra or {})}, timeout=180)


def lookup(
    environment: dict[str, str], sandbox: SandboxServer, *args: str, **extra: str
) -> subprocess.CompletedProcess[str]:
    """``qvickly-desk [--debug] lookup NUMBER [options]`` against the sandbox, in test mode."""
    debug = ("--debug",) if args[0] == "--debug" else ()
    rest = args[len(debug) :]
    command = ["-m", "qvickly_desk", *debug, "lookup", *rest, "--api-url", sandbox.url, "--test"]
    return run(environment, *command, extra=extra)


def files_under(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def test_a_whole_session_writes_no_secret_number_or_name_anywhere_under_home(
    home: Path, session_environment: dict[str, str], sandbox_with_secret: SandboxServer
) -> None:
    environment, sandbox = session_environment, sandbox_with_secret

    smoke = run(environment, "-m", "qvickly_desk", "--smoke-test")
    assert smoke.returncode == 0, smoke.stderr
    assert "smoke test passed" in smoke.stdout

    window = run(environment, "-c", WINDOW_SESSION, WRONG_SECRET)
    assert window.returncode == 0, window.stdout + window.stderr
    assert "shown 24" in window.stdout  # 8 + 4 + 8 + 4 rows, really shown
    # The window speaks the system's language (Swedish unless the locale is English).
    assert (
        "errors Credentials refused | Answer rejected" in window.stdout
        or "errors Inloggningen nekades | Svaret underkändes" in window.stdout
    )

    # The command line: every written form, each output format, failures, with and without DEBUG.
    outputs: list[str] = []
    for args in (
        ("--debug", "195501011018"),
        ("--debug", "5501011018", "--format", "json"),
        ("550101-1018", "--format", "csv"),
        ("--debug", "19550101-1018", "--status", "paid"),
        ("5566779988",),
        ("--debug", "556677-9988", "--format", "json"),
    ):
        done = lookup(environment, sandbox, *args)
        assert done.returncode == 0, (args, done.stderr)
        outputs.append(done.stdout)
    assert PERSON_NAME in outputs[0] and COMPANY_NAME in outputs[4]  # printed, as asked

    refused = lookup(environment, sandbox, "--debug", "195501011018", QVICKLY_SECRET=WRONG_SECRET)
    assert refused.returncode == 3, refused.stderr
    invalid = lookup(environment, sandbox, "--debug", "195501011019")  # wrong check digit
    assert invalid.returncode == 2, invalid.stderr
    sandbox.faults.tamper_data = True
    tampered = lookup(environment, sandbox, "--debug", "5566779988")
    sandbox.faults.reset()
    assert tampered.returncode == 4, tampered.stderr
    nobody = lookup(environment, sandbox, "811228-9874")  # a customer without invoices
    assert nobody.returncode == 0, nobody.stderr

    # Something was written, where the platform keeps such things: else the search proves nothing.
    written = files_under(home)
    logs = [path for path in written if path.name.startswith(LOG_FILE_NAME)]
    assert logs, [str(path.relative_to(home)) for path in written]
    assert all(home / ".local" / "state" in path.parents for path in logs)  # the XDG log folder
    log = "\n".join(path.read_text(encoding="utf-8") for path in logs)
    assert log.count("getInvoicesByPno pno=550101-****") >= 9
    assert "pno=556677-****" in log
    assert " DEBUG " in log
    assert "AuthenticationError" in log and "SignatureError" in log
    ui_settings = [path for path in written if path.suffix == ".conf" and "Qvickly" in path.parts]
    assert ui_settings, [str(path.relative_to(home)) for path in written]
    assert b"geometry" in ui_settings[0].read_bytes()

    hits = [
        f"{path.relative_to(home)}: {needle}"
        for path in written
        for needle in NEEDLES
        if needle.encode("utf-8") in path.read_bytes()
    ]
    assert hits == []
