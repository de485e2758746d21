"""A @jit kernel's warm launch, generated once per kernel from its parameters, and once per compiled variant.

`kernel[grid](...)` calls the kernel's dispatcher: a function whose signature is the kernel's own (Python binds the
arguments), that reads each argument's cache key (its type and what specializes it: a dtype, the device, whether
the address is aligned, an integer's value class, a constexpr's value) and the data address of each array, and
looks the keys up among the launches seen before. A hit is that variant's entry, which resolves the grid and makes
one call of the target's launcher (or of its direct launch, where the target has one: runtime args, pointers as
addresses). A TensorDescriptor of a device array is keyed by its base's as an array is, with its block shape,
padding and the keys of its shape and stride values; its entry passes the base, the values and the descriptor
(for the tensor maps the target encodes). A tuple is keyed by its structure and its leaves' keys (tuple_dispatch_key);
its entry passes each leaf. A miss, and any value with no key here (a descriptor of a numpy array, a descriptor in a
tuple, a TensorWrapper, a strided numpy view), takes the kernel's general path (runtime/jit.py), which binds, checks,
compiles and launches, and then registers the entry for that key. Per launch the generated code does only what
depends on the values: no loop over parameters, no per-parameter flags looked up, each address read once."""
from __future__ import annotations

import ctypes
from typing import Any, Callable, Optional, Sequence

import numpy as np

from pantile.frontend.language.core import constexpr

from .args import I32, I32_DIV16, I32_ONE, scalar_key

# Array types other than numpy's that a dispatcher reads inline, by the function giving an array's data address
# (torch's `data_ptr()`); the general path adds a type when it first describes one whose `device` is hashable.
ARRAY_READERS: dict[type, Callable[[Any], int]] = {}
MISSING = object()   # an argument not given (a parameter without a default, or an option)


class _Names:
    """The names generated code uses besides the kernel's parameters, all under a prefix no parameter starts with."""

    def __init__(self, params: Sequence[str]) -> None:
        prefix = "_pt_"
        while any(p.startswith(prefix) for p in params):
            prefix = "_" + prefix
        self.prefix = prefix

    def __getattr__(self, name: str) -> str:
        return self.prefix + name


_ARRAY = """\
    {t} = {n.type}({v})
    if ({r} := {n.readers_get}({t})) is not None:
        {a} = {r}({v})
        {c} = ({t}, {v}.device, {v}.dtype, {aligned})
    elif {t} is int:
        {a} = None
        {c} = {int_key}
    elif {t} is float or {t} is bool or {v} is None:
        {a} = None
        {c} = {t}
    elif {t} is {n.ndarray}:
        try:
            {a} = {n.addressof}({n.from_buffer}({v}))
            {c} = ({t}, {v}.dtype, {aligned})
        except {n.ADDRESS_ERRORS}:
            {a} = {v}.__array_interface__["data"][0]
            {c} = ({t}, {v}.dtype, {aligned}, {v}.flags.writeable)
    elif {t} is tuple:
        if ({c} := {n.tuple_key}({v}, {specialize})) is None:
            return {general}
        {c}, {a} = {c}
    elif {t} is {n.TensorDescriptor} and ({r} := {n.readers_get}({n.type}({b} := {v}.base))) is not None:
        {a} = {r}({b})
        {c} = ({t}, {b}.device, {b}.dtype, {aligned}, {v}.block_shape, {v}.padding,
               {n.parts_key}({v}.shape, {v}.strides, {specialize}))
    else:
        return {general}
"""


