"""Lowering of pt.inline_asm (tl.inline_asm_elementwise): one LLVM inline-assembly call per `pack` registers.

The op is elementwise, so any `pack` elements of a thread may share a call: registers are grouped in order,
a thread's last group padded with zeros (their results dropped). With pack > 1 the elements of an operand
are packed into one integer as wide as all of them (four u8 in a b32, two f16 in a b32), as the assembly
reads them; each output comes back packed the same way.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from llvmlite import ir as llir

from pantile.ir import BlockType, Operation

if TYPE_CHECKING:
    from .lower import SimtLowering


def _packed_type(elem: llir.Type, pack: int) -> llir.Type:
    """The type one call reads or writes for `pack` elements of `elem`."""
    if pack == 1:
        return elem
    bits = elem.width if isinstance(elem, llir.IntType) else {"half": 16, "float": 32, "double": 64}[str(elem)]
    return llir.IntType(bits * pack)


def _pack(b: llir.IRBuilder, values: list, elem: llir.Type) -> llir.Value:
    if len(values) == 1:
        return values[0]
    vec = llir.Constant(llir.VectorType(elem, len(values)), None)
    for i, v in enumerate(values):
        vec = b.insert_element(vec, v, llir.Constant(llir.IntType(32), i))
    return b.bitcast(vec, _packed_type(elem, len(values)))


def _unpack(b: llir.IRBuilder, value: llir.Value, elem: llir.Type, pack: int) -> list:
    if pack == 1:
        return [value]
    vec = b.bitcast(value, llir.VectorType(elem, pack))
    return [b.extract_element(vec, llir.Constant(llir.IntType(32), i)) for i in range(pack)]


def lower_inline_asm(lw: "SimtLowering", op: Operation) -> None:
    """The op's results, register by register, from inline-assembly calls on its operands' registers."""
    pack = op.attributes["pack"]
    b = lw.b
    ins = [lw.llvm_type(v.type) for v in op.operands]
    outs = [lw.llvm_type(r.type) for r in op.results]
    block = isinstance(op.results[0].type, BlockType)
    n = lw.layout_of(op.results[0]).num_registers if block else 1
    cols = [got if isinstance(got, list) else [got] * n for got in (lw.values[v] for v in op.operands)]
    out_types = [_packed_type(t, pack) for t in outs]
    ret = out_types[0] if len(out_types) == 1 else llir.LiteralStructType(out_types)
    asm = llir.InlineAsm(llir.FunctionType(ret, [_packed_type(t, pack) for t in ins]), op.attributes["asm"],
                         op.attributes["constraints"], side_effect=not op.attributes["pure"])
    results: list[list] = [[] for _ in outs]
    for start in range(0, n, pack):
        count = min(pack, n - start)
        args = [_pack(b, col[start:start + count] + [llir.Constant(t, 0)] * (pack - count), t)
                for col, t in zip(cols, ins)]
        got = b.call(asm, args)
        for k, t in enumerate(outs):
            part = got if len(outs) == 1 else b.extract_value(got, k)
            results[k] += _unpack(b, part, t, pack)[:count]
    for r, regs in zip(op.results, results):
        lw.values[r] = regs if block else regs[0]
