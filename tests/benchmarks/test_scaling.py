"""The growth rows' bar says the very limit their verdict is made against."""

from __future__ import annotations

from benchmarks.scaling import growth_rows


def test_a_growth_bar_states_the_limit_its_verdict_uses_tolerance_included() -> None:
    holds, fails = growth_rows("parse", [1_000, 10_000, 100_000], [1.0, 11.4, 132.0], "")
    assert holds.bar == fails.bar == "<= 11.5 (linear +15 %)"
    assert (holds.verdict, fails.verdict) == ("holds", "FAILS")  # x11.4, then x11.6


def test_a_stage_may_grow_as_its_reference_did_and_the_bar_names_it() -> None:
    (row,) = growth_rows("verify", [10_000, 100_000], [1.0, 13.6], "", ("json.loads", [1.0, 12.0]))
    assert row.bar == "<= 13.8 (json.loads +15 %)"
    assert row.verdict == "holds"
    assert "json.loads alone grew x12.0" in row.note
