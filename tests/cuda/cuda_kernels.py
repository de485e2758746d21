"""Kernels built directly in the IR (independent of the frontend), shared by the CUDA tests.

Each builder returns (module, description); the numpy reference lives in the tests.
"""
from __future__ import annotations

from typing import Optional, Sequence

from pantile.ir import (Block, BlockType, Builder, FunctionType, Location, Module, Operation, PointerType, Region,
                        ScalarType, Type, Value, i1, i32)

LOC = Location("kernels.py", 1, 1)


class KernelBuilder:
    """A kernel function under construction: `k.op("pt.add", x, y)` returns the result value."""

    def __init__(self, name: str, arg_types: Sequence[Type], divisible: Sequence[int] = ()) -> None:
        self.func = Operation("func.func", attributes={
            "sym_name": name, "function_type": FunctionType(tuple(arg_types), ()), "kernel": True,
            "arg_attrs": [{"divisibility": 16} if i in divisible else {} for i in range(len(arg_types))]},
            regions=[Region([Block(arg_types)])], loc=LOC)
        self.b = Builder.at_end(self.func.regions[0].entry, LOC)
        self.args = self.func.regions[0].entry.args

    def op(self, name: str, *operands: Value, type: Optional[Type] = None, **attrs) -> Value:
        """Create a single-result op; the type defaults to the first operand's."""
        return self.b.value(name, list(operands), type if type is not None else operands[0].type, **attrs)

    def const(self, value, t: Type) -> Value:
        """A scalar constant."""
        return self.b.constant(value, t)

    def splat(self, v: Value, shape: tuple[int, ...]) -> Value:
        """`v` splatted to `shape`."""
        return self.op("pt.splat", v, type=BlockType(shape, v.type))

    def arange(self, n: int) -> Value:
        """make_range(0, n)."""
        return self.op("pt.make_range", type=BlockType((n,), i32), start=0, end=n)

    def ptrs(self, base: Value, offsets: Value) -> Value:
        """base + offsets, elementwise."""
        return self.op("pt.addptr", self.splat(base, offsets.type.shape), offsets)

    def load(self, ptrs: Value, mask: Optional[Value] = None, other: Optional[Value] = None) -> Value:
        """pt.load."""
        t = BlockType(ptrs.type.shape, ptrs.type.scalar.pointee)
        ops = [ptrs] + ([mask] if mask is not None else []) + ([other] if other is not None else [])
        return self.op("pt.load", *ops, type=t)

    def store(self, ptrs: Value, value: Value, mask: Optional[Value] = None) -> None:
        """pt.store."""
        self.b.create("pt.store", [ptrs, value] + ([mask] if mask is not None else []))

    def cmp(self, pred: str, a: Value, b: Value) -> Value:
        """pt.cmp with predicate `pred`."""
        return self.op("pt.cmp", a, b, type=BlockType(a.type.shape, i1) if a.type.shape else i1, predicate=pred)

    def expand(self, v: Value, axis: int) -> Value:
        """pt.expand_dims."""
        shape = v.type.shape[:axis] + (1,) + v.type.shape[axis:]
        return self.op("pt.expand_dims", v, type=BlockType(shape, v.type.scalar), axis=axis)

    def broadcast(self, v: Value, shape: tuple[int, ...]) -> Value:
        """pt.broadcast to `shape`."""
        return self.op("pt.broadcast", v, type=BlockType(shape, v.type.scalar))

    def combine(self, name: str, srcs: Sequence[Value], axis: int, combiner: str, **attrs) -> list[Value]:
        """pt.reduce / pt.scan with a one-op combine region (`combiner` such as 'pt.add')."""
        elems = [s.type.scalar for s in srcs]
        body = Block(elems * 2)
        rb = Builder.at_end(body, LOC)
        n = len(srcs)
        outs = [rb.value(combiner, [body.args[i], body.args[n + i]], elems[i]) for i in range(n)]
        rb.create("pt.yield", outs)
        shape = srcs[0].type.shape
        out_shape = shape if name == "pt.scan" else shape[:axis] + shape[axis + 1:]
        types = [BlockType(out_shape, e) if out_shape else e for e in elems]
        op = self.b.create(name, list(srcs), types, {"axis": axis, **attrs}, [Region([body])])
        return op.results

    def finish(self) -> Module:
        """Close the function and return its module."""
        self.b.create("func.return")
        return Module([self.func])


