"""Whether the installed llvmlite has the LLVM back end a target emits with."""
from __future__ import annotations

import llvmlite
import llvmlite.binding as llvm

from pantile.targets.base import COMPILE, Requirement


def back_end(triple: str, label: str) -> Requirement:
    """The requirement of LLVM's `label` back end (for `triple`) in llvmlite."""
    llvm.initialize_all_targets()
    version = ".".join(map(str, llvm.llvm_version_info))
    what = f"LLVM {label} back end"
    try:
        llvm.Target.from_triple(triple)
    except RuntimeError:
        return Requirement(what, COMPILE, missing=f"llvmlite {llvmlite.__version__} (LLVM {version}) lacks it",
                           pip=("--upgrade", "llvmlite>=0.50"))
    return Requirement(what, COMPILE, found=f"llvmlite {llvmlite.__version__}, LLVM {version}")
