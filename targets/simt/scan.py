"""pt.scan: inclusive scans along one axis, forward or reverse.

When the layout walks the axis the way blocked layouts do (low coordinate
bits in registers, then lanes, then warps, then repeated register chunks) the
scan runs in registers, then across lanes with shuffle steps (Hillis-Steele),
then across warps through shared memory, carrying each chunk's total into the
next; a reverse scan walks the same steps from the other end. Any other
layout moves whole rows into each thread's registers through the generic
transfer, scans there, and moves them back.
"""
from __future__ import annotations

import math
from typing import Optional

from llvmlite import ir as llir

from pantile.ir import Operation

from .exchange import through_i32, transfer
from .linear_layout import Basis, LinearLayout, drop_dim, log2
from .shared_layout import Weights, row_major_strides
from .values import from_memory, memory_form, nbytes, to_memory, xor_offset

I32 = llir.IntType(32)


def row_layout(lay: LinearLayout, axis: int) -> LinearLayout:
    """`lay` with the whole `axis` in each thread's registers (other dimensions stay where they were)."""
    keep = lambda v: tuple(0 if d == axis else c for d, c in enumerate(v))  # noqa: E731
    unit = lambda k: tuple(k if d == axis else 0 for d in range(lay.rank))  # noqa: E731
    regs = tuple(unit(1 << j) for j in range(log2(lay.shape[axis]))) + tuple(
        keep(v) for v in lay.register if any(keep(v)))
    return LinearLayout(regs, tuple(keep(v) for v in lay.lane), tuple(keep(v) for v in lay.warp), lay.shape)


def axis_plan(lay: LinearLayout, axis: int) -> Optional[list[tuple[str, int]]]:
    """For each bit of the axis coordinate (low first), the (hardware dim, bit) that carries it, when
    the order is registers, lanes (consecutive bits), warps, registers; else None."""
    owners: dict[int, tuple[str, int]] = {}
    for dim in ("register", "lane", "warp"):
        for bit, v in enumerate(getattr(lay, dim)):
            if not v[axis]:
                continue
            if any(c for d, c in enumerate(v) if d != axis) or v[axis] & (v[axis] - 1):
                return None
            owners[log2(v[axis])] = (dim, bit)
    plan = [owners[p] for p in range(log2(lay.shape[axis]))]
    phases = "".join({"register": "r", "lane": "l", "warp": "w"}[d] for d, _ in plan)
    if phases.lstrip("r").lstrip("l").lstrip("w").lstrip("r"):
        return None
    lanes = [b for d, b in plan if d == "lane"]
    if lanes and lanes != list(range(lanes[0], lanes[0] + len(lanes))):
        return None
    return plan


def lower_scan(lw, op: Operation) -> None:
    """Inclusive scan along `axis` with the op's combine region."""
    axis = op.attributes["axis"]
    reverse = bool(op.attributes.get("reverse", False))
    lay = lw.layout_of(op.operands[0])
    plan = axis_plan(lay, axis)
    cols = [lw.regs(s) for s in op.operands]
    types = [lw.llvm_type(s.type) for s in op.operands]
    if plan is None:
        out = _scan_rows(lw, op, lay, axis, reverse, cols, types)
    else:
        out = _ScanInPlace(lw, op, lay, axis, plan, types, reverse).run(cols)
    for res, col in zip(op.results, out):
        lw.values[res] = col


def _scan_rows(lw, op: Operation, lay: LinearLayout, axis: int, reverse: bool, cols: list, types: list) -> list:
    rows = row_layout(lay, axis)
    body = op.regions[0].entry
    ident = lambda v: v  # noqa: E731
    moved = [transfer(lw, col, lay, rows, ident, t) for col, t in zip(cols, types)]
    coords = rows.register_coords()
    groups: dict[Basis, list[int]] = {}
    for r, c in enumerate(coords):
        groups.setdefault(drop_dim(axis)(c), []).append(r)
    out_cols = [list(col) for col in moved]
    for regs in groups.values():
        regs.sort(key=lambda r: coords[r][axis], reverse=reverse)
        running = None
        for r in regs:
            item = [col[r] for col in moved]
            running = item if running is None else lw.run_region(body, running + item)
            for col, v in zip(out_cols, running):
                col[r] = v
    return [transfer(lw, col, rows, lay, ident, t) for col, t in zip(out_cols, types)]


