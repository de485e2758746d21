"""What the AMD target needs on a machine: LLVM's AMDGPU back end, lld-22 and llvm-22 to link and validate,
the HIP runtime and an AMD GPU to execute."""
from __future__ import annotations

from typing import Optional

from pantile.targets.base import EXECUTE, VALIDATE, Requirement
from pantile.targets.llvm.back_ends import back_end

from .code_object import LLD, OBJDUMP, READELF, TOOLS_APT, tool
from .arch import TRIPLE

GPU_ADVICE = "ROCm's HIP runtime (libamdhip64.so) on a machine with an AMD GPU (none can be installed by a command)"


def requirements(unavailable: Optional[str]) -> tuple[Requirement, ...]:
    """The requirements, given the target's reason for not executing here (None when it can)."""
    missing = [t for t in (LLD, READELF, OBJDUMP) if tool(t) is None]
    tools = Requirement(f"{LLD}, {READELF}, {OBJDUMP}", VALIDATE, apt=TOOLS_APT,
                        found="" if missing else ", ".join(str(tool(t)) for t in (LLD, READELF, OBJDUMP)),
                        missing=f"{', '.join(missing)} not on PATH" if missing else "")
    runtime = Requirement("the HIP runtime and an AMD GPU", EXECUTE, found="" if unavailable else "libamdhip64.so",
                          missing=unavailable or "", advice=GPU_ADVICE)
    return back_end(TRIPLE, "AMDGPU"), tools, runtime
