"""Where a result was produced: the node (machine) and the device on it, as the reports name them."""
from __future__ import annotations

import dataclasses
import json
import os
import platform
import socket
from functools import lru_cache
from pathlib import Path

from pantile.targets.base import EXECUTE, VALIDATE
from pantile.targets.registry import family, get_target

from .runner import EXECUTED, VALIDATED, Result

# Set by a fleet node (or a test's simulated one) to name itself in reports instead of its host name.
NODE_VARIABLE = "PANTILE_NODE_NAME"
# Set by a parent that pins a worker process to one device: JSON {"family": F, "device": WORDS}, the words
# reports give for the device that executes target family F's kernels in that process.
DEVICE_VARIABLE = "PANTILE_WORKER_DEVICE"


def node_name() -> str:
    """This machine's name in reports."""
    return os.environ.get(NODE_VARIABLE) or socket.gethostname()


@lru_cache(maxsize=None)
def host_processor() -> str:
    """The host CPU's model name ('AMD EPYC'), or the machine type where the system does not say."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


@lru_cache(maxsize=None)
def device_for(arch: str, tier: str) -> str:
    """What produces `arch`'s results in `tier` here: the device that executes (as the target's requirements
    name it, else the host CPU), or the offline tools that validate; '' for other tiers."""
    if tier not in (EXECUTED, VALIDATED):
        return ""
    pinned = json.loads(os.environ.get(DEVICE_VARIABLE) or "{}")
    if tier == EXECUTED and pinned.get("family") == family(arch):
        return pinned["device"]
    target = get_target(arch)
    kind = EXECUTE if tier == EXECUTED else VALIDATE
    found = [f"{r.what}: {r.found}" if tier == VALIDATED else r.found
             for r in target.requirements() if r.needed_for == kind and r.found]
    return "; ".join(found) if found else host_processor()


def stamped(result: Result) -> Result:
    """The result naming this node and the device that produced it."""
    return dataclasses.replace(result, node=node_name(), device=device_for(result.target, result.tier))