class _ScanInPlace:
    """The register / lane / warp scan of one op (see the module docstring)."""

    def __init__(self, lw, op: Operation, lay: LinearLayout, axis: int, plan: list, types: list,
                 reverse: bool) -> None:
        self.lw, self.lay, self.axis, self.types, self.reverse = lw, lay, axis, types, reverse
        self.body = op.regions[0].entry
        self.lane_bits = [b for d, b in plan if d == "lane"]
        self.warp_bits = [b for d, b in plan if d == "warp"]
        first_hw = next((i for i, (d, _) in enumerate(plan) if d != "register"), len(plan))
        self.lo_bits = [b for d, b in plan[:first_hw] if d == "register"]

    def combine(self, a: list, b: list) -> list:
        """The combine region on two tuples of values."""
        return self.lw.run_region(self.body, list(a) + list(b))

    def after(self, has: Optional[llir.Value], prefix: Optional[list], x: list) -> list:
        """combine(prefix, x) where `has` holds (always when has is None and prefix exists)."""
        if prefix is None:
            return x
        both = self.combine(prefix, x)
        if has is None:
            return both
        return [self.lw.b.select(has, p, q) for p, q in zip(both, x)]

    def from_lane(self, v: llir.Value, delta: int) -> llir.Value:
        """`v` of the lane `delta` lanes earlier in scan order (lower lanes forward, higher in reverse)."""
        lw, b = self.lw, self.lw.b
        if self.reverse:
            src = b.add(lw.lane, I32(delta))
            return through_i32(lw, v, lambda x: lw.hooks.shuffle_idx(b, x, src))
        return through_i32(lw, v, lambda x: lw.hooks.shuffle_up(b, x, delta))

    def index_of(self, hw: llir.Value, bits: list[int]) -> llir.Value:
        """The packed value of `bits` of hardware index `hw` (computed in the prologue)."""
        pro = self.lw.pro
        out: llir.Value = I32(0)
        for j, bit in enumerate(bits):
            is_set = pro.icmp_unsigned("!=", pro.and_(hw, I32(1 << bit)), I32(0))
            out = pro.or_(out, pro.select(is_set, I32(1 << j), I32(0)))
        return out

    def run(self, cols: list) -> list:
        """The scanned registers of every operand."""
        lw, lay, axis, b = self.lw, self.lay, self.axis, self.lw.b
        coords = lay.register_coords()
        lo_mask = sum(1 << bit for bit in self.lo_bits)
        chunks: dict[tuple, list[int]] = {}
        for r, c in enumerate(coords):
            chunks.setdefault((drop_dim(axis)(c), r & ~lo_mask), []).append(r)
        out = [list(col) for col in cols]
        local_totals = {}
        for key, regs in chunks.items():                       # 1. registers
            regs.sort(key=lambda r: coords[r][axis], reverse=self.reverse)
            running = None
            for r in regs:
                item = [col[r] for col in cols]
                running = item if running is None else self.combine(running, item)
                for o, v in zip(out, running):
                    o[r] = v
            local_totals[key] = running
        lane_idx = self.index_of(lw.lane, self.lane_bits)
        warp_idx = self.index_of(lw.warp, self.warp_bits)
        last_lane = (1 << len(self.lane_bits)) - 1
        lane_prefix, chunk_totals = {}, {}
        for key, total in local_totals.items():                # 2. lanes
            incl = total
            for j in range(len(self.lane_bits)):
                earlier = [self.from_lane(v, 1 << (self.lane_bits[0] + j)) for v in incl]
                ok = (b.icmp_unsigned("<", lane_idx, I32(last_lane + 1 - (1 << j))) if self.reverse
                      else b.icmp_unsigned(">=", lane_idx, I32(1 << j)))
                incl = self.after(ok, earlier, incl)
            if self.lane_bits:
                exclusive = [self.from_lane(v, 1 << self.lane_bits[0]) for v in incl]
                has = (b.icmp_unsigned("<", lane_idx, I32(last_lane)) if self.reverse
                       else b.icmp_unsigned(">", lane_idx, I32(0)))
                lane_prefix[key] = (has, exclusive)
                axis_lanes = last_lane << self.lane_bits[0]      # the lane that has seen the whole warp
                owner = (b.and_(lw.lane, I32(~axis_lanes & 0xFFFFFFFF)) if self.reverse
                         else b.or_(lw.lane, I32(axis_lanes)))
                chunk_totals[key] = [through_i32(lw, v, lambda x: lw.hooks.shuffle_idx(b, x, owner)) for v in incl]
            else:
                chunk_totals[key] = incl
        warp_prefix = self.across_warps(chunk_totals, warp_idx, lane_idx, last_lane) if self.warp_bits else {}
        carry: dict[Basis, Optional[list]] = {}
        for key in sorted(chunks, key=lambda k: coords[chunks[k][0]][axis], reverse=self.reverse):  # 4. chunks
            other = key[0]
            prev = carry.get(other)
            for r in chunks[key]:
                item = [o[r] for o in out]
                if key in lane_prefix:
                    item = self.after(*lane_prefix[key], item)
                if key in warp_prefix:
                    item = self.after(*warp_prefix[key][:2], item)
                item = self.after(None, prev, item)
                for o, v in zip(out, item):
                    o[r] = v
            total = warp_prefix[key][2] if key in warp_prefix else chunk_totals[key]
            carry[other] = total if prev is None else self.combine(prev, total)
        return out

    def across_warps(self, totals: dict, warp_idx: llir.Value, lane_idx: llir.Value, last_lane: int) -> dict:
        """Per chunk: (this warp has a prefix, the prefix of earlier warps, the total of all warps)."""
        lw, b = self.lw, self.lw.b
        res_shape = drop_dim(self.axis)(self.lay.shape)
        res_lay = self.lay.map_coords(drop_dim(self.axis), res_shape)
        strides = row_major_strides(res_shape)
        numel = math.prod(res_shape)
        parts = 1 << len(self.warp_bits)
        keys = list(totals)
        sizes = [len(keys) * parts * numel * max(4, nbytes(memory_form(t))) for t in self.types]
        base = lw.use_scratch(sum(sizes))
        offsets = [sum(sizes[:i]) for i in range(len(sizes))]
        hw = lw.hw_xor(res_lay, Weights(strides))

        def slot(k: int, key, w) -> llir.Value:
            off = xor_offset(b, hw, sum(c * s for c, s in zip(key[0], strides)))
            return b.add(b.mul(b.add(I32(k * parts), w), I32(numel)), off)

        def ptr(i: int, idx: llir.Value) -> llir.Value:
            byte = b.gep(base, [I32(offsets[i])], source_etype=llir.IntType(8))
            return b.gep(byte, [idx], source_etype=memory_form(self.types[i]))
        lw.barrier()
        with b.if_then(b.icmp_unsigned("==", lane_idx, I32(0 if self.reverse else last_lane))):
            for k, key in enumerate(keys):
                for i, v in enumerate(totals[key]):
                    b.store(to_memory(b, v, memory_form(self.types[i])), ptr(i, slot(k, key, warp_idx)))
        lw.barrier()
        out = {}
        for k, key in enumerate(keys):
            prefix, has = None, None
            total = None
            for w in (reversed(range(parts)) if self.reverse else range(parts)):
                item = [from_memory(b, lw.load_shared(ptr(i, slot(k, key, I32(w))), memory_form(t), None, res_lay,
                                                      Weights(strides)), t)
                        for i, t in enumerate(self.types)]
                earlier = b.icmp_unsigned(">" if self.reverse else "<", I32(w), warp_idx)
                if prefix is None:
                    prefix, has = item, earlier
                else:
                    grown = self.combine(prefix, item)
                    prefix = [b.select(earlier, g, p) for g, p in zip(grown, prefix)]
                    has = b.or_(has, earlier)
                total = item if total is None else self.combine(total, item)
            out[key] = (has, prefix, total)
        return out
