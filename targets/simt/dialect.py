"""The `simt` ops that target passes add: explicit layout conversions."""
from __future__ import annotations

from pantile.ir.ops import ANY, PURE, Operand, Result, define
from pantile.ir.parser import register_layout
from pantile.ir.types import BlockType
from pantile.passes.analysis.axis_info import register_rule, same_as_operand

from .linear_layout import parse_layout

CONVERT_LAYOUT = "simt.convert_layout"


def _verify_convert(op) -> str | None:
    src, dst = op.operands[0].type, op.results[0].type
    if not isinstance(src, BlockType) or not isinstance(dst, BlockType):
        return "operand and result must be blocks"
    if src.shape != dst.shape or src.element != dst.element:
        return "conversion keeps shape and element type"
    return None


define(CONVERT_LAYOUT, operands=(Operand("x", ANY),), results=(Result("result", ANY),), traits=(PURE,),
       verify=_verify_convert, doc="the same block in another layout (through shared memory when needed)")

# a conversion moves values between threads: what the axis info proves of them stays true (the memory
# lowering reads it after layout assignment, when loads' pointers and masks may come through conversions)
register_rule(CONVERT_LAYOUT, same_as_operand)

for _prefix in ("blocked", "slice", "linear"):
    register_layout(_prefix, parse_layout)
