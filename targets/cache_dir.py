"""Where targets keep what outlives a process (built programs, device figures, reproducers)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping


def cache_root(env: Mapping[str, str]) -> Path:
    """pantile's cache folder: `PANTILE_CACHE_DIR`, else the XDG user cache folder."""
    if env.get("PANTILE_CACHE_DIR"):
        return Path(env["PANTILE_CACHE_DIR"])
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pantile"
