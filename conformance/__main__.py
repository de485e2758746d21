"""python -m pantile.conformance: see pantile.conformance.cli."""
import sys

from .cli import main

sys.exit(main())
