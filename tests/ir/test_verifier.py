"""Invalid IR is rejected with the exact MLIR-style message: location, op name, reason, printed op."""
import pytest

from pantile.ir import Block, Builder, FunctionType, Location, Module, Operation, Region, f32, i1, i32
from pantile.ir.parser import parse_module
from pantile.ir.verifier import VerificationError, verify

INVALID = [
    pytest.param("""\
"func.func"() ({
^bb0:
  "pt.frobnicate"() : () -> () loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !() -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'pt.frobnicate' op is not a registered operation
"pt.frobnicate"() : () -> () loc("t.py":2:3)""", id="unregistered"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: i32):
  %1 = "pt.add"(%0) : (i32) -> i32 loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !(i32) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'pt.add' op expects 2 operands, got 1
%1 = "pt.add"(%0) : (i32) -> i32 loc("t.py":2:3)""", id="operand_count"),
    pytest.param("""\
"func.func"() ({
^bb0:
  %0 = "pt.load"() : () -> f32 loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !() -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'pt.load' op expects 1 to 3 operands, got 0
%0 = "pt.load"() : () -> f32 loc("t.py":2:3)""", id="optional_count"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: i32):
  "scf.for"(%0, %0) ({
  ^bb0(%1: i32):
    "scf.yield"() : () -> ()
  }) : (i32, i32) -> () loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !(i32) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'scf.for' op expects at least 3 operands, got 2
"scf.for"(%0, %0) ({
^bb0(%1: i32):
  "scf.yield"() : () -> ()
}) : (i32, i32) -> () loc("t.py":2:3)""", id="variadic_count"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: f32):
  %1 = "pt.and"(%0, %0) : (f32, f32) -> f32 loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !(f32) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'pt.and' op operand #0 (lhs) must be integer, got f32
%1 = "pt.and"(%0, %0) : (f32, f32) -> f32 loc("t.py":2:3)""", id="operand_constraint"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: i32):
  %1, %2 = "pt.add"(%0, %0) : (i32, i32) -> (i32, i32) loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !(i32) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'pt.add' op expects 1 result, got 2
%1, %2 = "pt.add"(%0, %0) : (i32, i32) -> (i32, i32) loc("t.py":2:3)""", id="result_count"),
    pytest.param("""\
"func.func"() ({
^bb0:
  %0 = "pt.program_id"() {axis = 0} : () -> f32 loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !() -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'pt.program_id' op result #0 (result) must be i32, got f32
%0 = "pt.program_id"() {axis = 0} : () -> f32 loc("t.py":2:3)""", id="result_constraint"),
    pytest.param("""\
"func.func"() ({
^bb0:
  %0 = "pt.program_id"() : () -> i32 loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !() -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'pt.program_id' op requires attribute 'axis'
%0 = "pt.program_id"() : () -> i32 loc("t.py":2:3)""", id="missing_attr"),
    pytest.param("""\
"func.func"() ({
^bb0:
  %0 = "pt.program_id"() {axis = "x"} : () -> i32 loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !() -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'pt.program_id' op attribute 'axis' must be an integer, got "x"
%0 = "pt.program_id"() {axis = "x"} : () -> i32 loc("t.py":2:3)""", id="attr_kind"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: i32):
  %1 = "pt.cmp"(%0, %0) {predicate = "lte"} : (i32, i32) -> i1 loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !(i32) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'pt.cmp' op attribute 'predicate' must be one of "eq", "ne", "lt", "le", "gt", "ge"; got "lte"
%1 = "pt.cmp"(%0, %0) {predicate = "lte"} : (i32, i32) -> i1 loc("t.py":2:3)""", id="attr_choice"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: i32):
  %1 = "pt.add"(%0, %0) {fast = true} : (i32, i32) -> i32 loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !(i32) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'pt.add' op has unknown attribute 'fast'
%1 = "pt.add"(%0, %0) {fast = true} : (i32, i32) -> i32 loc("t.py":2:3)""", id="unknown_attr"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: i1):
  "scf.if"(%0) ({
  ^bb0:
    "scf.yield"() : () -> ()
  }) : (i1) -> () loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !(i1) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'scf.if' op expects 2 regions, got 1
