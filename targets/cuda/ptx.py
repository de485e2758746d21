"""LLVM IR -> PTX with llvmlite's NVPTX back end, and PTX -> cubin with ptxas when it is installed.

The module is verified, then optimised and compiled in the isolated worker
(targets/llvm/emission.py), so an LLVM abort becomes an InternalCompilerError
with the IR reproducer instead of ending the process.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

import llvmlite.binding as llvm

from pantile.targets.base import ValidationError
from pantile.targets.llvm.emission import emit_isolated, init_llvm

from .arch import TRIPLE

# ptxas of CUDA 13.0 (the H100 machine's driver) alone: without --no-deps the package pulls newer runtimes.
PTXAS_PIP = ("--no-deps", "nvidia-cuda-nvcc==13.0.88")
PTXAS_HINT = f"install it with `pip install {' '.join(PTXAS_PIP)}` or put CUDA's bin folder on PATH"


def _optimise_and_emit(llvm_ir: str, arch: str, opt_level: int, features: str = "") -> tuple[str, str]:
    init_llvm()
    module = llvm.parse_assembly(llvm_ir)
    machine = llvm.Target.from_triple(TRIPLE).create_target_machine(cpu=arch, features=features, opt=opt_level)
    options = llvm.create_pipeline_tuning_options(speed_level=opt_level)
    builder = llvm.create_pass_builder(machine, options)
    builder.getModulePassManager().run(module, builder)
    return machine.emit_assembly(module), str(module)


def emit_ptx(llvm_ir: str, arch: str, opt_level: int = 3, features: str = "") -> tuple[str, str]:
    """(PTX text, optimised LLVM IR) for `arch` such as 'sm_90a' (`features` such as '+ptx86' raise the PTX ISA
    version); InternalCompilerError with the reproducer where LLVM rejects the module or crashes on it."""
    return emit_isolated(f"cuda:{arch}", "the LLVM NVPTX back end", "PTX emission", llvm_ir, _optimise_and_emit,
                         arch, opt_level, features)


def find_tool(name: str) -> Optional[str]:
    """A CUDA command-line tool (ptxas, nvdisasm) from NVIDIA's pip wheels first, then from PATH."""
    try:
        import nvidia  # the namespace package of NVIDIA's pip wheels
        for root in nvidia.__path__:
            for sub in ("cu13/bin", "cuda_nvcc/bin", "cuda_nvdisasm/bin", "cu12/bin"):
                p = Path(root) / sub / name
                if p.is_file() and os.access(p, os.X_OK):
                    return str(p)
    except ImportError:
        pass
    return shutil.which(name)


def find_ptxas() -> Optional[str]:
    """ptxas from the pip package nvidia-cuda-nvcc first, then from PATH."""
    return find_tool("ptxas")


def disassemble(cubin: bytes) -> str:
    """The SASS of a cubin, from nvdisasm (pip nvidia-cuda-nvdisasm 13.2+ reads 13.0 cubins)."""
    tool = find_tool("nvdisasm")
    if tool is None:
        raise ValidationError("nvdisasm was not found: install it with `pip install nvidia-cuda-nvdisasm`")
    with tempfile.TemporaryDirectory(prefix="pantile-nvdisasm-") as tmp:
        path = Path(tmp) / "kernel.cubin"
        path.write_bytes(cubin)
        proc = subprocess.run([tool, "-c", str(path)], capture_output=True, text=True)
        if proc.returncode != 0:
            raise ValidationError(f"nvdisasm could not read the cubin:\n{(proc.stdout + proc.stderr).strip()}")
        return proc.stdout


_INFO = {
    "registers": re.compile(r"Used (\d+) registers"),
    "stack_bytes": re.compile(r"(\d+) bytes stack frame"),
    "spill_stores": re.compile(r"(\d+) bytes spill stores"),
    "spill_loads": re.compile(r"(\d+) bytes spill loads"),
    "shared_bytes": re.compile(r"(\d+) bytes smem"),
}


def parse_ptxas_info(text: str) -> dict[str, int]:
    """Registers, stack, spills and static shared memory from `ptxas -v` output."""
    out = {}
    for key, rx in _INFO.items():
        m = rx.search(text)
        out[key] = int(m.group(1)) if m else 0
    return out


def assemble(ptx: str, arch: str, ptxas: Optional[str] = None) -> tuple[bytes, dict[str, int], str]:
    """(cubin, resource usage, ptxas log) from `ptxas -arch=<arch> -v`; ValidationError when it rejects."""
    tool = ptxas or find_ptxas()
    if tool is None:
        raise ValidationError(f"ptxas was not found: {PTXAS_HINT}")
    with tempfile.TemporaryDirectory(prefix="pantile-ptxas-") as tmp:
        src, out = Path(tmp) / "kernel.ptx", Path(tmp) / "kernel.cubin"
        src.write_text(ptx)
        proc = subprocess.run([tool, f"-arch={arch}", "-v", str(src), "-o", str(out)],
                              capture_output=True, text=True)
        log = proc.stdout + proc.stderr
        if proc.returncode != 0:
            raise ValidationError(f"ptxas -arch={arch} rejected the kernel:\n{log.strip()}")
        return out.read_bytes(), parse_ptxas_info(log), log
