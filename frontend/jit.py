"""JITFunction: a Python function captured for compilation, with its source and dependencies."""
from __future__ import annotations

import ast
import functools
import hashlib
import inspect
import os
import textwrap
import types
from typing import Any, Callable, Iterable, Iterator, Optional

from .language.aggregate import is_aggregate
from .language.core import constexpr, dtype

_HASHED_GLOBALS = (bool, int, float, str, tuple)
# Debug builds keep device_assert and `assert`; TRITON_DEBUG too, so Triton kernels run with only the import changed.
DEBUG_VARIABLES = ("PANTILE_DEBUG", "TRITON_DEBUG")
_TRUE_WORDS, _FALSE_WORDS = ("1", "true", "yes", "on"), ("", "0", "false", "no", "off")


def debug_from_environment() -> bool:
    """True when PANTILE_DEBUG or TRITON_DEBUG asks for debug builds; ValueError for a value that is neither."""
    on = False
    for name in DEBUG_VARIABLES:
        value = os.environ.get(name, "")
        word = value.strip().lower()
        if word not in _TRUE_WORDS + _FALSE_WORDS:
            raise ValueError(f"{name}={value!r}: set it to 1 for debug builds (device_assert checked) or 0 "
                             f"for none")
        on = on or word in _TRUE_WORDS
    return on


def check_debug(debug: object, where: str) -> None:
    """TypeError unless `debug` is None, True or False; `where` names what the user passed it to."""
    if debug is not None and not isinstance(debug, bool):
        raise TypeError(f"{where}: debug must be True or False, got {type(debug).__name__} {debug!r}")


