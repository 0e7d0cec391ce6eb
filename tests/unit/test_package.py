"""The package's own attributes: the version, read only when something asks for it."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

import pytest

import qvickly_desk


def test_version_is_the_installed_one() -> None:
    from qvickly_desk import __version__

    assert __version__ == qvickly_desk.__version__ == version(qvickly_desk.APP_NAME)


def test_other_missing_attributes_are_still_missing() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        qvickly_desk.no_such_thing  # noqa: B018


def test_importing_the_package_does_not_read_the_metadata() -> None:
    # importlib.metadata (and the email package it brings) costs 10-40 ms at every start.
    script = (
        "import sys, qvickly_desk, qvickly_desk.pno, qvickly_desk.output\n"
        "print('importlib.metadata' in sys.modules)\n"
        "print(qvickly_desk.__version__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["False", qvickly_desk.__version__]
