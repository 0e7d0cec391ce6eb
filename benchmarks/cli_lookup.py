"""2. ``qvickly-desk lookup BIG --format json`` against a plain ``requests.post`` script.

Both are fresh processes talking to the same sandbox (its own process, started once and warmed,
so that building the big customer is not charged to the first run). They alternate, so that any
drift of the machine hits both alike; the figure is the median wall time from spawn to exit with
the output read through a pipe. The plain script does the irreducible work: import requests and
the signing code, sign, post, verify, print the data. Both run with a Python that has only what
a user's install has (``installed_env``), not the development environment's tools.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import REPO, Config, Row, clean_env, median, paired_row, sandbox_process
from benchmarks.installed_env import installed_python
from qvickly_desk.sandbox import BIG_CUSTOMER_PNO, DEMO_EID, DEMO_SECRET

__all__ = ["run"]

BAR = 1.0  # a desk tool should not be slower than a 20-line script
_PAIRS = 11


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Milliseconds from spawn to exit, and the bytes printed; raises if the run failed."""
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, check=False, cwd=REPO)
    elapsed = (time.perf_counter() - started) * 1000
    if result.returncode != 0:
        raise RuntimeError(f"{command[-4:]} failed: {result.stderr.decode(errors='replace')}")
    return elapsed, len(result.stdout)


def run(config: Config) -> list[Row]:
    app_times: list[float] = []
    plain_times: list[float] = []
    with (
        tempfile.TemporaryDirectory(prefix="qvickly-bench-") as home,
        sandbox_process() as sandbox,
    ):
        python = str(installed_python(Path(home) / "installed"))
        app_command = [python, "-m", "qvickly_desk", "lookup", BIG_CUSTOMER_PNO, "--format", "json"]
        plain_command = [
            python,
            str(REPO / "benchmarks" / "plain_lookup.py"),
            BIG_CUSTOMER_PNO[2:],
            "Sent,Paid",
        ]
        env = clean_env(
            Path(home),
            QVICKLY_EID=DEMO_EID,
            QVICKLY_SECRET=DEMO_SECRET,
            QVICKLY_API_URL=sandbox.url,
            PYTHONPATH=str(REPO),
        )
        # Warm-up: the sandbox builds the customer, the OS caches the files of both programs.
        _, app_bytes = _timed(app_command, env)
        _, plain_bytes = _timed(plain_command, env)
        # As for start-up: the machine drifts within a run, so more pairs, each compared alone;
        # the paired figure carries the bar.
        for _ in range(max(config.repeat, _PAIRS) if not config.tiny else 1):
            app_times.append(_timed(app_command, env)[0])
            plain_times.append(_timed(plain_command, env)[0])
    return [
        Row(
            "command line",
            "`lookup --format json`, 3,000 invoices, fresh process",
            median(app_times),
            "requests.post script",
            median(plain_times),
            note=f"output {app_bytes / 1e6:.1f} MB vs {plain_bytes / 1e6:.1f} MB; "
            f"medians of {len(app_times)} each, alternating; the runtime dependencies only",
        ),
        paired_row(
            "command line",
            "the same, each run against the plain script's run right after it",
            app_times,
            plain_times,
            "plain script",
            bar=f"<= {BAR}",
            limit=BAR,
        ),
    ]


if __name__ == "__main__":
    from benchmarks.common import format_table

    print(format_table(run(Config.from_args(sys.argv[1:]))))
