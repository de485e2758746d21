"""Fused attention forward (online softmax), causal or not, in the pointer form and the tensor-descriptor form of
Triton's tutorial."""
import math
import sys
from typing import Optional, Sequence

import numpy as np

import pantile
import pantile.language as pl

from pantile.conformance.formats import as_dot_inputs
from pantile.tools.tensor_descriptor import TensorDescriptor

from .harness import Example, Workload, run


@pantile.jit
def fold_scores(qk, m_i, l_i, offs_m, cols, seq_len, MASK: pl.constexpr):
    """One key block's scores `qk` (scaled for exp2) of query rows `offs_m` and keys `cols` folded into the
    running row maxima `m_i` and sums `l_i`: (p, alpha, m_i, l_i), p the block's unnormalised probabilities and
    alpha the factor that rescales what was accumulated before. MASK says which scores are dropped: "none" (key
    blocks strictly below the diagonal), "seq" (keys at or past seq_len) or "causal" (keys after the query: the
    diagonal block)."""
    if MASK == "seq":
        qk = pl.where(cols[None, :] < seq_len, qk, -float("inf"))
    if MASK == "causal":
        qk = pl.where(offs_m[:, None] >= cols[None, :], qk, -float("inf"))
    m_new = pl.maximum(m_i, pl.max(qk, 1))
    p = pl.exp2(qk - m_new[:, None])
    alpha = pl.exp2(m_i - m_new)
    return p, alpha, m_new, l_i * alpha + pl.sum(p, 1)


@pantile.jit
def attend(acc, l_i, m_i, q, k_ptr, v_ptr, offs_m, lo, hi, seq_len, qk_scale, stride_n, HEAD_DIM: pl.constexpr,
           BLOCK_N: pl.constexpr, MASK: pl.constexpr):
    """The online softmax of one program's query rows `offs_m` over the keys [lo, hi), BLOCK_N at a time, from
    the running (acc, l_i, m_i); `k_ptr` and `v_ptr` point at the head; MASK as fold_scores."""
    offs_n = pl.arange(0, BLOCK_N)
    offs_d = pl.arange(0, HEAD_DIM)
    for start_n in range(lo, hi, BLOCK_N):
        cols = start_n + offs_n
        k = pl.load(k_ptr + cols[None, :] * stride_n + offs_d[:, None], mask=cols[None, :] < seq_len, other=0.0)
        p, alpha, m_i, l_i = fold_scores(pl.dot(q, k) * qk_scale, m_i, l_i, offs_m, cols, seq_len, MASK)
        v = pl.load(v_ptr + cols[:, None] * stride_n + offs_d[None, :], mask=cols[:, None] < seq_len, other=0.0)
        acc = acc * alpha[:, None] + pl.dot(p.to(v.dtype), v)
    return acc, l_i, m_i


@pantile.jit
def attention_kernel(q_ptr, k_ptr, v_ptr, o_ptr, seq_len, sm_scale, stride_h, stride_n, HEAD_DIM: pl.constexpr,
                     BLOCK_M: pl.constexpr, BLOCK_N: pl.constexpr, CAUSAL: pl.constexpr = False):
    """softmax(q kᵀ · sm_scale) v of BLOCK_M query rows of one head (program ids: row block, head); with CAUSAL,
    query i attends to keys 0..i only, in two loops as Triton's tutorial: the key blocks strictly below the
    diagonal unmasked, then the diagonal block under the causal mask (BLOCK_M a multiple of BLOCK_N)."""
    start_m = pl.program_id(0)
    head = pl.program_id(1)
    base = head * stride_h
    offs_m = start_m * BLOCK_M + pl.arange(0, BLOCK_M)
    offs_d = pl.arange(0, HEAD_DIM)
    q = pl.load(q_ptr + base + offs_m[:, None] * stride_n + offs_d[None, :], mask=offs_m[:, None] < seq_len,
                other=0.0)
    m_i = pl.full([BLOCK_M], -float("inf"), dtype=pl.float32)
    l_i = pl.zeros([BLOCK_M], dtype=pl.float32)
    acc = pl.zeros([BLOCK_M, HEAD_DIM], dtype=pl.float32)
    qk_scale = sm_scale * 1.44269504
    if CAUSAL:
        acc, l_i, m_i = attend(acc, l_i, m_i, q, k_ptr + base, v_ptr + base, offs_m, 0, start_m * BLOCK_M, seq_len,
                               qk_scale, stride_n, HEAD_DIM, BLOCK_N, "none")
        acc, l_i, m_i = attend(acc, l_i, m_i, q, k_ptr + base, v_ptr + base, offs_m, start_m * BLOCK_M,
                               (start_m + 1) * BLOCK_M, seq_len, qk_scale, stride_n, HEAD_DIM, BLOCK_N, "causal")
    else:
        acc, l_i, m_i = attend(acc, l_i, m_i, q, k_ptr + base, v_ptr + base, offs_m, 0, seq_len, seq_len, qk_scale,
                               stride_n, HEAD_DIM, BLOCK_N, "seq")
    acc = acc / l_i[:, None]
    pl.store(o_ptr + base + offs_m[:, None] * stride_n + offs_d[None, :], acc.to(o_ptr.dtype.element_ty),
             mask=offs_m[:, None] < seq_len)


