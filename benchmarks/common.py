"""What every benchmark shares: result rows, medians, the table, Xvfb and sandbox processes.

Every figure is printed beside a baseline measured in the same run on the same machine, as a
ratio, so that the table stays meaningful on a faster or slower computer than the one in the
README. Benchmarks that need a fresh interpreter (start-up, memory, the window) run in child
processes that report their rows as JSON on stdout.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = [
    "LARGE_CUSTOMER_PNO",
    "Config",
    "Row",
    "SandboxProcess",
    "clean_env",
    "format_table",
    "invoices_for",
    "median",
    "paired_row",
    "peak_rss_mb",
    "personnummer",
    "report_rows",
    "reset_peak_rss",
    "rss_mb",
    "run_child",
    "sandbox_process",
    "signed_body",
    "time_call",
    "xvfb",
]

REPO = Path(__file__).resolve().parent.parent
_CHILD_MARK = "BENCHMARK-ROWS:"


@dataclass(frozen=True)
class Config:
    """How big and how often: the full run, or ``--tiny`` so that CI keeps the code alive."""

    tiny: bool = False
    reps: int = 7

    @property
    def sizes(self) -> tuple[int, ...]:
        """Invoice counts for the growth figures: 1,000 -> 10,000 -> 100,000 (tiny: 50 -> 500)."""
        return (50, 500) if self.tiny else (1_000, 10_000, 100_000)

    @property
    def small(self) -> int:
        """The "few thousand invoices" customer of the window figures."""
        return 50 if self.tiny else 3_000

    @property
    def large(self) -> int:
        return 500 if self.tiny else 100_000

    @property
    def repeat(self) -> int:
        return 1 if self.tiny else self.reps

    def as_args(self) -> list[str]:
        return ["--tiny"] if self.tiny else ["--reps", str(self.reps)]

    @classmethod
    def from_args(cls, argv: Sequence[str]) -> Config:
        tiny = "--tiny" in argv
        reps = 7
        if "--reps" in argv:
            reps = int(argv[list(argv).index("--reps") + 1])
        return cls(tiny=tiny, reps=reps)


@dataclass
class Row:
    """One line of the table: a figure, its baseline from the same run, and the bar if any."""

    benchmark: str  # "start-up", "window", ...
    figure: str
    value: float | None
    baseline_name: str
    baseline: float | None
    unit: str = "ms"
    bar: str = ""  # e.g. "<= 1.5"; empty when the issue sets none
    limit: float | None = None  # the ratio (or, with ``limit_on_value``, the value) allowed
    limit_on_value: bool = False
    note: str = ""
    skipped: str = ""  # why the figure could not be measured here
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def verdict(self) -> str:
        if self.skipped:
            return "skipped"
        if self.limit is None:
            return ""
        measured = self.value if self.limit_on_value else self.ratio
        if measured is None:
            return ""
        return "holds" if measured <= self.limit else "FAILS"

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Row:
        return cls(**data)  # type: ignore[arg-type]


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}" if value < 1 else f"{value:.1f}"
    return f"{text} {unit}".strip()


def format_table(rows: Sequence[Row]) -> str:
    """A Markdown table, readable in a terminal and pasted as it is into the README."""
    header = ("benchmark", "figure", "value", "baseline", "ratio", "bar", "verdict", "note")
    lines = [header]
    for row in rows:
        ratio = row.ratio
        lines.append(
            (
                row.benchmark,
                row.figure,
                (row.skipped and "-") or _number(row.value, row.unit),
                f"{row.baseline_name}: {_number(row.baseline, row.unit)}"
                if row.baseline_name
                else "-",
                "-" if ratio is None else f"{ratio:.2f}",
                row.bar or "-",
                row.verdict or "-",
                row.skipped or row.note,
            )
        )
    widths = [max(len(line[index]) for line in lines) for index in range(len(header))]
    out = []
    for number, line in enumerate(lines):
        cells = [cell.ljust(width) for cell, width in zip(line, widths, strict=True)]
        out.append("| " + " | ".join(cells) + " |")
        if number == 0:
            out.append("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return "\n".join(out)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def time_call(function: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``function()`` in milliseconds over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return median(times)


def paired_row(
    benchmark: str,
    figure: str,
    mine: Sequence[float],
    theirs: Sequence[float],
    baseline_name: str,
    bar: str,
    limit: float,
    note: str = "",
) -> Row:
    """The median of each run's ratio to the baseline run made right after it.

    The machine's speed drifts within a run; two runs made back to back share most of it, so
    this is the figure that drift moves least.
    """
    paired = [one / other for one, other in zip(mine, theirs, strict=True)]
    return Row(
        benchmark,
        figure,
        median(paired),
        baseline_name,
        1.0,
        unit="x",
        bar=bar,
        limit=limit,
        note=f"median of {len(paired)} paired ratios, from {min(paired):.2f} to "
        f"{max(paired):.2f}{note}",
    )


def _status_kb(name: str) -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(name + ":"):
                return float(line.split()[1])
    return float("nan")


def rss_mb() -> float:
    """Resident memory now (Linux ``VmRSS``), in MiB."""
    return _status_kb("VmRSS") / 1024


def peak_rss_mb() -> float:
    """The highest resident memory so far (Linux ``VmHWM``), in MiB."""
    return _status_kb("VmHWM") / 1024


def reset_peak_rss() -> bool:
    """Start ``VmHWM`` again from the current RSS (Linux 4.0+); False where that is refused."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        return False
    return True


