"""Reads the text form that ir.printer writes back into a Module.

    %2 = "pt.add"(%0, %1) : (i32, i32) -> i32 loc("k.py":3:10)

Value names are scoped to one top-level op (the printer numbers each from
%0) and must be defined before they are used: a forward reference could
only ever be rejected by dominance, so it is reported here as an undefined
value. Sequences in attributes parse to tuples. `//` starts a comment.
Block layouts print as `#prefix<...>` inside `block<...>`; a target makes
them readable with `register_layout`.
"""
from __future__ import annotations

import bisect
import json
import re
from typing import Any, Callable, Optional

from .core import UNKNOWN_LOC, Block, Location, Module, Operation, Region, Value
from .types import SCALAR_NAMES, BlockType, FunctionType, PointerType, ScalarType, TensorDescType, Type


class ParseError(Exception):
    """A syntax error in IR text, printed as FILE:LINE:COL: error: MESSAGE."""

    def __init__(self, file: str, line: int, col: int, message: str) -> None:
        super().__init__(f"{file}:{line}:{col}: error: {message}")
        self.file, self.line, self.col, self.message = file, line, col, message


_LAYOUT_PARSERS: dict[str, Callable[[str], object]] = {}


def register_layout(prefix: str, parse: Callable[[str], object]) -> None:
    """Let `parse` read layouts printed as `#prefix<...>`; it gets that whole text and raises ValueError."""
    _LAYOUT_PARSERS[prefix] = parse


_WS = re.compile(r"(?:\s+|//[^\n]*)*")
_VALUE_ID = re.compile(r"%[A-Za-z0-9_$.]+")
_BLOCK_ID = re.compile(r"\^[A-Za-z0-9_$.]+")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ATTR_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.$]*")
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_NUMBER = re.compile(r"-?(?:inf|nan|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)(?![A-Za-z0-9_.])")
_INT = re.compile(r"-?\d+(?![A-Za-z0-9_.])")
_DIM = re.compile(r"(\d+)x")
_LAYOUT_NAME = re.compile(r"#([A-Za-z_][A-Za-z0-9_]*)")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


