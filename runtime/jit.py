"""The kernel object that @pantile.jit returns: kernel[grid](*args) binds, specialises, compiles, launches."""
from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import partial
from operator import itemgetter
from typing import Any, Callable, NamedTuple, Optional, Sequence, Union

import numpy as np

from pantile.frontend import CompilationError, JITFunction
from pantile.frontend.jit import check_debug
from pantile.frontend.language.core import dtype
from pantile.ir import ScalarType
from pantile.targets.base import Artifact, CompileOptions, Launcher, Target
from pantile.targets.registry import get_target, host_target

from . import async_compile
from .allocator import global_scratch
from .args import (NUMPY_ELEMENT_NAMES, IntegerArgumentRangeError, array_key, check_writable, data_pointer,
                   device_array, integer_range_error, is_array, parse_signature_entry, passed_at_launch, scalar_key,
                   type_of_key)
from .availability import TargetUnavailable, require_execution
from .binder import ARRAY_READERS, MISSING, make_dispatch, make_entry
from .compiled import CompiledKernel
from .compiler import Specialization, compile_artifact
from .grid import Grid, launch_grid
from .knobs import HOOK_LISTENERS, runtime as runtime_knobs
from .launch_metadata import LaunchMetadata
from .descriptor_args import (KIND, TensorDescriptor, add_to_signature, array_of, descriptor_key, expand, launch_plan,
                              parts_key, tensor_map_parts)
from .target_select import choose_target, device_memory, explicit_target, owner_of, place_launch
from .tensor_wrapper import KernelInterface, MockTensor, TensorWrapper
from .tuple_args import KIND as TUPLE, leaf_paths, leaf_values, leaves, signature_leaves, tuple_key, user_name

_CONSTEXPR_TYPES = (int, float, bool, str, type(None))
_PYTHON_SCALARS = frozenset({int, float, bool})
# Launch options Triton takes that change no code pantile generates yet (cluster sizes, programmatic dependent
# launch, AMD tuning knobs): accepted and ignored, as Triton ignores them off their hardware.
IGNORED_OPTIONS = frozenset({"num_ctas", "launch_pdl", "enable_fp_fusion", "launch_cooperative_grid",
                             "waves_per_eu", "matrix_instr_nonkdim", "kpack", "sanitize_overflow", "extern_libs"})


def _is_constexpr_value(v: Any) -> bool:
    """Whether `v` can be a tl.constexpr argument: a number, bool, str, dtype, None, or a tuple of them (a shape,
    as Triton's tests pass to tl.reshape)."""
    if isinstance(v, tuple):
        return all(_is_constexpr_value(e) for e in v)
    return isinstance(v, (*_CONSTEXPR_TYPES, dtype))


# Every kernel made, so that setting a launch hook can drop the warm entries, which launch without calling hooks.
_KERNELS: "weakref.WeakSet[Kernel]" = weakref.WeakSet()


def _drop_warm_entries() -> None:
    for kernel in list(_KERNELS):
        kernel._entries.clear()


HOOK_LISTENERS.append(_drop_warm_entries)


class LaunchOptions(NamedTuple):
    """The compile options a launch names (None: the default)."""

    num_warps: Optional[int]
    num_stages: Optional[int]
    debug: Any
    maxnreg: Optional[int]


@dataclass
class _Variant:
    """One compiled specialization, ready to launch."""

    artifact: Artifact
    launcher: Launcher
    runtime_params: tuple[int, ...]      # indices of the parameters passed at launch
    written: tuple[tuple[int, str], ...]  # (launch argument, its name) of each the kernel stores through
    max_grid: tuple[int, int, int]       # the target's limit on each grid dimension
    arch: str
    compiled: Optional[CompiledKernel] = None
    plan: Optional[tuple[tuple[int, int], ...]] = None   # (parameter, part) per argument when descriptors expand
    scratch: Optional[tuple[int, int, str]] = None       # global scratch the kernel takes last (allocator.py)

    def __post_init__(self) -> None:
        # The runtime parameters' entries of a list in parameter order, as a tuple: built once, run per launch.
        runtime = self.runtime_params
        if len(runtime) > 1:
            self.pick_runtime: Callable[[list], tuple] = itemgetter(*runtime)
        elif runtime:     # itemgetter of one index gives the entry itself, not a tuple of it
            only = runtime[0]
            self.pick_runtime = lambda values: (values[only],)
        else:
            self.pick_runtime = lambda values: ()


