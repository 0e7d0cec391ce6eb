"""``python -m benchmarks``: every figure the users feel, beside its baseline, in one table.

``--tiny`` runs everything at toy sizes once (what CI does, so the code cannot rot); ``--reps N``
sets the repeats (default 7); ``--only startup,window`` runs some of the benchmarks, named as in
``BENCHMARKS``. ``--json FILE`` also writes the rows for tools.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable

from benchmarks import cli_lookup, https_session, lookups, scaling, startup
from benchmarks.common import Config, Row, format_table, run_child

__all__ = ["main"]


def _window(config: Config) -> list[Row]:
    return run_child("window", config)


def _memory(config: Config) -> list[Row]:
    return run_child("memory", config)


def _details(config: Config) -> list[Row]:
    return run_child("details_pane", config)


BENCHMARKS: dict[str, Callable[[Config], list[Row]]] = {
    "startup": startup.run,
    "cli": cli_lookup.run,
    "https": https_session.run,
    "window": _window,  # with the window's growth rows
    "memory": _memory,
    "growth": scaling.run,
    "lookups": lookups.run,
    "details": _details,
}

# The table's order of row groups: each benchmark's own, and the growth rows together.
_GROUPS = (
    "start-up",
    "command line",
    "https",
    "window",
    "compare",
    "memory",
    "growth",
    "reference",
    "lookups",
    "details",
)


def _order(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda row: _GROUPS.index(row.benchmark))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--tiny", action="store_true", help="toy sizes, one repeat (CI)")
    parser.add_argument("--reps", type=int, default=7, help="repeats per figure (default 7)")
    parser.add_argument(
        "--only",
        default="",
        help=f"comma-separated benchmark names, e.g. startup,window ({', '.join(BENCHMARKS)})",
    )
    parser.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    args = parser.parse_args(argv)
    config = Config(tiny=args.tiny, reps=max(1, args.reps))
    wanted = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in BENCHMARKS]
    if unknown:
        parser.error(
            f"no benchmark named {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}"
        )
    chosen = [key for key in BENCHMARKS if not wanted or key in wanted]
    started = time.monotonic()
    rows: list[Row] = []
    for key in chosen:
        began = time.monotonic()
        rows += BENCHMARKS[key](config)
        print(f"benchmark {key} done in {time.monotonic() - began:.0f} s", file=sys.stderr)
    rows = _order(rows)
    print(format_table(rows))
    restored = max((int(row.extra.get("none_references_restored", 0)) for row in rows), default=0)
    print(
        f"\n{'tiny' if config.tiny else 'full'} run, {time.monotonic() - started:.0f} s, "
        f"Python {platform.python_version()}"
        + (f"; PySide6 dropped {restored} references to None (restored)" if restored else "")
    )
    failing = [row for row in rows if row.verdict == "FAILS"]
    if failing:
        print(f"{len(failing)} figure(s) over their bar.")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump([row.to_json() for row in rows], out, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
