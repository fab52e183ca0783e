"""Entry point: ``python -m analysis hotspots|pairs|gaps ...`` (see :mod:`analysis.cli`)."""
import sys

from analysis.cli import main

sys.exit(main())
