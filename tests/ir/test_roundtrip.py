"""Every registered op has a well-typed instance that verifies and round-trips through the text form."""
import math
import random
import struct
from pathlib import Path

from pantile.ir import (Block, BlockType, Builder, FunctionType, Location, Module, Operation, PointerType,
                        Region, Type, all_ops, f16, f32, i32, print_module, scalar)
from pantile.ir.parser import parse_module, parse_type
from pantile.ir.printer import format_attr
from pantile.ir.types import SCALAR_NAMES
from pantile.ir.verifier import verify

ALL_OPS = Path(__file__).parent / "data" / "all_ops.ir"


def test_every_op_round_trips_and_verifies() -> None:
    text = ALL_OPS.read_text()
    module = parse_module(text, str(ALL_OPS))
    verify(module)
    assert print_module(module) == text
    # Target packages register their own ops (e.g. simt.*) when imported; the core dialects are covered here.
    core = [name for name in all_ops() if name.split(".")[0] in ("pt", "scf", "func")]
    assert sorted(core) == sorted({op.name for op in module.walk()})


def test_parsed_values_are_wired() -> None:
    module = parse_module(ALL_OPS.read_text())
    kernel = module.lookup("elementwise")
    entry = kernel.regions[0].entry
    pid, _, rng, splat, add = entry.ops[:5]
    assert splat.operands == [pid.result] and add.operands == [splat.result, rng.result]
    assert [u.owner for u in rng.result.uses][:2] == [add, entry.ops[5]]
    assert pid.loc == Location("k.py", 3, 10)
    assert kernel.attributes["arg_attrs"] == ({"divisibility": 16}, {})
    assert kernel.attributes["function_type"] == FunctionType((PointerType(f32), i32), ())


def test_attribute_values() -> None:
    text = ('"pt.barrier"() {a = [1, -2, 2.5, 1e-05, -inf, inf], b = nan, c = "q\\"\\n\\u00e9", d = !block<2x3xf16>, '
            'e = {x = [], y = {z = true}}, f = false} : () -> ()\n')
    module = parse_module(text)
    attrs = module.ops[0].attributes
    assert attrs["a"] == (1, -2, 2.5, 1e-05, -math.inf, math.inf)
    assert isinstance(attrs["a"][0], int) and isinstance(attrs["a"][2], float)
    assert math.isnan(attrs["b"])
    assert attrs["c"] == 'q"\n\u00e9'
    assert attrs["d"] == BlockType((2, 3), f16)
    assert attrs["e"] == {"x": (), "y": {"z": True}} and attrs["f"] is False
    assert print_module(module) == text


def test_comments_and_free_names() -> None:
    module = parse_module('// a kernel\n"func.func"() ({\n^entry(%x: i32):  // the argument\n'
                          '  %y = "pt.add"(%x, %x) : (i32, i32) -> i32\n  "func.return"() : () -> ()\n'
                          '}) {function_type = !(i32) -> (), sym_name = "k"} : () -> ()\n')
    verify(module)
    assert print_module(module) == ('"func.func"() ({\n^bb0(%0: i32):\n  %1 = "pt.add"(%0, %0) : (i32, i32) -> i32\n'
                                    '  "func.return"() : () -> ()\n'
                                    '}) {function_type = !(i32) -> (), sym_name = "k"} : () -> ()\n')


def test_parse_type() -> None:
    assert parse_type("block<4x8xptr<f16, 3>>") == BlockType((4, 8), PointerType(f16, 3))
    assert parse_type("(i32, block<2xf32>) -> ()") == FunctionType((i32, BlockType((2,), f32)), ())
    assert parse_type("block<f32>") == BlockType((), f32)
    assert str(parse_type("(ptr<f32, 1>) -> (i32, f32)")) == "(ptr<f32, 1>) -> (i32, f32)"


def test_built_ir_round_trips() -> None:
    f = Operation("func.func", attributes={"sym_name": "k", "function_type": FunctionType((i32,), (f32,))},
                  regions=[Region([Block([i32])])], loc=Location("k.py", 1, 0))
    entry = f.regions[0].entry
    b = Builder.at_end(entry, Location("dir/k \"x\".py", 2, 4))
    zero = b.constant(0.0, f32)
    loop = b.create("scf.for", [entry.args[0], entry.args[0], entry.args[0], zero], [f32],
                    regions=[Region([Block([i32, f32])])])
    body = loop.regions[0].entry
    with b.at(body):
        b.create("scf.yield", [body.args[1]])
    b.create("func.return", [loop.result])
    module = Module([f])
    verify(module)
    text = print_module(module)
    assert print_module(parse_module(text)) == text


def _random_type(rng: random.Random) -> Type:
    element = rng.choice([scalar(n) for n in SCALAR_NAMES] + [PointerType(scalar(rng.choice(SCALAR_NAMES)), 3)])
    choice = rng.randrange(3)
    if choice == 0:
        return element
    if choice == 1:
        return BlockType(tuple(rng.randint(1, 64) for _ in range(rng.randint(0, 3))), element)
    return FunctionType(tuple(_random_type(rng) for _ in range(rng.randint(0, 2))), (element,))


def _random_attr(rng: random.Random, depth: int = 0) -> object:
    kind = rng.randrange(8 if depth < 3 else 6)
    if kind == 0:
        return rng.choice([0, -1, 2**63, -(2**70), rng.randint(-1000, 1000)])
    if kind == 1:
        return struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
    if kind == 2:
        return rng.choice([0.0, -0.0, math.inf, -math.inf, 1e-310, 0.1, 1e16])
    if kind == 3:
        return "".join(rng.choice('ab "\\\n\t\x01é€😀/{}[]') for _ in range(rng.randint(0, 8)))
    if kind == 4:
        return rng.random() < 0.5
    if kind == 5:
        return _random_type(rng)
    if kind == 6:
        return tuple(_random_attr(rng, depth + 1) for _ in range(rng.randint(0, 3)))
    return {rng.choice(["a", "b_1", "tt.divisibility", "x$"]): _random_attr(rng, depth + 1) for _ in range(3)}


def test_random_attributes_round_trip() -> None:
    rng = random.Random(7)
    for _ in range(200):
        attrs = {f"k{i}": _random_attr(rng) for i in range(3)}
        module = Module([Operation("pt.barrier", attributes=attrs)])
        text = print_module(module)
        parsed = parse_module(text)
        assert print_module(parsed) == text
        assert format_attr(parsed.ops[0].attributes) == format_attr(attrs)
