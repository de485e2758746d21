"""pantile vs Triton vs PyTorch on one GPU, one process: vector add, softmax, layer norm, matmul, attention.

    python benchmarks/cuda.py [--out benchmarks/results] [--only matmul,attention] [--sizes 4096,8192]

Each kernel is checked against PyTorch first, then timed with triton.testing.do_bench
(median of CUDA-event timings); pantile and Triton each get their best of 4, 8 and 16 warps. Prints GB/s, the ratios pantile/Triton and
pantile/PyTorch, and the cuda cost model's prediction; writes
benchmarks/results/cuda-<date>.json.

Matmul (f16 and bf16) runs Triton tutorial 03's kernel from one source each (pantile.examples.matmul and
triton_matmul below) at every config of the tutorial's autotune list, pantile compiled for cuda:sm_80
(mma.sync, the driver compiles its PTX for the GPU) and for the GPU's own arch; each compiler's best config
counts. matmul_descriptor does the same for the tensor-descriptor form (TensorDescriptor arguments, desc.load
and desc.store: pantile.examples.matmul.descriptor_matmul_kernel and triton_descriptor_matmul below), pantile
for the GPU's own arch (on Hopper both copy the tiles by TMA). matmul_fp8 runs the same two kernels on e4m3
inputs with B pre-transposed (a [N, K] tensor's transpose, K-major) and f16 output, as the tutorial's fp8 case
does, at the tutorial's fp8 configs, pantile for the GPU's own arch. matmul_persistent (f16) runs the persistent
form (pantile.examples.matmul.persistent_matmul_kernel and triton_persistent_matmul below: min(SMs, tiles)
programs looping over tiles with tl.range(..., flatten=True)) at the configs of Triton's persistent-matmul
tutorial, pantile for the GPU's own arch. Attention forward (f16, B=4, H=32, D=128, causal and not:
pantile.examples.attention and its Triton twin below) likewise at the configs of Triton's tutorial 06, in the
pointer form (not causal: pantile also for cuda:sm_80) and, as attention_descriptor, in the tensor-descriptor
form (descriptor_attention_kernel and triton_descriptor_attention: TensorDescriptor arguments). Every
(compiler, config) is checked against torch on fresh random inputs, its output poisoned with NaN first;
a wrong one is reported and not timed.
"""
from __future__ import annotations

import argparse
import ast
import datetime
import json
import os
import platform
import sys
from pathlib import Path
from typing import Callable, Optional

import torch
import triton
import triton.language as tl

import pantile
from pantile.examples.attention import attention_kernel, descriptor_attention_kernel, tutorial_configs
from pantile.examples.layer_norm import layer_norm_kernel
from pantile.examples.matmul import (TUTORIAL_CONFIGS, TUTORIAL_FP8_CONFIGS, descriptor_matmul_kernel,
                                     matmul_kernel, persistent_matmul_kernel)
from pantile.examples.softmax import softmax_kernel
from pantile.examples.vector_add import add_kernel
from pantile.targets.registry import get_target
from pantile.tools.tensor_descriptor import TensorDescriptor


