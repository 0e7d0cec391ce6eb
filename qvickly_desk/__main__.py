"""Allows ``python -m qvickly_desk``."""

import sys

from qvickly_desk.cli import main

sys.exit(main())
