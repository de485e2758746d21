"""The `pt` dialect: block-level kernel operations, declared as data.

Semantics every target implements (types carry signedness, as in Triton):
- Integer arithmetic wraps; `pt.div`/`pt.rem` on integers follow C (truncate
  toward zero, remainder has the dividend's sign), signed or unsigned by type;
  on floats `pt.div` is IEEE division, `pt.rem` is fmod.
- `pt.shr` is arithmetic for signed and logical for unsigned types.
- `pt.max`/`pt.min` on floats return the non-NaN operand unless
  `propagate_nan` is true.
- `pt.cmp` yields i1; float predicates are ordered, except `ne` (unordered).
- `pt.cast` converts by value (int<->float truncates toward zero, to i1 means
  != 0); `rounding` ('rtne' or 'rtz') applies to float narrowing.
- A scalar takes part in broadcasting as a block of rank 0, but elementwise
  ops require equal shapes: the frontend inserts splat/broadcast.
"""
from __future__ import annotations

from .ops import (ANY, BOOL, COMMUTATIVE, ELEMENTWISE, FLOAT, INT, INT_OR_PTR, NUMERIC, PTR, PURE, READS,
                  SAME_OPERAND_TYPES, SAME_OPERANDS_AND_RESULT, SCALAR_BOOL, SCALAR_I32, TERMINATOR,
                  VALUE, WRITES, Attr, Constraint, Operand, Result, define)
from .types import BlockType, PointerType, ScalarType, block_of

CACHE = ("", "ca", "cg", "cv")
EVICT = ("", "evict_normal", "evict_first", "evict_last")
SEM = ("relaxed", "acquire", "release", "acq_rel")
SCOPE = ("cta", "gpu", "sys")
RMW_KINDS = ("add", "fadd", "max", "min", "umax", "umin", "and", "or", "xor", "xchg")
CMP_PREDICATES = ("eq", "ne", "lt", "le", "gt", "ge")
ROUNDING = ("rtne", "rtz")
INPUT_PRECISION = ("ieee", "tf32", "tf32x3")


def _same_shape(op) -> str | None:
    shapes = {v.type.shape for v in op.operands} | {r.type.shape for r in op.results}
    if len(shapes) > 1:
        return "operands and results must have the same shape, got " + ", ".join(
            sorted(str(list(s)) for s in shapes))
    return None


# Elementwise arithmetic ------------------------------------------------------
_BINARY = {
    "add": (NUMERIC, (COMMUTATIVE,)), "sub": (NUMERIC, ()), "mul": (NUMERIC, (COMMUTATIVE,)),
    "div": (NUMERIC, ()), "rem": (NUMERIC, ()),
    "and": (INT, (COMMUTATIVE,)), "or": (INT, (COMMUTATIVE,)), "xor": (INT, (COMMUTATIVE,)),
    "shl": (INT, ()), "shr": (INT, ()),
    "max": (NUMERIC, (COMMUTATIVE,)), "min": (NUMERIC, (COMMUTATIVE,)),
    "div_rn": (FLOAT, ()),
}
for _name, (_c, _traits) in _BINARY.items():
    define(f"pt.{_name}", operands=(Operand("lhs", _c), Operand("rhs", _c)), results=(Result("result", _c),),
           attributes={"propagate_nan": Attr("bool", required=False)} if _name in ("max", "min") else {},
           traits=(PURE, ELEMENTWISE, SAME_OPERANDS_AND_RESULT) + _traits,
           doc=f"elementwise {_name}")

_UNARY_MATH = ("exp", "exp2", "log", "log2", "sqrt", "rsqrt", "sin", "cos", "floor", "ceil", "erf",
               "sqrt_rn")
for _name in _UNARY_MATH:
    define(f"pt.{_name}", operands=(Operand("x", FLOAT),), results=(Result("result", FLOAT),),
           traits=(PURE, ELEMENTWISE, SAME_OPERANDS_AND_RESULT), doc=f"elementwise {_name}")
define("pt.abs", operands=(Operand("x", NUMERIC),), results=(Result("result", NUMERIC),),
       traits=(PURE, ELEMENTWISE, SAME_OPERANDS_AND_RESULT), doc="absolute value")
