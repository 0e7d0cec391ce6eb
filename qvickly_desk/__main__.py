"""Allows ``python -m qvickly_desk``."""

from qvickly_desk.cli import run

run()
