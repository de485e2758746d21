"""The kernel of a lowered module and its arguments as launchers see them (shared by every target)."""
from __future__ import annotations

from pantile.ir import Module, Operation, PointerType, Value

from .base import ArgSpec

WRITING_OPS = ("pt.store", "pt.atomic_rmw", "pt.atomic_cas", "pt.atomic_store")
# Reads that see other programs' writes while the kernel runs: memory they read is not the kernel's own to cache
ATOMIC_READS = ("pt.atomic_load", "pt.atomic_poll")
TILE_STORES = ("pt.async_tile_store",)        # writes through a tensor map parameter (a tensordesc)


def kernel_function(module: Module) -> Operation:
    """The func.func marked `kernel` (the only function once everything is inlined)."""
    kernels = [f for f in module.functions() if f.attributes.get("kernel")] or module.functions()
    if len(kernels) != 1:
        raise ValueError(f"expected one kernel function, found {len(kernels)}")
    return kernels[0]


def _derived_pointers(op: Operation) -> list[Value]:
    """Pointer values an op passes on: its results and the arguments of its regions (loop-carried values)."""
    found = [r for r in op.results if isinstance(r.type.scalar, PointerType)]
    for region in op.regions:
        for blk in region.blocks:
            found.extend(a for a in blk.args if isinstance(a.type.scalar, PointerType))
    return found


def writes_through(arg: Value) -> bool:
    """True when a store or atomic may write through a pointer derived from `arg` (def-use walk)."""
    return accessed_by(arg, WRITING_OPS)


def accessed_by(arg: Value, ops: tuple[str, ...]) -> bool:
    """True when one of `ops` may access memory through a pointer derived from `arg` (def-use walk)."""
    seen, work = {arg}, [arg]
    while work:
        for use in work.pop().uses:
            if use.owner.name in ops and use.index == 0:
                return True
            for v in _derived_pointers(use.owner):
                if v not in seen:
                    seen.add(v)
                    work.append(v)
    return False


def arg_specs(func: Operation) -> tuple[ArgSpec, ...]:
    """One ArgSpec per kernel argument: its name (`arg_names` attribute, else argN), type and writes (the base
    pointer of a tensor whose tensor map `<name>.tensormap...` a tile store writes through writes too)."""
    args = func.regions[0].entry.args
    names = func.attributes.get("arg_names") or [f"arg{i}" for i in range(len(args))]
    stored = {names[a.index].split(".tensormap")[0] for a in args if accessed_by(a, TILE_STORES)}
    return tuple(ArgSpec(names[i], a.type, isinstance(a.type.scalar, PointerType) and
                         (writes_through(a) or names[i] in stored))
                 for i, a in enumerate(args))
