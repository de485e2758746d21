"""pt.dot as a loop nest m, k, n whose innermost loop (over n, contiguous) LLVM vectorises.

Inputs are first converted to the compute type: f32 for f16, bf16, fp8 and f32
(f64 stays f64), i32 for 8- and 16-bit integers (i64 for a 64-bit accumulator).
"""
from __future__ import annotations

from llvmlite import ir

from pantile.ir import Operation, ScalarType
from pantile.targets.llvm import cast, intrinsic, llvm_type

from . import values as V
from .lower import ProgramLowering, handles


def compute_type(a: ScalarType, acc: ScalarType) -> ScalarType:
    """The type products are accumulated in."""
    if acc.is_float or a.is_float:
        return ScalarType("f64") if "f64" in (a.name, acc.name) else ScalarType("f32")
    return ScalarType("i64") if acc.bitwidth == 64 else ScalarType("i32")


@handles("pt.dot")
def lower_dot(pl: ProgramLowering, op: Operation) -> None:
    b = pl.b
    a, bm, acc = op.operands
    (m, k), n = a.type.shape, bm.type.shape[1]
    ta, tacc = a.type.scalar, acc.type.scalar
    ct = compute_type(ta, tacc)
    lt = llvm_type(ct)

    def converted(value, t, shape):
        buf = pl.allocate(shape, lt)
        src = pl.values[value]
        pl.loop_nest(shape, lambda idx: V.write(b, buf, idx, cast(b, V.read(b, src, idx), t, ct)))
        return buf
    abuf, bbuf, cbuf = converted(a, ta, (m, k)), converted(bm, ta, (k, n)), converted(acc, tacc, (m, n))

    def row(i: ir.Value, _: list) -> list:
        def inner(kk: ir.Value, _: list) -> list:
            x = V.read(b, abuf, [i, kk])

            def col(j: ir.Value, _: list) -> list:
                y = V.read(b, bbuf, [kk, j])
                p = V.element_pointer(b, cbuf, [i, j])
                c = b.load(p, typ=lt)
                if ct.is_float:
                    r = intrinsic(b, "llvm.fma", lt, [x, y, c])
                else:
                    r = b.add(b.mul(x, y), c)
                b.store(r, p)
                return []
            pl.counted_loop(0, n, col)
            return []
        pl.counted_loop(0, k, inner)
        return []
    pl.counted_loop(0, m, row)
    if ct == tacc:
        pl.values[op.result] = cbuf
        return
    out = pl.new_buffer(op.result.type)
    pl.loop_nest((m, n), lambda idx: V.write(b, out, idx, cast(b, V.read(b, cbuf, idx), ct, tacc)))
    pl.values[op.result] = out

