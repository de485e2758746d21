"""Layout assignment: give every block value a layout, inserting conversions where ops disagree.

The memory op moving the most elements is the anchor: its blocked layout puts
`vec` contiguous elements (up to 16 bytes, as far as the axis info proves
contiguity and alignment) in each thread, consecutive threads on consecutive
vectors, so global memory is read and written with coalesced 128-bit
accesses. Every other value of the anchor's rank takes the same blocked
parameters over its own shape; lower-rank values that are expanded into it
(`x[:, None]`) or reduced from it take slice layouts of it, so the common
kernels need no conversion at all. Where an op still needs its operand in
another layout, a `simt.convert_layout` is inserted, unless the operand can be
made again in that layout from scalars: splats, ranges and constants, and,
where the conversion would run every iteration of a loop, small trees of
cheap elementwise and shape ops over them (a K loop's `k * BLOCK_K + arange`
offsets), recomputed instead of moved through shared memory.

Hints flow backwards from the ops that fix a layout (matrix-instruction dots,
copies) before the blocked default fills the gaps, so a value that reaches a
dot's operand through an expansion takes the dot's layout rather than the
default the expansion of another of its uses would give. A value a loop
carries takes the layout the loop body computes it in (the row statistics of
attention, reduced from a dot's accumulators), so no iteration converts it.
"""
from __future__ import annotations

import math
from typing import Callable, Optional

from pantile.ir import Block, BlockType, Builder, Module, Operation, Value
from pantile.ir.ops import ELEMENTWISE
from pantile.ir.types import scalar
from pantile.passes.analysis.dominance import DominanceInfo

from .dialect import CONVERT_LAYOUT
from .dot import a_from_dot, layouts_of
from .linear_layout import BlockedLayout, Layout, LinearLayout, SliceLayout, is_pow2, zero_dims
from .memory import PointerFacts

# (A type, B type, accumulator type, num_warps, chained, precision) -> (accumulator layout,) or None
DotLayouts = Optional[Callable[[BlockType, BlockType, BlockType, int, bool, Optional[str]], Optional[tuple]]]
MEMORY_OPS = ("pt.load", "pt.store", "pt.atomic_rmw", "pt.atomic_cas", "pt.atomic_load", "pt.atomic_store",
              "pt.atomic_poll", "pt.async_copy")
RECOMPUTED = ("pt.splat", "pt.make_range", "pt.constant")     # ops that give a block in any layout as cheaply
# ops made again in the layout a user wants, where their block operands can be too, instead of converted through
# shared memory: a few integer, compare or select instructions per element and register-only shape changes (the
# `k * BLOCK_K + arange` offsets of a K loop, the masks compared from them)
RECOMPUTED_FROM_OPERANDS = ("pt.add", "pt.sub", "pt.mul", "pt.and", "pt.or", "pt.xor", "pt.shl", "pt.shr",
                            "pt.min", "pt.max", "pt.neg", "pt.not", "pt.cmp", "pt.select", "pt.cast",
                            "pt.multiple_of", "pt.max_contiguous", "pt.max_constancy", "pt.expand_dims",
                            "pt.broadcast")
RECOMPUTE_DEPTH = 4     # the most RECOMPUTED_FROM_OPERANDS ops on a path from a recomputed value to its leaves
                        # (0 outside loops: splats, ranges and constants only)


