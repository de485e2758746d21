"""Asking an installed tool or library for its version, for the requirements targets report."""
from __future__ import annotations

import re
import subprocess
from typing import Sequence

_VERSION = re.compile(r"\bv?(\d+\.\d+(?:\.\d+)*)", re.IGNORECASE)
TIMEOUT_S = 10


def tool_version(command: Sequence[str]) -> str:
    """The most detailed version number `command` (e.g. `ptxas --version`) prints (the first of those with the
    most parts: 13.0.88 over 13.0), or '' when it prints none."""
    try:
        done = subprocess.run(list(command), capture_output=True, text=True, timeout=TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    found = _VERSION.findall(done.stdout + done.stderr)
    return max(found, key=lambda v: v.count("."), default="")
