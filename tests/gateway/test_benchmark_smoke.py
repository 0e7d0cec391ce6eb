"""``python -m benchmarks.gateway --tiny`` runs and reports each figure beside its baseline.

Timings depend on the machine and are never asserted; only that the figures can be measured.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT as REPO

pytestmark = pytest.mark.integration


def test_the_gateway_benchmark_reports_latency_and_throughput(tmp_path: Path) -> None:
    rows_file = tmp_path / "rows.json"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.gateway", "--tiny", "--json", str(rows_file)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    rows = json.loads(rows_file.read_text(encoding="utf-8"))
    figures = [row["figure"] for row in rows]
    assert any(figure.startswith("lookup latency p50 through the gateway") for figure in figures)
    assert any(figure.startswith("lookup latency p99 through the gateway") for figure in figures)
    assert any(figure.startswith("lookups per second through the gateway") for figure in figures)
    for row in rows:
        assert row["value"] > 0 and row["baseline"] > 0
        assert row["baseline_name"] == "straight to the sandbox"
    assert "added" in result.stdout
