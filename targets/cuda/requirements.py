"""What the NVIDIA target needs on a machine: LLVM's NVPTX back end, ptxas to validate, pycuda and a GPU to run."""
from __future__ import annotations

import importlib.util
from typing import Optional

from pantile.targets.base import EXECUTE, VALIDATE, Requirement
from pantile.targets.llvm.back_ends import back_end
from pantile.targets.tools import tool_version

from .arch import TRIPLE
from .ptx import PTXAS_PIP, find_ptxas

GPU_ADVICE = "an NVIDIA GPU with its driver (none can be installed by a command)"


def requirements(unavailable: Optional[str]) -> tuple[Requirement, ...]:
    """The requirements, given the target's reason for not executing here (None when it can)."""
    ptxas = find_ptxas()
    ptxas_req = Requirement("ptxas", VALIDATE, pip=PTXAS_PIP,
                            found=f"{tool_version([ptxas, '--version'])} at {ptxas}" if ptxas else "",
                            missing="" if ptxas else "not in the nvidia-cuda-nvcc pip package nor on PATH")
    no_pycuda = importlib.util.find_spec("pycuda") is None
    runtime = Requirement("pycuda, an NVIDIA driver and GPU", EXECUTE, found=_device() if not unavailable else "",
                          missing=unavailable or "", extra="cuda" if no_pycuda else "",
                          advice="" if no_pycuda else GPU_ADVICE)
    return back_end(TRIPLE, "NVPTX"), ptxas_req, runtime


def _device() -> str:
    """Device 0 and the driver's CUDA version, e.g. 'NVIDIA H100 80GB HBM3 (sm_90), driver CUDA 13.0'."""
    from .context import device_limits, driver
    limits, version = device_limits(), driver().get_driver_version()
    major, minor = limits["capability"]
    return f"{limits['name']} (sm_{major}{minor}), driver CUDA {version // 1000}.{version % 1000 // 10}"
