"""wgmma for a chain of dots (attention's QKᵀ then P·V) on sm_90a: A from registers, B K-major.

In a chain every warpgroup takes whole rows of the result (warpgroups along M
only), so the accumulators of one dot, converted to f16 or bf16, are in each
thread the register A fragments of the next dot's wgmma (`wgmma ... {a0, a1,
a2, a3}, descB`). That needs no new layout: the warpgroups' accumulator
layout is then mma.sync's chained one (warps 16 rows apart, registers
repeating along N, then along M), and wgmma's register A fragment of
m64nNk16 is, warp by warp, mma.sync's m16n8k16 A fragment, so
`mma.a_from_registers` finds it. B may sit K-major (Kᵀ copied as it lies in
global memory, its columns contiguous: `shared_layout.Transposed`); wgmma
reads it without imm-trans-b through the K-major descriptor A uses.

A dot whose result only goes to its loop's next iteration (attention's P·V
accumulator) is left running: the next iteration's first dot, which waits for
every group of the warpgroup, passes the carried registers through its wait,
so nothing reads them before (`deferred`), and the loop's result is waited
for after the loop. Its B must come from a pipelined buffer, whose extra slot
(`matrix_slots_in_use`) keeps the next copies off the slot it still reads.
"""
from __future__ import annotations

from typing import Optional

from llvmlite import ir as llir

from pantile.ir import Operation
from pantile.targets.llvm.types import external
from pantile.targets.simt.dot import chained
from pantile.targets.simt.linear_layout import LinearLayout
from pantile.targets.simt.shared_layout import Swizzled, Transposed
from pantile.targets.simt.values import pack

from . import mma
from .wgmma import (K_INSTR, Descriptor, Tiling, dot_tiling, fence, instruction_registers, operand_descriptor,
                    operand_placement as placement_of, swizzle_bytes, tiling, wait_for)

I32, I64, F32 = llir.IntType(32), llir.IntType(64), llir.FloatType()
# registers of a thread (of 255) that a dot left running into the next iteration may keep live with that
# iteration's first dot: attention at 128x64 on 8 warps, D = 128, keeps 112 and spills nothing; on 4 warps 224,
# and spilled 344 bytes instead of 184 when left running
OVERLAP_REGISTERS = 192


def chain_tiling(m: int, n: int, k: int, num_warps: int) -> Optional[Tiling]:
    """The wgmma tiling of one dot of a chain, or None where wgmma does not cover it or would split N
    between warpgroups (a warpgroup would then hold only part of the rows the next dot needs)."""
    t = tiling(m, n, k, num_warps)
    return t if t is not None and t.groups_n == 1 else None


def operand_placement(operand: int, t: Tiling, elem_bytes: int, contiguous_dim: int = 1) -> Swizzled | Transposed:
    """Where operand `operand` of a chained dot sits in shared memory: as `wgmma.operand_placement` puts it,
    except a B stored column by column (`contiguous_dim` 0), which is K-major: [n, k] row-major in the
    widest swizzle its k fills."""
    if operand == 1 and contiguous_dim == 0:
        return Transposed(Swizzled.mode((t.n, t.k), elem_bytes, swizzle_bytes(t.k, elem_bytes)))
    return placement_of(operand, t, elem_bytes)


def descriptor_fields(operand: int, offsets) -> Descriptor:
    """The descriptor fields of operand `operand` placed by `operand_placement`: a transposed B is K-major,
    as A is (both [rows, k] with k contiguous)."""
    if isinstance(offsets, Transposed):
        return operand_descriptor(0, offsets.stored)
    return operand_descriptor(operand, offsets)