def personnummer(birth: str, serial: str) -> str:
    """A valid 12-digit personnummer for ``birth`` (YYYYMMDD) and a 3-digit ``serial``."""
    digits = birth[2:] + serial
    total = 0
    for position, digit in enumerate(digits):
        product = int(digit) * (2 if position % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return birth + serial + str((10 - total % 10) % 10)


LARGE_CUSTOMER_PNO = personnummer("19640823", "323")
"""The benchmarks' own customer, given as many invoices as a figure needs."""


def invoices_for(count: int, seed: int = 4242) -> tuple[object, ...]:
    """``count`` parsed invoices, the way a lookup would hand them to the window."""
    from qvickly_desk.invoices import parse_invoices
    from qvickly_desk.sandbox import generate_invoices

    rows = json.loads(json.dumps(generate_invoices(count, seed, "https://sandbox.invalid/")))
    return parse_invoices(rows).invoices


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for a child: no user settings, logs or keyring, no proxy, our extras."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("QVICKLY_") and key.lower() not in ("http_proxy", "https_proxy")
    }
    env.update(
        QVICKLY_CONFIG_DIR=str(home / "config"),
        QVICKLY_LOG_DIR=str(home / "logs"),
        XDG_CONFIG_HOME=str(home / "xdg-config"),
        XDG_DATA_HOME=str(home / "xdg-data"),
        XDG_CACHE_HOME=str(home / "xdg-cache"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
        NO_PROXY="127.0.0.1,localhost",
    )
    (home / "runtime").mkdir(mode=0o700, parents=True, exist_ok=True)
    # Bytecode is cached, as in an installed copy (pip compiles at install, PyInstaller bundles
    # it): without this every start would compile our modules from source, and not the
    # baseline's. The cache goes to the run's own folder, never into the work tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    env.update(extra)
    return env


@contextlib.contextmanager
def xvfb() -> Iterator[str | None]:
    """A private virtual display (its ``DISPLAY``), or None when Xvfb is not installed."""
    binary = shutil.which("Xvfb")
    if binary is None:
        yield None
        return
    read_fd, write_fd = os.pipe()
    process = subprocess.Popen(
        [binary, "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd, "rb") as pipe:
            number = pipe.readline().strip().decode("ascii")
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        process.terminate()
        process.wait(10)


def signed_body(rows: Sequence[Mapping[str, object]], secret: str, logid: int = 1) -> bytes:
    """A ``getInvoicesByPno`` answer as the service sends it: PHP-encoded rows, signed."""
    from qvickly_desk.signing import php_json_encode

    data = "[" + ",".join(php_json_encode(row) for row in rows) + "]"
    signature = hmac.new(secret.encode("utf-8"), data.encode("ascii"), hashlib.sha512).hexdigest()
    head = php_json_encode({"hash": signature, "logid": logid})
    return ('{"credentials":' + head + ',"data":' + data + "}").encode("ascii")


class SandboxProcess:
    """A sandbox in its own process; ``connections`` and ``requests`` are known once it stops."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.connections: int | None = None
        self.requests: int | None = None


@contextlib.contextmanager
def sandbox_process(
    customers: Mapping[str, int] | None = None,
    certificate: tuple[str, str] | None = None,
    nagle: bool = False,
) -> Iterator[SandboxProcess]:
    """A sandbox in its own process, so that its threads take no GIL from the code measured.

    ``customers`` maps identity numbers to a count of generated invoices; ``certificate`` is
    (cert file, key file) for HTTPS; ``nagle`` keeps the sandbox's handler as shipped, with
    Nagle's algorithm on (see ``sandbox_child``).
    """
    spec = json.dumps(
        {"customers": dict(customers or {}), "certificate": certificate, "nagle": nagle}
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.sandbox_child", spec],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    try:
        url = process.stdout.readline().strip()
        if not url.startswith("http"):
            raise RuntimeError("the sandbox process did not start")
        sandbox = SandboxProcess(url)
        yield sandbox
    finally:
        process.terminate()
        rest, _ = process.communicate(timeout=10)
    for line in rest.splitlines():
        name, _, number = line.partition(" ")
        if name in ("connections", "requests"):
            setattr(sandbox, name, int(number))


def run_child(module: str, config: Config, *args: str, timeout: float = 600) -> list[Row]:
    """Run ``python -m benchmarks.<module>`` and collect the rows it reports."""
    with tempfile.TemporaryDirectory(prefix="qvickly-bench-") as home:
        env = clean_env(Path(home), QT_QPA_PLATFORM="offscreen")
        result = subprocess.run(
            [sys.executable, "-m", f"benchmarks.{module}", *config.as_args(), *args],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    rows = [
        Row.from_json(row)
        for line in result.stdout.splitlines()
        if line.startswith(_CHILD_MARK)
        for row in json.loads(line[len(_CHILD_MARK) :])
    ]
    if result.returncode != 0 or not rows:
        raise RuntimeError(
            f"benchmarks.{module} failed ({result.returncode}):\n{result.stderr[-4000:]}"
        )
    return rows


def report_rows(rows: Sequence[Row]) -> None:
    """How a child process hands its rows to :func:`run_child`."""
    print(_CHILD_MARK + json.dumps([row.to_json() for row in rows]), flush=True)
