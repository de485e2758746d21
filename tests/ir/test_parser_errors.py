"""Malformed IR text is rejected with FILE:LINE:COL: error: MESSAGE at the offending token."""
import re
from dataclasses import dataclass

import pytest

from pantile.ir import BlockType, f32, print_module, verify
from pantile.ir.parser import ParseError, parse_module, parse_type, register_layout


def _func(body: str) -> str:
    """A function of one i32 argument (%0) whose body starts on line 3."""
    return ('"func.func"() ({\n^bb0(%0: i32):\n' + body + '  "func.return"() : () -> ()\n'
            '}) {function_type = !(i32) -> (), sym_name = "k"} : () -> ()\n')


MALFORMED = [
    pytest.param(_func('  %1 = "pt.add"(%0, %7) : (i32, i32) -> i32\n'),
                 "e.ir:3:21: error: use of undefined value %7", id="undefined"),
    pytest.param(_func('  %1 = "pt.neg"(%2) : (i32) -> i32\n  %2 = "pt.neg"(%0) : (i32) -> i32\n'),
                 "e.ir:3:17: error: use of undefined value %2", id="forward"),
    pytest.param(_func('  %1 = "scf.if"(%0) ({\n  ^bb0:\n    "scf.yield"(%1) : (i32) -> ()\n  }) : (i32) -> i32\n'),
                 "e.ir:5:17: error: use of %1 inside the operation that defines it", id="own_result"),
    pytest.param(_func('  %0 = "pt.neg"(%0) : (i32) -> i32\n'),
                 "e.ir:3:3: error: redefinition of value %0", id="redefinition"),
    pytest.param(_func('  %1 = "scf.for"(%0, %0, %0, %0) ({\n  ^bb0(%1: i32, %2: i32):\n'
                       '    "scf.yield"(%2) : (i32) -> ()\n  }) : (i32, i32, i32, i32) -> i32\n'),
                 "e.ir:4:8: error: redefinition of value %1", id="redefine_block_arg"),
    pytest.param(_func('  %1 = "pt.cast"(%0) : (i32) -> f33\n'),
                 "e.ir:3:33: error: unknown type 'f33'", id="unknown_type"),
    pytest.param('"func.func"() ({\n^bb0(%0: (i32) -> ()):\n}) {sym_name = "k"} : () -> ()\n',
                 "e.ir:2:10: error: a value cannot have the function type (i32) -> ()", id="function_value"),
    pytest.param(_func('  %1 = "pt.splat"(%0) : (i32) -> block<4x0xi32>\n'),
                 "e.ir:3:34: error: block dimensions must be positive", id="zero_dim"),
    pytest.param('"x"() {t = !block<4xblock<2xi32>>} : () -> ()\n',
                 "e.ir:1:13: error: a block cannot hold block<2xi32>", id="block_of_block"),
    pytest.param(_func('  %1 = "pt.neg"(%0) : (f32) -> f32\n'),
                 "e.ir:3:24: error: %0 has type i32 but the signature says f32", id="signature_type"),
    pytest.param(_func('  %1 = "pt.add"(%0, %0) : (i32) -> i32\n'),
                 "e.ir:3:27: error: the signature lists 1 operand type but 'pt.add' has 2 operands",
                 id="signature_operands"),
    pytest.param(_func('  %1 = "pt.neg"(%0) : (i32) -> (i32, i32)\n'),
                 "e.ir:3:23: error: the signature lists 2 result types but 'pt.neg' defines 1 result",
                 id="signature_results"),
    pytest.param(_func('  %1 = "pt.neg"(%0 : (i32) -> i32\n'),
                 "e.ir:3:20: error: expected ')'", id="missing_paren"),
    pytest.param(_func('  %1 = pt.neg(%0) : (i32) -> i32\n'),
                 'e.ir:3:8: error: expected an operation name in quotes, like "pt.add"', id="unquoted_name"),
    pytest.param(_func('  %1 = "pt.neg"(%0)\n'),
                 "e.ir:4:3: error: expected ':'", id="no_signature"),
    pytest.param('"pt.barrier"() {a = 1, a = 2} : () -> ()\n',
                 "e.ir:1:24: error: attribute 'a' is given twice", id="duplicate_attr"),
    pytest.param('"pt.barrier"() {a = @k} : () -> ()\n',
                 "e.ir:1:21: error: expected an attribute value", id="bad_attr_value"),
    pytest.param('"pt.barrier"() {a = "\\q"} : () -> ()\n',
                 "e.ir:1:21: error: invalid string literal: Invalid \\escape", id="bad_string"),
    pytest.param('"x"() {t = !block<4xf32, #nolayout<1, 2>>} : () -> ()\n',
                 "e.ir:1:26: error: unknown layout '#nolayout': no parser is registered for it "
                 "(pantile.ir.parser.register_layout)", id="unknown_layout"),
    pytest.param('"x"() {t = !block<4xf32, #stripes<wide>>} : () -> ()\n',
                 "e.ir:1:26: error: invalid layout #stripes<wide>: expected #stripes<WIDTH>", id="bad_layout"),
    pytest.param('"func.func"() ({\n^bb0:\n  "func.return"() : () -> ()\n',
                 "e.ir:4:1: error: expected '}' to close the region", id="unterminated_region"),
    pytest.param('"func.func"() ({\n  "func.return"() : () -> ()\n}) : () -> ()\n',
                 "e.ir:2:3: error: expected a block label like ^bb0", id="missing_label"),
    pytest.param('"x"() ({\n^a:\n  "y"() : () -> ()\n^a:\n  "y"() : () -> ()\n}) : () -> ()\n',
                 "e.ir:4:1: error: redefinition of block ^a", id="duplicate_label"),
    pytest.param('"pt.barrier"() : () -> () loc("k.py":3)\n',
                 "e.ir:1:39: error: expected ':'", id="bad_loc"),
    pytest.param('"pt.barrier"() : () -> () )\n',
                 'e.ir:1:27: error: expected an operation name in quotes, like "pt.add"', id="trailing"),
]


