"""What intel:spirv needs on a machine: LLVM's SPIR-V back end and spirv-val to compile, an OpenCL device
that runs SPIR-V (pyopencl and, in CI, Intel's CPU runtime from pip) to execute."""
from __future__ import annotations

import importlib.util
import shutil
from typing import Optional

from pantile.targets.base import COMPILE, EXECUTE, Requirement
from pantile.targets.llvm.back_ends import back_end
from pantile.targets.spirv.module import OPENCL_TRIPLE, SPIRV_VAL
from pantile.targets.tools import tool_version

from .device import DeviceInfo
from .icd import installed_intel_library

RUNTIME = "pyopencl and an OpenCL device that runs SPIR-V"


def requirements(device: Optional[DeviceInfo], unavailable: Optional[str]) -> tuple[Requirement, ...]:
    """The requirements, given the OpenCL device found (None without one) and why kernels cannot execute."""
    spirv_val = shutil.which(SPIRV_VAL)
    validator = Requirement(SPIRV_VAL, COMPILE, apt=("spirv-tools",),
                            found=f"{tool_version([spirv_val, '--version'])} at {spirv_val}" if spirv_val else "",
                            missing="" if spirv_val else "not on PATH (it checks every module pantile emits)")
    if importlib.util.find_spec("pyopencl") is None:
        runtime = Requirement(RUNTIME, EXECUTE, missing="pyopencl is not installed", extra="intel-cpu")
    elif device is None and installed_intel_library() is None:
        runtime = Requirement(RUNTIME, EXECUTE, missing="no OpenCL device runs SPIR-V and Intel's CPU runtime "
                              "(intel-opencl-rt) is not installed", extra="intel-cpu")
    elif device is None:
        runtime = Requirement(RUNTIME, EXECUTE, missing=unavailable or "no OpenCL device")
    else:
        runtime = Requirement(RUNTIME, EXECUTE, found=f"{device.name} ({device.platform}, driver {device.driver})")
    return back_end(OPENCL_TRIPLE, "SPIR-V"), validator, runtime
