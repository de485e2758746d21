"""@autotune, Config and @heuristics with Triton's meaning. By default the target's cost model ranks the configs from
the target's previews of them (lowered, no back end run) and only the best quarter of them (at least 2) is compiled
and benchmarked; configs are previewed and predicted, then compiled, side by side in worker processes
(compile_pool.py); the previews and the work each prediction counts are kept on disk (explain.estimated), and the
choice per key and device, so that another process does not tune again."""
from __future__ import annotations

import builtins
import math
import time
import warnings
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Optional, Sequence

from pantile.errors import TritonError
from pantile.frontend import CompilationError
from pantile.targets.base import OutOfResources

from .autotune_log import Progress, cached_line, choice_lines, config_line, failure_line
from .cache import DiskCache, compiler_version, make_key
from .compile_pool import CompileJob, compile_pool, worth_compiling, worth_pooling, worth_previewing
from .errors import AutotunerError
from .knobs import autotuning
from .tensor_wrapper import KernelInterface
from .testing import do_bench as default_do_bench, do_bench_cudagraph

DEFAULT_SHARE = 0.25         # of the configs, the share the cost model lets through to benchmarking by default
MIN_BENCHMARKED = 2          # ... and never fewer than this many (a model that ranks two close configs wrongly)
QUANTILES = (0.5, 0.2, 0.8)  # what each timing holds, as in Triton: median, 20th and 80th percentile (ms)


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
        options = {"num_warps": self.num_warps, "num_ctas": self.num_ctas, "num_stages": self.num_stages,
                   "maxnreg": self.maxnreg}
        return {**self.kwargs, **{k: v for k, v in options.items() if v is not None}}

    def __str__(self) -> str:
        kv = [f"{k}: {v}" for k, v in self.kwargs.items()]
        return ", ".join(kv + [f"num_warps: {self.num_warps}", f"num_ctas: {self.num_ctas}",
                               f"num_stages: {self.num_stages}", f"maxnreg: {self.maxnreg}"])

    def __repr__(self) -> str:
        kv = ", ".join(f"{k}: {v}" for k, v in self.kwargs.items())
        return f"Config({kv}, num_warps: {self.num_warps}, num_stages: {self.num_stages})"

    def _identity(self) -> tuple:
        return (*self.all_kwargs().items(), self.pre_hook)

    def __hash__(self) -> int:
        return hash(self._identity())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Config) and self._identity() == other._identity()


