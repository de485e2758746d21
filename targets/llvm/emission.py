"""The emission skeleton every LLVM-based device target shares: verify the module in this process, run the
back end in the isolated worker (targets/llvm/isolation.py), and turn a rejection or a crash into an
InternalCompilerError with LLVM's words and the IR reproducer."""
from __future__ import annotations

from typing import Any, Callable, Mapping, Optional, TypeVar

import llvmlite.binding as llvm

from pantile.targets.reproducer import internal_error

from .isolation import DEFAULT_TIMEOUT_S, run_isolated

T = TypeVar("T")
_ready: list[bool] = []


def init_llvm() -> None:
    """Initialise LLVM's back ends and assembly printers once per process (the worker inherits them)."""
    if not _ready:
        llvm.initialize_all_targets()
        llvm.initialize_all_asmprinters()
        _ready.append(True)


def verify_module(target: str, llvm_ir: str) -> None:
    """Parse and verify `llvm_ir`; InternalCompilerError ('LLVM verifier') for `target` when it is malformed,
    before any back end (which aborts the process on malformed IR) sees it."""
    init_llvm()
    try:
        llvm.parse_assembly(llvm_ir).verify()
    except RuntimeError as err:
        raise internal_error(target, "LLVM verifier", str(err), llvm_ir) from None


def emit_isolated(target: str, back_end: str, stage: str, llvm_ir: str, emit: Callable[..., T], *args: Any,
                  fresh_process: bool = False, timeout_s: float = DEFAULT_TIMEOUT_S,
                  extra_files: Optional[Mapping[str, bytes]] = None) -> T:
    """Verify `llvm_ir`, then `emit(llvm_ir, *args)` (a module-level function) in the worker of `back_end`
    (e.g. 'the LLVM NVPTX back end'); InternalCompilerError naming `stage` with LLVM's message and the
    reproducer when the back end fails. `fresh_process` forks a worker for this module alone (for back ends
    that keep state between modules)."""
    verify_module(target, llvm_ir)
    result, message = run_isolated(back_end, emit, llvm_ir, *args, timeout_s=timeout_s, fresh_process=fresh_process)
    if result is None:
        raise internal_error(target, stage, message, llvm_ir, extra_files)
    return result
