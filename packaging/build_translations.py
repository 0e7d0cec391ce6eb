"""Refresh the Qt Linguist sources from the UI code and build the ``.qm`` catalogues we ship.

    python packaging/build_translations.py            # lupdate, then lrelease
    python packaging/build_translations.py --release  # lrelease only (the .ts were edited)
    python packaging/build_translations.py --check    # is every committed .qm what its .ts builds?

``pyside6-lupdate`` reads every ``tr()``/``translate()`` string in ``qvickly_desk/ui/*.py`` into
``resources/translations/qvickly_desk_<lang>.ts``: all strings for Swedish, the plural forms only
for English (the source strings already are English). Translators edit the ``.ts`` files (Qt
Linguist), and ``pyside6-lrelease`` compiles them into the ``.qm`` files the program loads. The
``.qm`` are committed, so neither a wheel nor a bundle needs the Qt tools to build.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "qvickly_desk" / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
CATALOGUE = "qvickly_desk"
LANGUAGES = ("sv", "en")
PLURALS_ONLY = frozenset({"en"})


def ts_path(language: str) -> Path:
    return TRANSLATIONS / f"{CATALOGUE}_{language}.ts"


def qm_path(language: str) -> Path:
    return TRANSLATIONS / f"{CATALOGUE}_{language}.qm"


def tool(name: str) -> list[str]:
    """The command for a PySide6 tool: its script on PATH, else through PySide6 itself."""
    found = shutil.which(f"pyside6-{name}")
    if found:
        return [found]
    return [sys.executable, "-c", f"from PySide6.scripts.pyside_tool import {name}; {name}()"]


def update_sources() -> None:
    sources = sorted(str(path.relative_to(ROOT)) for path in SOURCES.glob("*.py"))
    for language in LANGUAGES:
        command = [
            *tool("lupdate"),
            *sources,
            "-locations",
            "none",  # line numbers would change the .ts on every edit of the code
            "-no-obsolete",
            "-source-language",
            "en",
            "-target-language",
            language,
        ]
        if language in PLURALS_ONLY:
            command.append("-pluralonly")
        command += ["-ts", str(ts_path(language).relative_to(ROOT))]
        subprocess.run(command, cwd=ROOT, check=True)


def release(language: str, target: Path) -> None:
    subprocess.run(
        [*tool("lrelease"), "-silent", str(ts_path(language)), "-qm", str(target)],
        cwd=ROOT,
        check=True,
    )


def check() -> int:
    """0 when every committed .qm equals a fresh build from its .ts; else 1, naming them."""
    stale: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        for language in LANGUAGES:
            built = Path(folder) / qm_path(language).name
            release(language, built)
            committed = qm_path(language)
            if not committed.is_file() or not filecmp.cmp(built, committed, shallow=False):
                stale.append(str(committed.relative_to(ROOT)))
    for name in stale:
        print(
            f"{name} is not what its .ts builds: run packaging/build_translations.py",
            file=sys.stderr,
        )
    return 1 if stale else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--release", action="store_true", help="only build the .qm files")
    group.add_argument("--check", action="store_true", help="only check the committed .qm files")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    if not args.release:
        update_sources()
    for language in LANGUAGES:
        release(language, qm_path(language))
    return 0


if __name__ == "__main__":
    sys.exit(main())
