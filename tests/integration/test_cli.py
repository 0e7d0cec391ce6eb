"""The command line as a script or a person uses it: output, exit codes, one-line errors."""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import sys
from pathlib import Path

import pytest

from qvickly_desk.cli import main
from qvickly_desk.sandbox import DEMO_EID, DEMO_SECRET, SandboxServer
from tests.helpers.memory_keyring import MemoryKeyring
from tests.helpers.processes import run_python

pytestmark = pytest.mark.integration


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def demo_env(monkeypatch: pytest.MonkeyPatch, sandbox: SandboxServer) -> SandboxServer:
    monkeypatch.setenv("QVICKLY_EID", DEMO_EID)
    monkeypatch.setenv("QVICKLY_SECRET", DEMO_SECRET)
    monkeypatch.setenv("QVICKLY_API_URL", sandbox.url)
    return sandbox


def test_a_lookup_leaves_the_garbage_collector_as_it_found_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A one-shot command pauses the collector while it runs; a caller's process gets it back."""
    assert gc.isenabled()
    code, out, _ = run(capsys, "lookup", "195501011018", "--demo", "--format", "json")
    assert code == 0 and json.loads(out)
    assert gc.isenabled()


def test_demo_lookup_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "lookup", "195501011018", "--demo", "--language", "en")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["Invoice", "Name"]
    assert "invoices" in lines[-1] and "open" in lines[-1]
    assert len(lines) >= 8


def test_table_in_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lookup", "550101-1018", "--demo", "--language", "sv")
    assert code == 0
    assert out.startswith("Fakturanr")
    assert "fakturor" in out.splitlines()[-1]


def test_json_output(capsys: pytest.CaptureFixture[str], demo_env: SandboxServer) -> None:
    code, out, _ = run(capsys, "lookup", "195501011018", "--format", "json")
    assert code == 0
    invoices = json.loads(out)
    assert invoices
    first = invoices[0]
    assert isinstance(first["invoiceid_real"], str)
    assert all("." in row["topay"] and len(row["topay"].split(".")[1]) == 2 for row in invoices)
    assert any(row["fileurl"].startswith(demo_env.url) for row in invoices)


def test_csv_output(capsys: pytest.CaptureFixture[str], demo_env: SandboxServer) -> None:
    code, out, _ = run(capsys, "lookup", "5566779988", "--format", "csv", "--status", "sent")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:2] == ["status", "name"] or "invoiceid_real" in rows[0]
    assert len(rows) >= 2


def test_no_invoices_is_success(
    capsys: pytest.CaptureFixture[str], demo_env: SandboxServer
) -> None:
    code, out, _ = run(capsys, "lookup", "195505050558", "--language", "en")
    assert code == 0
    assert "No invoices" in out


@pytest.mark.parametrize("number", ["19550101101", "550101-1019", "551301-1018", "55O1011018"])
def test_invalid_number_exits_2_without_a_call(
    capsys: pytest.CaptureFixture[str], demo_env: SandboxServer, number: str
) -> None:
    code, out, err = run(capsys, "lookup", number, "--language", "en")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert demo_env.request_count == 0


def test_no_status_is_invalid(capsys: pytest.CaptureFixture[str], demo_env: SandboxServer) -> None:
    code, _, _ = run(capsys, "lookup", "195501011018", "--status", "open")
    assert code == 2
    assert demo_env.request_count == 0


def test_missing_credentials_exit_3(
    capsys: pytest.CaptureFixture[str], sandbox: SandboxServer
) -> None:
    code, _, err = run(
        capsys, "lookup", "195501011018", "--api-url", sandbox.url, "--language", "en"
    )
    assert code == 3
    assert "credentials set" in err


def test_wrong_secret_exit_3_with_code_and_logid(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sandbox: SandboxServer
) -> None:
    monkeypatch.setenv("QVICKLY_EID", DEMO_EID)
    monkeypatch.setenv("QVICKLY_SECRET", "definitely-wrong-secret")
    code, out, err = run(
        capsys, "lookup", "195501011018", "--api-url", sandbox.url, "--language", "en"
    )
    assert code == 3
    assert "9013" in err and "log id" in err
    assert "definitely-wrong-secret" not in out + err


