"""Tile copies of tensor descriptors made in the kernel (tl.make_tensor_descriptor): each program writes the
tensor map its copies read into global scratch memory the launch provides (pantile.set_allocator).

simt-kernel-tensor-maps runs after simt-tile-copy-arguments, which turned the copied descriptors of kernel
arguments into tensor-map parameters. Each pt.async_tile_copy left reads a descriptor the kernel makes once
per program (passes/tensor_memory.copyable_descriptor); it then reads a `pt.make_tensor_map` instead, one per
descriptor and box (tile_copy.buffer_box: the same box, and so the same swizzle, as a parameter's), placed
after the descriptor's pt.make_tensor_desc. The kernel takes one more argument, SCRATCH (a global ptr<i8>, its
last): program p of the grid (p = x + nx * (y + ny * z)) owns the `maps * TENSOR_MAP_BYTES` bytes at
SCRATCH + p * that, map k the 128 bytes at k * 128; the launch allocates them for the whole grid (artifact
metadata `global_scratch`: bytes per program, alignment, and the user's line that needs them).

The lowering builds a map in shared memory with the first warp (the target's tensor_map_write hook: on Hopper
the tensormap.replace fields, copied to the global slot with a release fence and acquired before use), then
synchronises the program.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Optional

from llvmlite import ir as llir

from pantile.ir import BlockType, Builder, Module, Operation, PointerType, TensorDescType, Value, i8, i32, i64
from pantile.ir.dialect_tensor_map import TENSOR_MAP_BYTES
from pantile.passes.manager import AnalysisManager, Pass, register
from pantile.passes.tensor_memory import copyable_descriptor
from pantile.targets.base import CompileOptions
from pantile.targets.registry import get_target

from .tile_copy import buffer_box

SCRATCH = "scratch.global"
SCRATCH_ALIGN = 128
I32 = llir.IntType(32)


def kernel_made(desc: Value) -> Optional[Operation]:
    """The pt.make_tensor_desc of a descriptor the kernel makes (not a kernel argument's) whose tiles may be
    copied, or None."""
    make = copyable_descriptor(desc)
    return make if make is not None and not make.attributes.get("argument") else None


def _program_scratch(b: Builder, scratch: Value, nbytes: int) -> Value:
    """The first of this program's `nbytes` bytes of `scratch`."""
    def wide(name: str, axis: int) -> Value:
        return b.value("pt.cast", [b.value(name, [], i32, axis=axis)], i64)

    linear = wide("pt.program_id", 2)
    for axis in (1, 0):
        linear = b.value("pt.add", [b.value("pt.mul", [linear, wide("pt.num_programs", axis)], i64),
                                    wide("pt.program_id", axis)], i64)
    offset = b.value("pt.mul", [linear, b.constant(nbytes, i64)], i64)
    return b.value("pt.addptr", [scratch, offset], scratch.type)


@register
@dataclass
class KernelTensorMaps(Pass):
    """Each tile copy of a descriptor made in the kernel reads a tensor map the program writes into its global
    scratch memory (a new last kernel argument)."""

    name: ClassVar[str] = "simt-kernel-tensor-maps"

    target: str = ""
    num_warps: int = 4

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Give every copied in-kernel descriptor its map and every kernel that has one the scratch argument."""
        from .passes import _append_argument           # passes.py runs this pass in its pipeline
        hooks = get_target(self.target).hooks(CompileOptions(num_warps=self.num_warps))
        for func in module.functions():
            copies = [op for op in func.walk() if op.name == "pt.async_tile_copy" and kernel_made(op.operands[0])]
            if not copies:
                continue
            wanted: dict[tuple, list[Operation]] = {}
            for copy in copies:
                make = copy.operands[0].owner
                tile = make.result.type
                box = buffer_box(hooks, copy.operands[1], self.num_warps)
                wanted.setdefault((make, TensorDescType(BlockType(box, tile.block.element), tile.padding)),
                                  []).append(copy)
            scratch = _append_argument(func, SCRATCH, PointerType(i8))
            entry = func.regions[0].entry
            first = min((make for make, _ in wanted), key=entry.ops.index)
            mine = _program_scratch(Builder.before_op(first), scratch, len(wanted) * TENSOR_MAP_BYTES)
            for k, ((make, t), users) in enumerate(wanted.items()):
                b = Builder.before_op(entry.ops[entry.ops.index(make) + 1], make.loc)   # the terminator follows
                slot = b.value("pt.addptr", [mine, b.constant(k * TENSOR_MAP_BYTES, i64)], mine.type) if k else mine
                tensor_map = b.value("pt.make_tensor_map", [slot, *make.operands], t)
                for copy in users:
                    copy.set_operand(0, tensor_map)
            for make, _ in wanted:
                if not make.result.uses:
                    make.erase()


def scratch_metadata(module: Module) -> dict[str, Any]:
    """The artifact metadata of a kernel that takes SCRATCH: {'global_scratch': (bytes per program, alignment,
    'file:line' of the first descriptor that needs it)}; empty for other kernels."""
    maps = [op for op in module.walk() if op.name == "pt.make_tensor_map"]
    if not maps:
        return {}
    loc = maps[0].loc
    return {"global_scratch": (len(maps) * TENSOR_MAP_BYTES, SCRATCH_ALIGN, f"{loc.file}:{loc.line}")}


# lowering ------------------------------------------------------------------------------------------


def _make_tensor_map(lw, op: Operation) -> None:
    """The first warp writes the map into the program's slot through shared staging; then every thread
    synchronises (the staging is scratch others reuse)."""
    slot, base, *parts = op.operands
    t = op.results[0].type
    rank = len(t.block.dims)
    b = lw.b
    staging = lw.use_scratch(TENSOR_MAP_BYTES)
    shape, strides = [lw.values[v] for v in parts[:rank]], [lw.values[v] for v in parts[rank:]]
    with b.if_then(b.icmp_unsigned("==", lw.warp, I32(0))):
        lw.hooks.tensor_map_write(b, staging, lw.values[slot], lw.lane, lw.values[base], shape, strides, t)
    lw.barrier()
    lw.values[op.results[0]] = lw.hooks.tensor_map_address(b, lw.values[slot])


HANDLERS = {"pt.make_tensor_map": _make_tensor_map}

__all__ = ["HANDLERS", "KernelTensorMaps", "SCRATCH", "SCRATCH_ALIGN", "kernel_made", "scratch_metadata"]
