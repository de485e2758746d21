"""LLVM IR -> SPIR-V (OpenCL kernel flavour) with llvmlite, checked by `spirv-val`.

LLVM ends the whole process on a failed assertion or an `LLVM ERROR` in a back end,
and its SPIR-V back end rejects some IR the LLVM verifier accepts. So the module is
parsed and verified here, and the back end runs in a forked worker: a crash there
becomes an `InternalCompilerError` with LLVM's message and the IR reproducer.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from typing import Optional

import llvmlite.binding as llvm

from pantile.targets.base import ValidationError
from pantile.targets.llvm.isolation import run_isolated
from pantile.targets.reproducer import InternalCompilerError
from pantile.targets.reproducer import internal_error as report

from . import ARCH

TRIPLE = "spirv64-unknown-unknown"
DATA_LAYOUT = ("e-i64:64-v16:16-v24:32-v32:32-v48:64-v96:128-v192:256-v256:256-v512:512-v1024:1024"
               "-n8:16:32:64-G1")
SPIRV_VAL = "spirv-val"
EMIT_TIMEOUT_S = 600
SPIRV_TOOLS_HINT = "install SPIRV-Tools (Debian/Ubuntu: `apt-get install spirv-tools`)"


_initialised: list[bool] = []


def _init_llvm() -> None:
    if not _initialised:
        llvm.initialize_all_targets()
        llvm.initialize_all_asmprinters()
        _initialised.append(True)


def internal_error(stage: str, message: str, llvm_ir: str, spirv: Optional[bytes] = None) -> InternalCompilerError:
    """The intel:spirv internal-error report, with the SPIR-V beside the LLVM IR when there is one."""
    return report(ARCH, stage, message, llvm_ir, {"kernel.spv": spirv} if spirv is not None else None)


def _emit_object(llvm_ir: str, extensions: tuple[str, ...]) -> bytes:
    _init_llvm()
    if extensions:  # a process-wide LLVM option: set in the worker that emits this one module
        llvm.set_option("", "--spirv-ext=" + ",".join("+" + e for e in extensions))
    module = llvm.parse_assembly(llvm_ir)
    machine = llvm.Target.from_triple(TRIPLE).create_target_machine()
    return machine.emit_object(module)


def emit_spirv(llvm_ir: str, extensions: tuple[str, ...] = ()) -> bytes:
    """SPIR-V bytes for an LLVM module in text form, allowed to use the named SPIR-V extensions;
    InternalCompilerError where LLVM rejects it."""
    _init_llvm()
    try:
        module = llvm.parse_assembly(llvm_ir)
        module.verify()
    except RuntimeError as err:
        raise internal_error("LLVM verifier", str(err), llvm_ir) from None
    # A process for each module: SPIR-V extensions are a process-wide LLVM option, and LLVM's SPIR-V back end
    # emitted duplicate ids for a module when other modules had gone through it in the same process.
    spirv, message = run_isolated("the LLVM SPIR-V back end", _emit_object, llvm_ir, extensions,
                                  timeout_s=EMIT_TIMEOUT_S, fresh_process=True)
    if spirv is None:
        raise internal_error("SPIR-V emission", message, llvm_ir)
    return spirv


def spirv_val_path() -> str:
    """The spirv-val executable; ValidationError naming the install command when it is missing."""
    path = shutil.which(SPIRV_VAL)
    if path is None:
        raise ValidationError(f"{SPIRV_VAL} not found on PATH; {SPIRV_TOOLS_HINT}")
    return path


def spirv_val_message(spirv: bytes) -> Optional[str]:
    """spirv-val's complaint about a module, or None when it accepts it."""
    with tempfile.NamedTemporaryFile(suffix=".spv") as f:
        f.write(spirv)
        f.flush()
        done = subprocess.run([spirv_val_path(), f.name], capture_output=True, text=True)
    if done.returncode == 0:
        return None
    return (done.stdout + done.stderr).replace(f.name, "kernel.spv")


def validate_spirv(spirv: bytes, llvm_ir: str) -> None:
    """Run spirv-val; InternalCompilerError with its message and the reproducer when it rejects the module."""
    message = spirv_val_message(spirv)
    if message is not None:
        raise internal_error("spirv-val rejected the module", message, llvm_ir, spirv)


def disassemble(spirv: bytes) -> Optional[str]:
    """spirv-dis text of a module, or None when spirv-dis is not installed."""
    path = shutil.which("spirv-dis")
    if path is None:
        return None
    with tempfile.NamedTemporaryFile(suffix=".spv") as f:
        f.write(spirv)
        f.flush()
        done = subprocess.run([path, f.name], capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else None