class Kernel(JITFunction, KernelInterface):
    """A @jit function that can be launched: `kernel[grid](*args, num_warps=4, debug=True, **constexprs)`."""

    def __init__(self, fn: Callable, **kwargs: Any) -> None:
        super().__init__(fn, **kwargs)
        self._variants: dict[tuple, _Variant] = {}
        self._params = tuple(self.arg_names)
        self._constexpr_index = frozenset(i for i, p in enumerate(self._params) if p in self.constexpr_names)
        self._specialize = tuple(p not in self.do_not_specialize and i not in self.do_not_specialize
                                 for i, p in enumerate(self._params))
        # A launch keyword is an option (as in Triton) unless the kernel has a parameter of that name.
        self._options = frozenset({"num_warps", "num_stages", "debug", "maxnreg", "stream"} | IGNORED_OPTIONS) - \
            set(self._params)
        # The globals compiled in as constants, with their values at the first compile (None before it): as in
        # Triton, a launch after one of them changed is refused rather than run with the stale value.
        self._watched_globals: Optional[list] = None
        self._no_options = LaunchOptions(None, None, self.debug, None)   # those of a launch that names none
        # The warm path (runtime/binder.py): the dispatcher, generated at the first launch, and the entry of each
        # launch key seen.
        self._dispatch: Optional[Callable[..., CompiledKernel]] = None
        self._entries: dict[tuple, Callable[..., CompiledKernel]] = {}
        _KERNELS.add(self)

    def _unsafe_update_src(self, new_src: str) -> None:
        """Triton's source-patching hook; the compiled variants of the old source are dropped."""
        super()._unsafe_update_src(new_src)
        self._variants.clear()
        self._entries.clear()
        self._dispatch = None
        self._watched_globals = None

    def __getitem__(self, grid: Grid) -> Callable[..., CompiledKernel]:
        return partial(self._dispatch or self._make_dispatch(), grid)

    def _make_dispatch(self) -> Callable[..., CompiledKernel]:
        """The kernel's dispatcher (runtime/binder.py), made at its first launch."""
        params = self._params
        self._dispatch = make_dispatch(
            self.__name__, params, [i in self._constexpr_index for i in range(len(params))], self._specialize,
            [self.defaults.get(p, MISSING) for p in params], sorted(self._options - IGNORED_OPTIONS),
            {"kernel": self, "entries": self._entries, "explicit": explicit_target, "general": self._general,
             "first": self._launch, "check_globals": self._check_globals, "IGNORED": IGNORED_OPTIONS,
             "TensorDescriptor": TensorDescriptor, "parts_key": parts_key})
        return self._dispatch

    def _general(self, grid: Grid, values: tuple, more: tuple, options: dict, named: dict) -> CompiledKernel:
        """A launch the dispatcher has no key for, or a call it does not bind: the arguments as the caller gave
        them, back through the general path."""
        if more:
            args, kwargs = values + more, {}
        else:
            args, kwargs = (), {p: v for p, v in zip(self._params, values) if v is not MISSING}
        return self._launch(grid, args, {**kwargs, **options, **named})

    def _check_globals(self) -> None:
        changed = self.changed_global(self._watched_globals)
        if changed:
            raise RuntimeError(changed)

    # binding -----------------------------------------------------------------------------
    def bind(self, args: Sequence[Any], kwargs: dict[str, Any]) -> list[Any]:
        """The argument values in parameter order; TypeError for a wrong call."""
        params, name = self._params, self.__name__
        if len(args) + len(kwargs) == len(params) and tuple(kwargs) == params[len(args):]:
            return [*args, *kwargs.values()]   # the usual call: positional, then keywords in order
        if len(args) > len(params):
            raise TypeError(f"{name}() takes {len(params)} arguments ({', '.join(params)}) "
                            f"but {len(args)} were given")
        values = list(args) + [_MISSING] * (len(params) - len(args))
        for k, v in kwargs.items():
            try:
                i = params.index(k)
            except ValueError:
                raise TypeError(f"{name}() got an unexpected keyword argument '{k}'") from None
            if i < len(args):
                raise TypeError(f"{name}() got multiple values for argument '{k}'")
            values[i] = v
        for i, v in enumerate(values):
            if v is _MISSING:
                default = self.defaults.get(params[i], _MISSING)
                if default is _MISSING:
                    if i in self._constexpr_index:
                        raise TypeError(f"{name}() missing constexpr argument '{params[i]}': pass it as a "
                                        f"keyword, e.g. {params[i]}=...")
                    raise TypeError(f"{name}() missing argument '{params[i]}'")
                values[i] = default
        return values

    def _describe(self, values: list) -> tuple[tuple, list, list]:
        """Each argument's specialization key and data address (None when not an array), and the
        arguments that are arrays but not numpy arrays (their device may choose the target)."""
        foreign: list = []
        keys, addresses = [], []
        for i, v in enumerate(values):
            key, address = self._describe_one(i, v, values, foreign)
            keys.append(key)
            addresses.append(address)
        return tuple(keys), addresses, foreign

    def _describe_one(self, i: int, v: Any, values: list, foreign: list) -> tuple[tuple, Any]:
        """The key and address of argument i (a tuple's: the addresses of its leaves, in its structure); a
        foreign array or descriptor base is appended to `foreign`, a TensorWrapper replaced by its base."""
        if i in self._constexpr_index:
            if not _is_constexpr_value(v):
                got = type(v).__name__
                if isinstance(v, tuple):   # a tuple of arrays or tensors is a runtime argument, as in Triton
                    held = next(e for e in leaf_values(v) if not _is_constexpr_value(e))
                    got = f"a tuple holding {type(held).__name__}; drop tl.constexpr to pass it at run time"
                raise TypeError(f"argument '{self._params[i]}' of {self.__name__}() is a tl.constexpr and "
                                f"needs a compile-time value (int, float, bool, str, dtype, None or a tuple of "
                                f"them), got {got}")
            return ("constexpr", v), None
        if type(v) is tuple:
            key, values[i], address = tuple_key(v, partial(self._describe_leaf, i, foreign), self._params[i])
        else:
            key, values[i], address = self._describe_leaf(i, foreign, v, self._params[i])
        return key, address

    def _describe_leaf(self, i: int, foreign: list, v: Any, name: str) -> tuple[tuple, Any, Optional[int]]:
        """The key, launch value and address of a runtime value `v` of parameter i (`name`: the parameter, or the
        leaf of a tuple argument, as `xy[1]`)."""
        if v is None:       # as in Triton, None is compiled in (a kernel tests `x is None` at compile time)
            return ("constexpr", None), v, None
        if isinstance(v, np.ndarray) or (type(v) not in _PYTHON_SCALARS and is_array(v)):
            base = v.base if type(v) is TensorWrapper else v
            address = data_pointer(base)   # None for a device array: its target tells its alignment
            key = array_key(v.dtype, device_array(base).address if address is None else address,
                            self._specialize[i])
            if key[0] == "*?":
                self._unsupported_dtype(name, key)
            if not isinstance(base, (np.ndarray, MockTensor)):
                foreign.append(base)
                if base is v and type(v) not in ARRAY_READERS:
                    _add_reader(v)
            return key, base, address
        if type(v) is TensorDescriptor:
            key, address = descriptor_key(v, self._specialize[i])
            if not isinstance(v.base, np.ndarray):
                foreign.append(v.base)
                if type(v.base) not in ARRAY_READERS:
                    _add_reader(v.base)
            return key, v, address
        key = scalar_key(v, self._specialize[i])
        if key[0] == "?int":
            raise IntegerArgumentRangeError(integer_range_error(self.__name__, name, v, "?int") +
                                            "; pass a value in that range")
        if key[0] == "?":
            raise TypeError(f"argument '{name}' of {self.__name__}(): cannot pass a value of type {key[1]}; pass an "
                            f"array, an int, a float, a bool, None or a tuple of them")
        return key, v, None

    def _unsupported_dtype(self, name: str, key: tuple) -> None:
        supported = ", ".join(NUMPY_ELEMENT_NAMES)
        raise TypeError(f"argument '{name}' of {self.__name__}(): arrays of dtype {key[1]} "
                        f"are not supported; use one of {supported}")

    # launching ---------------------------------------------------------------------------
    def run(self, *args: Any, grid: Grid, **kwargs: Any) -> CompiledKernel:
        """Bind, specialise, compile once per variant, check and launch (num_warps, num_stages and debug may
        be among the keywords); the compiled variant."""
        return self[grid](*args, **kwargs)

    def warmup(self, *args: Any, grid: Grid, **kwargs: Any) -> CompiledKernel:
        """Compile the variant these arguments select without launching it, as Triton's warmup (inside an
        AsyncCompileMode, on its executor: a FutureKernel)."""
        return async_compile.warmup(self, tuple(MockTensor.wrap_dtype(a) for a in args), kwargs)

    def _bind_with_options(self, args: tuple, kwargs: dict[str, Any]) -> tuple[list, LaunchOptions, Any]:
        """The argument values, the compile options and the `stream=` (None: the target's choice) of a launch."""
        options, stream = self._no_options, None
        if options.debug is not self.debug:   # the @jit's debug was changed after the kernel was made
            options = self._no_options = LaunchOptions(None, None, self.debug, None)
        if kwargs and not self._options.isdisjoint(kwargs):
            # kwargs is the caller's own ** dict, so taking the launch options out of it is safe.
            taken = {name: kwargs.pop(name) for name in self._options & kwargs.keys()}
            stream = taken.pop("stream", None)
            if taken:
                options = LaunchOptions(taken.get("num_warps"), taken.get("num_stages"),
                                        taken.get("debug", self.debug), taken.get("maxnreg"))
        return self.bind(args, kwargs), options, stream

    def _launch(self, grid: Grid, args: tuple, kwargs: dict[str, Any], key: Optional[tuple] = None) -> CompiledKernel:
        """Bind, choose the target, compile where needed and launch (between the launch hooks, where set); then
        register the entry of the dispatcher's `key` (where given) when the launch was one the entry can repeat:
        every array the target's own, and no hook to call (entries do not call them)."""
        enter, leave = runtime_knobs.launch_enter_hook, runtime_knobs.launch_exit_hook
        try:
            values, options, stream = self._bind_with_options(args, kwargs)
            variant, addresses, owned = self._variant_for(values, options)
            if enter is None and leave is None:
                self._run_variant(variant, grid, values, addresses, stream)
            else:
                metadata = LaunchMetadata(self, variant.compiled, grid, dict(zip(self._params, values)))
                if enter is not None:
                    enter(metadata)
                self._run_variant(variant, grid, values, addresses, stream)
                if leave is not None:
                    leave(metadata)
        except TargetUnavailable as err:   # the user's call is the place to show, not the runtime's frames
            raise err.with_traceback(None) from None
        if key is not None and owned and variant.scratch is None and enter is None and leave is None:
            self._entries[key] = self._entry(variant, values, addresses)
        return variant.compiled

    def _entry(self, variant: _Variant, values: list, addresses: list) -> Callable[..., CompiledKernel]:
        """The dispatcher's entry for launches like this one: its grid resolved, then the target's direct launch
        where the launcher has one for these arrays (`launcher.direct(runtime args)`), else the launcher; a
        descriptor's base, shape and stride values and tensor maps passed as the variant's launch plan says."""
        if variant.plan is None:
            parts, args = tuple((i, 0) for i in variant.runtime_params), variant.pick_runtime(values)
        else:
            parts, args = variant.plan, expand(variant.plan, values, addresses)[0]
        direct = getattr(variant.launcher, "direct", None)
        go = direct(args) if direct is not None else None
        ranks = {i: len(v.shape) for i, v in enumerate(values) if type(v) is TensorDescriptor}
        # A tuple's leaves, each with whether its address is passed: as for a parameter, where this launch had one.
        leaves = {i: list(zip(leaf_paths(values[i]), (a is not None for a in leaf_values(addresses[i]))))
                  for i in set(variant.runtime_params) if type(values[i]) is tuple}
        arrays = [i for i in variant.runtime_params if addresses[i] is not None and i not in leaves]
        return make_entry(len(values), parts, ranks, arrays, leaves, go,
                          {"MAX_X": variant.max_grid[0], "variant": variant, "compiled": variant.compiled,
                           "resolve_grid": lambda grid, given: self._grid(grid, given, variant)})

    def launch_variant(self, variant: _Variant, grid: Grid, args: tuple) -> None:
        """Launch a compiled variant with every parameter's value in order (what CompiledKernel[grid] runs)."""
        if len(args) != len(self._params):
            raise TypeError(f"compiled {self.__name__}[grid](...) takes all {len(self._params)} parameters in "
                            f"order ({', '.join(self._params)}), constexprs included; got {len(args)}")
        values = [_unwrapped(v) for v in args]
        if variant.plan is None:
            launched = [values[i] for i in variant.runtime_params]
        else:   # a descriptor's parts and a tuple's leaves are arguments of their own
            launched = expand(variant.plan, values, [None] * len(values))[0]
        for v, spec in zip(launched, variant.artifact.args):
            if isinstance(spec.type, ScalarType) and isinstance(v, int):
                why = integer_range_error(self.__name__, user_name(spec.name), v, spec.type.name)
                if why:
                    raise IntegerArgumentRangeError(f"{why}; launch through {self.__name__}[grid](...) to compile "
                                                    f"a variant that takes it")
        self._run_variant(variant, grid, values, [None] * len(values))   # the launcher reads each array

    def compile_request(self, args: Sequence[Any], kwargs: dict[str, Any]) -> tuple[Specialization, Target,
                                                                                    CompileOptions]:
        """What a launch with these arguments would compile: the specialization, the target and the options
        (the autotuner compiles its configs ahead, in other processes)."""
        values, launch, _ = self._bind_with_options(tuple(args), dict(kwargs))
        keys, _, foreign = self._describe(values)
        return self.specialization(keys), choose_target(foreign), self._compile_options(launch)

    def _compile_options(self, launch: LaunchOptions) -> CompileOptions:
        check_debug(launch.debug, f"launch of {self.__name__}()")
        if launch.num_warps is not None:
            check_num_warps(launch.num_warps, f"launch of {self.__name__}()")
        return CompileOptions(num_warps=launch.num_warps or 4, num_stages=launch.num_stages or 3,
                              debug=launch.debug or self.debug_env, max_registers=launch.maxnreg)

    def _variant_for(self, values: list, launch: LaunchOptions) -> tuple[_Variant, list, bool]:
        keys, addresses, foreign = self._describe(values)
        if self._watched_globals:
            changed = self.changed_global(self._watched_globals)
            if changed:
                raise RuntimeError(changed)
        target, owned = place_launch(foreign)
        if not owned:
            self._check_devices(values, target)   # before compiling a variant that could not run
            # Arrays the target does not own (host memory beside device arrays) are read by the target's launcher.
            addresses = [None] * len(addresses)
        vkey = (target.arch, *launch, keys)
        variant = self._variants.get(vkey)
        if variant is None:
            variant = self._variants[vkey] = self._compile(keys, target, self._compile_options(launch))
        return variant, addresses, owned

    def _run_variant(self, variant: _Variant, grid: Grid, values: list, addresses: list, stream: Any = None) -> None:
        grid3 = self._grid(grid, values, variant)
        if variant.plan is not None:
            args, where = expand(variant.plan, values, addresses)
        else:
            args, where = variant.pick_runtime(values), variant.pick_runtime(addresses)
        for j, name in variant.written:
            check_writable(self.__name__, name, args[j])
        if variant.scratch is not None:
            args, where = (*args, global_scratch(variant.scratch, self.__name__, grid3, stream)), (*where, None)
        variant.launcher.launch(grid3, args, where, stream)

    def _compile(self, keys: tuple, target: Target, options: CompileOptions) -> _Variant:
        if self._watched_globals is None:
            self._watched_globals = self.compiled_in_globals()
        spec = self.specialization(keys)
        try:
            require_execution(target)   # before compiling what could not run
            artifact = compile_artifact(self, spec, target, options)
        except (CompilationError, TargetUnavailable) as err:   # the cause is the language error, as in Triton
            raise err.with_traceback(None) from err.__cause__
        plan = launch_plan(keys, tensor_map_parts(self._params, keys, artifact.args))
        runtime = tuple(i for i, _ in plan) if plan is not None else \
            tuple(i for i, k in enumerate(keys) if passed_at_launch(k))
        written = tuple((j, user_name(a.name)) for j, a in enumerate(artifact.args) if a.writes)
        variant = _Variant(artifact, target.launcher(artifact), runtime, written, target.capabilities.max_grid,
                           target.arch, plan=plan, scratch=artifact.metadata.get("global_scratch"))
        variant.compiled = CompiledKernel(self, variant, target, options)
        return variant

    def specialization(self, keys: Sequence[tuple]) -> Specialization:
        """The Specialization that argument keys (from `_describe`) describe."""
        sig, consts, attrs = [], [], []
        for p, k in zip(self._params, keys):
            if k[0] == KIND:
                add_to_signature(p, k, sig, consts, attrs)
                continue
            # A tuple argument is a parameter per leaf, named by its path (runtime/tuple_args.py).
            for name, leaf in leaves(p, k) if k[0] == TUPLE else ((p, k),):
                if leaf[0] == KIND:
                    add_to_signature(name, leaf, sig, consts, attrs)
                elif leaf[0] == "constexpr":
                    consts.append((name, leaf[1]))
                elif "one" in leaf:
                    consts.append((name, 1))
                else:
                    sig.append((name, type_of_key(leaf)))
                    if "div16" in leaf:
                        attrs.append((name, (("divisibility", 16),)))
        return Specialization(tuple(sig), tuple(consts), tuple(attrs))

    def _grid(self, grid: Grid, values: Sequence, variant: _Variant) -> tuple[int, int, int]:
        if type(grid) is tuple and len(grid) == 1 and type(grid[0]) is int and 0 < grid[0] <= variant.max_grid[0]:
            return (grid[0], 1, 1)
        return launch_grid(grid, lambda: dict(zip(self._params, values)), variant.max_grid, self.__name__,
                           variant.arch)

    def _check_devices(self, values: list, target: Target) -> None:
        for i, v in ((i, array_of(v)) for i, value in enumerate(values) for v in leaf_values(value)):
            if type(v) is np.ndarray or not is_array(v) or owner_of(v) is target:
                continue
            found = device_array(v)
            where = device_memory(v, found)
            if where is not None and not target.owns(v):
                raise ValueError(f"argument '{self._params[i]}' of {self.__name__}(): the array is on device "
                                 f"{where} but the kernel runs on target {target.arch}; move it to host memory"
                                 f"{f' ({found.to_host})' if found else ''} or run on a target that owns it")


