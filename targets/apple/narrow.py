"""8-bit integers held in 32-bit ones, since naga has no 8-bit integer type.

The shared lowering stores i1 blocks as bytes (bool arrays, and workgroup memory in reductions and layout
changes), so i8 values and vectors of them appear around every load and store of them. Each i8 lane becomes an
i32 that holds the byte zero-extended (a vector: one i32 per lane); operations keep that form (a signed one
sign-extends its operands first), and loads and stores move single bytes of words (logical.byte_access).
"""
from __future__ import annotations

from typing import Callable, Optional

from llvmlite import ir as llir

from .legalize import saturating_conversion, signed_remainder

I8, I32 = llir.IntType(8), llir.IntType(32)
BYTE = I32(0xFF)
UNSIGNED_BINARY = {"add", "sub", "mul", "and", "or", "xor", "shl", "lshr", "udiv", "urem"}
SIGNED_BINARY = {"ashr", "sdiv", "srem"}
SIGNED_PREDICATES = {"slt", "sle", "sgt", "sge"}
PREDICATES = {"eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}
ByteAccess = Callable[[llir.IRBuilder, llir.Value, Optional[llir.Value], int], Optional[llir.Value]]


def _narrow(t: llir.Type) -> bool:
    return t == I8 or (isinstance(t, llir.VectorType) and t.element == I8)


def is_narrow(ins: llir.Instruction) -> bool:
    """Whether `ins` makes or reads i8 values (a load or store of them included)."""
    return _narrow(ins.type) or any(_narrow(v.type) for v in getattr(ins, "operands", ()))


def _count(t: llir.Type) -> int:
    return t.count if isinstance(t, llir.VectorType) else 1


def _signed(b: llir.IRBuilder, v: llir.Value) -> llir.Value:
    return b.ashr(b.shl(v, I32(24)), I32(24))


def _lanes_of(b: llir.IRBuilder, v: llir.Value) -> list[llir.Value]:
    """The lanes of a value that is not i8 (a scalar is one lane)."""
    if not isinstance(v.type, llir.VectorType):
        return [v]
    return [b.extract_element(v, I32(k)) for k in range(v.type.count)]


def _joined(b: llir.IRBuilder, lanes: list[llir.Value], t: llir.Type) -> llir.Value:
    """A value of type `t` (a scalar or a vector) from its lanes."""
    if not isinstance(t, llir.VectorType):
        return lanes[0]
    out = llir.Constant(t, None)
    for k, lane in enumerate(lanes):
        out = b.insert_element(out, lane, I32(k))
    return out


def _resize(b: llir.IRBuilder, v: llir.Value, to: llir.IntType, signed: bool) -> llir.Value:
    """An i32 `v` as an integer of type `to`."""
    if to.width == 32:
        return v
    if to.width < 32:
        return b.trunc(v, to)
    return b.sext(v, to) if signed else b.zext(v, to)


class NarrowIntegers:
    """The i32 lanes that stand for each i8 value of one kernel."""

    def __init__(self, access: ByteAccess) -> None:
        self.access = access            # one byte at a pointer plus an index: load (value None) or store
        self.wide: dict[llir.Value, list[llir.Value]] = {}
        self.phis: list[tuple[llir.PhiInstr, list[llir.PhiInstr]]] = []

    def get(self, v: llir.Value) -> list[llir.Value]:
        """The i32 lanes standing for i8 value `v`."""
        if isinstance(v, llir.Constant):
            values = v.constant if isinstance(v.constant, list) else [v.constant] * _count(v.type)
            return [I32(c.constant & 0xFF if isinstance(c, llir.Constant) and isinstance(c.constant, int) else
                        c & 0xFF if isinstance(c, int) else 0) for c in values]   # undef or zeros: any byte
        return self.wide[v]

    def visit(self, b: llir.IRBuilder, ins: llir.Instruction) -> Optional[llir.Value]:
        """Rewrite `ins`; the value that replaces it where its result is not i8 (else None)."""
        op = ins.opname
        ops = ins.operands
        if isinstance(ins, llir.LoadInstr):
            self.wide[ins] = [self.access(b, ops[0], None, k) for k in range(_count(ins.type))]
        elif isinstance(ins, llir.StoreInstr):
            for k, lane in enumerate(self.get(ops[0])):
                self.access(b, ops[1], lane, k)
        elif isinstance(ins, llir.InsertElement):
            lanes = list(self.get(ops[0]))
            lanes[ops[2].constant] = self.get(ops[1])[0]
            self.wide[ins] = lanes
        elif isinstance(ins, llir.ExtractElement):
            self.wide[ins] = [self.get(ops[0])[ops[1].constant]]
        elif isinstance(ins, llir.ShuffleVector):
            lanes = self.get(ops[0]) + self.get(ops[1])
            mask = ops[2].constant if isinstance(ops[2].constant, list) else [ops[2].constant] * _count(ins.type)
            self.wide[ins] = [lanes[m.constant if isinstance(m, llir.Constant) else m] for m in mask]
        elif isinstance(ins, llir.CastInstr) and _narrow(ops[0].type):
            to = ins.type.element if isinstance(ins.type, llir.VectorType) else ins.type
            if op in ("sitofp", "uitofp"):
                lanes = [b.sitofp(_signed(b, v), to) if op == "sitofp" else b.uitofp(v, to) for v in self.get(ops[0])]
            else:
                lanes = [_resize(b, _signed(b, v) if op == "sext" else v, to, op == "sext") for v in self.get(ops[0])]
            return _joined(b, lanes, ins.type)
        elif isinstance(ins, llir.CastInstr) and op in ("fptosi", "fptoui"):
            convert = b.fptosi if op == "fptosi" else b.fptoui
            self.wide[ins] = [b.and_(convert(v, I32), BYTE) for v in _lanes_of(b, ops[0])]
        elif isinstance(ins, llir.CallInstr) and ins.callee.name.startswith(("llvm.fptosi.sat", "llvm.fptoui.sat")):
            signed = ".fptosi." in ins.callee.name
            self.wide[ins] = [b.and_(saturating_conversion(b, v, I32, signed, 8), BYTE)
                              for v in _lanes_of(b, ins.args[0])]
        elif isinstance(ins, llir.CastInstr) and op in ("zext", "sext", "trunc"):
            def widened(v: llir.Value) -> llir.Value:
                if v.type.width == 32:
                    return v
                return b.trunc(v, I32) if v.type.width > 32 else b.sext(v, I32) if op == "sext" else b.zext(v, I32)
            self.wide[ins] = [b.and_(widened(v), BYTE) for v in _lanes_of(b, ops[0])]
        elif isinstance(ins, llir.ICMPInstr):
            signed = ins.op in SIGNED_PREDICATES
            compare = b.icmp_signed if signed else b.icmp_unsigned
            name = PREDICATES[ins.op if ins.op in ("eq", "ne") else ins.op[1:]]
            lanes = [compare(name, _signed(b, x) if signed else x, _signed(b, y) if signed else y)
                     for x, y in zip(self.get(ops[0]), self.get(ops[1]))]
            return _joined(b, lanes, ins.type)
        elif isinstance(ins, llir.SelectInstr):
            conds = _lanes_of(b, ins.cond) if isinstance(ins.cond.type, llir.VectorType) else \
                [ins.cond] * _count(ins.type)
            self.wide[ins] = [b.select(c, x, y) for c, x, y in zip(conds, self.get(ins.lhs), self.get(ins.rhs))]
        elif isinstance(ins, llir.PhiInstr):
            lanes = [b.phi(I32) for _ in range(_count(ins.type))]
            self.wide[ins] = lanes
            self.phis.append((ins, lanes))
        elif op in UNSIGNED_BINARY | SIGNED_BINARY:
            fn = (lambda x, y: signed_remainder(b, x, y)) if op == "srem" else \
                getattr(b, {"and": "and_", "or": "or_"}.get(op, op))
            signed = op in SIGNED_BINARY
            self.wide[ins] = [b.and_(fn(_signed(b, x) if signed else x, _signed(b, y) if signed else y), BYTE)
                              for x, y in zip(self.get(ops[0]), self.get(ops[1]))]
        else:
            raise NotImplementedError(f"an 8-bit integer operation the Vulkan flavour does not lower: {ins}")
        return None

    def finish(self) -> None:
        """Give the i32 phis their incoming values (known once the whole kernel is rewritten)."""
        for old, lanes in self.phis:
            for value, block in old.incomings:
                for phi, lane in zip(lanes, self.get(value)):
                    phi.add_incoming(lane, block)
