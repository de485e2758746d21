"""Fused attention forward (online softmax), in the pointer form of Triton's tutorial."""
import math
import sys
from typing import Optional, Sequence

import numpy as np

import pantile
import pantile.language as pl

from pantile.conformance.formats import as_dot_inputs

from .harness import Example, Workload, run


@pantile.jit
def attention_kernel(q_ptr, k_ptr, v_ptr, o_ptr, seq_len, sm_scale, stride_h, stride_n,
                     HEAD_DIM: pl.constexpr, BLOCK_M: pl.constexpr, BLOCK_N: pl.constexpr):
    start_m = pl.program_id(0)
    head = pl.program_id(1)
    base = head * stride_h
    offs_m = start_m * BLOCK_M + pl.arange(0, BLOCK_M)
    offs_n = pl.arange(0, BLOCK_N)
    offs_d = pl.arange(0, HEAD_DIM)
    q = pl.load(q_ptr + base + offs_m[:, None] * stride_n + offs_d[None, :], mask=offs_m[:, None] < seq_len,
                other=0.0)
    m_i = pl.full([BLOCK_M], -float("inf"), dtype=pl.float32)
    l_i = pl.zeros([BLOCK_M], dtype=pl.float32)
    acc = pl.zeros([BLOCK_M, HEAD_DIM], dtype=pl.float32)
    qk_scale = sm_scale * 1.44269504
    for start_n in range(0, seq_len, BLOCK_N):
        cols = start_n + offs_n
        k = pl.load(k_ptr + base + cols[None, :] * stride_n + offs_d[:, None], mask=cols[None, :] < seq_len,
                    other=0.0)
        qk = pl.dot(q, k) * qk_scale
        qk = pl.where(cols[None, :] < seq_len, qk, -float("inf"))
        m_new = pl.maximum(m_i, pl.max(qk, 1))
        p = pl.exp2(qk - m_new[:, None])
        alpha = pl.exp2(m_i - m_new)
        l_i = l_i * alpha + pl.sum(p, 1)
        v = pl.load(v_ptr + base + cols[:, None] * stride_n + offs_d[None, :], mask=cols[:, None] < seq_len,
                    other=0.0)
        acc = acc * alpha[:, None] + pl.dot(p.to(v.dtype), v)
        m_i = m_new
    acc = acc / l_i[:, None]
    pl.store(o_ptr + base + offs_m[:, None] * stride_n + offs_d[None, :], acc.to(o_ptr.dtype.element_ty),
             mask=offs_m[:, None] < seq_len)


def attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, block_m: int = 32, block_n: int = 32) -> np.ndarray:
    """softmax(q k^T / sqrt(d)) v for arrays of shape (heads, seq, head_dim)."""
    heads, seq, dim = q.shape
    o = np.empty_like(q)
    grid = (pantile.cdiv(seq, block_m), heads)
    attention_kernel[grid](q, k, v, o, seq, 1.0 / math.sqrt(dim), q.strides[0] // q.itemsize,
                           q.strides[1] // q.itemsize, HEAD_DIM=dim, BLOCK_M=block_m, BLOCK_N=block_n)
    return o


def reference(q: np.ndarray, k: np.ndarray, v: np.ndarray) -> np.ndarray:
    """numpy attention."""
    s = q @ k.transpose(0, 2, 1) / math.sqrt(q.shape[-1])
    p = np.exp(s - s.max(axis=-1, keepdims=True))
    return (p / p.sum(axis=-1, keepdims=True)) @ v


TOLERANCE = {"float32": 1e-4, "float16": 2e-2}
# float32 inputs on a target whose dots take them at tf32: the reference rounds q, k and v alike, but the
# probabilities are rounded inside the kernel (at most 2**-11 relative each)
TF32_TOLERANCE = 1e-3


def expected(q: np.ndarray, k: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, float]:
    """numpy's attention of q, k and v as the target that would run them computes it, and the tolerance to
    compare at (float32 at tf32 on tensor cores, Triton's default)."""
    rounded_to = pantile.launch_target(q, k, v).capabilities.f32_dot_inputs
    want = reference(*(as_dot_inputs(t, rounded_to) for t in (q, k, v)))
    return want, TF32_TOLERANCE if rounded_to == "tf32" and q.dtype == np.float32 else TOLERANCE[q.dtype.name]


def setup(size: tuple[int, ...], dtype: np.dtype) -> Workload:
    """Random q, k and v of shape (HEADS, SEQ, DIM) and numpy's attention of them."""
    rng = np.random.default_rng(0)
    q, k, v = (rng.standard_normal(size, dtype=np.float32).astype(dtype) for _ in range(3))
    want, tol = expected(q, k, v)
    heads, seq, dim = size
    return Workload(lambda: attention(q, k, v), lambda out: np.testing.assert_allclose(out.astype(np.float32), want,
                                                                                      rtol=tol, atol=tol),
                    flops=4.0 * heads * seq * seq * dim)


EXAMPLE = Example("attention", "Fused attention forward with an online softmax (DIM a power of two, 16 or more).",
                  ("HEADS", "SEQ", "DIM"), (4, 197, 64), tuple(TOLERANCE), setup)


def main(argv: Optional[Sequence[str]] = None, prog: Optional[str] = None) -> int:
    """The example's command line (--size HEADSxSEQxDIM --dtype --target); returns the exit status."""
    return run(EXAMPLE, argv, prog)


if __name__ == "__main__":
    sys.exit(main())