def _unwrapped(value: Any) -> Any:
    """A launch value with each TensorWrapper (in tuples too) replaced by its base array."""
    if type(value) is tuple:
        return tuple(_unwrapped(v) for v in value)
    return value.base if type(value) is TensorWrapper else value


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING = _Missing()


def check_num_warps(num_warps: object, where: str) -> None:
    """AssertionError (Triton's class for it) unless `num_warps` is a positive power of 2, on every target."""
    if isinstance(num_warps, bool) or not isinstance(num_warps, int) or num_warps < 1 or num_warps & (num_warps - 1):
        raise AssertionError(f"{where}: num_warps must be a power of 2, got {num_warps!r}")


def compile(fn: JITFunction, signature: Union[dict, Sequence[str]], constexprs: Optional[dict] = None,
            target: Optional[str] = None, num_warps: int = 4, num_stages: int = 3, validate: bool = True,
            debug: Optional[bool] = None, maxnreg: Optional[int] = None) -> Artifact:
    """Compile without launching, for any registered target, with no hardware needed.

    `signature` maps each runtime parameter to a Triton type string ('*fp32', 'i32', '*fp32:16' for an address
    divisible by 16, ...), a tuple parameter to a tuple of them (nested), or lists them in parameter order. `target` defaults to the host target. `debug` (default: the @jit's, or the environment's) keeps device_assert.
    `maxnreg` caps the registers per thread where the target has such a cap (CUDA's .maxnreg).
    """
    check_debug(debug, f"compile({fn.__name__})")
    check_num_warps(num_warps, f"compile({fn.__name__})")
    constexprs = {**{p: v for p, v in fn.defaults.items() if p in fn.constexpr_names}, **(constexprs or {})}
    runtime = [p for p in fn.arg_names if p not in constexprs]
    if not isinstance(signature, dict):
        signature = dict(zip(runtime, signature))
    missing = [p for p in runtime if p not in signature]
    if missing:
        raise TypeError(f"compile({fn.__name__}): no type for {', '.join(missing)} in signature")
    entries = {name: parse_signature_entry(e) if isinstance(e, str) else (e, ())
               for p in runtime for name, e in signature_leaves(p, signature[p])}
    spec = Specialization(tuple((p, t) for p, (t, _) in entries.items()), tuple(constexprs.items()),
                          tuple((p, attrs) for p, (_, attrs) in entries.items() if attrs))
    t = host_target() if target is None else get_target(target)
    debug = fn.debug if debug is None else debug or fn.debug_env
    options = CompileOptions(num_warps=num_warps, num_stages=num_stages, debug=debug, max_registers=maxnreg)
    return compile_artifact(fn, spec, t, options, validate=validate)


def _add_reader(array: Any) -> None:
    """Let dispatchers read arrays of type(array) inline, where its arrays give their address (by `data_ptr()`, as
    torch's do, else by `__cuda_array_interface__`, as cupy's do) and have a hashable `device` (their launch keys
    hold it)."""
    try:
        hash(array.device)
    except (AttributeError, TypeError):
        return
    reader = getattr(type(array), "data_ptr", None)
    if callable(reader):
        ARRAY_READERS[type(array)] = reader
    elif hasattr(array, "__cuda_array_interface__"):
        ARRAY_READERS[type(array)] = _interface_address


def _interface_address(array: Any) -> int:
    """The data address `__cuda_array_interface__` gives."""
    return array.__cuda_array_interface__["data"][0]


__all__ = ["Kernel", "compile"]
