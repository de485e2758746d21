"""Expressions: names, constants, operators, attributes, subscripts and calls, AST to pt IR."""
from __future__ import annotations

import ast
import builtins
import enum
import inspect
import linecache
import operator
import types
import warnings
from typing import Any, Callable, NoReturn, Optional

from pantile.ir import Block, Builder, Location, Operation, Region, block_of

from ..errors import CompilationError, InternalCompilerError, LanguageError
from ..jit import JITFunction
from ..language import debug, elementwise, iterators
from ..language.aggregate import BoundJitMethod
from ..language.memory import made_from_const
from ..language.core import dtype, is_builtin, tensor, unwrap
from ..language.promotion import is_number
from ..language.shape import item
from ..language.tensor_memory import check_call_arguments, check_not_tensor_memory, tensor_memory_kind

# Compile-time helpers that may see runtime tensors: questions about a value's class (isinstance(x, tl.tensor))
# and tuples holding them (tl.tuple([a, b]), unpacked at compile time).
_TENSOR_SAFE = (builtins.isinstance, builtins.type, builtins.tuple)
_BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
           ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^", ast.LShift: "<<", ast.RShift: ">>",
           ast.Pow: "**", ast.MatMult: "@"}
_PY_BINARY = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
              "//": operator.floordiv, "%": operator.mod, "&": operator.and_, "|": operator.or_,
              "^": operator.xor, "<<": operator.lshift, ">>": operator.rshift, "**": operator.pow,
              "@": operator.matmul}
_COMPARE = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
            ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in"}
_PY_COMPARE = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt,
               ">=": operator.ge, "is": operator.is_, "is not": operator.is_not,
               "in": lambda a, b: a in b, "not in": lambda a, b: a not in b}
_UNARY = {ast.USub: "-", ast.UAdd: "+", ast.Invert: "~", ast.Not: "not"}
_PY_UNARY = {"-": operator.neg, "+": operator.pos, "~": operator.invert, "not": operator.not_}

# Python builtins a kernel may call on compile-time values.
_COMPILE_TIME_BUILTINS = {builtins.len, builtins.int, builtins.float, builtins.bool, builtins.str,
                          builtins.isinstance, builtins.getattr, builtins.tuple, builtins.abs, builtins.slice}
_BUILTIN_NAMES = {f.__name__: f for f in _COMPILE_TIME_BUILTINS}
_BUILTIN_NAMES.update(range=iterators.range, min=debug.python_min, max=debug.python_max,
                      print=debug.python_print)
# Global values a kernel may read: anything else must be passed as an argument.
_GLOBAL_TYPES = (bool, int, float, str, type(None), dtype, types.ModuleType, JITFunction, tuple)


def describe(node: ast.AST) -> str:
    """A short name for a syntax node, for error messages."""
    names = {"ListComp": "list comprehension", "GeneratorExp": "generator expression",
             "DictComp": "dict comprehension", "SetComp": "set comprehension", "Lambda": "lambda",
             "Dict": "dict literal", "Set": "set literal", "NamedExpr": "assignment expression (:=)",
             "Await": "await", "Yield": "yield", "YieldFrom": "yield from", "Starred": "starred expression",
             "Slice": "slice", "With": "with statement", "Try": "try statement", "Raise": "raise statement",
             "Break": "break", "Continue": "continue", "Delete": "del statement", "Global": "global statement",
             "Nonlocal": "nonlocal statement", "Import": "import", "ImportFrom": "import",
             "FunctionDef": "nested function definition", "ClassDef": "class definition",
             "AsyncFunctionDef": "async function", "AsyncFor": "async for", "AsyncWith": "async with",
             "Match": "match statement", "TryStar": "try statement"}
    return names.get(type(node).__name__, type(node).__name__)


def is_compile_time(fn: Any) -> bool:
    """True for Python helpers a kernel may call on compile-time values (len, cdiv, dtype constructors)."""
    return getattr(fn, "__pantile_compile_time__", False) or any(fn is b for b in _COMPILE_TIME_BUILTINS)


