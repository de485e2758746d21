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
        _printf_in(lw, lw.first_thread(), message_format(prefix), pids)
    for operand, v in enumerate(op.operands):
        if isinstance(v.type, BlockType):
            lay = lw.layout_of(v)
            hw = [lw.hw_coord(lay, d) for d in range(lay.rank)]
            elements = [(x, [xor_offset(b, h, c) for h, c in zip(hw, coords)])
                        for x, coords in zip(lw.values[v], lay.register_coords())]
            shape, printer = v.type.shape, lw.is_writer(lay)
        else:
            elements, shape, printer = [(lw.values[v], [])], (), lw.first_thread()
        for x, index in elements:
            conv, arg = printf_argument(b, x, v.type.scalar, hex_, lw.hooks.printf_long)
            _printf_in(lw, printer, element_format(prefix, shape, operand, len(op.operands), conv),
                       pids + index + [arg])


def _printf_in(lw, printer, fmt: str, args: list) -> None:
    """printf from the threads where i1 `printer` holds (None: every thread)."""
    if printer is None:
        lw.hooks.printf(lw.b, fmt, args)
        return
    with lw.b.if_then(printer):
        lw.hooks.printf(lw.b, fmt, args)


def lower_assert(lw, op: Operation) -> None:
    """Checked only when compiled with debug on, as in Triton."""
    if not lw.debug:
        return
    b = lw.b
    vals = lw.values[op.operands[0]]
    for c in (vals if isinstance(vals, list) else [vals]):
        with b.if_then(b.not_(c), likely=False):
            lw.hooks.assert_fail(b, op.attributes["message"], op.loc.file, op.loc.line, lw.func_name)
