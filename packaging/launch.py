"""The bundle's entry point: the same ``main`` as the ``qvickly-desk`` console script."""

import sys

from qvickly_desk.cli import main

sys.exit(main())