def ptr(t: ScalarType) -> PointerType:
    """A global pointer to `t`."""
    return PointerType(t, 1)


def offsets_2d(k: KernelBuilder, rows: int, cols: int, stride: Value) -> Value:
    """rows x cols block of row * stride + col."""
    r = k.op("pt.mul", k.expand(k.arange(rows), 1), k.splat(stride, (rows, 1)))
    c = k.expand(k.arange(cols), 0)
    return k.op("pt.add", k.broadcast(r, (rows, cols)), k.broadcast(c, (rows, cols)))


def vector_add(block: int = 1024) -> Module:
    """out[i] = x[i] + y[i] for i < n, one block per program."""
    f32 = ScalarType("f32")
    k = KernelBuilder("vector_add", [ptr(f32), ptr(f32), ptr(f32), i32], divisible=(0, 1, 2, 3))
    x, y, out, n = k.args
    offs = k.op("pt.add", k.splat(k.op("pt.mul", k.op("pt.program_id", type=i32, axis=0), k.const(block, i32)),
                                  (block,)), k.arange(block))
    mask = k.cmp("lt", offs, k.splat(n, (block,)))
    s = k.op("pt.add", k.load(k.ptrs(x, offs), mask), k.load(k.ptrs(y, offs), mask))
    k.store(k.ptrs(out, offs), s, mask)
    return k.finish()


def softmax_rows(block: int = 128) -> Module:
    """One row per program: out = exp(x - max) / sum, columns >= n masked with -inf."""
    f32 = ScalarType("f32")
    k = KernelBuilder("softmax", [ptr(f32), ptr(f32), i32], divisible=(0, 1))
    x, out, n = k.args
    row = k.op("pt.mul", k.op("pt.program_id", type=i32, axis=0), n)
    cols = k.arange(block)
    offs = k.op("pt.add", k.splat(row, (block,)), cols)
    mask = k.cmp("lt", cols, k.splat(n, (block,)))
    v = k.load(k.ptrs(x, offs), mask, k.splat(k.const(float("-inf"), f32), (block,)))
    (mx,) = k.combine("pt.reduce", [v], 0, "pt.max")
    e = k.op("pt.exp", k.op("pt.sub", v, k.splat(mx, (block,))))
    (total,) = k.combine("pt.reduce", [e], 0, "pt.add")
    k.store(k.ptrs(out, offs), k.op("pt.div", e, k.splat(total, (block,))), mask)
    return k.finish()


def reduce_2d(rows: int, cols: int, axis: int, combiner: str = "pt.add", dtype: str = "f32") -> Module:
    """out = reduce(x[rows, cols], axis) for a row-major x."""
    t = ScalarType(dtype)
    k = KernelBuilder("reduce2d", [ptr(t), ptr(t)], divisible=(0, 1))
    x, out = k.args
    offs = offsets_2d(k, rows, cols, k.const(cols, i32))
    (r,) = k.combine("pt.reduce", [k.load(k.ptrs(x, offs))], axis, combiner)
    k.store(k.ptrs(out, k.arange(r.type.shape[0])), r)
    return k.finish()


def scan_1d(n: int, dtype: str = "i32", reverse: bool = False) -> Module:
    """out = cumsum(x) over one block of n."""
    t = ScalarType(dtype)
    k = KernelBuilder("cumsum", [ptr(t), ptr(t)], divisible=(0, 1))
    x, out = k.args
    offs = k.arange(n)
    (s,) = k.combine("pt.scan", [k.load(k.ptrs(x, offs))], 0, "pt.add", reverse=reverse)
    k.store(k.ptrs(out, offs), s)
    return k.finish()


