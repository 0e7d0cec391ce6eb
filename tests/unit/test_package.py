"""The package's own attributes: the version, written once and known without the metadata."""

from __future__ import annotations

from importlib.metadata import version

import qvickly_desk
from tests.helpers.processes import run_python


def test_version_is_the_installed_one() -> None:
    """pip's metadata takes the version from the package: both say the same."""
    assert qvickly_desk.__version__ == version(qvickly_desk.APP_NAME)


def test_knowing_the_version_does_not_read_the_metadata() -> None:
    # importlib.metadata (and the email package it brings) costs 10-40 ms at every start.
    script = (
        "import sys, qvickly_desk, qvickly_desk.pno, qvickly_desk.output\n"
        "print('importlib.metadata' in sys.modules)\n"
        "print(qvickly_desk.__version__)\n"
    )
    done = run_python("-c", script, timeout=60, check=True)
    assert done.stdout.split() == ["False", qvickly_desk.__version__]
