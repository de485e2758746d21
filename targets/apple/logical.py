"""Logical addressing: the lowered kernel's global pointers rewritten into (storage buffer, byte offset).

Vulkan SPIR-V has no pointer arithmetic on buffers. The shared SIMT lowering writes plain pointers, so this
rewrite, on the llvmlite module before it is printed, follows every global pointer from its kernel argument
through GEPs, selects, phis and pointer comparisons as an i32 byte offset into that argument's buffer, and
turns each load, store and atomic into an access of `llvm.spv.resource.getpointer` on the buffer's handle (one
binding per buffer and element type; the launcher binds the same wgpu buffer to each). Scalar arguments and the
grid size are i32 words of one read-only storage buffer at binding 0. A pointer whose buffer is not one
argument is refused by the provenance pass on pantile's IR first (provenance.py), at the user's line.

llvmlite's builder has no target-extension types: handles are placeholders of an opaque struct type that
`to_text` replaces by the `spirv.VulkanBuffer` types and intrinsic names.
"""
from __future__ import annotations

import math
import re
import struct
from dataclasses import dataclass, field
from typing import Any, Optional

from llvmlite import ir as llir

from .float_compare import float_compare, needs_rewrite
from .legalize import (WideIntegers, carry_compare, flipped_compare, folded_constant, legal_call,
                       saturating_conversion, signed_remainder, wide_signed_compare)
from .narrow import NarrowIntegers, is_narrow

I32 = llir.IntType(32)
GLOBAL, WORKGROUP = 1, 3
WORKGROUP_RELAXED = 'syncscope("workgroup") monotonic'   # Vulkan has no cross-device scope
DEVICE_RELAXED = 'syncscope("device") monotonic'
NAME_PTR = llir.PointerType()
NUM_PROGRAMS = "pantile_num_programs"


class LogicalAddressingError(Exception):
    """A pointer the rewrite cannot place in one buffer (an internal error: provenance.py should refuse first)."""


def _type_tag(t: llir.Type) -> str:
    """The element type as LLVM mangles it in intrinsic names (f32, i64, ...)."""
    if isinstance(t, llir.IntType):
        return f"i{t.width}"
    return {llir.FloatType: "f32", llir.DoubleType: "f64", llir.HalfType: "f16"}[type(t)]


