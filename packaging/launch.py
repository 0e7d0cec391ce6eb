"""The bundle's entry point: the same ``run`` as the ``qvickly-desk`` console script."""

from qvickly_desk.cli import run

run()
