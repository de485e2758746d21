"""Random pantile kernels with their numpy reference: `generate(seed)` gives the same kernel for the same seed.

A kernel loads one to three inputs of random dtypes into a 1-D or 2-D block per program (masked with a
literal `other` when the valid extent is shorter), builds a few values through the category emitters of
ops.py, and stores some of them (masked or not), or updates an output through atomics. Each kernel is built
around one focus category, in turn by seed, so every category has a fixed share of any run of seeds."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from . import atomics as A
from . import reference as R
from .ops import EMITTERS
from .reference import DTYPES, DType, Val

CATEGORIES = ("cast", "shift", "divmod", "reduction", "scan", "broadcast", "mask", "dot", "atomic")
# Seed s is built around FOCUS[s % len(FOCUS)]; "arith" kernels mix every elementwise op.
FOCUS = ("arith", "cast", "shift", "divmod", "reduction", "scan", "broadcast", "mask", "dot", "atomic")
# The committed minimum share of kernels that contain each category (tests/fuzz/test_fuzz.py asserts it over the
# CI seeds): the focus gives every category 10%, the random steps add more.
MIN_SHARE = {"cast": 0.25, "shift": 0.12, "divmod": 0.12, "reduction": 0.2, "scan": 0.12, "broadcast": 0.15,
             "mask": 0.4, "dot": 0.08, "atomic": 0.09}
# ... and of kernels that load or compute in each dtype.
MIN_DTYPE_SHARE = 0.08
# Small blocks keep each compile cheap (the CI runs hundreds); the edges (one row, a long row) stay in.
SHAPES_1D = ((16,), (32,), (64,))
SHAPES_2D = ((4, 16), (8, 8), (16, 16), (2, 64), (1, 32))
SQUARE = ((16, 16), (16, 16), (32, 32))
STEP_WEIGHTS = {"arith": 4, "cast": 2, "shift": 1, "divmod": 1, "reduction": 1, "scan": 1, "broadcast": 1}


@dataclass
class Output:
    """An output array: its initial contents, the values a correct kernel leaves in it, and the error bound."""
    dtype: DType
    init: np.ndarray
    expected: np.ndarray
    err: float


@dataclass
class FuzzKernel:
    """One generated kernel: source, launch arguments, expected outputs and what it needs of a target."""
    seed: int
    source: str
    inputs: list[np.ndarray]
    outputs: list[Output]
    scalars: list[int]
    grid: tuple[int, ...]
    features: frozenset[str]
    dtypes: frozenset[str]          # IR names of every dtype the kernel computes in
    dot_dtypes: frozenset[str]
    atomic_kinds: frozenset[str]
    atomic_dtypes: frozenset[str]

    @property
    def name(self) -> str:
        return f"fuzz_{self.seed}"


@dataclass
class KernelBuilder:
    """The kernel being generated: its lines, values and what it uses."""
    rng: np.random.Generator
    programs: int
    block_shape: tuple[int, ...]
    lines: list[str] = field(default_factory=list)
    values: list[Val] = field(default_factory=list)
    features: set[str] = field(default_factory=set)
    used: set[str] = field(default_factory=set)
    dot_dtypes: set[str] = field(default_factory=set)
    atomic_kinds: set[str] = field(default_factory=set)
    atomic_dtypes: set[str] = field(default_factory=set)
    loaded: int = 0          # how many of the values are the loaded inputs

    def emit(self, expr: str, dtype: DType, ref: np.ndarray, err: float, feature: Optional[str] = None,
             pool: bool = True) -> Val:
        """A new variable `vN = expr`, with its reference; it joins the values later ops pick from."""
        name = f"v{len(self.lines)}"
        self.lines.append(f"{name} = {expr}")
        val = Val(name, dtype, np.asarray(ref, dtype.storage), float(err))
        if pool:
            self.values.append(val)
        self.used.add(dtype.ir)
        if feature:
            self.features.add(feature)
        return val

    def pick(self, shape: Optional[tuple[int, ...]] = None, dtype: Optional[DType] = None, kind: Optional[str] = None,
             min_rank: int = 0) -> Optional[Val]:
        """A random value of this shape, dtype, kind ('int', 'float') and rank; recent values more often."""
        fits = [v for v in self.values
                if (shape is None or v.shape == shape) and (dtype is None or v.dtype == dtype) and len(v.shape) >= min_rank
                and (kind is None or (kind == "int" and v.dtype.is_int) or (kind == "float" and v.dtype.is_float))]
        if not fits:
            return None
        weights = np.arange(1, len(fits) + 1, dtype=np.float64)
        return fits[int(self.rng.choice(len(fits), p=weights / weights.sum()))]


def _input_data(rng: np.random.Generator, d: DType, shape: tuple[int, ...]) -> np.ndarray:
    """Random values of dtype d: the full range, small numbers, or the edges (0, -1, MIN, MAX) among them."""
    style = int(rng.integers(0, 3))
    if d.is_int:
        lo, hi = d.limits
        if style == 0:
            return rng.integers(lo, hi, shape, dtype=d.storage, endpoint=True)
        small = rng.integers(max(lo, -20), min(hi, 40), shape, endpoint=True).astype(d.storage)
        if style == 1:
            return small
        edges = np.array([v for v in (lo, lo + 1, -1, 0, 1, hi - 1, hi) if lo <= v <= hi], dtype=object).astype(d.storage)
        return np.where(rng.random(shape) < 0.3, rng.choice(edges, shape), small).astype(d.storage)
    if style == 0:
        return R.as_dtype(rng.standard_normal(shape) * 4, d)
    if style == 1:
        return R.as_dtype(rng.integers(-8, 8, shape, endpoint=True).astype(np.float64), d)
    return R.as_dtype(rng.standard_normal(shape) * 100, d)


def _focus_dtypes(rng: np.random.Generator, focus: str, count: int) -> list[str]:
    names = list(n for n in DTYPES if n != "int1")
    chosen = [str(rng.choice(names)) for _ in range(count)]
    if focus in ("shift", "divmod") and not any(DTYPES[n].is_int for n in chosen):
        chosen[0] = str(rng.choice(R.INTS))
    return chosen


def generate(seed: int) -> FuzzKernel:
    """The kernel of `seed`, with inputs, initial outputs and expected outputs."""
    with np.errstate(all="ignore"):       # the reference computes candidates that overflow, then refuses them
        return _generate(seed)


def _generate(seed: int) -> FuzzKernel:
    rng = np.random.default_rng(seed)
    focus = FOCUS[seed % len(FOCUS)]
    if focus == "dot":
        shape = SQUARE[int(rng.integers(0, len(SQUARE)))]
    else:
        shapes = SHAPES_1D + SHAPES_2D
        shape = shapes[int(rng.integers(0, len(shapes)))]
    programs = int(rng.integers(1, 4))
    k = KernelBuilder(rng, programs, shape)
    masked = focus == "mask" or rng.random() < 0.5
    extent = [programs * shape[0]] + list(shape[1:])
    if masked:                                     # at least one lane of the grid is masked off
        axis = int(rng.integers(0, len(shape)))
        extent[axis] -= int(rng.integers(1, shape[axis] if shape[axis] > 1 else 2))
    lanes = _lane_grid(programs, shape)
    mask = np.all([lanes[i] < extent[i] for i in range(len(shape))], axis=0)
    if masked and mask.all():
        masked = False
    inputs, params = [], []
    for i, name in enumerate(_focus_dtypes(rng, focus, int(rng.integers(1, 4)))):
        d = DTYPES[name]
        data = _input_data(rng, d, (programs,) + shape)
        storage = DTYPES["float32"] if d.name == "bfloat16" else d
        inputs.append(data.reshape(-1).astype(storage.storage))
        params.append(f"in{i}")
        load = f"tl.load(in{i} + offs)"
        ref = data
        if masked and (focus == "mask" or rng.random() < 0.8):
            other = 1 if d.is_int else 0.5
            load = f"tl.load(in{i} + offs, mask=mask, other={other})"
            ref = np.where(mask, data, other).astype(storage.storage)
            k.features.add("mask")
        if d.name == "bfloat16":
            load += ".to(tl.bfloat16)"
        k.emit(load, d, ref, 0.0)
    k.loaded = len(k.values)
    steps = int(rng.integers(2, 6))
    for step in range(steps):
        want = focus if step == 0 and focus in EMITTERS else None
        for _ in range(40):
            category = want or str(rng.choice(list(STEP_WEIGHTS), p=_weights()))
            if EMITTERS[category](k) is not None:
                break
    outputs, stores = [], []
    if focus == "atomic":
        A.emit_atomic(k, mask if masked else None, outputs, params)
    else:
        _store_results(k, rng, mask if masked else None, outputs, params)
    return _assemble(seed, k, inputs, outputs, params, shape, programs, extent)


def _weights() -> np.ndarray:
    w = np.array(list(STEP_WEIGHTS.values()), dtype=np.float64)
    return w / w.sum()


def _lane_grid(programs: int, shape: tuple[int, ...]) -> list[np.ndarray]:
    """Per dimension, each lane's global index along it (dimension 0 counts across programs)."""
    idx = np.indices((programs,) + shape)
    first = idx[0] * shape[0] + idx[1]
    return [first] + [idx[i + 1] for i in range(1, len(shape))]