class _Parser:
    """Recursive descent over the characters of one text."""

    def __init__(self, text: str, filename: str) -> None:
        self.text = text
        self.filename = filename
        self.pos = 0
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.skip_ws()

    # scanning: `pos` always rests on the next token, past whitespace -----
    def error(self, message: str, pos: Optional[int] = None) -> ParseError:
        """A ParseError at `pos` (default: the next token)."""
        if pos is None:
            pos = self.pos
        line = bisect.bisect_right(self.line_starts, pos)
        return ParseError(self.filename, line, pos - self.line_starts[line - 1] + 1, message)

    def skip_ws(self) -> None:
        """Move past whitespace and `//` comments."""
        c = self.text[self.pos:self.pos + 1]
        if c.isspace() or c == "/":
            self.pos = _WS.match(self.text, self.pos).end()

    def here(self) -> int:
        """Position of the next token."""
        return self.pos

    def peek(self, s: str) -> bool:
        return self.text.startswith(s, self.pos)

    def accept(self, s: str) -> bool:
        if self.text.startswith(s, self.pos):
            self.pos += len(s)
            self.skip_ws()
            return True
        return False

    def expect(self, s: str) -> None:
        if not self.accept(s):
            raise self.error(f"expected '{s}'")

    def match(self, pattern: re.Pattern) -> Optional[re.Match]:
        m = pattern.match(self.text, self.pos)
        if m:
            self.pos = m.end()
            self.skip_ws()
        return m

    def require(self, pattern: re.Pattern, what: str) -> re.Match:
        m = self.match(pattern)
        if m is None:
            raise self.error(f"expected {what}")
        return m

    def at_end(self) -> bool:
        return self.here() == len(self.text)

    def comma_list(self, close: str, item: Callable[[], Any]) -> list:
        """Items separated by ',' up to `close` (consumed); the opener is already consumed."""
        items: list = []
        if self.accept(close):
            return items
        items.append(item())
        while self.accept(","):
            items.append(item())
        self.expect(close)
        return items

    # literals -------------------------------------------------------------
    def string(self, what: str = "a string") -> str:
        m = self.require(_STRING, what)
        try:
            return json.loads(m.group())
        except json.JSONDecodeError as e:
            raise self.error(f"invalid string literal: {e.msg}", m.start()) from None

    def integer(self) -> int:
        return int(self.require(_INT, "an integer").group())

    # types ----------------------------------------------------------------
    def type(self) -> Type:
        start = self.here()
        if self.accept("("):
            inputs = tuple(self.comma_list(")", self.type))
            self.expect("->")
            self.expect("(")
            return FunctionType(inputs, tuple(self.comma_list(")", self.type)))
        m = self.match(_IDENT)
        if m is None:
            raise self.error("expected a type")
        name = m.group()
        if name == "ptr":
            self.expect("<")
            pointee = self.type()
            self.expect(",")
            addrspace = self.integer()
            self.expect(">")
            return PointerType(pointee, addrspace)
        if name == "block":
            return self.block_type(start)
        if name == "tensordesc":
            self.expect("<")
            block = self.type()
            if not isinstance(block, BlockType):
                raise self.error(f"a tensor descriptor describes a block, not {block}", start)
            padding = self.require(_IDENT, "a padding ('zero' or 'nan')").group() if self.accept(",") else "zero"
            self.expect(">")
            try:
                return TensorDescType(block, padding)
            except ValueError as e:
                raise self.error(str(e), start) from None
        if name in SCALAR_NAMES:
            return ScalarType(name)
        raise self.error(f"unknown type '{name}'", start)

    def value_type(self) -> Type:
        """A type a value can have: anything but a function type."""
        start = self.here()
        t = self.type()
        if isinstance(t, FunctionType):
            raise self.error(f"a value cannot have the function type {t}", start)
        return t

    def block_type(self, start: int) -> BlockType:
        self.expect("<")
        dims = []
        while (m := self.match(_DIM)) is not None:
            dims.append(int(m.group(1)))
        element = self.type()
        if isinstance(element, (BlockType, FunctionType)):
            raise self.error(f"a block cannot hold {element}", start)
        layout = self.layout() if self.accept(",") else None
        self.expect(">")
        if 0 in dims:
            raise self.error("block dimensions must be positive", start)
        return BlockType(tuple(dims), element, layout)

    def layout(self) -> object:
        start = self.pos
        m = _LAYOUT_NAME.match(self.text, start)
        if m is None:
            raise self.error("expected a layout '#name<...>'")
        prefix, end = m.group(1), m.end()
        if self.text.startswith("<", end):
            depth = 0
            for end in range(end, len(self.text)):
                depth += {"<": 1, ">": -1}.get(self.text[end], 0)
                if depth == 0:
                    break
            else:
                raise self.error("unterminated layout: '<' has no matching '>'", start)
            end += 1
        text = self.text[start:end]
        self.pos = end
        self.skip_ws()
        parse = _LAYOUT_PARSERS.get(prefix)
        if parse is None:
            raise self.error(f"unknown layout '#{prefix}': no parser is registered for it "
                             f"(pantile.ir.parser.register_layout)", start)
        try:
            return parse(text)
        except ValueError as e:
            raise self.error(f"invalid layout {text}: {e}", start) from None

    # attributes -----------------------------------------------------------
    def attr_value(self) -> Any:
        if self.peek('"'):
            return self.string()
        if self.accept("!"):
            return self.type()
        if self.accept("["):
            return tuple(self.comma_list("]", self.attr_value))
        if self.peek("{"):
            return self.attr_dict()
        m = self.match(_NUMBER)
        if m is not None:
            text = m.group()
            return int(text) if re.fullmatch(r"-?\d+", text) else float(text)
        start = self.here()
        word = self.match(_IDENT)
        if word is not None and word.group() in ("true", "false"):
            return word.group() == "true"
        raise self.error("expected an attribute value", start)

    def attr_dict(self) -> dict[str, Any]:
        self.expect("{")
        out: dict[str, Any] = {}

        def entry() -> None:
            start = self.here()
            key = self.require(_ATTR_NAME, "an attribute name").group()
            if key in out:
                raise self.error(f"attribute '{key}' is given twice", start)
            self.expect("=")
            out[key] = self.attr_value()

        self.comma_list("}", entry)
        return out

    # operations -----------------------------------------------------------
    def value_use(self, scope: dict[str, Value]) -> tuple[Value, str, int]:
        start = self.here()
        name = self.require(_VALUE_ID, "a value name like %0").group()
        value = scope.get(name)
        if value is None:
            if name in scope:
                raise self.error(f"use of {name} inside the operation that defines it", start)
            raise self.error(f"use of undefined value {name}", start)
        return value, name, start

    def define(self, scope: dict[str, Optional[Value]], name: str, value: Optional[Value], pos: int) -> None:
        """Bind a new `name` (None reserves it for results still being parsed)."""
        if name in scope:
            raise self.error(f"redefinition of value {name}", pos)
        scope[name] = value

    def operation(self, scope: dict[str, Optional[Value]]) -> Operation:
        result_names: list[tuple[str, int]] = []
        if self.peek("%"):
            def result() -> tuple[str, int]:
                pos = self.here()
                return self.require(_VALUE_ID, "a value name like %0").group(), pos
            result_names.append(result())
            while self.accept(","):
                result_names.append(result())
            self.expect("=")
            for name, pos in result_names:
                self.define(scope, name, None, pos)
        name = self.string("an operation name in quotes, like \"pt.add\"")
        self.expect("(")
        operands = self.comma_list(")", lambda: self.value_use(scope))
        regions = []
        if self.accept("("):
            regions = self.comma_list(")", lambda: self.region(scope))
        attributes = self.attr_dict() if self.peek("{") else {}
        self.expect(":")
        sig_pos = self.here()
        self.expect("(")
        operand_types = self.comma_list(")", lambda: (self.here(), self.value_type()))
        self.expect("->")
        if self.accept("("):
            result_types = self.comma_list(")", self.value_type)
        else:
            result_types = [self.value_type()]
        if len(operand_types) != len(operands):
            raise self.error(f"the signature lists {_count(len(operand_types), 'operand type')} but '{name}' "
                             f"has {_count(len(operands), 'operand')}", sig_pos)
        for (value, vname, _), (tpos, t) in zip(operands, operand_types):
            if value.type != t:
                raise self.error(f"{vname} has type {value.type} but the signature says {t}", tpos)
        if len(result_types) != len(result_names):
            raise self.error(f"the signature lists {_count(len(result_types), 'result type')} but '{name}' "
                             f"defines {_count(len(result_names), 'result')}", sig_pos)
        loc = self.location() if self.peek("loc") else UNKNOWN_LOC
        op = Operation(name, [v for v, _, _ in operands], result_types, attributes, regions, loc)
        for (rname, _), value in zip(result_names, op.results):
            scope[rname] = value
        return op

    def location(self) -> Location:
        self.expect("loc")
        self.expect("(")
        file = self.string("a file name in quotes")
        self.expect(":")
        line = self.integer()
        self.expect(":")
        col = self.integer()
        self.expect(")")
        return Location(file, line, col)

    def region(self, scope: dict[str, Optional[Value]]) -> Region:
        self.expect("{")
        region = Region()
        labels: set[str] = set()
        while not self.accept("}"):
            start = self.here()
            label = self.require(_BLOCK_ID, "a block label like ^bb0").group()
            if label in labels:
                raise self.error(f"redefinition of block {label}", start)
            labels.add(label)
            region.append(self.block(scope))
        return region

    def block(self, scope: dict[str, Optional[Value]]) -> Block:
        block = Block()
        if self.accept("("):
            def argument() -> None:
                pos = self.here()
                name = self.require(_VALUE_ID, "a value name like %0").group()
                self.expect(":")
                self.define(scope, name, block.add_arg(self.value_type()), pos)
            self.comma_list(")", argument)
        self.expect(":")
        while not (self.peek("^") or self.peek("}")):
            if self.at_end():
                raise self.error("expected '}' to close the region")
            block.append(self.operation(scope))
        return block


def parse_module(text: str, filename: str = "<string>") -> Module:
    """The module written in `text`; raises ParseError naming `filename`, line and column."""
    p = _Parser(text, filename)
    module = Module()
    try:
        while not p.at_end():
            module.body.append(p.operation({}))
    except RecursionError:
        raise p.error("the text is nested too deeply") from None
    return module


def parse_type(text: str) -> Type:
    """The type written in `text`, e.g. 'block<4x8xf32>' or '(i32) -> (f32)'."""
    p = _Parser(text, "<string>")
    t = p.type()
    if not p.at_end():
        raise p.error("unexpected text after the type")
    return t
