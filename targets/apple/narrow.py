"""8-bit integers held in 32-bit ones, since naga has no 8-bit integer type.

The shared lowering stores i1 blocks as bytes (bool arrays, and workgroup memory in reductions and layout
changes), so i8 values appear around every load and store of them. Each i8 value becomes an i32 that holds the
byte zero-extended; operations on it keep that form (a signed one sign-extends its operands first), and loads and
stores move one byte of a word (logical.py).
"""
from __future__ import annotations

from typing import Callable, Optional

from llvmlite import ir as llir

I8, I32 = llir.IntType(8), llir.IntType(32)
BYTE = I32(0xFF)
UNSIGNED_BINARY = {"add", "sub", "mul", "and", "or", "xor", "shl", "lshr", "udiv", "urem"}
SIGNED_BINARY = {"ashr", "sdiv", "srem"}
SIGNED_PREDICATES = {"slt", "sle", "sgt", "sge"}
PREDICATES = {"eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}


def is_narrow(ins: llir.Instruction) -> bool:
    """Whether `ins` makes or reads an i8 value (a load or store of one included)."""
    narrow = lambda t: t == I8  # noqa: E731
    return narrow(ins.type) or any(narrow(v.type) for v in getattr(ins, "operands", ()))


def _signed(b: llir.IRBuilder, v: llir.Value) -> llir.Value:
    return b.ashr(b.shl(v, I32(24)), I32(24))


def _resize(b: llir.IRBuilder, v: llir.Value, to: llir.IntType, signed: bool) -> llir.Value:
    """An i32 `v` as an integer of type `to`."""
    if to.width == 32:
        return v
    if to.width < 32:
        return b.trunc(v, to)
    return b.sext(v, to) if signed else b.zext(v, to)


class NarrowIntegers:
    """The i32 that stands for each i8 value of one kernel."""

    def __init__(self, access: Callable[[llir.IRBuilder, llir.Value, Optional[llir.Value]], Optional[llir.Value]]):
        self.access = access            # one byte through a pointer: load (value None) or store
        self.wide: dict[llir.Value, llir.Value] = {}
        self.phis: list[tuple[llir.PhiInstr, llir.PhiInstr]] = []

    def get(self, v: llir.Value) -> llir.Value:
        """The i32 standing for i8 value `v`."""
        if isinstance(v, llir.Constant):
            return I32(v.constant & 0xFF if isinstance(v.constant, int) else 0)    # undef: any byte
        return self.wide[v]

    def visit(self, b: llir.IRBuilder, ins: llir.Instruction) -> Optional[llir.Value]:
        """Rewrite `ins`; the value that replaces it where its result is not an i8 (else None)."""
        op = ins.opname
        if isinstance(ins, llir.LoadInstr):
            self.wide[ins] = self.access(b, ins.operands[0], None)
        elif isinstance(ins, llir.StoreInstr):
            self.access(b, ins.operands[1], self.get(ins.operands[0]))
        elif isinstance(ins, llir.CastInstr) and ins.operands[0].type == I8:
            v = self.get(ins.operands[0])
            return _resize(b, _signed(b, v) if op == "sext" else v, ins.type, op == "sext")
        elif isinstance(ins, llir.CastInstr) and op in ("zext", "sext", "trunc"):
            src = ins.operands[0]
            v = src if src.type.width == 32 else b.trunc(src, I32) if src.type.width > 32 else \
                b.sext(src, I32) if op == "sext" else b.zext(src, I32)
            self.wide[ins] = b.and_(v, BYTE)
        elif isinstance(ins, llir.ICMPInstr):
            x, y = (self.get(v) for v in ins.operands)
            if ins.op in SIGNED_PREDICATES:
                x, y = _signed(b, x), _signed(b, y)
            compare = b.icmp_signed if ins.op in SIGNED_PREDICATES else b.icmp_unsigned
            return compare(PREDICATES[ins.op.lstrip("us") if ins.op not in ("eq", "ne") else ins.op], x, y)
        elif isinstance(ins, llir.SelectInstr):
            self.wide[ins] = b.select(ins.cond, self.get(ins.lhs), self.get(ins.rhs))
        elif isinstance(ins, llir.PhiInstr):
            new = b.phi(I32)
            self.wide[ins] = new
            self.phis.append((ins, new))
        elif op in UNSIGNED_BINARY | SIGNED_BINARY:
            x, y = (self.get(v) for v in ins.operands)
            if op in SIGNED_BINARY:
                x, y = _signed(b, x), _signed(b, y)
            self.wide[ins] = b.and_(getattr(b, {"and": "and_", "or": "or_"}.get(op, op))(x, y), BYTE)
        else:
            raise NotImplementedError(f"an 8-bit integer operation the Vulkan flavour does not lower: {ins}")
        return None

    def finish(self) -> None:
        """Give the i32 phis their incoming values (known once the whole kernel is rewritten)."""
        for old, new in self.phis:
            for value, block in old.incomings:
                new.add_incoming(self.get(value), block)