@dataclass(frozen=True)
class _Stripes:
    """A toy layout, printed as #stripes<WIDTH>."""

    width: int

    def __str__(self) -> str:
        return f"#stripes<{self.width}>"


def _parse_stripes(text: str) -> _Stripes:
    m = re.fullmatch(r"#stripes<(\d+)>", text)
    if m is None:
        raise ValueError("expected #stripes<WIDTH>")
    return _Stripes(int(m.group(1)))


@dataclass(frozen=True)
class _Nested:
    """A layout whose text nests angle brackets; kept verbatim."""

    text: str

    def __str__(self) -> str:
        return self.text


register_layout("stripes", _parse_stripes)
register_layout("nested", _Nested)


@pytest.mark.parametrize("text, message", MALFORMED)
def test_malformed_text(text: str, message: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_module(text, "e.ir")
    assert str(info.value) == message


def test_error_fields() -> None:
    with pytest.raises(ParseError) as info:
        parse_module(_func('  %1 = "pt.neg"(%9) : (i32) -> i32\n'), "dir/k.ir")
    e = info.value
    assert (e.file, e.line, e.col, e.message) == ("dir/k.ir", 3, 17, "use of undefined value %9")


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    with pytest.raises(ParseError) as info:
        parse_module('"x"() {a = ' + "[" * 5000 + "} : () -> ()\n", "e.ir")
    assert info.value.message == "the text is nested too deeply"


@pytest.mark.parametrize("text, message", [
    ("block<4xf32", "<string>:1:12: error: expected '>'"),
    ("i32 i32", "<string>:1:5: error: unexpected text after the type"),
    ("ptr<f32>", "<string>:1:8: error: expected ','"),
    ("(i32) -> i32", "<string>:1:10: error: expected '('"),
    ("", "<string>:1:1: error: expected a type"),
    ("block<4xf32, #stripes<2", "<string>:1:14: error: unterminated layout: '<' has no matching '>'"),
])
def test_malformed_type(text: str, message: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_type(text)
    assert str(info.value) == message


def test_layouts_round_trip() -> None:
    text = ('"func.func"() ({\n^bb0(%0: f32):\n'
            '  %1 = "pt.splat"(%0) : (f32) -> block<4xf32, #stripes<2>>\n'
            '  %2 = "pt.splat"(%0) : (f32) -> block<2x2xf32, #nested<a<1, 2>, b<[3]>>>\n'
            '  "func.return"() : () -> ()\n'
            '}) {function_type = !(f32) -> (), sym_name = "k"} : () -> ()\n')
    module = parse_module(text)
    verify(module)
    splat = module.ops[0].regions[0].entry.ops[0]
    assert splat.result.type == BlockType((4,), f32) and splat.result.type.layout == _Stripes(2)
    assert print_module(module) == text
