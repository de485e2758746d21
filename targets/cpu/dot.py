"""pt.dot on the CPU: a register-tiled micro-kernel in LLVM vectors, or a plain m, k, n loop nest.

Inputs are first converted to the compute type: f32 for f16, bf16, fp8 and f32
(f64 stays f64), i32 for 8- and 16-bit integers (i64 for a 64-bit accumulator).
The micro-kernel keeps an MR x NR tile of the result in vector registers while it
runs over k (one row of B loaded as a vector, each A element broadcast), so it does
MR fused multiply-adds per load instead of one.
"""
from __future__ import annotations

from llvmlite import ir

from pantile.ir import Operation, ScalarType
from pantile.targets.llvm import cast, intrinsic, llvm_type

from . import values as V
from .lower import ProgramLowering, handles
from .values import I64, Buffer

MR = 4                      # rows of the register tile
VECTOR_BYTES = 64           # columns of the register tile: this many bytes (two AVX2 registers)


def compute_type(a: ScalarType, acc: ScalarType) -> ScalarType:
    """The type products are accumulated in."""
    if acc.is_float or a.is_float:
        return ScalarType("f64") if "f64" in (a.name, acc.name) else ScalarType("f32")
    return ScalarType("i64") if acc.bitwidth == 64 else ScalarType("i32")


def _operand(pl: ProgramLowering, value, t: ScalarType, ct: ScalarType, shape: tuple) -> Buffer:
    """The operand as a contiguous buffer of the compute type (itself when it already is one)."""
    src = pl.values[value]
    lt = llvm_type(ct)
    if t == ct and isinstance(src, Buffer) and src.contiguous and src.etype == lt:
        return src
    buf = pl.allocate(shape, lt)
    pl.loop_nest(shape, lambda idx: V.write(pl.b, buf, idx, cast(pl.b, V.read(pl.b, src, idx), t, ct)))
    return buf


def _madd(b: ir.IRBuilder, ct: ScalarType, x: ir.Value, y: ir.Value, c: ir.Value) -> ir.Value:
    if ct.is_float:
        return intrinsic(b, "llvm.fma", c.type, [x, y, c])
    return b.add(b.mul(x, y), c)


def _tiled(pl: ProgramLowering, ct: ScalarType, abuf: Buffer, bbuf: Buffer, cbuf: Buffer, batch: list,
           m: int, n: int, k: int, mr: int, nr: int) -> None:
    b = pl.b
    lt = llvm_type(ct)
    vt = ir.VectorType(lt, nr)
    align = lt.width // 8 if isinstance(lt, ir.IntType) else {"float": 4, "double": 8}[str(lt)]

    def vec_ptr(buf: Buffer, row: ir.Value, col: ir.Value) -> ir.Value:
        return V.element_pointer(b, buf, batch + [row, col])

    def tile(i0: ir.Value, j0: ir.Value) -> None:
        rows = [b.add(i0, ir.Constant(I64, r)) for r in range(mr)]
        init = [b.load(vec_ptr(cbuf, r, j0), typ=vt, align=align) for r in rows]

        def step(kk: ir.Value, accs: list) -> list:
            bv = b.load(vec_ptr(bbuf, kk, j0), typ=vt, align=align)
            out = []
            for r, acc in zip(rows, accs):
                a = V.read(b, abuf, batch + [r, kk])
                splat = b.shuffle_vector(b.insert_element(ir.Constant(vt, ir.Undefined), a, ir.Constant(ir.IntType(32), 0)),
                                         ir.Constant(vt, ir.Undefined), ir.Constant(ir.VectorType(ir.IntType(32), nr), [0] * nr))
                out.append(_madd(b, ct, splat, bv, acc))
            return out
        finals = pl.counted_loop(0, k, step, init)
        for r, acc in zip(rows, finals):
            b.store(acc, vec_ptr(cbuf, r, j0), align=align)

    pl.counted_loop(0, m, lambda i0, _: pl.counted_loop(0, n, lambda j0, __: tile(i0, j0) or [], step=nr) or [],
                    step=mr)


def _simple(pl: ProgramLowering, ct: ScalarType, abuf: Buffer, bbuf: Buffer, cbuf: Buffer, batch: list,
            m: int, n: int, k: int) -> None:
    b = pl.b
    lt = llvm_type(ct)

    def row(i: ir.Value, _: list) -> list:
        def inner(kk: ir.Value, _: list) -> list:
            x = V.read(b, abuf, batch + [i, kk])

            def col(j: ir.Value, _: list) -> list:
                p = V.element_pointer(b, cbuf, batch + [i, j])
                b.store(_madd(b, ct, x, V.read(b, bbuf, batch + [kk, j]), b.load(p, typ=lt)), p)
                return []
            pl.counted_loop(0, n, col)
            return []
        pl.counted_loop(0, k, inner)
        return []
    pl.counted_loop(0, m, row)


@handles("pt.dot")
def lower_dot(pl: ProgramLowering, op: Operation) -> None:
    """pt.dot: convert the inputs, accumulate in the compute type, convert the result; a batched (rank-3)
    dot runs the same kernel once per leading index."""
    b = pl.b
    a, bm, acc = op.operands
    *batch, m, k = a.type.shape
    n = bm.type.shape[-1]
    shape = acc.type.shape
    ta, tacc = a.type.scalar, acc.type.scalar
    ct = compute_type(ta, tacc)
    abuf, bbuf = _operand(pl, a, ta, ct, a.type.shape), _operand(pl, bm, ta, ct, bm.type.shape)
    cbuf = pl.allocate(shape, llvm_type(ct))
    src = pl.values[acc]
    pl.loop_nest(shape, lambda idx: V.write(b, cbuf, idx, cast(b, V.read(b, src, idx), tacc, ct)))
    nr = min(VECTOR_BYTES * 8 // ct.bitwidth, n)
    mr = next(r for r in (MR, 2, 1) if m % r == 0)

    def one(prefix: list) -> None:
        if n % nr == 0 and nr >= 4:
            _tiled(pl, ct, abuf, bbuf, cbuf, prefix, m, n, k, mr, nr)
        else:
            _simple(pl, ct, abuf, bbuf, cbuf, prefix, m, n, k)
    if batch:
        pl.counted_loop(0, batch[0], lambda i, _: one([i]) or [])
    else:
        one([])
    if ct == tacc:
        pl.values[op.result] = cbuf
        return
    out = pl.new_buffer(op.result.type)
    pl.loop_nest(shape, lambda idx: V.write(b, out, idx, cast(b, V.read(b, cbuf, idx), ct, tacc)))
    pl.values[op.result] = out
