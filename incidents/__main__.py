"""``python -m incidents``: the incident CLI (see :mod:`incidents.cli`)."""
import sys

from incidents.cli import main

sys.exit(main())