class Autotuner(KernelInterface):
    """Benchmarks the configs the first time a key is seen (unless the disk holds the choice) and launches the
    fastest; the attributes are Triton's (`cache`, `best_config`, `configs_timings`, `bench_time`, `nargs`)."""

    def __init__(self, fn: Any, arg_names: Sequence[str], configs: Sequence[Config], key: Sequence[str],
                 reset_to_zero: Optional[Sequence[str]] = None, restore_value: Optional[Sequence[str]] = None,
                 pre_hook: Optional[Callable[..., None]] = None, post_hook: Optional[Callable[..., None]] = None,
                 prune_configs_by: Optional[dict] = None, warmup: Optional[float] = None, rep: Optional[float] = None,
                 use_cuda_graph: bool = False, do_bench: Optional[Callable[..., Any]] = None,
                 cache_results: bool = True) -> None:
        self.fn = fn
        self.arg_names = list(arg_names)
        self.configs = list(configs) or [Config({})]
        self.keys = list(key)
        self.cache: dict[tuple, Config] = {}
        self.cache_results = cache_results
        self.reset_to_zero = list(reset_to_zero or ())
        self.restore_value = list(restore_value or ())
        self.restore_copies: dict[str, Any] = {}
        self.pre_hook = pre_hook or self._reset_and_keep
        self.post_hook = post_hook or self._restore
        prune = prune_configs_by or {}
        self.perf_model = prune.get("perf_model")
        self.early_config_prune = prune.get("early_config_prune")
        # Triton's default keeps every config a perf_model ranks; with the cost model, a quarter (at least 2).
        self.configs_top_k = prune.get("top_k", 1.0 if self.perf_model is not None else None)
        if do_bench is not None:
            self.do_bench = do_bench
        elif use_cuda_graph:
            self.do_bench = lambda call, quantiles: do_bench_cudagraph(call, rep=rep or 100, quantiles=quantiles)
        else:
            self.do_bench = lambda call, quantiles: default_do_bench(call, warmup=warmup or 25, rep=rep or 100,
                                                                     quantiles=quantiles)
        self.nargs: Optional[dict[str, Any]] = None
        self.best_config: Optional[Config] = None
        self.configs_timings: dict[Config, list[float]] = {}
        self.configs_predicted: dict[Config, float] = {}
        self.bench_time = 0.0
        self._grid: Any = None
        self._args: Sequence[Any] = ()
        self._progress: Optional[Progress] = None

    def __getattr__(self, name: str) -> Any:
        if name == "fn":    # not set yet (unpickling): no forwarding
            raise AttributeError(name)
        return getattr(self.fn, name)

    # Triton's default hooks: zero the reset_to_zero arguments and keep the restore_value ones before each
    # benchmarked launch, and put those back after it.
    def _reset_and_keep(self, kwargs: dict[str, Any], reset_only: bool = False) -> None:
        for name in self.reset_to_zero:
            if kwargs.get(name) is not None:
                _zero(kwargs[name])
        if not reset_only:
            self.restore_copies = {n: _clone(kwargs[n]) for n in self.restore_value if kwargs.get(n) is not None}

    def _restore(self, kwargs: dict[str, Any], exception: Optional[BaseException]) -> None:
        for name, value in self.restore_copies.items():
            _copy_into(kwargs[name], value)
        self.restore_copies = {}

    def run(self, *args: Any, grid: Any, **kwargs: Any) -> Any:
        """Tune on the first launch of each key, then launch the best config."""
        self.nargs = dict(zip(self.arg_names, args))
        if len(self.configs) > 1:
            named = {**self.nargs, **kwargs}
            key = tuple(_key_part(named[k]) for k in self.keys if k in named) + \
                tuple(str(v.dtype) for n, v in named.items() if n in self.arg_names and hasattr(v, "dtype"))
            if key not in self.cache:
                self._tune(key, args, grid, kwargs)
            config = self.cache[key]
        else:
            config = self.configs[0]
        self.best_config = config
        if config.pre_hook is not None:
            config.pre_hook({**self.nargs, **kwargs, **config.all_kwargs()})
        result = self.fn.run(*args, grid=grid, **kwargs, **config.all_kwargs())
        self.nargs = None
        return result

    def prune_configs(self, kwargs: dict[str, Any]) -> list[Config]:
        """The configs to benchmark: those `early_config_prune` keeps, then the best `top_k` of them by the user's
        `perf_model`, else by the target's cost model (a quarter, at least 2, unless `top_k` says otherwise)."""
        configs = self.configs
        if self.early_config_prune is not None:
            configs = list(self.early_config_prune(self.configs, self.nargs, **kwargs))
            if not configs:
                raise AutotunerError("No valid autotuner configs after pruning. `early_config_prune` should return "
                                     "at least one config.")
        top_k = self.configs_top_k
        if top_k is None:
            top_k = max(MIN_BENCHMARKED, math.ceil(len(configs) * DEFAULT_SHARE))
        elif isinstance(top_k, float) and top_k <= 1.0:
            top_k = max(1, int(len(configs) * top_k))
        elif not isinstance(top_k, int):
            raise TypeError("Error while pruning configs, top_k must be either 1) a float <= 1.0 or 2) an int")
        if len(configs) <= top_k:
            return configs
        if self.perf_model is not None:
            estimate = {c: self.perf_model(**self.nargs, **kwargs, **c.all_kwargs()) for c in configs}
        else:
            estimate = self._predict(configs, kwargs)
            if estimate is None:      # no cost model for this launch: every config is benchmarked
                return configs
        self.configs_predicted = dict(estimate)
        return sorted(configs, key=estimate.__getitem__)[:top_k]

    def warmup(self, *args: Any, grid: Any = None, **kwargs: Any) -> list[Any]:
        """Compile the configs a tuning would benchmark, without launching; their compiled kernels."""
        self.nargs = dict(zip(self.arg_names, args))
        self._args, self._grid = args, grid
        configs = self.prune_configs(kwargs)
        self._compile_ahead(configs, args, kwargs)
        compiled = [self.fn.warmup(*args, grid=grid, **kwargs, **c.all_kwargs()) for c in configs]
        self.nargs, self._args, self._grid = None, (), None
        return compiled

    # tuning ------------------------------------------------------------------------------
    def _tune(self, key: tuple, args: Sequence[Any], grid: Any, kwargs: dict[str, Any]) -> None:
        disk = self._disk_key(key, args, kwargs)
        if disk is not None and self._load(disk, key):
            return
        self._args, self._grid = args, grid
        self.configs_predicted = {}
        start = time.time()
        try:
            with self._showing() as progress:
                configs = self.prune_configs(kwargs)
                if len(configs) == 1:     # as in Triton: one config left needs no benchmark
                    self.cache[key] = configs[0]
                    return
                self._compile_ahead(configs, args, kwargs)
                timings = {}
                for n, config in enumerate(configs, 1):
                    timings[config] = self._bench(args, grid, kwargs, config)
                    progress.step("benchmark", n, len(configs), f"{config}: {timings[config][0]:.4f} ms")
        finally:
            self._args, self._grid = (), None    # the launch's arrays are not kept alive by the tuner
        self.bench_time = time.time() - start
        best = self.cache[key] = builtins.min(timings, key=timings.get)
        self.pre_hook({**self.nargs, **kwargs, **best.all_kwargs()}, reset_only=True)
        self.configs_timings = timings
        if disk is not None:
            DiskCache().put_object(disk, {"best": self.configs.index(best),
                                          "timings": {self.configs.index(c): t for c, t in timings.items()}})
        if autotuning.print:
            print("\n".join(choice_lines(_name(self.fn), key, self.bench_time, best, self.configs,
                                         self.configs_predicted, timings)))

    def _bench(self, args: Sequence[Any], grid: Any, kwargs: dict[str, Any], config: Config) -> list[float]:
        """[median, 20th, 80th percentile] of the launch's time in ms with `config`; inf where it cannot run."""
        if autotuning.print:
            print(config_line(_name(self.fn), config))
        conflicts = kwargs.keys() & config.kwargs.keys()
        if conflicts:
            raise ValueError(f"Conflicting meta-parameters: {', '.join(sorted(conflicts))}. Make sure that you "
                             f"don't re-define auto-tuned symbols.")
        current = {**kwargs, **config.all_kwargs()}
        full = {**self.nargs, **current}

        def call() -> None:
            if config.pre_hook is not None:
                config.pre_hook(full)
            self.pre_hook(full)
            try:
                self.fn.run(*args, grid=grid, **current)
            except Exception as err:
                try:
                    self.post_hook(full, exception=err)
                finally:
                    raise
            self.post_hook(full, exception=None)

        try:
            timing = self.do_bench(call, quantiles=QUANTILES)
            # A user's do_bench may answer one number instead of the quantiles: it stands for all three.
            return list(timing) if isinstance(timing, (list, tuple)) else [float(timing)] * len(QUANTILES)
        except (OutOfResources, CompilationError) as err:
            if isinstance(err, CompilationError) and "static_assert failed" not in str(err):
                raise        # a mistake in the kernel, not a config the device or kernel cannot take
            if autotuning.print:
                print(failure_line(err))
            return [float("inf")] * len(QUANTILES)

    def _predict(self, configs: Sequence[Config], kwargs: dict[str, Any]) -> Optional[dict[Config, float]]:
        """Each config's launch time as the target's cost model predicts it (inf for one that cannot compile), or
        None where the kernel is not a pantile kernel or the target has no model: on the compile pool where it
        takes them (_predict_ahead), the others here."""
        base = _base_launch(self.fn, self._args, kwargs)
        if base is None:
            return None
        kernel, base_kwargs = base
        estimate = self._predict_ahead(kernel, configs, base_kwargs)
        rest = [c for c in configs if c not in estimate]
        with self._showing() as progress:
            for n, c in enumerate(rest, 1):
                meta = {**base_kwargs, **c.all_kwargs()}
                try:
                    estimate[c] = predict_seconds(kernel, self._grid, self._args, meta)
                except (OutOfResources, CompilationError):
                    estimate[c] = float("inf")
                except (NotImplementedError, ValueError):   # no model here, or an artifact it cannot read
                    return None
                except Exception as err:   # a fault of the model must not fail the user's launch: say so, tune on
                    warnings.warn(f"autotune {_name(self.fn)}: the cost model failed on {c} ({type(err).__name__}: "
                                  f"{err}); every config is benchmarked", RuntimeWarning, stacklevel=2)
                    return None
                progress.step("predict", n, len(rest), f"{c}: {estimate[c] * 1e3:.4f} ms")
        return {c: estimate[c] for c in configs}

    def _predict_ahead(self, kernel: Any, configs: Sequence[Config],
                       base_kwargs: dict[str, Any]) -> dict[Config, float]:
        """The predictions the compile pool makes, side by side in its workers (each previews its config there and keeps
        the preview in the disk cache), where the configs still to preview are worth the pool as compiles are
        (worth_pooling; any two or more where the local pool runs already); a config it did not predict (a failure, a
        kernel other processes cannot import) is left to this process, which meets the error itself."""
        pool = compile_pool()
        if pool is None:
            return {}
        from .explain import launch_request  # noqa: PLC0415  (as predict_seconds: loaded when a tuning ranks)
        jobs, named, unseen = [], [], 0
        for c in configs:
            try:
                spec, target, options, shape = launch_request(kernel, self._grid, self._args,
                                                              {**base_kwargs, **c.all_kwargs()})
            except Exception:    # predicted here, where the error is met and said
                continue
            job = CompileJob.of(kernel, spec, target, options, launch=shape)
            if job is not None:
                jobs.append(job)
                named.append(c)
                unseen += worth_previewing(kernel, spec, target, options)
        if not worth_pooling(pool, len(jobs) if getattr(pool, "running", False) else unseen):
            return {}
        estimate = {}
        with self._showing() as progress:
            for n, (i, result) in enumerate(pool.compile(jobs), 1):
                if result.predicted_s is not None:
                    estimate[named[i]] = result.predicted_s
                where = result.error or f"{result.predicted_s * 1e3:.4f} ms in process {result.pid}"
                progress.step("predict", n, len(jobs), f"{named[i]}: {where}")
        return estimate

    @contextmanager
    def _showing(self) -> Iterator[Progress]:
        """The progress of the tuning under way, or one for this step alone, ended after it."""
        if self._progress is not None:
            yield self._progress
            return
        self._progress = Progress(_name(self.fn))
        try:
            yield self._progress
        finally:
            self._progress.close()
            self._progress = None

    def _compile_ahead(self, configs: Sequence[Config], args: Sequence[Any], kwargs: dict[str, Any]) -> None:
        """Compile the configs not in the disk cache yet on the compile pool, so the launches that follow load
        them; too few to start the pool for (compile_pool.worth_pooling), a kernel other processes cannot import,
        or no pool: they compile at their launch."""
        pool = compile_pool()
        base = _base_launch(self.fn, args, kwargs) if pool is not None else None
        if base is None:
            return
        kernel, base_kwargs = base
        jobs, named = [], []
        for c in configs:
            try:
                spec, target, options = kernel.compile_request(args, {**base_kwargs, **c.all_kwargs()})
            except (TypeError, ValueError, TritonError):
                continue       # the launch itself says what is wrong
            job = CompileJob.of(kernel, spec, target, options) if worth_compiling(kernel, spec, target,
                                                                                   options) else None
            if job is not None and job not in jobs:
                jobs.append(job)
                named.append(c)
        if not worth_pooling(pool, len(jobs)):
            return
        with self._showing() as progress:
            for n, (i, result) in enumerate(pool.compile(jobs), 1):
                where = f"{result.error}" if result.error else f"{result.seconds:.2f} s in process {result.pid}"
                progress.step("compile", n, len(jobs), f"{named[i]}: {where}")

    # the choice on disk ------------------------------------------------------------------
    def _disk_key(self, key: tuple, args: Sequence[Any], kwargs: dict[str, Any]) -> Optional[str]:
        """Where the choice for `key` is kept: per compiler, kernel source, target and its device, key, configs and
        pruning. None where it is not kept: cache_results off, a config with a pre_hook (a function, which the
        key cannot tell apart, as in Triton), or no pantile kernel (no target to key by)."""
        if not self.cache_results or any(c.pre_hook is not None for c in self.configs):
            return None
        base = _base_launch(self.fn, args, kwargs)
        if base is None:
            return None
        kernel, base_kwargs = base
        try:
            _, target, _ = kernel.compile_request(args, {**base_kwargs, **self.configs[0].all_kwargs()})
        except (TypeError, ValueError, TritonError):
            return None
        pruning = (self.configs_top_k, _qualname(self.perf_model), _qualname(self.early_config_prune))
        return make_key("autotune", compiler_version(), kernel.dependencies_key(), target.arch, target.cache_tag(),
                        key, [str(c) for c in self.configs], pruning)

    def _load(self, disk: str, key: tuple) -> bool:
        """Take the choice for `key` from the disk; whether it was there."""
        stored = DiskCache().get_object(disk)
        try:
            best = self.configs[stored["best"]]
            timings = {self.configs[i]: list(t) for i, t in stored["timings"].items()}
        except (TypeError, KeyError, IndexError, AttributeError):
            return False
        self.cache[key] = best
        self.configs_timings = timings
        if autotuning.print:
            print(cached_line(_name(self.fn), key, best))
        return True


