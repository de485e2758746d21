"""Clean-ups that make LLVM's Vulkan-flavour SPIR-V acceptable to naga (wgpu's shader translator).

Measured with LLVM 22 and wgpu 0.32 (TOOLCHAIN.md, "SPIR-V, Vulkan flavour"):
- LLVM writes the resource name strings of `llvm.spv.resource.handlefrombinding` as dead function
  variables of 8-bit integers, and declares `Int8`; naga has no 8-bit integers;
- naga rejects memory operands (`Aligned`) on OpLoad and OpStore;
- LLVM writes integer zero as OpConstantNull, which SPIR-V forbids as a struct index of OpAccessChain and as
  the scope or semantics of atomics;
- LLVM declares every integer type unsigned, and naga takes the signedness of division, remainder, arithmetic
  shift, comparison and conversion from the types: those get signed twins of their types through bitcasts;
- LLVM's workgroup barrier orders no memory (its semantics name no storage class);
- LLVM hoists instructions into a selection header after its OpSelectionMerge, which must be the second-to-last
  instruction of the block (spirv-val rejects the module): merge instructions move down to the block's branch;
- naga panics on a subgroup shuffle whose operand is defined in another block: it is recomputed in the
  shuffle's block.
The edit works on the module's words: it keeps every instruction it does not understand.
"""
from __future__ import annotations

import struct

OP_NAME, OP_MEMBER_NAME, OP_DECORATE, OP_MEMBER_DECORATE = 5, 6, 71, 72
OP_CAPABILITY, OP_TYPE_INT, OP_CONSTANT, OP_CONSTANT_NULL = 17, 21, 43, 46
OP_VARIABLE, OP_LOAD, OP_STORE, OP_TYPE_POINTER = 59, 61, 62, 32
CAPABILITY_INT8 = 39
# Declarations that may be removed once nothing refers to their result: constants, composite constants,
# array, pointer and 8-bit integer types, and variables of the Function storage class (the name strings).
REMOVABLE = {43, 44, 46, 28, 32, 59, 21}
FUNCTION_STORAGE = 7
NAMING = (OP_NAME, OP_MEMBER_NAME, OP_DECORATE, OP_MEMBER_DECORATE)
OP_ENTRY_POINT, OP_EXECUTION_MODE, OP_EXT_INST = 15, 16, 12
# Instructions whose operands are all literals (source, extensions, memory model, capabilities, scalar types).
NO_REFERENCES = {3, 4, 7, 10, 11, 14, OP_CAPABILITY, OP_TYPE_INT, 22}
HEADER_WORDS = 5


def _instructions(words: list[int]) -> list[list[int]]:
    out, i = [], HEADER_WORDS
    while i < len(words):
        count = words[i] >> 16
        out.append(words[i:i + count])
        i += count
    return out


def _result_id(ins: list[int]) -> int | None:
    op = ins[0] & 0xFFFF
    if op in (OP_CONSTANT, OP_CONSTANT_NULL, 44, OP_VARIABLE, OP_LOAD):
        return ins[2]
    if op in (OP_TYPE_INT, 28, 32):
        return ins[1]
    return None


def _references(ins: list[int]) -> list[int]:
    """The words of an instruction that may be ids of other instructions (its result id and the literals of
    the instructions that carry numbers or strings left out)."""
    op = ins[0] & 0xFFFF
    if op in NO_REFERENCES:
        return []
    if op in (OP_CONSTANT, OP_EXECUTION_MODE):
        return [ins[1]]
    if op == OP_TYPE_POINTER:       # result, storage class, pointee
        return [ins[3]]
    if op == OP_VARIABLE:           # type, result, storage class, initializer
        return [ins[1]] + ins[4:]
    if op == OP_EXT_INST:           # type, result, set, instruction number, operands
        return [ins[1], ins[3]] + ins[5:]
    if op == OP_ENTRY_POINT:
        end = next(k for k in range(3, len(ins)) if any((ins[k] >> s) & 0xFF == 0 for s in (0, 8, 16, 24)))
        return [ins[2]] + ins[end + 1:]
    rid = _result_id(ins)
    return [w for k, w in enumerate(ins[1:], 1) if not (w == rid and k <= 2)]


def _removable(ins: list[int]) -> bool:
    op = ins[0] & 0xFFFF
    if op == OP_VARIABLE:
        return ins[3] == FUNCTION_STORAGE
    if op == OP_TYPE_INT:
        return ins[2] == 8
    return op in REMOVABLE


def _without_dead_declarations(code: list[list[int]]) -> list[list[int]]:
    """Remove removable declarations nobody refers to, until none is left (a reference is any later word equal
    to the id: literals that happen to match only keep a declaration, never break the module)."""
    while True:
        used: set[int] = set()
        for ins in code:
            op = ins[0] & 0xFFFF
            if op in NAMING:
                continue
            used.update(_references(ins))
        dead = {_result_id(ins) for ins in code if _removable(ins) and _result_id(ins) not in used}
        if not dead:
            return code
        code = [ins for ins in code if not ((_removable(ins) and _result_id(ins) in dead) or
                                            ((ins[0] & 0xFFFF) in NAMING and ins[1] in dead))]