def _descriptor_base(lw, tile, fields: Descriptor, origins: Optional[LinearLayout]) -> llir.Value:
    """The i64 descriptor of this warpgroup's first instruction on `tile` (origins: where each warpgroup's
    rows start, None when every warpgroup starts at the tile's origin)."""
    b = lw.b
    addr = b.ptrtoint(tile.base, I32)
    if origins is not None:     # the same in every lane of a warp: lane 0's, so that ptxas knows it is uniform
        start = lw.hooks.shuffle_idx(lw.pro, lw.hw_xor(origins, tile.offsets), I32(0))
        addr = b.add(addr, b.mul(start, I32(_elem_bytes(tile.offsets))))
    return b.or_(b.zext(b.lshr(addr, I32(4)), I64), I64(fields.high_bits()))


def _elem_bytes(offsets) -> int:
    return (offsets.stored if isinstance(offsets, Transposed) else offsets).elem_bytes


def _group_rows(acc: LinearLayout, shape: tuple[int, int]) -> Optional[LinearLayout]:
    """Where each warpgroup's rows of A start, as a layout whose lanes and warps within a group add nothing;
    None for one warpgroup."""
    if len(acc.warp) <= 2:
        return None
    return LinearLayout((), ((0, 0),) * len(acc.lane), ((0, 0), (0, 0)) + tuple((v[0], 0) for v in acc.warp[2:]),
                        shape)


def _a_registers(lw, op: Operation, values: list) -> list:
    """A's f16/bf16 halves packed in pairs into b32 registers, in mma.a_fragment_layout's order."""
    a, b_ = op.operands[:2]
    halves = mma.a_from_registers(lw.layout_of(a), b_.type.shape[1], lw.num_warps, True)
    return [lw.b.bitcast(pack(lw.b, [values[halves[i]], values[halves[i + 1]]]), I32)
            for i in range(0, len(halves), 2)]


