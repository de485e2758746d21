"""What a launch will cost, without running it: the kernel's work (passes.analysis.work) fed to the cost
model of the target the launch would use (targets.cost).

    report = pantile.explain(kernel[grid], *args, **meta)          # compiles, does not run
    report.predicted_s, report.work, report.bound, report.occupancy
    pantile.explain(kernel[grid], *args, measure=True, **meta)      # also times it (median of runs)
    predict_launch(kernel, grid, args, meta)                        # seconds only, for ranking configs
"""
from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable, Optional, Sequence

from pantile.frontend import CompilationError
from pantile.ir import Module, parse_module
from pantile.passes.analysis.work import KernelWork, count_work, kernel_function
from pantile.targets.base import Artifact, CompileOptions, Target
from pantile.targets.cost import Estimate
from pantile.targets.registry import get_target

from .cache import DiskCache
from .compiler import Specialization, compile_artifact, preview_artifact, reads_cache
from .grid import launch_grid
from .target_select import choose_target, target as target_block
from .work_cache import kept_work, work_key

# Parsed target-neutral IR of recent artifacts, by the text: ranking configs parses each variant once.
_PARSED: dict[str, Module] = {}
_PARSED_LIMIT = 64


@dataclass
class ExplainReport:
    """A launch's predicted cost: the kernel's work, the model's estimate and (when measured) the real time."""

    kernel: str
    target: str
    grid: tuple[int, int, int]
    work: KernelWork
    estimate: Estimate
    num_warps: int
    shared_memory: int
    registers: int                      # per thread, where the target's tools report it (0: not reported)
    spill_bytes: int = 0                # per thread, stored and loaded for spilled registers (where reported)
    measured_s: Optional[float] = None

    @property
    def predicted_s(self) -> float:
        """Predicted seconds of one launch."""
        return self.estimate.seconds

    @property
    def bound(self) -> str:
        """The roof that bounds the launch."""
        return self.estimate.bound

    @property
    def occupancy(self) -> float:
        """Fraction of a unit's thread slots the resident programs fill."""
        return self.estimate.occupancy.fraction

    def __str__(self) -> str:
        w, e = self.work, self.estimate
        occ = e.occupancy
        registers = f", {self.registers} registers/thread" if self.registers else ""
        registers += f" ({self.spill_bytes} B spilled)" if self.spill_bytes else ""
        lines = [f"{self.kernel} on {self.target}, grid {self.grid} ({w.programs} programs, "
                 f"{self.num_warps} warps, {self.shared_memory} B shared{registers})",
                 f"  predicted      {_seconds(e.seconds)}" + (f"   measured {_seconds(self.measured_s)} "
                                                               f"({self.measured_s / e.seconds:.2f}x predicted)"
                                                               if self.measured_s is not None else ""),
                 f"  bound by       {e.bound}",
                 f"  occupancy      {occ.programs_per_unit} programs per unit ({occ.fraction:.0%} of its slots), "
                 f"limited by {occ.limiter}; {e.waves:.2f} waves over {e.units} units",
                 f"  loaded         {_quantity(w.loaded_bytes, 'B')}   stored {_quantity(w.stored_bytes, 'B')}"
                 + (f"   footprint {_quantity(w.footprint_bytes, 'B')}" if w.footprint_bytes is not None else ""),
                 f"  dot FLOPs      " + (", ".join(f"{_quantity(v, '')} {k}" for k, v in w.dot_flops.items())
                                         or "none"),
                 f"  elementwise    {_quantity(w.flops, 'FLOP')}, {_quantity(w.transcendentals, '')} "
                 f"transcendental, {_quantity(w.int_ops, '')} integer, {_quantity(w.scalar_ops, '')} scalar ops",
                 f"  intensity      {w.intensity:.2f} FLOP/B",
                 "  roofs          " + ", ".join(f"{k} {_seconds(v)}" for k, v in e.times.items())]
        if e.record:
            lines.append(f"  model          {e.record}")
        lines += [f"  note           {n}" for n in w.notes]
        return "\n".join(lines)


def _seconds(s: float) -> str:
    if not math.isfinite(s):
        return str(s)
    return f"{s * 1e6:.1f} us" if s < 1e-3 else f"{s * 1e3:.3f} ms"


def _quantity(v: float, unit: str) -> str:
    for scale, prefix in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(v) >= scale:
            return f"{v / scale:.2f} {prefix}{unit}".rstrip()
    return f"{v:.0f} {unit}".rstrip()


