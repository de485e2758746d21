"""LLVM IR -> SPIR-V (OpenCL kernel flavour) with llvmlite, checked by `spirv-val`.

LLVM ends the whole process on a failed assertion or an `LLVM ERROR` in a back end,
and its SPIR-V back end rejects some IR the LLVM verifier accepts. So the module is
parsed and verified here, and the back end runs in a forked child: a crash there
becomes an `InternalCompilerError` with LLVM's message and the IR reproducer.
"""
from __future__ import annotations

import faulthandler
import hashlib
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path
from typing import Callable, Optional

import llvmlite.binding as llvm

from pantile.targets.base import ValidationError

from .icd import cache_root

TRIPLE = "spirv64-unknown-unknown"
DATA_LAYOUT = ("e-i64:64-v16:16-v24:32-v32:32-v48:64-v96:128-v192:256-v256:256-v512:512-v1024:1024"
               "-n8:16:32:64-G1")
SPIRV_VAL = "spirv-val"
EMIT_TIMEOUT_S = 600
SPIRV_TOOLS_HINT = "install SPIRV-Tools (Debian/Ubuntu: `apt-get install spirv-tools`)"


class InternalCompilerError(ValidationError):
    """pantile produced a module LLVM or spirv-val rejects: a compiler bug, reported with a reproducer."""


_initialised: list[bool] = []


def _init_llvm() -> None:
    if not _initialised:
        llvm.initialize_all_targets()
        llvm.initialize_all_asmprinters()
        _initialised.append(True)


def save_reproducer(files: dict[str, bytes]) -> Path:
    """Write the named files into a reproducer folder in pantile's cache and return the folder."""
    digest = hashlib.sha256(b"".join(files.values())).hexdigest()[:16]
    folder = cache_root(os.environ) / "reproducers" / f"intel-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def internal_error(stage: str, message: str, llvm_ir: str, spirv: Optional[bytes] = None) -> InternalCompilerError:
    """The report for a module pantile generated wrongly: what failed, the tool's words, the reproducer."""
    files = {"kernel.ll": llvm_ir.encode()}
    if spirv is not None:
        files["kernel.spv"] = spirv
    folder = save_reproducer(files)
    return InternalCompilerError(
        f"internal compiler error in the intel:spirv target ({stage}); this is a bug in pantile, not in "
        f"your kernel. Please report it with the reproducer in {folder}\n{message.strip()}")


def _emit_object(llvm_ir: str, extensions: tuple[str, ...]) -> bytes:
    _init_llvm()
    if extensions:  # a process-wide LLVM option: set in the child that emits this one module
        llvm.set_option("", "--spirv-ext=" + ",".join("+" + e for e in extensions))
    module = llvm.parse_assembly(llvm_ir)
    machine = llvm.Target.from_triple(TRIPLE).create_target_machine()
    return machine.emit_object(module)


def _read_all(fd: int, deadline: float) -> Optional[bytes]:
    """Everything written to pipe `fd` until it closes, or None once `deadline` (monotonic) passes."""
    chunks = []
    while True:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            return None
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def run_isolated(work: Callable[[], bytes]) -> tuple[Optional[bytes], str]:
    """Run `work` in a forked child: (its bytes, "") or (None, what went wrong and what it printed)."""
    out_r, out_w = os.pipe()
    err_file = tempfile.TemporaryFile()
    with warnings.catch_warnings():
        # Python 3.12+ warns about fork() beside the OpenCL runtime's threads; the child only runs
        # LLVM, whose locks no other thread of ours holds, and leaves through os._exit.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        status = 1
        try:
            os.close(out_r)
            faulthandler.disable()   # LLVM's own message says why it aborted
            os.dup2(err_file.fileno(), 2)
            data = work()
            view = memoryview(data)
            while view:
                view = view[os.write(out_w, view):]
            status = 0
        except BaseException:
            traceback.print_exc()
            sys.stderr.flush()
        finally:
            os._exit(status)
    os.close(out_w)
    data = _read_all(out_r, time.monotonic() + EMIT_TIMEOUT_S)
    os.close(out_r)
    if data is None:   # a child that hangs (a lock held at fork time) must not hang the caller
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    err_file.seek(0)
    message = err_file.read().decode(errors="replace")
    err_file.close()
    if data is None:
        return None, f"the LLVM SPIR-V back end did not finish within {EMIT_TIMEOUT_S} s:\n{message}"
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        return data, ""
    how = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit status {os.WEXITSTATUS(status)}"
    return None, f"the LLVM SPIR-V back end stopped with {how}:\n{message}"


def emit_spirv(llvm_ir: str, extensions: tuple[str, ...] = ()) -> bytes:
    """SPIR-V bytes for an LLVM module in text form, allowed to use the named SPIR-V extensions;
    InternalCompilerError where LLVM rejects it."""
    _init_llvm()
    try:
        module = llvm.parse_assembly(llvm_ir)
        module.verify()
    except RuntimeError as err:
        raise internal_error("LLVM verifier", str(err), llvm_ir) from None
    if not hasattr(os, "fork"):
        return _emit_object(llvm_ir, extensions)
    spirv, message = run_isolated(lambda: _emit_object(llvm_ir, extensions))
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