define("pt.neg", operands=(Operand("x", NUMERIC),), results=(Result("result", NUMERIC),),
       traits=(PURE, ELEMENTWISE, SAME_OPERANDS_AND_RESULT), doc="negation")
define("pt.not", operands=(Operand("x", INT),), results=(Result("result", INT),),
       traits=(PURE, ELEMENTWISE, SAME_OPERANDS_AND_RESULT), doc="bitwise not")
define("pt.fma", operands=(Operand("a", FLOAT), Operand("b", FLOAT), Operand("c", FLOAT)),
       results=(Result("result", FLOAT),), traits=(PURE, ELEMENTWISE, SAME_OPERANDS_AND_RESULT),
       doc="fused multiply-add a*b+c, one rounding")


def _verify_cmp(op) -> str | None:
    if op.results[0].type.scalar != ScalarType("i1"):
        return "result must have element type i1"
    return _same_shape(op)


define("pt.cmp", operands=(Operand("lhs", VALUE), Operand("rhs", VALUE)), results=(Result("result", BOOL),),
       attributes={"predicate": Attr("str", choices=CMP_PREDICATES)},
       traits=(PURE, ELEMENTWISE, SAME_OPERAND_TYPES), verify=_verify_cmp, doc="comparison to i1")


def _verify_select(op) -> str | None:
    c, a, b = op.operands
    if a.type != b.type or a.type != op.results[0].type:
        return "true and false values and the result must have the same type"
    return _same_shape(op)


define("pt.select", operands=(Operand("cond", BOOL), Operand("true_value", ANY), Operand("false_value", ANY)),
       results=(Result("result", ANY),), traits=(PURE, ELEMENTWISE), verify=_verify_select,
       doc="elementwise cond ? a : b")


def _verify_cast(op) -> str | None:
    src, dst = op.operands[0].type, op.results[0].type
    if src.shape != dst.shape:
        return "cast must keep the shape"
    if isinstance(src.scalar, PointerType) or isinstance(dst.scalar, PointerType):
        return "use pt.bitcast, pt.ptr_to_int or pt.int_to_ptr for pointers"
    return None


def _verify_bitcast(op) -> str | None:
    src, dst = op.operands[0].type, op.results[0].type
    if src.shape != dst.shape:
        return "bitcast must keep the shape"
    s, d = src.scalar, dst.scalar
    if isinstance(s, PointerType) != isinstance(d, PointerType):
        return "bitcast between pointer and non-pointer types; use pt.ptr_to_int or pt.int_to_ptr"
    if isinstance(s, ScalarType) and s.bitwidth != d.bitwidth:
        return f"bitcast needs equal bit widths, got {s} and {d}"
    return None


define("pt.cast", operands=(Operand("x", NUMERIC),), results=(Result("result", NUMERIC),),
       attributes={"rounding": Attr("str", required=False, choices=ROUNDING)},
       traits=(PURE, ELEMENTWISE), verify=_verify_cast, doc="value conversion")
define("pt.bitcast", operands=(Operand("x", VALUE),), results=(Result("result", VALUE),),
       traits=(PURE, ELEMENTWISE), verify=_verify_bitcast, doc="reinterpret bits")
define("pt.ptr_to_int", operands=(Operand("x", PTR),), results=(Result("result", INT),),
       traits=(PURE, ELEMENTWISE), verify=_same_shape, doc="pointer to integer address")
define("pt.int_to_ptr", operands=(Operand("x", INT),), results=(Result("result", PTR),),
       traits=(PURE, ELEMENTWISE), verify=_same_shape, doc="integer address to pointer")


def _verify_addptr(op) -> str | None:
    p, off = op.operands
    if op.results[0].type != p.type:
        return "result must have the pointer operand's type"
    if p.type.shape != off.type.shape:
        return "pointer and offset must have the same shape"
    return None


define("pt.addptr", operands=(Operand("ptr", PTR), Operand("offset", INT)), results=(Result("result", PTR),),
       traits=(PURE, ELEMENTWISE), verify=_verify_addptr, doc="ptr + offset elements")


def _verify_constant(op) -> str | None:
    v, t = op.attributes["value"], op.results[0].type.scalar
    if isinstance(t, PointerType):
        return "constant of pointer type"
    if t.is_float and not isinstance(v, (int, float)):
        return "float constant needs a number"
    if t.is_int and (isinstance(v, float) or not isinstance(v, int)):
        return f"integer constant needs an integer value, got {v!r}"
    return None