def scan_2d(rows: int, cols: int, axis: int) -> Module:
    """out = cumsum(x[rows, cols], axis) in f32."""
    t = ScalarType("f32")
    k = KernelBuilder("cumsum2d", [ptr(t), ptr(t)], divisible=(0, 1))
    x, out = k.args
    offs = offsets_2d(k, rows, cols, k.const(cols, i32))
    (s,) = k.combine("pt.scan", [k.load(k.ptrs(x, offs))], axis, "pt.add")
    k.store(k.ptrs(out, offs), s)
    return k.finish()


def dot(m: int, n: int, kk: int, dtype: str, acc: str) -> Module:
    """c = a[m, k] @ b[k, n] + 0 in one program, row-major operands."""
    t, at = ScalarType(dtype), ScalarType(acc)
    k = KernelBuilder("dot", [ptr(t), ptr(t), ptr(at)], divisible=(0, 1, 2))
    a, b, c = k.args
    av = k.load(k.ptrs(a, offsets_2d(k, m, kk, k.const(kk, i32))))
    bv = k.load(k.ptrs(b, offsets_2d(k, kk, n, k.const(n, i32))))
    zero = k.splat(k.const(0.0 if at.is_float else 0, at), (m, n))
    r = k.op("pt.dot", av, bv, zero, type=BlockType((m, n), at))
    k.store(k.ptrs(c, offsets_2d(k, m, n, k.const(n, i32))), r)
    return k.finish()


def transpose(rows: int, cols: int) -> Module:
    """out[cols, rows] = x[rows, cols]^T through pt.permute."""
    t = ScalarType("f32")
    k = KernelBuilder("transpose", [ptr(t), ptr(t)], divisible=(0, 1))
    x, out = k.args
    v = k.load(k.ptrs(x, offsets_2d(k, rows, cols, k.const(cols, i32))))
    tv = k.op("pt.permute", v, type=BlockType((cols, rows), t), order=(1, 0))
    k.store(k.ptrs(out, offsets_2d(k, cols, rows, k.const(rows, i32))), tv)
    return k.finish()


def histogram(n: int, bins: int, kind: str = "add", dtype: str = "i32") -> Module:
    """atomic `kind` of x[i] into out[i % bins] for i < count (masked)."""
    t = ScalarType(dtype)
    k = KernelBuilder("histogram", [ptr(t), ptr(t), i32], divisible=(0, 1))
    x, out, count = k.args
    offs = k.op("pt.add", k.splat(k.op("pt.mul", k.op("pt.program_id", type=i32, axis=0), k.const(n, i32)),
                                  (n,)), k.arange(n))
    mask = k.cmp("lt", offs, k.splat(count, (n,)))
    slots = k.op("pt.rem", offs, k.splat(k.const(bins, i32), (n,)))
    k.op("pt.atomic_rmw", k.ptrs(out, slots), k.load(k.ptrs(x, offs), mask), mask, type=BlockType((n,), t),
         kind=kind, sem="acq_rel", scope="gpu")
    return k.finish()


def outer_product(m: int, n: int) -> Module:
    """out[i, j] = a[i] * b[j] through expand_dims and broadcast."""
    t = ScalarType("f32")
    k = KernelBuilder("outer", [ptr(t), ptr(t), ptr(t)], divisible=(0, 1, 2))
    a, b, out = k.args
    av = k.broadcast(k.expand(k.load(k.ptrs(a, k.arange(m))), 1), (m, n))
    bv = k.broadcast(k.expand(k.load(k.ptrs(b, k.arange(n))), 0), (m, n))
    k.store(k.ptrs(out, offsets_2d(k, m, n, k.const(n, i32))), k.op("pt.mul", av, bv))
    return k.finish()


def int_math(n: int) -> Module:
    """out = (x / y, x % y, x >> 3, max(x, y)) packed as four rows, signed i32 C semantics."""
    k = KernelBuilder("int_math", [ptr(i32), ptr(i32), ptr(i32)], divisible=(0, 1, 2))
    x, y, out = k.args
    offs = k.arange(n)
    xv, yv = k.load(k.ptrs(x, offs)), k.load(k.ptrs(y, offs))
    three = k.splat(k.const(3, i32), (n,))
    for i, v in enumerate((k.op("pt.div", xv, yv), k.op("pt.rem", xv, yv), k.op("pt.shr", xv, three),
                           k.op("pt.max", xv, yv))):
        k.store(k.ptrs(out, k.op("pt.add", offs, k.splat(k.const(i * n, i32), (n,)))), v)
    return k.finish()


