"""A Python child process, run from the repository root with its output captured as text."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping

from tests.helpers.paths import ROOT

__all__ = ["run_python"]


def run_python(
    *args: str,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
    check: bool = False,
) -> subprocess.CompletedProcess[str]:
    """``python *args`` with this interpreter; ``env`` replaces the environment when given."""
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=check,
        cwd=ROOT,
        env=dict(os.environ if env is None else env),
    )
