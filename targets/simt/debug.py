"""device_print and device_assert: one printf per element, an assertion call on the failing path."""
from __future__ import annotations

from pantile.ir import BlockType, Operation
from pantile.targets.llvm.printing import element_format, message_format, printf_argument

from .values import xor_offset


def lower_print(lw, op: Operation) -> None:
    """One line per element in Triton's format (targets/llvm/printing.py); an element that several
    threads hold, a scalar and a message are printed once per program."""
    b = lw.b
    pids = [lw.hooks.program_id(b, a) for a in range(3)]
    prefix = op.attributes["prefix"]
    hex_ = bool(op.attributes.get("hex", False))
    if not op.operands:
        with b.if_then(lw.first_thread()):
            lw.hooks.printf(b, message_format(prefix), pids)
        return
    for operand, v in enumerate(op.operands):
        vals = lw.values[v]
        if not isinstance(v.type, BlockType):
            conv, x = printf_argument(b, vals, v.type, hex_, lw.hooks.printf_long)
            with b.if_then(lw.first_thread()):
                lw.hooks.printf(b, element_format(prefix, (), operand, len(op.operands), conv), pids + [x])
            continue
        lay = lw.layout_of(v)
        writer = lw.is_writer(lay)
        hw = [lw.hw_coord(lay, d) for d in range(lay.rank)]
        for r, coords in enumerate(lay.register_coords()):
            conv, x = printf_argument(b, vals[r], v.type.scalar, hex_, lw.hooks.printf_long)
            fmt = element_format(prefix, v.type.shape, operand, len(op.operands), conv)
            args = pids + [xor_offset(b, h, c) for h, c in zip(hw, coords)] + [x]
            if writer is None:
                lw.hooks.printf(b, fmt, args)
            else:
                with b.if_then(writer):
                    lw.hooks.printf(b, fmt, args)


def lower_assert(lw, op: Operation) -> None:
    """Checked only when compiled with debug on, as in Triton."""
    if not lw.debug:
        return
    b = lw.b
    vals = lw.values[op.operands[0]]
    for c in (vals if isinstance(vals, list) else [vals]):
        with b.if_then(b.not_(c), likely=False):
            lw.hooks.assert_fail(b, op.attributes["message"], op.loc.file, op.loc.line, lw.func_name)
