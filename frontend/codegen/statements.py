"""Statements: assignments, if, for, while, return and assert, with scf regions for runtime control flow."""
from __future__ import annotations

import ast
from typing import Any, Callable, Iterator, Optional

from pantile.ir import Block, Operation, Region

from ..errors import CompilationError
from ..language import debug, elementwise, iterators
from ..language.aggregate import flatten, is_aggregate, rebuild
from ..language.compat import async_task
from ..language.core import tensor
from ..language.memory import made_from_const
from ..language.promotion import integer_promote, is_number, python_dtype
from ..language.tensor_memory import tensor_memory_kind
from .expressions import ExpressionGenerator


_UNBOUND = object()
MAX_UNROLLED_OPS = 1_000_000  # a static_range generating more: compile time and code size explode


def assigned_names(stmts: list[ast.stmt]) -> list[str]:
    """Names a statement list assigns anywhere inside it, in first-assignment order."""
    names: dict[str, None] = {}
    for stmt in stmts:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.setdefault(node.id, None)
    return list(names)


def returns_inside(node: ast.AST) -> bool:
    """True when a return statement is somewhere inside `node`."""
    return any(isinstance(n, ast.Return) for n in ast.walk(node))


def first_store(stmts: list[ast.stmt], name: str) -> ast.Name:
    """The first place a statement list assigns `name`."""
    return next(node for stmt in stmts for node in ast.walk(stmt)
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id == name)


