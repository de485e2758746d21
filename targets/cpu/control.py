"""How the CPU carries values through scf.for, scf.if and scf.while (lowered by targets/llvm/control.py):
scalars by phis, blocks in buffers of their own; each iteration of a kernel's loop checks the launch's stop."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator, Sequence

from pantile.ir import BlockType, Value
from pantile.targets.llvm.control import StructuredControl

from .values import Buffer

ASSUMED_TRIPS = 16      # for the work estimate the launcher splits grids by (trip counts are not known)


class CarriedInBuffers(StructuredControl):
    """The CPU lowering's control-flow hooks (it supplies new_buffer, allocate, copy_into, leave_if_stopped)."""

    loop_weight: int

    def carry_slots(self, values: Sequence[Value]) -> list:
        """For each carried value: a fresh buffer (blocks) or None (scalars, carried by phis)."""
        return [self.new_buffer(v.type) if isinstance(v.type, BlockType) else None for v in values]

    def store_carried(self, new: Sequence[Any], slots: Sequence[Any]) -> None:
        """Copy blocks into the carry buffers; blocks that view a carry buffer go through a copy first, so
        that a yield like (b, a) cannot read a buffer it already overwrote."""
        carried = {s.slot for s in slots if s is not None}
        staged = []
        for v, s in zip(new, slots):
            if s is not None and isinstance(v, Buffer) and v.slot in carried and \
                    not (v.slot == s.slot and v.strides == s.strides):
                tmp = self.allocate(s.shape, s.etype, s.is_bool)
                self.copy_into(v, tmp)
                v = tmp
            staged.append(v)
        for v, s in zip(staged, slots):
            if s is not None:
                self.copy_into(v, s)

    def iteration_start(self) -> None:
        """No loop of the kernel outlives its launch (see leave_if_stopped)."""
        self.leave_if_stopped()

    @contextmanager
    def loop_region(self) -> Iterator[None]:
        """Ops inside a loop count ASSUMED_TRIPS times in the work estimate."""
        self.loop_weight *= ASSUMED_TRIPS
        try:
            yield
        finally:
            self.loop_weight //= ASSUMED_TRIPS