def _store_results(k: KernelBuilder, rng: np.random.Generator, mask: Optional[np.ndarray], outputs: list[Output],
                   params: list[str]) -> None:
    """tl.store of the last value and maybe one more, masked where they have the block's shape."""
    # the last value and up to two others nothing reads (so the focus op's result is checked too)
    unread = [v for v in k.values[k.loaded:-1]
              if not any(re.search(rf"\b{v.name}\b", line) for line in k.lines[int(v.name[1:]) + 1:])]
    chosen = [k.values[-1]] + unread[:2]
    for v in chosen:
        stored = v
        if v.dtype.name == "int1":
            stored = k.emit(f"{v.name}.to(tl.int8)", DTYPES["int8"], v.ref.astype(np.int8), 0.0, pool=False)
        elif v.dtype.name == "bfloat16":
            stored = k.emit(f"{v.name}.to(tl.float32)", DTYPES["float32"], v.ref, v.err, pool=False)
        i = len(outputs)
        params.append(f"out{i}")
        d = stored.dtype
        init = _input_data(rng, d, stored.ref.shape).reshape(-1)
        expected = stored.ref
        if v.shape == k.block_shape and mask is not None and rng.random() < 0.7:
            k.lines.append(f"tl.store(out{i} + offs, {stored.name}, mask=mask)")
            expected = np.where(mask, stored.ref, init.reshape(stored.ref.shape))
            k.features.add("mask")
        else:
            k.lines.append(f"tl.store(out{i} + {index_text(k, v.shape)}, {stored.name})")
        outputs.append(Output(d, init, expected.reshape(-1), stored.err))