def join_split_cat(n: int) -> Module:
    """out[0:2n] = cat(a, b); out[2n:4n] = join(a, b) flattened; out[4n:6n] = split(join(b, a)) as (b, a)."""
    t = ScalarType("f32")
    k = KernelBuilder("shapes", [ptr(t), ptr(t), ptr(t)], divisible=(0, 1, 2))
    a, b, out = k.args
    offs = k.arange(n)
    av, bv = k.load(k.ptrs(a, offs)), k.load(k.ptrs(b, offs))
    k.store(k.ptrs(out, k.arange(2 * n)), k.op("pt.cat", av, bv, type=BlockType((2 * n,), t)))
    joined = k.op("pt.join", av, bv, type=BlockType((n, 2), t))
    at = offsets_2d(k, n, 2, k.const(2, i32))
    k.store(k.ptrs(out, k.op("pt.add", at, k.splat(k.const(2 * n, i32), (n, 2)))), joined)
    swapped = k.op("pt.join", bv, av, type=BlockType((n, 2), t))
    first, second = k.b.create("pt.split", [swapped], [BlockType((n,), t)] * 2).results
    k.store(k.ptrs(out, k.op("pt.add", offs, k.splat(k.const(4 * n, i32), (n,)))), first)
    k.store(k.ptrs(out, k.op("pt.add", offs, k.splat(k.const(5 * n, i32), (n,)))), second)
    return k.finish()


def grid_ids() -> Module:
    """out[linear program index] = pid0 + 100 * pid1 + 10000 * pid2, and out[-1] = the grid's program count."""
    k = KernelBuilder("grid_ids", [ptr(i32)], divisible=(0,))
    (out,) = k.args
    p = [k.op("pt.program_id", type=i32, axis=a) for a in range(3)]
    n = [k.op("pt.num_programs", type=i32, axis=a) for a in range(3)]
    linear = k.op("pt.add", p[0], k.op("pt.mul", n[0], k.op("pt.add", p[1], k.op("pt.mul", n[1], p[2]))))
    value = k.op("pt.add", p[0], k.op("pt.add", k.op("pt.mul", p[1], k.const(100, i32)),
                                      k.op("pt.mul", p[2], k.const(10000, i32))))
    k.store(k.op("pt.addptr", out, linear), value)
    total = k.op("pt.mul", n[0], k.op("pt.mul", n[1], n[2]))
    k.store(k.op("pt.addptr", out, total), total)
    return k.finish()


def print_values(n: int) -> Module:
    """device_print of a block of x, with a prefix."""
    k = KernelBuilder("printer", [ptr(i32)], divisible=(0,))
    (x,) = k.args
    k.b.create("pt.print", [k.load(k.ptrs(x, k.arange(n)))], attributes={"prefix": "x: "})
    return k.finish()


def assert_positive(n: int) -> Module:
    """device_assert(x > 0)."""
    k = KernelBuilder("checker", [ptr(i32)], divisible=(0,))
    (x,) = k.args
    v = k.load(k.ptrs(x, k.arange(n)))
    k.b.create("pt.assert", [k.cmp("gt", v, k.splat(k.const(0, i32), (n,)))], attributes={"message": "x > 0"})
    return k.finish()


def add_typed(n: int, dtype: str) -> Module:
    """out = x + y in `dtype`, one block."""
    t = ScalarType(dtype)
    k = KernelBuilder("add_typed", [ptr(t), ptr(t), ptr(t)], divisible=(0, 1, 2))
    x, y, out = k.args
    offs = k.arange(n)
    k.store(k.ptrs(out, offs), k.op("pt.add", k.load(k.ptrs(x, offs)), k.load(k.ptrs(y, offs))))
    return k.finish()