"scf.if"(%0) ({
^bb0:
  "scf.yield"() : () -> ()
}) : (i1) -> () loc("t.py":2:3)""", id="region_count"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: i1):
  "scf.if"(%0) ({
  ^bb0:
    "scf.yield"() : () -> ()
  ^bb1:
    "scf.yield"() : () -> ()
  }, {
  ^bb0:
    "scf.yield"() : () -> ()
  }) : (i1) -> () loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !(i1) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'scf.if' op region #0 must have exactly one block, got 2
"scf.if"(%0) ({
^bb0:
  "scf.yield"() : () -> ()
^bb1:
  "scf.yield"() : () -> ()
}, {
^bb0:
  "scf.yield"() : () -> ()
}) : (i1) -> () loc("t.py":2:3)""", id="two_blocks"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: i1):
  "scf.if"(%0) ({
  ^bb0:
    "scf.yield"() : () -> ()
  }, {
  ^bb0:
  }) : (i1) -> () loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !(i1) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'scf.if' op region #1 must end in 'scf.yield', found an empty block
"scf.if"(%0) ({
^bb0:
  "scf.yield"() : () -> ()
}, {
^bb0:
}) : (i1) -> () loc("t.py":2:3)""", id="empty_block"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: i32):
  "scf.for"(%0, %0, %0) ({
  ^bb0(%1: i32):
    "func.return"() : () -> ()
  }) : (i32, i32, i32) -> () loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !(i32) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'scf.for' op region #0 must end in 'scf.yield', found 'func.return'
"scf.for"(%0, %0, %0) ({
^bb0(%1: i32):
  "func.return"() : () -> ()
}) : (i32, i32, i32) -> () loc("t.py":2:3)""", id="wrong_terminator"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: i32):
  %1 = "pt.add"(%0, %0) : (i32, i32) -> i32
}) {function_type = !(i32) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:1:1: error: 'func.func' op region #0 must end in 'func.return', found 'pt.add'
"func.func"() ({
^bb0(%0: i32):
  %1 = "pt.add"(%0, %0) : (i32, i32) -> i32
}) {function_type = !(i32) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)""", id="no_terminator"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: i32):
  %1 = "scf.while"(%0) ({
  ^bb0(%2: i32):
    "scf.yield"(%2) : (i32) -> ()
  }, {
  ^bb0(%3: i32):
    "scf.yield"(%3) : (i32) -> ()
  }) : (i32) -> i32 loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !(i32) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'scf.while' op region #0 must end in 'scf.condition', found 'scf.yield'
%1 = "scf.while"(%0) ({
^bb0(%2: i32):
  "scf.yield"(%2) : (i32) -> ()
}, {
^bb0(%3: i32):
  "scf.yield"(%3) : (i32) -> ()
}) : (i32) -> i32 loc("t.py":2:3)""", id="while_before"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: block<4xf32>):
  %1 = "pt.reduce"(%0) ({
  ^bb0(%2: f32, %3: f32):
    "scf.yield"(%2) : (f32) -> ()
  }) {axis = 0} : (block<4xf32>) -> f32 loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !(block<4xf32>) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'pt.reduce' op region #0 must end in 'pt.yield', found 'scf.yield'
%1 = "pt.reduce"(%0) ({
^bb0(%2: f32, %3: f32):
  "scf.yield"(%2) : (f32) -> ()
}) {axis = 0} : (block<4xf32>) -> f32 loc("t.py":2:3)""", id="reduce_terminator"),
    pytest.param("""\