def predict_seconds(kernel: Any, grid: Any, args: Sequence[Any], meta: dict[str, Any]) -> float:
    """The launch time of `kernel[grid](*args, **meta)` that its target's cost model predicts, from the target's
    preview of the variant where it makes one (its back end runs only for the configs benchmarked)."""
    from .explain import predict_launch  # noqa: PLC0415  (the cost models load only when a tuning ranks)
    return predict_launch(kernel, grid, args, meta, preview=True)


class Heuristics(KernelInterface):
    """Computes meta-parameters from the other arguments before each launch."""

    def __init__(self, fn: Any, arg_names: Sequence[str], values: dict[str, Callable[[dict], Any]]) -> None:
        self.fn = fn
        self.arg_names = list(arg_names)
        self.values = dict(values)

    def __getattr__(self, name: str) -> Any:
        if name == "fn":
            raise AttributeError(name)
        return getattr(self.fn, name)

    def meta(self, args: Sequence[Any], kwargs: dict[str, Any]) -> dict[str, Any]:
        """The keywords of a launch with these arguments, the computed meta-parameters added."""
        kwargs = dict(kwargs)
        for name, rule in self.values.items():
            kwargs[name] = rule({**dict(zip(self.arg_names, args)), **kwargs})
        return kwargs

    def run(self, *args: Any, grid: Any, **kwargs: Any) -> Any:
        """Launch with the computed meta-parameters."""
        return self.fn.run(*args, grid=grid, **self.meta(args, kwargs))