def test_tampered_answer_exit_4(
    capsys: pytest.CaptureFixture[str], demo_env: SandboxServer
) -> None:
    demo_env.faults.tamper_data = True
    code, out, err = run(capsys, "lookup", "195501011018", "--language", "en")
    assert code == 4
    assert out == ""
    assert "signature" in err


def test_timeout_option(capsys: pytest.CaptureFixture[str], demo_env: SandboxServer) -> None:
    demo_env.faults.delay = 3
    code, _, err = run(capsys, "lookup", "195501011018", "--timeout", "0.3", "--language", "en")
    assert code == 4
    assert "0.3 seconds" in err


def test_credentials_set_show_clear(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
) -> None:
    monkeypatch.setenv("QVICKLY_LANGUAGE", "en")
    monkeypatch.setattr(sys, "stdin", io.StringIO("piped-secret-value\n"))
    code, out, err = run(capsys, "credentials", "set", "--eid", "4242")
    assert code == 0, err
    assert "piped-secret-value" not in out + err
    assert ("qvickly-desk", "secret-key") in memory_keyring.entries
    code, out, _ = run(capsys, "credentials", "show")
    assert "4242" in out and "stored" in out
    assert "piped-secret-value" not in out
    code, out, _ = run(capsys, "credentials", "clear")
    assert code == 0 and memory_keyring.entries == {}
    code, out, _ = run(capsys, "credentials", "show")
    assert "none" in out


def test_a_lookup_loads_no_qt_and_nothing_else_it_does_not_use(sandbox: SandboxServer) -> None:
    """A script's lookup starts fast: no Qt, no keyring with the environment's credentials, and
    none of the value types that would bring ``dataclasses`` (``benchmarks/README.md``, 50)."""
    script = (
        "import sys\n"
        "from qvickly_desk.cli import main\n"
        "code = main(['lookup', '195501011018', '--format', 'json'])\n"
        "loaded = [name for name in ('PySide6', 'keyring', 'dataclasses') if name in sys.modules]\n"
        "assert not loaded, loaded\n"
        "sys.exit(code)\n"
    )
    env = {
        **os.environ,
        "QVICKLY_EID": DEMO_EID,
        "QVICKLY_SECRET": DEMO_SECRET,
        "QVICKLY_API_URL": sandbox.url,
    }
    done = run_python("-c", script, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)


def test_installed_command_runs_the_demo() -> None:
    done = run_python("-m", "qvickly_desk", "lookup", "195501011018", "--demo", "--language", "en")
    assert done.returncode == 0, done.stderr
    assert "invoices" in done.stdout.splitlines()[-1]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--version"])
    assert raised.value.code == 0
    assert capsys.readouterr().out.startswith("qvickly-desk ")


def test_help_lists_the_commands_and_each_commands_help_its_options(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A command's options are added only when it is used; its help must still show them all."""
    with pytest.raises(SystemExit) as raised:
        main(["--help"])
    assert raised.value.code == 0
    overview = capsys.readouterr().out
    for command in ("lookup", "show", "customers", "credentials", "sandbox", "gateway"):
        assert command in overview
    with pytest.raises(SystemExit) as raised:
        main(["lookup", "--help"])
    assert raised.value.code == 0
    lookup_help = capsys.readouterr().out
    for option in ("PNO", "--invoice", "--customer", "--status", "--format", "--timeout"):
        assert option in lookup_help
    with pytest.raises(SystemExit) as raised:
        main(["credentials", "set", "--help"])
    assert raised.value.code == 0
    assert "--eid" in capsys.readouterr().out


def test_a_commands_unknown_option_is_refused_with_its_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["show", "1001", "--colour"])
    assert raised.value.code == 2
    error = capsys.readouterr().err
    assert "usage: qvickly-desk" in error and "--colour" in error


def test_a_lookup_process_ends_with_its_output_and_log_complete(tmp_path: Path) -> None:
    """A one-shot command exits without tearing its modules down; nothing it wrote is lost."""
    env = {
        **os.environ,
        "QVICKLY_LOG_DIR": str(tmp_path / "logs"),
        "QVICKLY_CONFIG_DIR": str(tmp_path / "config"),
    }
    done = run_python(
        "-m", "qvickly_desk", "lookup", "195501011018", "--demo", "--format", "json", env=env
    )
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 8
    log = (tmp_path / "logs" / "qvickly-desk.log").read_text(encoding="utf-8")
    assert "getInvoicesByPno" in log and "invoices=8" in log
