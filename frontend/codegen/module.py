"""Functions and the module: the kernel func.func, specialised helper functions, inline combine functions."""
from __future__ import annotations

import ast
import inspect
from typing import Any, Optional

from pantile.ir import Block, Builder, FunctionType, Module, Operation, Region, TensorDescType, Type
from pantile.ir.dialect_tensor_memory import part_types

from ..errors import LanguageError
from ..jit import JITFunction
from ..language import core, elementwise
from ..language.aggregate import flatten, is_aggregate, rebuild
from ..language.core import tensor
from ..language.memory import made_from_const
from ..language.tensor_memory import descriptor_arg_names, kernel_args
from .expressions import source_location
from .statements import StatementGenerator


class FunctionGenerator(StatementGenerator):
    """Generates one @jit function body; it is the EmitContext language functions emit into."""

    def __init__(self, module: "ModuleGenerator", fn: JITFunction, block: Block) -> None:
        super().__init__(fn, Builder.at_end(block))
        self.module = module
        self.const_pointers = module.const_pointers
        self.block = block

    def run(self, bindings: dict[str, Any]) -> Any:
        """Generate the body with parameters bound to `bindings`; the returned value."""
        args = self.fn.node.args
        if args.vararg or args.kwarg:
            raise self.error(self.fn.node, "@jit functions cannot take *args or **kwargs",
                             "list every parameter by name")
        self.scope = dict(bindings)
        token = core.activate(self)
        try:
            self.visit_body(self.fn.node.body)
        finally:
            core.deactivate(token)
        return self.return_value

    def call_jit(self, node: ast.Call, fn: JITFunction, args: list, kwargs: dict) -> Any:
        """A func.call of `fn` specialised on the argument types and compile-time values."""
        try:
            bound = inspect.signature(fn.fn).bind(*args, **kwargs)
        except TypeError as e:
            raise LanguageError(f"wrong arguments to {fn.__name__}(): {e}",
                                f"call it as {fn.__name__}({', '.join(fn.arg_names)})") from None
        bound.apply_defaults()
        values = dict(bound.arguments)
        callee, returned, const_results = self.module.specialize(fn, values, self.location(node))
        runtime = [t for v in values.values() for t in flatten(v)[0]]
        op = self.builder.create("func.call", [t.handle for t in runtime],
                                 list(callee.attributes["function_type"].results), {"callee": callee.attributes["sym_name"]})
        self.const_pointers.update(id(op.results[i]) for i in const_results)
        return rebuild(returned, iter([tensor(r) for r in op.results]))

    def inline_call(self, fn: Any, args: list, block: Block) -> list:
        """Generate @jit function `fn` at the end of `block` with its parameters bound to `args`."""
        if not isinstance(fn, JITFunction):
            raise LanguageError(f"the combine function must be a @jit function, got {fn!r}",
                                "decorate it with @pantile.jit")
        if len(args) != len(fn.arg_names):
            raise LanguageError(f"the combine function {fn.__name__}() takes {len(fn.arg_names)} arguments "
                                f"but {len(args)} are given", "it takes two arguments per combined input")
        gen = FunctionGenerator(self.module, fn, block)
        result = gen.run(dict(zip(fn.arg_names, args)))
        values = list(result) if isinstance(result, tuple) else [result]
        with gen.builder.at(block):
            return [elementwise.as_tensor(v, f"the value {fn.__name__}() returns") for v in values]