def _cleaned(ins: list[int], int_widths: dict[int, int]) -> list[int]:
    op = ins[0] & 0xFFFF
    if op == OP_LOAD and len(ins) > 4:
        ins = ins[:4]
    elif op == OP_STORE and len(ins) > 3:
        ins = ins[:3]
    elif op == OP_CONSTANT_NULL and ins[1] in int_widths:
        ins = [0, ins[1], ins[2]] + [0] * (int_widths[ins[1]] // 32)
        op = OP_CONSTANT
    return [(len(ins) << 16) | op] + ins[1:]


def naga_clean(spirv: bytes) -> bytes:
    """The module with the dead name strings, `Int8`, memory operands and integer OpConstantNull removed."""
    words = list(struct.unpack(f"<{len(spirv) // 4}I", spirv))
    code = _instructions(words)
    int_widths = {ins[1]: ins[2] for ins in code if ins[0] & 0xFFFF == OP_TYPE_INT}
    code = _merges_before_branches(_without_dead_declarations([_cleaned(ins, int_widths) for ins in code]))
    header, code = _shuffle_operands_in_block(*_barrier_semantics(*_signed_integers(words, code)))
    if not any(ins[0] & 0xFFFF == OP_TYPE_INT and ins[2] == 8 for ins in code):
        code = [ins for ins in code if ins != [(2 << 16) | OP_CAPABILITY, CAPABILITY_INT8]]
    out = header + [w for ins in code for w in ins]
    return struct.pack(f"<{len(out)}I", *out)


OP_LOOP_MERGE, OP_SELECTION_MERGE = 246, 247
BRANCHES = {249, 250, 251}                            # OpBranch, OpBranchConditional, OpSwitch


def _merges_before_branches(code: list[list[int]]) -> list[list[int]]:
    """Each OpSelectionMerge and OpLoopMerge moved to just before the branch that ends its block."""
    out: list[list[int]] = []
    held: list[int] | None = None
    for ins in code:
        op = ins[0] & 0xFFFF
        if op in (OP_LOOP_MERGE, OP_SELECTION_MERGE):
            held = ins
            continue
        if op in BRANCHES and held is not None:
            out.append(held)
            held = None
        out.append(ins)
    return out


# naga reads the signedness of integer arithmetic from the operand and result types, not from the opcode; LLVM
# declares every integer type unsigned. The signed operations get signed operands and results by bitcasts.
OP_BITCAST = 124
SIGNED_BINARY = {135, 138, 139, 195}                  # OpSDiv, OpSRem, OpSMod, OpShiftRightArithmetic
SIGNED_COMPARE = {173, 175, 177, 179}                 # OpSGreaterThan(Equal), OpSLessThan(Equal)
OP_SNEGATE, OP_CONVERT_F_TO_S, OP_CONVERT_S_TO_F, OP_SCONVERT = 126, 110, 111, 114
FUNCTION_BODY_START = 54                              # OpFunction


def _signed_integers(words: list[int], code: list[list[int]]) -> tuple[list[int], list[list[int]]]:
    bound = words[3]
    unsigned = {ins[1]: ins[2] for ins in code if ins[0] & 0xFFFF == OP_TYPE_INT and ins[3] == 0}
    signed: dict[int, int] = {}            # unsigned type id -> signed twin
    type_of = {ins[2]: ins[1] for ins in code if len(ins) >= 3 and (ins[0] & 0xFFFF) >= FUNCTION_BODY_START}
    type_of.update({ins[2]: ins[1] for ins in code if (ins[0] & 0xFFFF) in (OP_CONSTANT, OP_CONSTANT_NULL)})

    def fresh() -> int:
        nonlocal bound
        bound += 1
        return bound - 1

    def twin(t: int) -> int:
        if t not in signed:
            signed[t] = fresh()
        return signed[t]

    def cast(out: list[list[int]], to: int, value: int) -> int:
        rid = fresh()
        out.append([(4 << 16) | OP_BITCAST, to, rid, value])
        return rid

    out: list[list[int]] = []
    for ins in code:
        op = ins[0] & 0xFFFF
        if op in SIGNED_BINARY | {OP_SNEGATE} and ins[1] in unsigned:
            s = twin(ins[1])
            args = [cast(out, s, a) for a in ins[3:]]
            tmp = fresh()
            out.append([ins[0], s, tmp, *args])
            out.append([(4 << 16) | OP_BITCAST, ins[1], ins[2], tmp])
        elif op in SIGNED_COMPARE and type_of.get(ins[3]) in unsigned:
            s = twin(type_of[ins[3]])
            out.append([ins[0], ins[1], ins[2], *(cast(out, s, a) for a in ins[3:])])
        elif op == OP_CONVERT_F_TO_S and ins[1] in unsigned:
            tmp = fresh()
            out.append([ins[0], twin(ins[1]), tmp, ins[3]])
            out.append([(4 << 16) | OP_BITCAST, ins[1], ins[2], tmp])
        elif op == OP_CONVERT_S_TO_F and type_of.get(ins[3]) in unsigned:
            out.append([ins[0], ins[1], ins[2], cast(out, twin(type_of[ins[3]]), ins[3])])
        elif op == OP_SCONVERT and ins[1] in unsigned and type_of.get(ins[3]) in unsigned:
            tmp = fresh()
            out.append([ins[0], twin(ins[1]), tmp, cast(out, twin(type_of[ins[3]]), ins[3])])
            out.append([(4 << 16) | OP_BITCAST, ins[1], ins[2], tmp])
        else:
            out.append(ins)
    declared: list[list[int]] = []
    for ins in out:
        declared.append(ins)
        if ins[0] & 0xFFFF == OP_TYPE_INT and ins[1] in signed:
            declared.append([(4 << 16) | OP_TYPE_INT, signed[ins[1]], ins[2], 1])
    return words[:3] + [bound] + words[4:HEADER_WORDS], declared


OP_CONTROL_BARRIER = 224
SEMANTICS_STORAGE_BITS = 0x40 | 0x100 | 0x800          # UniformMemory, WorkgroupMemory, ImageMemory
WORKGROUP_ACQUIRE_RELEASE = 0x8 | 0x100


def _barrier_semantics(header: list[int], code: list[list[int]]) -> tuple[list[int], list[list[int]]]:
    """LLVM 22 writes the workgroup barrier's memory semantics as SequentiallyConsistent alone, which orders no
    memory; such barriers get AcquireRelease | WorkgroupMemory."""
    values = {ins[2]: ins[3] for ins in code if ins[0] & 0xFFFF == OP_CONSTANT and len(ins) == 4}
    bad = [ins for ins in code if ins[0] & 0xFFFF == OP_CONTROL_BARRIER
           and not values.get(ins[3], SEMANTICS_STORAGE_BITS) & SEMANTICS_STORAGE_BITS]
    if not bad:
        return header, code
    uint = next(ins[1] for ins in code if ins[0] & 0xFFFF == OP_TYPE_INT and ins[2] == 32 and ins[3] == 0)
    fixed = header[3]
    for ins in bad:
        ins[3] = fixed
    out: list[list[int]] = []
    for ins in code:
        out.append(ins)
        if ins[0] & 0xFFFF == OP_TYPE_INT and ins[1] == uint:
            out.append([(4 << 16) | OP_CONSTANT, uint, fixed, WORKGROUP_ACQUIRE_RELEASE])
    return header[:3] + [fixed + 1] + header[4:], out


OP_BITWISE_OR, OP_GROUP_NON_UNIFORM_SHUFFLE = 197, 345


def _shuffle_operands_in_block(header: list[int], code: list[list[int]]) -> tuple[list[int], list[list[int]]]:
    """naga 29's SPIR-V reader panics (wgpu 0.32 aborts the process: 'called `Option::unwrap()` on a `None`
    value' in its emitter) on an OpGroupNonUniformShuffle whose value or index is defined in another block, such
    as a loop's phi reduced after the loop. Each operand is or-ed with 0 just before the shuffle, which naga reads
    as an expression of the shuffle's block."""
    if not any(ins[0] & 0xFFFF == OP_GROUP_NON_UNIFORM_SHUFFLE for ins in code):
        return header, code
    ids = iter(range(header[3], 1 << 32))
    widths = {ins[1]: ins[2] for ins in code if ins[0] & 0xFFFF == OP_TYPE_INT}
    uint = next(ins[1] for ins in code if ins[0] & 0xFFFF == OP_TYPE_INT and ins[2:4] == [32, 0])   # the index's
    zeros: dict[int, int] = {}            # integer type -> a fresh 0 of it
    out: list[list[int]] = []
    for ins in code:
        if ins[0] & 0xFFFF == OP_GROUP_NON_UNIFORM_SHUFFLE:
            ins = list(ins)
            for k, t in ((4, ins[1]), (5, uint)):     # type, result, scope, value (of the result's type), index
                zero = zeros.setdefault(t, next(ids))
                local = next(ids)
                out.append([(5 << 16) | OP_BITWISE_OR, t, local, ins[k], zero])
                ins[k] = local
        out.append(ins)
    declared: list[list[int]] = []
    for ins in out:
        declared.append(ins)
        if ins[0] & 0xFFFF == OP_TYPE_INT and ins[1] in zeros:
            words = max(widths[ins[1]] // 32, 1)
            declared.append([((3 + words) << 16) | OP_CONSTANT, ins[1], zeros[ins[1]]] + [0] * words)
    return header[:3] + [next(ids)] + header[4:], declared