def launch_parts(launch: Callable) -> tuple[Any, Any]:
    """(kernel, grid) of `kernel[grid]`: jit.Kernel's dispatcher with the grid bound (a partial), or the closure
    KernelInterface returns."""
    if isinstance(launch, partial) and getattr(launch.func, "kernel", None) is not None and launch.args:
        return launch.func.kernel, launch.args[0]
    code = getattr(launch, "__code__", None)
    cells = dict(zip(code.co_freevars, (c.cell_contents for c in launch.__closure__ or ()))) if code else {}
    kernel, grid = cells.get("self"), cells.get("grid")
    if kernel is None or grid is None:
        raise TypeError(f"explain() takes a launch, kernel[grid], of a @pantile.jit kernel; got {launch!r}")
    return kernel, grid


def _jit_kernel(kernel: Any) -> Any:
    from .jit import Kernel
    if isinstance(kernel, Kernel):
        return kernel
    raise TypeError(f"explain() predicts launches of a @pantile.jit kernel; for {type(kernel).__name__} "
                    f"{getattr(kernel, '__name__', '')}, explain its kernel (.fn) with one config's meta-parameters")


def _neutral_module(artifact: Artifact) -> Module:
    text = artifact.asm.get("pt")
    if text is None:
        raise ValueError(f"the artifact of {artifact.kernel_name} keeps no target-neutral IR (asm['pt']) to "
                         f"count its work; compile it again (PANTILE_NO_CACHE=1)")
    module = _PARSED.get(text)
    if module is None:
        if len(_PARSED) >= _PARSED_LIMIT:
            _PARSED.pop(next(iter(_PARSED)))
        module = _PARSED[text] = parse_module(text)
    return module


def _array_bytes(value: Any) -> Optional[int]:
    nbytes = getattr(value, "nbytes", None)
    if isinstance(nbytes, int):
        return nbytes
    shape, dtype = getattr(value, "shape", None), getattr(value, "dtype", None)
    size = getattr(dtype, "itemsize", None) or getattr(dtype, "primitive_bitwidth", 0) // 8
    return math.prod(shape) * size if shape is not None and size else None


@dataclass(frozen=True)
class LaunchShape:
    """What the work count reads of a launch besides the kernel: its grid, its number arguments and its arrays'
    sizes, by argument name (picklable: a worker process predicts from it)."""

    grid: tuple[int, int, int]
    numbers: tuple[tuple[str, Any], ...]
    array_bytes: tuple[tuple[str, int], ...]


def launch_request(kernel: Any, grid: Any, args: Sequence[Any], meta: Optional[dict] = None,
                   target: Optional[str] = None) -> tuple[Specialization, Target, CompileOptions, LaunchShape]:
    """What a launch compiles (specialization, target: `target`, or the one the launch would use, and options)
    and its shape, computed without compiling."""
    kernel = _jit_kernel(kernel)
    values, options, _ = kernel._bind_with_options(tuple(args), dict(meta or {}))
    keys, _, foreign = kernel._describe(values)
    chosen = get_target(target) if target is not None else choose_target(foreign)
    grid3 = launch_grid(grid, lambda: dict(zip(kernel.arg_names, values)), chosen.capabilities.max_grid,
                        kernel.__name__, chosen.arch)
    numbers, sizes = [], []
    for name, v in zip(kernel.arg_names, values):
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            n = _array_bytes(v) if v is not None else None
            if n is not None:
                sizes.append((name, n))
        else:
            numbers.append((name, v))
    return (kernel.specialization(keys), chosen, kernel._compile_options(options),
            LaunchShape(grid3, tuple(numbers), tuple(sizes)))


def launch_work(artifact: Artifact, shape: LaunchShape, cache: Optional[DiskCache] = None) -> KernelWork:
    """The work of a launch of this shape of the artifact's kernel (from its target-neutral IR), kept in `cache`
    (work_cache.py) where given."""
    def count() -> KernelWork:
        module = _neutral_module(artifact)
        func = kernel_function(module)
        numbers, sizes = dict(shape.numbers), dict(shape.array_bytes)
        names = func.attributes.get("arg_names", ())
        return count_work(module, [numbers.get(name) for name in names], shape.grid,
                          {i: sizes[name] for i, name in enumerate(names) if name in sizes})
    return kept_work(work_key(artifact, shape), count, cache) if cache is not None else count()


def estimated(artifact: Artifact, target: Target, shape: LaunchShape,
              cache: Optional[DiskCache] = None) -> tuple[KernelWork, Estimate]:
    """The launch's work and the target's estimate of it; the work (and the wave measure's answers the estimate
    asks for) is kept in `cache` where given, so another process predicting this launch counts nothing."""
    work = launch_work(artifact, shape, cache)
    return work, target.cost_model.estimate(artifact, shape.grid, work)


