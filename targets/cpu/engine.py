"""LLVM for the host: verify, optimise, emit an object (isolated from LLVM aborts), load objects into a JIT.

The LLVM build has assertions on, and an assertion (we met one in the loop
vectoriser's cost model) ends the whole process. So optimisation and code
generation run in a forked worker (targets/llvm/isolation.py, reused): if it dies,
the parent starts another and retries with a more conservative pipeline, and reports
an internal error with the IR reproducer only when every pipeline fails. The
user's process is never taken down.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

import llvmlite.binding as llvm

from pantile.targets.llvm.isolation import run_isolated

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
def host_machine(opt_level: int = 3, cpu: str = "") -> llvm.TargetMachine:
    """The shared target machine for this CPU, with its features (AVX2, FMA, F16C ...), or for the named LLVM
    `cpu` (a baseline such as x86-64-v3: its features only)."""
    return new_host_machine(opt_level, cpu)


def host_triple() -> tuple[str, str]:
    """This process's LLVM triple and CPU name, e.g. ('x86_64-unknown-linux-gnu', 'znver3')."""
    _initialised()
    return llvm.get_process_triple(), llvm.get_host_cpu_name()


def host_features() -> frozenset[str]:
    """The features this host's CPU has, by LLVM's names ('avx2', 'fma', ...)."""
    _initialised()
    return frozenset(name for name, on in llvm.get_host_cpu_features().items() if on)


def host_description() -> str:
    """The triple, CPU and features object code is generated for (objects are not portable across them)."""
    _initialised()
    return f"{llvm.get_process_triple()} {llvm.get_host_cpu_name()} {llvm.get_host_cpu_features().flatten()}"


def new_host_machine(opt_level: int = 3, cpu: str = "") -> llvm.TargetMachine:
    """A target machine of its own (an execution engine takes ownership of the one it is given): for this host's
    CPU, or for the named LLVM `cpu` with no features beyond its own."""
    _initialised()
    target = llvm.Target.from_triple(llvm.get_process_triple())
    features = "" if cpu else llvm.get_host_cpu_features().flatten()
    return target.create_target_machine(cpu=cpu or llvm.get_host_cpu_name(), features=features, opt=opt_level,
                                        reloc="pic", codemodel="jitdefault")


def parse_and_verify(text: str) -> llvm.ModuleRef:
    """Parse LLVM IR text and run the verifier; any failure raises LLVMInternalError with the IR."""
    _initialised()
    try:
        mod = llvm.parse_assembly(text)
        mod.verify()
    except RuntimeError as err:
        raise LLVMInternalError(f"internal error: LLVM rejected the generated IR: {err}\n--- reproducer ---\n{text}") from None
    return mod


def optimise(mod: llvm.ModuleRef, opt_level: int = 3, pipeline: Pipeline = Pipeline(), cpu: str = "") -> None:
    """Run LLVM's standard pipeline at `opt_level` with the loop settings of `pipeline`, for the host's CPU or
    the named LLVM `cpu`."""
    pto = llvm.create_pipeline_tuning_options(speed_level=opt_level)
    pto.loop_vectorization = pipeline.vectorize
    pto.slp_vectorization = pipeline.vectorize
    pto.loop_interleaving = pipeline.vectorize
    pto.loop_unrolling = pipeline.unroll
    pb = llvm.create_pass_builder(host_machine(cpu=cpu), pto)
    pb.getModulePassManager().run(mod, pb)


def _compile(text: str, opt_level: int, pipeline: Pipeline, cpu: str = "") -> tuple[bytes, str]:
    mod = parse_and_verify(text)
    machine = host_machine(cpu=cpu)
    mod.triple = llvm.get_process_triple()
    mod.data_layout = str(machine.target_data)
    optimise(mod, opt_level, pipeline, cpu)
    return machine.emit_object(mod), str(mod)


def _compile_reporting(text: str, opt_level: int, pipeline: Pipeline, cpu: str) -> tuple[bool, object]:
    """`_compile` in the worker, an error returned as text: only a crash means "try a safer pipeline"."""
    try:
        return True, _compile(text, opt_level, pipeline, cpu)
    except Exception as err:  # noqa: BLE001  (sent to the parent, which raises)
        return False, f"{type(err).__name__}: {err}"


def emit_object(text: str, opt_level: int = 3, isolated: bool = True, cpu: str = "") -> tuple[bytes, str]:
    """(object code, optimised IR text) for LLVM IR text, for this host's CPU or the named LLVM `cpu`, verified
    first and, when `isolated`, compiled where an LLVM abort cannot end this process."""
    parse_and_verify(text)
    if not isolated:
        return _compile(text, opt_level, PIPELINES[0], cpu)
    failures = []
    for pipeline in PIPELINES:
        reply, message = run_isolated("LLVM for the host", _compile_reporting, text, opt_level, pipeline, cpu)
        if reply is None:
            failures.append(f"{pipeline}: {message}")
            continue
        ok, result = reply
        if not ok:
            raise LLVMInternalError(f"internal error: {result}\n--- reproducer ---\n{text}")
        return result
    raise LLVMInternalError("internal error: LLVM crashed compiling the generated IR with every pipeline:\n"
                            + "\n".join(failures) + f"\n--- reproducer ---\n{text}")


class LoadedObject:
    """An object file loaded into a JIT engine: function addresses by name."""

    def __init__(self, obj: bytes) -> None:
        _initialised()
        self._engine = llvm.create_mcjit_compiler(llvm.parse_assembly(""), new_host_machine())
        self._engine.add_object_file(llvm.ObjectFileRef.from_data(obj))
        self._engine.finalize_object()

    def address(self, name: str) -> int:
        """The address of function `name`."""
        addr = self._engine.get_function_address(name)
        if not addr:
            raise LLVMInternalError(f"internal error: function {name} missing from the compiled object")
        return addr