@pantile.jit
def attend_described(acc, l_i, m_i, q, k_desc, v_desc, row0, offs_m, lo, hi, seq_len, qk_scale,
                     BLOCK_N: pl.constexpr, MASK: pl.constexpr):
    """attend with K and V read through tensor descriptors of [heads * seq_len, HEAD_DIM], the head's keys from
    row `row0` on."""
    offs_n = pl.arange(0, BLOCK_N)
    for start_n in range(lo, hi, BLOCK_N):
        k = k_desc.load([row0 + start_n, 0]).T
        p, alpha, m_i, l_i = fold_scores(pl.dot(q, k) * qk_scale, m_i, l_i, offs_m, start_n + offs_n, seq_len, MASK)
        v = v_desc.load([row0 + start_n, 0])
        acc = acc * alpha[:, None] + pl.dot(p.to(v.dtype), v)
    return acc, l_i, m_i


@pantile.jit
def descriptor_attention_kernel(sm_scale, q_desc, k_desc, v_desc, o_desc, seq_len, HEAD_DIM: pl.constexpr,
                                BLOCK_M: pl.constexpr, BLOCK_N: pl.constexpr, CAUSAL: pl.constexpr = False):
    """attention_kernel with tensor descriptors (the host-descriptor form of Triton's tutorial): q, k, v and o
    are [heads * seq_len, HEAD_DIM] (seq_len a multiple of BLOCK_M), in blocks of [BLOCK_M, HEAD_DIM] for q and
    o and [BLOCK_N, HEAD_DIM] for k and v; on Hopper their tiles come by TMA."""
    start_m = pl.program_id(0)
    row0 = pl.program_id(1) * seq_len
    offs_m = start_m * BLOCK_M + pl.arange(0, BLOCK_M)
    q = q_desc.load([row0 + start_m * BLOCK_M, 0])
    m_i = pl.full([BLOCK_M], -float("inf"), dtype=pl.float32)
    l_i = pl.zeros([BLOCK_M], dtype=pl.float32)
    acc = pl.zeros([BLOCK_M, HEAD_DIM], dtype=pl.float32)
    qk_scale = sm_scale * 1.44269504
    if CAUSAL:
        acc, l_i, m_i = attend_described(acc, l_i, m_i, q, k_desc, v_desc, row0, offs_m, 0, start_m * BLOCK_M,
                                         seq_len, qk_scale, BLOCK_N, "none")
        acc, l_i, m_i = attend_described(acc, l_i, m_i, q, k_desc, v_desc, row0, offs_m, start_m * BLOCK_M,
                                         (start_m + 1) * BLOCK_M, seq_len, qk_scale, BLOCK_N, "causal")
    else:
        acc, l_i, m_i = attend_described(acc, l_i, m_i, q, k_desc, v_desc, row0, offs_m, 0, seq_len, seq_len,
                                         qk_scale, BLOCK_N, "seq")
    acc = acc / l_i[:, None]
    o_desc.store([row0 + start_m * BLOCK_M, 0], acc.to(o_desc.dtype))


def attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, block_m: int = 32, block_n: int = 32,
              causal: bool = False) -> np.ndarray:
    """softmax(q k^T / sqrt(d)) v for arrays of shape (heads, seq, head_dim); `causal`: query i sees keys 0..i."""
    heads, seq, dim = q.shape
    o = np.empty_like(q)
    grid = (pantile.cdiv(seq, block_m), heads)
    attention_kernel[grid](q, k, v, o, seq, 1.0 / math.sqrt(dim), q.strides[0] // q.itemsize,
                           q.strides[1] // q.itemsize, HEAD_DIM=dim, BLOCK_M=block_m, BLOCK_N=block_n, CAUSAL=causal)
    return o


def descriptor_attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, block_m: int = 32, block_n: int = 32,
                         causal: bool = False) -> np.ndarray:
    """attention() by descriptor_attention_kernel (the sequence length a multiple of block_m)."""
    heads, seq, dim = q.shape
    if seq % block_m:
        raise ValueError(f"descriptor_attention: the sequence length {seq} must be a multiple of block_m {block_m} "
                         f"(a descriptor store cannot leave the rows past it out)")
    o = np.empty_like(q)
    descs = [TensorDescriptor.from_tensor(t.reshape(heads * seq, dim), [block, dim])
             for t, block in ((q, block_m), (k, block_n), (v, block_n), (o, block_m))]
    descriptor_attention_kernel[(seq // block_m, heads)](1.0 / math.sqrt(dim), *descs, seq, HEAD_DIM=dim,
                                                         BLOCK_M=block_m, BLOCK_N=block_n, CAUSAL=causal)
    return o


def reference(q: np.ndarray, k: np.ndarray, v: np.ndarray, causal: bool = False) -> np.ndarray:
    """numpy attention; `causal`: the scores of keys after the query dropped."""
    s = q @ k.transpose(0, 2, 1) / math.sqrt(q.shape[-1])
    if causal:
        s = np.where(np.tril(np.ones(s.shape[-2:], dtype=bool)), s, -np.inf)
    p = np.exp(s - s.max(axis=-1, keepdims=True))
    return (p / p.sum(axis=-1, keepdims=True)) @ v


# Triton tutorial 06's autotune list on Hopper (BLOCK_M, BLOCK_N, num_warps, num_stages), as benchmarks/cuda.py runs
# it: BLOCK_M 64 or 128, BLOCK_N 32, 64 or 128, 2 to 4 stages, 4 warps, or 8 where BLOCK_M * BLOCK_N reaches
# 128 * 128 (its `keep`)
TUTORIAL_CONFIGS = tuple((bm, bn, warps, stages) for bm in (64, 128) for bn in (32, 64, 128) for stages in (2, 3, 4)
                         for warps in (4, 8) if warps == 4 or bm * bn >= 128 * 128)


def tutorial_configs(causal: bool) -> tuple:
    """TUTORIAL_CONFIGS as the tutorial prunes them: causal, BLOCK_M at least BLOCK_N (the diagonal block is
    whole key blocks)."""
    return tuple(c for c in TUTORIAL_CONFIGS if not causal or c[0] >= c[1])


TOLERANCE = {"float32": 1e-4, "float16": 2e-2}
# float32 inputs on a target whose dots take them at tf32: the reference rounds q, k and v alike, but the
# probabilities are rounded inside the kernel (at most 2**-11 relative each)
TF32_TOLERANCE = 1e-3


def expected(q: np.ndarray, k: np.ndarray, v: np.ndarray, causal: bool = False) -> tuple[np.ndarray, float]:
    """numpy's attention of q, k and v as the target that would run them computes it, and the tolerance to
    compare at (float32 at tf32 on tensor cores, Triton's default)."""
    rounded_to = pantile.launch_target(q, k, v).capabilities.f32_dot_inputs
    want = reference(*(as_dot_inputs(t, rounded_to) for t in (q, k, v)), causal=causal)
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
