"""device_print and device_assert: one printf per element, an assertion call on the failing path."""
from __future__ import annotations

from llvmlite import ir as llir

from pantile.ir import BlockType, Operation, PointerType
from pantile.targets.llvm import is_bits_float, to_f32

from .values import xor_offset

I32 = llir.IntType(32)
I64 = llir.IntType(64)
F64 = llir.DoubleType()


def _printable(lw, v: llir.Value, t, hex_: bool) -> tuple[str, llir.Value]:
    """A printf conversion and the value widened to what C varargs pass."""
    b = lw.b
    if isinstance(t, PointerType):
        return "%p", v
    if t.is_float:
        wide = v if t.bitwidth == 64 else b.fpext(to_f32(b, v, t) if is_bits_float(t) else v, F64)
        return ("%a" if hex_ else "%f"), wide
    if t.bitwidth == 64:
        return ("0x%llx" if hex_ else ("%llu" if t.is_unsigned else "%lld")), v
    wide = b.zext(v, I32) if (t.is_unsigned or t.is_bool) else b.sext(v, I32) if t.bitwidth < 32 else v
    return ("0x%x" if hex_ else ("%u" if t.is_unsigned or t.is_bool else "%d")), wide


def lower_print(lw, op: Operation) -> None:
    """`pid (x, y, z) idx (i, j) prefix value` for every element each thread owns."""
    b = lw.b
    pids = [lw.hooks.program_id(b, a) for a in range(3)]
    prefix = op.attributes["prefix"]
    hex_ = bool(op.attributes.get("hex", False))
    if not op.operands:
        lw.hooks.printf(b, "pid (%d, %d, %d) " + prefix + "\n", pids)
        return
    for v in op.operands:
        vals = lw.values[v]
        if not isinstance(v.type, BlockType):
            conv, x = _printable(lw, vals, v.type, hex_)
            lw.hooks.printf(b, "pid (%d, %d, %d) " + prefix + conv + "\n", pids + [x])
            continue
        lay = lw.layout_of(v)
        writer = lw.is_writer(lay)
        hw = [lw.hw_coord(lay, d) for d in range(lay.rank)]
        idx = "idx (" + ", ".join(["%d"] * lay.rank) + ") "
        for r, coords in enumerate(lay.register_coords()):
            conv, x = _printable(lw, vals[r], v.type.scalar, hex_)
            args = pids + [xor_offset(b, h, c) for h, c in zip(hw, coords)] + [x]
            if writer is None:
                lw.hooks.printf(b, "pid (%d, %d, %d) " + idx + prefix + conv + "\n", args)
            else:
                with b.if_then(writer):
                    lw.hooks.printf(b, "pid (%d, %d, %d) " + idx + prefix + conv + "\n", args)


def lower_assert(lw, op: Operation) -> None:
    """Checked only when compiled with debug on, as in Triton."""
    if not lw.debug:
        return
    b = lw.b
    vals = lw.values[op.operands[0]]
    for c in (vals if isinstance(vals, list) else [vals]):
        with b.if_then(b.not_(c), likely=False):
            lw.hooks.assert_fail(b, op.attributes["message"], op.loc.file, op.loc.line, lw.func_name)