def dispatch_source(params: Sequence[str], constexpr: Sequence[bool], specialize: Sequence[bool],
                    required: Sequence[bool], options: Sequence[str]) -> str:
    """The source of the dispatcher `launch(grid, <params>, *more, <options>, stream=None, **named)` for
    parameters with these flags (`required`: no default) and launch options (keywords that are no parameter)."""
    n = _Names(params)
    values = "".join(f"{p}, " for p in params)
    compile_options = [o for o in options if o != "stream"]
    stream = "stream" if "stream" in options else "None"     # a kernel may have a parameter named stream
    given = "{" + "".join(f"'{o}': {o}, " for o in compile_options) + f"'stream': {stream}}}"
    general = f"{n.general}({n.grid}, ({values}), {n.more}, {n.passed}({given}), {n.named})"
    signature = "".join(f"{p}={n.MISSING if req else f'{n.default}{i}'}, "
                        for i, (p, req) in enumerate(zip(params, required)))
    lines = [f"def launch({n.grid}, {signature}*{n.more}, {''.join(f'{o}={n.MISSING}, ' for o in compile_options)}"
             f"{'stream=None, ' if stream == 'stream' else ''}**{n.named}):",
             f"    if {n.more} or ({n.named} and not {n.IGNORED}.issuperset({n.named}))"
             f"{''.join(f' or {p} is {n.MISSING}' for p, req in zip(params, required) if req)}:",
             f"        return {general}"]
    for i, p in enumerate(params):
        a, c = f"{n.a}{i}", f"{n.c}{i}"
        if constexpr[i]:
            lines += [f"    {a} = None", f"    {c} = ({n.type}({p}), {p})"]
            continue
        aligned = f"not {a} & 15" if specialize[i] else "0"
        int_key = _int_key_source(p, bool(specialize[i]), n)
        lines.append(_ARRAY.format(t=f"{n.t}{i}", v=p, a=a, c=c, r=n.r, b=n.b, n=n, aligned=aligned,
                                   int_key=int_key, specialize=bool(specialize[i]), general=general).rstrip("\n"))
    keys = "".join(f"{n.c}{i}, " for i in range(len(params)))
    addresses = "".join(f"{n.a}{i}, " for i in range(len(params)))
    lines += [f"    {n.key} = ({n.explicit}(), {n.kernel}.debug, {''.join(f'{o}, ' for o in compile_options)}{keys})",
              f"    if {n.kernel}._watched_globals:",
              f"        {n.check_globals}()",
              "    try:",
              f"        {n.entry} = {n.entries}[{n.key}]",
              "    except KeyError:",
              f"        return {n.first}({n.grid}, ({values}), {n.passed}({given}), {n.key})",
              "    except TypeError:       # an unhashable constexpr: the general path refuses it",
              f"        return {general}",
              f"    return {n.entry}({n.grid}, {stream}, {values}{addresses})"]
    return "\n".join(lines) + "\n"


def make_dispatch(name: str, params: Sequence[str], constexpr: Sequence[bool], specialize: Sequence[bool],
                  defaults: Sequence[Any], options: Sequence[str], scope: dict[str, Any]) -> Callable[..., Any]:
    """The dispatcher of kernel `name` (`defaults`: each parameter's default, MISSING where it has none). `scope`
    holds what it calls: kernel (the Kernel), entries (key -> entry), explicit (the explicit target), general
    (grid, values, more, options, named: a call to bind the general way), first (grid, args, options, key: the
    first launch of a key, which registers its entry), check_globals, IGNORED (option names accepted and
    ignored), TensorDescriptor (its class) and parts_key (shape, strides, specialize: the keys of a descriptor's
    shape and stride values)."""
    n = _Names(params)
    names = {"ndarray": np.ndarray, "addressof": ctypes.addressof, "from_buffer": ctypes.c_char.from_buffer,
             "ADDRESS_ERRORS": (TypeError, ValueError, BufferError), "readers_get": ARRAY_READERS.get,
             "I32": I32, "I32_ONE": I32_ONE, "I32_DIV16": I32_DIV16, "wide": scalar_key, "MISSING": MISSING,
             "passed": _passed, "type": type, "tuple_key": tuple_dispatch_key, **scope}
    namespace = {n.prefix + k: v for k, v in names.items()}
    namespace.update({f"{n.default}{i}": d for i, d in enumerate(defaults)})
    required = [d is MISSING for d in defaults]
    exec(compile(dispatch_source(params, constexpr, specialize, required, options), f"<pantile launch of {name}>",
                 "exec"), namespace)
    launch = namespace["launch"]
    launch.__name__ = launch.__qualname__ = name     # Python's own binding errors name the kernel
    launch.__code__ = launch.__code__.replace(co_name=name)
    launch.kernel = scope["kernel"]                  # what kernel[grid] launches (pantile.explain reads it)
    return launch


def _int_key_source(v: str, specialize: bool, n: Any) -> str:
    """The expression of int `v`'s key (`n`: the names of I32, I32_ONE, I32_DIV16 and wide, the scalar key)."""
    in_range = f"-2147483648 <= {v} <= 2147483647"
    if specialize:
        return (f"({n.I32_ONE} if {v} == 1 else {n.I32} if {v} & 15 else {n.I32_DIV16}) if {in_range} "
                f"else {n.wide}({v}, True)")
    return f"{n.I32} if {in_range} else {n.wide}({v}, False)"


# The same rule as a function (by specialize), for the ints inside a tuple argument.
_N = _Names(())
_INT_KEY = {s: eval(f"lambda v: {_int_key_source('v', s, _N)}",
                    {_N.I32: I32, _N.I32_ONE: I32_ONE, _N.I32_DIV16: I32_DIV16, _N.wide: scalar_key})
            for s in (True, False)}


def tuple_dispatch_key(value: tuple, specialize: bool) -> Optional[tuple[tuple, list]]:
    """A tuple argument's key (its structure and each leaf's key as a parameter's would be, a constexpr leaf's
    value) and its leaves' data addresses in order (None for a leaf that is no array); None where a leaf has no
    key here (a descriptor, a TensorWrapper, an unknown type): the general path."""
    addresses: list = []
    key = _tuple_key(value, specialize, addresses)
    return None if key is None else (key, addresses)


