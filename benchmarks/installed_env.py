"""A Python that sees only what ``pip install qvickly-desk`` installs, for the command-line figure.

The benchmarks run from the development environment, which also holds the test and build tools
and what those need, and some of that changes what the program does: msgspec imports
``typing_extensions`` whenever it is there (31 M instructions, a twenty-fifth of a lookup),
which no user's install has, since none of the program's dependencies needs it. So the
command-line figure runs both programs, ours and the plain script, with a Python whose
site-packages holds the program's dependencies and nothing else: links into the development
environment's, so that the very same files run.
"""

from __future__ import annotations

import os
import shutil
import sysconfig
import venv
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

__all__ = ["installed_python", "runtime_distributions"]

_PROJECT = "qvickly-desk"


def runtime_distributions(project: str = _PROJECT) -> list[metadata.Distribution]:
    """The distributions a plain install of ``project`` brings, on this machine, without it."""
    found: dict[str, metadata.Distribution] = {}
    todo = [project]
    while todo:
        for text in metadata.requires(todo.pop()) or ():
            requirement = Requirement(text)
            # No extras asked for: a requirement behind an "extra" marker is not installed.
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            key = canonicalize_name(requirement.name)
            if key not in found:
                found[key] = metadata.distribution(requirement.name)
                todo.append(requirement.name)
    return list(found.values())


def _top_level_entries(distribution: metadata.Distribution) -> set[Path]:
    """The files and folders a distribution puts directly into site-packages (its metadata's
    folder among them: keyring finds its backends through entry points)."""
    base = Path(str(distribution.locate_file("")))
    entries = set()
    for file in distribution.files or ():
        first = file.parts[0]
        if first != ".." and not first.endswith(".pth") and first != "__pycache__":
            entries.add(base / first)
    return entries


def installed_python(root: Path) -> Path:
    """A virtual environment in ``root`` with the runtime dependencies linked in; its Python.

    The program itself is not installed there: the benchmark puts the work tree on
    ``PYTHONPATH``, for both programs alike.
    """
    venv.create(root, with_pip=False, symlinks=os.name != "nt")
    scheme_vars = {"base": str(root), "platbase": str(root)}
    site_packages = Path(sysconfig.get_path("purelib", "venv", vars=scheme_vars))
    scripts = Path(sysconfig.get_path("scripts", "venv", vars=scheme_vars))
    site_packages.mkdir(parents=True, exist_ok=True)
    for distribution in runtime_distributions():
        for entry in _top_level_entries(distribution):
            link = site_packages / entry.name
            if entry.exists() and not link.exists():
                _link(entry, link)
    return scripts / ("python.exe" if os.name == "nt" else "python")


def _link(target: Path, link: Path) -> None:
    """``link`` made to lead to ``target``: a symbolic link, or where Windows allows none
    without developer mode, a junction for a folder and a copy of a file."""
    try:
        link.symlink_to(target, target_is_directory=target.is_dir())
    except OSError:
        if os.name != "nt":
            raise
        if target.is_dir():
            import _winapi  # type: ignore[import-not-found,unused-ignore]

            _winapi.CreateJunction(str(target), str(link))
        else:
            shutil.copy2(target, link)
