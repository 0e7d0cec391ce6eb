"""Benchmarks of start-up, lookups, the window and memory, each against a same-run baseline.

Run ``python -m benchmarks`` (see ``benchmarks/README.md``). Kept free of imports, so that the
start-up probe, which lives in this package, adds nothing to the programs it times.
"""
