"""pt.dot: operands in shared memory, for the target's matrix instructions or the FMA units.

Where the target has a matrix instruction for the dot (`hooks.dot_layouts`),
its operands are handed to it as `SharedTile`s: either already in shared
memory (a `pt.local_load` of a pipelined buffer) or written there now from
registers, placed as the target's `operand_swizzle` asks. Otherwise the FMA
path below runs.

A and B are written row-major to the scratch buffer from whatever layouts they
have; then, for each k, every thread reads the A elements of the rows and the
B elements of the columns its accumulators cover (16-byte vectors where the
layout allows) and does one FMA per accumulator. Only the accumulators and one
k-slice of rows and columns are live, so large tiles do not spill. Operands are
converted to the accumulator's type as they are read (f16, bf16 and fp8 inputs
accumulate in f32, int8 in i32, as Triton's FMA path does).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from llvmlite import ir as llir

from pantile.ir import Operation, Value
from pantile.ir.ops import ELEMENTWISE
from pantile.targets.llvm import cast, lower_elementwise

from .dialect import CONVERT_LAYOUT
from .exchange import store_to_shared
from .linear_layout import Basis, LinearLayout
from .shared_layout import Projected, Swizzled
from .values import from_memory, memory_form, nbytes, unpack, xor_offset

I32 = llir.IntType(32)


def _runs(values: list[tuple[int, ...]], limit: int, hw_ok) -> dict[tuple[int, ...], int]:
    """Distinct coordinates -> vector width of the aligned run along their last entry starting there (1 when
    not a run start); runs stay within one prefix (a batch's columns)."""
    present = set(values)

    def whole(v: tuple[int, ...], w: int) -> bool:
        start = v[-1] - v[-1] % w
        return all(v[:-1] + (start + i,) in present for i in range(w))
    width = 1
    while width * 2 <= limit and hw_ok(width * 2) and all(whole(v, width * 2) for v in present):
        width *= 2
    return {v: width for v in sorted(present) if v[-1] % width == 0}


@dataclass(frozen=True)
class SharedTile:
    """A block of `shape` held in shared memory at `base`, element c at offsets(c) (elements of `elem`)."""

    base: llir.Value
    shape: tuple[int, ...]
    elem: llir.Type
    offsets: Callable[[Basis], int]


def _passes_through(op: Operation) -> bool:
    """Ops that keep a dot's result element for element (elementwise math, layout conversions)."""
    return op.name == CONVERT_LAYOUT or op.opdef is not None and op.opdef.has(ELEMENTWISE)


def a_from_dot(op: Operation) -> bool:
    """True when the A operand of pt.dot `op` is computed elementwise from another dot's result."""
    todo, seen = [op.operands[0]], set()
    while todo:
        v = todo.pop()
        owner = v.owner
        if v in seen or not isinstance(owner, Operation):
            continue
        seen.add(v)
        if owner.name == "pt.dot":
            return True
        if _passes_through(owner):
            todo.extend(u for u in owner.operands if getattr(u.type, "shape", None) == v.type.shape)
    return False


def feeds_dot_a(op: Operation) -> bool:
    """True when the result of pt.dot `op` reaches another dot's A operand through elementwise ops."""
    todo, seen = [op.results[0]], set()
    while todo:
        v: Value = todo.pop()
        if v in seen:
            continue
        seen.add(v)
        for user in v.users:
            if user.name == "pt.dot" and user.operands[0] is v:
                return True
            if _passes_through(user):
                todo.extend(user.results)
    return False


def chained(op: Operation) -> bool:
    """True when pt.dot `op` is one of a chain of dots (its result is the next one's A, or its A the
    previous one's result), as the two of attention are."""
    return a_from_dot(op) or feeds_dot_a(op)


def layouts_of(dot_layouts: Callable, op: Operation, num_warps: int) -> Optional[tuple]:
    """The target's `dot_layouts` (a hook) asked about pt.dot `op`: its types, chaining and precision; None
    for a batched (rank-3) dot, which the matrix instructions' rank-2 tiles do not take (it runs on FMAs)."""
    a, b, acc = (v.type for v in op.operands)
    if len(acc.shape) != 2:
        return None
    return dot_layouts(a, b, acc, num_warps, chained(op), op.attributes.get("input_precision"))


def matrix_path(lw, op: Operation) -> bool:
    """True when pt.dot `op` runs on the target's matrix instruction."""
    matrix = layouts_of(lw.hooks.dot_layouts, op, lw.num_warps)
    return matrix is not None and op.results[0].type.layout == matrix[0]


def operand_swizzle(lw, op: Operation, operand: int, contiguous_dim: int = 1):
    """The placement the target's matrix instruction wants for operand `operand` (0: A, 1: B) of `op`,
    stored row-major (`contiguous_dim` 1) or column by column (0)."""
    a, b_, _ = op.operands
    v = op.operands[operand]
    return lw.hooks.operand_swizzle(operand, v.type.shape, nbytes(memory_form(lw.llvm_type(v.type))),
                                    lw.num_warps, a.type.shape[0], b_.type.shape[1], chained(op),
                                    contiguous_dim=contiguous_dim, element=v.type.element.name)


def _operand_tiles(lw, op: Operation) -> list:
    """A and B as SharedTiles; those still in registers are written to the scratch buffer (one barrier
    before, for earlier readers of it, and one after), except an A the matrix instruction takes from
    the registers it is in (left a list of registers)."""
    tiles = [lw.values[v] for v in op.operands[:2]]
    a, b_ = op.operands[:2]
    keep_a = not isinstance(tiles[0], SharedTile) and lw.hooks.a_in_registers(
        lw.layout_of(a), nbytes(memory_form(lw.llvm_type(a.type))), b_.type.shape[1], lw.num_warps, chained(op))
    staged = [i for i, t in enumerate(tiles) if not isinstance(t, SharedTile) and not (i == 0 and keep_a)]
    if not staged:
        return tiles
    align = lw.hooks.matrix_operand_alignment      # the swizzle counts banks (or its pattern) from there
    sizes = {i: (op.operands[i].type.numel * nbytes(memory_form(lw.llvm_type(op.operands[i].type))) + align - 1)
             // align * align for i in staged}
    base = lw.use_scratch(sum(sizes.values()))
    lw.barrier()
    offset = 0
    for i in staged:
        v = op.operands[i]
        elem = lw.llvm_type(v.type)
        sw = operand_swizzle(lw, op, i)
        ptr = lw.b.gep(base, [I32(offset)], source_etype=llir.IntType(8)) if offset else base
        store_to_shared(lw, tiles[i], lw.layout_of(v), ptr, elem, sw)
        tiles[i] = SharedTile(ptr, v.type.shape, memory_form(elem), sw)
        offset += sizes[i]
    lw.hooks.matrix_operands_stored(lw.b)
    lw.barrier()
    return tiles


def lower_dot(lw, op: Operation) -> None:
    """acc[..., m, n] += sum_k a[..., m, k] * b[..., k, n] (the leading dimension of a batched dot is kept)."""
    a, b_, c = op.operands
    res = op.results[0]
    if matrix_path(lw, op):
        lw.hooks.lower_dot(lw, op, *_operand_tiles(lw, op))
        return
    acc_t = c.type.scalar
    k, rank = a.type.shape[-1], len(c.type.shape)
    la, lb, lc = lw.layout_of(a), lw.layout_of(b_), lw.layout_of(res)
    ea, eb = lw.llvm_type(a.type), lw.llvm_type(b_.type)
    a_bytes = a.type.numel * nbytes(memory_form(ea))
    base = lw.use_scratch((a_bytes + 15) // 16 * 16 + b_.type.numel * nbytes(memory_form(eb)))
    bld = lw.b
    base_b = bld.gep(base, [I32((a_bytes + 15) // 16 * 16)], source_etype=llir.IntType(8))
    lw.barrier()
    store_to_shared(lw, lw.regs(a), la, base, ea)
    store_to_shared(lw, lw.regs(b_), lb, base_b, eb)
    lw.barrier()
    coords = lc.register_coords()
    # a row is (batch..., m) and a column (batch..., n): A is read at row + (k,), B at column with k inserted
    row_of = [cc[:-1] for cc in coords]
    col_of = [cc[:-2] + cc[-1:] for cc in coords]
    a_at = Swizzled(a.type.shape, nbytes(memory_form(ea)))
    b_at = Swizzled(b_.type.shape, nbytes(memory_form(eb)))
    batch = tuple(range(rank - 2))
    a_part = Projected(a_at, batch + (rank - 2, None))
    b_part = Projected(b_at, batch + (None, rank - 1))
    a_hw = lw.hw_xor(lc, a_part)     # this thread's row part in A
    b_hw = lw.hw_xor(lc, b_part)     # this thread's column part in B
    a_vec = min(k, max(1, 16 // nbytes(memory_form(ea))))
    b_runs = _runs(col_of, max(1, 16 // nbytes(memory_form(eb))), lambda w: _hw_aligned(lc, rank - 1, w))

    def load(base_ptr, elem, hw, part, offset: int, count: int) -> list:
        mem = memory_form(elem)
        ptr = bld.gep(base_ptr, [xor_offset(bld, hw, offset)], source_etype=mem)
        typ = mem if count == 1 else llir.VectorType(mem, count)
        got = lw.load_shared(ptr, typ, count * nbytes(mem), lc, part)
        return [_to_acc(lw, from_memory(bld, p, elem), a.type.scalar if base_ptr is base else b_.type.scalar,
                        acc_t) for p in unpack(bld, got, count)]

    acc = list(lw.regs(c))
    for k0 in range(0, k, a_vec):
        a_vals = {row: load(base, ea, a_hw, a_part, a_at(row + (k0,)), a_vec) for row in sorted(set(row_of))}
        for kk in range(a_vec):
            b_vals: dict[tuple[int, ...], llir.Value] = {}
            for col, width in b_runs.items():
                for i, v in enumerate(load(base_b, eb, b_hw, b_part, b_at(col[:-1] + (k0 + kk, col[-1])), width)):
                    b_vals[col[:-1] + (col[-1] + i,)] = v
            for r, (row, col) in enumerate(zip(row_of, col_of)):
                x, y = a_vals[row][kk], b_vals[col]
                if acc_t.is_float:
                    acc[r] = lower_elementwise(bld, "pt.fma", [acc_t] * 3, acc_t, [x, y, acc[r]])
                else:
                    acc[r] = bld.add(bld.mul(x, y), acc[r])
    lw.values[res] = acc


def _hw_aligned(lay: LinearLayout, dim: int, width: int) -> bool:
    """True when the lane and warp parts of coordinate `dim` are multiples of `width`."""
    return all(v[dim] % width == 0 for v in lay.lane + lay.warp)


def _to_acc(lw, v: llir.Value, src, acc_t) -> llir.Value:
    return v if src == acc_t else cast(lw.b, v, src, acc_t)
