"""Where the icon and the translations are, however the program was installed.

The same ``resources/`` folder is found in three places: beside the package in a source checkout or
an editable install, inside a PyInstaller bundle (``sys._MEIPASS``), and as package data
(``qvickly_desk/resources``) in a wheel. Callers ask for a path relative to that folder and never
need to know which case they are in.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["resource_path", "resources_dir"]

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _candidates() -> list[Path]:
    bundle = getattr(sys, "_MEIPASS", None)
    found = [Path(bundle) / "resources"] if bundle else []
    found.append(_PACKAGE_DIR / "resources")  # package data in a wheel
    found.append(_PACKAGE_DIR.parent / "resources")  # source checkout, editable install
    return found


def resources_dir() -> Path:
    """The first ``resources/`` folder that exists; the source checkout's if none does."""
    candidates = _candidates()
    return next((path for path in candidates if path.is_dir()), candidates[-1])


def resource_path(relative: str) -> Path:
    """``relative`` (e.g. ``"icons/qvickly-desk.svg"``) inside the resources folder."""
    return resources_dir() / relative