define("pt.constant", results=(Result("result", NUMERIC),), attributes={"value": Attr("number")},
       traits=(PURE,), verify=_verify_constant, doc="a scalar, or a block filled with one value")

# Program ids and ranges -------------------------------------------------------
for _name in ("program_id", "num_programs"):
    define(f"pt.{_name}", results=(Result("result", SCALAR_I32),),
           attributes={"axis": Attr("int")}, traits=(PURE,),
           verify=lambda op: None if op.attributes["axis"] in (0, 1, 2) else "axis must be 0, 1 or 2",
           doc=f"{_name} along axis 0, 1 or 2")


def _verify_make_range(op) -> str | None:
    s, e = op.attributes["start"], op.attributes["end"]
    t = op.results[0].type
    if e <= s:
        return "end must be greater than start"
    if t != BlockType((e - s,), ScalarType("i32")):
        return f"result must be block<{e - s}xi32>"
    return None


define("pt.make_range", results=(Result("result", INT),), attributes={"start": Attr("int"), "end": Attr("int")},
       traits=(PURE,), verify=_verify_make_range, doc="block [start, end) of i32")

# Shape ops -------------------------------------------------------------------


def _verify_splat(op) -> str | None:
    src, dst = op.operands[0].type, op.results[0].type
    if isinstance(src, BlockType):
        return "splat operand must be a scalar"
    if not isinstance(dst, BlockType) or dst.element != src:
        return "result must be a block of the operand's type"
    return None


def _verify_broadcast(op) -> str | None:
    src, dst = op.operands[0].type, op.results[0].type
    if src.scalar != dst.scalar or len(src.shape) != len(dst.shape):
        return "broadcast keeps the element type and the rank"
    for s, d in zip(src.shape, dst.shape):
        if s != d and s != 1:
            return f"cannot broadcast shape {list(src.shape)} to {list(dst.shape)}"
    return None


def _verify_expand_dims(op) -> str | None:
    src, dst = op.operands[0].type, op.results[0].type
    ax = op.attributes["axis"]
    if not 0 <= ax <= len(src.shape):
        return f"axis {ax} out of range"
    want = src.shape[:ax] + (1,) + src.shape[ax:]
    if dst.shape != want or dst.scalar != src.scalar:
        return f"result must have shape {list(want)}"
    return None


def _verify_reshape(op) -> str | None:
    src, dst = op.operands[0].type, op.results[0].type
    if src.scalar != dst.scalar:
        return "reshape keeps the element type"
    n = lambda s: __import__("math").prod(s)  # noqa: E731
    if n(src.shape) != n(dst.shape):
        return f"cannot reshape {list(src.shape)} to {list(dst.shape)}"
    return None


def _verify_permute(op) -> str | None:
    src, dst = op.operands[0].type, op.results[0].type
    order = list(op.attributes["order"])
    if sorted(order) != list(range(len(src.shape))):
        return f"order {order} is not a permutation of the dimensions"
    if dst.shape != tuple(src.shape[i] for i in order) or dst.scalar != src.scalar:
        return "result shape does not match the permutation"
    return None


def _verify_join(op) -> str | None:
    a, b = op.operands
    if a.type != b.type:
        return "join operands must have the same type"
    if not a.type.shape:
        return "join operands must be blocks; join scalars as blocks of one element"
    if op.results[0].type != block_of(a.type.shape + (2,), a.type.scalar):
        return "result must add a trailing dimension of 2"
    return None


def _verify_split(op) -> str | None:
    src = op.operands[0].type
    if not src.shape or src.shape[-1] != 2:
        return "split needs a trailing dimension of 2"
    if len(src.shape) == 1:
        return "split results must be blocks; split a block of 2 as [1, 2] and reduce each half"
    want = block_of(src.shape[:-1], src.scalar)
    if any(r.type != want for r in op.results):
        return "results must drop the trailing dimension"
    return None


def _verify_cat(op) -> str | None:
    a, b = op.operands
    if a.type != b.type or len(a.type.shape) != 1:
        return "cat operands must be rank-1 blocks of the same type"
    if op.results[0].type != block_of((2 * a.type.shape[0],), a.type.scalar):
        return "result must be the concatenation"
    return None