class ModuleGenerator:
    """Builds the module: the kernel first, then one func.func per helper specialisation."""

    def __init__(self) -> None:
        self.module = Module()
        # (function, argument types, constant pointers and values) -> (func.func, result shape, constant results)
        self.specializations: dict[tuple, tuple[Operation, str, tuple[int, ...]]] = {}
        self.const_pointers: set[int] = set()     # ids of tl.const kernel arguments, and of values of their type
        self.in_progress: set[tuple] = set()
        self.symbols: set[str] = set()

    def new_function(self, name: str, inputs: list[Type], loc: Any, attrs: dict[str, Any]) -> Operation:
        """An empty func.func `name` (made unique) appended to the module."""
        sym, n = name, 0
        while sym in self.symbols:
            n += 1
            sym = f"{name}_{n}"
        self.symbols.add(sym)
        func = Operation("func.func", attributes={"sym_name": sym, "function_type": FunctionType(tuple(inputs), ()),
                                                  **attrs},
                         regions=[Region([Block(inputs)])], loc=loc)
        self.module.body.append(func)
        return func

    def kernel(self, fn: JITFunction, signature: dict[str, Type], constexprs: dict[str, Any],
               arg_attrs: Optional[dict[str, dict]]) -> Operation:
        """The kernel func.func: parameters not in `constexprs` become its typed arguments."""
        constexprs = {**{p: fn.defaults[p] for p in fn.constexpr_names if p in fn.defaults}, **constexprs}
        runtime = [p for p in fn.arg_names if p not in constexprs]
        tuples = {p: _tuple_leaves(p, signature, constexprs) for p in runtime if p not in signature}
        missing = [p for p, leaves in tuples.items() if not leaves]
        if missing:
            raise ValueError(f"build_ir({fn.__name__}): no type for {', '.join(missing)} in the signature; "
                             "give every parameter that is not a constexpr an IR type")
        args = kernel_args({n: signature[n] for p in runtime for n in tuples.get(p) or (p,) if n in signature},
                           constexprs)
        attrs: dict[str, Any] = {"kernel": True}
        if arg_attrs:
            attrs["arg_attrs"] = [dict(arg_attrs.get(name, {})) for name, _ in args]
        func = self.new_function(fn.__name__, [t for _, t in args], source_location(fn, fn.node), attrs)
        body = func.regions[0].entry
        gen = FunctionGenerator(self, fn, body)
        bindings = {p: core.unwrap(v) for p, v in constexprs.items() if p in fn.arg_names}
        values = dict(zip((name for name, _ in args), body.args))
        def argument(name: str) -> Any:
            """The value of kernel parameter (or tuple leaf) `name`; a TensorDescriptor arrives as its parts,
            constant parts specialised away."""
            if name not in signature:
                return core.unwrap(constexprs[name])
            t = signature[name]
            if not isinstance(t, TensorDescType):
                return tensor(values[name])
            with gen.builder.location(gen.location(fn.node)):
                parts = [values[n] if n in values else gen.builder.constant(constexprs[n], pt)
                         for n, pt in zip(descriptor_arg_names(name, t), part_types(t))]
                return tensor(gen.builder.value("pt.make_tensor_desc", parts, t, argument=name))

        for p in runtime:
            names = tuples.get(p) or (p,)
            if p in fn.const_names:
                self.const_pointers.update(id(values[name]) for name in names if name in values)
            bindings[p] = _rebuild_tuple(names, argument) if p in tuples else argument(p)
        for p in fn.arg_names:
            if p not in bindings:
                raise gen.error(fn.node, f"no value for parameter '{p}'", "pass it as an argument or constexpr")
        result = gen.run(bindings)
        if result is not None:
            raise gen.error(gen.return_site, "a kernel cannot return a value",
                            "store results through a pointer argument with tl.store")
        gen.builder.loc = gen.location(fn.node)
        gen.builder.create("func.return")
        return func

    def specialize(self, fn: JITFunction, values: dict[str, Any], loc: Any) -> tuple[Operation, str, tuple[int, ...]]:
        """The func.func of `fn` for these argument types (a constant pointer, made from a tl.const argument, is
        a type of its own) and compile-time values, built on first use; its result shape and which results are
        constant pointers."""
        flat = {n: flatten(v, lambda t: (t.handle.type, made_from_const(t))) for n, v in values.items()}
        key = (id(fn),) + tuple((n, structure) for n, (_, structure) in flat.items())
        if key in self.specializations:
            return self.specializations[key]
        if key in self.in_progress:
            raise LanguageError(f"recursive call of {fn.__name__}() is not supported",
                                "rewrite the recursion as a loop")
        self.in_progress.add(key)
        leaves = [t for ts, _ in flat.values() for t in ts]
        func = self.new_function(fn.__name__, [t.handle.type for t in leaves], source_location(fn, fn.node),
                                 {"noinline": True} if fn.noinline else {})
        body = func.regions[0].entry
        gen = FunctionGenerator(self, fn, body)
        args = iter([tensor(a) for a in body.args])
        bindings = {n: rebuild(structure, args) for n, (_, structure) in flat.items()}
        self.const_pointers.update(id(a) for t, a in zip(leaves, body.args) if made_from_const(t))
        result = gen.run(bindings)
        gen.builder.loc = gen.location(gen.return_site or fn.node)
        token = core.activate(gen)          # numbers returned become constants in the callee, not the caller
        try:
            returned, shape = _results(fn, result)
        finally:
            core.deactivate(token)
        gen.builder.create("func.return", [t.handle for t in returned])
        const_results = tuple(i for i, t in enumerate(returned) if made_from_const(t))
        func.attributes["function_type"] = FunctionType(tuple(a.type for a in body.args),
                                                        tuple(t.handle.type for t in returned))
        self.in_progress.discard(key)
        self.specializations[key] = (func, shape, const_results)
        return func, shape, const_results


def _tuple_leaves(name: str, signature: dict[str, Type], constexprs: dict[str, Any]) -> list[str]:
    """The leaf parameters a tuple parameter `name` arrives as (`name.1.0` is its [1][0]; the runtime's
    tuple_args.py names them), in order; none for a parameter that is no tuple."""
    prefix = name + "."
    # A descriptor leaf's parts (`name.0.shape.1`) are not leaves: a leaf's path is all indices.
    return [p for p in (*signature, *constexprs)
            if p.startswith(prefix) and all(j.isdigit() for j in p[len(prefix):].split("."))]


def _rebuild_tuple(leaves: list[str], value: Any) -> tuple:
    """The nested tuple whose leaf at each path (`x.1.0`: [1][0]) is `value(leaf name)`."""
    tree: dict = {}
    for leaf in leaves:
        node, (*path, last) = tree, [int(j) for j in leaf.split(".")[1:]]
        for j in path:
            node = node.setdefault(j, {})
        node[last] = value(leaf)

    def build(node: dict) -> tuple:
        return tuple(build(v) if isinstance(v, dict) else v for _, v in sorted(node.items()))
    return build(tree)


def _results(fn: JITFunction, result: Any) -> tuple[list[tensor], Any]:
    """The tensors a helper returns and the structure its callers rebuild: numbers it returns (alone or in a tuple)
    become tensors, as do numbers among tuples it returns; aggregates and nested tuples keep their structure."""
    def one(v: Any) -> tuple[list[tensor], Any]:
        if is_aggregate(v) or isinstance(v, tuple):
            return flatten(v)
        t = elementwise.as_tensor(v, f"the value {fn.__name__}() returns")
        return [t], ("tensor", None)
    if result is None:
        return flatten(None)
    if type(result) is not tuple:
        return one(result)
    parts = [one(v) for v in result]
    return [t for ts, _ in parts for t in ts], ("tuple", tuple, tuple(s for _, s in parts))


__all__ = ["FunctionGenerator", "ModuleGenerator"]
