"""LLVM for the host: verify, optimise, emit an object (isolated from LLVM aborts), load objects into a JIT.

The LLVM build has assertions on, and an assertion (we met one in the loop
vectoriser's cost model) ends the whole process. So optimisation and code
generation run in a forked child: if it dies, the parent retries with a more
conservative pipeline, and reports an internal error with the IR reproducer
only when every pipeline fails. The user's process is never taken down.
"""
from __future__ import annotations

import os
import pickle
import signal
import threading
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import llvmlite.binding as llvm

_init_lock = threading.Lock()


class LLVMInternalError(RuntimeError):
    """LLVM rejected or crashed on IR that pantile generated: a compiler bug; the message holds the IR."""


@dataclass(frozen=True)
class Pipeline:
    """How hard LLVM optimises: loop unrolling costs 3-5x compile time; the vectoriser can be switched off."""

    unroll: bool = False
    vectorize: bool = True


# Tried in order until one compiles: fast and vectorised; LLVM's default O3; no vectoriser.
PIPELINES = (Pipeline(), Pipeline(unroll=True), Pipeline(vectorize=False))


@lru_cache(maxsize=None)
def _initialised() -> bool:
    with _init_lock:
        llvm.initialize_native_target()
        llvm.initialize_native_asmprinter()
    return True


@lru_cache(maxsize=None)
def host_machine(opt_level: int = 3) -> llvm.TargetMachine:
    """A target machine for this CPU, with its features (AVX2, FMA, F16C ...)."""
    _initialised()
    target = llvm.Target.from_triple(llvm.get_process_triple())
    return target.create_target_machine(cpu=llvm.get_host_cpu_name(), features=llvm.get_host_cpu_features().flatten(),
                                        opt=opt_level, reloc="pic", codemodel="jitdefault")


def parse_and_verify(text: str) -> llvm.ModuleRef:
    """Parse LLVM IR text and run the verifier; any failure raises LLVMInternalError with the IR."""
    _initialised()
    try:
        mod = llvm.parse_assembly(text)
        mod.verify()
    except RuntimeError as err:
        raise LLVMInternalError(f"internal error: LLVM rejected the generated IR: {err}\n--- reproducer ---\n{text}") from None
    return mod


def optimise(mod: llvm.ModuleRef, opt_level: int = 3, pipeline: Pipeline = Pipeline()) -> None:
    """Run LLVM's standard pipeline at `opt_level` with the loop settings of `pipeline`."""
    pto = llvm.create_pipeline_tuning_options(speed_level=opt_level)
    pto.loop_vectorization = pipeline.vectorize
    pto.slp_vectorization = pipeline.vectorize
    pto.loop_interleaving = pipeline.vectorize
    pto.loop_unrolling = pipeline.unroll
    pb = llvm.create_pass_builder(host_machine(), pto)
    pb.getModulePassManager().run(mod, pb)


def _compile(text: str, opt_level: int, pipeline: Pipeline) -> tuple[bytes, str]:
    mod = parse_and_verify(text)
    mod.triple = llvm.get_process_triple()
    mod.data_layout = str(host_machine().target_data)
    optimise(mod, opt_level, pipeline)
    return host_machine().emit_object(mod), str(mod)


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks)


def run_isolated(fn: Callable[[], object]) -> tuple[bool, object, str]:
    """(ok, result, stderr) of fn() run in a forked child; ok is False when the child crashed."""
    if not hasattr(os, "fork"):
        return True, fn(), ""
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with idle pool threads is fine here
        pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.close(out_r)
            os.close(err_r)
            os.dup2(err_w, 2)
            try:
                payload = pickle.dumps((True, fn()))
            except BaseException as err:  # noqa: BLE001  (reported to the parent, which raises)
                payload, code = pickle.dumps((False, f"{type(err).__name__}: {err}")), 1
            view = memoryview(payload)
            while view:
                view = view[os.write(out_w, view):]
        finally:
            os._exit(code)
    os.close(out_w)
    os.close(err_w)
    data = _read_all(out_r)
    stderr = _read_all(err_r).decode("utf-8", "replace")
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status) or not data:
        sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
        name = signal.Signals(sig).name if sig else f"exit status {os.WEXITSTATUS(status)}"
        return False, None, f"LLVM died ({name}): {stderr.strip()}"
    ok, result = pickle.loads(data)
    if not ok:
        raise LLVMInternalError(f"internal error: {result}")
    return True, result, stderr


def emit_object(text: str, opt_level: int = 3) -> tuple[bytes, str]:
    """(object code, optimised IR text) for LLVM IR text, verified first, compiled where an LLVM abort
    cannot end this process."""
    parse_and_verify(text)
    failures = []
    for pipeline in PIPELINES:
        ok, result, stderr = run_isolated(lambda: _compile(text, opt_level, pipeline))
        if ok:
            return result
        failures.append(f"{pipeline}: {stderr}")
    raise LLVMInternalError("internal error: LLVM crashed compiling the generated IR with every pipeline:\n"
                            + "\n".join(failures) + f"\n--- reproducer ---\n{text}")


class LoadedObject:
    """An object file loaded into a JIT engine: function addresses by name."""

    def __init__(self, obj: bytes) -> None:
        _initialised()
        self._engine = llvm.create_mcjit_compiler(llvm.parse_assembly(""), host_machine())
        self._engine.add_object_file(llvm.ObjectFileRef.from_data(obj))
        self._engine.finalize_object()

    def address(self, name: str) -> int:
        """The address of function `name`."""
        addr = self._engine.get_function_address(name)
        if not addr:
            raise LLVMInternalError(f"internal error: function {name} missing from the compiled object")
        return addr
