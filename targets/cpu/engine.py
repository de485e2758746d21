"""LLVM for the host: verify, optimise, emit an object, and load objects into a JIT."""
from __future__ import annotations

import threading
from functools import lru_cache

import llvmlite.binding as llvm

_init_lock = threading.Lock()


class LLVMInternalError(RuntimeError):
    """LLVM rejected IR that pantile generated: a compiler bug; the message holds the IR."""


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


def optimise(mod: llvm.ModuleRef, opt_level: int = 3) -> None:
    """Run LLVM's standard pipeline at `opt_level` (loop and SLP vectorisation on)."""
    tm = host_machine()
    pto = llvm.create_pipeline_tuning_options(speed_level=opt_level)
    pto.loop_vectorization = True
    pto.slp_vectorization = True
    pb = llvm.create_pass_builder(tm, pto)
    pm = pb.getModulePassManager()
    pm.run(mod, pb)


def emit_object(text: str, opt_level: int = 3) -> tuple[bytes, str]:
    """(object code, optimised IR text) for LLVM IR text, verified first."""
    mod = parse_and_verify(text)
    mod.triple = llvm.get_process_triple()
    mod.data_layout = str(host_machine().target_data)
    optimise(mod, opt_level)
    return host_machine().emit_object(mod), str(mod)


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