def lower_chained_dot(lw, op: Operation, a_tile, b_tile) -> None:
    """acc += a @ b with one wgmma.m64nNk16 per warpgroup, instruction and 16-wide k step: A from the
    registers it is in (a list of them) or from shared memory, B from shared memory (simt.dot.SharedTile),
    between a fence and a commit; then the warpgroup waits for them (the next dot of the chain reads the
    result, or reads registers this one still reads)."""
    a, b_, c = op.operands
    res = op.results[0]
    (m, k), n = a.type.shape, b_.type.shape[1]
    t = chain_tiling(m, n, k, lw.num_warps)
    lc = lw.layout_of(res)
    kind = "bf16" if a.type.scalar.name == "bf16" else "f16"
    bld = lw.b
    acc = list(lw.regs(c))
    half = t.n_instr // 2
    in_registers = isinstance(a_tile, list)
    trans_b = 0 if isinstance(b_tile.offsets, Transposed) else 1
    b_base = _descriptor_base(lw, b_tile, descriptor_fields(1, b_tile.offsets), None)
    b_bytes = _elem_bytes(b_tile.offsets)
    if in_registers:
        a_regs = _a_registers(lw, op, a_tile)
    else:
        a_base = _descriptor_base(lw, a_tile, descriptor_fields(0, a_tile.offsets), _group_rows(lc, a_tile.shape))
    a_count = 4 if in_registers else 1
    a_text = "{" + ", ".join(f"${half + i}" for i in range(4)) + "}" if in_registers else f"${half}"
    # the register form has no imm-trans-a
    flags = f"1, 1, 1, {trans_b}" if in_registers else f"1, 1, 1, 0, {trans_b}"
    asm = (f"wgmma.mma_async.sync.aligned.m64n{t.n_instr}k16.f32.{kind}.{kind} "
           f"{{{', '.join(f'${i}' for i in range(half))}}}, {a_text}, ${half + a_count}, {flags};")
    a_types = [I32] * 4 if in_registers else [I64]
    ftype = llir.FunctionType(llir.LiteralStructType([F32] * half), a_types + [I64] + [F32] * half)
    constraints = ",".join(["=f"] * half + ["r" if in_registers else "l"] * a_count + ["l"]
                           + [str(i) for i in range(half)])
    fence(bld)
    for k0 in range(0, k, K_INSTR):
        for mi in range(t.repeats_m):
            m0 = t.instruction_origin(mi, 0)[0]
            if in_registers:
                a_in = a_regs[4 * (k0 // K_INSTR + mi * (k // K_INSTR)):][:4]
            else:
                a_in = [bld.add(a_base, I64(a_tile.offsets((m0, k0)) * _elem_bytes(a_tile.offsets) >> 4))]
            for ni in range(t.repeats_n):
                n0 = t.instruction_origin(0, ni)[1]
                b_desc = bld.add(b_base, I64(b_tile.offsets((k0, n0)) * b_bytes >> 4))
                regs = instruction_registers(t, lc, mi, ni)
                # a side effect keeps it after the barrier that publishes its operands (LLVM sees no memory access)
                out = bld.asm(ftype, asm, constraints, a_in + [b_desc] + [acc[r] for r in regs], True)
                for i, r in enumerate(regs):
                    acc[r] = bld.extract_value(out, i)
    bld.call(external(bld, "llvm.nvvm.wgmma.commit_group.sync.aligned", llir.VoidType(), []), [])
    index = deferred(op, lw.num_warps)
    if index is not None and (in_registers or _from_buffer(op.operands[0])):
        lw.matrix_in_flight.add(op.parent.parent_op.results[index])
        lw.values[res] = acc
        return
    waiting = [op.parent.args[1 + i] for d in _dots(op.parent) if d is not op
               for i in [deferred(d, lw.num_warps)] if i is not None and _first_dot(op.parent) is op]
    done = iter(wait_for(bld, acc + [r for v in waiting for r in lw.regs(v)]))
    lw.values[res] = [next(done) for _ in acc]
    for v in waiting:            # the previous iteration's running dot is done: its reads come after the wait
        lw.values[v] = [next(done) for _ in lw.regs(v)]


def _dots(block) -> list[Operation]:
    return [o for o in block.ops if o.name == "pt.dot"]


def _first_dot(block) -> Optional[Operation]:
    dots = _dots(block)
    return dots[0] if dots else None


def _from_buffer(v) -> bool:
    return isinstance(v.owner, Operation) and v.owner.name == "pt.local_load"


def _on_chain_wgmma(op: Operation, num_warps: int) -> bool:
    """True when pt.dot `op` is lowered here (a chained f16/bf16 dot that `chain_tiling` covers)."""
    a, b, acc = (v.type for v in op.operands)
    t = dot_tiling(a, b, acc, num_warps)
    return chained(op) and t is not None and t.groups_n == 1


def _overlap_registers(op: Operation, first: Operation) -> int:
    """The 32-bit registers a thread holds while `op` runs on into the next iteration's first dot: its
    accumulators and its A fragments (16-bit halves in pairs), and the first dot's accumulators."""
    def count(v) -> int:
        return v.type.layout.to_linear(v.type.shape).num_registers
    return count(op.results[0]) + count(op.operands[0]) // 2 + count(first.results[0])


def deferred(op: Operation, num_warps: int) -> Optional[int]:
    """The index among its loop's carried values of the result of chained wgmma dot `op`, when its wait is left
    to the next iteration: the result only goes to the next iteration, B comes from a pipelined buffer, and the
    body's first dot is another chained wgmma dot, which waits, before every read of the carried value, and the
    registers the overlap keeps live fit in OVERLAP_REGISTERS; else None."""
    block = op.parent
    loop = block.parent_op if block is not None else None
    res = op.results[0]
    if loop is None or loop.name != "scf.for" or res.users != [block.terminator] or not _from_buffer(op.operands[1]):
        return None
    first = _first_dot(block)
    if first is op or not _on_chain_wgmma(first, num_warps) or first.results[0].users == [block.terminator]:
        return None
    if _overlap_registers(op, first) > OVERLAP_REGISTERS:
        return None
    index = block.terminator.operands.index(res)
    order = {o: i for i, o in enumerate(block.ops)}
    for user in block.args[1 + index].users:
        while user.parent is not block:
            user = user.parent_op
        if order[user] <= order[first]:
            return None
    return index
