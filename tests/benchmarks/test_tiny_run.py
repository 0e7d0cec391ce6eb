"""The benchmarks run at toy sizes, so that the published figures can always be measured again.

Only that every benchmark runs and reports its figure is checked: timings depend on the machine
and are never asserted. The start-up figure needs Xvfb (which CI installs); on a computer
without it that one figure is reported as skipped.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

from tests.helpers.processes import run_python

pytestmark = pytest.mark.integration


# (group, start of the figure's name) for every row a tiny run must print.
EXPECTED = [
    ("start-up", "`qvickly-desk --demo`: spawn to first paint"),
    ("start-up", "the same, each start against the bare start right after it"),
    ("start-up", "the session's first search, Enter -> rows"),
    ("command line", "`lookup --format json`"),
    ("command line", "the same, each run against the plain script's run right after it"),
    ("https", "lookup (8 invoices), kept-alive session"),
    ("https", "new connection per call, CA bundle not reloaded"),
    ("window", "answer received -> rows shown, 50 invoices"),
    ("window", "answer received -> rows shown, 500 invoices"),
    ("window", "sort by amount, 500 invoices"),
    ("window", "one filter keystroke, 500 invoices"),
    ("window", "longest GUI stall, search of 3,000 invoices"),
    ("window", "longest GUI stall, search of 500 invoices"),
    ("compare", "filter keystroke in the model, one reset, 500 rows"),
    ("memory", "peak RSS, search and show 500 invoices"),
    ("growth", "verify (client.verify_answer): 500 invoices"),
    ("growth", "parse (invoices.parse_invoices): 500 invoices"),
    ("reference", "json.loads of the same answer: 500 invoices"),
    ("reference", "HMAC-SHA512 of the same answer: 500 invoices"),
    ("growth", "answer -> rows shown (window): 500 invoices"),
    ("growth", "sort by amount (window): 500 invoices"),
    ("growth", "filter keystroke '1' (window): 500 invoices"),
    ("lookups", "parse + verify, details answer (getPaymentInfo)"),
    ("lookups", "parse + verify, getInvoicesByCustomer, 50 invoice objects"),
    ("lookups", "parse + verify, getInvoicesByCustomer, 50 list rows"),
    ("details", "longest GUI stall, details of 20 article lines loaded and shown"),
    ("details", "current row -> kept details on screen"),
    ("details", "name search of 50 matches -> chooser shown"),
]


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[dict[str, object]]]:
    """One ``python -m benchmarks --tiny``: its printed table and its rows."""
    rows_file = tmp_path_factory.mktemp("benchmarks") / "rows.json"
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    result = run_python(
        "-m",
        "benchmarks",
        "--tiny",
        "--json",
        str(rows_file),
        env=env,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return result.stdout, json.loads(rows_file.read_text(encoding="utf-8"))


def _allowed_skip(group: str) -> bool:
    if group == "start-up":
        return shutil.which("Xvfb") is None and not os.environ.get("CI")
    if group == "https":
        return shutil.which("openssl") is None
    return False


# Not named "benchmark": pytest-benchmark, where installed, owns a fixture of that name.
@pytest.mark.parametrize(("group", "figure"), EXPECTED)
def test_each_benchmark_reports_its_figure_beside_a_baseline(
    tiny_run: tuple[str, list[dict[str, object]]], group: str, figure: str
) -> None:
    table, rows = tiny_run
    matching = [
        row for row in rows if row["benchmark"] == group and str(row["figure"]).startswith(figure)
    ]
    assert len(matching) == 1, f"no row {group}: {figure} in\n{table}"
    row = matching[0]
    assert figure in table
    if row["skipped"]:
        assert _allowed_skip(group), f"{group} skipped: {row['skipped']}"
        return
    assert isinstance(row["value"], float) and row["value"] > 0
    assert isinstance(row["baseline"], float) and row["baseline"] > 0


def test_the_table_says_which_bars_hold(tiny_run: tuple[str, list[dict[str, object]]]) -> None:
    table, rows = tiny_run
    header = table.splitlines()[0]
    for column in ("figure", "value", "baseline", "ratio", "bar", "verdict"):
        assert column in header
    barred = [row for row in rows if row["limit"] is not None and not row["skipped"]]
    assert barred, "no figure carries a bar"
