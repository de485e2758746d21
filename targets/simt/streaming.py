"""Blocks far larger than the threads that hold them: a loop over register chunks, not unrolled registers.

The SIMT lowering gives every register of a block value its own llvmlite value, so a vector add of 2^20
elements on 64 threads is 16384 loads, adds and stores per thread: code size, and the back end's time
(minutes in Intel's `clBuildProgram`), grow with the block. A run of ops that only stream elements
(make_range, splat, constants, elementwise ops, loads and stores, all in one layout, no value of the run
used after it, but by a reduction to scalars that ends it) is lowered instead as a loop whose body handles
CHUNK registers: the low register bits of the layout stay registers, the high ones come from the loop
counter, so code size per thread is bounded and compile time grows linearly with the kernel. Runs are
found in the kernel's body and in the bodies of its loops and branches; a constant, splat or make_range
from before the run (LICM hoists them out of loops) is computed again per chunk. Everything else
(reductions to blocks, scans, dots, layout conversions) keeps the unrolled lowering.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from llvmlite import ir as llir

from pantile.ir import BlockType, Operation
from pantile.ir.ops import ELEMENTWISE, TERMINATOR
from pantile.targets.llvm.control import counted_loop

from .linear_layout import LinearLayout, log2

I32 = llir.IntType(32)
LOOP_REGISTERS = 64     # a run whose values hold more registers per thread than this is looped
CHUNK = 16              # registers per loop iteration: a 16-byte vector access even of i8 elements
_BLOCK_OPS = ("pt.constant", "pt.splat", "pt.make_range", "pt.load", "pt.store",
              "pt.multiple_of", "pt.max_contiguous", "pt.max_constancy")
# Block values a loop may compute again per chunk when they come from before the run (LICM hoists them
# out of the kernel's own loops): they read no block.
_RECOMPUTED = ("pt.constant", "pt.splat", "pt.make_range")


def _has_block(op: Operation) -> bool:
    return any(isinstance(v.type, BlockType) for v in list(op.operands) + list(op.results))


def _has_block_operand(op: Operation) -> bool:
    return any(isinstance(v.type, BlockType) for v in op.operands)


def _streams(op: Operation) -> bool:
    """An op a register-chunk loop can hold: an elementwise block op, or a pure scalar op (run before it)."""
    d = op.opdef
    if op.regions or d is None or d.has(TERMINATOR):
        return False
    if not _has_block(op):
        return d.is_pure
    return op.name in _BLOCK_OPS or d.has(ELEMENTWISE)


@dataclass
class Run:
    """Ops that stream elements, ops[start:end], and how to lower them: as a loop when `layout` is set (with
    `reduce`, the pt.reduce to scalars that ends the run, fed by per-register accumulators)."""

    end: int
    layout: Optional[LinearLayout] = None
    reduce: Optional[Operation] = None
    recomputed: tuple[Operation, ...] = ()    # ops before the run whose block values it reads, per chunk


def looped_run(lw, ops: list[Operation], start: int) -> Run:
    """The run of streaming ops at `start`; looped when it has one layout, more than LOOP_REGISTERS registers,
    and no value used after it but by a pt.reduce to scalars right after it."""
    end = start
    while end < len(ops) and _streams(ops[end]):
        end += 1
    run = ops[start:end]
    layouts = {lw.layout_of(v) for op in run for v in list(op.operands) + list(op.results)
               if isinstance(v.type, BlockType)}
    if len(layouts) != 1:
        return Run(end)
    layout = layouts.pop()
    if layout.num_registers <= LOOP_REGISTERS:
        return Run(end)
    inside = set(run)
    reduce = ops[end] if end < len(ops) and ops[end].name == "pt.reduce" else None
    if reduce is not None and all(getattr(v, "owner", None) in inside and lw.layout_of(v) == layout
                                  for v in reduce.operands) and not any(r.type.shape for r in reduce.results):
        inside.add(reduce)
    else:
        reduce = None
    recomputed: dict[Operation, None] = {}
    for op in run:
        if not _has_block(op):
            continue
        for v in op.operands:
            owner = getattr(v, "owner", None)
            if not isinstance(v.type, BlockType) or owner in inside:
                continue
            if not (isinstance(owner, Operation) and owner.name in _RECOMPUTED and not _has_block_operand(owner)
                    and lw.layout_of(v) == layout):
                return Run(end)
            recomputed[owner] = None
        if any(u.owner not in inside for r in op.results for u in r.uses):
            return Run(end)
    return Run(end + (reduce is not None), layout, reduce, tuple(recomputed))


def lower_looped(lw, ops: list[Operation], run: Run) -> None:
    """The scalar ops of `ops`, then its block ops (after the recomputed ones) in a loop over chunks of CHUNK
    registers; with a reduction, the first chunk before the loop starts one accumulator per register, the
    loop combines each chunk into them, and the reduction combines the accumulators (over CHUNK registers,
    lanes and warps) as usual."""
    layout, reduce = run.layout, run.reduce
    for op in ops:
        if not _has_block(op):
            lw.lower_op(op)
    outside = {r: lw.values[r] for op in run.recomputed for r in op.results}   # kept for their other users
    block_ops = list(run.recomputed) + [op for op in ops if _has_block(op)]
    bits = log2(CHUNK)
    chunk = LinearLayout(layout.register[:bits], layout.lane, layout.warp, layout.shape)
    high = layout.register[bits:]

    def lower_chunk(k: llir.Value) -> None:
        # The coordinates the loop counter's bits add: xor of the high register bases its set bits select.
        offsets = []
        for dim in range(layout.rank):
            acc: llir.Value = I32(0)
            for bit, basis in enumerate(high):
                if basis[dim]:
                    is_set = lw.b.icmp_unsigned("!=", lw.b.and_(k, I32(1 << bit)), I32(0))
                    acc = lw.b.xor(acc, lw.b.select(is_set, I32(basis[dim]), I32(0)))
            offsets.append(acc)
        lw.chunk = (layout, chunk, offsets)
        for op in block_ops:
            lw.lower_op(op)
        lw.chunk = None

    trips = 1 << len(high)
    if reduce is None:
        counted_loop(lw.b, lw.fn, 0, trips, lambda k, _: lower_chunk(k) or [], ity=I32)
        lw.values.update(outside)
        return
    sources, combine = reduce.operands, reduce.regions[0].entry
    lower_chunk(I32(0))
    first = [r for s in sources for r in lw.regs(s)]

    def step(k: llir.Value, carried: list) -> list:
        lower_chunk(k)
        acc = [carried[i * CHUNK:(i + 1) * CHUNK] for i in range(len(sources))]
        new = [lw.regs(s) for s in sources]
        out = [lw.run_region(combine, [a[r] for a in acc] + [x[r] for x in new]) for r in range(CHUNK)]
        return [out[r][i] for i in range(len(sources)) for r in range(CHUNK)]
    final = counted_loop(lw.b, lw.fn, 1, trips, step, first, ity=I32)
    for i, s in enumerate(sources):
        lw.values[s] = final[i * CHUNK:(i + 1) * CHUNK]
    lw.chunk = (layout, chunk, [I32(0)] * layout.rank)
    lw.lower_op(reduce)
    lw.chunk = None
    lw.values.update(outside)
