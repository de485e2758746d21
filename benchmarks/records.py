"""What every benchmark writes: a JSON record of its figures and of where and how they were measured."""
from __future__ import annotations

import datetime
import json
import os
import platform
import sys
from pathlib import Path
from typing import Any, Optional

RESULTS = Path(__file__).resolve().parent / "results"


def host_fields() -> dict[str, Any]:
    """The machine, the time, the command line and the load it ran under."""
    return {"device": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "command": " ".join([sys.executable] + sys.argv), "load_average_1_5_15min": os.getloadavg()}


def write_record(record: dict[str, Any], out: Optional[str], stem: str) -> Path:
    """Write `record` to `out`, or to benchmarks/results/<stem>-<date>.json; say where."""
    path = Path(out) if out else RESULTS / f"{stem}-{datetime.date.today().isoformat()}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2) + "\n")
    print(f"wrote {path}")
    return path