@triton.jit
def triton_add(x_ptr, y_ptr, out_ptr, n, BLOCK: tl.constexpr):
    """Vector add, as in Triton's first tutorial."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    tl.store(out_ptr + offs, tl.load(x_ptr + offs, mask=mask) + tl.load(y_ptr + offs, mask=mask), mask=mask)


@triton.jit
def triton_softmax(out_ptr, in_ptr, in_stride, out_stride, n_cols, BLOCK: tl.constexpr):
    """One row per program, the same algorithm as pantile.examples.softmax."""
    row = tl.program_id(0)
    cols = tl.arange(0, BLOCK)
    mask = cols < n_cols
    x = tl.load(in_ptr + row * in_stride + cols, mask=mask, other=-float("inf"))
    num = tl.exp(x - tl.max(x, axis=0))
    tl.store(out_ptr + row * out_stride + cols, num / tl.sum(num, axis=0), mask=mask)


@triton.jit
def triton_layer_norm(x_ptr, y_ptr, w_ptr, b_ptr, mean_ptr, rstd_ptr, stride, n_cols, eps, BLOCK: tl.constexpr):
    """The same three passes as pantile.examples.layer_norm, written for Triton."""
    row = tl.program_id(0)
    x_ptr += row * stride
    y_ptr += row * stride
    partial = tl.zeros([BLOCK], dtype=tl.float32)
    for off in range(0, n_cols, BLOCK):
        cols = off + tl.arange(0, BLOCK)
        partial += tl.load(x_ptr + cols, mask=cols < n_cols, other=0.0).to(tl.float32)
    mean = tl.sum(partial, axis=0) / n_cols
    partial = tl.zeros([BLOCK], dtype=tl.float32)
    for off in range(0, n_cols, BLOCK):
        cols = off + tl.arange(0, BLOCK)
        x = tl.load(x_ptr + cols, mask=cols < n_cols, other=0.0).to(tl.float32)
        centred = tl.where(cols < n_cols, x - mean, 0.0)
        partial += centred * centred
    rstd = 1 / tl.sqrt(tl.sum(partial, axis=0) / n_cols + eps)
    tl.store(mean_ptr + row, mean)
    tl.store(rstd_ptr + row, rstd)
    for off in range(0, n_cols, BLOCK):
        cols = off + tl.arange(0, BLOCK)
        mask = cols < n_cols
        w = tl.load(w_ptr + cols, mask=mask)
        b = tl.load(b_ptr + cols, mask=mask)
        x = tl.load(x_ptr + cols, mask=mask, other=0.0).to(tl.float32)
        tl.store(y_ptr + cols, ((x - mean) * rstd * w + b).to(tl.float16), mask=mask)


@triton.jit
def triton_matmul(a_ptr, b_ptr, c_ptr, M, N, K, stride_am, stride_ak, stride_bk, stride_bn, stride_cm, stride_cn,
                  BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr, BLOCK_K: tl.constexpr, GROUP_M: tl.constexpr):
    """The same grouped tiling as pantile.examples.matmul, written for Triton."""
    pid = tl.program_id(axis=0)
    num_pid_m = tl.cdiv(M, BLOCK_M)
    num_pid_n = tl.cdiv(N, BLOCK_N)
    pids_per_group = GROUP_M * num_pid_n
    first_m = (pid // pids_per_group) * GROUP_M
    group_rows = min(num_pid_m - first_m, GROUP_M)
    pid_m = first_m + ((pid % pids_per_group) % group_rows)
    pid_n = (pid % pids_per_group) // group_rows
    offs_m = pid_m * BLOCK_M + tl.arange(0, BLOCK_M)
    offs_n = pid_n * BLOCK_N + tl.arange(0, BLOCK_N)
    offs_k = tl.arange(0, BLOCK_K)
    a_ptrs = a_ptr + offs_m[:, None] * stride_am + offs_k[None, :] * stride_ak
    b_ptrs = b_ptr + offs_k[:, None] * stride_bk + offs_n[None, :] * stride_bn
    acc = tl.zeros((BLOCK_M, BLOCK_N), dtype=tl.float32)
    for k in range(0, tl.cdiv(K, BLOCK_K)):
        k_left = K - k * BLOCK_K
        a = tl.load(a_ptrs, mask=(offs_m[:, None] < M) & (offs_k[None, :] < k_left), other=0.0)
        b = tl.load(b_ptrs, mask=(offs_k[:, None] < k_left) & (offs_n[None, :] < N), other=0.0)
        acc = tl.dot(a, b, acc)
        a_ptrs += BLOCK_K * stride_ak
        b_ptrs += BLOCK_K * stride_bk
    c_ptrs = c_ptr + offs_m[:, None] * stride_cm + offs_n[None, :] * stride_cn
    tl.store(c_ptrs, acc.to(tl.float16), mask=(offs_m[:, None] < M) & (offs_n[None, :] < N))


triton_matmul_mma_sync = triton.jit(triton_matmul.fn)     # the same kernel, compiled under DISABLE_MMA_V3=1


@triton.jit
def triton_descriptor_matmul(a_desc, b_desc, c_desc, M, N, K, BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr,
                             BLOCK_K: tl.constexpr, GROUP_M: tl.constexpr):
    """pantile.examples.matmul.descriptor_matmul_kernel, written for Triton."""
    pid = tl.program_id(axis=0)
    num_pid_m = tl.cdiv(M, BLOCK_M)
    num_pid_n = tl.cdiv(N, BLOCK_N)
    pids_per_group = GROUP_M * num_pid_n
    first_m = (pid // pids_per_group) * GROUP_M
    group_rows = min(num_pid_m - first_m, GROUP_M)
    pid_m = first_m + ((pid % pids_per_group) % group_rows)
    pid_n = (pid % pids_per_group) // group_rows
    acc = tl.zeros((BLOCK_M, BLOCK_N), dtype=tl.float32)
    for k in range(0, tl.cdiv(K, BLOCK_K)):
        a = a_desc.load([pid_m * BLOCK_M, k * BLOCK_K])
        b = b_desc.load([k * BLOCK_K, pid_n * BLOCK_N])
        acc = tl.dot(a, b, acc)
    c_desc.store([pid_m * BLOCK_M, pid_n * BLOCK_N], acc.to(c_desc.dtype))


@triton.jit
def triton_tile_coords(tile, tiles_per_group, tiles_m, GROUP_M: tl.constexpr):
    """pantile.examples.matmul.tile_coords, written for Triton."""
    first_m = (tile // tiles_per_group) * GROUP_M
    group_rows = min(tiles_m - first_m, GROUP_M)
    return first_m + (tile % tiles_per_group) % group_rows, (tile % tiles_per_group) // group_rows


@triton.jit
def triton_persistent_matmul(a_ptr, b_ptr, c_ptr, M, N, K, stride_am, stride_ak, stride_bk, stride_bn, stride_cm,
                             stride_cn, BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr, BLOCK_K: tl.constexpr,
                             GROUP_M: tl.constexpr, NUM_SMS: tl.constexpr):
    """pantile.examples.matmul.persistent_matmul_kernel, written for Triton (the form of Triton's tutorial 09)."""
    tiles_m = tl.cdiv(M, BLOCK_M)
    tiles_n = tl.cdiv(N, BLOCK_N)
    k_tiles = tl.cdiv(K, BLOCK_K)
    tiles_per_group = GROUP_M * tiles_n
    k_lanes = tl.arange(0, BLOCK_K)
    for tile in tl.range(tl.program_id(axis=0), tiles_m * tiles_n, NUM_SMS, flatten=True):
        pid_m, pid_n = triton_tile_coords(tile, tiles_per_group, tiles_m, GROUP_M)
        offs_m = pid_m * BLOCK_M + tl.arange(0, BLOCK_M)
        offs_n = pid_n * BLOCK_N + tl.arange(0, BLOCK_N)
        rows = tl.max_contiguous(tl.multiple_of(tl.where(offs_m < M, offs_m, 0), BLOCK_M), BLOCK_M)
        cols = tl.max_contiguous(tl.multiple_of(tl.where(offs_n < N, offs_n, 0), BLOCK_N), BLOCK_N)
        acc = tl.zeros((BLOCK_M, BLOCK_N), dtype=tl.float32)
        for kk in range(k_tiles):
            offs_k = kk * BLOCK_K + k_lanes
            a = tl.load(a_ptr + rows[:, None] * stride_am + offs_k[None, :] * stride_ak,
                        mask=k_lanes[None, :] < K - kk * BLOCK_K, other=0.0)
            b = tl.load(b_ptr + offs_k[:, None] * stride_bk + cols[None, :] * stride_bn,
                        mask=k_lanes[:, None] < K - kk * BLOCK_K, other=0.0)
            acc = tl.dot(a, b, acc)
        c_ptrs = c_ptr + offs_m[:, None] * stride_cm + offs_n[None, :] * stride_cn
        tl.store(c_ptrs, acc.to(c_ptr.dtype.element_ty), mask=(offs_m[:, None] < M) & (offs_n[None, :] < N))


def bench(fn) -> float:
    """Median milliseconds of `fn` (CUDA events, after warm-up)."""
    return triton.testing.do_bench(fn, warmup=25, rep=500, return_mode="median")


def artifact_for(kernel, num_warps: int):
    """The artifact `kernel` compiled for `num_warps` (for the cost model and the register count)."""
    return next(v.artifact for v in kernel._variants.values() if v.artifact.num_warps == num_warps)


def best(fn) -> tuple[float, int]:
    """(median ms, num_warps) of the fastest of the candidate warp counts."""
    return min((bench(lambda: fn(nw)), nw) for nw in WARPS)


WARPS = (4, 8, 16)


def case_vector_add():
    """x + y over 2**28 float32 elements."""
    n = 2 ** 28
    x, y = torch.randn(n, device="cuda"), torch.randn(n, device="cuda")
    out = torch.empty_like(x)
    grid = (triton.cdiv(n, 1024),)
    runs = {
        "pantile": lambda nw: add_kernel[grid](x, y, out, n, BLOCK_SIZE=1024, num_warps=nw),
        "triton": lambda nw: triton_add[grid](x, y, out, n, BLOCK=1024, num_warps=nw),
        "torch": lambda nw: torch.add(x, y, out=out),
    }
    runs["pantile"](4)
    torch.testing.assert_close(out, x + y, rtol=0, atol=0)
    return runs, 3 * n * 4, 0.0, add_kernel, grid


def case_softmax():
    """Row softmax of a 16384 x 4096 float32 matrix."""
    rows, cols = 16384, 4096
    x = torch.randn(rows, cols, device="cuda")
    out = torch.empty_like(x)
    grid = (rows,)
    runs = {
        "pantile": lambda nw: softmax_kernel[grid](out, x, x.stride(0), out.stride(0), rows, cols, BLOCK_SIZE=cols,
                                                   num_warps=nw),
        "triton": lambda nw: triton_softmax[grid](out, x, x.stride(0), out.stride(0), cols, BLOCK=cols,
                                                  num_warps=nw),
        "torch": lambda nw: torch.softmax(x, dim=1),
    }
    runs["pantile"](8)
    torch.testing.assert_close(out, torch.softmax(x, dim=1), rtol=1e-5, atol=1e-6)
    return runs, 2 * rows * cols * 4, 0.0, softmax_kernel, grid


def case_layer_norm():
    """Layer norm forward of a 4096 x 8192 float16 matrix."""
    rows, cols = 4096, 8192
    x = torch.randn(rows, cols, device="cuda", dtype=torch.float16)
    w = torch.rand(cols, device="cuda", dtype=torch.float16)
    b = torch.rand(cols, device="cuda", dtype=torch.float16)
    y = torch.empty_like(x)
    mean = torch.empty(rows, device="cuda")
    rstd = torch.empty(rows, device="cuda")
    grid = (rows,)
    runs = {
        "pantile": lambda nw: layer_norm_kernel[grid](x, y, w, b, mean, rstd, x.stride(0), cols, 1e-5,
                                                      BLOCK_SIZE=cols, num_warps=nw),
        "triton": lambda nw: triton_layer_norm[grid](x, y, w, b, mean, rstd, x.stride(0), cols, 1e-5, BLOCK=cols,
                                                     num_warps=nw),
        "torch": lambda nw: torch.nn.functional.layer_norm(x, (cols,), w, b, 1e-5),
    }
    runs["pantile"](8)
    ref = torch.nn.functional.layer_norm(x.float(), (cols,), w.float(), b.float(), 1e-5)
    torch.testing.assert_close(y.float(), ref, rtol=1e-2, atol=1e-2)
    return runs, 2 * rows * cols * 2 + 2 * cols * 2, 0.0, layer_norm_kernel, grid


# Triton's persistent-matmul tutorial: BLOCK_M 128, BLOCK_N 128 or 256, BLOCK_K 64 or 128, 4 or 8 warps, 3 or 4 stages
PERSISTENT_CONFIGS = tuple((128, bn, bk, warps, stages) for bn in (128, 256) for bk in (64, 128) for warps in (4, 8)
                           for stages in (3, 4))
@triton.jit
def triton_fold_scores(qk, m_i, l_i, offs_m, cols, seq_len, MASK: tl.constexpr):
    """pantile.examples.attention.fold_scores, written for Triton."""
    if MASK == "seq":
        qk = tl.where(cols[None, :] < seq_len, qk, -float("inf"))
    if MASK == "causal":
        qk = tl.where(offs_m[:, None] >= cols[None, :], qk, -float("inf"))
    m_new = tl.maximum(m_i, tl.max(qk, 1))
    p = tl.exp2(qk - m_new[:, None])
    alpha = tl.exp2(m_i - m_new)
    return p, alpha, m_new, l_i * alpha + tl.sum(p, 1)


@triton.jit
def triton_attend(acc, l_i, m_i, q, k_ptr, v_ptr, offs_m, lo, hi, seq_len, qk_scale, stride_n, HEAD_DIM: tl.constexpr,
                  BLOCK_N: tl.constexpr, MASK: tl.constexpr):
    """pantile.examples.attention.attend, written for Triton."""
    offs_n = tl.arange(0, BLOCK_N)
    offs_d = tl.arange(0, HEAD_DIM)
    for start_n in range(lo, hi, BLOCK_N):
        cols = start_n + offs_n
        k = tl.load(k_ptr + cols[None, :] * stride_n + offs_d[:, None], mask=cols[None, :] < seq_len, other=0.0)
        p, alpha, m_i, l_i = triton_fold_scores(tl.dot(q, k) * qk_scale, m_i, l_i, offs_m, cols, seq_len, MASK)
        v = tl.load(v_ptr + cols[:, None] * stride_n + offs_d[None, :], mask=cols[:, None] < seq_len, other=0.0)
        acc = acc * alpha[:, None] + tl.dot(p.to(v.dtype), v)
    return acc, l_i, m_i


@triton.jit
def triton_attention(q_ptr, k_ptr, v_ptr, o_ptr, seq_len, sm_scale, stride_h, stride_n, HEAD_DIM: tl.constexpr,
                     BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr, CAUSAL: tl.constexpr = False):
    """pantile.examples.attention.attention_kernel, written for Triton."""
    start_m = tl.program_id(0)
    head = tl.program_id(1)
    base = head * stride_h
    offs_m = start_m * BLOCK_M + tl.arange(0, BLOCK_M)
    offs_d = tl.arange(0, HEAD_DIM)
    q = tl.load(q_ptr + base + offs_m[:, None] * stride_n + offs_d[None, :], mask=offs_m[:, None] < seq_len,
                other=0.0)
    m_i = tl.full([BLOCK_M], -float("inf"), dtype=tl.float32)
    l_i = tl.zeros([BLOCK_M], dtype=tl.float32)
    acc = tl.zeros([BLOCK_M, HEAD_DIM], dtype=tl.float32)
    qk_scale = sm_scale * 1.44269504
    if CAUSAL:
        acc, l_i, m_i = triton_attend(acc, l_i, m_i, q, k_ptr + base, v_ptr + base, offs_m, 0, start_m * BLOCK_M,
                                      seq_len, qk_scale, stride_n, HEAD_DIM, BLOCK_N, "none")
        acc, l_i, m_i = triton_attend(acc, l_i, m_i, q, k_ptr + base, v_ptr + base, offs_m, start_m * BLOCK_M,
                                      (start_m + 1) * BLOCK_M, seq_len, qk_scale, stride_n, HEAD_DIM, BLOCK_N,
                                      "causal")
    else:
        acc, l_i, m_i = triton_attend(acc, l_i, m_i, q, k_ptr + base, v_ptr + base, offs_m, 0, seq_len, seq_len,
                                      qk_scale, stride_n, HEAD_DIM, BLOCK_N, "seq")
    acc = acc / l_i[:, None]
    tl.store(o_ptr + base + offs_m[:, None] * stride_n + offs_d[None, :], acc.to(o_ptr.dtype.element_ty),
             mask=offs_m[:, None] < seq_len)


@triton.jit
def triton_attend_described(acc, l_i, m_i, q, k_desc, v_desc, row0, offs_m, lo, hi, seq_len, qk_scale,
                            BLOCK_N: tl.constexpr, MASK: tl.constexpr):
    """pantile.examples.attention.attend_described, written for Triton."""
    offs_n = tl.arange(0, BLOCK_N)
    for start_n in range(lo, hi, BLOCK_N):
        k = k_desc.load([row0 + start_n, 0]).T
        p, alpha, m_i, l_i = triton_fold_scores(tl.dot(q, k) * qk_scale, m_i, l_i, offs_m, start_n + offs_n, seq_len,
                                                MASK)
        v = v_desc.load([row0 + start_n, 0])
        acc = acc * alpha[:, None] + tl.dot(p.to(v.dtype), v)
    return acc, l_i, m_i


@triton.jit
def triton_descriptor_attention(sm_scale, q_desc, k_desc, v_desc, o_desc, seq_len, HEAD_DIM: tl.constexpr,
                                BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr, CAUSAL: tl.constexpr = False):
    """pantile.examples.attention.descriptor_attention_kernel, written for Triton."""
    start_m = tl.program_id(0)
    row0 = tl.program_id(1) * seq_len
    offs_m = start_m * BLOCK_M + tl.arange(0, BLOCK_M)
    q = q_desc.load([row0 + start_m * BLOCK_M, 0])
    m_i = tl.full([BLOCK_M], -float("inf"), dtype=tl.float32)
    l_i = tl.zeros([BLOCK_M], dtype=tl.float32)
    acc = tl.zeros([BLOCK_M, HEAD_DIM], dtype=tl.float32)
    qk_scale = sm_scale * 1.44269504
    if CAUSAL:
        acc, l_i, m_i = triton_attend_described(acc, l_i, m_i, q, k_desc, v_desc, row0, offs_m, 0, start_m * BLOCK_M,
                                                seq_len, qk_scale, BLOCK_N, "none")
        acc, l_i, m_i = triton_attend_described(acc, l_i, m_i, q, k_desc, v_desc, row0, offs_m, start_m * BLOCK_M,
                                                (start_m + 1) * BLOCK_M, seq_len, qk_scale, BLOCK_N, "causal")
    else:
        acc, l_i, m_i = triton_attend_described(acc, l_i, m_i, q, k_desc, v_desc, row0, offs_m, 0, seq_len, seq_len,
                                                qk_scale, BLOCK_N, "seq")
    acc = acc / l_i[:, None]
    o_desc.store([row0 + start_m * BLOCK_M, 0], acc.to(o_desc.dtype))


def relative_error(out: torch.Tensor, ref: torch.Tensor) -> float:
    """||out - ref|| / ||ref|| in float64 (NaN when any output is NaN, e.g. left unwritten)."""
    out, ref = out.double(), ref.double()
    return float(torch.linalg.norm(out - ref) / torch.linalg.norm(ref))


def on_arch(arch, fn):
    """`fn` with pantile launches going to `arch` (None: the GPU's own)."""
    if arch is None:
        return fn

    def run():
        with pantile.target(arch):
            fn()
    return run


def best_config(name: str, make, configs, check, flops: float) -> dict:
    """Check then time `make(config)` for every config; the fastest correct one and every config's figures."""
    rows = {}
    for cfg in configs:
        fn = make(cfg)
        try:
            err = check(fn)
        except Exception as e:       # a config one compiler cannot build (shared memory, registers) is skipped
            rows[str(cfg)] = {"error": f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"}
            print(f"  {name} {cfg}: {rows[str(cfg)]['error']}", flush=True)
            continue
        if not err < 2e-2:
            rows[str(cfg)] = {"error": f"wrong result: relative error {err:.3g}"}
            print(f"  {name} {cfg}: {rows[str(cfg)]['error']}", flush=True)
            continue
        ms = bench(fn)
        rows[str(cfg)] = {"ms": ms, "TFLOP/s": flops / (ms * 1e-3) / 1e12, "rel_error": err}
        print(f"  {name} {cfg}: {ms:.3f} ms {rows[str(cfg)]['TFLOP/s']:.1f} TFLOP/s (error {err:.2e})", flush=True)
    timed = {k: v for k, v in rows.items() if "ms" in v}
    top = min(timed, key=lambda k: timed[k]["ms"]) if timed else None
    return {"best": top, "TFLOP/s": timed[top]["TFLOP/s"] if top else 0.0, "configs": rows}


def output_check(out: torch.Tensor, ref: torch.Tensor):
    """best_config's check: `out` filled with NaN (an element left unwritten fails), the launch run once, the
    relative error of `out` against `ref`."""
    def check(fn):
        out.fill_(float("nan"))
        fn()
        torch.cuda.synchronize()
        return relative_error(out, ref)
    return check


def triton_and_pantile(triton_launch, pantile_launch, archs: list, configs, check, flops: float) -> dict:
    """best_config of Triton and of pantile on each arch (None: the GPU's own); each `*_launch(config)` returns
    a callable that launches that config once."""
    out = {"triton": best_config("triton", triton_launch, configs, check, flops)}
    for arch in archs:
        name = f"pantile {arch or 'native'}"
        out[name] = best_config(name, lambda cfg, arch=arch: on_arch(arch, pantile_launch(cfg)), configs, check,
                                flops)
    return out


def matmul_results(size: int, dtype: torch.dtype, archs: list) -> dict:
    """Tutorial-03 matmul at size^3: Triton, cuBLAS, and pantile for each arch, best config each."""
    a = torch.randn(size, size, device="cuda", dtype=dtype)
    b = torch.randn(size, size, device="cuda", dtype=dtype)
    c = torch.empty_like(a)
    ref = (a.double() @ b.double())
    flops = 2.0 * size ** 3
    strides = (a.stride(0), a.stride(1), b.stride(0), b.stride(1), c.stride(0), c.stride(1))

    check = output_check(c, ref)

    def grid(bm, bn):
        return (triton.cdiv(size, bm) * triton.cdiv(size, bn),)

    def launcher(kernel, cfg):
        return lambda: kernel[grid(cfg[0], cfg[1])](a, b, c, size, size, size, *strides, BLOCK_M=cfg[0],
                                                    BLOCK_N=cfg[1], BLOCK_K=cfg[2], GROUP_M=8, num_warps=cfg[3],
                                                    num_stages=cfg[4])
    out = triton_and_pantile(lambda cfg: launcher(triton_matmul, cfg), lambda cfg: launcher(matmul_kernel, cfg),
                             archs, TUTORIAL_CONFIGS, check, flops)
    if "cuda:sm_80" in archs and torch.cuda.get_device_capability() >= (9, 0):
        # Triton's own mma.sync path on Hopper, the peer of pantile's sm_80 build: DISABLE_MMA_V3 is read when a
        # kernel compiles, and a JITFunction of its own keeps the wgmma builds above out of its cache
        os.environ["DISABLE_MMA_V3"] = "1"
        try:
            out["triton mma.sync"] = best_config("triton mma.sync", lambda cfg: launcher(triton_matmul_mma_sync, cfg),
                                                 TUTORIAL_CONFIGS, check, flops)
        finally:
            del os.environ["DISABLE_MMA_V3"]
    ms = bench(lambda: torch.matmul(a, b))
    out["torch"] = {"TFLOP/s": flops / (ms * 1e-3) / 1e12, "ms": ms}
    return out


def fp8_matmul_results(size: int, archs: list) -> dict:
    """Tutorial-03 matmul at size^3 on float8_e4m3fn inputs, B pre-transposed, f16 output: Triton and pantile
    for each arch, best config each."""
    a = torch.randn(size, size, device="cuda").to(torch.float8_e4m3fn)
    b = torch.randn(size, size, device="cuda").to(torch.float8_e4m3fn).T
    c = torch.empty(size, size, device="cuda", dtype=torch.float16)
    ref = a.double() @ b.double()
    flops = 2.0 * size ** 3
    strides = (a.stride(0), a.stride(1), b.stride(0), b.stride(1), c.stride(0), c.stride(1))

    check = output_check(c, ref)

    def launcher(kernel, cfg):
        grid = (triton.cdiv(size, cfg[0]) * triton.cdiv(size, cfg[1]),)
        return lambda: kernel[grid](a, b, c, size, size, size, *strides, BLOCK_M=cfg[0], BLOCK_N=cfg[1],
                                    BLOCK_K=cfg[2], GROUP_M=8, num_warps=cfg[3], num_stages=cfg[4])
    return triton_and_pantile(lambda cfg: launcher(triton_matmul, cfg), lambda cfg: launcher(matmul_kernel, cfg),
                              archs, TUTORIAL_FP8_CONFIGS, check, flops)


def persistent_matmul_results(size: int, archs: list) -> dict:
    """The persistent matmul at size^3, f16: Triton and pantile for each arch, best config each, one program
    per SM (capped at the tiles)."""
    a = torch.randn(size, size, device="cuda", dtype=torch.float16)
    b = torch.randn(size, size, device="cuda", dtype=torch.float16)
    c = torch.empty_like(a)
    ref = a.double() @ b.double()
    flops = 2.0 * size ** 3
    strides = (a.stride(0), a.stride(1), b.stride(0), b.stride(1), c.stride(0), c.stride(1))
    sms = torch.cuda.get_device_properties(0).multi_processor_count

    check = output_check(c, ref)

    def launcher(kernel, cfg):
        programs = min(sms, triton.cdiv(size, cfg[0]) * triton.cdiv(size, cfg[1]))
        return lambda: kernel[(programs,)](a, b, c, size, size, size, *strides, BLOCK_M=cfg[0], BLOCK_N=cfg[1],
                                           BLOCK_K=cfg[2], GROUP_M=8, NUM_SMS=programs, num_warps=cfg[3],
                                           num_stages=cfg[4])
    return triton_and_pantile(lambda cfg: launcher(triton_persistent_matmul, cfg),
                              lambda cfg: launcher(persistent_matmul_kernel, cfg), archs, PERSISTENT_CONFIGS, check,
                              flops)


def descriptor_matmul_results(size: int, dtype: torch.dtype, archs: list) -> dict:
    """The tensor-descriptor matmul at size^3: Triton and pantile for each arch, best config each (the
    descriptors of each config made once, outside the timed launches, by each compiler's TensorDescriptor)."""
    from triton.tools.tensor_descriptor import TensorDescriptor as TritonDescriptor
    a = torch.randn(size, size, device="cuda", dtype=dtype)
    b = torch.randn(size, size, device="cuda", dtype=dtype)
    c = torch.empty_like(a)
    ref = (a.double() @ b.double())
    flops = 2.0 * size ** 3

    check = output_check(c, ref)

    def launcher(kernel, make_desc, cfg):
        bm, bn, bk, warps, stages = cfg
        descs = (make_desc(a, [bm, bk]), make_desc(b, [bk, bn]), make_desc(c, [bm, bn]))
        grid = (triton.cdiv(size, bm) * triton.cdiv(size, bn),)
        return lambda: kernel[grid](*descs, size, size, size, BLOCK_M=bm, BLOCK_N=bn, BLOCK_K=bk, GROUP_M=8,
                                    num_warps=warps, num_stages=stages)

    return triton_and_pantile(lambda cfg: launcher(triton_descriptor_matmul, TritonDescriptor.from_tensor, cfg),
                              lambda cfg: launcher(descriptor_matmul_kernel, TensorDescriptor.from_tensor, cfg),
                              archs, TUTORIAL_CONFIGS, check, flops)


def attention_results(seq: int, archs: list, causal: bool, descriptor: bool = False, batch: int = 4, heads: int = 32,
                      dim: int = 128, configs: Optional[tuple] = None) -> dict:
    """Attention forward, f16, (batch * heads, seq, dim), causal or not, in the pointer form or (`descriptor`) the
    tensor-descriptor form on [batch * heads * seq, dim] views: Triton, SDPA, pantile per arch, best config each
    (the descriptors of a config made once, outside the timed launches). FLOPs as the tutorial counts them: half
    the square of scores where causal."""
    shape = (batch * heads, seq, dim)
    q, k, v = (torch.randn(shape, device="cuda", dtype=torch.float16) for _ in range(3))
    o = torch.empty_like(q)
    # SDPA on 4-D (batch, heads, seq, dim) views: on 3-D tensors torch takes its math path, which materializes the
    # scores (137 GB in f32 at seq 16384) and runs the peer far from its fused kernels
    heads4d = [t.view(batch, heads, seq, dim) for t in (q, k, v)]
    ref = torch.nn.functional.scaled_dot_product_attention(*(t.float() for t in heads4d), is_causal=causal).view(shape)
    flops = 4.0 * batch * heads * seq * seq * dim * (0.5 if causal else 1.0)
    scale = 1.0 / dim ** 0.5
    flat = [t.view(batch * heads * seq, dim) for t in (q, k, v, o)]

    check = output_check(o, ref)

    def launcher(kernel, cfg):
        bm, bn, warps, stages = cfg
        grid = (triton.cdiv(seq, bm), batch * heads)
        kw = dict(HEAD_DIM=dim, BLOCK_M=bm, BLOCK_N=bn, CAUSAL=causal, num_warps=warps, num_stages=stages)
        return lambda: kernel[grid](q, k, v, o, seq, scale, q.stride(0), q.stride(1), **kw)

    def descriptor_launcher(kernel, make_desc, cfg):
        bm, bn, warps, stages = cfg
        descs = [make_desc(t, [block, dim]) for t, block in zip(flat, (bm, bn, bn, bm))]
        kw = dict(HEAD_DIM=dim, BLOCK_M=bm, BLOCK_N=bn, CAUSAL=causal, num_warps=warps, num_stages=stages)
        return lambda: kernel[(seq // bm, batch * heads)](scale, *descs, seq, **kw)

    configs = configs or tutorial_configs(causal)
    if descriptor:
        from triton.tools.tensor_descriptor import TensorDescriptor as TritonDescriptor
        out = triton_and_pantile(
            lambda cfg: descriptor_launcher(triton_descriptor_attention, TritonDescriptor.from_tensor, cfg),
            lambda cfg: descriptor_launcher(descriptor_attention_kernel, TensorDescriptor.from_tensor, cfg),
            archs, configs, check, flops)
    else:
        out = triton_and_pantile(lambda cfg: launcher(triton_attention, cfg),
                                 lambda cfg: launcher(attention_kernel, cfg), archs, configs, check, flops)
    ms = bench(lambda: torch.nn.functional.scaled_dot_product_attention(*heads4d, is_causal=causal))
    out["torch"] = {"TFLOP/s": flops / (ms * 1e-3) / 1e12, "ms": ms}
    return out


def pinned_configs(previous: dict, case: str, top: int) -> tuple:
    """The configs among the `top` fastest of each compiler in `previous` (a results file's "results") for the case
    named `case` but for its size: a long size's search narrowed to what won at a shorter one."""
    stem = case.rsplit("_", 1)[0]
    (old,) = [peers for name, peers in previous.items() if name.rsplit("_", 1)[0] == stem]
    picked: list = []
    for peer in old.values():
        timed = sorted((r["ms"], c) for c, r in peer.get("configs", {}).items() if "ms" in r)
        picked += [cfg for cfg in (ast.literal_eval(c) for _, c in timed[:top]) if cfg not in picked]
    return tuple(picked)


def tensor_core_rows(results: dict, only: set, sizes: list, seqs: list, pins: Callable[[str], Optional[tuple]],
                     save: Callable[[], None]) -> list:
    """Run the matmul and attention comparisons into `results`, calling `save` after each; one summary line per
    case (`pins(case)`: the attention configs to try instead of the tutorial's, or None)."""
    archs = ["cuda:sm_80", None]
    rows = []
    cases = []
    if "matmul" in only:
        cases += [(f"matmul_{name}_{n}", lambda n=n, dt=dt: matmul_results(n, dt, archs))
                  for n in sizes for name, dt in (("f16", torch.float16), ("bf16", torch.bfloat16))]
    if "matmul_descriptor" in only:
        cases += [(f"matmul_descriptor_{name}_{n}", lambda n=n, dt=dt: descriptor_matmul_results(n, dt, [None]))
                  for n in sizes for name, dt in (("f16", torch.float16), ("bf16", torch.bfloat16))]
    if "matmul_fp8" in only:
        cases += [(f"matmul_fp8_e4m3_{n}", lambda n=n: fp8_matmul_results(n, [None])) for n in sizes]
    if "matmul_persistent" in only:
        cases += [(f"matmul_persistent_f16_{n}", lambda n=n: persistent_matmul_results(n, [None])) for n in sizes]
    if "attention" in only:
        cases += [(name, lambda n=n, c=c, name=name: attention_results(n, archs if not c else [None], c,
                                                                        configs=pins(name)))
                  for n in seqs for mode, c in (("", False), ("causal_", True))
                  for name in [f"attention_{mode}f16_{n}"]]
    if "attention_descriptor" in only:
        cases += [(name, lambda n=n, c=c, name=name: attention_results(n, [None], c, True, configs=pins(name)))
                  for n in seqs for mode, c in (("", False), ("causal_", True))
                  for name in [f"attention_descriptor_{mode}f16_{n}"]]
    for name, run in cases:
        print(name, flush=True)
        got = run()
        results[name] = got
        save()
        tri = got["triton"]["TFLOP/s"]
        rows.append(f"{name:20s} " + "  ".join(
            f"{k} {v['TFLOP/s']:6.1f}" + (f" ({v['TFLOP/s'] / tri:.2f}x triton)" if k.startswith("pantile") and tri
                                          else "") for k, v in got.items()) + " TFLOP/s")
        if "triton mma.sync" in got and got["triton mma.sync"]["TFLOP/s"]:
            rows.append(f"{name:20s} pantile cuda:sm_80 / triton mma.sync: "
                        f"{got['pantile cuda:sm_80']['TFLOP/s'] / got['triton mma.sync']['TFLOP/s']:.2f}x")
    return rows


def main() -> None:
    """Check, time and record every case."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).parent / "results"))
    parser.add_argument("--only", default="vector_add,softmax,layer_norm,matmul,matmul_descriptor,matmul_fp8,"
                        "matmul_persistent,attention,attention_descriptor",
                        help="comma-separated cases to run")
    parser.add_argument("--sizes", default="4096,8192", help="matmul sizes")
    parser.add_argument("--seqs", default="4096,16384", help="attention sequence lengths")
    parser.add_argument("--pin-from", help="a results file of an earlier run: attention tries only the configs among "
                        "the --pin-top fastest of each compiler there, at its other length")
    parser.add_argument("--pin-top", type=int, default=3)
    args = parser.parse_args()
    only = set(args.only.split(","))
    target = get_target("cuda")
    rows, results = [], {}
    today = datetime.date.today().isoformat()
    record = {"device": torch.cuda.get_device_name(), "date": today, "command": " ".join([sys.executable] + sys.argv),
              "versions": {"torch": torch.__version__, "triton": triton.__version__, "pantile": pantile.__version__,
                           "python": platform.python_version()},
              "arch": target.arch, "results": results}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"cuda-{today}.json"

    def save() -> None:
        """The record as it stands: a run cut short keeps the cases it finished."""
        path.write_text(json.dumps(record, indent=2) + "\n")

    cases = tuple((n, c) for n, c in (("vector_add", case_vector_add), ("softmax", case_softmax),
                                      ("layer_norm", case_layer_norm)) if n in only)
    previous = json.loads(Path(args.pin_from).read_text())["results"] if args.pin_from else None
    rows += tensor_core_rows(results, only, [int(x) for x in args.sizes.split(",")],
                             [int(x) for x in args.seqs.split(",")],
                             lambda case: pinned_configs(previous, case, args.pin_top) if previous else None, save)
    for name, case in cases:
        runs, nbytes, flops, kernel, grid = case()
        timed = {k: best(fn) if k != "torch" else (bench(lambda: fn(0)), 0) for k, fn in runs.items()}
        ms = {k: v[0] for k, v in timed.items()}
        artifact = artifact_for(kernel, timed["pantile"][1])
        gbs = {k: nbytes / (v * 1e-3) / 1e9 for k, v in ms.items()}
        tflops = {k: flops / (v * 1e-3) / 1e12 for k, v in ms.items()}
        predicted = target.cost_model.predict(artifact, tuple(grid) + (1,) * (3 - len(grid)), nbytes, flops) * 1e3
        results[name] = {"ms": ms, "GB/s": gbs, "TFLOP/s": tflops, "bytes": nbytes, "flops": flops,
                         "predicted_ms": predicted,
                         "pantile/triton": gbs["pantile"] / gbs["triton"],
                         "pantile/torch": gbs["pantile"] / gbs["torch"],
                         "registers": artifact.metadata.get("registers"),
                         "num_warps": {k: v[1] for k, v in timed.items() if k != "torch"}}
        rate = (lambda k: f"{tflops[k]:6.1f} TFLOP/s") if flops else (lambda k: f"{gbs[k]:6.0f} GB/s")
        rows.append(f"{name:11s} " + "  ".join(f"{k} {ms[k]:7.3f} ms {rate(k)}" for k in ms)
                    + f"  | vs triton {results[name]['pantile/triton']:.3f}  vs torch "
                    f"{results[name]['pantile/torch']:.3f}  | predicted {predicted:.3f} ms")
        save()
    print("\n".join(rows))
    save()
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
