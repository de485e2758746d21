"""Moving values between threads: layout transfers, reductions and scans.

One generic transfer serves layout conversion, broadcast, expand_dims,
permute and reshape: result element c is source element f(c) for a
GF(2)-linear coordinate map f. When f maps the result's lane and warp bits
onto the source's, every value is already in the right thread and only
registers are renamed; otherwise the source is written to shared memory at
its row-major offset and read back at the offsets of the result's elements,
both offsets being linear maps of the hardware index derived from the layouts.
Each thread writes and reads its runs of consecutive offsets as vectors of up to
16 bytes; registers in the matrix-instruction accumulators' pattern of 16-bit
pairs go as whole 8x8 matrices where the target stores those (matrix_store.py).
"""
from __future__ import annotations

import math
from typing import Callable, Optional

from llvmlite import ir as llir

from pantile.ir import Operation
from pantile.targets.llvm import zext
from pantile.targets.llvm.control import counted_loop

from .linear_layout import Basis, LinearLayout, drop_dim
from .matrix_store import matrix_rows
from .shared_layout import Swizzled, Weights, row_major_strides
from .values import address_offset, from_memory, memory_form, nbytes, pack, to_memory, unpack, xor_offset

I32 = llir.IntType(32)


def reshape_map(dst_shape: tuple[int, ...], src_shape: tuple[int, ...]) -> Callable[[Basis], Basis]:
    """Coordinate map of a row-major reshape: a coordinate of `dst_shape` -> one of `src_shape`."""
    dst_strides = row_major_strides(dst_shape)
    src_strides = row_major_strides(src_shape)

    def f(v: Basis) -> Basis:
        flat = sum(c * s for c, s in zip(v, dst_strides))
        return tuple((flat // s) % d for s, d in zip(src_strides, src_shape))
    return f


def vector_width(layout: LinearLayout, offsets: Callable[[Basis], int], limit: int) -> int:
    """How many consecutive registers sit at consecutive, aligned offsets (a power of two)."""
    offs = [offsets(v) for v in layout.register]
    k = 0
    while k < len(offs) and offs[k] == 1 << k and (1 << (k + 1)) <= limit:
        k += 1
    others = offs[k:] + [offsets(v) for v in layout.lane + layout.warp]
    while k and any(o % (1 << k) for o in others):
        k -= 1
    return 1 << k


def transfer(lw, values: list, src: LinearLayout, dst: LinearLayout, f: Callable[[Basis], Basis],
             elem: llir.Type) -> list:
    """Registers of `dst` where dst element c = src element f(c)."""
    mapped = dst.map_coords(f, src.shape)
    local = mapped.local_sources(src, lambda v: v)
    if local is not None:
        return [values[r] for r in local]
    return _through_shared(lw, values, src, mapped, elem)


def _through_shared(lw, values: list, src: LinearLayout, dst: LinearLayout, elem: llir.Type) -> list:
    base = lw.use_scratch(math.prod(src.shape) * nbytes(elem))
    lw.barrier()                               # earlier readers of the scratch buffer are done
    store_to_shared(lw, values, src, base, elem)
    lw.barrier()
    return load_from_shared(lw, dst, base, elem)


def from_writers(lw, values: list, layout: LinearLayout, elem: llir.Type) -> list:
    """Registers of `layout` where every replica of an element holds the value of its writer thread."""
    return _through_shared(lw, values, layout, layout, elem)


def stacked(lw, parts: list, dst: LinearLayout, f: Callable[[Basis], Basis], elem: llir.Type,
            shift: int = 0) -> list:
    """Registers of `dst` where dst element c = S[f(c)] (`shift` elements further on), S being the
    blocks of `parts` ((values, layout) pairs) stacked along a new leading dimension, through shared memory."""
    shape = parts[0][1].shape
    numel = math.prod(shape)
    mem = memory_form(elem)
    base = lw.use_scratch((len(parts) * numel + shift) * nbytes(mem))
    lw.barrier()
    for i, (values, layout) in enumerate(parts):
        store_to_shared(lw, values, layout, lw.b.gep(base, [I32(i * numel)], source_etype=mem), elem,
                        Weights(row_major_strides(shape)))
    lw.barrier()
    full = (len(parts),) + shape if len(parts) > 1 else shape
    read = lw.b.gep(base, [I32(shift)], source_etype=mem) if shift else base
    return load_from_shared(lw, dst.map_coords(f, full), read, elem, Weights(row_major_strides(full)))


def store_to_shared(lw, values: list, layout: LinearLayout, base: llir.Value, elem: llir.Type,
                    offsets: Optional[Callable[[Basis], int]] = None) -> None:
    """Write the block held in `layout` at `base` (swizzled row-major unless `offsets` says otherwise;
    one writer per replicated group)."""
    b = lw.b
    store_elem = memory_form(elem)
    offsets = offsets or Swizzled(layout.shape, nbytes(store_elem))
    vec = vector_width(layout, offsets, max(1, 16 // nbytes(store_elem)))
    hw = lw.hw_xor(layout, offsets)
    writer = lw.is_writer(layout)
    reg_offs = [offsets(v) for v in layout.register_coords()]
    # in a loop, LLVM hoists the offsets out of it, a register each live across it, unless they fold into addresses
    offset = address_offset if lw.loops else xor_offset

    rows = matrix_rows(layout, offsets, nbytes(store_elem)) if lw.hooks.matrix_stores else None

    def emit_stores() -> None:
        if rows is not None:
            _store_matrices(lw, values, rows, base, store_elem, offsets, offset)
            return
        for r0 in range(0, layout.num_registers, vec):
            ptr = b.gep(base, [offset(b, hw, reg_offs[r0])], source_etype=store_elem)
            group = [to_memory(b, values[r], store_elem) for r in range(r0, r0 + vec)]
            b.store(pack(b, group), ptr, align=vec * nbytes(store_elem))
    if writer is None:
        emit_stores()
    else:
        with b.if_then(writer):
            emit_stores()


def _store_matrices(lw, values: list, rows: LinearLayout, base: llir.Value, store_elem: llir.Type,
                    offsets: Callable[[Basis], int], offset: Callable) -> None:
    """The registers of a block as the matrix stores `rows` (matrix_store.matrix_rows) place them: each
    instruction's matrices are its lanes' consecutive register pairs, a pair a 32-bit word."""
    b = lw.b
    hw = lw.hw_xor(rows, offsets)
    words = [b.bitcast(pack(b, [to_memory(b, v, store_elem) for v in values[r:r + 2]]), I32)
             for r in range(0, len(values), 2)]
    per_store = len(words) // rows.num_registers
    for i, c in enumerate(rows.register_coords()):
        ptr = b.gep(base, [offset(b, hw, offsets(c))], source_etype=store_elem)
        lw.hooks.store_matrices(b, ptr, words[i * per_store:(i + 1) * per_store])


def load_from_shared(lw, layout: LinearLayout, base: llir.Value, elem: llir.Type,
                     offsets: Optional[Callable[[Basis], int]] = None, registers: Optional[range] = None) -> list:
    """The registers of `layout` (only those of `registers`, when given) read from a block at `base` (placed
    as store_to_shared places it)."""
    b = lw.b
    store_elem = memory_form(elem)
    offsets = offsets or Swizzled(layout.shape, nbytes(store_elem))
    registers = registers or range(layout.num_registers)
    vec = vector_width(layout, offsets, max(1, 16 // nbytes(store_elem)))
    while registers.start % vec or len(registers) % vec:
        vec //= 2
    hw = lw.hw_xor(layout, offsets)
    reg_offs = [offsets(v) for v in layout.register_coords()]
    out: list = []
    for r0 in range(registers.start, registers.stop, vec):
        ptr = b.gep(base, [xor_offset(b, hw, reg_offs[r0])], source_etype=store_elem)
        typ = store_elem if vec == 1 else llir.VectorType(store_elem, vec)
        got = lw.load_shared(ptr, typ, vec * nbytes(store_elem), layout, offsets)
        out.extend(from_memory(b, p, elem) for p in unpack(b, got, vec))
    return out


# Shuffles ---------------------------------------------------------------------------


def shuffle_xor(lw, v: llir.Value, mask: int) -> llir.Value:
    """`v` from lane (this lane xor mask), any type up to 64 bits."""
    return through_i32(lw, v, lambda x: lw.hooks.shuffle_xor(lw.b, x, mask))


def through_i32(lw, v: llir.Value, shuffle) -> llir.Value:
    """Apply an i32 `shuffle` to a value of any type up to 64 bits (split, bitcast, rejoined)."""
    b = lw.b
    t = v.type
    bits = nbytes(t) * 8 if not isinstance(t, llir.IntType) else t.width
    as_int = v if isinstance(t, llir.IntType) else (
        b.ptrtoint(v, llir.IntType(64)) if isinstance(t, llir.PointerType) else b.bitcast(v, llir.IntType(bits)))
    if bits <= 32:
        wide = zext(b, as_int, I32) if bits < 32 else as_int
        got = shuffle(wide)
        got = b.trunc(got, llir.IntType(bits)) if bits < 32 else got
    else:
        lo = shuffle(b.trunc(as_int, I32))
        hi = shuffle(b.trunc(b.lshr(as_int, llir.Constant(as_int.type, 32)), I32))
        got = b.or_(zext(b, lo, llir.IntType(64)), b.shl(zext(b, hi, llir.IntType(64)), llir.IntType(64)(32)))
    if isinstance(t, llir.IntType):
        return got
    if isinstance(t, llir.PointerType):
        return b.inttoptr(got, t)
    return b.bitcast(got, t)


# Reductions --------------------------------------------------------------------------


def lower_reduce(lw, op: Operation) -> None:
    """Combine along `axis`: within a thread, across lanes by shuffles, across warps in shared memory."""
    axis = op.attributes["axis"]
    srcs = op.operands
    lay = lw.layout_of(srcs[0])
    body = op.regions[0].entry
    cols = [lw.regs(s) for s in srcs]
    combine = lambda a, b_: lw.run_region(body, list(a) + list(b_))  # noqa: E731
    drop = drop_dim(axis)
    # 1. within the thread: a pairwise tree in axis order (short dependency chains)
    groups: dict[Basis, list] = {}
    for r, c in sorted(enumerate(lay.register_coords()), key=lambda rc: rc[1][axis]):
        groups.setdefault(drop(c), []).append([col[r] for col in cols])
    acc = {key: _tree(items, combine) for key, items in groups.items()}
    # 2. across lanes along the axis, by shuffles where the target has them
    lane_bits = [bit for bit, v in enumerate(lay.lane) if v[axis]]
    for bit in lane_bits:
        _check_pure(lay.lane[bit], axis, op)
        if lw.hooks.lane_shuffles:
            for key in acc:
                acc[key] = combine(acc[key], [shuffle_xor(lw, x, 1 << bit) for x in acc[key]])
    # 3. across warps (and lanes, without shuffles) along the axis, through shared memory
    partial_bits = [] if lw.hooks.lane_shuffles else [(lw.lane, bit) for bit in lane_bits]
    for bit, v in enumerate(lay.warp):
        if v[axis]:
            _check_pure(v, axis, op)
            partial_bits.append((lw.warp, bit))
    if partial_bits:
        acc = _reduce_partials(lw, acc, lay, axis, partial_bits, [lw.llvm_type(s.type) for s in srcs], combine)
    for i, res in enumerate(op.results):
        if res.type.shape:
            out = lw.layout_of(res)
            lw.values[res] = [acc[c][i] for c in out.register_coords()]
        else:
            lw.values[res] = next(iter(acc.values()))[i]


def _tree(items: list, combine) -> list:
    """Combine `items` in order as a balanced tree."""
    while len(items) > 1:
        items = [combine(items[i], items[i + 1]) if i + 1 < len(items) else items[i]
                 for i in range(0, len(items), 2)]
    return items[0]


def _check_pure(v: Basis, axis: int, op: Operation) -> None:
    if any(c for d, c in enumerate(v) if d != axis):
        raise NotImplementedError(f"{op.loc}: reduction over a layout whose threads mix the axis with "
                                  "other dimensions; convert to a blocked layout first")


def _reduce_partials(lw, acc: dict, lay: LinearLayout, axis: int, partial_bits: list[tuple[llir.Value, int]],
                     types: list, combine) -> dict:
    """Each thread writes its partial results to the slot its `partial_bits` (bits of its lane or warp index
    along the axis) name; then every thread combines the partials of its keys, or, where the lanes multiply the
    partials (no shuffles), each combines those of its share of the elements once and reads its keys' totals."""
    b = lw.b
    res_shape = drop_dim(axis)(lay.shape)
    res_lay = lay.map_coords(drop_dim(axis), res_shape)
    strides = row_major_strides(res_shape)
    numel = math.prod(res_shape)
    parts = 1 << len(partial_bits)
    sizes = [parts * numel * max(4, nbytes(t)) for t in types]
    base = lw.use_scratch(sum(sizes))
    offsets = [sum(sizes[:i]) for i in range(len(types))]
    # which partial this thread holds: its axis bits, packed
    slot: llir.Value = I32(0)
    for j, (index, bit) in enumerate(partial_bits):
        is_set = lw.pro.icmp_unsigned("!=", lw.pro.and_(index, I32(1 << bit)), I32(0))
        slot = lw.pro.or_(slot, lw.pro.select(is_set, I32(1 << j), I32(0)))
    hw = lw.hw_xor(res_lay, Weights(strides))

    def element(key: Basis) -> llir.Value:
        return xor_offset(b, hw, sum(c * s for c, s in zip(key, strides)))

    def at(idx: llir.Value, t: llir.Type, o: int) -> llir.Value:
        return b.gep(b.gep(base, [I32(o)], source_etype=llir.IntType(8)), [idx], source_etype=memory_form(t))

    def load(idx: llir.Value, keyed: bool = True) -> list:
        """The partials at `idx`: an element of this thread's keys (keyed), else of its share."""
        return [from_memory(b, lw.load_shared(at(idx, t, o), memory_form(t), None, res_lay, Weights(strides)) if keyed
                            else lw.hooks.shared_load(b, at(idx, t, o), memory_form(t), None, False), t)
                for t, o in zip(types, offsets)]

    def store(idx: llir.Value, vals: list) -> None:
        for v, t, o in zip(vals, types, offsets):
            b.store(to_memory(b, v, memory_form(t)), at(idx, t, o))

    def combined(e: llir.Value) -> list:
        total = None
        for p in range(parts):
            item = load(b.add(I32(p * numel), e))
            total = item if total is None else combine(total, item)
        return total

    def looped(e: llir.Value) -> list:   # up to a slot per thread: a loop, not unrolled
        return counted_loop(b, lw.fn, 1, parts,
                            lambda p, total: combine(total, load(b.add(b.mul(p, I32(numel)), e), keyed=False)),
                            load(e, keyed=False), ity=I32)

    lw.barrier()
    for key, vals in acc.items():
        store(b.add(b.mul(slot, I32(numel)), element(key)), vals)
    lw.barrier()
    if lw.hooks.lane_shuffles:
        return {key: combined(element(key)) for key in acc}
    for first in range(0, numel, lw.num_threads):
        e = b.add(lw.tid, I32(first))
        if first + lw.num_threads <= numel:
            store(e, looped(e))
        else:
            with b.if_then(b.icmp_unsigned("<", e, I32(numel))):
                store(e, looped(e))
    lw.barrier()
    return {key: load(element(key)) for key in acc}
