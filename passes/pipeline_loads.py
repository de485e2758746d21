"""The `pipeline-loads` pass: software pipelining of loops whose loads feed pt.dot.

In an `scf.for` with `num_stages` S >= 2 (its own attribute, else the pass's
option), each block load used only as an operand of `pt.dot` gets a buffer of
S slots in shared memory (`pt.local_alloc`). Before the loop, the loads of the
first S-1 iterations start as asynchronous copies (`pt.async_copy`, one
`pt.async_commit` group per iteration). Iteration i waits for its own group
(`pt.async_wait` leaves S-2 pending, then synchronises the program, so slot
(i-1) mod S has been read by every thread), starts the copies of iteration
i+S-1 into that slot, and reads its operands from slot i mod S
(`pt.local_load`). After the loop every copy is waited for. A target whose matrix
instruction may still read slot i-1 while iteration i starts (an asynchronous
one) asks for `extra_slots`: the buffers then have S + extra slots and iteration
i copies into slot (i+S-1) mod (S + extra), which no running instruction reads.

The address and mask computations of the loads (their stage-0 slice) are
cloned for the iteration S-1 ahead; values the loop carries only for them (the
pointers advanced each iteration) then carry their value S-1 iterations ahead,
and the prologue computes those starting values. Copies of iterations at or
past the upper bound are masked off, so any trip count (0, 1, fewer than S,
many) is correct, and masked-off elements read zero, which is why only loads
without `other` or with `other` zero are pipelined. Slots are row-major, or
column by column (`order = [0, 1]` on the buffer, as Triton orders shared
encodings: fastest dimension first) for a tile whose pointers the axis info
proves contiguous along its first dimension only, such as attention's Kᵀ, so
that every copy moves contiguous elements. A target that has no asynchronous
copies lowers them as ordinary copies. A load before the loop that only dots of
this loop and of loops after it read is copied once, before the first of them;
its buffer then counts against the shared memory of those later loops too.
Under a shared-memory budget (`shared_bytes`), a loop is pipelined fewer stages
deep until its buffers fit as the target places them: each buffer at a multiple
of `buffer_alignment`, the tile copies' barriers included.

A target that copies tiles whole (`copies_tile`: TMA) gets a 2-D `pt.desc_load` of a descriptor argument or
of one made once per program (kept by lower-tensor-memory) pipelined the same way as one `pt.async_tile_copy`
per slot fill. Such copies complete through barriers, one per slot (`pt.tile_barriers_init` expecting one
arrival per tile copied each iteration): iteration i waits for barrier i mod slots to complete its phase (i div slots) mod 2
(`pt.tile_barrier_wait`, after starting the copies S-1 iterations ahead, so they are in flight while it
waits), and a copy past the upper bound is not started at all. Elements outside the tensor are the
descriptor's padding, zero or NaN, so both paddings are pipelined. After the loop the barriers are
released (`pt.tile_barriers_release`) before their memory is reused. Where every copy of the loop is a
tile copy, no copy group is committed or waited for: the body starts with `pt.barrier` instead of
`pt.async_wait`, so that slot (i+S-1) mod slots is read by no thread when its copy starts.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Optional

from pantile.ir import BlockType, Builder, Module, Operation, PointerType, Value
from pantile.ir.types import i1, i64

from .manager import AnalysisManager, Pass, register
from .rewrite import const_value, is_pure, make_constant

SHARED_SPACE = 3


def _body_op(v: Value, body) -> Optional[Operation]:
    owner = getattr(v, "owner", None)
    return owner if isinstance(owner, Operation) and owner.parent is body else None


def _slice(roots: list[Value], body) -> Optional[set]:
    """The ops of `body` that compute `roots` (up to its arguments and outer values); None if one is impure."""
    out: set = set()
    todo = list(roots)
    while todo:
        op = _body_op(todo.pop(), body)
        if op is None or op in out:
            continue
        if not is_pure(op) or op.regions:
            return None
        out.add(op)
        todo.extend(op.operands)
    return out


def _tile_bytes(load: Operation) -> int:
    """Bytes of one slot holding the tile `load` reads."""
    tile = load.results[0].type
    return tile.numel * max(1, tile.scalar.bitwidth // 8)


def transposed_by(value: Value) -> Optional[Operation]:
    """The 2-D pt.permute [1, 0] that is the only user of `value` (a tile the dots read transposed, as
    attention's Kᵀ: its slot holds it as copied, read column by column), or None."""
    users = value.users
    if len(users) == 1 and users[0].name == "pt.permute" and list(users[0].attributes["order"]) == [1, 0]:
        return users[0]
    return None


def read_value(load: Operation) -> Value:
    """What the dots read of tile load `load`: its result, or the transpose of a descriptor tile."""
    permute = transposed_by(load.results[0]) if load.name == "pt.desc_load" else None
    return permute.results[0] if permute is not None else load.results[0]


def slot_order(load: Operation, contiguity) -> Optional[list[int]]:
    """The dimensions of `load`'s 2-D tile in a slot, fastest first: the last when its pointers are
    contiguous along it, else the first when they are along that; None when neither (no copy is wide)."""
    along = contiguity(load.operands[0])
    if along[-1] >= 2:
        return [1, 0]
    return [0, 1] if along[0] >= 2 else None


def _pipelinable(load: Operation, wants, contiguity, bodies=(), copies_tile=None) -> bool:
    """True when `load` can be copied into a buffer: only dots of its own block (of one of `bodies` if given)
    read it, as operand A or B; a descriptor load where `copies_tile` takes it."""
    res = read_value(load)
    if not isinstance(res.type, BlockType) or len(res.type.shape) != 2 or not res.uses:
        return False
    if res.owner is not load and res.owner.parent is not load.parent:
        return False
    if load.name == "pt.desc_load":
        if copies_tile is None or not copies_tile(load):
            return False
    elif slot_order(load, contiguity) is None:
        return False
    elif len(load.operands) > 2 and const_value(load.operands[2]) != 0:
        return False
    elif load.attributes.get("volatile"):
        return False
    for user in res.users:
        if user.name != "pt.dot" or not any(user.parent is b for b in bodies or (load.parent,)) or \
                res in user.operands[2:]:
            return False
        if not wants(user):
            return False
    return True


def _invariant_loads(loop: Operation, wants, contiguity, copies_tile=None) -> list[Operation]:
    """Loads before `loop` that only dots in its body and in the bodies of the loops after it read (causal
    attention's Q, read by both of its loops): copied to shared memory once, not every iteration."""
    at = loop.parent.ops.index(loop)
    bodies = [op.regions[0].entry for op in loop.parent.ops[at:] if op.name == "scf.for"]
    return [op for op in loop.parent.ops[:at] if op.name in ("pt.load", "pt.desc_load") and
            _pipelinable(op, wants, contiguity, bodies, copies_tile)]


class _Loop:
    """One loop being pipelined."""

    def __init__(self, loop: Operation, loads: list[Operation], stages: int, invariant: list[Operation],
                 contiguity, extra_slots: int = 0) -> None:
        self.loop = loop
        self.contiguity = contiguity
        self.slots = stages + extra_slots
        self.body = loop.regions[0].entry
        self.iv = self.body.args[0]
        self.loads = loads
        self.stages = stages
        self.invariant = invariant
        self.tiles = [ld for ld in loads if ld.name == "pt.desc_load"]
        self.barriers: Optional[Value] = None
        self.once_barriers: list[Value] = []        # those of the tiles copied once, before the loop
        self.pointer_copies = any(ld.name == "pt.load" for ld in loads + invariant)    # any pt.async_copy at all

    def plan(self) -> bool:
        """Find the stage-0 slice and the carried values only it uses; False when the loop does not fit."""
        body = self.body
        roots = [v for ld in self.loads for v in (ld.operands if ld in self.tiles else ld.operands[:2])]
        stage0 = _slice(roots, body)
        if stage0 is None:
            return False
        term = body.terminator
        carried = {a for op in stage0 for a in op.operands if a in body.args[1:]}
        carried |= {v for v in roots if v in body.args[1:]}
        update: set = set()
        for arg in carried:
            idx = body.args.index(arg) - 1
            chain = _slice([term.operands[idx]], body)
            if chain is None or self.loop.results[idx].uses or any(self.iv in op.operands for op in chain):
                return False        # an update reading the induction variable would need it S-1 ahead too
            update |= chain
        # the carried values will hold values S-1 iterations ahead: nothing but stage 0 and the updates may see them
        inside = stage0 | update | set(self.loads)
        tainted, frontier = set(), [u for a in carried for u in a.users]
        while frontier:
            op = frontier.pop()
            if op is term or op in tainted:
                continue
            if op not in inside:
                return False
            tainted.add(op)
            if op not in self.loads:
                frontier.extend(u for r in op.results for u in r.users)
        for a in carried:
            idx = body.args.index(a) - 1
            if not (_body_op(term.operands[idx], body) in update or term.operands[idx] in carried):
                return False
        self.stage0, self.update, self.carried = stage0, update, carried
        return True

    def _clone(self, builder: Builder, ops: set, vm: dict) -> None:
        for op in [op for op in self.body.ops if op in ops]:     # a copy: clones may go into the body
            builder.insert(op.clone(vm))

    def _scalar(self, builder: Builder, name: str, a: Value, b: Value, t=None, **attrs) -> Value:
        return builder.value(name, [a, b], t or a.type, **attrs)

    def _copies(self, builder: Builder, vm: dict, pred: Value, slot: Value) -> None:
        for ld, buf in zip(self.loads, self.buffers):
            if ld in self.tiles:
                desc, *offsets = ld.operands
                builder.create("pt.async_tile_copy", [desc, buf, slot, self.barriers, pred,
                                                      *(vm.get(o, o) for o in offsets)])
                continue
            ptr = vm.get(ld.operands[0], ld.operands[0])
            shape = ptr.type.shape
            guard = builder.value("pt.splat", [pred], BlockType(shape, i1))
            if len(ld.operands) > 1:
                guard = self._scalar(builder, "pt.and", vm.get(ld.operands[1], ld.operands[1]), guard)
            builder.create("pt.async_copy", [ptr, buf, slot, guard])
        if self.pointer_copies:
            builder.create("pt.async_commit")

    def _alloc(self, builder: Builder, load: Operation, slots: int) -> Value:
        """A buffer of `slots` copies of `load`'s tile, column by column where its pointers say so or where
        the dots read a descriptor tile transposed."""
        res = read_value(load)
        if load.name == "pt.desc_load":
            order = [1, 0] if res is load.results[0] else [0, 1]
        else:
            order = slot_order(load, self.contiguity)
        attrs = {"order": order} if order != [1, 0] else {}
        return builder.value("pt.local_alloc", [], PointerType(res.type.scalar, SHARED_SPACE),
                             shape=[slots] + list(res.type.shape), **attrs)

    def _hoist(self, pre: Builder) -> None:
        """One slot per loop-invariant operand, read by each dot that uses it: copied through pointers as the
        first group (the body's first wait covers it), or as a tile completing on a barrier of its own."""
        if not self.invariant:
            return
        zero = make_constant(pre, 0, self.iv.type)
        for ld in self.invariant:
            res = read_value(ld)
            buf = self._alloc(pre, ld, 1)
            if ld.name == "pt.desc_load":
                bars = pre.value("pt.local_alloc", [], PointerType(i64, SHARED_SPACE), shape=[1, 1])
                pre.create("pt.tile_barriers_init", [bars], attributes={"arrivals": 1})
                pre.create("pt.async_tile_copy", [ld.operands[0], buf, zero, bars, make_constant(pre, 1, i1),
                                                  *ld.operands[1:]])
                self.once_barriers.append(bars)
            else:
                pre.create("pt.async_copy", [ld.operands[0], buf, zero] + list(ld.operands[1:2]))
            for user in set(res.users):
                got = Builder.before_op(user).value("pt.local_load", [buf, zero], res.type)
                for i, v in enumerate(user.operands):
                    if v is res:
                        user.set_operand(i, got)
            if res is not ld.results[0]:
                res.owner.erase()
            ld.erase()
        if self.pointer_copies and any(ld.name == "pt.load" for ld in self.invariant):
            pre.create("pt.async_commit")

    def rewrite(self) -> None:
        """Buffers, prologue, the ahead copies and slot reads in the body, the final wait."""
        loop, body, iv, s = self.loop, self.body, self.iv, self.stages
        lb, ub, step = loop.operands[:3]
        t = iv.type
        pre = Builder.before_op(loop)
        self._hoist(pre)
        self.buffers = [self._alloc(pre, ld, self.slots) for ld in self.loads]
        if self.tiles:
            self.barriers = pre.value("pt.local_alloc", [], PointerType(i64, SHARED_SPACE), shape=[self.slots, 1])
            pre.create("pt.tile_barriers_init", [self.barriers], attributes={"arrivals": len(self.tiles)})
        # prologue: iterations 0 .. S-2
        cur = {a: loop.operands[body.args.index(a) + 2] for a in self.carried}
        term = body.terminator
        for j in range(s - 1):
            it = self._scalar(pre, "pt.add", lb, self._scalar(pre, "pt.mul", make_constant(pre, j, t), step))
            vm = {iv: it, **cur}
            self._clone(pre, self.stage0 | self.update, vm)
            pred = self._scalar(pre, "pt.cmp", it, ub, i1, predicate="lt")
            self._copies(pre, vm, pred, make_constant(pre, j, t))
            cur = {a: vm.get(term.operands[body.args.index(a) - 1], term.operands[body.args.index(a) - 1])
                   for a in self.carried}
        for a, v in cur.items():
            loop.set_operand(body.args.index(a) + 2, v)
        for bars in self.once_barriers:        # the tiles copied once are in before the loop starts
            zero = make_constant(pre, 0, t)
            pre.create("pt.tile_barrier_wait", [bars, zero, zero])
        # body: wait for this iteration's group, start iteration i+S-1's copies, read slot i mod S
        first = body.ops[0]
        inb = Builder.before_op(first)
        if self.pointer_copies:
            inb.create("pt.async_wait", attributes={"pending": s - 2})
        else:       # tile copies only: their barriers say when slots are full; this one, when one may be refilled
            inb.create("pt.barrier")
        count = self._scalar(inb, "pt.div", self._scalar(inb, "pt.sub", iv, lb), step)
        n = make_constant(inb, self.slots, t)
        read = self._scalar(inb, "pt.rem", count, n)
        write = self._scalar(inb, "pt.rem", self._scalar(inb, "pt.add", count, make_constant(inb, s - 1, t)), n)
        ahead = self._scalar(inb, "pt.add", iv, self._scalar(inb, "pt.mul", make_constant(inb, s - 1, t), step))
        at = Builder.before_op(self.loads[0])
        vm = {iv: ahead}
        self._clone(at, self.stage0, vm)
        self._copies(at, vm, self._scalar(at, "pt.cmp", ahead, ub, i1, predicate="lt"), write)
        if self.tiles:
            phase = self._scalar(at, "pt.rem", self._scalar(at, "pt.div", count, n), make_constant(at, 2, t))
            at.create("pt.tile_barrier_wait", [self.barriers, read, phase])
        for ld, buf in zip(self.loads, self.buffers):
            res = read_value(ld)
            got = Builder.before_op(ld).value("pt.local_load", [buf, read], res.type)
            res.replace_all_uses_with(got)
            if res is not ld.results[0]:
                res.owner.erase()
            ld.erase()
        _erase_dead(body)
        after = Builder(loop.parent, loop.parent.ops[loop.parent.ops.index(loop) + 1])
        if self.pointer_copies:
            after.create("pt.async_wait", attributes={"pending": 0})
        if self.tiles:
            after.create("pt.tile_barriers_release", [self.barriers])
        for bars in self.once_barriers:
            after.create("pt.tile_barriers_release", [bars])


def _erase_dead(body) -> None:
    """Erase pure ops of `body` whose results nothing uses (the stage-0 originals the clones replaced)."""
    changed = True
    while changed:
        changed = False
        for op in reversed(list(body.ops)):
            if is_pure(op) and not op.regions and not any(r.uses for r in op.results):
                op.erase()
                changed = True


@register
@dataclass
class PipelineLoads(Pass):
    """Software pipelining of dot operand loads through shared-memory buffers; see the module docstring."""

    name: ClassVar[str] = "pipeline-loads"
    requires: ClassVar[tuple[str, ...]] = ("axis-info",)

    num_stages: int = 3         # for loops without their own num_stages
    shared_bytes: int = 0       # 0: no limit; else fewer stages until a loop's buffers fit
    extra_slots: int = 0        # slots beyond num_stages that an asynchronous matrix instruction may still read
    buffer_alignment: int = 1   # bytes the target places each buffer at a multiple of (its size rounded up to it)

    def wants(self, dot: Operation) -> bool:
        """Whether the operands of `dot` should come from pipelined buffers (a target narrows it down)."""
        return True

    def copies_tile(self, load: Operation) -> bool:
        """Whether the target copies the tile of descriptor load `load` whole (none does by default)."""
        return False

    def buffers_bytes(self, loads: list[Operation], invariant: list[Operation], stages: int) -> int:
        """The shared memory of the buffers pipelining `loads` `stages` deep allocates (and of the invariant
        loads' slots), each buffer rounded up to `buffer_alignment`: a buffer per load, a slot per invariant
        load, and where any load is a tile copy, its barriers (an i64 a slot)."""
        slots = stages + self.extra_slots
        total = sum(self.placed(slots * _tile_bytes(ld)) for ld in loads) + \
            sum(self.placed(_tile_bytes(ld)) for ld in invariant)
        if any(ld.name == "pt.desc_load" for ld in loads):
            total += self.placed(slots * i64.bitwidth // 8)
        return total

    def placed(self, nbytes: int) -> int:
        """`nbytes` rounded up to the target's buffer alignment."""
        return -(-nbytes // self.buffer_alignment) * self.buffer_alignment

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Pipeline every innermost loop that fits."""
        info = analyses.get("axis-info")

        def contiguity(v: Value) -> tuple[int, ...]:
            return info[v].contiguity
        allocated = 0               # bytes of the loads copied once before earlier loops: later loops read them
        for loop in [op for op in module.walk() if op.name == "scf.for"]:
            if any(o.name in ("scf.for", "scf.while") for o in loop.walk() if o is not loop):
                continue
            body = loop.regions[0].entry
            loads = [op for op in body.ops if op.name in ("pt.load", "pt.desc_load") and
                     _pipelinable(op, self.wants, contiguity, copies_tile=self.copies_tile)]
            stages = loop.attributes.get("num_stages", self.num_stages)
            invariant = _invariant_loads(loop, self.wants, contiguity, self.copies_tile)
            while self.shared_bytes and stages >= 2 and \
                    self.buffers_bytes(loads, invariant, stages) + allocated > self.shared_bytes:
                stages -= 1
            if not loads or stages < 2:
                continue
            plan = _Loop(loop, loads, stages, invariant, contiguity, self.extra_slots)
            if plan.plan():
                plan.rewrite()
                allocated += sum(self.placed(_tile_bytes(ld)) for ld in invariant)
