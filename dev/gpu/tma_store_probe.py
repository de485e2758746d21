"""Which TMA stores through a TensorDescriptor argument fault on cuda:sm_90a (dev/gpu/README.md).

On the H100 on 2026-12-08 the conformance case tensor_memory/descriptor_arg/2d_aligned/f32 (a 37 x 64 f32 tensor of
rows 80 apart, 16 x 16 tiles from row -3 and column 16, the store by TMA) faulted with an illegal instruction, while
a TMA store of boxes that start inside the tensor passed. This runs that copy kernel for geometries that differ in
one thing each (boxes starting above row 0, starting past the last row or column, all inside), each in a process of
its own (a fault ends the process's CUDA context), and prints one line per geometry: passed, wrong or faulted;
each twice: as pantile compiles it (boxes starting outside the tensor stored through pointers, GuardTileStores)
and unguarded (every box copied by TMA: what the unit does with them).

    source .device/env.sh && python3 dev/gpu/tma_store_probe.py
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile

# label: (shape, strides, block, offsets of tile 0, the grid), f32 throughout, rows a whole number of 16-byte chunks
GEOMETRIES = {
    "inside": ((48, 64), (80, 1), (16, 16), (0, 16), (3, 3)),
    "row_start_negative": ((48, 64), (80, 1), (16, 16), (-3, 16), (3, 3)),
    "row_start_past_end": ((48, 64), (80, 1), (16, 16), (0, 16), (4, 3)),
    "column_start_past_end": ((48, 64), (80, 1), (16, 16), (0, 16), (3, 4)),
    "conformance_2d_aligned": ((37, 64), (80, 1), (16, 16), (-3, 16), (4, 4)),
}


def run_one(label: str, guarded: bool) -> str:
    """Run geometry `label` here (in the child process): 'passed', 'wrong' or an exception's text."""
    import numpy as np

    import pantile
    from pantile.targets.simt.passes import GuardTileStores
    from pantile.conformance.kernels_tensor_memory import descriptor_arg_kernel
    from pantile.tools.tensor_descriptor import TensorDescriptor

    if not guarded:
        GuardTileStores.apply = lambda self, module, analyses: None
    shape, strides, block, offsets, grid = GEOMETRIES[label]
    extent = sum((s - 1) * t for s, t in zip(shape, strides)) + 1
    x = np.arange(extent, dtype=np.float32)
    out = np.full(extent, -1.0, np.float32)
    descs = [TensorDescriptor(a, shape, strides, block) for a in (x, out)]
    with pantile.target("cuda:sm_90a"):
        compiled = descriptor_arg_kernel[grid + (1,)](*descs, *offsets, 0, RANK=2, B0=block[0], B1=block[1], B2=1)
    by_tma = "cp.async.bulk.tensor.2d.global.shared::cta" in compiled.asm.get("ptx", "")
    want = np.full(extent, -1.0, np.float32)
    rows, cols = np.indices((grid[0] * block[0], grid[1] * block[1]))
    rows, cols = rows + offsets[0], cols + offsets[1]
    inside = (rows >= 0) & (rows < shape[0]) & (cols >= 0) & (cols < shape[1])
    flat = rows[inside] * strides[0] + cols[inside]
    want[flat] = x[flat]
    return ("passed" if np.array_equal(out, want) else "wrong") + (" (TMA store)" if by_tma else " (no TMA store)")


def main() -> None:
    """Each geometry in a child process; one line each."""
    for label in GEOMETRIES:
        for mode in ("guarded", "unguarded"):
            cache = os.path.join(tempfile.gettempdir(), f"tma-store-probe-{mode}")   # each its own compiles
            child = subprocess.run([sys.executable, __file__, label, mode], capture_output=True, text=True,
                                   timeout=120, env={**os.environ, "PANTILE_CACHE_DIR": cache})
            lines = (child.stdout.strip() or child.stderr.strip() or "no output").splitlines()
            print(f"{label} {mode}: {lines[-1][:300]}")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        try:
            print(run_one(sys.argv[1], sys.argv[2] == "guarded"))
        except Exception as err:     # the fault's own text is the result
            print(f"faulted: {type(err).__name__}: {err}")
    else:
        main()
