"""Atomics on the SIMT targets: once per element however many threads hold a copy of it, old values everywhere."""
import numpy as np

import pantile
import pantile.language as tl


@pantile.jit
def replicated_add(counter_ptr, out_ptr, total_ptr, BLOCK: tl.constexpr, COLS: tl.constexpr):
    """BLOCK counters (far fewer than the program's threads) each get 1 + their index; the old values
    are spread over a (BLOCK, COLS) block and their sum over COLS elements, held by threads that had
    only copies of the atomic's elements."""
    pid = tl.program_id(0)
    offs = tl.arange(0, BLOCK)
    old = tl.atomic_add(counter_ptr + offs, offs + 1)
    cols = tl.arange(0, COLS)
    tl.store(out_ptr + pid * BLOCK * COLS + offs[:, None] * COLS + cols[None, :],
             tl.broadcast_to(old[:, None], (BLOCK, COLS)))
    tl.store(total_ptr + pid * COLS + cols, tl.sum(old, axis=0) + tl.zeros((COLS,), tl.int32))


def test_replicated_block_atomic_runs_once_per_element_and_returns_old_values(simt_target):
    programs, block, cols = 64, 4, 64
    counter = np.zeros(block, np.int32)
    out = np.full((programs, block, cols), -1, np.int32)
    total = np.full((programs, cols), -1, np.int32)
    replicated_add[(programs,)](counter, out, total, BLOCK=block, COLS=cols, num_warps=4)
    step = np.arange(1, block + 1, dtype=np.int32)
    np.testing.assert_array_equal(counter, programs * step)
    # every copy of an element has its one old value, and the programs saw each step once
    np.testing.assert_array_equal(out, np.broadcast_to(out[:, :, :1], out.shape))
    np.testing.assert_array_equal(np.sort(out[:, :, 0], axis=0), np.arange(programs)[:, None] * step)
    np.testing.assert_array_equal(total, np.broadcast_to(out[:, :, 0].sum(axis=1)[:, None], total.shape))