define("pt.splat", operands=(Operand("x"),), results=(Result("result"),), traits=(PURE,),
       verify=_verify_splat, doc="scalar to block")
define("pt.broadcast", operands=(Operand("x"),), results=(Result("result"),), traits=(PURE,),
       verify=_verify_broadcast, doc="stretch dimensions of size 1")
define("pt.expand_dims", operands=(Operand("x"),), results=(Result("result"),),
       attributes={"axis": Attr("int")}, traits=(PURE,), verify=_verify_expand_dims,
       doc="insert a dimension of size 1")
define("pt.reshape", operands=(Operand("x"),), results=(Result("result"),),
       attributes={"can_reorder": Attr("bool", required=False)}, traits=(PURE,), verify=_verify_reshape,
       doc="row-major reshape")
define("pt.permute", operands=(Operand("x"),), results=(Result("result"),),
       attributes={"order": Attr("ints")}, traits=(PURE,), verify=_verify_permute, doc="transpose")
define("pt.join", operands=(Operand("a"), Operand("b")), results=(Result("result"),), traits=(PURE,),
       verify=_verify_join, doc="stack along a new trailing dimension of 2")
define("pt.split", operands=(Operand("x"),), results=(Result("a"), Result("b")), traits=(PURE,),
       verify=_verify_split, doc="inverse of join")
define("pt.cat", operands=(Operand("a"), Operand("b")), results=(Result("result"),), traits=(PURE,),
       verify=_verify_cat, doc="concatenate rank-1 blocks")

# Memory ------------------------------------------------------------------------


def _check_mask(op, ptr, mask) -> str | None:
    if mask is not None and mask.type.shape != ptr.type.shape:
        return "mask must have the pointer's shape"
    return None


def _verify_load(op) -> str | None:
    ptr, *rest = op.operands
    want = block_of(ptr.type.shape, ptr.type.scalar.pointee)
    if op.results[0].type != want:
        return f"result must be {want}"
    if len(rest) == 2 and rest[1].type != want:
        return f"other must be {want}"
    return _check_mask(op, ptr, rest[0] if rest else None)


def _verify_store(op) -> str | None:
    ptr, val, *rest = op.operands
    want = block_of(ptr.type.shape, ptr.type.scalar.pointee)
    if val.type != want:
        return f"stored value must be {want}"
    return _check_mask(op, ptr, rest[0] if rest else None)


def _verify_atomic_rmw(op) -> str | None:
    ptr, val, *rest = op.operands
    want = block_of(ptr.type.shape, ptr.type.scalar.pointee)
    if val.type != want or op.results[0].type != want:
        return f"value and result must be {want}"
    return _check_mask(op, ptr, rest[0] if rest else None)


def _verify_atomic_cas(op) -> str | None:
    ptr, cmp, val = op.operands
    want = block_of(ptr.type.shape, ptr.type.scalar.pointee)
    if cmp.type != want or val.type != want or op.results[0].type != want:
        return f"compare value, new value and result must be {want}"
    return None


def _verify_atomic_poll(op) -> str | None:
    ptr, expected, *timeout = op.operands
    pointee = ptr.type.scalar.pointee
    if not pointee.is_int or pointee.bitwidth not in (16, 32, 64):
        return f"polled elements must be 16-, 32- or 64-bit integers, got {pointee}"
    if expected.type != block_of(ptr.type.shape, pointee):
        return f"expected value must be {block_of(ptr.type.shape, pointee)}"
    if op.results[0].type != block_of(ptr.type.shape, ScalarType("i1")):
        return f"result must be {block_of(ptr.type.shape, ScalarType('i1'))}"
    if timeout and timeout[0].type != ScalarType("u64"):
        return "timeout must be a u64 scalar (nanoseconds)"
    return None


_MEM_ATTRS = {"cache": Attr("str", required=False, choices=CACHE),
              "evict": Attr("str", required=False, choices=EVICT)}
_ATOMIC_ATTRS = {"sem": Attr("str", choices=SEM), "scope": Attr("str", choices=SCOPE)}
define("pt.load", operands=(Operand("ptr", PTR), Operand("mask", BOOL, "optional"), Operand("other", VALUE, "optional")),
       results=(Result("result", VALUE),), attributes={**_MEM_ATTRS, "volatile": Attr("bool", required=False)},
       traits=(READS,), verify=_verify_load, doc="masked gather; masked-off lanes read `other` (or undefined)")
