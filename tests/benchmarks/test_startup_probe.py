"""The start-up probe times both programs without changing what they do before the first paint."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers.processes import run_python
from tests.helpers.pyside_types import made_widget_types_code

pytestmark = pytest.mark.integration

# Run as the start-up benchmark's child runs, with the report replaced by a look at which Python
# types PySide has made by the first paint.
_CODE = (
    "import os, sys\n"
    "import benchmarks.startup_probe as probe\n"
    "def report():\n"
    f"    made = {made_widget_types_code('QLineEdit')}\n"
    "    print('PAINTED', ' '.join(made), flush=True)\n"
    "    os._exit(0)\n"
    "probe._report = report\n"
    "probe.main(sys.argv[1:])\n"
)


@pytest.mark.parametrize("program", ["bare", "app"])
def test_the_probe_sees_the_first_paint_without_making_types_the_window_does_not_use(
    program: str, tmp_path: Path
) -> None:
    """An application-wide filter made PySide create every QtWidgets type in both programs, a
    fifth of the bare window's start-up; the probe watches only the windows."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    env["XDG_CONFIG_HOME"] = str(tmp_path)
    result = run_python("-c", _CODE, program, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["PAINTED", "QLineEdit"]