def analyse(kernel: Any, grid: Any, args: Sequence[Any], meta: Optional[dict] = None,
            target: Optional[str] = None,
            preview: bool = False) -> tuple[Artifact, str, tuple[int, int, int], KernelWork]:
    """Compile the variant a launch selects (on `target`, or the one the launch would use; compiling needs no
    device) and count its work: (artifact, target name, grid, work). With `preview`, the target's preview stands
    for the artifact where the kernel cache holds none (compiler.preview_artifact: no back end runs)."""
    kernel = _jit_kernel(kernel)
    spec, chosen, options, shape = launch_request(kernel, grid, args, meta, target)
    artifact = _artifact(kernel, spec, chosen, options, preview)
    return artifact, chosen.arch, shape.grid, launch_work(artifact, shape)


def _artifact(kernel: Any, spec: Specialization, target: Target, options: CompileOptions, preview: bool) -> Artifact:
    """The compiled variant, or with `preview` the target's preview of it; a compile error as the user's."""
    make = preview_artifact if preview else compile_artifact
    try:
        return make(kernel, spec, target, options)
    except CompilationError as err:
        raise err.with_traceback(None) from None


def predict_previewed(kernel: Any, spec: Specialization, target: Target, options: CompileOptions,
                      shape: LaunchShape) -> float:
    """Predicted seconds of a launch of this shape from the target's preview of the variant (what a compile pool's
    worker answers for the autotuner)."""
    artifact = preview_artifact(kernel, spec, target, options)
    return estimated(artifact, target, shape, DiskCache() if reads_cache(kernel) else None)[1].seconds


def estimate_launch(kernel: Any, grid: Any, args: Sequence[Any], meta: Optional[dict] = None,
                    target: Optional[str] = None, preview: bool = False) -> ExplainReport:
    """The report of a launch without running it (from the target's preview of it, with `preview`)."""
    kernel = _jit_kernel(kernel)
    spec, chosen, options, shape = launch_request(kernel, grid, args, meta, target)
    art = _artifact(kernel, spec, chosen, options, preview)
    work, est = estimated(art, chosen, shape, DiskCache() if reads_cache(kernel) else None)
    return ExplainReport(kernel=kernel.__name__, target=chosen.arch, grid=shape.grid, work=work, estimate=est,
                         num_warps=art.num_warps, shared_memory=art.shared_memory,
                         registers=int(art.metadata.get("registers", 0)),
                         spill_bytes=int(art.metadata.get("spill_stores", 0) + art.metadata.get("spill_loads", 0)))


def predict_launch(kernel: Any, grid: Any, args: Sequence[Any], meta: Optional[dict] = None,
                   target: Optional[str] = None, preview: bool = False) -> float:
    """Predicted seconds of `kernel[grid](*args, **meta)` on `target` (default: where the launch would run);
    compiles the variant (or, with `preview`, lowers it only, where the target previews), runs nothing."""
    return estimate_launch(kernel, grid, args, meta, target, preview).predicted_s


def measure(call: Callable[[], Any], repeats: int = 10, min_time: float = 0.05) -> float:
    """Median seconds of `call()` over at least `repeats` runs (more while under `min_time`), after one warm-up;
    `call` must wait for its launch to finish."""
    call()
    times: list[float] = []
    started = time.perf_counter()
    while len(times) < repeats or (time.perf_counter() - started < min_time and len(times) < 1000):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def explain(launch: Callable, *args: Any, measure_time: bool = False, target: Optional[str] = None,
            **meta: Any) -> ExplainReport:
    """The predicted cost of `launch(*args, **meta)` (`launch` is `kernel[grid]`) on the target it would use;
    `measure_time=True` (or `measure=True`) also runs it and records the median time."""
    run = bool(meta.pop("measure", False)) or measure_time
    kernel, grid = launch_parts(launch)
    report = estimate_launch(kernel, grid, args, meta, target)
    if run:
        from .jit import Kernel
        jit: Kernel = _jit_kernel(kernel)

        def call() -> None:
            with target_block(report.target):
                jit[grid](*args, **dict(meta))
            synchronize(report.target)
        report.measured_s = measure(call)
    return report


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2     # ties share their mean rank
        i = j + 1
    return ranks


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman's rank correlation of two equally long sequences (ties ranked by their mean)."""
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    sx = math.sqrt(sum((a - mx) ** 2 for a in rx))
    sy = math.sqrt(sum((b - my) ** 2 for b in ry))
    return cov / (sx * sy) if sx and sy else 0.0


def synchronize(arch: str) -> None:
    """Wait for the target's launches to finish (launches on host targets return when done)."""
    get_target(arch).synchronize()


__all__ = ["ExplainReport", "LaunchShape", "analyse", "estimate_launch", "estimated", "explain", "launch_parts",
           "launch_request", "launch_work", "measure", "predict_launch", "predict_previewed", "spearman"]
