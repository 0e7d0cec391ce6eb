"""The command-line figure's Python has what a user's install has, and none of the dev tools."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from benchmarks.installed_env import installed_python, runtime_distributions

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def test_the_runtime_dependencies_are_those_of_a_plain_install() -> None:
    names = {distribution.metadata["Name"].lower() for distribution in runtime_distributions()}
    assert {"requests", "urllib3", "msgspec", "keyring", "truststore", "python-stdnum"} <= names
    # The extras' packages and what only they need stay out.
    assert not names & {"pytest", "pytest-qt", "mypy", "pyinstaller", "cheroot", "psycopg"}
    assert "typing-extensions" not in names and "typing_extensions" not in names


def test_its_python_imports_the_program_but_not_the_dev_tools(tmp_path: Path) -> None:
    python = installed_python(tmp_path / "env")
    script = (
        "import importlib.util, sys\n"
        "import qvickly_desk.cli, requests, msgspec, keyring\n"
        "missing = [name for name in ('typing_extensions', 'pytest', 'mypy')"
        " if importlib.util.find_spec(name) is None]\n"
        "print(' '.join(missing))\n"
    )
    done = subprocess.run(
        [str(python), "-c", script],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["typing_extensions", "pytest", "mypy"]