class StatementGenerator(ExpressionGenerator):
    """Generates the statements of one @jit function into the builder's block."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.returned = False
        self.return_value: Any = None
        self.return_site: Optional[ast.Return] = None
        self.loop_depth = 0
        self.after_if: list[ast.stmt] = []   # the statements after an if that returns inside, for its branches
        self.assign_sites: dict[str, ast.AST] = {}

    def visit_body(self, stmts: list[ast.stmt]) -> None:
        """Visit statements until one returns. An if with a return inside takes the statements after it into
        its branches: they run only where it did not return."""
        for i, stmt in enumerate(stmts):
            if self.returned:
                return
            if isinstance(stmt, ast.If) and returns_inside(stmt):
                self.after_if = stmts[i + 1:]
                self.visit(stmt)
                return
            self.visit(stmt)

    # assignments ----------------------------------------------------------------------------
    def assign(self, target: ast.expr, value: Any) -> None:
        """Bind `value` to a name or unpack it into a tuple of targets."""
        if isinstance(target, ast.Name):
            self.scope[target.id] = value
            self.assign_sites[target.id] = target
        elif isinstance(target, (ast.Tuple, ast.List)):
            if isinstance(value, tensor) or not isinstance(value, tuple):
                raise self.error(target, f"cannot unpack {_what(value)} into {len(target.elts)} names",
                                 "only tuples (e.g. several values returned by a @jit function) can be unpacked")
            if len(value) != len(target.elts):
                raise self.error(target, f"cannot unpack {len(value)} values into {len(target.elts)} names")
            for t, v in zip(target.elts, value):
                self.assign(t, v)
        elif isinstance(target, ast.Attribute) and is_aggregate(self.visit(target.value)):
            setattr(self.visit(target.value), target.attr, value)    # refused: an aggregate is fixed once built
        elif isinstance(target, (ast.Subscript, ast.Attribute)):
            raise self.error(target, f"assignment to a {'subscript' if isinstance(target, ast.Subscript) else 'attribute'}"
                             " is not supported", "tensors are immutable: build a new one, e.g. with tl.where")
        else:
            self.unsupported(target)

    def visit_Assign(self, node: ast.Assign) -> None:
        """`a = b = value`: bind every target."""
        value = self.visit(node.value)
        for target in node.targets:
            self.assign(target, value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        """`x: T = value`: the annotation is ignored."""
        if node.value is None:
            raise self.error(node, "a declaration without a value is not supported", "assign a value")
        self.assign(node.target, self.visit(node.value))

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        """`x op= value` as `x = x op value`."""
        if not isinstance(node.target, ast.Name):
            raise self.error(node.target, "augmented assignment to a subscript or attribute is not supported",
                             "tensors are immutable: build a new one, e.g. with tl.where")
        binop = ast.BinOp(left=ast.Name(node.target.id, ast.Load()), op=node.op, right=node.value)
        ast.copy_location(binop, node)
        ast.copy_location(binop.left, node.target)
        self.assign(node.target, self.visit(binop))

    def visit_Expr(self, node: ast.Expr) -> None:
        """An expression statement: evaluated for its effects (a call of a must_use_result function is an error,
        which visit_Call raises once it has the callee)."""
        self.dropped_call = node.value
        self.visit(node.value)

    def visit_Pass(self, node: ast.Pass) -> None:
        """`pass` does nothing."""
        return None

    # return and assert ------------------------------------------------------------------------
    def visit_Return(self, node: ast.Return) -> None:
        """Record the returned value; the rest of the body is skipped."""
        if self.loop_depth:
            raise self.error(node, "return inside a for or while loop is not supported",
                             "assign the result to a variable and return it after the loop")
        self.return_value = self.visit(node.value) if node.value is not None else None
        self.return_site = node
        self.returned = True

    def visit_Assert(self, node: ast.Assert) -> None:
        """`assert cond, msg` becomes a device assert (dropped when cond is a true constant)."""
        cond = self.visit(node.test)
        msg = self.visit(node.msg) if node.msg is not None else ""
        if not isinstance(cond, tensor) and cond:
            return
        debug.device_assert(cond, str(msg))

    # if -----------------------------------------------------------------------------------------
    def visit_If(self, node: ast.If) -> None:
        """Static branch for compile-time conditions, scf.if with the changed variables as results otherwise."""
        after, self.after_if = self.after_if, []
        cond = self.visit(node.test)
        if not isinstance(cond, tensor):
            self.visit_body((node.body if cond else node.orelse) + after)
            return
        cond = self.located(node.test, lambda: self.scalar_condition(cond, "an if statement"))
        if returns_inside(node):
            self.returning_if(node, cond, after)
            return
        before = dict(self.scope)
        then_scope, then_blk = self.branch(node.body, before)
        else_scope, else_blk = self.branch(node.orelse, before)
        self.scope = before
        names = []
        for n in {**then_scope, **else_scope}:
            if n in before:
                if then_scope.get(n, before[n]) is not before[n] or else_scope.get(n, before[n]) is not before[n]:
                    names.append(n)
            elif n in then_scope and n in else_scope:
                names.append(n)
        items, structures = [], []
        for n in names:
            (a, structure), (b, other) = (_parts(s.get(n, before.get(n))) for s in (then_scope, else_scope))
            if structure != other:
                raise self.error(node, f"Mismatched type for {n}: variable '{n}' holds values of different "
                                 "structures on the two sides of the if",
                                 "give it the same aggregate class or tuple shape, with the same compile-time "
                                 "fields, on both sides")
            items += [(f"variable '{n}'", f"Mismatched type for {n}", x, y) for x, y in zip(a, b)]
            structures.append(structure)
        pairs = self.merge_values(items, then_blk, else_blk, "the if")
        op = self.create_if(cond, then_blk, else_blk, [a for a, _ in pairs], [b for _, b in pairs])
        results = iter([tensor(r) for r in op.results])
        for n, structure in zip(names, structures):
            self.scope[n] = _whole(structure, results)

    def branch(self, stmts: list[ast.stmt], before: dict[str, Any]) -> tuple[dict[str, Any], Block]:
        """Generate one branch of a runtime if into a new block; its final scope."""
        self.scope = dict(before)
        blk, _ = self.in_block(lambda: self.visit_body(stmts))
        return self.scope, blk

    def returning_if(self, node: ast.If, cond: tensor, after: list[ast.stmt]) -> None:
        """A runtime if with a return inside: each branch runs on with the statements after the if until it
        returns (or ends, returning None); the scf.if yields what the branches return, which must agree."""
        before = dict(self.scope)
        outcomes = []
        for stmts in (node.body + after, node.orelse + after):
            self.returned, self.return_value = False, None
            _, blk = self.branch(stmts, before)
            outcomes.append((blk, self.return_value))
        self.scope = before
        (then_blk, a), (else_blk, b) = outcomes
        parts = [list(v) if isinstance(v, tuple) else [] if v is None else [v] for v in (a, b)]
        if len(parts[0]) != len(parts[1]) or isinstance(a, tuple) != isinstance(b, tuple):
            raise self.error(node, f"Inconsistent return types: the branches of this if return {_returned(a)} "
                             f"and {_returned(b)}", "return the same number of values of the same types on every path")
        items, structures = [], []
        for x, y in zip(*parts):
            (xs, structure), (ys, other) = _parts(x), _parts(y)
            if structure != other:
                raise self.error(node, "Inconsistent return types: the branches of this if return values of "
                                 "different structures", "return the same aggregate class or tuple shape on every path")
            items += [("the returned value", "Inconsistent return types", u, v) for u, v in zip(xs, ys)]
            structures.append(structure)
        pairs = self.merge_values(items, then_blk, else_blk, "the if")
        op = self.create_if(cond, then_blk, else_blk, [x for x, _ in pairs], [y for _, y in pairs])
        values = iter([tensor(r) for r in op.results])
        results = [_whole(structure, values) for structure in structures]
        self.return_value = tuple(results) if isinstance(a, tuple) else results[0] if results else None
        self.return_site = node
        self.returned = True

    # loops --------------------------------------------------------------------------------------
    def carried_names(self, node: ast.AST, body: list[ast.stmt], exclude: tuple[str, ...] = ()) -> list[str]:
        """Names assigned in a loop body that exist before it: the loop-carried values."""
        names = []
        for n in assigned_names(body):
            if n not in self.scope or n in exclude:
                continue
            value = self.scope[n]
            if not isinstance(value, tensor) and not is_number(value) and _parts(value)[1] is None:
                raise self.error(first_store(body, n),
                                 f"variable '{n}' holds the compile-time value {value!r} before the loop and is "
                                 "reassigned inside it", "give it a tensor or number value before the loop")
            names.append(n)
        return names

    def loop_body(self, block: Block, names: list[str], structures: list[Any], args: list, inits: list[tensor],
                  stmts: list[ast.stmt]) -> list[tensor]:
        """Generate a loop body with `names` bound to block `args` (several for an aggregate or tuple of that
        structure); the values it yields, checked."""
        outer = self.scope
        self.scope = dict(outer)
        values = iter([tensor(a) for a in args])
        for n, structure in zip(names, structures):
            self.scope[n] = _whole(structure, values)
        self.const_pointers.update(id(a) for a, init in zip(args, inits) if made_from_const(init))
        self.loop_depth += 1
        try:
            self.in_block(lambda: self.visit_body(stmts), block)
        finally:
            self.loop_depth -= 1
        yields = []
        carried = iter(inits)
        for n, structure in zip(names, structures):
            site = self.assign_sites.get(n, stmts[0])
            parts, now = _parts(self.scope[n])
            if now != structure:
                raise self.error(site, f"loop-carried variable '{n}' changes structure in the loop",
                                 "keep the same aggregate class or tuple shape, with the same compile-time fields")
            yields += [self.carried_value(n, site, value, next(carried), block) for value in parts]
        self.scope = outer
        return yields

    def carried_value(self, n: str, site: ast.AST, value: Any, init: tensor, block: Block) -> tensor:
        """What a loop body yields for (a tensor of) variable `n`, which entered the loop as `init`; checked."""
        if is_number(value) and tensor_memory_kind(init) is not None:
            raise self.error(site, f"loop-carried variable '{n}' is {tensor_memory_kind(init)} before the loop "
                             f"and the number {value!r} in it", "keep it the same kind of value")
        if is_number(value):
            with self.builder.at(block):
                value = elementwise.convert(value, init.dtype, init.shape) \
                    if elementwise.number_fits(value, init.dtype) else elementwise.as_tensor(value)
        if not isinstance(value, tensor):
            raise self.error(site, f"loop-carried variable '{n}' becomes the compile-time value {value!r}",
                             "keep it a tensor inside the loop")
        if value.handle.type != init.handle.type:
            raise self.error(site, f"loop-carried variable '{n}' changes type from {init.handle.type} to "
                             f"{value.handle.type} in the loop",
                             f"give it its final type before the loop, e.g. {n} = {n}.to(...)")
        if made_from_const(value) != made_from_const(init):
            kinds = ("a constant pointer (made from a tl.const argument)", "a writable pointer")
            before, inside = (kinds if made_from_const(init) else kinds[::-1])
            raise self.error(site, f"loop-carried variable '{n}' is {before} before the loop and {inside} in it",
                             "annotate both pointer arguments tl.const, or neither")
        return value

    def carried_inits(self, names: list[str]) -> tuple[list[tensor], list[Any]]:
        """The tensors a loop carries for `names` (an aggregate's or tuple's tensors for each of those), and the
        structure of each name (None: one tensor)."""
        parts = [_parts(self.scope[n]) for n in names]
        return [elementwise.as_tensor(v) for values, _ in parts for v in values], [s for _, s in parts]

    def bind_results(self, names: list[str], structures: list[Any], op: Operation) -> None:
        """Bind `names` to `op`'s results, several to a name of an aggregate or tuple `structure`."""
        results = iter([tensor(r) for r in op.results])
        for n, structure in zip(names, structures):
            self.scope[n] = _whole(structure, results)

    def carry_constness(self, loop: Operation, inits: list[tensor]) -> None:
        """A loop's results that carry a constant pointer are constant pointers."""
        self.const_pointers.update(id(r) for r, init in zip(loop.results, inits) if made_from_const(init))

    def visit_For(self, node: ast.For) -> None:
        """scf.for over a range, carrying the variables the body reassigns; tl.static_range, and a loop over a
        tuple, unrolled in place (as Triton does)."""
        it = self.visit(node.iter)
        if not isinstance(it, (iterators.range, tuple)):
            raise self.error(node.iter, "a kernel for loop must iterate over range(...), tl.range(...), "
                             "tl.static_range(...) or a tuple", "loop over indices and load elements through pointers")
        if node.orelse:
            raise self.error(node, "unsupported Python construct in a kernel: for ... else",
                             "move the else part after the loop")
        if isinstance(it, tuple):
            self.unrolled_for(node, it)
            return
        if not isinstance(node.target, ast.Name):
            raise self.error(node.target, "the loop variable must be a single name")
        if it.static:
            self.check_bounds(node, it)
            self.unrolled_for(node, range(it.start, it.end, it.step))
            return
        descending = isinstance(it.step, int) and it.step < 0
        lb, ub, step = self.loop_bounds(node, it)
        names = self.carried_names(node, node.body, exclude=(node.target.id,))
        inits, structures = self.carried_inits(names)
        block = Block([lb.handle.type] + [t.handle.type for t in inits])
        index = tensor(block.args[0])
        if descending:
            # scf.for counts up: run the mirrored range and map i to ub - i + lb, as Triton does.
            with self.builder.at(block), self.builder.location(self.location(node.iter)):
                index = elementwise.binary("+", elementwise.binary("-", ub, index), lb)
        shadowed = self.scope.get(node.target.id, _UNBOUND)
        self.scope[node.target.id] = index
        yields = self.loop_body(block, names, structures, block.args[1:], inits, node.body)
        if shadowed is _UNBOUND:
            del self.scope[node.target.id]
        else:
            self.scope[node.target.id] = shadowed
        with self.builder.at(block):
            self.builder.create("scf.yield", [v.handle for v in yields])
        attrs = {}
        if it.num_stages is not None:
            attrs["num_stages"] = it.num_stages
        if it.loop_unroll_factor is not None:
            attrs["unroll"] = it.loop_unroll_factor
        op = self.builder.create("scf.for", [lb.handle, ub.handle, step.handle] + [t.handle for t in inits],
                                 [t.handle.type for t in inits], attrs, [Region([block])])
        self.carry_constness(op, inits)
        self.bind_results(names, structures, op)

    def unrolled_for(self, node: ast.For, items: Any) -> None:
        """tl.static_range (`items`: its indices) or a tuple, as Triton's frontend does them: the body generated
        once per item with the loop target bound to it as a compile-time value, each copy seeing the values the
        previous one assigned (Python's semantics, so no loop-carried values and the target keeps its last item)."""
        largest = 0
        self.loop_depth += 1
        try:
            for item in items:
                self.assign(node.target, item)
                largest = max(largest, self.generated_ops(lambda: self.visit_body(node.body)))
                if max(largest, 1) * len(items) > MAX_UNROLLED_OPS:
                    raise self.error(node, f"unrolling this loop would generate its body {len(items)} times "
                                     f"({largest} operations each)", "use range() instead of static_range")
        finally:
            self.loop_depth -= 1

    def generated_ops(self, fn: Callable[[], Any]) -> int:
        """Run `fn`; the operations it added at the insertion point, those nested in them included."""
        block, before = self.builder.block, self.builder.before
        start = len(block.ops) if before is None else block.ops.index(before)
        count = len(block.ops)
        fn()
        return sum(1 for op in block.ops[start:start + len(block.ops) - count] for _ in op.walk())

    def check_bounds(self, node: ast.For, it: "iterators.range") -> None:
        """Refuse bounds that are not integer scalars, runtime bounds of a static_range and a zero step."""
        for b in (it.start, it.end, it.step):
            if isinstance(b, tensor) and (b.shape or not b.dtype.is_int()):
                raise self.error(node.iter, f"range bounds must be integer scalars, got {b.handle.type}",
                                 "convert the bound with .to(tl.int32)")
            if not isinstance(b, tensor) and (isinstance(b, bool) or not isinstance(b, int)):
                raise self.error(node.iter, f"range bounds must be integers, got {b!r}",
                                 "pass ints: literals, integer arguments or values computed from them")
        if it.static and any(isinstance(b, tensor) for b in (it.start, it.end, it.step)):
            raise self.error(node.iter, "tl.static_range needs compile-time bounds, got a runtime value",
                             "use tl.range (or range) for runtime bounds")
        if isinstance(it.step, int) and it.step == 0:
            raise self.error(node.iter, "range step must not be zero", "use a positive or negative step")

    def loop_bounds(self, node: ast.For, it: "iterators.range") -> tuple[tensor, tensor, tensor]:
        """Start, end and step as tensors of one integer type (Triton's promotion of the three)."""
        self.check_bounds(node, it)
        bounds = (it.start, it.end, it.step)
        if isinstance(it.step, int) and it.step < 0:
            bounds = (it.end, it.start, -it.step)
        dt = None
        for b in bounds:
            bt = b.dtype if isinstance(b, tensor) else python_dtype(b)
            dt = bt if dt is None else integer_promote(dt, bt)
        return tuple(elementwise.convert(b, dt, ()) for b in bounds)

    def visit_With(self, node: ast.With) -> None:
        """`with tl.async_task(...):` runs its body in place; kernels have no other context managers."""
        for item in node.items:
            call = item.context_expr
            if item.optional_vars is not None or not isinstance(call, ast.Call) or not self.names_async_task(call):
                self.unsupported(node)
            self.visit(call)
        self.visit_body(node.body)

    def names_async_task(self, call: ast.Call) -> bool:
        """True when `call` calls tl.async_task (a callee the kernel cannot name is not it)."""
        try:
            return self.visit(call.func) is async_task
        except CompilationError:
            return False

    def visit_While(self, node: ast.While) -> None:
        """scf.while carrying the variables the body reassigns."""
        if node.orelse:
            raise self.error(node, "unsupported Python construct in a kernel: while ... else",
                             "move the else part after the loop")
        names = self.carried_names(node, node.body)
        inits, structures = self.carried_inits(names)
        types = [t.handle.type for t in inits]
        before_blk, after_blk = Block(types), Block(types)
        outer = self.scope
        carried = iter([tensor(a) for a in before_blk.args])
        self.scope = {**outer, **{n: _whole(s, carried) for n, s in zip(names, structures)}}
        _, cond = self.in_block(lambda: self.visit(node.test), before_blk)
        if not isinstance(cond, tensor):
            raise self.error(node.test, "the condition of a while loop must be a runtime value",
                             "use a for loop over tl.static_range for compile-time repetition")
        with self.builder.at(before_blk):
            cond = self.located(node.test, lambda: self.scalar_condition(cond, "a while loop"))
            self.builder.create("scf.condition", [cond.handle] + list(before_blk.args))
        self.scope = outer
        yields = self.loop_body(after_blk, names, structures, after_blk.args, inits, node.body)
        with self.builder.at(after_blk):
            self.builder.create("scf.yield", [v.handle for v in yields])
        op = self.builder.create("scf.while", [t.handle for t in inits], types,
                                 regions=[Region([before_blk]), Region([after_blk])])
        self.carry_constness(op, inits)
        self.bind_results(names, structures, op)


def _parts(value: Any) -> tuple[list[Any], Any]:
    """What a loop or a runtime if carries for one variable's value: an aggregate's or tuple's tensors and the
    structure that rebuilds it from them; any other value (a tensor, a number) as itself, structure None."""
    if is_aggregate(value) or isinstance(value, tuple):
        tensors, structure = flatten(value)
        if tensors:
            return tensors, structure
    return [value], None


def _whole(structure: Any, values: Iterator[tensor]) -> Any:
    """The variable's value from the next of `values`: one of them, or an aggregate or tuple of `structure`."""
    return next(values) if structure is None else rebuild(structure, values)


def _what(value: Any) -> str:
    return "a tensor" if isinstance(value, tensor) else f"the value {value!r}"


def _returned(value: Any) -> str:
    """What a return statement gave, in words."""
    if value is None:
        return "nothing"
    return f"a tuple of {len(value)}" if isinstance(value, tuple) else "one value"


__all__ = ["StatementGenerator", "assigned_names"]