def _base_launch(fn: Any, args: Sequence[Any], kwargs: dict[str, Any]) -> Optional[tuple[Any, dict[str, Any]]]:
    """The pantile kernel under `fn` (through @heuristics) and the keywords its launch gets, or None where the
    chain holds something else."""
    from .jit import Kernel  # noqa: PLC0415  (jit imports the frontend; the autotuner's import stays light)
    while isinstance(fn, Heuristics):
        kwargs = fn.meta(args, kwargs)
        fn = fn.fn
    return (fn, kwargs) if isinstance(fn, Kernel) else None


def _name(fn: Any) -> str:
    return getattr(fn, "__name__", type(fn).__name__)   # wrappers forward it from the kernel


def _qualname(fn: Any) -> Optional[str]:
    return None if fn is None else f"{getattr(fn, '__module__', '')}.{getattr(fn, '__qualname__', repr(fn))}"


def _key_part(v: Any) -> Any:
    dtype = getattr(v, "dtype", None)
    return str(dtype) if dtype is not None and hasattr(v, "shape") else v


def _zero(array: Any) -> None:
    if hasattr(array, "zero_"):
        array.zero_()
    else:
        array[...] = 0


def _clone(array: Any) -> Any:
    return array.clone() if hasattr(array, "clone") else array.copy()


