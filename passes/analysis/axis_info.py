"""Axis info: per dimension of every value, divisibility, contiguity and constancy (Triton's AxisInfo).

- divisibility[d]: the largest power of two dividing the first element of
  every contiguous run along d (in bytes for pointers), capped at 2**30;
- contiguity[d]: the length of runs of values increasing by 1 along d;
- constancy[d]: the length of runs of equal values along d;
- constant: the value of every element when known (integers only).
A scalar counts as a block of shape (1,). The rules are Triton's; where
Triton claims more than holds (the divisibility of a remainder by a
contiguous block) the rule here stays sound.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Optional

from pantile.ir import Block, Module, Operation, PointerType, ScalarType, Type, Value
from pantile.ir.fold import int_binary, wrap_int
from pantile.ir.ops import ELEMENTWISE
from pantile.ir.printer import Printer

from ..manager import Analysis, register

MAX_DIVISOR = 1 << 30


def pow2_divisor(n: int) -> int:
    """The largest power of two dividing `n` (MAX_DIVISOR for 0)."""
    n = abs(int(n))
    return MAX_DIVISOR if n == 0 else min(n & -n, MAX_DIVISOR)


def multiply_divisor(a: int, b: int) -> int:
    """Divisibility of a product, capped."""
    return min(a * b, MAX_DIVISOR)


def _dims(t: Type) -> tuple[int, ...]:
    return t.shape or (1,)


@dataclass(frozen=True)
class AxisInfo:
    """What is known about one value, per dimension."""

    contiguity: tuple[int, ...]
    divisibility: tuple[int, ...]
    constancy: tuple[int, ...]
    constant: Optional[int] = None

    def __str__(self) -> str:
        def vec(v: tuple[int, ...]) -> str:
            """A vector as [a, b]."""
            return "[" + ", ".join(map(str, v)) + "]"
        const = "<none>" if self.constant is None else str(int(self.constant))
        return (f"contiguity = {vec(self.contiguity)}, divisibility = {vec(self.divisibility)}, "
                f"constancy = {vec(self.constancy)}, constant_value = {const}")

    @property
    def rank(self) -> int:
        """Number of dimensions (1 for a scalar)."""
        return len(self.contiguity)


def pessimistic(t: Type) -> AxisInfo:
    """Nothing known about a value of type `t`."""
    ones = (1,) * len(_dims(t))
    return AxisInfo(ones, ones, ones)


def of_constant(value: object, t: Type) -> AxisInfo:
    """A block (or scalar) filled with `value`."""
    dims = _dims(t)
    if isinstance(t.scalar, ScalarType) and t.scalar.is_int:
        return AxisInfo((1,) * len(dims), (pow2_divisor(int(value)),) * len(dims), dims, int(value))
    return AxisInfo((1,) * len(dims), (1,) * len(dims), dims)


def join(a: AxisInfo, b: AxisInfo) -> AxisInfo:
    """What holds for a value that is either `a` or `b` (loop-carried values, scf.if results)."""
    zip3 = lambda f, x, y: tuple(f(p, q) for p, q in zip(x, y))  # noqa: E731
    return AxisInfo(zip3(math.gcd, a.contiguity, b.contiguity), zip3(math.gcd, a.divisibility, b.divisibility),
                    zip3(math.gcd, a.constancy, b.constancy), a.constant if a.constant == b.constant else None)


def _with_constant(info: AxisInfo, constant: Optional[int]) -> AxisInfo:
    if constant is None:
        return info
    return AxisInfo(info.contiguity, (pow2_divisor(constant),) * info.rank, info.constancy, int(constant))


def _int_constant(op: Operation, name: str, lhs: AxisInfo, rhs: AxisInfo) -> Optional[int]:
    t = op.results[0].type.scalar
    if lhs.constant is None or rhs.constant is None or not isinstance(t, ScalarType) or not t.is_int:
        return None
    r = int_binary(name, lhs.constant, rhs.constant, t)
    return None if r is None else int(r)


# Rules: (op, operand infos) -> one AxisInfo per result ------------------------------------
Rule = Callable[[Operation, list[AxisInfo]], list[AxisInfo]]


def _elementwise(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
    """An unknown elementwise op: runs of equal inputs give equal outputs."""
    rank = len(_dims(op.results[0].type))
    constancy = tuple(math.gcd(*(i.constancy[d] for i in ins)) if ins else 1 for d in range(rank))
    return [AxisInfo((1,) * rank, (1,) * rank, constancy)]


def _pointee_bytes(t: Type) -> int:
    pointee = t.scalar.pointee
    return max(1, pointee.bitwidth // 8) if isinstance(pointee, ScalarType) else 8


def _add_sub(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
    lhs, rhs = ins
    scale = _pointee_bytes(op.ptr.type) if op.name == "pt.addptr" else 1
    contiguity, divisibility, constancy = [], [], []
    for d in range(lhs.rank):
        if op.name == "pt.sub":  # a contiguous right-hand side gives a decreasing sequence
            contiguity.append(math.gcd(lhs.contiguity[d], rhs.constancy[d]))
        else:
            contiguity.append(max(math.gcd(lhs.constancy[d], rhs.contiguity[d]),
                                  math.gcd(lhs.contiguity[d], rhs.constancy[d])))
        divisibility.append(math.gcd(lhs.divisibility[d], multiply_divisor(rhs.divisibility[d], scale)))
        constancy.append(math.gcd(lhs.constancy[d], rhs.constancy[d]))
    info = AxisInfo(tuple(contiguity), tuple(divisibility), tuple(constancy))
    if op.name == "pt.addptr":
        return [info]
    return [_with_constant(info, _int_constant(op, op.name[3:], lhs, rhs))]


def _mul(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
    lhs, rhs = ins
    contiguity, divisibility, constancy = [], [], []
    for d in range(lhs.rank):
        contiguity.append(max(lhs.contiguity[d] if rhs.constant == 1 else 1,
                              rhs.contiguity[d] if lhs.constant == 1 else 1))
        # a run [2^n, 2^n+1, ...] times k is divisible by k only: count its divisibility as 1
        ld = 1 if lhs.contiguity[d] > 1 and rhs.constant != 1 else lhs.divisibility[d]
        rd = 1 if rhs.contiguity[d] > 1 and lhs.constant != 1 else rhs.divisibility[d]
        divisibility.append(multiply_divisor(ld, rd))
        constancy.append(math.gcd(lhs.constancy[d], rhs.constancy[d]))
    info = AxisInfo(tuple(contiguity), tuple(divisibility), tuple(constancy))
    return [_with_constant(info, _int_constant(op, "mul", lhs, rhs))]


def _is_contiguous_dim(info: AxisInfo, shape: tuple[int, ...], d: int) -> bool:
    return info.contiguity[d] == shape[d]


def _is_constant_dim(info: AxisInfo, shape: tuple[int, ...], d: int) -> bool:
    return info.constancy[d] == shape[d]


def _div(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
    lhs, rhs = ins
    if not op.results[0].type.scalar.is_int:
        return _elementwise(op, ins)
    shape = _dims(op.results[0].type)
    contiguity, divisibility, constancy = [], [], []
    for d in range(lhs.rank):
        contiguity.append(lhs.contiguity[d] if rhs.constant == 1 else 1)
        c = math.gcd(lhs.constancy[d], rhs.constancy[d])
        if _is_contiguous_dim(lhs, shape, d) and _is_constant_dim(rhs, shape, d):
            c = max(c, math.gcd(lhs.contiguity[d], math.gcd(lhs.divisibility[d], rhs.divisibility[d])))
        constancy.append(c)
        divisibility.append(lhs.divisibility[d] if lhs.constant == 0 or rhs.constant == 1 else 1)
    info = AxisInfo(tuple(contiguity), tuple(divisibility), tuple(constancy))
    return [_with_constant(info, _int_constant(op, "div", lhs, rhs))]


def _rem(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
    lhs, rhs = ins
    if not op.results[0].type.scalar.is_int:
        return _elementwise(op, ins)
    shape = _dims(op.results[0].type)
    contiguity, divisibility, constancy = [], [], []
    for d in range(lhs.rank):
        c = 1
        if _is_contiguous_dim(lhs, shape, d) and _is_constant_dim(rhs, shape, d):
            c = math.gcd(lhs.contiguity[d], math.gcd(lhs.divisibility[d], rhs.divisibility[d]))
        contiguity.append(c)
        rd = 1 if rhs.contiguity[d] > 1 else rhs.divisibility[d]
        divisibility.append(math.gcd(lhs.divisibility[d], rd))
        constancy.append(shape[d] if rhs.constant == 1 else math.gcd(lhs.constancy[d], rhs.constancy[d]))
    info = AxisInfo(tuple(contiguity), tuple(divisibility), tuple(constancy))
    constant = 0 if rhs.constant == 1 else _int_constant(op, "rem", lhs, rhs)
    return [_with_constant(info, constant)]


def _shift(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
    lhs, rhs = ins
    contiguity, divisibility, constancy = [], [], []
    for d in range(lhs.rank):
        contiguity.append(lhs.contiguity[d] if rhs.constant == 0 else 1)
        ld = 1 if lhs.contiguity[d] > 1 and rhs.constant != 0 else lhs.divisibility[d]
        if op.name == "pt.shl":
            shift = rhs.constant if rhs.constant is not None else 0
            divisibility.append(MAX_DIVISOR if shift >= 30 else multiply_divisor(ld, 1 << max(shift, 0)))
        elif rhs.constant is not None and rhs.constant >= 0:
            divisibility.append(max(1, ld >> rhs.constant) if ld < MAX_DIVISOR else ld)
        else:
            divisibility.append(1)
        constancy.append(math.gcd(lhs.constancy[d], rhs.constancy[d]))
    info = AxisInfo(tuple(contiguity), tuple(divisibility), tuple(constancy))
    return [_with_constant(info, _int_constant(op, op.name[3:], lhs, rhs))]


def _logical(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
    (info,) = _elementwise(op, ins)
    return [_with_constant(info, _int_constant(op, op.name[3:], *ins))]


def _max_min(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
    lhs, rhs = ins
    if not op.results[0].type.scalar.is_int:
        return _elementwise(op, ins)
    info = join(lhs, rhs)
    return [_with_constant(AxisInfo(info.contiguity, info.divisibility, info.constancy),
                           _int_constant(op, op.name[3:], lhs, rhs))]


def _cmp(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
    lhs, rhs = ins
    shape = _dims(op.results[0].type)
    pred = op.attributes["predicate"]
    constancy = []
    for d in range(lhs.rank):
        if lhs.constant is not None and rhs.constant is not None:
            c = shape[d]
        else:
            c = math.gcd(lhs.constancy[d], rhs.constancy[d])
            # constant vs contiguous runs: the comparison changes at most at a run boundary
            if pred in ("gt", "le") and _is_constant_dim(lhs, shape, d):
                c = max(c, math.gcd(rhs.contiguity[d], math.gcd(lhs.divisibility[d], rhs.divisibility[d])))
            elif pred in ("lt", "ge") and _is_constant_dim(rhs, shape, d):
                c = max(c, math.gcd(lhs.contiguity[d], math.gcd(lhs.divisibility[d], rhs.divisibility[d])))
        constancy.append(c)
    ones = (1,) * lhs.rank
    return [AxisInfo(ones, ones, tuple(constancy))]


def _select(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
    cond, lhs, rhs = ins
    if cond.constant is not None:
        return [lhs if cond.constant else rhs]
    scalar_cond = not op.cond.type.shape
    contiguity, divisibility, constancy = [], [], []
    for d in range(lhs.rank):
        if scalar_cond:
            constancy.append(min(lhs.constancy[d], rhs.constancy[d]))
            contiguity.append(min(lhs.contiguity[d], rhs.contiguity[d]))
            divisibility.append(min(lhs.divisibility[d], rhs.divisibility[d]))
            continue
        cc = cond.constancy[d]
        constancy.append(min(math.gcd(lhs.constancy[d], cc), math.gcd(rhs.constancy[d], cc)))
        contig = min(math.gcd(lhs.contiguity[d], cc), math.gcd(rhs.contiguity[d], cc))
        contiguity.append(contig)
        if contig == lhs.contiguity[d] == rhs.contiguity[d]:
            divisibility.append(math.gcd(lhs.divisibility[d], rhs.divisibility[d]))
        else:  # runs were cut: only the run length is known to divide their starts
            divisibility.append(min(math.gcd(lhs.divisibility[d], contig), math.gcd(rhs.divisibility[d], contig)))
    constant = lhs.constant if lhs.constant is not None and lhs.constant == rhs.constant else None
    return [AxisInfo(tuple(contiguity), tuple(divisibility), tuple(constancy), constant)]


def _cast(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
    src, dst = op.operands[0].type.scalar, op.results[0].type.scalar
    if src.is_int and dst.is_int and not dst.is_bool:
        (info,) = ins
        constant = None if info.constant is None else int(wrap_int(info.constant, dst))
        return [AxisInfo(info.contiguity, info.divisibility, info.constancy, constant)]
    return _elementwise(op, ins)


def _bitcast(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
    src, dst = op.operands[0].type.scalar, op.results[0].type.scalar
    if isinstance(src, PointerType) or (isinstance(dst, ScalarType) and dst.is_int):
        return [ins[0]]
    info = ins[0]
    return [AxisInfo(info.contiguity, info.divisibility, info.constancy)]


def same_as_operand(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
    """Rule for ops that only relabel their first operand (casts of addresses, layout conversions)."""
    return [ins[0]]


def _constant(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
    return [of_constant(op.attributes["value"], op.results[0].type)]


def _make_range(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
    start, end = op.attributes["start"], op.attributes["end"]
    return [AxisInfo((end - start,), (pow2_divisor(start),), (1,))]


def _splat(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
    (src,) = ins
    shape = op.results[0].type.shape
    return [AxisInfo((1,) * len(shape), (src.divisibility[0],) * len(shape), shape, src.constant)]


def _broadcast(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
    (src,) = ins
    src_shape, dst_shape = _dims(op.operands[0].type), _dims(op.results[0].type)
    stretched = [s == 1 and t != 1 for s, t in zip(src_shape, dst_shape)]
    return [AxisInfo(tuple(1 if st else c for st, c in zip(stretched, src.contiguity)), src.divisibility,
                     tuple(t if st else c for st, t, c in zip(stretched, dst_shape, src.constancy)), src.constant)]


def _expand_dims(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
    (src,) = ins
    axis = op.attributes["axis"]
    if src.constant is not None:
        new_div = pow2_divisor(src.constant)
    else:  # the new dimension's elements are the old ones: a run [2^n, 2^n+1, ...] counts as 1
        new_div = 0
        for c, dv in zip(src.contiguity, src.divisibility):
            new_div = math.gcd(new_div, 1 if c > 1 else dv)
    if not op.operands[0].type.shape:  # a scalar becomes a block of shape (1,)
        return [AxisInfo((1,), (new_div,), (1,), src.constant)]
    ins_at = lambda v, x: v[:axis] + (x,) + v[axis:]  # noqa: E731
    return [AxisInfo(ins_at(src.contiguity, 1), ins_at(src.divisibility, new_div), ins_at(src.constancy, 1),
                     src.constant)]


def _permute(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
    (src,) = ins
    order = list(op.attributes["order"])
    pick = lambda v: tuple(v[i] for i in order)  # noqa: E731
    return [AxisInfo(pick(src.contiguity), pick(src.divisibility), pick(src.constancy), src.constant)]


def _hint(field: str) -> Rule:
    def rule(op: Operation, ins: list[AxisInfo]) -> list[AxisInfo]:
        """The operand's info with `field` replaced by the hint's values."""
        values = {"contiguity": ins[0].contiguity, "divisibility": ins[0].divisibility, "constancy": ins[0].constancy}
        values[field] = tuple(op.attributes["values"])
        return [AxisInfo(values["contiguity"], values["divisibility"], values["constancy"], ins[0].constant)]
    return rule


RULES: dict[str, Rule] = {
    "pt.constant": _constant, "pt.make_range": _make_range, "pt.splat": _splat, "pt.broadcast": _broadcast,
    "pt.expand_dims": _expand_dims, "pt.permute": _permute,
    "pt.add": _add_sub, "pt.sub": _add_sub, "pt.addptr": _add_sub, "pt.mul": _mul, "pt.div": _div,
    "pt.rem": _rem, "pt.shl": _shift, "pt.shr": _shift, "pt.and": _logical, "pt.or": _logical,
    "pt.xor": _logical, "pt.max": _max_min, "pt.min": _max_min, "pt.cmp": _cmp, "pt.select": _select,
    "pt.cast": _cast, "pt.bitcast": _bitcast, "pt.ptr_to_int": same_as_operand, "pt.int_to_ptr": same_as_operand,
    "pt.multiple_of": _hint("divisibility"), "pt.max_contiguous": _hint("contiguity"),
    "pt.max_constancy": _hint("constancy"),
}


def register_rule(op_name: str, rule: Rule) -> None:
    """Teach the analysis an op of another dialect (a target's ops register from the target's own folder)."""
    if op_name in RULES:
        raise ValueError(f"axis info already has a rule for {op_name}")
    RULES[op_name] = rule


class AxisInfoResult:
    """Axis info of every value of a module."""

    def __init__(self) -> None:
        self.info: dict[Value, AxisInfo] = {}

    def __getitem__(self, value: Value) -> AxisInfo:
        """The info of `value` (pessimistic for a value the analysis never reached)."""
        return self.info.get(value) or pessimistic(value.type)

    def format(self, module: Module) -> str:
        """The module's text, each function followed by one comment line per value."""
        out = []
        for op in module.ops:
            printer = Printer()
            printer.op(op)
            out.append(printer.text())
            for value, name in printer.namer.names.items():
                out.append(f"// {name}: {self[value]}\n")
        return "".join(out)