def source_location(fn: JITFunction, node: ast.AST) -> Location:
    """The file, line and 1-based column in the user's source of a node of `fn`'s syntax tree."""
    return Location(fn.file, fn.first_line + node.lineno - 1, node.col_offset + fn.indent + 1)


class ExpressionGenerator(ast.NodeVisitor):
    """Evaluates expressions of one @jit function: runtime values become pt ops, the rest stays Python.

    The statement layer (FunctionGenerator) adds statements and `call_jit`.
    """

    def __init__(self, fn: JITFunction, builder: Builder) -> None:
        self.fn = fn
        self.builder = builder
        self.scope: dict[str, Any] = {}
        self.dropped_call: Optional[ast.expr] = None    # the value of the expression statement being generated

    # locations and errors -----------------------------------------------------------------
    def location(self, node: ast.AST) -> Location:
        """The user's file, line and 1-based column of `node`."""
        return source_location(self.fn, node)

    def error(self, node: ast.AST, message: str, hint: str = "") -> CompilationError:
        """A CompilationError pointing at `node`."""
        loc = self.location(node)
        return CompilationError(loc.file, loc.line, loc.col, message, hint,
                                linecache.getline(loc.file, loc.line).rstrip("\n"))

    def unsupported(self, node: ast.AST) -> NoReturn:
        """Reject a Python construct kernels cannot use."""
        raise self.error(node, f"unsupported Python construct in a kernel: {describe(node)}",
                         "kernels support assignments, arithmetic, calls, if, for over ranges, while and "
                         "return; rewrite this part without it")

    def located(self, node: ast.AST, fn: Callable[[], Any]) -> Any:
        """Run `fn`, reporting its LanguageErrors at `node`."""
        try:
            return fn()
        except LanguageError as e:
            raise self.error(node, e.message, e.hint) from e.with_traceback(None)

    def visit(self, node: ast.AST) -> Any:
        """Visit with the builder's location set to `node`; LanguageErrors get `node`'s location."""
        if not hasattr(node, "lineno"):
            return super().visit(node)
        saved = self.builder.loc
        self.builder.loc = self.location(node)
        try:
            return super().visit(node)
        except LanguageError as e:
            raise self.error(node, e.message, e.hint) from e.with_traceback(None)
        except CompilationError:
            raise
        except Exception as e:  # a fault of the frontend itself: keep the cause for the bug report
            loc = self.location(node)
            raise InternalCompilerError(loc.file, loc.line, loc.col,
                                        f"internal error in pantile's frontend: {type(e).__name__}: {e}",
                                        "this is a bug in pantile; please report it with this kernel") from e
        finally:
            self.builder.loc = saved

    def generic_visit(self, node: ast.AST) -> NoReturn:
        """Any syntax without a visitor is unsupported."""
        self.unsupported(node)

    # names and constants ------------------------------------------------------------------
    def lookup(self, name: str) -> Any:
        """Local, then closure and module global, then builtin; LanguageError when undefined."""
        if name in self.scope:
            return self.scope[name]
        try:
            value = unwrap(self.fn.resolve_global(name))
        except KeyError:
            if name in _BUILTIN_NAMES:
                return _BUILTIN_NAMES[name]
            raise LanguageError(f"undefined name '{name}'",
                                "define it before this line, or pass it to the kernel as an argument") from None
        except ValueError:
            raise LanguageError(f"name '{name}' is used before the enclosing function assigns it") from None
        return self.check_global(name, value)

    @staticmethod
    def check_global(name: str, value: Any) -> Any:
        """`value` if a kernel may read it from a global, else a LanguageError."""
        if isinstance(value, _GLOBAL_TYPES) or callable(value):
            return value
        raise LanguageError(f"global '{name}' of type {type(value).__name__} cannot be used in a kernel",
                            "kernels read only @jit functions, tl.constexpr values and plain numbers or strings "
                            "from globals; pass other values as arguments")

    def visit_Name(self, node: ast.Name) -> Any:
        """A variable, global or builtin."""
        return self.lookup(node.id)

    def visit_Constant(self, node: ast.Constant) -> Any:
        """A literal stays a Python value."""
        return node.value

    def visit_Tuple(self, node: ast.Tuple) -> tuple:
        """Tuples and lists become Python tuples."""
        return tuple(self.visit(e) for e in node.elts)

    visit_List = visit_Tuple

    def visit_JoinedStr(self, node: ast.JoinedStr) -> str:
        """An f-string of compile-time values."""
        parts = []
        for v in node.values:
            if isinstance(v, ast.Constant):
                parts.append(str(v.value))
                continue
            value = self.visit(v.value)
            if isinstance(value, tensor):
                raise self.error(node, "an f-string can only show compile-time values, not a runtime tensor",
                                 "print runtime values with tl.device_print")
            spec = self.visit(v.format_spec) if v.format_spec is not None else ""
            conv = {-1: value, 115: str(value), 114: repr(value), 97: ascii(value)}[v.conversion]
            parts.append(format(conv, spec))
        return "".join(parts)

    # operators ------------------------------------------------------------------------------
    def visit_BinOp(self, node: ast.BinOp) -> Any:
        """Arithmetic: Python on compile-time values, pt ops on tensors."""
        symbol = _BINARY[type(node.op)]
        lhs, rhs = self.visit(node.left), self.visit(node.right)
        check_not_tensor_memory(lhs, f"operator {symbol}")
        check_not_tensor_memory(rhs, f"operator {symbol}")
        if not isinstance(lhs, tensor) and not isinstance(rhs, tensor):
            return self.python_op(node, symbol, _PY_BINARY[symbol], lhs, rhs)
        if symbol in ("**", "@"):
            raise LanguageError(f"operator {symbol} is not supported on tensors",
                                "use tl.exp2(y * tl.log2(x)) for powers" if symbol == "**" else
                                "use tl.dot(a, b) for matrix products")
        return elementwise.binary(symbol, lhs, rhs)

    @staticmethod
    def python_op(node: ast.AST, symbol: str, fn: Callable, *args: Any) -> Any:
        """A compile-time operator on Python values; Python's own errors become LanguageErrors."""
        try:
            return fn(*args)
        except Exception as e:  # any error of the user's compile-time expression
            raise LanguageError(f"operator {symbol} on compile-time values {', '.join(map(repr, args))} "
                                f"failed: {e}") from None

    def visit_UnaryOp(self, node: ast.UnaryOp) -> Any:
        """-x, +x, ~x, not x."""
        symbol = _UNARY[type(node.op)]
        x = self.visit(node.operand)
        check_not_tensor_memory(x, f"operator {symbol}")
        if not isinstance(x, tensor):
            return self.python_op(node, symbol, _PY_UNARY[symbol], x)
        return elementwise.unary(symbol, x)

    def visit_BoolOp(self, node: ast.BoolOp) -> Any:
        """and/or: short-circuit on compile-time values, elementwise on tensors."""
        symbol = "and" if isinstance(node.op, ast.And) else "or"
        result = self.visit(node.values[0])
        for v in node.values[1:]:
            check_not_tensor_memory(result, f"operator {symbol}")
            if not isinstance(result, tensor):
                if bool(result) != (symbol == "and"):
                    return result
                result = self.visit(v)
            else:
                operand = self.visit(v)
                check_not_tensor_memory(operand, f"operator {symbol}")
                result = elementwise.logical(symbol, result, operand)
        return result

    def visit_Compare(self, node: ast.Compare) -> Any:
        """Comparisons, chained ones joined with `and`."""
        left, result = self.visit(node.left), None
        for op, comparator in zip(node.ops, node.comparators):
            symbol, right = _COMPARE[type(op)], self.visit(comparator)
            if symbol not in ("is", "is not"):   # identity is a compile-time fact of any value: `desc is None`
                check_not_tensor_memory(left, f"operator {symbol}")
                check_not_tensor_memory(right, f"operator {symbol}")
            if symbol in ("is", "is not", "in", "not in") or not (isinstance(left, tensor) or isinstance(right, tensor)):
                r = self.python_op(node, symbol, _PY_COMPARE[symbol], left, right)
            else:
                r = elementwise.compare(symbol, left, right)
            if result is None:
                result = r
            elif isinstance(result, tensor) or isinstance(r, tensor):
                result = elementwise.logical("and", result, r)
            else:
                result = result and r
            left = right
        return result

    # attributes and subscripts ---------------------------------------------------------------
    def visit_Attribute(self, node: ast.Attribute) -> Any:
        """x.dtype, x.shape, x.T, tensor methods, module members."""
        obj = self.visit(node.value)
        if is_number(obj) and not hasattr(obj, node.attr):
            # As in Triton, a number a kernel holds is a scalar tensor once a tensor attribute is asked of it
            # (x = 0; x.to(tl.int64); value.dtype).
            obj = elementwise.as_tensor(obj)
        try:
            value = getattr(obj, node.attr)
        except AttributeError:
            if isinstance(obj, types.ModuleType):
                raise LanguageError(f"module '{obj.__name__}' has no attribute '{node.attr}'",
                                    "check the spelling; pantile.language lists its names in __all__") from None
            what = "a tensor" if isinstance(obj, tensor) else f"{type(obj).__name__} {obj!r}"
            raise LanguageError(f"{what} has no attribute '{node.attr}'") from None
        value = unwrap(value)
        if isinstance(obj, types.ModuleType):
            return self.check_global(f"{obj.__name__}.{node.attr}", value)
        return value

    def visit_Subscript(self, node: ast.Subscript) -> Any:
        """Tensor subscripts with None and ':', or indexing of compile-time tuples."""
        obj = self.visit(node.value)
        check_not_tensor_memory(obj, "a subscript")
        if isinstance(obj, tensor):
            return self.tensor_subscript(node, obj)
        index = self.visit(node.slice)
        if isinstance(index, tensor):
            raise LanguageError("a compile-time tuple cannot be indexed by a runtime tensor",
                                "index it with a constant or a tl.constexpr")
        return self.python_op(node, "[]", operator.getitem, obj, index)

    def visit_Slice(self, node: ast.Slice) -> slice:
        """A compile-time slice."""
        return slice(*(self.visit(p) if p is not None else None for p in (node.lower, node.upper, node.step)))

    def tensor_subscript(self, node: ast.Subscript, x: tensor) -> tensor:
        """x[None, :] and friends, as Triton reads them: a `None` at position i inserts a dimension of size 1 at
        i (after the last dimension when i is past it), a `:` keeps the tensor as it is."""
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        for item in items:
            is_none = isinstance(item, ast.Constant) and item.value is None
            is_all = isinstance(item, ast.Slice) and item.lower is None and item.upper is None and item.step is None
            if not (is_none or is_all):
                raise LanguageError(f"unsupported tensor index: {ast.unparse(item)} (a tensor subscript may only "
                                    "contain None and ':')",
                                    "load elements through pointers instead: tl.load(ptr + offsets)")
        for axis, item in enumerate(items):
            if isinstance(item, ast.Constant):
                if not x.shape:
                    x = elementwise.emit("pt.splat", [x], block_of((1,), x.handle.type))
                    continue
                axis = min(axis, len(x.shape))
                shape = x.shape[:axis] + (1,) + x.shape[axis:]
                x = elementwise.emit("pt.expand_dims", [x], block_of(shape, x.handle.type.scalar), axis=axis)
        return x

    # conditional expression ------------------------------------------------------------------
    def visit_IfExp(self, node: ast.IfExp) -> Any:
        """`a if c else b`: static for compile-time c, scf.if otherwise."""
        cond = self.visit(node.test)
        if not isinstance(cond, tensor):
            return self.visit(node.body if cond else node.orelse)
        cond = self.located(node.test, lambda: self.scalar_condition(cond, "a conditional expression"))
        then_blk, then_val = self.in_block(lambda: self.visit(node.body))
        else_blk, else_val = self.in_block(lambda: self.visit(node.orelse))
        if then_val is None and else_val is None:   # `f(...) if c else g(...)` run for the calls' effects
            self.create_if(cond, then_blk, else_blk, [], [])
            return None
        (t, e), = self.merge_values([("the value", "Ternary expression with dynamic condition has inconsistent type",
                                      then_val, else_val)], then_blk, else_blk, "the conditional expression")
        op = self.create_if(cond, then_blk, else_blk, [t], [e])
        return tensor(op.results[0])

    def scalar_condition(self, cond: tensor, what: str) -> tensor:
        """`cond` as an i1 scalar, or a LanguageError for blocks of more than one element."""
        check_not_tensor_memory(cond, f"the condition of {what}")
        if cond.shape and cond.numel == 1:
            # Triton takes a one-element block's only element here, with a warning.
            loc = self.builder.loc
            warnings.warn_explicit(f"the condition of {what} is a block of shape {list(cond.shape)}; its only "
                                   "element is used (write `(...).item()` to say so)", UserWarning, loc.file, loc.line)
            cond = item(cond)
        if cond.shape:
            raise LanguageError(f"the condition of {what} must be a scalar, got a block of shape {list(cond.shape)}",
                                "reduce it first (e.g. tl.max(...)), or use tl.where for elementwise selection")
        return elementwise.to_bool(cond)

    def in_block(self, fn: Callable[[], Any], block: Optional[Block] = None) -> tuple[Block, Any]:
        """Run `fn` with ops going into `block` (a new one by default)."""
        block = block if block is not None else Block()
        with self.builder.at(block):
            return block, fn()

    def merge_values(self, items: list[tuple[str, str, Any, Any]], a_blk: Block, b_blk: Block,
                     where: str) -> list[tuple[tensor, tensor]]:
        """Pairs of tensors of one type for (name, lead, a, b) items; numbers take the other side's type. `lead`
        opens the error for two types (Triton's words for it, which users' tests look for)."""
        out = []
        for name, lead, a, b in items:
            if tensor_memory_kind(a) != tensor_memory_kind(b):
                kind = tensor_memory_kind(a) or tensor_memory_kind(b)
                raise LanguageError(f"{name} is {kind} on one side of {where} but not on the other",
                                    "give it a block pointer or descriptor of the same type on both sides")
            for side in (a, b):
                if not isinstance(side, tensor) and not is_number(side):
                    raise LanguageError(f"{name} holds the compile-time value {side!r} on one side of {where} "
                                        "and a different value on the other",
                                        "give it the same value on both sides, or make it a tensor")
            with self.builder.at(a_blk):
                a = elementwise.convert(a, b.dtype, b.shape) if isinstance(b, tensor) and \
                    elementwise.number_fits(a, b.dtype) else elementwise.as_tensor(a)
            with self.builder.at(b_blk):
                b = elementwise.convert(b, a.dtype, a.shape) if elementwise.number_fits(b, a.dtype) \
                    else elementwise.as_tensor(b)
            if a.handle.type != b.handle.type:
                raise LanguageError(f"{lead}: {name} has type {a.handle.type} on one side of {where} and "
                                    f"{b.handle.type} on the other",
                                    "convert both to one type with .to(...) so they match")
            if made_from_const(a) != made_from_const(b):
                raise LanguageError(f"{lead}: {name} is a constant pointer (made from a tl.const argument) on one "
                                    f"side of {where} and a writable one on the other",
                                    "annotate both pointer arguments tl.const, or neither")
            out.append((a, b))
        return out

    def create_if(self, cond: tensor, then_blk: Block, else_blk: Block, then_vals: list[tensor],
                  else_vals: list[tensor]) -> Operation:
        """scf.if with the two filled blocks, each ended by scf.yield of its values."""
        Builder.at_end(then_blk, self.builder.loc).create("scf.yield", [v.handle for v in then_vals])
        Builder.at_end(else_blk, self.builder.loc).create("scf.yield", [v.handle for v in else_vals])
        return self.builder.create("scf.if", [cond.handle], [v.handle.type for v in then_vals],
                                   regions=[Region([then_blk]), Region([else_blk])])

    # calls ------------------------------------------------------------------------------------
    def visit_Call(self, node: ast.Call) -> Any:
        """Calls of @jit functions, language functions and compile-time helpers."""
        fn = self.visit(node.func)
        reason = getattr(fn, "_must_use_result", False) if node is self.dropped_call else False
        if reason:
            why = f": {reason}" if isinstance(reason, str) else ""
            raise self.error(node, f"the result of {ast.unparse(node.func)}() is not used{why}",
                             "assign it to a variable or remove the call")
        args: list[Any] = []
        for a in node.args:
            if isinstance(a, ast.Starred):
                value = self.visit(a.value)
                if not isinstance(value, tuple):
                    raise self.error(a, "only a compile-time tuple can be unpacked with * in a call")
                args.extend(value)
            else:
                args.append(self.visit(a))
        kwargs = {}
        for k in node.keywords:
            if k.arg is None:
                raise self.error(k.value, "unsupported Python construct in a kernel: **kwargs in a call",
                                 "pass keyword arguments by name")
            kwargs[k.arg] = unwrap(self.visit(k.value))
        args = [unwrap(a) for a in args]
        name = ast.unparse(node.func)
        if isinstance(fn, JITFunction):
            return self.call_jit(node, fn, args, kwargs)
        if isinstance(fn, BoundJitMethod):
            return self.call_jit(node, fn.fn, [fn.receiver, *args], kwargs)
        if is_builtin(fn) or is_compile_time(fn):
            return self.call_builtin(name, fn, args, kwargs)
        raise LanguageError(f"'{name}' is not a @jit function and cannot be called from a kernel",
                            f"decorate it with @pantile.jit, or compute the value outside the kernel and pass it "
                            f"as a tl.constexpr argument")

    def call_builtin(self, name: str, fn: Callable, args: list, kwargs: dict) -> Any:
        """Call a language function (argument count checked) or a compile-time Python helper."""
        python_only = not is_builtin(fn)
        if python_only:
            if fn not in _TENSOR_SAFE and any(isinstance(v, tensor) for v in [*args, *kwargs.values()]):
                raise LanguageError(f"{name}() works on compile-time values only, not on runtime tensors",
                                    "use the tl.* function of the same meaning, e.g. tl.cdiv")
            try:
                return fn(*args, **kwargs)
            except Exception as e:  # the user's compile-time call failed
                raise LanguageError(f"{name}() failed on compile-time values: {e}") from None
        target = fn.__init__ if isinstance(fn, type) else fn
        try:
            sig = inspect.signature(target)
            bound_args = (None, *args) if isinstance(fn, type) else args
            bound = sig.bind(*bound_args, **kwargs)
        except TypeError as e:
            params = [p for p in sig.parameters.values() if not (isinstance(fn, type) and p.name == "self")]
            raise LanguageError(f"wrong arguments to {name}(): {e}",
                                f"call it as {name}({', '.join(_param_text(p) for p in params)})") from None
        check_call_arguments(name, fn, bound.arguments)
        return fn(*args, **kwargs)


def _param_text(p: inspect.Parameter) -> str:
    if p.kind is p.VAR_POSITIONAL:
        return f"*{p.name}"
    if p.default is p.empty:
        return p.name
    default = p.default
    return f"{p.name}={default if isinstance(default, enum.Enum) else repr(default)}"


__all__ = ["ExpressionGenerator", "describe", "source_location"]
