"""``python -m maps print|brief|html`` (see :mod:`maps.cli`)."""
import sys

from maps.cli import main

sys.exit(main())
