"""pt.reduce and pt.scan along any axis, with the op's combine region inlined per element.

Along the last axis one accumulator runs through the row; along another axis
whole rows of accumulators are updated at once, so the innermost loop stays
contiguous and vectorises.
"""
from __future__ import annotations

from typing import Sequence

from llvmlite import ir

from pantile.ir import Block, Operation
from pantile.targets.llvm import llvm_mem_type

from . import values as V
from .lower import SPACE, ProgramLowering, handles
from .values import I64


def combine(pl: ProgramLowering, body: Block, accs: Sequence[ir.Value], xs: Sequence[ir.Value]) -> list:
    """The combine region applied to (accs..., xs...)."""
    for a, v in zip(body.args, list(accs) + list(xs)):
        pl.values[a] = v
    term = pl.lower_ops(body)
    return [pl.values[v] for v in term.operands]


def _with_axis(idx: Sequence[ir.Value], axis: int, k) -> list:
    k = k if isinstance(k, ir.Value) else ir.Constant(I64, k)
    return list(idx[:axis]) + [k] + list(idx[axis:])


def _outputs(pl: ProgramLowering, op: Operation, shape: Sequence[int]) -> list:
    return [pl.allocate(shape, llvm_mem_type(r.type.scalar, SPACE), r.type.scalar.name == "i1") for r in op.results]


LANES = 8


def _reduce_row(pl: ProgramLowering, body: Block, srcs: list, idx: list, axis: int, n: int) -> list:
    """Combine the elements of one row into one value per source.

    Long rows keep LANES independent partial results (element j goes to lane j % LANES)
    and combine the lanes as a tree at the end: the combines of one step are independent,
    so they run in parallel (and LLVM packs them into vector instructions), where a
    single chain would wait on each previous combine. Reduction order is unspecified
    in Triton, as on GPUs.
    """
    b = pl.b
    at = lambda k: [V.read(b, s, _with_axis(idx, axis, k)) for s in srcs]  # noqa: E731
    if n < 2 * LANES:
        # Short rows are combined in straight-line code: LLVM 22's loop vectoriser turned a loop of 7 maxnum /
        # minnum (or smin) combines into 4 vector lanes and skipped the other 3 (fuzz seeds 1824, 2965).
        accs = at(0)
        for k in range(1, n):
            accs = combine(pl, body, accs, at(k))
        return accs
    width = len(srcs)
    first = [v for j in range(LANES) for v in at(j)]

    def step(k: ir.Value, flat: list) -> list:
        base = b.mul(k, ir.Constant(I64, LANES))
        out = []
        for j in range(LANES):
            accs = flat[j * width:(j + 1) * width]
            out += combine(pl, body, accs, at(b.add(base, ir.Constant(I64, j))))
        return out
    # LLVM 22's loop vectoriser packs iterations of this loop into vectors of the lanes' partial results and,
    # where no element is NaN, leaves out the iterations past the last full vector (a max over 64 f32 on a
    # Zen 4 host skipped elements 40..63: fuzz seeds 170, 199). The lanes are packed into vectors anyway.
    flat = pl.counted_loop(1, n // LANES, step, first, vectorize=False)
    lanes = [flat[j * width:(j + 1) * width] for j in range(LANES)]
    for t in range(n // LANES * LANES, n):
        lanes[t % LANES] = combine(pl, body, lanes[t % LANES], at(t))
    while len(lanes) > 1:
        lanes = [combine(pl, body, lanes[i], lanes[i + 1]) for i in range(0, len(lanes), 2)]
    return lanes[0]


@handles("pt.reduce")
def lower_reduce(pl: ProgramLowering, op: Operation) -> None:
    """pt.reduce along its axis (scalar results for rank-1 inputs)."""
    b = pl.b
    srcs = [pl.values[v] for v in op.operands]
    shape = op.operands[0].type.shape
    axis = op.attributes["axis"]
    n = shape[axis]
    out_shape = shape[:axis] + shape[axis + 1:]
    body = op.regions[0].blocks[0]
    if axis == len(shape) - 1:
        def row(idx: list) -> list:
            return _reduce_row(pl, body, srcs, idx, axis, n)
        if not out_shape:
            for r, v in zip(op.results, row([])):
                pl.values[r] = v
            return
        outs = _outputs(pl, op, out_shape)
        pl.loop_nest(out_shape, lambda idx: [V.write(b, o, idx, v) for o, v in zip(outs, row(idx))])
    else:
        outs = _outputs(pl, op, out_shape)
        pl.loop_nest(out_shape, lambda idx: [V.write(b, o, idx, V.read(b, s, _with_axis(idx, axis, 0)))
                                             for o, s in zip(outs, srcs)])

        def step(k: ir.Value, _: list) -> list:
            def update(idx: list) -> None:
                accs = [V.read(b, o, idx) for o in outs]
                xs = [V.read(b, s, _with_axis(idx, axis, k)) for s in srcs]
                for o, v in zip(outs, combine(pl, body, accs, xs)):
                    V.write(b, o, idx, v)
            pl.loop_nest(out_shape, update)
            return []
        pl.counted_loop(1, n, step)
    for r, o in zip(op.results, outs):
        pl.values[r] = o


@handles("pt.scan")
def lower_scan(pl: ProgramLowering, op: Operation) -> None:
    """pt.scan (inclusive, optionally reversed) along its axis."""
    b = pl.b
    srcs = [pl.values[v] for v in op.operands]
    shape = op.operands[0].type.shape
    axis = op.attributes["axis"]
    n = shape[axis]
    reverse = bool(op.attributes.get("reverse"))
    first, start, stop, step = (n - 1, n - 2, -1, -1) if reverse else (0, 1, n, 1)
    rest = shape[:axis] + shape[axis + 1:]
    body = op.regions[0].blocks[0]
    outs = _outputs(pl, op, shape)

    def init(idx: list) -> list:
        vals = [V.read(b, s, _with_axis(idx, axis, first)) for s in srcs]
        for o, v in zip(outs, vals):
            V.write(b, o, _with_axis(idx, axis, first), v)
        return vals
    if axis == len(shape) - 1:
        def row(idx: list) -> None:
            def one(k: ir.Value, accs: list) -> list:
                new = combine(pl, body, accs, [V.read(b, s, _with_axis(idx, axis, k)) for s in srcs])
                for o, v in zip(outs, new):
                    V.write(b, o, _with_axis(idx, axis, k), v)
                return new
            pl.counted_loop(start, stop, one, init(idx), step=step)
        pl.loop_nest(rest, row)
    else:
        pl.loop_nest(rest, init)

        def plane(k: ir.Value, _: list) -> list:
            prev = b.sub(k, ir.Constant(I64, step))

            def update(idx: list) -> None:
                accs = [V.read(b, o, _with_axis(idx, axis, prev)) for o in outs]
                xs = [V.read(b, s, _with_axis(idx, axis, k)) for s in srcs]
                for o, v in zip(outs, combine(pl, body, accs, xs)):
                    V.write(b, o, _with_axis(idx, axis, k), v)
            pl.loop_nest(rest, update)
            return []
        pl.counted_loop(start, stop, plane, step=step)
    for r, o in zip(op.results, outs):
        pl.values[r] = o