define("pt.store", operands=(Operand("ptr", PTR), Operand("value", VALUE), Operand("mask", BOOL, "optional")),
       attributes=_MEM_ATTRS, traits=(WRITES,), verify=_verify_store, doc="masked scatter")
define("pt.atomic_rmw", operands=(Operand("ptr", PTR), Operand("value", NUMERIC), Operand("mask", BOOL, "optional")),
       results=(Result("result", NUMERIC),),
       attributes={"kind": Attr("str", choices=RMW_KINDS), **_ATOMIC_ATTRS},
       traits=(READS, WRITES), verify=_verify_atomic_rmw, doc="atomic read-modify-write; returns the old value")
define("pt.atomic_cas", operands=(Operand("ptr", PTR), Operand("cmp", NUMERIC), Operand("value", NUMERIC)),
       results=(Result("result", NUMERIC),), attributes=_ATOMIC_ATTRS, traits=(READS, WRITES),
       verify=_verify_atomic_cas, doc="atomic compare-and-swap; returns the old value")
define("pt.atomic_load", operands=(Operand("ptr", PTR), Operand("mask", BOOL, "optional")),
       results=(Result("result", VALUE),),
       attributes={"sem": Attr("str", choices=("relaxed", "acquire")), "scope": Attr("str", choices=SCOPE)},
       traits=(READS, WRITES), verify=_verify_load,
       doc="atomic read (an acquire orders later accesses after it); masked-off lanes are undefined")
define("pt.atomic_store", operands=(Operand("ptr", PTR), Operand("value", VALUE), Operand("mask", BOOL, "optional")),
       attributes={"sem": Attr("str", choices=("relaxed", "release")), "scope": Attr("str", choices=SCOPE)},
       traits=(WRITES,), verify=_verify_store,
       doc="atomic write (a release orders earlier accesses before it)")
define("pt.atomic_poll", operands=(Operand("ptr", PTR), Operand("expected", INT), Operand("timeout", ANY, "optional")),
       results=(Result("result", BOOL),),
       attributes={"sem": Attr("str", choices=("relaxed", "acquire")), "scope": Attr("str", choices=SCOPE)},
       traits=(READS, WRITES), verify=_verify_atomic_poll,
       doc="atomic reads of each element until it equals `expected` or `timeout` nanoseconds have passed since the "
           "op began (each element is read at least once); true where it was seen")

# Dot, reduce, scan ---------------------------------------------------------------


def _verify_dot(op) -> str | None:
    a, b, c = (v.type for v in op.operands)
    if len(a.shape) not in (2, 3) or not len(a.shape) == len(b.shape) == len(c.shape):
        return "dot operands must be rank-2 blocks, or rank-3 blocks (a batch of them)"
    *batch, m, k = a.shape
    *batch_b, k2, n = b.shape
    if k != k2:
        return f"inner dimensions differ: {k} and {k2}"
    if batch != batch_b:
        return f"batch dimensions differ: {batch[0]} and {batch_b[0]}"
    shape = (*batch, m, n)
    if c.shape != shape or op.results[0].type != c:
        return f"accumulator and result must be block<{'x'.join(map(str, shape))}x{c.scalar}>"
    if a.scalar != b.scalar:
        return "a and b must have the same element type"
    return None


define("pt.dot", operands=(Operand("a", NUMERIC), Operand("b", NUMERIC), Operand("acc", NUMERIC)),
       results=(Result("result", NUMERIC),),
       attributes={"input_precision": Attr("str", required=False, choices=INPUT_PRECISION),
                   "max_num_imprecise_acc": Attr("int", required=False)},
       traits=(PURE,), verify=_verify_dot, doc="matrix product a @ b + acc (batched over the first dimension at rank 3)")


