"""Structured control flow (`scf`) and functions (`func`), declared as data.

- `scf.for(lb, ub, step, inits...)`: one region whose block takes (iv, carried...);
  results are the carried values. Optional attrs: `num_stages`, `unroll`
  (factor: tl.range's loop_unroll_factor).
- `scf.if(cond)`: regions then/else, each ending in `scf.yield` of the results.
- `scf.while(inits...)`: region `before` (args = inits) ends in
  `scf.condition(cond, values...)`; region `after` (args = those values) ends in
  `scf.yield` of new inits; results are the condition's values.
- `func.func`: attrs `sym_name`, `function_type`, optional `arg_attrs` (one dict
  per argument, e.g. {divisibility = 16}), `arg_names` (the parameters' names, which
  launchers report in errors), `kernel` (bool) and `noinline`.
"""
from __future__ import annotations

from .ops import (ANY, ISOLATED, PURE, SCALAR_BOOL, SCALAR_INT, TERMINATOR, Attr, Operand, Result,
                  define)
from .types import FunctionType


def _types(vals) -> list:
    return [v.type for v in vals]


def _verify_for(op) -> str | None:
    lb, ub, step, *inits = op.operands
    if not (lb.type == ub.type == step.type):
        return "lower bound, upper bound and step must have the same type"
    body = op.regions[0].blocks[0]
    if _types(body.args) != [lb.type] + _types(inits):
        return "body arguments must be the induction variable and the carried values"
    if _types(op.results) != _types(inits):
        return "results must have the carried values' types"
    return _yield_matches(body, _types(inits))


def _yield_matches(block, want) -> str | None:
    term = block.terminator
    if term is None or term.name != "scf.yield":
        return None  # reported by the structural verifier
    if _types(term.operands) != list(want):
        got = ", ".join(map(str, _types(term.operands))) or "nothing"
        return f"scf.yield gives ({got}) but ({', '.join(map(str, want))}) is expected"
    return None


def _verify_if(op) -> str | None:
    for r in op.regions:
        err = _yield_matches(r.blocks[0], _types(op.results))
        if err:
            return err
        if r.blocks[0].args:
            return "scf.if regions take no arguments"
    return None


def _verify_while(op) -> str | None:
    before, after = op.regions[0].blocks[0], op.regions[1].blocks[0]
    if _types(before.args) != _types(op.operands):
        return "before-region arguments must match the initial values"
    cond = before.terminator
    if cond is None or cond.name != "scf.condition":
        return "before region must end in scf.condition"
    passed = _types(cond.operands[1:])
    if _types(after.args) != passed or _types(op.results) != passed:
        return "after-region arguments and results must match the values scf.condition passes"
    return _yield_matches(after, _types(op.operands))


define("scf.for", operands=(Operand("lb", SCALAR_INT), Operand("ub", SCALAR_INT), Operand("step", SCALAR_INT),
                            Operand("inits", ANY, "variadic")),
       results=(Result("results", ANY, "variadic"),),
       attributes={"num_stages": Attr("int", required=False), "unroll": Attr("int", required=False)},
       regions=1, terminators=("scf.yield",), verify=_verify_for, doc="counted loop with carried values")
define("scf.if", operands=(Operand("cond", SCALAR_BOOL),), results=(Result("results", ANY, "variadic"),),
       regions=2, terminators=("scf.yield", "scf.yield"), verify=_verify_if, doc="two-way branch with results")
define("scf.while", operands=(Operand("inits", ANY, "variadic"),), results=(Result("results", ANY, "variadic"),),
       regions=2, terminators=("scf.condition", "scf.yield"), verify=_verify_while, doc="while loop")
define("scf.yield", operands=(Operand("values", ANY, "variadic"),), traits=(TERMINATOR, PURE),
       doc="terminator of scf regions")
define("scf.condition", operands=(Operand("cond", SCALAR_BOOL), Operand("values", ANY, "variadic")),
       traits=(TERMINATOR, PURE), doc="terminator of scf.while's before region")


def _verify_func(op) -> str | None:
    ft = op.attributes["function_type"]
    if not isinstance(ft, FunctionType):
        return "function_type must be a function type"
    entry = op.regions[0].blocks[0]
    if _types(entry.args) != list(ft.inputs):
        return "entry block arguments must match the function type's inputs"
    arg_attrs = op.attributes.get("arg_attrs")
    if arg_attrs is not None and len(arg_attrs) != len(ft.inputs):
        return "arg_attrs needs one dictionary per argument"
    arg_names = op.attributes.get("arg_names")
    if arg_names is not None and len(arg_names) != len(ft.inputs):
        return "arg_names needs one name per argument"
    return None


define("func.func", attributes={"sym_name": Attr("str"), "function_type": Attr("type"),
                                "arg_attrs": Attr("dicts", required=False), "arg_names": Attr("strs", required=False),
                                "kernel": Attr("bool", required=False),
                                "noinline": Attr("bool", required=False)},
       regions=1, terminators=("func.return",), traits=(ISOLATED,), verify=_verify_func,
       doc="a function; `kernel` marks the entry")


def _verify_call(op) -> str | None:
    top = op
    while top.parent_op is not None:
        top = top.parent_op
    callee = op.attributes["callee"]
    funcs = [f for f in (top.parent.ops if top.parent is not None else ())
             if f.name == "func.func" and f.attributes.get("sym_name") == callee]
    if not funcs or not isinstance(funcs[0].attributes.get("function_type"), FunctionType):
        return f"calls \"{callee}\", which is not a function of this module"
    ft = funcs[0].attributes["function_type"]
    for what, values, want in (("argument", op.operands, ft.inputs), ("result", op.results, ft.results)):
        if _types(values) != list(want):
            return (f"{what} types ({', '.join(map(str, _types(values)))}) do not match the {what}s of "
                    f"\"{callee}\" ({', '.join(map(str, want))})")
    return None


define("func.call", operands=(Operand("args", ANY, "variadic"),), results=(Result("results", ANY, "variadic"),),
       attributes={"callee": Attr("str")}, verify=_verify_call, doc="call of a func.func in the same module")


def _verify_return(op) -> str | None:
    func = op.parent_op
    ft = func.attributes.get("function_type") if func is not None and func.name == "func.func" else None
    if not isinstance(ft, FunctionType):
        return None  # a misplaced return is reported by the structural verifier
    want = list(ft.results)
    if _types(op.operands) != want:
        got = ", ".join(map(str, _types(op.operands)))
        return f"returns ({got}) but the function type says ({', '.join(map(str, want))})"
    return None


define("func.return", operands=(Operand("values", ANY, "variadic"),), traits=(TERMINATOR, PURE),
       verify=_verify_return, doc="return from func.func")
