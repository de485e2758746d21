"""`--gpus all`: one worker process per device of the host, each seeing only its own device."""
from __future__ import annotations

import json
from typing import Sequence

from pantile.targets.registry import family, get_target

from .pool import WorkerSpec
from .where import DEVICE_VARIABLE


def device_workers(targets: Sequence[str]) -> list[WorkerSpec]:
    """One worker per device of the named targets' family, pinned to it by the target's own environment
    variables and named 'GPU i: NAME' in reports. ValueError, saying why, where no target has a device here
    or two families do (run them separately)."""
    found = {}
    for arch in targets:
        devices = get_target(arch).devices()
        if devices:
            found.setdefault(family(arch), (arch, devices))
    if not found:
        why = "; ".join(f"{arch}: {get_target(arch).unavailable() or 'its kernels run on the host'}"
                        for arch in targets)
        raise ValueError(f"--gpus all found no GPU for {', '.join(targets)} on this machine ({why}); run without "
                         f"--gpus (--jobs N spreads cases over processes), or on a machine with the GPU")
    if len(found) > 1:
        raise ValueError(f"--gpus all spreads one target family over its GPUs, but {' and '.join(found)} both have "
                         f"GPUs here: run each family's targets in its own command")
    arch, devices = next(iter(found.values()))
    target = get_target(arch)
    return [WorkerSpec({**target.device_environment(i),
                        DEVICE_VARIABLE: json.dumps({"family": family(arch), "device": f"GPU {i}: {name}"})})
            for i, name in enumerate(devices)]
