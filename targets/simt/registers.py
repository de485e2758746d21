"""Registers per thread a lowered SIMT kernel needs, estimated before its back end allocates them: what a cost
model ranks configs by when the back end's own report (ptxas's) is not made yet."""
from __future__ import annotations

from pantile.ir import BlockType, Module, PointerType

# Registers a thread holds beside its loops' carried values (addresses, indices, loop counters, the copies in
# flight): what ptxas allocated beyond the accumulators in pantile's sm_90a matmuls of Triton tutorial 03's tiles
# (46 to 82; benchmarks/results/cost-model-cuda-h100-2026-12-07T1505.json).
BESIDE_CARRIED = 64


def carried_registers(module: Module) -> int:
    """32-bit registers per thread of the data a loop carries from one iteration to the next (a matmul's
    accumulator), the most over the module's loops; pointer blocks are left out (the back end keeps a base and
    steps it)."""
    most = 0
    for op in module.walk():
        if op.name not in ("scf.for", "scf.while"):
            continue
        words = 0
        for r in op.results:
            t = r.type
            if not isinstance(t, BlockType) or t.layout is None or isinstance(t.scalar, PointerType):
                continue
            per_thread = 2 ** len(t.layout.to_linear(t.shape).register)
            words += -(-per_thread * max(1, t.scalar.bitwidth) // 32)
        most = max(most, words)
    return most


def estimated_registers(module: Module) -> int:
    """Registers per thread the lowered module's kernel needs: its loops' carried data and BESIDE_CARRIED."""
    return carried_registers(module) + BESIDE_CARRIED


__all__ = ["BESIDE_CARRIED", "carried_registers", "estimated_registers"]
