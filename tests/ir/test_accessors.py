"""Named accessors generated from each op's declaration: `op.lhs`, `load.mask`, `dot.acc`, `for_op.inits`."""
from pathlib import Path

import pytest

from pantile.ir import Operation, all_ops, lookup, parse_module
from pantile.ir.ops import Operand, Result, define

ALL_OPS = parse_module((Path(__file__).parent / "data" / "all_ops.ir").read_text())


def _ops(name: str) -> list[Operation]:
    return [op for op in ALL_OPS.walk() if op.name == name]


def test_binary_operands_and_result_by_name():
    op = _ops("pt.add")[0]
    assert (op.lhs, op.rhs, op.result) == (op.operands[0], op.operands[1], op.results[0])


def test_optional_operands_are_none_when_absent():
    full, bare = [op for op in _ops("pt.load") if len(op.operands) in (3, 1)][:2]
    assert (full.ptr, full.mask, full.other) == tuple(full.operands)
    assert (bare.ptr, bare.mask, bare.other) == (bare.operands[0], None, None)


def test_store_mask_follows_value():
    op = _ops("pt.store")[0]
    assert op.ptr is op.operands[0] and op.value is op.operands[1]
    assert op.mask is (op.operands[2] if len(op.operands) == 3 else None)


def test_dot_and_split_by_name():
    dot = _ops("pt.dot")[0]
    assert (dot.a, dot.b, dot.acc) == tuple(dot.operands)
    split = _ops("pt.split")[0]
    assert (split.a, split.b) == tuple(split.results)


def test_variadic_operands_after_fixed_ones():
    loop = _ops("scf.for")[0]
    assert (loop.lb, loop.ub, loop.step) == tuple(loop.operands[:3])
    assert loop.inits == loop.operands[3:] and loop.results == list(loop.results)


def test_unknown_name_is_an_attribute_error_naming_the_op():
    with pytest.raises(AttributeError, match="Operation pt.add has no attribute or declared operand or "
                                             "result 'mask'"):
        _ops("pt.add")[0].mask


def test_a_count_that_does_not_fit_is_reported():
    op = Operation("scf.condition", [], [])
    with pytest.raises(ValueError, match="scf.condition has 0 operands, which do not fit its declaration"):
        op.values


def test_every_declared_name_reaches_a_value():
    for d in all_ops().values():
        for decl in d.operands + d.results:
            assert d.accessor(decl.name) is not None, (d.name, decl.name)


def test_a_name_that_hides_an_operation_field_is_refused():
    with pytest.raises(ValueError, match=r"op test.clash: operand name 'loc' clashes"):
        define("test.clash", operands=(Operand("loc"),), results=(Result("result"),))
    assert lookup("test.clash") is None
