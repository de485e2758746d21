"""Each op's own type rules, one op per function, with the exact error the verifier gives."""
import pytest

from pantile.ir.parser import parse_module
from pantile.ir.verifier import VerificationError, verify


def _one_op(arg_types: list, line: str) -> str:
    """A function with arguments %0.. of `arg_types` whose first op is `line`, at t.py:2:3."""
    args = ", ".join(f"%{i}: {t}" for i, t in enumerate(arg_types))
    return ('"func.func"() ({\n^bb0' + (f"({args})" if args else "") + ':\n  ' + line + ' loc("t.py":2:3)\n'
            '  "func.return"() : () -> ()\n}) {function_type = !(' + ", ".join(arg_types) + ') -> (), '
            'sym_name = "k"} : () -> ()\n')


RULES = [
    (["block<4xf32>", "block<4xf16>"],
     '%2 = "pt.cast"(%0) : (block<4xf32>) -> block<8xf16>',
     'operands and results must have the same shape, got [4], [8]'),
    (["i32"],
     '%1 = "pt.bitcast"(%0) : (i32) -> f16',
     'bitcast needs equal bit widths, got i32 and f16'),
    (["i32"],
     '%1 = "pt.bitcast"(%0) : (i32) -> ptr<f32, 1>',
     'bitcast between pointer and non-pointer types; use pt.ptr_to_int or pt.int_to_ptr'),
    (["ptr<f32, 1>", "block<4xi32>"],
     '%2 = "pt.addptr"(%0, %1) : (ptr<f32, 1>, block<4xi32>) -> ptr<f32, 1>',
     'operands and results must have the same shape, got [], [4], []'),
    (["ptr<f32, 1>", "i32"],
     '%2 = "pt.addptr"(%0, %1) : (ptr<f32, 1>, i32) -> ptr<f16, 1>',
     "result must have the pointer operand's type"),
    ([],
     '%0 = "pt.constant"() {value = 1.5} : () -> i32',
     'integer constant needs an integer value, got 1.5'),
    ([],
     '%0 = "pt.constant"() {value = "one"} : () -> i32',
     'attribute \'value\' must be a number, got "one"'),
    ([],
     '%0 = "pt.program_id"() {axis = 3} : () -> i32',
     'axis must be 0, 1 or 2'),
    ([],
     '%0 = "pt.make_range"() {end = 0, start = 4} : () -> block<4xi32>',
     'end must be greater than start'),
    (["block<4xi32>"],
     '%1 = "pt.splat"(%0) : (block<4xi32>) -> block<4xi32>',
     'splat operand must be a scalar'),
    (["f32"],
     '%1 = "pt.splat"(%0) : (f32) -> block<4xf16>',
     "result must be a block of the operand's type"),
    (["block<2x4xf32>"],
     '%1 = "pt.broadcast"(%0) : (block<2x4xf32>) -> block<4x4xf32>',
     'cannot broadcast shape [2, 4] to [4, 4]'),
    (["block<4xf32>"],
     '%1 = "pt.expand_dims"(%0) {axis = 2} : (block<4xf32>) -> block<4x1xf32>',
     'axis 2 out of range'),
    (["block<4xf32>"],
     '%1 = "pt.expand_dims"(%0) {axis = 0} : (block<4xf32>) -> block<4x1xf32>',
     'result must have shape [1, 4]'),
    (["block<4x4xf32>"],
     '%1 = "pt.reshape"(%0) : (block<4x4xf32>) -> block<8xf32>',
     'cannot reshape [4, 4] to [8]'),
    (["block<2x4xf32>"],
     '%1 = "pt.permute"(%0) {order = [0, 0]} : (block<2x4xf32>) -> block<2x4xf32>',
     'order [0, 0] is not a permutation of the dimensions'),
    (["block<2x4xf32>"],
     '%1 = "pt.permute"(%0) {order = [1, 0]} : (block<2x4xf32>) -> block<2x4xf32>',
     'result shape does not match the permutation'),
    (["block<4xf32>", "block<4xf16>"],
     '%2 = "pt.join"(%0, %1) : (block<4xf32>, block<4xf16>) -> block<4x2xf32>',
     'join operands must have the same type'),
    (["block<4xi32>"],
     '%1 = "pt.inline_asm"(%0) {asm = "", constraints = "=r,r", pack = 1, pure = true} : (block<4xi32>) -> block<8xi32>',
     'operands and results must have one shape'),
    (["block<4xi32>"],
     '%1 = "pt.inline_asm"(%0) {asm = "", constraints = "=r,r", pack = 0, pure = true} : (block<4xi32>) -> block<4xi32>',
     'pack must be at least 1'),
    (["block<2xi32>"],
     '%1, %2 = "pt.split"(%0) : (block<2xi32>) -> (i32, i32)',
     'split results must be blocks; split a block of 2 as [1, 2] and reduce each half'),
    (["i32", "i32"],
     '%2 = "pt.join"(%0, %1) : (i32, i32) -> block<2xi32>',
     'join operands must be blocks; join scalars as blocks of one element'),
    (["block<4x3xf32>"],
     '%1, %2 = "pt.split"(%0) : (block<4x3xf32>) -> (block<4xf32>, block<4xf32>)',
     'split needs a trailing dimension of 2'),
    (["block<4xf32>"],
     '%1 = "pt.cat"(%0, %0) : (block<4xf32>, block<4xf32>) -> block<4xf32>',
     'result must be the concatenation'),
    (["block<4xptr<f32, 1>>"],
     '%1 = "pt.load"(%0) : (block<4xptr<f32, 1>>) -> block<4xf16>',
     'result must be block<4xf32>'),
    (["block<4xptr<f32, 1>>", "block<8xi1>"],
     '%2 = "pt.load"(%0, %1) : (block<4xptr<f32, 1>>, block<8xi1>) -> block<4xf32>',
     "mask must have the pointer's shape"),
    (["block<4xptr<f32, 1>>", "block<4xf16>"],
     '"pt.store"(%0, %1) : (block<4xptr<f32, 1>>, block<4xf16>) -> ()',
     'stored value must be block<4xf32>'),
    (["block<4xptr<f32, 1>>", "block<4xf32>"],
     '%2 = "pt.atomic_rmw"(%0, %1) {kind = "add", scope = "gpu", sem = "seq_cst"} '
     ': (block<4xptr<f32, 1>>, block<4xf32>) -> block<4xf32>',
     "attribute 'sem' must be one of \"relaxed\", \"acquire\", \"release\", \"acq_rel\"; got \"seq_cst\""),
    (["block<4xptr<f32, 1>>", "block<4xf32>"],
     '%2 = "pt.atomic_cas"(%0, %1, %1) {scope = "gpu", sem = "relaxed"} '
     ': (block<4xptr<f32, 1>>, block<4xf32>, block<4xf32>) -> block<4xf16>',
     'compare value, new value and result must be block<4xf32>'),
    (["block<4x8xf16>", "block<4x8xf32>"],
     '%2 = "pt.dot"(%0, %0, %1) : (block<4x8xf16>, block<4x8xf16>, block<4x8xf32>) -> block<4x8xf32>',
     'inner dimensions differ: 8 and 4'),
    (["block<4xf16>", "block<4x4xf32>"],
     '%2 = "pt.dot"(%0, %0, %1) : (block<4xf16>, block<4xf16>, block<4x4xf32>) -> block<4x4xf32>',
     'dot operands must be rank-2 blocks, or rank-3 blocks (a batch of them)'),
    (["block<2x4x8xf16>", "block<4x8x8xf16>", "block<2x4x8xf32>"],
     '%3 = "pt.dot"(%0, %1, %2) : (block<2x4x8xf16>, block<4x8x8xf16>, block<2x4x8xf32>) -> block<2x4x8xf32>',
     'batch dimensions differ: 2 and 4'),
    (["block<2x4x8xf16>", "block<2x8x4xf16>", "block<2x4x8xf32>"],
     '%3 = "pt.dot"(%0, %1, %2) : (block<2x4x8xf16>, block<2x8x4xf16>, block<2x4x8xf32>) -> block<2x4x8xf32>',
     'accumulator and result must be block<2x4x4xf32>'),
    (["block<4xi32>"],
     '%1 = "pt.multiple_of"(%0) {values = [16, 16]} : (block<4xi32>) -> block<4xi32>',
     'needs one value per dimension'),
    (["block<4xi1>", "block<4xf32>", "block<4xf16>"],
     '%3 = "pt.select"(%0, %1, %2) : (block<4xi1>, block<4xf32>, block<4xf16>) -> block<4xf32>',
     'true and false values and the result must have the same type'),
    (["block<4xf32>"],
     '%1 = "pt.cmp"(%0, %0) {predicate = "eq"} : (block<4xf32>, block<4xf32>) -> block<4xi32>',
     'result #0 (result) must be i1, got block<4xi32>'),
    (["block<4xf32>"],
     '%1 = "pt.abs"(%0) {hex = true} : (block<4xf32>) -> block<4xf32>',
     "has unknown attribute 'hex'"),
    (["i1"],
     '"scf.if"(%0) ({\n'
     "  ^bb0(%1: i32):\n"
     '    "scf.yield"() : () -> ()\n'
     "  }, {\n"
     "  ^bb0:\n"
     '    "scf.yield"() : () -> ()\n'
     "  }) : (i1) -> ()",
     'scf.if regions take no arguments'),
    (["i32", "i64"],
     '"scf.for"(%0, %1, %0) ({\n'
     "  ^bb0(%2: i32):\n"
     '    "scf.yield"() : () -> ()\n'
     "  }) : (i32, i64, i32) -> ()",
     'lower bound, upper bound and step must have the same type'),
    (["i32"],
     '"scf.for"(%0, %0, %0) ({\n'
     "  ^bb0:\n"
     '    "scf.yield"() : () -> ()\n'
     "  }) : (i32, i32, i32) -> ()",
     'body arguments must be the induction variable and the carried values'),
    (["i32"],
     '%1 = "scf.while"(%0) ({\n'
     "  ^bb0(%2: i32):\n"
     '    %3 = "pt.cmp"(%2, %2) {predicate = "lt"} : (i32, i32) -> i1\n'
     '    "scf.condition"(%3, %3) : (i1, i1) -> ()\n'
     "  }, {\n"
     "  ^bb0(%4: i32):\n"
     '    "scf.yield"(%4) : (i32) -> ()\n'
     "  }) : (i32) -> i32",
     'after-region arguments and results must match the values scf.condition passes'),
    (["block<4xf32>"],
     '%1 = "pt.reduce"(%0) ({\n'
     "  ^bb0(%2: f32, %3: f32):\n"
     '    "pt.yield"(%2) : (f32) -> ()\n'
     "  }) {axis = 1} : (block<4xf32>) -> f32",
     'axis 1 out of range for shape [4]'),
    (["block<4xf32>"],
     '%1 = "pt.scan"(%0) ({\n'
     "  ^bb0(%2: f32):\n"
     '    "pt.yield"(%2) : (f32) -> ()\n'
     "  }) {axis = 0} : (block<4xf32>) -> block<4xf32>",
     'combine region arguments must be the element types, twice'),
]


@pytest.mark.parametrize("arg_types, line, message", RULES, ids=[r[1].split('"')[1] for r in RULES])
def test_op_type_rule(arg_types: list, line: str, message: str) -> None:
    name = line.split('"')[1]
    with pytest.raises(VerificationError) as info:
        verify(parse_module(_one_op(arg_types, line), "t.ir"))
    printed = line.replace("\n  ", "\n") + ' loc("t.py":2:3)'
    assert str(info.value) == f"t.py:2:3: error: '{name}' op {message}\n{printed}"