def index_text(k: KernelBuilder, shape: tuple[int, ...]) -> str:
    """The offsets of a value of `shape` in an output that holds one such value per program, row-major."""
    size = int(np.prod(shape)) if shape else 1
    if shape == k.block_shape:
        return "offs"
    if not shape:
        return "pid"
    if len(shape) == 1:
        return f"pid * {size} + tl.arange(0, {shape[0]})"
    return f"pid * {size} + tl.arange(0, {shape[0]})[:, None] * {shape[1]} + tl.arange(0, {shape[1]})[None, :]"


def _assemble(seed: int, k: KernelBuilder, inputs: list[np.ndarray], outputs: list[Output], params: list[str],
              shape: tuple[int, ...], programs: int, extent: list[int]) -> FuzzKernel:
    """The kernel's source text and launch description."""
    if len(shape) == 1:
        scalars, head = ["n"], [f"offs = pid * {shape[0]} + tl.arange(0, {shape[0]})", "mask = offs < n"]
    else:
        m, n = shape
        scalars = ["n_rows", "n_cols"]
        head = [f"rows = pid * {m} + tl.arange(0, {m})[:, None]", f"cols = tl.arange(0, {n})[None, :]",
                f"offs = rows * {n} + cols", "mask = (rows < n_rows) & (cols < n_cols)"]
    body = ["pid = tl.program_id(0)"] + head + k.lines
    source = (f"@pantile.jit\ndef fuzz_{seed}({', '.join(params + scalars)}):\n"
              + "".join(f"    {line}\n" for line in body))
    return FuzzKernel(seed, source, inputs, outputs, extent, (programs,), frozenset(k.features),
                      frozenset(k.used), frozenset(k.dot_dtypes), frozenset(k.atomic_kinds),
                      frozenset(k.atomic_dtypes))
