"""1. Start-up to a visible window: ``qvickly-desk --demo`` against a bare PySide6 window.

Both are fresh processes on the same private Xvfb display, launched the same way
(``python -m benchmarks.startup_probe app|bare``) and timed the same way: from just before the
process is spawned to the moment the probe sees the first paint flushed (see
``startup_probe``). They alternate, after one unmeasured run each to warm the OS file cache, and
the median is taken. On the first measured run of each the screen is captured with ImageMagick's
``import`` (when installed) to check that the window is really on it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import REPO, Config, Row, clean_env, median, paired_row, xvfb

__all__ = ["run", "start_once"]

BAR = 1.2
_PAIRS = 15
_SEARCH_RUNS = 5
_TIMEOUT = 60.0


def _screen_colours(display: str) -> int | None:
    """How many distinct colours the screen shows (1 when blank); None without ImageMagick."""
    tool = shutil.which("import")
    convert = shutil.which("convert")
    if tool is None or convert is None:
        return None
    shot = subprocess.run(
        [tool, "-display", display, "-window", "root", "png:-"], capture_output=True, check=False
    )
    if shot.returncode != 0:
        return None
    count = subprocess.run(
        [convert, "png:-", "-format", "%k", "info:"],
        input=shot.stdout,
        capture_output=True,
        check=False,
    )
    text = count.stdout.decode().strip()
    return int(text) if text.isdigit() else None


def start_once(which: str, env: dict[str, str], look: bool = False) -> dict[str, float]:
    """One start of ``app`` or ``bare``: ms to interpreter-ready and to first paint."""
    spawned = time.monotonic()
    colours: list[float] = []

    def look_at_screen() -> None:
        colours.append(float(_screen_colours(env["DISPLAY"]) or 0))

    marks = _run_probe(which, env, "PAINTED", look_at_screen if look else None)
    times = {name: (float(marks[name][0]) - spawned) * 1000 for name in ("STARTED", "PAINTED")}
    if colours:
        times["colours"] = colours[0]
    return times


def _run_probe(
    which: str,
    env: dict[str, str],
    until: str,
    while_running: Callable[[], None] | None = None,
) -> dict[str, list[str]]:
    """Start the probe, read its marks (name: values) up to ``until``, call ``while_running``
    before ending it (the screen is looked at while the window is up)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.startup_probe", which],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    marks: dict[str, list[str]] = {}
    try:
        deadline = time.monotonic() + _TIMEOUT
        while until not in marks and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            name, *values = line.split() or [""]
            marks.setdefault(name, values)
        if until not in marks:
            process.kill()
            _, errors = process.communicate(timeout=10)
            raise RuntimeError(f"{which}: no {until} within {_TIMEOUT:.0f} s\n{errors[-3000:]}")
        if while_running is not None:
            while_running()
    finally:
        if process.poll() is None:
            process.terminate()
        process.communicate(timeout=10)
    return marks


def run(config: Config) -> list[Row]:
    figure = "`qvickly-desk --demo`: spawn to first paint (Xvfb)"
    with xvfb() as display, tempfile.TemporaryDirectory(prefix="qvickly-bench-") as home:
        if display is None:
            return [
                Row(
                    "start-up",
                    figure,
                    None,
                    "bare PySide6 window",
                    None,
                    skipped="Xvfb not installed",
                )
            ]
        env = clean_env(Path(home), DISPLAY=display, QT_QPA_PLATFORM="xcb")
        # The app finds its settings folder as a user's start does (platformdirs, under the
        # run's own XDG_CONFIG_HOME), not from the override: 14.4 M instructions (54).
        env.pop("QVICKLY_CONFIG_DIR")
        env.pop("WAYLAND_DISPLAY", None)
        for which in ("app", "bare"):
            start_once(which, env)  # warm the file cache and the bytecode
        app: list[dict[str, float]] = []
        bare: list[dict[str, float]] = []
        # Starts are short and the machine's speed drifts over a run (the same program took from
        # 350 to 580 ms in one): more of them, and each app start compared with the bare start
        # made right after it. That paired figure carries the bar; the ratio of the medians,
        # which drift moves most, is shown beside it.
        for number in range(_PAIRS if not config.tiny else 1):
            app.append(start_once("app", env, look=number == 0))
            bare.append(start_once("bare", env, look=number == 0))
        searches = [_first_search(env) for _ in range(_SEARCH_RUNS if not config.tiny else 1)]
    colours = f"screen colours at first paint: app {app[0].get('colours', 0):.0f}, bare " + (
        f"{bare[0].get('colours', 0):.0f}"
    )
    python_ms = median([run["STARTED"] for run in app + bare])
    return [
        Row(
            "start-up",
            figure,
            median([run["PAINTED"] for run in app]),
            "bare PySide6 window",
            median([run["PAINTED"] for run in bare]),
            note=f"medians of {len(app)} each, alternating; interpreter ready after "
            f"{python_ms:.0f} ms in both; {colours}",
        ),
        paired_row(
            "start-up",
            "the same, each start against the bare start right after it",
            [run["PAINTED"] for run in app],
            [run["PAINTED"] for run in bare],
            "bare window",
            bar=f"<= {BAR}",
            limit=BAR,
            note=": the figure least moved by the machine's drift",
        ),
        Row(
            "start-up",
            "the session's first search, Enter -> rows (demo, 1 s after the first paint)",
            median([first for first, _ in searches]),
            "the next search, same process",
            median([second for _, second in searches]),
            note=f"medians of {len(searches)} fresh processes; the demo's customer, 8 invoices; "
            "the first search starts the demo's sandbox",
        ),
    ]


def _first_search(env: dict[str, str]) -> tuple[float, float]:
    """(first, second) search of one fresh app, in ms, Enter to the rows shown."""
    marks = _run_probe("app", {**env, "QVICKLY_BENCH_SEARCH_AFTER_PAINT": "1"}, "SECOND")
    for name in ("FIRST", "SECOND"):
        if marks[name][1] != "True":
            raise RuntimeError(f"the {name.lower()} search failed")
    return float(marks["FIRST"][0]), float(marks["SECOND"][0])


if __name__ == "__main__":
    from benchmarks.common import format_table

    print(format_table(run(Config.from_args(sys.argv[1:]))))
