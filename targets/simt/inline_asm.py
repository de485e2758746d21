"""Lowering of pt.inline_asm (tl.inline_asm_elementwise): one LLVM inline-assembly call per `pack` registers.

The op is elementwise, so any `pack` elements of a thread may share a call: registers are grouped in order,
a thread's last group padded with zeros (their results dropped). As Triton passes them, the `pack` elements of
an operand fill 32-bit registers (four u8 or two f16 in a b32, one f32 or i64 each), so a call takes
ceil(pack * bits / 32) registers per operand, and each output comes back the same way.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from llvmlite import ir as llir

from pantile.ir import BlockType, Operation

if TYPE_CHECKING:
    from .lower import SimtLowering


def _per_register(elem: llir.Type, pack: int) -> int:
    """How many of `pack` elements of `elem` share one register (1 for 32-bit and wider elements)."""
    if isinstance(elem, llir.PointerType):
        return 1
    bits = elem.width if isinstance(elem, llir.IntType) else {"half": 16, "float": 32, "double": 64}[str(elem)]
    return max(1, min(pack, 32 // bits))


def _register_type(elem: llir.Type, pack: int) -> llir.Type:
    """The type of one register holding elements of `elem` (an integer when several share it)."""
    k = _per_register(elem, pack)
    return elem if k == 1 else llir.IntType(32)


def _pack(b: llir.IRBuilder, values: list, elem: llir.Type, pack: int) -> list:
    """`pack` elements as the registers one call reads."""
    k = _per_register(elem, pack)
    if k == 1:
        return values
    regs = []
    for start in range(0, pack, k):
        vec = llir.Constant(llir.VectorType(elem, k), None)
        for i, v in enumerate(values[start:start + k]):
            vec = b.insert_element(vec, v, llir.Constant(llir.IntType(32), i))
        regs.append(b.bitcast(vec, llir.IntType(32)))
    return regs


def _unpack(b: llir.IRBuilder, regs: list, elem: llir.Type, pack: int) -> list:
    """The `pack` elements that the registers of one output hold."""
    k = _per_register(elem, pack)
    if k == 1:
        return regs
    out = []
    for reg in regs:
        vec = b.bitcast(reg, llir.VectorType(elem, k))
        out += [b.extract_element(vec, llir.Constant(llir.IntType(32), i)) for i in range(k)]
    return out


def lower_inline_asm(lw: "SimtLowering", op: Operation) -> None:
    """The op's results, register by register, from inline-assembly calls on its operands' registers."""
    pack = op.attributes["pack"]
    b = lw.b
    ins = [lw.llvm_type(v.type) for v in op.operands]
    outs = [lw.llvm_type(r.type) for r in op.results]
    block = isinstance(op.results[0].type, BlockType)
    n = lw.layout_of(op.results[0]).num_registers if block else 1
    cols = [got if isinstance(got, list) else [got] * n for got in (lw.values[v] for v in op.operands)]
    out_regs = [-(-pack // _per_register(t, pack)) for t in outs]
    out_types = [_register_type(t, pack) for t, m in zip(outs, out_regs) for _ in range(m)]
    in_types = [_register_type(t, pack) for t in ins for _ in range(-(-pack // _per_register(t, pack)))]
    ret = out_types[0] if len(out_types) == 1 else llir.LiteralStructType(out_types)
    asm = llir.InlineAsm(llir.FunctionType(ret, in_types), op.attributes["asm"], op.attributes["constraints"],
                         side_effect=not op.attributes["pure"])
    results: list[list] = [[] for _ in outs]
    for start in range(0, n, pack):
        count = min(pack, n - start)
        args = [reg for col, t in zip(cols, ins)
                for reg in _pack(b, col[start:start + count] + [llir.Constant(t, 0)] * (pack - count), t, pack)]
        got = b.call(asm, args)
        parts = [got] if len(out_types) == 1 else [b.extract_value(got, i) for i in range(len(out_types))]
        for k, t in enumerate(outs):
            first = sum(out_regs[:k])
            results[k] += _unpack(b, parts[first:first + out_regs[k]], t, pack)[:count]
    for r, regs in zip(op.results, results):
        lw.values[r] = regs if block else regs[0]
