"""The printer's text form for IR built with the builder."""
from pantile.ir import (Block, BlockType, Builder, FunctionType, Location, Module, Operation, PointerType,
                        Region, f32, i32, print_op)


def _kernel() -> tuple[Module, Operation]:
    f = Operation("func.func", attributes={"sym_name": "k", "function_type": FunctionType((PointerType(f32),), ())},
                  regions=[Region([Block([PointerType(f32)])])], loc=Location("k.py", 1, 0))
    b = Builder.at_end(f.regions[0].entry, Location("k.py", 2, 4))
    pid = b.value("pt.program_id", [], i32, axis=0)
    rng = b.value("pt.make_range", [], BlockType((4,), i32), start=0, end=4)
    add = b.value("pt.add", [b.value("pt.splat", [pid], BlockType((4,), i32)), rng], BlockType((4,), i32))
    b.create("func.return")
    return Module([f]), add.owner


def test_module_text() -> None:
    m, _ = _kernel()
    assert str(m) == '''"func.func"() ({
^bb0(%0: ptr<f32, 1>):
  %1 = "pt.program_id"() {axis = 0} : () -> i32 loc("k.py":2:4)
  %2 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32> loc("k.py":2:4)
  %3 = "pt.splat"(%1) : (i32) -> block<4xi32> loc("k.py":2:4)
  %4 = "pt.add"(%3, %2) : (block<4xi32>, block<4xi32>) -> block<4xi32> loc("k.py":2:4)
  "func.return"() : () -> () loc("k.py":2:4)
}) {function_type = !(ptr<f32, 1>) -> (), sym_name = "k"} : () -> () loc("k.py":1:0)
'''


def test_print_op_keeps_function_numbering() -> None:
    _, add = _kernel()
    assert print_op(add) == (
        '%4 = "pt.add"(%3, %2) : (block<4xi32>, block<4xi32>) -> block<4xi32> loc("k.py":2:4)')


def test_print_op_matches_module_text_for_every_op() -> None:
    from pathlib import Path

    from pantile.ir.parser import parse_module
    text = (Path(__file__).parent / "data" / "all_ops.ir").read_text()
    lines = [line.strip() for line in text.splitlines()]
    for op in parse_module(text).walk():
        printed = [line.strip() for line in print_op(op).splitlines()]
        assert any(lines[start:start + len(printed)] == printed for start in range(len(lines))), printed
