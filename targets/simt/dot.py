"""pt.dot on the FMA units: every accumulator of a thread sums its row of A times its column of B.

Layout assignment gives A and B the operand layouts of dot_layout.py, so each
thread holds, in registers, the whole K extent of the rows and columns its
accumulators need. Operands are converted to the accumulator's type first
(f16 x f16 -> f32 accumulates in f32, as Triton's FMA path does).
"""
from __future__ import annotations

from llvmlite import ir as llir

from pantile.ir import Operation
from pantile.targets.llvm import cast, lower_elementwise



def lower_dot(lw, op: Operation) -> None:
    """acc[m, n] += sum_k a[m, k] * b[k, n], thread-local."""
    a, b_, c = op.operands
    res = op.results[0]
    acc_t = c.type.scalar
    if a.type.scalar.is_fp8:
        raise NotImplementedError("fp8 dot needs the tensor-core path, which this target does not have")
    la, lb, lc = lw.layout_of(a), lw.layout_of(b_), lw.layout_of(res)
    a_vals = [v if a.type.scalar == acc_t else cast(lw.b, v, a.type.scalar, acc_t) for v in lw.regs(a)]
    b_vals = [v if b_.type.scalar == acc_t else cast(lw.b, v, b_.type.scalar, acc_t) for v in lw.regs(b_)]
    a_index, b_index = la.register_index(), lb.register_index()
    k = a.type.shape[1]
    out = []
    bld = lw.b
    for r, (m, n) in enumerate(lc.register_coords()):
        acc = lw.regs(c)[r]
        for kk in range(k):
            x, y = a_vals[a_index[(m, kk)]], b_vals[b_index[(kk, n)]]
            if acc_t.is_float:
                acc = lower_elementwise(bld, "pt.fma", [acc_t] * 3, acc_t, [x, y, acc])
            else:
                acc = bld.add(bld.mul(x, y), acc)
        out.append(acc)
    lw.values[res] = out
