"""Axis info on IR built with the builder: the facts vectorisation and coalescing rely on."""
import pytest

from pantile.ir import (Block, BlockType, Builder, FunctionType, Module, Operation, PointerType, Region, f16, f32, i1,
                        i32)
from pantile.passes import AnalysisManager
from pantile.passes.analysis.axis_info import (MAX_DIVISOR, RULES, AxisInfo, join, pow2_divisor, register_rule,
                                               same_as_operand)


def _function(arg_types: list, arg_attrs: list) -> tuple[Module, Operation, Builder]:
    fn = Operation("func.func", attributes={"sym_name": "k", "function_type": FunctionType(tuple(arg_types), ()),
                                            "kernel": True, "arg_attrs": arg_attrs},
                   regions=[Region([Block(arg_types)])])
    return Module([fn]), fn, Builder.at_end(fn.regions[0].entry)


def _axis_info(module: Module):
    return AnalysisManager(module).get("axis-info")


def test_program_offsets_are_contiguous_and_aligned() -> None:
    module, fn, b = _function([PointerType(f32)], [{"divisibility": 16}])
    pid = b.value("pt.program_id", [], i32, axis=0)
    start = b.value("pt.mul", [pid, b.constant(128, i32)], i32)
    rng = b.value("pt.make_range", [], BlockType((128,), i32), start=0, end=128)
    offs = b.value("pt.add", [b.value("pt.splat", [start], BlockType((128,), i32)), rng], BlockType((128,), i32))
    ptr_t = BlockType((128,), PointerType(f32))
    ptrs = b.value("pt.addptr", [b.value("pt.splat", [fn.regions[0].entry.args[0]], ptr_t), offs], ptr_t)
    b.create("func.return")
    info = _axis_info(module)
    assert info[offs] == AxisInfo(contiguity=(128,), divisibility=(128,), constancy=(1,))
    assert info[ptrs] == AxisInfo(contiguity=(128,), divisibility=(16,), constancy=(1,))
    assert info[rng].divisibility == (MAX_DIVISOR,)
    assert info[pid] == AxisInfo((1,), (1,), (1,))


def _pointer_loop(init_divisibility: int, step_elements: int, element=f32) -> AxisInfo:
    """Axis info of a pointer block carried through a loop and advanced by `step_elements` each trip."""
    ptr_t = BlockType((64,), PointerType(element))
    module, fn, b = _function([PointerType(element), i32], [{"divisibility": init_divisibility}, {}])
    base, n = fn.regions[0].entry.args
    rng = b.value("pt.make_range", [], BlockType((64,), i32), start=0, end=64)
    p0 = b.value("pt.addptr", [b.value("pt.splat", [base], ptr_t), rng], ptr_t)
    step = b.value("pt.splat", [b.constant(step_elements, i32)], BlockType((64,), i32))
    body = Block([i32, ptr_t])
    loop = b.create("scf.for", [b.constant(0, i32), n, b.constant(1, i32), p0], [ptr_t], regions=[Region([body])])
    with b.at(body):
        b.create("scf.yield", [b.value("pt.addptr", [body.args[1], step], ptr_t)])
    b.create("func.return")
    info = _axis_info(module)
    assert info[body.args[1]] == info[loop.results[0]]
    return info[loop.results[0]]


def test_loop_carried_pointer_keeps_gcd_of_init_and_step() -> None:
    assert _pointer_loop(16, 128) == AxisInfo((64,), (16,), (1,))       # step 512 bytes: init's 16 holds
    assert _pointer_loop(64, 8) == AxisInfo((64,), (32,), (1,))         # step 32 bytes: gcd(64, 32)
    assert _pointer_loop(16, 1) == AxisInfo((64,), (4,), (1,))          # one f32 per trip
    assert _pointer_loop(16, 3, f16) == AxisInfo((64,), (2,), (1,))     # 6 bytes: only 2 divides all


def test_scf_if_results_meet_both_branches() -> None:
    module, fn, b = _function([i1, i32], [{}, {"divisibility": 16}])
    cond, x = fn.regions[0].entry.args
    then_block, else_block = Block(), Block()
    branch = b.create("scf.if", [cond], [i32], regions=[Region([then_block]), Region([else_block])])
    with b.at(then_block):
        b.create("scf.yield", [x])
    with b.at(else_block):
        b.create("scf.yield", [b.value("pt.add", [x, b.constant(4, i32)], i32)])
    b.create("func.return")
    assert _axis_info(module)[branch.results[0]] == AxisInfo((1,), (4,), (1,))


def test_argument_attributes_and_defaults() -> None:
    t = BlockType((8, 4), i32)
    module, fn, b = _function([t, t], [{"contiguity": [1, 4], "divisibility": 8, "constancy": [8, 1]}, {}])
    b.create("func.return")
    a, plain = fn.regions[0].entry.args
    info = _axis_info(module)
    assert info[a] == AxisInfo((1, 4), (8, 8), (8, 1))
    assert info[plain] == AxisInfo((1, 1), (1, 1), (1, 1))


def test_helpers() -> None:
    assert [pow2_divisor(n) for n in (0, 1, 6, -8, 96, 1 << 40)] == [MAX_DIVISOR, 1, 2, 8, 32, MAX_DIVISOR]
    a = AxisInfo((128,), (64,), (1,), None)
    c = AxisInfo((1,), (16,), (128,), 16)
    assert join(a, c) == AxisInfo((1,), (16,), (1,), None)
    assert join(c, c) == c
    assert str(c) == "contiguity = [1], divisibility = [16], constancy = [128], constant_value = 16"


def test_other_dialects_register_rules() -> None:
    with pytest.raises(ValueError, match="axis info already has a rule for pt.add"):
        register_rule("pt.add", same_as_operand)
    register_rule("test.relabel", same_as_operand)
    try:
        module, fn, b = _function([BlockType((8,), i32)], [{"contiguity": 8, "divisibility": 16}])
        relabelled = b.value("test.relabel", [fn.regions[0].entry.args[0]], BlockType((8,), i32))
        plain = b.value("test.unknown", [fn.regions[0].entry.args[0]], BlockType((8,), i32))
        assert _axis_info(module)[relabelled] == AxisInfo((8,), (16,), (1,))
        assert _axis_info(module)[plain] == AxisInfo((1,), (1,), (1,))
    finally:
        del RULES["test.relabel"]