def _verify_combine(op, keep_shape: bool) -> str | None:
    ax = op.attributes["axis"]
    srcs = op.operands
    if not srcs:
        return "needs at least one operand"
    shape = srcs[0].type.shape
    if any(s.type.shape != shape for s in srcs):
        return "operands must have the same shape"
    if not 0 <= ax < len(shape):
        return f"axis {ax} out of range for shape {list(shape)}"
    out_shape = shape if keep_shape else shape[:ax] + shape[ax + 1:]
    for s, r in zip(srcs, op.results):
        if r.type != block_of(out_shape, s.type.scalar):
            return f"result must be {block_of(out_shape, s.type.scalar)}"
    if len(op.results) != len(srcs):
        return "needs one result per operand"
    body = op.regions[0].blocks[0]
    want = [s.type.scalar for s in srcs] * 2
    if [a.type for a in body.args] != want:
        return "combine region arguments must be the element types, twice"
    term = body.terminator
    if term is not None and term.name == "pt.yield" and [v.type for v in term.operands] != want[:len(srcs)]:
        return "pt.yield must give one value of each element type"
    return None


define("pt.reduce", operands=(Operand("srcs", NUMERIC, "variadic"),), results=(Result("results", NUMERIC, "variadic"),),
       attributes={"axis": Attr("int")}, regions=1, traits=(PURE,), terminators=("pt.yield",),
       verify=lambda op: _verify_combine(op, False), doc="reduce along axis with the combine region")
define("pt.scan", operands=(Operand("srcs", NUMERIC, "variadic"),), results=(Result("results", NUMERIC, "variadic"),),
       attributes={"axis": Attr("int"), "reverse": Attr("bool", required=False)}, regions=1, traits=(PURE,),
       terminators=("pt.yield",),
       verify=lambda op: _verify_combine(op, True), doc="inclusive scan along axis")
define("pt.yield", operands=(Operand("values", ANY, "variadic"),), traits=(TERMINATOR, PURE),
       doc="terminator of a combine region")

# Hints and debugging -----------------------------------------------------------


def _verify_hint(op) -> str | None:
    if op.operands[0].type != op.results[0].type:
        return "result must have the operand's type"
    if len(op.attributes["values"]) != max(1, len(op.operands[0].type.shape)):
        return "needs one value per dimension"
    return None


for _name in ("multiple_of", "max_contiguous", "max_constancy"):
    define(f"pt.{_name}", operands=(Operand("x", INT_OR_PTR),), results=(Result("result", INT_OR_PTR),),
           attributes={"values": Attr("ints")}, traits=(PURE,), verify=_verify_hint,
           doc=f"hint: {_name} per dimension")


def _verify_inline_asm(op) -> str | None:
    if len({v.type.shape for v in (*op.operands, *op.results)}) > 1:
        return "operands and results must have one shape"
    if op.attributes["pack"] < 1:
        return "pack must be at least 1"
    return None


# Kept even when unused (the assembly may have effects the IR cannot see); a target without inline assembly
# refuses it by capability.
define("pt.inline_asm", operands=(Operand("args", ANY, "variadic"),),
       results=(Result("results", NUMERIC, "variadic"),),
       attributes={"asm": Attr("str"), "constraints": Attr("str"), "pure": Attr("bool"), "pack": Attr("int")},
       traits=(WRITES,), verify=_verify_inline_asm,
       doc="elementwise inline assembly: `pack` elements of each operand per call, results in the same order")
define("pt.assume", operands=(Operand("cond", SCALAR_BOOL),), traits=(WRITES,),
       doc="hint: cond holds (kept, like llvm.assume)")
define("pt.print", operands=(Operand("values", ANY, "variadic"),),
       attributes={"prefix": Attr("str"), "hex": Attr("bool", required=False)}, traits=(WRITES,),
       doc="device print")
define("pt.assert", operands=(Operand("cond", BOOL),), attributes={"message": Attr("str")}, traits=(WRITES,),
       doc="device assert: abort the kernel where cond is false")
define("pt.check_bounds", operands=(Operand("ptr", PTR), Operand("mask", BOOL, "optional")),
       attributes={"access": Attr("str"), "arg": Attr("int")}, traits=(WRITES,),
       verify=lambda op: _check_mask(op, op.operands[0], op.operands[1] if len(op.operands) > 1 else None),
       doc="debug builds: stop the kernel where a lane of `access` (load, store, atomic_add ...) is masked in and "
           "outside the array of kernel argument `arg` (-1: outside every array argument)")
define("pt.barrier", traits=(WRITES,), doc="synchronise the threads of one program")

__all__ = ["CMP_PREDICATES", "RMW_KINDS", "Constraint"]
