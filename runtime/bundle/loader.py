"""Kernels loaded from a bundle: `kernel[grid](*args)` picks the variant for the target the arrays choose (as
@jit does) and for the arguments' types, loads it once and launches it. Nothing here compiles, and neither the
frontend nor the passes are imported."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional, Union

import numpy as np

from pantile.ir import PointerType, ScalarType
from pantile.targets.base import Launcher, Target
from pantile.targets.registry import family

from ..args import array_key, check_writable, data_pointer, device_array, is_array, scalar_key
from ..availability import require_execution
from ..grid import Grid, launch_grid
from ..target_select import choose_target
from .format import BundledVariant, BundleError, read_bundle

_FLOATS = frozenset({"f16", "bf16", "f32", "f64"})


def _fits(param: Any, attrs: tuple, key: tuple) -> bool:
    """Whether an argument with specialization key `key` can be passed as a parameter of IR type `param` that
    was specialized on `attrs` (divisibility by 16: the key must say so)."""
    if attrs and "div16" not in key:
        return False
    name = key[0]
    if isinstance(param, PointerType):
        return name == "*" + param.pointee.name
    if not isinstance(param, ScalarType) or name.startswith("*"):
        return False
    if name == param.name:
        return True
    if name in ("i32", "i64", "u64"):       # a Python int: any integer type at least as wide holds it
        return (param.is_int and not param.is_bool and param.bitwidth >= ScalarType(name).bitwidth
                and not (param.is_unsigned and "negative" in key))
    return name == "f32" and param.name in _FLOATS and "python" in key


def _argument_key(value: Any) -> tuple:
    """The specialization key of one runtime argument (Python floats marked: they fit any float type; negative
    Python ints too: they fit no unsigned type)."""
    if type(value) is np.ndarray:
        return array_key(value.dtype, data_pointer(value), True)
    if is_array(value):
        address = data_pointer(value)
        return array_key(value.dtype, device_array(value).address if address is None else address, True)
    key = scalar_key(value, True)
    if type(value) is float:
        return key + ("python",)
    return key + ("negative",) if type(value) is int and value < 0 else key


class _Loaded:
    """A variant chosen for one target and argument kinds, loaded: its launcher and runtime parameters."""

    def __init__(self, variant: BundledVariant, target: Target, launcher: Launcher, runtime: tuple[int, ...]) -> None:
        self.variant, self.target, self.launcher, self.runtime = variant, target, launcher, runtime
        self.written = tuple(a.name for a in variant.artifact.args if a.writes)


class BundledKernel:
    """A kernel from a bundle: `kernel[grid](*args, **constexprs)`, with Triton's launch interface; constexprs
    may be left out where the bundle holds one set of values for the target."""

    def __init__(self, name: str, params: list[str], constexprs: list[str], variants: list[BundledVariant],
                 bundle: str) -> None:
        self.__name__ = name
        self.params, self.constexprs = tuple(params), frozenset(constexprs)
        self.variants, self.bundle = variants, bundle
        self._loaded: dict[tuple, _Loaded] = {}

    @property
    def archs(self) -> list[str]:
        """The archs the bundle holds code of this kernel for."""
        return sorted({v.target for v in self.variants})

    def __getitem__(self, grid: Grid) -> Callable[..., None]:
        return lambda *args, **kwargs: self.run(*args, grid=grid, **kwargs)

    def run(self, *args: Any, grid: Grid, **kwargs: Any) -> None:
        """Bind the arguments, pick and load the fitting variant (once), and launch it over `grid` (on the
        `stream=` given, as @jit launches take it)."""
        stream = kwargs.pop("stream", None) if "stream" not in self.params else None
        values = self._bind(args, kwargs)
        foreign = [v for v in values.values() if type(v) is not np.ndarray and not isinstance(v, (int, float))
                   and is_array(v)]
        target = choose_target(foreign)
        given = tuple(sorted((p, v) for p, v in values.items() if p in self.constexprs))
        keys = tuple(_argument_key(values[p]) for p in self.params if p in values and p not in self.constexprs)
        cache_key = (target.arch, given, keys)
        loaded = self._loaded.get(cache_key)
        if loaded is None:
            loaded = self._loaded[cache_key] = self._load(target, dict(given), keys)
        variant = loaded.variant
        meta = {**values, **variant.constexprs}
        grid3 = launch_grid(grid, lambda: meta, target.capabilities.max_grid, self.__name__, target.arch)
        for name in loaded.written:
            check_writable(self.__name__, name, values[name])
        loaded.launcher(grid3, [values[self.params[i]] for i in loaded.runtime], stream)

    def _bind(self, args: tuple, kwargs: dict[str, Any]) -> dict[str, Any]:
        """The arguments by parameter name; TypeError for too many, unknown or missing ones (constexprs may be
        missing)."""
        if len(args) > len(self.params):
            raise TypeError(f"{self.__name__}() takes {len(self.params)} arguments ({', '.join(self.params)}), "
                            f"got {len(args)}")
        values = dict(zip(self.params, args))
        for name, value in kwargs.items():
            if name not in self.params:
                raise TypeError(f"{self.__name__}() got an unexpected keyword argument '{name}'")
            if name in values:
                raise TypeError(f"{self.__name__}() got multiple values for argument '{name}'")
            values[name] = value
        missing = [p for p in self.params if p not in values and p not in self.constexprs]
        if missing:
            raise TypeError(f"{self.__name__}() missing argument{'s' if len(missing) > 1 else ''} "
                            f"{', '.join(repr(p) for p in missing)}")
        return values

    def _load(self, target: Target, given: dict[str, Any], keys: tuple) -> _Loaded:
        """The best variant for `target`, the constexprs given and the argument keys, loaded."""
        ranked = [(rank, v) for v in self.variants if family(v.target) == target.name
                  for rank in (target.compatibility(v.target),) if rank is not None]
        if not ranked:
            raise BundleError(f"bundle {self.bundle} holds no code of {self.__name__} that runs on target "
                              f"{target.arch}: it holds {', '.join(self.archs)}; rebuild it with that target "
                              f"among --targets")
        fitting = [(rank, -sum(bool(a) for a in attrs), i, v) for i, (rank, v) in enumerate(ranked)
                   for attrs in (self._match(v, given, keys),) if attrs is not None]
        if not fitting:
            raise TypeError(self._no_variant(target, given, keys, [v for _, v in ranked]))
        held = sorted({tuple(sorted(v.constexprs.items())) for *_, v in fitting}, key=repr)
        if len(held) > 1:
            missing = sorted({p for values in held for p, _ in values} - given.keys())
            sets = " and ".join(", ".join(f"{p}={c!r}" for p, c in values) for values in held)
            raise TypeError(f"{self.__name__}() from bundle {self.bundle}: pass {', '.join(missing)} (the bundle "
                            f"holds variants for {sets})")
        variant = min(fitting, key=lambda found: found[:3])[3]   # best rank, then most specialized, then first
        require_execution(target)
        runtime = tuple(i for i, p in enumerate(self.params) if p not in self.constexprs)
        return _Loaded(variant, target, target.launcher(variant.artifact), runtime)

    def _match(self, variant: BundledVariant, given: dict[str, Any], keys: tuple) -> Optional[list]:
        """The specialization attributes of each runtime parameter when `variant` takes these arguments."""
        if any(variant.constexprs.get(p, _ABSENT) != v for p, v in given.items()):
            return None
        specs = variant.artifact.args
        if len(specs) != len(keys):
            return None
        attrs = [variant.signature[s.name].strip().endswith(":16") for s in specs]
        if all(_fits(s.type, a, k) for s, a, k in zip(specs, attrs, keys)):
            return attrs
        return None

    def _no_variant(self, target: Target, given: dict[str, Any], keys: tuple, variants: list) -> str:
        """The error for arguments no variant for `target` takes: what was given and what the bundle holds."""
        runtime = [p for p in self.params if p not in self.constexprs]
        got = ", ".join([f"{p}: {k[0]}{':16' if 'div16' in k else ''}" for p, k in zip(runtime, keys)] +
                        [f"{p}={v!r}" for p, v in given.items()])
        held = "; ".join(f"({', '.join(v.signature[a.name] for a in v.artifact.args)}"
                         f"{''.join(f', {p}={c!r}' for p, c in v.constexprs.items())}) for {v.target}"
                         for v in variants)
        return (f"no variant of {self.__name__} in bundle {self.bundle} takes these arguments on {target.arch} "
                f"({got}); it holds {held}")

    def __repr__(self) -> str:
        return f"BundledKernel({self.__name__} from {self.bundle}: {', '.join(self.archs)})"


_ABSENT = object()


class Bundle:
    """The kernels of one bundle file, by name (`bundle.add_kernel`, `bundle["add_kernel"]`), and its manifest."""

    def __init__(self, path: Any, manifest: dict[str, Any], kernels: dict[str, BundledKernel]) -> None:
        self.path, self.manifest, self.kernels = path, manifest, kernels

    def __getitem__(self, name: str) -> BundledKernel:
        try:
            return self.kernels[name]
        except KeyError:
            raise KeyError(f"bundle {self.path} holds no kernel {name!r}; it holds "
                           f"{', '.join(sorted(self.kernels))}") from None

    def __getattr__(self, name: str) -> BundledKernel:
        if name.startswith("_") or name in ("path", "manifest", "kernels"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError as err:
            raise AttributeError(err.args[0]) from None

    def __iter__(self):
        return iter(self.kernels.values())

    def __repr__(self) -> str:
        return f"Bundle({self.path}: {', '.join(sorted(self.kernels))})"


def load_bundle(path: Union[str, Path, Any]) -> Bundle:
    """The launchable kernels of the bundle file at `path` (built by `pantile bundle` or pantile.aot.compile; a
    path, or a package resource from importlib.resources); BundleError for a damaged file or one of a newer
    format."""
    path = path if hasattr(path, "read_bytes") else Path(path)
    manifest, variants = read_bundle(path)
    kernels = {k["name"]: BundledKernel(k["name"], list(k["params"]), list(k["constexprs"]),
                                        [v for v in variants if v.kernel == k["name"]], str(path))
               for k in manifest["kernels"]}
    return Bundle(path, manifest, kernels)


__all__ = ["Bundle", "BundledKernel", "BundleError", "load_bundle"]
