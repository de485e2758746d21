"""device_print's text, the same on every target: Triton's format.

Each element of each printed value is one printf line,
    pid (<x>, <y>, <z>) idx (<i>, <j>, ...)<prefix>(operand <n>) <value>
where "(operand <n>) " appears only when several values are printed, a scalar has the empty
index "idx ()", and each index is padded to the digits of its dimension. The prefix is adjusted as
Triton's frontend adjusts it: it ends in ": " when values follow and starts with a space when it is
longer than two characters. A print of no value is "pid (<x>, <y>, <z>)<prefix>".

The formats are printf's (C's, OpenCL C's); a target that prints from Python fills them with `%`.
"""
from __future__ import annotations

import math
from typing import Sequence

PID = "pid (%u, %u, %u)"


def triton_prefix(prefix: str, has_values: bool) -> str:
    """The prefix as Triton prints it."""
    if has_values and not prefix.endswith(" "):
        prefix += " "
    if has_values and not prefix.endswith(": "):
        prefix = prefix[:-1] + ": "
    if len(prefix) > 2 and not prefix.startswith(" "):
        prefix = " " + prefix
    return prefix.replace("%", "%%")      # the prefix is part of the printf format


def message_format(prefix: str) -> str:
    """The printf format of a print without values (the three program ids are its arguments)."""
    return PID + triton_prefix(prefix, False) + "\n"


def element_format(prefix: str, shape: Sequence[int], operand: int, num_operands: int, conversion: str) -> str:
    """The printf format of one element of printed value number `operand` of a block of `shape` (() for
    a scalar); its arguments are the three program ids, the i32 indices, then the value."""
    widths = [math.ceil(math.log10(d)) if d > 0 else 0 for d in shape]
    index = ", ".join(f"%{w}u" for w in widths)
    which = f"(operand {operand}) " if num_operands > 1 else ""
    return f"{PID} idx ({index}){triton_prefix(prefix, True)}{which}{conversion}\n"


__all__ = ["PID", "element_format", "message_format", "triton_prefix"]