def _copy_into(array: Any, value: Any) -> None:
    if hasattr(array, "copy_"):
        array.copy_(value)
    else:
        array[...] = value


def autotune(configs: Sequence[Config], key: Sequence[str], prune_configs_by: Optional[dict] = None,
             reset_to_zero: Optional[Sequence[str]] = None, restore_value: Optional[Sequence[str]] = None,
             pre_hook: Optional[Callable[..., None]] = None, post_hook: Optional[Callable[..., None]] = None,
             warmup: Optional[float] = None, rep: Optional[float] = None, use_cuda_graph: bool = False,
             do_bench: Optional[Callable[..., Any]] = None, cache_results: bool = True) -> Callable[[Any], Autotuner]:
    """Decorator: tune `configs` of a kernel per distinct value of the `key` arguments (and the arrays' dtypes),
    with Triton's arguments; `warmup` and `rep` are do_bench's budgets in ms (default 25 and 100)."""
    return lambda fn: Autotuner(fn, fn.arg_names, configs, key, reset_to_zero, restore_value, pre_hook=pre_hook,
                                post_hook=post_hook, prune_configs_by=prune_configs_by, warmup=warmup, rep=rep,
                                use_cuda_graph=use_cuda_graph, do_bench=do_bench, cache_results=cache_results)


def heuristics(values: dict[str, Callable[[dict], Any]]) -> Callable[[Any], Heuristics]:
    """Decorator: set meta-parameters from functions of the launch arguments."""
    return lambda fn: Heuristics(fn, fn.arg_names, values)


__all__ = ["Autotuner", "AutotunerError", "Config", "Heuristics", "autotune", "heuristics", "predict_seconds"]
