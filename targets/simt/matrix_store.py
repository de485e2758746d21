"""Stores of whole 8x8 matrices of 16-bit elements (the hooks' `store_matrices`, stmatrix on NVIDIA).

Where each lane holds two consecutive elements of a row and four lanes hold a
16-byte row of eight, the pattern of the mma and wgmma accumulators, one
instruction writes up to four such matrices: lane l names where row l % 8 of
matrix l / 8 starts, and the hardware gathers the rows' pairs from their lanes.
A warp holding such a block in registers so writes it in 16-byte rows instead of
one 4-byte pair per store; `matrix_rows` says whether the block's layout and its
placement allow it (`offsets` keeping each row contiguous and aligned). The bank
conflicts stay as they were: the 8 rows of one matrix, written together, are the
words that one store of a pair per lane writes.
"""
from __future__ import annotations

from typing import Callable, Optional

from .linear_layout import Basis, LinearLayout

ROW_BYTES = 16


def matrix_rows(layout: LinearLayout, offsets: Callable[[Basis], int], elem_bytes: int) -> Optional[LinearLayout]:
    """Where each lane's row starts in every matrix store of the block held in `layout` (one register per
    instruction, lane l at row l % 8 of matrix l / 8), or None where its registers are not matrices of
    16-bit elements placed by `offsets` in aligned 16-byte rows."""
    reg, lane = layout.register, layout.lane
    if elem_bytes != 2 or not reg or len(lane) != 5 or layout.replicated_mask("lane"):
        return None
    if (offsets(reg[0]), offsets(lane[0]), offsets(lane[1])) != (1, 2, 4):
        return None
    row = ROW_BYTES // elem_bytes
    if any(offsets(v) % row for v in lane[2:] + reg[1:] + layout.warp):
        return None
    per_store = min(2, len(reg) - 1)                    # log2 of the matrices one instruction stores
    zero = (0,) * layout.rank
    return LinearLayout(reg[1 + per_store:], lane[2:] + reg[1:1 + per_store] + (zero,) * (2 - per_store),
                        layout.warp, layout.shape)
