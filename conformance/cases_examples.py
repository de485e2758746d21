"""The five example kernels (vector add, softmax, matmul, layer norm, attention), two sizes each.

Their float32 dots use pt.dot's default precision (tf32 where the target has
it), so bounds use tf32's unit; softmax and layer norm bounds grow with the
row length they sum over.
"""
from __future__ import annotations

import math

import numpy as np

from pantile.examples import attention, layer_norm, matmul, softmax, vector_add

from .case import Case, Output
from .tolerance import accumulation, exact, ulp

_BLOCK = 256


def _cdiv(a: int, b: int) -> int:
    return (a + b - 1) // b


def _next_power_of_2(n: int) -> int:
    return 1 << (n - 1).bit_length()


def vector_add_case(n: int) -> Case:
    """out = x + y, exact."""
    def inputs(rng: np.random.Generator) -> list:
        x, y = rng.standard_normal(n, dtype=np.float32), rng.standard_normal(n, dtype=np.float32)
        return [x, y, np.zeros(n, np.float32), n]

    return Case(f"example/vector_add/{n}", "example", vector_add.add_kernel, inputs,
                lambda a: [a[0].astype(np.float64) + a[1]], (Output(2, "f32", exact()),), (_cdiv(n, _BLOCK),),
                (("BLOCK_SIZE", _BLOCK),), dtypes=("f32",))


def softmax_case(rows: int, cols: int) -> Case:
    """Row softmax; bound: exp (3 ULP), a sum of `cols` terms, a division (2.5 ULP), in ULPs of either end."""
    def inputs(rng: np.random.Generator) -> list:
        x = rng.standard_normal((rows, cols), dtype=np.float32)
        return [np.zeros_like(x), x, cols, cols, rows, cols]

    def expected(args: list) -> list:
        return [softmax.reference(args[1].astype(np.float64))]

    return Case(f"example/softmax/{rows}x{cols}", "example", softmax.softmax_kernel, inputs, expected,
                (Output(0, "f32", ulp(2 * (cols + 7))),), (min(rows, 64),),
                (("BLOCK_SIZE", _next_power_of_2(cols)),), dtypes=("f32",))


def matmul_case(m: int, n: int, k: int, blocks: tuple[int, int, int]) -> Case:
    """C = A @ B over K in BLOCK_K steps; bound: K + 2 roundings of tf32 inputs and float32 sums."""
    bm, bn, bk = blocks

    def inputs(rng: np.random.Generator) -> list:
        a = rng.standard_normal((m, k), dtype=np.float32)
        b = rng.standard_normal((k, n), dtype=np.float32)
        return [a, b, np.zeros((m, n), np.float32), m, n, k, k, 1, n, 1, n, 1]

    def expected(args: list) -> list:
        a, b = args[0].astype(np.float64), args[1].astype(np.float64)
        return [(a @ b, np.abs(a) @ np.abs(b))]

    return Case(f"example/matmul/{m}x{n}x{k}", "example", matmul.matmul_kernel, inputs, expected,
                (Output(2, "f32", accumulation(k + 2, "tf32")),), (_cdiv(m, bm) * _cdiv(n, bn),),
                (("BLOCK_M", bm), ("BLOCK_N", bn), ("BLOCK_K", bk), ("GROUP_M", 8)), dtypes=("f32",))


def layer_norm_case(rows: int, cols: int, block: int) -> Case:
    """y = (x - mean) * rstd * w + b; bounds from the two sums over the row (mean, variance)."""
    eps = 1e-5

    def inputs(rng: np.random.Generator) -> list:
        x = rng.standard_normal((rows, cols), dtype=np.float32)
        w = rng.standard_normal(cols, dtype=np.float32)
        b = rng.standard_normal(cols, dtype=np.float32)
        return [x, np.zeros_like(x), w, b, np.zeros(rows, np.float32), np.zeros(rows, np.float32), cols, cols, eps]

    def expected(args: list) -> list:
        x, w, b = (a.astype(np.float64) for a in (args[0], args[2], args[3]))
        mean = x.mean(axis=1, keepdims=True)
        rstd = 1.0 / np.sqrt(((x - mean) ** 2).mean(axis=1, keepdims=True) + eps)
        y = (x - mean) * rstd * w + b
        spread = rstd * np.abs(w) * (np.abs(x).mean(axis=1, keepdims=True) + np.abs(x - mean)) + np.abs(b)
        return [(y, spread), (mean.ravel(), np.abs(x).mean(axis=1)), (rstd.ravel(), rstd.ravel())]

    length = cols + 10
    return Case(f"example/layer_norm/{rows}x{cols}", "example", layer_norm.layer_norm_kernel, inputs, expected,
                (Output(1, "f32", accumulation(length)), Output(4, "f32", accumulation(cols)),
                 Output(5, "f32", accumulation(length))), (rows,), (("BLOCK_SIZE", block),), dtypes=("f32",))


def attention_case(heads: int, seq: int, dim: int, blocks: tuple[int, int]) -> Case:
    """Online-softmax attention; score errors (tf32 dots of length `dim`) scale P through exp."""
    bm, bn = blocks
    scale = 1.0 / math.sqrt(dim)

    def inputs(rng: np.random.Generator) -> list:
        q, k, v = (rng.standard_normal((heads, seq, dim), dtype=np.float32) for _ in range(3))
        return [q, k, v, np.zeros_like(q), seq, scale, seq * dim, dim]

    def expected(args: list) -> list:
        q, k, v = (a.astype(np.float64) for a in args[:3])
        s = q @ k.transpose(0, 2, 1) * scale
        p = np.exp(s - s.max(axis=-1, keepdims=True))
        p /= p.sum(axis=-1, keepdims=True)
        score_spread = (np.abs(q) @ np.abs(k).transpose(0, 2, 1) * scale).max(axis=-1, keepdims=True)
        return [(p @ v, (p @ np.abs(v)) * (1.0 + 2.0 * score_spread))]

    return Case(f"example/attention/{heads}x{seq}x{dim}", "example", attention.attention_kernel, inputs, expected,
                (Output(3, "f32", accumulation(seq + dim + 10, "tf32")),), (_cdiv(seq, bm), heads),
                (("HEAD_DIM", dim), ("BLOCK_M", bm), ("BLOCK_N", bn)), dtypes=("f32",))


def cases() -> list[Case]:
    """Two sizes of each example."""
    return [vector_add_case(1000), vector_add_case(97),
            softmax_case(37, 100), softmax_case(5, 513),
            matmul_case(64, 48, 40, (32, 32, 16)), matmul_case(33, 17, 70, (16, 16, 32)),
            layer_norm_case(9, 300, 128), layer_norm_case(3, 1000, 1024),
            attention_case(2, 45, 32, (16, 16)), attention_case(1, 64, 16, (32, 32))]