def _tuple_key(value: tuple, specialize: bool, addresses: list) -> Optional[tuple]:
    keys: list = [tuple]
    if not value:
        addresses.append(None)      # an empty tuple is a leaf of its own
    for v in value:
        t, address = type(v), None
        if t is tuple:
            k = _tuple_key(v, specialize, addresses)
            if k is None:
                return None
            keys.append(k)
            continue
        if t is int:
            k = _INT_KEY[specialize](v)
        elif t is float or t is bool or v is None:
            k = t
        elif t is np.ndarray:
            try:
                address = ctypes.addressof(ctypes.c_char.from_buffer(v))
                k = (t, v.dtype, specialize and not address & 15)
            except (TypeError, ValueError, BufferError):     # read-only or strided: as the dispatcher keys them
                address = v.__array_interface__["data"][0]
                k = (t, v.dtype, specialize and not address & 15, v.flags.c_contiguous, v.flags.writeable)
        elif (read := ARRAY_READERS.get(t)) is not None:
            address = read(v)
            k = (t, v.device, v.dtype, specialize and not address & 15)
        elif isinstance(v, constexpr):
            k = (constexpr, v.value)
        else:
            return None
        keys.append(k)
        addresses.append(address)
    return tuple(keys)


def _passed(options: dict[str, Any]) -> dict[str, Any]:
    """The launch options a caller gave."""
    return {k: v for k, v in options.items() if v is not MISSING and not (k == "stream" and v is None)}


def _argument(i: int, part: int, ranks: dict[int, int], arrays: Sequence[int],
              leaves: dict[int, list[tuple[str, bool]]]) -> tuple[str, str]:
    """The expressions of a kernel argument's value and address (None where it is no array the dispatcher read):
    parameter i itself (part 0), or, for a descriptor of rank ranks[i], its base (part 0), its shape then strides
    (parts 1..) or the descriptor itself (a negative part: a tensor map the launch encodes), or, for a tuple whose
    leaves[i] are (index expression, whether its address is passed), its leaf part - 1."""
    if i in leaves:
        path, addressed = leaves[i][part - 1]
        return f"v{i}{path}", f"a{i}[{part - 1}]" if addressed else "None"
    if part == 0:
        return f"v{i}.base" if i in ranks else f"v{i}", f"a{i}" if i in arrays else "None"
    if part < 0:
        return f"v{i}", "None"
    rank = ranks[i]
    return (f"v{i}.shape[{part - 1}]" if part <= rank else f"v{i}.strides[{part - 1 - rank}]"), "None"


def entry_source(count: int, parts: Sequence[tuple[int, int]], ranks: dict[int, int], arrays: Sequence[int],
                 leaves: dict[int, list[tuple[str, bool]]], direct: bool) -> str:
    """The source of a variant's entry `entry(grid, stream, v0.., a0..)` for a kernel of `count` parameters whose
    arguments are `parts`, (parameter, part) each (_argument), descriptors among the parameters of `ranks`, tuples
    among them `leaves` (each leaf's index expression and whether its address is passed), arrays (a descriptor's
    base included) among them `arrays` (passed by address to a direct launch)."""
    values = "".join(f"v{i}, " for i in range(count))
    addresses = "".join(f"a{i}, " for i in range(count))
    args = [_argument(i, part, ranks, arrays, leaves) for i, part in parts]
    lines = [f"def entry(grid, stream, {values}{addresses}):",
             "    if type(grid) is tuple and len(grid) == 1 and type(grid[0]) is int and 0 < grid[0] <= MAX_X:",
             "        gx, gy, gz = grid[0], 1, 1",
             "    else:",
             f"        gx, gy, gz = resolve_grid(grid, ({values}))"]
    if direct:
        passed = (v if a == "None" else a for v, a in args)
        lines.append(f"    go(gx, gy, gz, stream, {''.join(f'{x}, ' for x in passed)})")
    else:
        lines.append(f"    variant.launcher.launch((gx, gy, gz), ({''.join(f'{v}, ' for v, _ in args)}), "
                     f"({''.join(f'{a}, ' for _, a in args)}), stream)")
    lines.append("    return compiled")
    return "\n".join(lines) + "\n"


def make_entry(count: int, parts: Sequence[tuple[int, int]], ranks: dict[int, int], arrays: Sequence[int],
               leaves: dict[int, list[tuple[str, bool]]], go: Optional[Callable[..., None]], scope: dict[str, Any]
               ) -> Callable[..., Any]:
    """A variant's entry (entry_source); `go` is the target's direct launch (None: the variant's launcher is
    called). `scope`: MAX_X (the grid's first dimension's limit), resolve_grid (grid, values) -> (x, y, z),
    variant, compiled."""
    namespace = {**scope, "go": go}
    exec(compile(entry_source(count, parts, ranks, arrays, leaves, go is not None), "<pantile entry>", "exec"),
         namespace)
    return namespace["entry"]