def choose_blocked(shape: tuple[int, ...], num_warps: int, warp_size: int, vec: int = 1,
                   order: Optional[tuple[int, ...]] = None) -> BlockedLayout:
    """A blocked layout spreading `shape` over the program's threads, `vec` elements per thread
    along the fastest dimension order[0] (row-major when no order is given)."""
    rank = len(shape)
    order = tuple(order) if order is not None else tuple(reversed(range(rank)))
    threads = num_warps * warp_size
    numel = math.prod(shape)
    per_thread = max(1, min(vec, shape[order[0]], numel // threads))
    spt = [1] * rank
    spt[order[0]] = per_thread
    tpw, wpc = [1] * rank, [1] * rank
    remaining = warp_size
    for i, d in enumerate(order):          # lanes first along the fastest dimension
        room = max(1, shape[d] // spt[d])
        take = remaining if i == rank - 1 else min(remaining, room)
        tpw[d] = take
        remaining //= take
    remaining = num_warps
    for i, d in enumerate(order):
        room = max(1, shape[d] // (spt[d] * tpw[d]))
        take = remaining if i == rank - 1 else min(remaining, room)
        wpc[d] = take
        remaining //= take
    return BlockedLayout(tuple(spt), tuple(tpw), tuple(wpc), order)


def _anchor_layout(op: Operation, num_warps: int, warp_size: int, facts: PointerFacts) -> BlockedLayout:
    ptr = op.operands[0]
    shape = ptr.type.shape
    elem_bytes = max(1, ptr.type.scalar.pointee.bitwidth // 8)
    contiguity, divisibility = facts.contiguity(ptr), facts.divisibility_bytes(ptr)
    if contiguity is None or divisibility is None:
        return choose_blocked(shape, num_warps, warp_size, 1)
    order = tuple(sorted(range(len(shape)), key=lambda d: (-contiguity[d], -d)))
    fast = order[0]
    vec = min(contiguity[fast], max(1, 16 // elem_bytes))
    while vec > 1 and divisibility[fast] % (vec * elem_bytes):
        vec //= 2
    return choose_blocked(shape, num_warps, warp_size, vec, order)


class LayoutAssigner:
    """Assigns layouts in one kernel function; see the module docstring."""

    def __init__(self, num_warps: int, warp_size: int, facts: PointerFacts, dot_layouts: DotLayouts = None) -> None:
        self.num_warps = num_warps
        self.warp_size = warp_size
        self.facts = facts
        self.dot_layouts = dot_layouts
        self.params: dict[int, BlockedLayout] = {}     # rank -> blocked parameters
        self.hints: dict[Value, Layout] = {}
        self.remade: dict[tuple[Value, Layout], Value] = {}    # (value, layout) -> its recomputed copy

    # choosing --------------------------------------------------------------
    def choose_params(self, func: Operation) -> None:
        """Blocked parameters per rank: the anchor's for its rank, defaults for the others."""
        mem = [op for op in func.walk() if op.name in MEMORY_OPS and isinstance(op.operands[0].type, BlockType)]
        if mem:
            anchor = max(mem, key=lambda op: op.operands[0].type.numel)
            lay = _anchor_layout(anchor, self.num_warps, self.warp_size, self.facts)
            self.params[len(anchor.operands[0].type.shape)] = lay
        biggest: dict[int, tuple[int, ...]] = {}
        for op in func.walk():
            for v in list(op.results) + [a for r in op.regions for b in r.blocks for a in b.args]:
                if isinstance(v.type, BlockType):
                    shape = v.type.shape
                    if not all(is_pow2(d) for d in shape):
                        raise ValueError(f"{op.loc}: block shape {list(shape)} is not a power of two in "
                                         "every dimension; GPU targets need power-of-two block shapes")
                    r = len(shape)
                    if r not in biggest or math.prod(shape) > math.prod(biggest[r]):
                        biggest[r] = shape
        for r, shape in biggest.items():
            self.params.setdefault(r, choose_blocked(shape, self.num_warps, self.warp_size))

    def collect_hints(self, func: Operation, fallback: bool) -> None:
        """Lower-rank values that are expanded into higher ranks want slice layouts (walk backwards); with
        `fallback`, of the blocked default where the expanded value has no hint of its own."""
        for op in reversed(list(func.walk())):
            if op.name == "pt.dot" and self.matrix_layouts(op) is not None:
                self.hints.setdefault(op.acc, self.matrix_layouts(op)[0])
                a_lay = (self.result_layout(op.operands[0].type, op.attributes.get("input_precision"))
                         if a_from_dot(op) else None)
                if a_lay is not None:              # an A computed from a dot's result stays in its layout
                    self.hints.setdefault(op.operands[0], a_lay)
            elif op.name == "pt.async_copy":     # each copied block coalesced over its own shape
                lay = _anchor_layout(op, self.num_warps, self.warp_size, self.facts)
                for v in [op.operands[0]] + list(op.operands[3:]):
                    self.hints.setdefault(v, lay)
            elif op.name == "scf.for":             # carried values keep the layout their loop body wants
                body = op.regions[0].entry
                for arg, init, res in zip(body.args[1:], op.inits, op.results):
                    if arg in self.hints:
                        self.hints.setdefault(init, self.hints[arg])
                        self.hints.setdefault(res, self.hints[arg])
            elif op.name == "pt.expand_dims":
                res = op.results[0]
                parent = self.hints.get(res) or (self.params.get(len(res.type.shape)) if fallback else None)
                if parent is not None:
                    self.hints.setdefault(op.x, SliceLayout(op.attributes["axis"], parent))
            elif (op.opdef is not None and op.opdef.has(ELEMENTWISE) or op.name == "pt.load") and op.results:
                hint = self.hints.get(op.results[0]) or self.operand_hint(op)
                if hint is not None:
                    for v in op.operands:
                        if isinstance(v.type, BlockType):
                            self.hints.setdefault(v, hint)
            elif op.name in ("pt.broadcast", "pt.multiple_of", "pt.max_contiguous", "pt.max_constancy"):
                hint = self.hints.get(op.results[0])
                if hint is not None:
                    self.hints.setdefault(op.operands[0], source_of_broadcast(hint, op))

    def operand_hint(self, op: Operation) -> Optional[Layout]:
        """The hint of an operand of `op` of its result's shape (a loop-carried accumulator scaled in
        place): the other operands then take it too."""
        shape = op.results[0].type.shape if isinstance(op.results[0].type, BlockType) else None
        return next((self.hints[v] for v in op.operands if v in self.hints and v.type.shape == shape), None)

    def matrix_layouts(self, op: Operation) -> Optional[tuple]:
        """The target's (accumulator layout,) for pt.dot `op`, or None (FMA path)."""
        if self.dot_layouts is None:
            return None
        return layouts_of(self.dot_layouts, op, self.num_warps)

    def result_layout(self, t: BlockType, precision: Optional[str]) -> Optional[Layout]:
        """The layout of a chained matrix-instruction dot's [M, K] result for a block type `t` of [M, K] (dots
        at `precision`)."""
        square = BlockType((t.shape[1], t.shape[1]), t.element)
        acc = BlockType(t.shape, scalar("f32"))
        got = self.dot_layouts(t, square, acc, self.num_warps, True, precision)
        return None if got is None else got[0]

    def wanted(self, v: Value) -> Layout:
        """The layout a newly defined block value takes."""
        return self.hints.get(v) or self.params[len(v.type.shape)]

    # assigning ---------------------------------------------------------------
    def run(self, func: Operation) -> None:
        """Assign layouts to every block value of `func`."""
        self.choose_params(func)
        self.collect_hints(func, fallback=False)
        if self.seed_carried(func):
            self.collect_hints(func, fallback=False)
        self.collect_hints(func, fallback=True)
        self.assign_block(func.regions[0].entry)

    def seed_carried(self, func: Operation) -> bool:
        """Hint each loop-carried block with no hint yet the layout its yielded value is computed in, where
        that comes from a matrix-instruction dot; True when one was hinted."""
        natural: dict[Value, Layout] = {}
        for op in func.walk():
            if not op.results or not isinstance(op.results[0].type, BlockType):
                continue
            matrix = self.matrix_layouts(op) if op.name == "pt.dot" else None
            if matrix is not None:
                natural[op.results[0]] = matrix[0]
            elif op.name == "pt.reduce" and op.operands[0] in natural:
                for r in op.results:
                    natural[r] = SliceLayout(op.attributes["axis"], natural[op.operands[0]])
            elif op.opdef is not None and op.opdef.has(ELEMENTWISE):
                known = [natural[v] for v in op.operands if v in natural]
                if known:
                    natural.update((r, known[0]) for r in op.results)
        seeded = False
        for loop in [op for op in func.walk() if op.name == "scf.for"]:
            body = loop.regions[0].entry
            for arg, out in zip(body.args[1:], body.terminator.operands):
                if isinstance(arg.type, BlockType) and arg not in self.hints and out in natural:
                    self.hints[arg] = natural[out]
                    seeded = True
        return seeded

    def assign_block(self, block: Block) -> None:
        """Assign layouts to a block's arguments and ops."""
        for a in block.args:
            if isinstance(a.type, BlockType) and a.type.layout is None:
                set_layout(a, self.wanted(a))
        for op in list(block.ops):
            self.assign_op(op)

    def assign_op(self, op: Operation) -> None:
        """Give the results of `op` layouts and convert its operands as it needs."""
        name = op.name
        blocks = [v for v in op.operands if isinstance(v.type, BlockType)]
        if name == "scf.for":
            body = op.regions[0].entry
            for i, (init, arg, res) in enumerate(zip(op.operands[3:], body.args[1:], op.results), 3):
                if isinstance(init.type, BlockType):
                    lay = self.hints.get(arg, init.type.layout)
                    set_layout(arg, lay)
                    set_layout(res, lay)
                    self.require(op, i, lay)
            self.assign_block(body)
            self.require_yield(body, [a.type for a in body.args[1:]])
            return
        if name in ("scf.if", "scf.while"):
            for r in op.results:
                if isinstance(r.type, BlockType):
                    set_layout(r, self.wanted(r))
            if name == "scf.while":
                before, after = op.regions[0].entry, op.regions[1].entry
                for init, arg in zip(op.operands, before.args):
                    if isinstance(init.type, BlockType):
                        set_layout(arg, init.type.layout)
                for arg, res in zip(after.args, op.results):
                    if isinstance(res.type, BlockType):
                        set_layout(arg, res.type.layout)
                self.assign_block(before)
                self.require_yield(before, [None] + [r.type for r in op.results], first=1)
                self.assign_block(after)
                self.require_yield(after, [a.type for a in before.args])
                return
            for region in op.regions:
                self.assign_block(region.entry)
                self.require_yield(region.entry, [r.type for r in op.results])
            return
        if name in ("pt.reduce", "pt.scan"):
            axis = op.attributes["axis"]
            for res, src in zip(op.results, op.operands):
                if isinstance(res.type, BlockType):
                    lay = src.type.layout if name == "pt.scan" else SliceLayout(axis, src.type.layout)
                    set_layout(res, lay)
            for i, v in enumerate(op.operands[1:], 1):
                self.require(op, i, op.operands[0].type.layout)
            return
        if name == "pt.expand_dims":
            res = op.results[0]
            set_layout(res, self.wanted(res))
            self.require(op, 0, SliceLayout(op.attributes["axis"], res.type.layout))
            return
        if name == "pt.dot":
            res = op.results[0]
            matrix = self.matrix_layouts(op)
            # both paths read the operands from shared memory, whatever layouts they have
            set_layout(res, self.wanted(res) if matrix is None else matrix[0])
            self.require(op, 2, res.type.layout)
            return
        if name in MEMORY_OPS and blocks:
            lay = op.operands[0].type.layout
            for r in op.results:
                set_layout(r, lay)
            for i in range(1, len(op.operands)):
                self.require(op, i, lay)
            return
        if name == "pt.broadcast":
            res = op.results[0]
            set_layout(res, self.wanted(res))
            self.require(op, 0, source_of_broadcast(res.type.layout, op))
            return
        if (op.opdef is not None and op.opdef.has(ELEMENTWISE)) or name in (
                "pt.multiple_of", "pt.max_contiguous", "pt.max_constancy", "pt.inline_asm"):
            if op.results and isinstance(op.results[0].type, BlockType):
                lay = blocks[0].type.layout if blocks else self.wanted(op.results[0])
                for r in op.results:
                    set_layout(r, lay)
                for i, v in enumerate(op.operands):
                    if isinstance(v.type, BlockType):
                        self.require(op, i, lay)
            return
        for r in op.results:
            if isinstance(r.type, BlockType):
                set_layout(r, self.wanted(r))

    def require(self, op: Operation, index: int, layout: Layout) -> None:
        """Make operand `index` of `op` have `layout`, converting it when it differs."""
        v = op.operands[index]
        if not isinstance(v.type, BlockType) or same_layout(v.type, layout):
            return
        owner = getattr(v, "owner", None)
        if isinstance(owner, Operation) and owner.name == "pt.broadcast":
            # broadcast in place from a converted source, fewer elements move (a copy of the broadcast
            # for this user where others read it: broadcasting moves no data)
            if len(v.uses) > 1:
                owner = Builder.before_op(op).insert(owner.clone())
                op.set_operand(index, owner.results[0])
            set_layout(owner.results[0], layout)
            self.require(owner, 0, source_of_broadcast(layout, owner))
            return
        # in the block that defines v, before what holds op: a loop does not convert a value it does not change
        home = owner.parent if isinstance(owner, Operation) else owner
        at = op
        while at.parent is not home and at.parent_op is not None:
            at = at.parent_op
        if isinstance(owner, Operation) and recomputable(owner, RECOMPUTE_DEPTH if in_loop(home) else 0):
            # made again in the layout wanted (from scalars, or from nothing): no element moves between threads;
            # once for the users it reaches, as a conversion would be. Trees only where the conversion would run
            # every iteration of a loop: outside loops it runs once, and the tree would only lengthen what stays live
            made = self.remade.get((v, layout))
            if made is None or not DominanceInfo().dominates(made, op):
                made = self.remade[(v, layout)] = self.recompute(owner, layout, at)
            op.set_operand(index, made)
            return
        conv = Builder.before_op(at).create(CONVERT_LAYOUT, [v], [BlockType(v.type.shape, v.type.element, layout)])
        op.set_operand(index, conv.result)

    def recompute(self, owner: Operation, layout: Layout, at: Operation) -> Value:
        """The result of `owner` made again in `layout` before `at`, from its block operands in the layouts that
        give `layout` (made again in turn where they differ)."""
        copy = Builder.before_op(at).insert(owner.clone())
        set_layout(copy.results[0], layout)
        for i, v in enumerate(copy.operands):
            if isinstance(v.type, BlockType):
                self.require(copy, i, operand_layout(copy, layout))
        return copy.results[0]

    def require_yield(self, block: Block, types: list, first: int = 0) -> None:
        """Convert a terminator's operands to the layouts of `types`."""
        term = block.terminator
        for i in range(first, len(term.operands)):
            t = types[i]
            if isinstance(t, BlockType):
                self.require(term, i, t.layout)


def recomputable(op: Operation, depth: int) -> bool:
    """True when `op`'s result can be made in any layout from scalars: a RECOMPUTED op, or a
    RECOMPUTED_FROM_OPERANDS op within `depth` levels of them whose block operands all are."""
    if op.name in RECOMPUTED:
        return True
    if op.name not in RECOMPUTED_FROM_OPERANDS or depth == 0 or len(op.results) != 1:
        return False
    return all(isinstance(getattr(v, "owner", None), Operation) and recomputable(v.owner, depth - 1)
               for v in op.operands if isinstance(v.type, BlockType))


def in_loop(block: Block) -> bool:
    """True when `block` lies in the body of an scf.for or scf.while."""
    op = block.parent_op
    while op is not None:
        if op.name in ("scf.for", "scf.while"):
            return True
        op = op.parent_op
    return False


def operand_layout(op: Operation, layout: Layout) -> Layout:
    """The layout of the block operands from which a RECOMPUTED_FROM_OPERANDS op `op` yields `layout` in place."""
    if op.name == "pt.expand_dims":
        return SliceLayout(op.attributes["axis"], layout)
    if op.name == "pt.broadcast":
        return source_of_broadcast(layout, op)
    return layout


def source_of_broadcast(layout: Layout, op: Operation) -> Layout:
    """The operand layout from which `op` (a broadcast, or a hint op) yields `layout` in place.

    Compact layouts describe any shape; a linear layout is for one shape, so
    its bases are cut back to the operand's shape (broadcast dimensions
    replicated)."""
    if not isinstance(layout, LinearLayout):
        return layout
    src, dst = op.operands[0].type.shape, op.results[0].type.shape
    return layout.map_coords(zero_dims([d for d, (a, b) in enumerate(zip(src, dst)) if a != b]),
                             src).without_zero_registers()


def set_layout(v: Value, layout: Layout) -> None:
    """Give block value `v` the layout `layout`."""
    v.type = BlockType(v.type.shape, v.type.element, layout)


def same_layout(t: BlockType, layout: Layout) -> bool:
    """True when `t`'s layout and `layout` place every element on the same hardware position."""
    if t.layout is None:
        return False
    return t.layout == layout or t.layout.to_linear(t.shape) == layout.to_linear(t.shape)


def assign_layouts(module: Module, num_warps: int, warp_size: int, facts: PointerFacts,
                   dot_layouts: DotLayouts = None) -> None:
    """Assign layouts to every kernel function of `module`."""
    for func in module.functions():
        LayoutAssigner(num_warps, warp_size, facts, dot_layouts).run(func)
