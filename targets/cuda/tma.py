"""Hopper's tensor memory accelerator (sm_90a) and the mbarriers its copies complete on, as PTX.

A copy is `cp.async.bulk.tensor.2d.shared::cluster.global.mbarrier::complete_tx::bytes`: one box of the
CUtensorMap kernel parameter (a 128-byte `.param`, read through its generic address: the parameter is
declared `grid_constant`, so LLVM takes its address with cvta.param instead of copying it to local memory)
into shared memory, its bytes counted on an mbarrier. One thread arrives on the barrier with
`mbarrier.arrive.expect_tx` for the tile's bytes before starting its boxes; the barrier's phase completes
once that arrival and the bytes are in, and every thread waits for it with `mbarrier.try_wait.parity`.

A store is `cp.async.bulk.tensor.2d.global.shared::cta.bulk_group`: one box from shared memory into the tensor,
what lies outside it dropped in whole 16-byte chunks only (so past a row whose length is no multiple of 16 bytes
it writes up to the next multiple: a view's padding columns). The threads that wrote the box make their writes
visible to the async proxy with `fence.proxy.async.shared::cta` before the barrier after which one thread starts
the copies; that thread closes them into a bulk group and waits with `cp.async.bulk.wait_group.read 0` until they
have read the shared memory, which may then be reused (the writes to global memory complete by the kernel's end).
"""
from __future__ import annotations

from typing import Optional, Sequence

from llvmlite import ir as llir

from .tensor_map import DATA_TYPES

I32, I64 = llir.IntType(32), llir.IntType(64)
TENSOR_MAP = llir.PointerType(llir.ArrayType(llir.IntType(8), 128))   # byval pointer to the 128-byte CUtensorMap
TENSOR_MAP_ALIGN = 64
MAX_BOX = 256          # elements per box dimension
ALIGNMENT = 16         # bytes: of the tensor's base, its row stride, a copy's first column and a stored row


def _asm(b: llir.IRBuilder, text: str, constraints: str, args: Sequence[llir.Value]) -> None:
    """Inline PTX with a side effect (LLVM sees no memory access in it, so it keeps it in place)."""
    b.asm(llir.FunctionType(llir.VoidType(), [a.type for a in args]), text, constraints, list(args), True)


def _shared(b: llir.IRBuilder, ptr: llir.Value) -> llir.Value:
    """A shared-memory pointer as the 32-bit address PTX's .shared instructions take."""
    return b.ptrtoint(ptr, I32)


def addressable(element: str, base_bytes: int, stride_bytes: int, column_bytes: int,
                row_bytes: Optional[int]) -> bool:
    """TMA copies a tile of a tensor of a tensor-map data type (`element`, an IR type name) whose base and row
    stride are multiples of 16 bytes, starting a multiple of 16 bytes into a row (elsewhere the copy is an
    illegal instruction); a stored tile also needs rows a multiple of 16 bytes long (`row_bytes`; None for a
    load), as the store drops what lies past the tensor only in whole 16-byte chunks."""
    return element in DATA_TYPES and all(x % ALIGNMENT == 0 for x in (base_bytes, stride_bytes, column_bytes)) \
        and (row_bytes is None or row_bytes % ALIGNMENT == 0)


def barrier_init(b: llir.IRBuilder, barrier: llir.Value, arrivals: int) -> None:
    """mbarrier.init with `arrivals` expected arrivals per phase."""
    _asm(b, f"mbarrier.init.shared::cta.b64 [$0], {arrivals};", "r", [_shared(b, barrier)])


def barriers_initialised(b: llir.IRBuilder) -> None:
    """fence.mbarrier_init: the initialisations are visible to the async proxy (TMA's completions)."""
    _asm(b, "fence.mbarrier_init.release.cluster;", "", [])


def expect(b: llir.IRBuilder, barrier: llir.Value, nbytes: int) -> None:
    """mbarrier.arrive.expect_tx: arrive, the phase then waiting for `nbytes` more."""
    _asm(b, f"mbarrier.arrive.expect_tx.shared::cta.b64 _, [$0], {nbytes};", "r", [_shared(b, barrier)])


def copy(b: llir.IRBuilder, tensor_map: llir.Value, dst: llir.Value, coords: Sequence[llir.Value],
         barrier: llir.Value) -> None:
    """cp.async.bulk.tensor of the box at `coords` (innermost first), completing on `barrier`."""
    n = len(coords)
    places = ", ".join(f"${i + 2}" for i in range(n))
    _asm(b, f"cp.async.bulk.tensor.{n}d.shared::cluster.global.mbarrier::complete_tx::bytes [$0], [$1, {{{places}}}], "
            f"[${n + 2}];", ",".join(["r", "l"] + ["r"] * n + ["r"]),
         [_shared(b, dst), b.ptrtoint(tensor_map, I64), *coords, _shared(b, barrier)])


def wait(b: llir.IRBuilder, barrier: llir.Value, phase: llir.Value) -> None:
    """Spin on mbarrier.try_wait.parity until the phase of parity `phase` has completed (the labels are
    scoped to the braces, so the loop may be emitted more than once)."""
    _asm(b, "{\n\t.reg .pred done;\n\twaiting:\n\tmbarrier.try_wait.parity.shared::cta.b64 done, [$0], $1;\n\t"
            "@!done bra waiting;\n\t}", "r,r", [_shared(b, barrier), phase])


def release(b: llir.IRBuilder, barrier: llir.Value) -> None:
    """mbarrier.inval: the word may be reused as ordinary shared memory."""
    _asm(b, "mbarrier.inval.shared::cta.b64 [$0];", "r", [_shared(b, barrier)])


def shared_written(b: llir.IRBuilder) -> None:
    """fence.proxy.async.shared::cta: this thread's writes to shared memory are visible to TMA's reads."""
    _asm(b, "fence.proxy.async.shared::cta;", "", [])


def store(b: llir.IRBuilder, tensor_map: llir.Value, src: llir.Value, coords: Sequence[llir.Value]) -> None:
    """cp.async.bulk.tensor of the box at shared `src` into the tensor at `coords` (innermost first), in this
    thread's current bulk group."""
    n = len(coords)
    places = ", ".join(f"${i + 1}" for i in range(n))
    _asm(b, f"cp.async.bulk.tensor.{n}d.global.shared::cta.bulk_group [$0, {{{places}}}], [${n + 1}];",
         ",".join(["l"] + ["r"] * n + ["r"]), [b.ptrtoint(tensor_map, I64), *coords, _shared(b, src)])


def stores_read(b: llir.IRBuilder) -> None:
    """Close this thread's bulk group and wait until every group has read its shared memory."""
    _asm(b, "cp.async.bulk.commit_group;\n\tcp.async.bulk.wait_group.read 0;", "", [])


def declare_tensor_maps(module: llir.Module, fn: llir.Function) -> None:
    """Make the TENSOR_MAP parameters of kernel `fn` 128-byte CUtensorMaps passed by value and kept in the
    parameter space (byval, 64-byte aligned, grid_constant)."""
    indices = [i for i, arg in enumerate(fn.args) if arg.type == TENSOR_MAP]
    if not indices:
        return
    for i in indices:
        fn.args[i].add_attribute("byval")
        fn.args[i].attributes.align = TENSOR_MAP_ALIGN
    annotations = module.add_named_metadata("nvvm.annotations")
    annotations.add(module.add_metadata([fn, "grid_constant", module.add_metadata([I32(i + 1) for i in indices])]))
