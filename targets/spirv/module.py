"""LLVM IR -> SPIR-V with llvmlite, checked by `spirv-val`, for any SPIR-V flavour (its triple and target env).

LLVM ends the whole process on a failed assertion or an `LLVM ERROR` in a back end, and its SPIR-V back end
rejects some IR the LLVM verifier accepts. So the module is verified here and the back end runs in a forked
worker (targets/llvm/emission.py): a crash there becomes an InternalCompilerError with LLVM's message and the
IR reproducer.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from typing import Optional

import llvmlite.binding as llvm

from pantile.targets.base import ValidationError
from pantile.targets.llvm.emission import emit_isolated, init_llvm
from pantile.targets.reproducer import InternalCompilerError, internal_error

# The OpenCL (Kernel) flavour: physical 64-bit addressing, buffers in addrspace(1), local memory in 3.
OPENCL_TRIPLE = "spirv64-unknown-unknown"
OPENCL_DATA_LAYOUT = ("e-i64:64-v16:16-v24:32-v32:32-v48:64-v96:128-v192:256-v256:256-v512:512-v1024:1024"
                      "-n8:16:32:64-G1")
SPIRV_VAL = "spirv-val"
EMIT_TIMEOUT_S = 600
SPIRV_TOOLS_HINT = "install SPIRV-Tools (Debian/Ubuntu: `apt-get install spirv-tools`)"


def spirv_internal_error(target: str, stage: str, message: str, llvm_ir: str,
                         spirv: Optional[bytes] = None) -> InternalCompilerError:
    """The internal-error report of SPIR-V target `target`, with the SPIR-V beside the LLVM IR when there is one."""
    return internal_error(target, stage, message, llvm_ir, {"kernel.spv": spirv} if spirv is not None else None)


def _emit_object(llvm_ir: str, triple: str, extensions: tuple[str, ...], options: tuple[str, ...]) -> bytes:
    init_llvm()
    # process-wide LLVM options: set in the worker that emits this one module
    for option in options + (("--spirv-ext=" + ",".join("+" + e for e in extensions),) if extensions else ()):
        llvm.set_option("", option)
    module = llvm.parse_assembly(llvm_ir)
    machine = llvm.Target.from_triple(triple).create_target_machine()
    return machine.emit_object(module)


def emit_spirv(target: str, llvm_ir: str, triple: str = OPENCL_TRIPLE, extensions: tuple[str, ...] = (),
               options: tuple[str, ...] = ()) -> bytes:
    """SPIR-V bytes of an LLVM module in text form for `target` (its arch, as errors name it), allowed to use
    the named SPIR-V extensions, with LLVM command-line `options` for its code generation; InternalCompilerError
    where LLVM rejects it."""
    # A process for each module: SPIR-V extensions and options are process-wide in LLVM, and LLVM's SPIR-V back
    # end emitted duplicate ids for a module when other modules had gone through it in the same process.
    return emit_isolated(target, "the LLVM SPIR-V back end", "SPIR-V emission", llvm_ir, _emit_object, triple,
                         extensions, options, fresh_process=True, timeout_s=EMIT_TIMEOUT_S)


def spirv_val_path() -> str:
    """The spirv-val executable; ValidationError naming the install command when it is missing."""
    path = shutil.which(SPIRV_VAL)
    if path is None:
        raise ValidationError(f"{SPIRV_VAL} not found on PATH; {SPIRV_TOOLS_HINT}")
    return path


def spirv_val_message(spirv: bytes, target_env: Optional[str] = None) -> Optional[str]:
    """spirv-val's complaint about a module (for `target_env`, e.g. 'vulkan1.3', else its default), or None
    when it accepts it."""
    with tempfile.NamedTemporaryFile(suffix=".spv") as f:
        f.write(spirv)
        f.flush()
        env = ["--target-env", target_env] if target_env else []
        done = subprocess.run([spirv_val_path(), *env, f.name], capture_output=True, text=True)
    if done.returncode == 0:
        return None
    return (done.stdout + done.stderr).replace(f.name, "kernel.spv")


def validate_spirv(target: str, spirv: bytes, llvm_ir: str, target_env: Optional[str] = None) -> None:
    """Run spirv-val; InternalCompilerError with its message and the reproducer when it rejects the module."""
    message = spirv_val_message(spirv, target_env)
    if message is not None:
        raise spirv_internal_error(target, "spirv-val rejected the module", message, llvm_ir, spirv)


def tool_text(tool: str, options: list[str], spirv: bytes) -> Optional[str]:
    """What a SPIR-V tool (spirv-dis, spirv-cross) prints for the module, or None when it is not installed
    or fails."""
    path = shutil.which(tool)
    if path is None:
        return None
    with tempfile.NamedTemporaryFile(suffix=".spv") as f:
        f.write(spirv)
        f.flush()
        done = subprocess.run([path, *options, f.name], capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else None


def disassemble(spirv: bytes) -> Optional[str]:
    """spirv-dis text of a module, or None when spirv-dis is not installed."""
    return tool_text("spirv-dis", [], spirv)