"func.func"() ({
^bb0:
  "func.return"() : () -> () loc("t.py":2:3)
  "pt.barrier"() : () -> ()
  "func.return"() : () -> ()
}) {function_type = !() -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'func.return' op is a terminator and must be the last operation in its block
"func.return"() : () -> () loc("t.py":2:3)""", id="terminator_not_last"),
    pytest.param("""\
"func.return"() : () -> () loc("t.py":1:1)
""", """\
t.py:1:1: error: 'func.return' op is a terminator and must end a region of an operation
"func.return"() : () -> () loc("t.py":1:1)""", id="terminator_top_level"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: block<4xi32>, %1: block<8xi32>):
  %2 = "pt.add"(%0, %1) : (block<4xi32>, block<8xi32>) -> block<4xi32> loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !(block<4xi32>, block<8xi32>) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'pt.add' op operands and results must have the same shape, got [4], [8], [4]
%2 = "pt.add"(%0, %1) : (block<4xi32>, block<8xi32>) -> block<4xi32> loc("t.py":2:3)""", id="elementwise_shape"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: i32):
  %1 = "pt.add"(%0, %0) : (i32, i32) -> i64 loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !(i32) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'pt.add' op requires the same type for all operands and results, got i32, i32, i64
%1 = "pt.add"(%0, %0) : (i32, i32) -> i64 loc("t.py":2:3)""", id="same_operands_and_result"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: i32, %1: i64):
  %2 = "pt.cmp"(%0, %1) {predicate = "eq"} : (i32, i64) -> i1 loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !(i32, i64) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'pt.cmp' op requires all operands to have the same type, got i32, i64
%2 = "pt.cmp"(%0, %1) {predicate = "eq"} : (i32, i64) -> i1 loc("t.py":2:3)""", id="same_operand_types"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: i1):
  "scf.if"(%0) ({
  ^bb0:
    %1 = "pt.constant"() {value = 1} : () -> i32
    "scf.yield"() : () -> ()
  }, {
  ^bb0:
    "scf.yield"() : () -> ()
  }) : (i1) -> ()
  %2 = "pt.add"(%1, %1) : (i32, i32) -> i32 loc("t.py":3:5)
  "func.return"() : () -> ()
}) {function_type = !(i1) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:3:5: error: 'pt.add' op operand #0 (%1) is defined in a region that does not enclose this use
%2 = "pt.add"(%1, %1) : (i32, i32) -> i32 loc("t.py":3:5)""", id="dominance_nested"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: i1):
  "scf.if"(%0) ({
  ^bb0:
    %1 = "pt.constant"() {value = 1} : () -> i32
    "scf.yield"() : () -> ()
  }, {
  ^bb0:
    %2 = "pt.neg"(%1) : (i32) -> i32 loc("t.py":4:7)
    "scf.yield"() : () -> ()
  }) : (i1) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i1) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:4:7: error: 'pt.neg' op operand #0 (%1) is defined in a region that does not enclose this use
%2 = "pt.neg"(%1) : (i32) -> i32 loc("t.py":4:7)""", id="dominance_sibling"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: f32):
  "func.return"(%0) : (f32) -> () loc("t.py":2:3)
}) {function_type = !(f32) -> (i32), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'func.return' op returns (f32) but the function type says (i32)
"func.return"(%0) : (f32) -> () loc("t.py":2:3)""", id="return_types"),
    pytest.param("""\
"func.func"() ({
^bb0:
  "func.call"() {callee = "nope"} : () -> () loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !() -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'func.call' op calls "nope", which is not a function of this module
"func.call"() {callee = "nope"} : () -> () loc("t.py":2:3)""", id="call_undefined"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: f32):
  %1 = "pt.cast"(%0) : (f32) -> i32
  "func.call"(%1) {callee = "k"} : (i32) -> () loc("t.py":3:3)
  "func.return"() : () -> ()
}) {function_type = !(f32) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:3:3: error: 'func.call' op argument types (i32) do not match the arguments of "k" (f32)
"func.call"(%1) {callee = "k"} : (i32) -> () loc("t.py":3:3)""", id="call_args"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: f32):
  %1 = "func.call"(%0) {callee = "k"} : (f32) -> i32 loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !(f32) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'func.call' op result types (i32) do not match the results of "k" ()
%1 = "func.call"(%0) {callee = "k"} : (f32) -> i32 loc("t.py":2:3)""", id="call_results"),
    pytest.param("""\
"func.func"() ({
^bb0:
  "func.return"() : () -> ()
}) {function_type = !() -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
"func.func"() ({
^bb0:
  "func.return"() : () -> ()
}) {function_type = !() -> (), sym_name = "k"} : () -> () loc("t.py":5:1)
""", """\
t.py:5:1: error: 'func.func' op redefines symbol "k"
"func.func"() ({
^bb0:
  "func.return"() : () -> ()
}) {function_type = !() -> (), sym_name = "k"} : () -> () loc("t.py":5:1)""", id="duplicate_symbol"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: i32, %1: f32):
  %2 = "scf.for"(%0, %0, %0, %1) ({
  ^bb0(%3: i32, %4: f32):
    "scf.yield"(%3) : (i32) -> ()
  }) : (i32, i32, i32, f32) -> f32 loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !(i32, f32) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'scf.for' op scf.yield gives (i32) but (f32) is expected
%2 = "scf.for"(%0, %0, %0, %1) ({
^bb0(%3: i32, %4: f32):
  "scf.yield"(%3) : (i32) -> ()
}) : (i32, i32, i32, f32) -> f32 loc("t.py":2:3)""", id="for_yield_types"),
    pytest.param("""\
"func.func"() ({
^bb0:
  %0 = "pt.make_range"() {end = 4, start = 0} : () -> block<8xi32> loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !() -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'pt.make_range' op result must be block<4xi32>
%0 = "pt.make_range"() {end = 4, start = 0} : () -> block<8xi32> loc("t.py":2:3)""", id="make_range_type"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: block<4xf32>):
  %1 = "pt.reduce"(%0) ({
  ^bb0(%2: f32, %3: f32):
    %4 = "pt.cast"(%2) : (f32) -> i32
    "pt.yield"(%4) : (i32) -> ()
  }) {axis = 0} : (block<4xf32>) -> f32 loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !(block<4xf32>) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:2:3: error: 'pt.reduce' op pt.yield must give one value of each element type
%1 = "pt.reduce"(%0) ({
^bb0(%2: f32, %3: f32):
  %4 = "pt.cast"(%2) : (f32) -> i32
  "pt.yield"(%4) : (i32) -> ()
}) {axis = 0} : (block<4xf32>) -> f32 loc("t.py":2:3)""", id="reduce_yield_types"),
    pytest.param("""\
"func.func"() ({
^bb0:
  %0 = "pt.program_id"() : () -> i32 loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !() -> ()} : () -> () loc("t.py":1:1)
""", """\
t.py:1:1: error: 'func.func' op requires attribute 'sym_name'
"func.func"() ({
^bb0:
  %0 = "pt.program_id"() : () -> i32 loc("t.py":2:3)
  "func.return"() : () -> ()
}) {function_type = !() -> ()} : () -> () loc("t.py":1:1)""", id="walk_order"),
    pytest.param("""\
"func.func"() ({
^bb0(%0: f32):
  "func.return"() : () -> ()
}) {function_type = !(i32) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)
""", """\
t.py:1:1: error: 'func.func' op entry block arguments must match the function type's inputs
"func.func"() ({
^bb0(%0: f32):
  "func.return"() : () -> ()
}) {function_type = !(i32) -> (), sym_name = "k"} : () -> () loc("t.py":1:1)""", id="func_args"),
]


@pytest.mark.parametrize("text, message", INVALID)
def test_invalid_ir(text: str, message: str) -> None:
    with pytest.raises(VerificationError) as info:
        verify(parse_module(text, "t.ir"))
    assert str(info.value) == message


def _function(name: str, arg_types: tuple = (i32,)) -> tuple[Operation, Builder]:
    f = Operation("func.func", attributes={"sym_name": name, "function_type": FunctionType(arg_types, ())},
                  regions=[Region([Block(arg_types)])], loc=Location("b.py", 1, 1))
    return f, Builder.at_end(f.regions[0].entry, Location("b.py", 2, 5))


def test_use_before_definition() -> None:
    f, b = _function("k")
    x = f.regions[0].entry.args[0]
    first = b.value("pt.add", [x, x], i32)
    second = b.value("pt.add", [first, x], i32)
    b.create("func.return")
    second.owner.move_before(first.owner)
    with pytest.raises(VerificationError) as info:
        verify(Module([f]))
    assert str(info.value) == ("b.py:2:5: error: 'pt.add' op operand #0 (%2) is used before its definition\n"
                               '%1 = "pt.add"(%2, %0) : (i32, i32) -> i32 loc("b.py":2:5)')
    assert info.value.loc == Location("b.py", 2, 5) and info.value.op is second.owner


def test_use_inside_defining_op() -> None:
    f, b = _function("k", (i1,))
    branch = b.create("scf.if", [f.regions[0].entry.args[0]], [i32],
                      regions=[Region([Block()]), Region([Block()])], loc=Location("b.py", 3, 5))
    for region in branch.regions:
        Builder.at_end(region.entry, Location("b.py", 4, 9)).create("scf.yield", [branch.result])
    b.create("func.return")
    with pytest.raises(VerificationError) as info:
        verify(Module([f]))
    assert str(info.value) == ("b.py:4:9: error: 'scf.yield' op operand #0 (%1) is used inside the operation "
                               "that defines it\n"
                               '"scf.yield"(%1) : (i32) -> () loc("b.py":4:9)')


def test_function_sees_nothing_outside() -> None:
    f, _ = _function("f")
    g, b = _function("g")
    b.value("pt.neg", [f.regions[0].entry.args[0]], i32)
    b.create("func.return")
    Builder.at_end(f.regions[0].entry).create("func.return")
    with pytest.raises(VerificationError) as info:
        verify(Module([f, g]))
    assert info.value.message == "operand #0 (%<undefined>) is defined in a region that does not enclose this use"


def test_isolated_from_module_level_values() -> None:
    constant = Operation("pt.constant", result_types=[i32], attributes={"value": 7})
    g, b = _function("g")
    b.value("pt.neg", [constant.result], i32)
    b.create("func.return")
    with pytest.raises(VerificationError) as info:
        verify(Module([constant, g]))
    assert info.value.message == ("operand #0 (%<undefined>) is defined outside the enclosing 'func.func', "
                                  "which is isolated from above")


def test_erased_definition() -> None:
    f, b = _function("k")
    x = f.regions[0].entry.args[0]
    dead = b.value("pt.neg", [x], i32)
    use = b.value("pt.neg", [dead], i32)
    b.create("func.return")
    dead.owner.detach()
    with pytest.raises(VerificationError) as info:
        verify(f)
    assert str(info.value) == ("b.py:2:5: error: 'pt.neg' op operand #0 (%<undefined>) is defined by an "
                               "operation that is no longer in the IR\n"
                               '%1 = "pt.neg"(%<undefined>) : (i32) -> i32 loc("b.py":2:5)')
    assert use.owner is info.value.op


def test_unknown_location_and_single_op() -> None:
    op = Operation("pt.program_id", result_types=[f32], attributes={"axis": 0})
    with pytest.raises(VerificationError) as info:
        verify(op)
    assert str(info.value) == ("-:0:0: error: 'pt.program_id' op result #0 (result) must be i32, got f32\n"
                               '%0 = "pt.program_id"() {axis = 0} : () -> f32')
