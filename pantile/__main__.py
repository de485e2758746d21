"""python -m pantile: the `pantile` command (pantile.cli)."""
import sys

from pantile.cli import main

sys.exit(main())
