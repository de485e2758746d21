"""@autotune, Config and @heuristics with Triton's semantics; the best config per key is cached on disk."""
from __future__ import annotations

import sys
from typing import Any, Callable, Optional, Sequence

from pantile.targets.base import OutOfResources

from .cache import DiskCache, make_key
from .tensor_wrapper import KernelInterface
from .testing import do_bench


class Config:
    """One point of the search: meta-parameters plus launch options."""

    def __init__(self, kwargs: dict[str, Any], num_warps: int = 4, num_stages: int = 3, num_ctas: int = 1,
                 maxnreg: Optional[int] = None, pre_hook: Optional[Callable[[dict], None]] = None) -> None:
        self.kwargs = dict(kwargs)
        self.num_warps = num_warps
        self.num_stages = num_stages
        self.num_ctas = num_ctas
        self.maxnreg = maxnreg
        self.pre_hook = pre_hook

    def all_kwargs(self) -> dict[str, Any]:
        """The meta-parameters and the launch options, as keywords of a launch."""
        options = {"num_warps": self.num_warps, "num_stages": self.num_stages, "num_ctas": self.num_ctas}
        if self.maxnreg is not None:
            options["maxnreg"] = self.maxnreg
        return {**self.kwargs, **options}

    def __repr__(self) -> str:
        kv = ", ".join(f"{k}: {v}" for k, v in self.kwargs.items())
        return f"Config({kv}, num_warps: {self.num_warps}, num_stages: {self.num_stages})"


class _Wrapper(KernelInterface):
    """Shared by Autotuner and Heuristics: forwards attribute access and `[grid]` to the kernel."""

    def __init__(self, fn: Any) -> None:
        self.fn = fn
        self.arg_names = fn.arg_names

    def __getattr__(self, name: str) -> Any:
        return getattr(self.fn, name)

    def named_args(self, args: Sequence[Any], kwargs: dict[str, Any]) -> dict[str, Any]:
        return {**dict(zip(self.arg_names, args)), **kwargs}


class Autotuner(_Wrapper):
    """Benchmarks each config the first time a key is seen and launches the fastest."""

    def __init__(self, fn: Any, configs: Sequence[Config], key: Sequence[str],
                 prune_configs_by: Optional[dict] = None, reset_to_zero: Sequence[str] = (),
                 restore_value: Sequence[str] = (), warmup: int = 5, rep: int = 20,
                 cache: Optional[DiskCache] = None) -> None:
        super().__init__(fn)
        self.configs = list(configs) or [Config({})]
        self.key = list(key)
        self.prune = prune_configs_by or {}
        self.reset_to_zero = list(reset_to_zero or ())
        self.restore_value = list(restore_value or ())
        self.warmup, self.rep = warmup, rep
        self.best: dict[tuple, Config] = {}
        self.timings: dict[Config, float] = {}
        self._cache = cache

    def _disk_key(self, key: tuple) -> str:
        base = getattr(self.fn, "dependencies_key", lambda: self.fn.__name__)()
        return make_key("autotune", base, key, [repr(c) for c in self.configs])

    def prune_configs(self, named: dict[str, Any]) -> list[Config]:
        """Configs left after `early_config_prune` and the `perf_model`/`top_k` ranking."""
        configs = self.configs
        early = self.prune.get("early_config_prune")
        if early is not None:
            configs = list(early(configs, named))
        perf_model, top_k = self.prune.get("perf_model"), self.prune.get("top_k")
        if perf_model is not None and top_k is not None:
            k = int(top_k * len(configs)) if isinstance(top_k, float) and top_k <= 1.0 else int(top_k)
            est = {c: perf_model(**named, **c.all_kwargs()) for c in configs}
            configs = sorted(configs, key=est.__getitem__)[:max(k, 1)]
        return configs

    def _bench(self, config: Config, args: Sequence[Any], kwargs: dict, grid: Any) -> float:
        named = self.named_args(args, kwargs)
        saved = {n: named[n].copy() for n in self.restore_value}

        def call() -> None:
            for n in self.reset_to_zero:
                named[n][...] = 0
            if config.pre_hook is not None:
                config.pre_hook(named)
            self.fn[grid](*args, **kwargs, **config.all_kwargs())

        try:
            return do_bench(call, warmup=self.warmup, rep=self.rep)
        except OutOfResources:   # a config the device cannot run loses, as in Triton
            return float("inf")
        finally:
            for n, v in saved.items():
                named[n][...] = v

    def run(self, *args: Any, grid: Any, **kwargs: Any) -> Any:
        """Tune on the first launch of each key, then launch the best config."""
        named = self.named_args(args, kwargs)
        key = tuple(_key_part(named[k]) for k in self.key if k in named)
        config = self.best.get(key)
        if config is None:
            config = self._tune(key, named, args, kwargs, grid)
        if config.pre_hook is not None:
            config.pre_hook(named)
        return self.fn[grid](*args, **kwargs, **config.all_kwargs())

    def _tune(self, key: tuple, named: dict, args: Sequence[Any], kwargs: dict, grid: Any) -> Config:
        cache = self._cache if self._cache is not None else DiskCache()
        dkey = self._disk_key(key)
        stored = cache.get_object(dkey)
        if isinstance(stored, int) and 0 <= stored < len(self.configs):
            self.best[key] = self.configs[stored]
            return self.best[key]
        candidates = self.prune_configs(named)
        show = sys.stderr.isatty() and len(candidates) > 1
        for n, c in enumerate(candidates):
            if show:
                print(f"\rautotuning {self.fn.__name__}: config {n + 1}/{len(candidates)}", end="", file=sys.stderr)
            self.timings[c] = self._bench(c, args, kwargs, grid)
        if show:
            print(file=sys.stderr)
        best = min(candidates, key=self.timings.__getitem__)
        self.best[key] = best
        cache.put_object(dkey, self.configs.index(best))
        return best


class Heuristics(_Wrapper):
    """Computes meta-parameters from the other arguments before each launch."""

    def __init__(self, fn: Any, values: dict[str, Callable[[dict], Any]]) -> None:
        super().__init__(fn)
        self.values = dict(values)

    def run(self, *args: Any, grid: Any, **kwargs: Any) -> Any:
        named = self.named_args(args, kwargs)
        for name, rule in self.values.items():
            kwargs[name] = named[name] = rule(named)
        return self.fn[grid](*args, **kwargs)


def _key_part(v: Any) -> Any:
    dtype = getattr(v, "dtype", None)
    return str(dtype) if dtype is not None and hasattr(v, "shape") else v


def autotune(configs: Sequence[Config], key: Sequence[str], prune_configs_by: Optional[dict] = None,
             reset_to_zero: Optional[Sequence[str]] = None, restore_value: Optional[Sequence[str]] = None,
             warmup: int = 5, rep: int = 20) -> Callable[[Any], Autotuner]:
    """Decorator: tune `configs` of a @jit kernel per distinct value of the `key` arguments."""
    return lambda fn: Autotuner(fn, configs, key, prune_configs_by, reset_to_zero or (), restore_value or (),
                                warmup, rep)


def heuristics(values: dict[str, Callable[[dict], Any]]) -> Callable[[Any], Heuristics]:
    """Decorator: set meta-parameters from functions of the launch arguments."""
    return lambda fn: Heuristics(fn, values)