class _Propagator:
    """Visits ops in order, iterating loops to a fixed point."""

    def __init__(self, result: AxisInfoResult) -> None:
        self.result = result

    def function(self, fn: Operation) -> None:
        """Seed the arguments from `arg_attrs`, then visit the body."""
        entry = fn.regions[0].entry
        arg_attrs = fn.attributes.get("arg_attrs") or [{}] * len(entry.args)
        for arg, attrs in zip(entry.args, arg_attrs):
            info = pessimistic(arg.type)
            fields = {k: tuple(v) if isinstance(v, (list, tuple)) else (v,) * info.rank
                      for k, v in attrs.items() if k in ("contiguity", "divisibility", "constancy")}
            self.result.info[arg] = AxisInfo(fields.get("contiguity", info.contiguity),
                                             fields.get("divisibility", info.divisibility),
                                             fields.get("constancy", info.constancy))
        self.block(entry)

    def block(self, block: Block) -> None:
        """Visit the ops of `block` in order."""
        for op in block.ops:
            self.op(op)

    def _set(self, values: list[Value], infos: list[AxisInfo]) -> None:
        for v, i in zip(values, infos):
            self.result.info[v] = i

    def op(self, op: Operation) -> None:
        """Compute the info of `op`'s results (and of values nested in it)."""
        ins = [self.result[v] for v in op.operands]
        if op.name == "scf.for":
            self._for(op, ins)
        elif op.name == "scf.if":
            self._if(op)
        elif op.name == "scf.while":
            self._while(op, ins)
        elif op.name in RULES:
            self._set(op.results, RULES[op.name](op, ins))
        elif op.opdef is not None and op.opdef.has(ELEMENTWISE) and op.results:
            self._set(op.results, _elementwise(op, ins))
        else:
            for region in op.regions:
                for block in region.blocks:
                    self._set(block.args, [pessimistic(a.type) for a in block.args])
                    self.block(block)
            self._set(op.results, [pessimistic(r.type) for r in op.results])

    def _for(self, op: Operation, ins: list[AxisInfo]) -> None:
        lb, _, step, *inits = ins
        body = op.regions[0].entry
        iv = AxisInfo((1,), (math.gcd(lb.divisibility[0], step.divisibility[0]),), (1,))
        carried = inits
        while True:
            self._set(body.args, [iv] + carried)
            self.block(body)
            yielded = [self.result[v] for v in body.terminator.operands]
            merged = [join(c, y) for c, y in zip(carried, yielded)]
            if merged == carried:
                break
            carried = merged
        self._set(op.results, carried)

    def _if(self, op: Operation) -> None:
        branches = []
        for region in op.regions:
            if region.blocks:
                self.block(region.entry)
                term = region.entry.terminator
                branches.append([self.result[v] for v in term.operands] if term is not None else [])
        results = [pessimistic(r.type) for r in op.results]
        if len(branches) == 2 and op.results:
            results = [join(a, b) for a, b in zip(*branches)]
        self._set(op.results, results)

    def _while(self, op: Operation, ins: list[AxisInfo]) -> None:
        before, after = op.regions[0].entry, op.regions[1].entry
        carried = ins
        while True:
            self._set(before.args, carried)
            self.block(before)
            passed = [self.result[v] for v in before.terminator.values]
            self._set(after.args, passed)
            self.block(after)
            merged = [join(c, self.result[v]) for c, v in zip(carried, after.terminator.operands)]
            if merged == carried:
                break
            carried = merged
        self._set(op.results, passed)


@register
class AxisInfoAnalysis(Analysis):
    """Divisibility, contiguity and constancy of every value."""

    name = "axis-info"

    def compute(self, module: Module) -> AxisInfoResult:
        """Axis info of every value in every function of `module`."""
        result = AxisInfoResult()
        propagator = _Propagator(result)
        for fn in module.functions():
            propagator.function(fn)
        return result
