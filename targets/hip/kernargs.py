"""The kernel-argument segment of code object v5: the explicit arguments laid out from the kernel's signature,
then the hidden arguments at their fixed offsets, checked against the code object's own `.args` metadata."""
from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any, Sequence

from pantile.ir import PointerType
from pantile.targets.base import ArgSpec, ValidationError
from pantile.targets.launch.binding import c_struct_layout

# Offsets of code object v5's hidden arguments from the start of the hidden block (aligned to 8 after the
# explicit ones); the block is 256 bytes. The runtime fills them; a kernel lists only those it may read.
HIDDEN_V5 = {"hidden_block_count_x": (0, 4), "hidden_block_count_y": (4, 4), "hidden_block_count_z": (8, 4),
             "hidden_group_size_x": (12, 2), "hidden_group_size_y": (14, 2), "hidden_group_size_z": (16, 2),
             "hidden_remainder_x": (18, 2), "hidden_remainder_y": (20, 2), "hidden_remainder_z": (22, 2),
             "hidden_global_offset_x": (40, 8), "hidden_global_offset_y": (48, 8), "hidden_global_offset_z": (56, 8),
             "hidden_grid_dims": (64, 2), "hidden_printf_buffer": (72, 8), "hidden_hostcall_buffer": (80, 8),
             "hidden_multigrid_sync_arg": (88, 8), "hidden_heap_v1": (96, 8), "hidden_default_queue": (104, 8),
             "hidden_completion_action": (112, 8), "hidden_dynamic_lds_size": (120, 4),
             "hidden_private_base": (192, 4), "hidden_shared_base": (196, 4), "hidden_queue_ptr": (200, 8)}
HIDDEN_BLOCK_BYTES = 256


@dataclass(frozen=True)
class KernArg:
    """One entry of the kernel-argument segment."""

    offset: int
    size: int
    value_kind: str        # "global_buffer", "by_value" or a hidden kind
    code: str = ""         # struct code of an explicit argument ("Q" for a pointer)


def _align(n: int, a: int) -> int:
    return (n + a - 1) // a * a


def explicit_layout(args: Sequence[ArgSpec]) -> tuple[KernArg, ...]:
    """The explicit arguments as the launcher packs them: at their natural alignment (pointers 8 bytes)."""
    slots = c_struct_layout(args).slots
    return tuple(KernArg(slot.offset, struct.calcsize(slot.code),
                         "global_buffer" if isinstance(a.type, PointerType) else "by_value", slot.code)
                 for a, slot in zip(args, slots))


def explicit_size(explicit: Sequence[KernArg]) -> int:
    """Bytes of the explicit arguments, a multiple of 4 (the segment's size when no hidden argument is read)."""
    return _align(explicit[-1].offset + explicit[-1].size, 4) if explicit else 0


def segment_layout(args: Sequence[ArgSpec],
                   with_hidden: bool) -> tuple[tuple[KernArg, ...], dict[str, KernArg], int]:
    """(explicit arguments, hidden arguments by kind, segment size) of code object v5; the segment ends with the
    explicit arguments when the kernel reads no hidden one (LLVM then drops the whole hidden block)."""
    explicit = explicit_layout(args)
    base = _align(explicit_size(explicit), 8)
    hidden = {kind: KernArg(base + off, size, kind) for kind, (off, size) in HIDDEN_V5.items()}
    return explicit, hidden, base + HIDDEN_BLOCK_BYTES if with_hidden else explicit_size(explicit)


def check_against_notes(kernel: str, args: Sequence[ArgSpec], notes: dict[str, Any]) -> None:
    """ValidationError naming the first entry where the code object's `.args` differ from the layout the
    signature gives (offset, size, value kind; hidden arguments included), or a different segment size."""
    listed = notes.get(".args", [])
    shown = [a for a in listed if not str(a.get(".value_kind", "")).startswith("hidden_")]
    explicit, hidden, size = segment_layout(args, with_hidden=len(shown) < len(listed))
    if len(shown) != len(explicit):
        raise ValidationError(f"{kernel}: the code object lists {len(shown)} explicit arguments, the signature "
                              f"has {len(explicit)}")
    for entry in listed:
        kind = entry.get(".value_kind", "")
        want = hidden.get(kind) if kind.startswith("hidden_") else explicit[shown.index(entry)]
        if want is None:
            raise ValidationError(f"{kernel}: the code object lists hidden argument {kind}, unknown to code object v5")
        got = (entry.get(".offset"), entry.get(".size"), kind)
        if got != (want.offset, want.size, want.value_kind):
            raise ValidationError(f"{kernel}: kernel argument at offset {got[0]} is {got[1]} bytes of {got[2]} in "
                                  f"the code object; the signature gives {want.size} bytes of {want.value_kind} "
                                  f"at {want.offset}")
    if notes.get(".kernarg_segment_size") != size:
        raise ValidationError(f"{kernel}: kernarg segment of {notes.get('.kernarg_segment_size')} bytes in the code "
                              f"object; the signature gives {size}")