def _size(t: llir.Type) -> int:
    if isinstance(t, llir.IntType):
        return max(t.width // 8, 1)
    if isinstance(t, llir.VectorType):
        return t.count * _size(t.element)
    if isinstance(t, llir.ArrayType):
        return t.count * _size(t.element)
    return {llir.FloatType: 4, llir.DoubleType: 8, llir.HalfType: 2}[type(t)]


def _is_global_ptr(v: llir.Value) -> bool:
    """A pointer the rewrite follows: into a kernel argument's buffer or into workgroup memory."""
    return isinstance(v.type, llir.PointerType) and v.type.addrspace in (GLOBAL, WORKGROUP)


@dataclass
class Binding:
    """One storage-buffer binding: kernel argument `arg` (-1: the scalar words) viewed as `[0 x elem]`."""

    binding: int
    arg: int
    elem: str


@dataclass
class LogicalKernel:
    """The rewritten kernel: its bindings and where each scalar argument and the grid size lie in the words."""

    bindings: list[Binding] = field(default_factory=list)
    scalar_words: dict[int, int] = field(default_factory=dict)   # argument -> first i32 word (value or offset)
    grid_word: int = 0            # first of the three grid-size words; NON_FINITE_BITS follow them
    constant_word: int = 0        # where the kernel's constant tables start (8-byte aligned)
    constants: bytes = b""        # the tables' contents, placed there by the launcher


NON_FINITE = ("nan", "inf", "-inf")        # their f32 bits (launcher.NON_FINITE_BITS) follow the grid size
ZERO_WORD = 3 + len(NON_FINITE)            # then a word the launcher leaves zero (see `in_order`)
FLOAT_ARITHMETIC = ("fadd", "fsub", "fmul", "fdiv")


def _non_finite_kind(x: float) -> str:
    return "nan" if math.isnan(x) else "inf" if x > 0 else "-inf"


def _is_non_finite(v: llir.Value) -> bool:
    return (isinstance(v, llir.Constant) and isinstance(v.type, (llir.FloatType, llir.DoubleType))
            and isinstance(v.constant, float) and not math.isfinite(v.constant))


def _constant_bytes(c: llir.Constant) -> bytes:
    """The little-endian bytes of a constant integer or float array, nested or not."""
    t = c.type
    if isinstance(t, llir.ArrayType):
        return b"".join(_constant_bytes(e if isinstance(e, llir.Constant) else llir.Constant(t.element, e))
                        for e in c.constant)
    if isinstance(t, llir.IntType):
        return (c.constant % (1 << t.width)).to_bytes(_size(t), "little")
    return struct.pack({llir.FloatType: "<f", llir.DoubleType: "<d"}[type(t)], c.constant)


def opaque_gep(b: llir.IRBuilder, base: llir.GlobalVariable, indices: list, etype: llir.Type) -> llir.Value:
    """A GEP into a global variable whose result is an opaque pointer, as the rest of the module's (llvmlite types
    a GEP on a global by the global's value type)."""
    gep = b.gep(base, indices, source_etype=etype)
    gep.type = llir.PointerType(addrspace=base.type.addrspace)
    return gep


class _Rewrite:
    def __init__(self, fn: llir.Function, keep_float_order: bool) -> None:
        self.fn = fn
        self.keep_float_order = keep_float_order
        self.zero: Optional[llir.Value] = None
        self.module = fn.module
        entry = fn.blocks[0]
        self.pro = llir.IRBuilder(entry)
        self.pro.position_before(entry.instructions[0])
        self.b = llir.IRBuilder(entry)
        self.out = LogicalKernel()
        self.handles: dict[tuple[int, str], llir.Value] = {}
        self.prov: dict[llir.Value, tuple[Any, llir.Value]] = {}   # root: argument index or word array
        self.buffer_of_arg: dict[int, int] = {}
        self.placeholders: dict[str, tuple[llir.Function, llir.Function]] = {}
        self.phis: list[tuple[llir.PhiInstr, llir.PhiInstr, int]] = []
        self.replaced: dict[int, tuple[llir.Value, llir.Value]] = {}   # id(old) -> (old, its replacement)
        self.wide = WideIntegers()
        self.narrow = NarrowIntegers(self.byte_access)
        # constant tables (f64math's 2/pi bits): a Private array would be copied into every invocation, so they
        # are read from the words buffer instead
        self.tables = [g for g in self.module.global_values if isinstance(g, llir.GlobalVariable)
                       and g.global_constant and g.type.addrspace == 0 and g.initializer is not None]

    # handles ------------------------------------------------------------------------------
    def _functions(self, tag: str) -> tuple[llir.Function, llir.Function]:
        if tag not in self.placeholders:
            handle_t = self.module.context.get_identified_type(f"pantile_buffer_{tag}")
            make = llir.Function(self.module, llir.FunctionType(handle_t, [I32, I32, I32, I32, NAME_PTR]),
                                 f"pantile_handle_{tag}")
            get = llir.Function(self.module, llir.FunctionType(llir.PointerType(addrspace=11), [handle_t, I32]),
                                f"pantile_getpointer_{tag}")
            self.placeholders[tag] = (make, get)
        return self.placeholders[tag]

    def handle(self, arg: int, elem: llir.Type) -> tuple[llir.Value, llir.Function]:
        tag = _type_tag(elem)   # every binding read-write: naga ignores LLVM's NonWritable member decoration
        make, get = self._functions(tag)
        key = (arg, tag)
        if key not in self.handles:
            binding = len(self.out.bindings)
            self.out.bindings.append(Binding(binding, arg, tag))
            # the back end wants a name string (a distinct one per handle); naga_clean removes them again
            text = bytearray(f"b{binding}\0".encode())
            name = llir.GlobalVariable(self.module, llir.ArrayType(llir.IntType(8), len(text)), f"pantile_binding{binding}")
            name.initializer = llir.Constant(name.value_type, text)
            name.global_constant, name.linkage = True, "private"
            self.handles[key] = self.pro.call(make, [I32(0), I32(binding), I32(1), I32(0), name])
        return self.handles[key], get

    def element_pointer(self, b: llir.IRBuilder, arg: int, off: llir.Value, elem: llir.Type) -> llir.Value:
        handle, get = self.handle(arg, elem)
        size = _size(elem)
        index = b.lshr(off, I32(size.bit_length() - 1)) if size > 1 else off
        return b.call(get, [handle, index])

    def lookup(self, ptr: llir.Value) -> tuple[Any, llir.Value]:
        if isinstance(ptr, llir.GlobalVariable) and ptr not in self.prov:
            self.prov[ptr] = (self.word_array(ptr), I32(0))
        if ptr not in self.prov:
            raise LogicalAddressingError(f"a global pointer of unknown buffer: {ptr}")
        return self.prov[ptr]

    # workgroup memory: each variable becomes an array of i32 words (logical addressing wants typed accesses)
    def word_array(self, var: llir.GlobalVariable) -> llir.GlobalVariable:
        ty = llir.ArrayType(I32, (_size(var.value_type) + 3) // 4)
        words = llir.GlobalVariable(self.module, ty, self.module.get_unique_name(var.name + "_words"),
                                    addrspace=WORKGROUP)
        words.linkage, words.initializer, words.align = "internal", llir.Constant(ty, llir.Undefined), 4
        del self.module.globals[var.name]
        return words

    def word_pointer(self, b: llir.IRBuilder, words: llir.GlobalVariable, off: llir.Value, k: int = 0) -> llir.Value:
        index = b.lshr(off, I32(2))
        return opaque_gep(b, words, [I32(0), b.add(index, I32(k)) if k else index], words.value_type)

    def workgroup_access(self, b: llir.IRBuilder, words: llir.GlobalVariable, off: llir.Value, t: llir.Type,
                         value: Optional[llir.Value]) -> Optional[llir.Value]:
        """A scalar load (value None) or store at byte offset `off`: whole words, or a part of one (stored with
        atomic and/or, so that invocations writing other bytes of the word keep theirs)."""
        size = _size(t)
        bits = llir.IntType(size * 8)
        if size >= 4:
            parts = size // 4
            if value is None:
                got = [b.load(self.word_pointer(b, words, off, k), typ=I32) for k in range(parts)]
                whole = got[0] if parts == 1 else b.or_(b.zext(got[0], bits), b.shl(b.zext(got[1], bits),
                                                                                    llir.Constant(bits, 32)))
                return whole if isinstance(t, llir.IntType) else b.bitcast(whole, t)
            whole = value if isinstance(t, llir.IntType) else b.bitcast(value, bits)
            for k in range(parts):
                part = b.trunc(b.lshr(whole, llir.Constant(bits, 32 * k)), I32) if parts > 1 else whole
                b.store(part, self.word_pointer(b, words, off, k))
            return None
        ptr = self.word_pointer(b, words, off)
        raw = None if value is None else b.zext(value if isinstance(t, llir.IntType) else b.bitcast(value, bits), I32)
        got = self.part_of_word(b, ptr, off, size, raw, WORKGROUP_RELAXED)
        if got is None:
            return None
        got = b.trunc(got, bits)
        return got if isinstance(t, llir.IntType) else b.bitcast(got, t)

    @staticmethod
    def part_of_word(b: llir.IRBuilder, ptr: llir.Value, off: llir.Value, size: int, value: Optional[llir.Value],
                     ordering: str) -> Optional[llir.Value]:
        """Load (value None: the part zero-extended to i32) or store (value: an i32 holding the part) the `size`
        bytes at byte offset `off` of the word `ptr` points to; a store uses atomic and/or, so that invocations
        writing other bytes of the word keep theirs."""
        shift = b.shl(b.and_(off, I32(3)), I32(3))
        mask = I32((1 << (size * 8)) - 1)
        if value is None:
            return b.and_(b.lshr(b.load(ptr, typ=I32), shift), mask)
        b.atomic_rmw("and", ptr, b.xor(b.shl(mask, shift), I32(-1)), ordering)
        b.atomic_rmw("or", ptr, b.shl(value, shift), ordering)
        return None

    def byte_access(self, b: llir.IRBuilder, ptr: llir.Value, value: Optional[llir.Value],
                    index: int = 0) -> Optional[llir.Value]:
        """A load (value None) or store of the byte `index` bytes after `ptr`, held in an i32 (naga has no 8-bit
        integers)."""
        root, off = self.lookup(ptr)
        off = b.add(off, I32(index)) if index else off
        if isinstance(root, int):
            return self.part_of_word(b, self.element_pointer(b, root, off, I32), off, 1, value, DEVICE_RELAXED)
        return self.part_of_word(b, self.word_pointer(b, root, off), off, 1, value, WORKGROUP_RELAXED)

    # scalars ------------------------------------------------------------------------------
    def word(self, b: llir.IRBuilder, index: int) -> llir.Value:
        handle, get = self.handle(-1, I32)
        return b.load(b.call(get, [handle, I32(index)]), typ=I32)

    def scalar(self, b: llir.IRBuilder, t: llir.Type, first: int) -> llir.Value:
        if _size(t) == 8:
            wide = llir.IntType(64)
            lo, hi = (b.zext(self.word(b, first + i), wide) for i in range(2))
            bits = b.or_(lo, b.shl(hi, llir.Constant(wide, 32)))
        else:
            bits = self.word(b, first)
            width = 1 if isinstance(t, llir.IntType) and t.width == 1 else _size(t) * 8
            if width < 32:
                bits = b.trunc(bits, llir.IntType(width))
        return bits if isinstance(t, llir.IntType) else b.bitcast(bits, t)

    # the walk -----------------------------------------------------------------------------
    def run(self) -> LogicalKernel:
        words = 0
        for i, a in enumerate(self.fn.args):
            self.out.scalar_words[i] = words
            words += 2 if not _is_global_ptr(a) and _size(a.type) == 8 else 1
        self.out.grid_word = words
        self.place_tables(words + ZERO_WORD + 1)
        for i, a in enumerate(self.fn.args):
            if _is_global_ptr(a):    # its word: the byte offset of the argument in the buffer it is bound to
                self.prov[a] = (i, self.word(self.pro, self.out.scalar_words[i]))
            else:
                self.replace_all(a, self.scalar(self.pro, a.type, self.out.scalar_words[i]))
        for block in self.fn.blocks:
            for ins in list(block.instructions):
                self.visit(block, ins)
        for block in self.fn.blocks:
            for ins in block.instructions:
                self.substitute(ins)
        self.narrow.finish()
        for table in self.tables:
            del self.module.globals[table.name]
        for old, new, arg in self.phis:
            for value, blk in old.incomings:
                got_arg, off = self.lookup(value)
                if got_arg != arg:
                    raise LogicalAddressingError(f"a loop-carried pointer of two buffers: {old}")
                new.add_incoming(off, blk)
        self.fold_constants()
        return self.out

    def fold_constants(self) -> None:
        """Replace each integer operation of constants by its value, through chains of them (the back end stops on
        some: legalize.folded_constant)."""
        changed = True
        while changed:
            changed = False
            for block in self.fn.blocks:
                for ins in list(block.instructions):
                    self.substitute(ins)
                    if (value := folded_constant(ins)) is not None:
                        self.replace_all(ins, value)
                        block.instructions.remove(ins)
                        changed = True

    def place_tables(self, first_word: int) -> None:
        """Give each constant table a byte offset in the words buffer, from the first even word at or after
        `first_word` (so that 64-bit views of the buffer index it)."""
        self.out.constant_word = first_word + first_word % 2
        data = bytearray()
        for table in self.tables:
            data += bytes(-len(data) % 8)
            self.prov[table] = (-1, I32(self.out.constant_word * 4 + len(data)))
            data += _constant_bytes(table.initializer)
        self.out.constants = bytes(data)

    def tracked(self, v: llir.Value) -> bool:
        """Whether `v` is a pointer the rewrite follows (into an argument, workgroup memory or a table)."""
        return _is_global_ptr(v) or v in self.prov

    def replace_all(self, old: llir.Value, new: llir.Value) -> None:
        """Every use of `old` becomes `new`: in each instruction when the walk visits it, and in all of them once
        after the walk (one look per operand, where replacing through every instruction at once was quadratic)."""
        self.replaced[id(old)] = (old, new)

    def current(self, v: llir.Value) -> llir.Value:
        """What `v` has been replaced by, through chains of replacements; `v` itself if nothing."""
        while (hit := self.replaced.get(id(v))) is not None and hit[0] is v:
            v = hit[1]
        return v

    def substitute(self, ins: llir.Instruction) -> None:
        """Replace the operands of `ins` that replace_all has replaced."""
        for v in [v for v, _ in ins.incomings] if isinstance(ins, llir.PhiInstr) else ins.operands:
            if id(v) in self.replaced and (new := self.current(v)) is not v:
                _replace_usage(ins, v, new)

    def non_finite(self, b: llir.IRBuilder, c: llir.Constant) -> llir.Value:
        """A NaN or infinite constant read from the words (naga refuses non-finite float literals)."""
        bits = self.word(b, self.out.grid_word + 3 + NON_FINITE.index(_non_finite_kind(c.constant)))
        f32 = b.bitcast(bits, llir.FloatType())
        return f32 if isinstance(c.type, llir.FloatType) else b.fpext(f32, c.type)

    def in_order(self, b: llir.IRBuilder, ins: llir.Instruction) -> None:
        """Hide each float-arithmetic operand of `ins` that is itself a float-arithmetic result behind an OR with a
        zero word read at run time, so that the adapter's compiler cannot reassociate the two (lavapipe turns
        (1 + x) - 1 into x and (y * 3) * 3 into y * 9, which Vulkan allows without NoContraction, and naga drops
        that decoration)."""
        if self.zero is None:
            self.zero = self.word(self.pro, self.out.grid_word + ZERO_WORD)
        for v in set(ins.operands):
            if isinstance(v, llir.Instruction) and v.opname in FLOAT_ARITHMETIC and not isinstance(v.type,
                                                                                              llir.VectorType):
                bits = llir.IntType(_size(v.type) * 8)
                zero = self.zero if bits.width == 32 else b.zext(self.zero, bits)
                ins.replace_usage(v, b.bitcast(b.or_(b.bitcast(v, bits), zero), v.type))

    def visit(self, block: llir.Block, ins: llir.Instruction) -> None:
        b = self.b
        b.position_before(ins)
        self.substitute(ins)
        remove = True
        if self.keep_float_order and ins.opname in FLOAT_ARITHMETIC:
            self.in_order(b, ins)
        for c in {v for v in getattr(ins, "operands", ()) if _is_non_finite(v)} | \
                {v for v, _ in getattr(ins, "incomings", ()) if _is_non_finite(v)}:
            if isinstance(ins, llir.PhiInstr):   # a phi's operand must be ready at the end of its block
                for v, blk in ins.incomings:
                    if v is c:
                        b.position_before(blk.terminator)
                        _replace_usage(ins, c, self.non_finite(b, c))
                        break
                b.position_before(ins)
            else:
                ins.replace_usage(c, self.non_finite(b, c))
        if is_narrow(ins):
            replacement = self.narrow.visit(b, ins)
            if replacement is not None:
                self.replace_all(ins, replacement)
        elif isinstance(ins, llir.GEPInstr) and _is_global_ptr(ins) and isinstance(ins.operands[0], llir.Constant):
            remove = False     # the lowering's scratch placeholder where the kernel needs no scratch (unused)
        elif isinstance(ins, llir.GEPInstr) and (_is_global_ptr(ins) or ins.operands[0] in self.prov):
            # the operands, not .pointer and .indices, which replace_usage leaves as they were
            arg, off = self.lookup(ins.operands[0])
            etype = ins.source_etype
            for k, idx in enumerate(ins.operands[1:]):
                if k:
                    etype = etype.element
                if isinstance(idx, llir.Constant):   # folded: the back end stops on `mul i32 0, 1`
                    step = idx.constant * _size(etype)
                    off = I32(off.constant + step) if isinstance(off, llir.Constant) else \
                        off if step == 0 else b.add(off, I32(step))
                    continue
                idx = b.trunc(idx, I32) if idx.type.width > 32 else b.sext(idx, I32) if idx.type.width < 32 else idx
                off = b.add(off, b.mul(idx, I32(_size(etype))))
            self.prov[ins] = (arg, off)
        elif isinstance(ins, llir.SelectInstr) and _is_global_ptr(ins):
            (a1, o1), (a2, o2) = self.lookup(ins.lhs), self.lookup(ins.rhs)
            if a1 != a2:
                raise LogicalAddressingError(f"a select of pointers of two buffers: {ins}")
            self.prov[ins] = (a1, b.select(ins.cond, o1, o2))
        elif isinstance(ins, llir.PhiInstr) and _is_global_ptr(ins):
            known = [self.prov[v] for v, _ in ins.incomings if v in self.prov]
            if not known:
                raise LogicalAddressingError(f"a pointer phi with no incoming pointer known: {ins}")
            new = b.phi(I32)
            self.prov[ins] = (known[0][0], new)
            self.phis.append((ins, new, known[0][0]))
        elif isinstance(ins, llir.ICMPInstr) and _is_global_ptr(ins.operands[0]):
            (_, o1), (_, o2) = self.lookup(ins.operands[0]), self.lookup(ins.operands[1])
            self.replace_all(ins, b.icmp_unsigned(ins.op, o1, o2))
        elif isinstance(ins, llir.CastInstr) and ins.opname == "ptrtoint" and _is_global_ptr(ins.operands[0]):
            _, off = self.lookup(ins.operands[0])
            self.replace_all(ins, b.zext(off, ins.type) if ins.type.width > 32 else b.trunc(off, ins.type)
                             if ins.type.width < 32 else off)
        elif isinstance(ins, llir.LoadInstr) and self.tracked(ins.operands[0]):
            self.replace_all(ins, self.access(b, ins.operands[0], ins.type, None))
        elif isinstance(ins, llir.StoreInstr) and _is_global_ptr(ins.operands[1]):
            self.access(b, ins.operands[1], ins.operands[0].type, ins.operands[0])
        elif isinstance(ins, (llir.AtomicRMW, llir.CmpXchg)) and _is_global_ptr(ins.operands[0]):
            root, off = self.lookup(ins.operands[0])
            ptr = (self.element_pointer(b, root, off, ins.operands[1].type) if isinstance(root, int)
                   else self.word_pointer(b, root, off))
            if isinstance(ins, llir.CmpXchg) and isinstance(root, int):
                # LLVM 22's SPIR-V back end cannot legalize a compare-exchange on a resource pointer itself
                ptr = b.gep(ptr, [I32(0)], source_etype=ins.operands[1].type)
            ins.replace_usage(ins.operands[0], ptr)
            remove = False
        elif isinstance(ins, llir.FCMPInstr) and needs_rewrite(ins.op):
            self.replace_all(ins, float_compare(b, ins.op, *ins.operands))
        elif isinstance(ins, llir.CallInstr) and ins.callee.name.startswith(("llvm.fptosi.sat", "llvm.fptoui.sat")):
            self.replace_all(ins, saturating_conversion(b, ins.args[0], ins.type, ".fptosi." in ins.callee.name))
        elif WideIntegers.handles(ins):
            narrow = self.wide.visit(b, ins)
            if narrow is not None:
                self.replace_all(ins, narrow)
        elif carry_compare(ins) or wide_signed_compare(ins):
            self.replace_all(ins, flipped_compare(b, ins))
        elif ins.opname == "srem":
            self.replace_all(ins, signed_remainder(b, *ins.operands))
        elif isinstance(ins, llir.CallInstr) and legal_call(ins) is not None:
            self.replace_all(ins, legal_call(ins)(b))
        elif isinstance(ins, llir.CallInstr) and ins.callee.name == NUM_PROGRAMS:
            self.replace_all(ins, self.word(b, self.out.grid_word + ins.args[0].constant))
        else:
            if any(_is_global_ptr(v) for v in getattr(ins, "operands", ())):
                raise LogicalAddressingError(f"a use of a global pointer the rewrite does not know: {ins}")
            remove = False
        if remove:
            block.instructions.remove(ins)

    def access(self, b: llir.IRBuilder, ptr: llir.Value, t: llir.Type, value) -> llir.Value | None:
        """A load (value None) or store of `t` through `ptr`; vectors element by element."""
        elems = [t.element] * t.count if isinstance(t, llir.VectorType) else [t]
        root, off = self.lookup(ptr)
        result = llir.Constant(t, None) if value is None else None   # zeros: the back end rejects undef lanes
        for i, elem in enumerate(elems):
            at = b.add(off, I32(i * _size(elem))) if i else off
            part = None if value is None else b.extract_element(value, I32(i)) if len(elems) > 1 else value
            if isinstance(root, int):
                p = self.element_pointer(b, root, at, elem)
                got = b.load(p, typ=elem) if part is None else b.store(part, p)
            else:
                got = self.workgroup_access(b, root, at, elem, part)
            if value is None:
                result = b.insert_element(result, got, I32(i)) if len(elems) > 1 else got
        return result


def _replace_usage(ins: llir.Instruction, old: llir.Value, new: llir.Value) -> None:
    """`ins` uses `new` where it used `old`."""
    ins.replace_usage(old, new)
    if isinstance(ins, llir.PhiInstr):
        ins._clear_string_cache()   # the lowering printed the module once: phis cache their text, and llvmlite's
                                    # replace_usage clears that cache for every instruction but a phi
    elif isinstance(ins, llir.GEPInstr):    # printed from these, which llvmlite's replace_usage leaves as they were
        ins.pointer, ins.indices = ins.operands[0], ins.operands[1:]


def rewrite_logical(fn: llir.Function, keep_float_order: bool = False) -> LogicalKernel:
    """Rewrite kernel `fn` (in place) to storage-buffer accesses; LogicalAddressingError where it cannot.
    `keep_float_order`: for an adapter whose compiler reassociates float arithmetic (see `in_order`)."""
    return _Rewrite(fn, keep_float_order).run()


_PLACEHOLDER = re.compile(r'%"?pantile_buffer_(\w+?)"?(?=[\s,)])')


def _vulkan_type(tag: str) -> str:
    llvm = {"f32": "float", "f64": "double", "f16": "half"}.get(tag, tag)
    return f'target("spirv.VulkanBuffer", [0 x {llvm}], 12, 1)'


def to_text(module: llir.Module, fn_name: str, local_size: int) -> str:
    """The module as LLVM IR text for the Vulkan SPIR-V back end: placeholders replaced by resource types and
    intrinsics, the kernel without parameters and with its compute-shader attributes."""
    text = str(module)
    text = re.sub(r'^%"pantile_buffer_\w+" = type opaque\n', "", text, flags=re.M)

    def name(kind: str):
        def sub(m: re.Match) -> str:
            mangled = f"tspirv.VulkanBuffer_a0{m.group(1)}_12_1t"
            return (f"@llvm.spv.resource.handlefrombinding.{mangled}" if kind == "handle"
                    else f"@llvm.spv.resource.getpointer.p11.{mangled}")
        return sub
    text = re.sub(r'@"?pantile_handle_([a-z0-9]+?)"?(?=\()', name("handle"), text)
    text = re.sub(r'@"?pantile_getpointer_([a-z0-9]+?)"?(?=\()', name("get"), text)
    text = _PLACEHOLDER.sub(lambda m: _vulkan_type(m.group(1)), text)
    text = re.sub(rf'^declare i32 @"?{NUM_PROGRAMS}"?\(i32\)\n', "", text, flags=re.M)
    header = re.compile(rf'^define void @"?{re.escape(fn_name)}"?\(.*\)', re.M)
    text = header.sub(lambda m: f'define void @"{fn_name}"() #0', text, count=1)
    return text + f'\nattributes #0 = {{ "hlsl.shader"="compute" "hlsl.numthreads"="{local_size},1,1" }}\n'