def _is_annotation(node: Optional[ast.expr], name: str) -> bool:
    """True when a parameter's annotation names `name` (tl.constexpr, constexpr, "tl.const", ...); checked on the
    syntax so `from __future__ import annotations` changes nothing."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.split(".")[-1] == name
    return ((isinstance(node, ast.Attribute) and node.attr == name)
            or (isinstance(node, ast.Name) and node.id == name))


class JITFunction:
    """A kernel or a helper callable from kernels: source, parameters and a dependency hash."""

    def __init__(self, fn: Callable, do_not_specialize: Iterable[Any] = (), noinline: bool = False,
                 debug: Optional[bool] = None) -> None:
        if not isinstance(fn, types.FunctionType):
            raise TypeError(f"@jit needs a Python function, got {type(fn).__name__}")
        where = f"{fn.__code__.co_filename}:{fn.__code__.co_firstlineno}"
        kind = "a lambda" if fn.__name__ == "<lambda>" else "an async function" if (
            inspect.iscoroutinefunction(fn) or inspect.isasyncgenfunction(fn)) else None
        if kind:
            raise TypeError(f"@jit needs a function defined with def, got {kind} ({where}); write "
                            f"`@pantile.jit` above a plain `def name(...):` instead")
        check_debug(debug, f"@jit of {fn.__name__} ({where})")
        self.fn = fn
        functools.update_wrapper(self, fn)
        self.__name__ = fn.__name__
        try:
            lines, first_line = inspect.getsourcelines(fn)
        except (OSError, TypeError):
            raise ValueError(f"cannot read the source of {fn.__qualname__}: define @jit functions in a "
                             f".py file, not in an interactive prompt or exec()") from None
        self.file = fn.__code__.co_filename
        self.first_line = first_line
        self.indent = len(lines[0]) - len(lines[0].lstrip())
        params = inspect.signature(fn).parameters
        self.arg_names: list[str] = list(params)
        self.defaults: dict[str, Any] = {n: p.default for n, p in params.items() if p.default is not p.empty}
        self._set_source(textwrap.dedent("".join(lines)))
        self.do_not_specialize = tuple(do_not_specialize)
        self.noinline = noinline
        # The environment is read once, here (Triton reads it at each launch, which a warm launch here cannot
        # afford); as in Triton, an environment that asks for debug builds wins over debug=False.
        self.debug_env = debug_from_environment()
        self.debug = bool(debug) or self.debug_env

    def _set_source(self, src: str) -> None:
        """Parse `src` as this function's source: its syntax tree, constexpr parameters and global references."""
        node = ast.parse(src).body[0]
        if not isinstance(node, ast.FunctionDef):
            raise ValueError(f"the source of {self.__name__} must start with its def, got {src[:40]!r}")
        self.src = src
        self.node: ast.FunctionDef = node
        params = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
        self.constexpr_names: frozenset[str] = frozenset(a.arg for a in params
                                                         if _is_annotation(a.annotation, "constexpr"))
        self.const_names: frozenset[str] = frozenset(a.arg for a in params if _is_annotation(a.annotation, "const"))
        self._global_refs = _global_references(node)

    def _unsafe_update_src(self, new_src: str) -> None:
        """Compile `new_src` from now on instead of the function's own source (Triton's hook for tests that
        patch a kernel's text); the parameters must stay the same."""
        before = self.arg_names
        self._set_source(textwrap.dedent(new_src))
        names = [a.arg for a in self.node.args.posonlyargs + self.node.args.args + self.node.args.kwonlyargs]
        if names != before:
            raise ValueError(f"_unsafe_update_src of {self.__name__} changed the parameters {before} to {names}")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError(f"{self.__name__} is a @jit function: launch it with {self.__name__}[grid](...), "
                        "or call it from inside another @jit function")

    def __repr__(self) -> str:
        return f"JITFunction({self.fn.__module__}:{self.fn.__qualname__})"

    def resolve_global(self, name: str) -> Any:
        """The value `name` has in the function's closure or module globals (KeyError if none)."""
        code = self.fn.__code__
        if name in code.co_freevars:
            return self.fn.__closure__[code.co_freevars.index(name)].cell_contents
        return self.fn.__globals__[name]

    def dependencies_key(self, locations: bool = False) -> str:
        """sha256 over this source and every @jit function and constexpr global it uses, recursively; with
        `locations`, over the file and first line of each function too (for builds whose code names them)."""
        h = hashlib.sha256()
        self._hash_into(h, set(), locations)
        return h.hexdigest()

    def _hash_into(self, h: "hashlib._Hash", seen: set[int], locations: bool) -> None:
        for fn, chain, value in self._walk(seen):
            if chain is None:
                h.update(f"{fn.fn.__module__}.{fn.fn.__qualname__}:{fn.noinline}\n".encode())
                if locations:
                    h.update(f"{fn.file}:{fn.first_line}\n".encode())
                h.update(fn.src.encode())
            elif isinstance(value, JITFunction):
                h.update(f"\njit {'.'.join(chain)}\n".encode())
            elif is_aggregate(value):
                h.update(f"\naggregate {'.'.join(chain)}\n{value.__aggregate_source__}".encode())
            elif _compiled_in(value):
                h.update(f"\nglobal {'.'.join(chain)} = {value!r}".encode())

    def _walk(self, seen: set[int]) -> Iterator[tuple["JITFunction", Optional[tuple[str, ...]], Any]]:
        """(self, None, None), then (self, chain, value) for each global it reads, a @jit callee's own walk
        right after the callee's name; each function once."""
        if id(self) in seen:
            return
        seen.add(id(self))
        yield self, None, None
        for chain in self._global_refs:
            value = self._resolve_chain(chain)
            yield self, chain, value
            if isinstance(value, JITFunction):
                yield from value._walk(seen)
            elif is_aggregate(value):      # its @jit methods are the kernel's code too
                for method in value.__aggregate_methods__:
                    yield from method._walk(seen)

    def compiled_in_globals(self) -> list[tuple["JITFunction", tuple[str, ...], Any]]:
        """(function, name chain, value) of every global this function and its @jit callees read that
        compiles in as a constant."""
        return [(fn, chain, value) for fn, chain, value in self._walk(set())
                if chain is not None and _compiled_in(value)]

    def changed_global(self, watched: list[tuple["JITFunction", tuple[str, ...], Any]]) -> Optional[str]:
        """Why a kernel compiled with the `watched` globals (from compiled_in_globals) may not run any more: the
        first one whose value changed since, or None."""
        for fn, chain, value in watched:
            now = fn._resolve_chain(chain)
            if now is not value and now != value:
                return (f"global {'.'.join(chain)} read by {fn.__name__} ({fn.file}:{fn.first_line}) has changed "
                        f"since {self.__name__} was compiled, from {value!r} to {now!r}; a kernel compiles the "
                        f"globals it reads in as constants: pass the value as an argument (a tl.constexpr for a "
                        f"compile-time one) instead of changing the global")
        return None

    def _resolve_chain(self, chain: tuple[str, ...]) -> Any:
        try:
            value = self.resolve_global(chain[0])
        except (KeyError, ValueError):
            return None
        for attr in chain[1:]:
            if not isinstance(value, types.ModuleType):
                return None
            value = getattr(value, attr, None)
        return value


def _compiled_in(value: Any) -> bool:
    """True for a global value a kernel compiles in as a constant."""
    return isinstance(value, (constexpr, dtype) + _HASHED_GLOBALS)


def _global_references(fn: ast.FunctionDef) -> list[tuple[str, ...]]:
    """Names (and module.attribute chains) the body reads but never binds, in first-use order (defaults are
    left out: Python reads them once, when the function is defined)."""
    bound = {a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs}
    bound |= {n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    chains: dict[tuple[str, ...], None] = {}
    for node in (n for statement in fn.body for n in ast.walk(statement)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in bound:
            chains.setdefault((node.id,), None)
        elif isinstance(node, ast.Attribute):
            parts, cur = [node.attr], node.value
            while isinstance(cur, ast.Attribute):
                parts.append(cur.attr)
                cur = cur.value
            if isinstance(cur, ast.Name) and cur.id not in bound:
                chains.setdefault((cur.id, *reversed(parts)), None)
    return list(chains)


def jit(fn: Optional[Callable] = None, *, do_not_specialize: Iterable[Any] = (),
        noinline: bool = False, debug: Optional[bool] = None) -> Any:
    """Decorator for @jit and @jit(do_not_specialize=[...], noinline=..., debug=...)."""
    def wrap(f: Callable) -> JITFunction:
        """Wrap `f` with the decorator's options."""
        return JITFunction(f, do_not_specialize=do_not_specialize, noinline=noinline, debug=debug)
    return wrap(fn) if fn is not None else wrap
