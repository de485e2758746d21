"""Kernels in the style of the five Triton tutorials, written for these tests."""
import pantile.language as tl
from pantile.frontend import jit

from .registry import case

TUTORIALS: list = []


@case(TUTORIALS, "*f32 *f32 *f32 i32", BLOCK_SIZE=1024)
@jit
def add_vectors(x_ptr, y_ptr, out_ptr, n_elements, BLOCK_SIZE: tl.constexpr):
    start = tl.program_id(axis=0) * BLOCK_SIZE
    offsets = start + tl.arange(0, BLOCK_SIZE)
    in_bounds = offsets < n_elements
    total = tl.load(x_ptr + offsets, mask=in_bounds) + tl.load(y_ptr + offsets, mask=in_bounds)
    tl.store(out_ptr + offsets, total, mask=in_bounds)


@case(TUTORIALS, "*f32 *f32 i32 i32 i32 i32", BLOCK_SIZE=256, num_stages=2)
@jit
def row_softmax(out_ptr, in_ptr, in_stride, out_stride, n_rows, n_cols, BLOCK_SIZE: tl.constexpr,
                num_stages: tl.constexpr):
    first_row = tl.program_id(0)
    row_step = tl.num_programs(0)
    for row in tl.range(first_row, n_rows, row_step, num_stages=num_stages):
        cols = tl.arange(0, BLOCK_SIZE)
        valid = cols < n_cols
        values = tl.load(in_ptr + row * in_stride + cols, mask=valid, other=-float("inf"))
        shifted = values - tl.max(values, axis=0)
        numerator = tl.exp(shifted)
        result = numerator / tl.sum(numerator, axis=0)
        tl.store(out_ptr + row * out_stride + cols, result, mask=valid)


@jit
def leaky_relu(x):
    return tl.where(x >= 0, x, 0.01 * x)


@case(TUTORIALS, "*f16 *f16 *f16 i32 i32 i32 i32 i32 i32 i32 i32 i32",
      BLOCK_SIZE_M=64, BLOCK_SIZE_N=64, BLOCK_SIZE_K=32, GROUP_SIZE_M=8, ACTIVATION="leaky_relu")
@jit
def grouped_matmul(a_ptr, b_ptr, c_ptr, M, N, K, stride_am, stride_ak, stride_bk, stride_bn, stride_cm, stride_cn,
                   BLOCK_SIZE_M: tl.constexpr, BLOCK_SIZE_N: tl.constexpr, BLOCK_SIZE_K: tl.constexpr,
                   GROUP_SIZE_M: tl.constexpr, ACTIVATION: tl.constexpr):
    pid = tl.program_id(axis=0)
    tiles_m = tl.cdiv(M, BLOCK_SIZE_M)
    tiles_n = tl.cdiv(N, BLOCK_SIZE_N)
    # Programs walk GROUP_SIZE_M rows of tiles before moving right, so B tiles stay in cache.
    per_group = GROUP_SIZE_M * tiles_n
    group = pid // per_group
    first_m = group * GROUP_SIZE_M
    group_rows = min(tiles_m - first_m, GROUP_SIZE_M)
    tile_m = first_m + (pid % per_group) % group_rows
    tile_n = (pid % per_group) // group_rows
    rows = (tile_m * BLOCK_SIZE_M + tl.arange(0, BLOCK_SIZE_M)) % M
    cols = (tile_n * BLOCK_SIZE_N + tl.arange(0, BLOCK_SIZE_N)) % N
    ks = tl.arange(0, BLOCK_SIZE_K)
    a_tile = a_ptr + rows[:, None] * stride_am + ks[None, :] * stride_ak
    b_tile = b_ptr + ks[:, None] * stride_bk + cols[None, :] * stride_bn
    acc = tl.zeros((BLOCK_SIZE_M, BLOCK_SIZE_N), dtype=tl.float32)
    for k in range(0, tl.cdiv(K, BLOCK_SIZE_K)):
        remaining = K - k * BLOCK_SIZE_K
        a = tl.load(a_tile, mask=ks[None, :] < remaining, other=0.0)
        b = tl.load(b_tile, mask=ks[:, None] < remaining, other=0.0)
        acc = tl.dot(a, b, acc)
        a_tile += BLOCK_SIZE_K * stride_ak
        b_tile += BLOCK_SIZE_K * stride_bk
    if ACTIVATION == "leaky_relu":
        acc = leaky_relu(acc)
    c = acc.to(tl.float16)
    out_rows = tile_m * BLOCK_SIZE_M + tl.arange(0, BLOCK_SIZE_M)
    out_cols = tile_n * BLOCK_SIZE_N + tl.arange(0, BLOCK_SIZE_N)
    c_tile = c_ptr + stride_cm * out_rows[:, None] + stride_cn * out_cols[None, :]
    tl.store(c_tile, c, mask=(out_rows[:, None] < M) & (out_cols[None, :] < N))


@case(TUTORIALS, "*f16 *f16 *f16 *f16 *f32 *f32 i32 i32 f32", BLOCK_SIZE=512)
@jit
def layer_norm_forward(x_ptr, y_ptr, w_ptr, b_ptr, mean_ptr, rstd_ptr, stride, N, eps, BLOCK_SIZE: tl.constexpr):
    row = tl.program_id(0)
    x_ptr += row * stride
    y_ptr += row * stride
    partial = tl.zeros([BLOCK_SIZE], dtype=tl.float32)
    for off in range(0, N, BLOCK_SIZE):
        cols = off + tl.arange(0, BLOCK_SIZE)
        partial += tl.load(x_ptr + cols, mask=cols < N, other=0.0).to(tl.float32)
    mean = tl.sum(partial, axis=0) / N
    squares = tl.zeros([BLOCK_SIZE], dtype=tl.float32)
    for off in range(0, N, BLOCK_SIZE):
        cols = off + tl.arange(0, BLOCK_SIZE)
        x = tl.load(x_ptr + cols, mask=cols < N, other=0.0).to(tl.float32)
        centred = tl.where(cols < N, x - mean, 0.0)
        squares += centred * centred
    rstd = 1 / tl.sqrt(tl.sum(squares, axis=0) / N + eps)
    tl.store(mean_ptr + row, mean)
    tl.store(rstd_ptr + row, rstd)
    for off in range(0, N, BLOCK_SIZE):
        cols = off + tl.arange(0, BLOCK_SIZE)
        valid = cols < N
        w = tl.load(w_ptr + cols, mask=valid)
        b = tl.load(b_ptr + cols, mask=valid)
        x = tl.load(x_ptr + cols, mask=valid, other=0.0).to(tl.float32)
        tl.store(y_ptr + cols, (x - mean) * rstd * w + b, mask=valid)


@case(TUTORIALS, "*f16 *f16 *f16 *f16 *f16 *f16 *f32 *f32 *i32 i32 i32", GROUP_SIZE_M=16, BLOCK_SIZE_N=512)
@jit
def layer_norm_backward_dx(dx_ptr, dy_ptr, dw_ptr, db_ptr, x_ptr, w_ptr, mean_ptr, rstd_ptr, lock_ptr, stride, N,
                           GROUP_SIZE_M: tl.constexpr, BLOCK_SIZE_N: tl.constexpr):
    row = tl.program_id(0)
    cols = tl.arange(0, BLOCK_SIZE_N)
    valid = cols < N
    x_ptr += row * stride
    dy_ptr += row * stride
    dx_ptr += row * stride
    # Rows share GROUP_SIZE_M partial-sum buffers for dw and db, each behind a spin lock.
    slot = row % GROUP_SIZE_M
    lock_ptr += slot
    count_ptr = lock_ptr + GROUP_SIZE_M
    dw_ptr = dw_ptr + slot * N + cols
    db_ptr = db_ptr + slot * N + cols
    x = tl.load(x_ptr + cols, mask=valid, other=0).to(tl.float32)
    dy = tl.load(dy_ptr + cols, mask=valid, other=0).to(tl.float32)
    w = tl.load(w_ptr + cols, mask=valid).to(tl.float32)
    mean = tl.load(mean_ptr + row)
    rstd = tl.load(rstd_ptr + row)
    xhat = tl.where(valid, (x - mean) * rstd, 0.0)
    wdy = tl.where(valid, w * dy, 0.0)
    c1 = tl.sum(xhat * wdy, axis=0) / N
    c2 = tl.sum(wdy, axis=0) / N
    tl.store(dx_ptr + cols, (wdy - (xhat * c1 + c2)) * rstd, mask=valid)
    partial_dw = (dy * xhat).to(w.dtype)
    partial_db = dy.to(w.dtype)
    while tl.atomic_cas(lock_ptr, 0, 1) == 1:
        pass
    seen = tl.load(count_ptr)
    if seen == 0:
        tl.atomic_xchg(count_ptr, 1)
    else:
        partial_dw += tl.load(dw_ptr, mask=valid)
        partial_db += tl.load(db_ptr, mask=valid)
    tl.store(dw_ptr, partial_dw, mask=valid)
    tl.store(db_ptr, partial_db, mask=valid)
    tl.debug_barrier()
    tl.atomic_xchg(lock_ptr, 0)


@case(TUTORIALS, "*f32 *f32 *f16 *f16 i32 i32", BLOCK_SIZE_M=32, BLOCK_SIZE_N=128)
@jit
def layer_norm_backward_dwdb(partial_dw_ptr, partial_db_ptr, dw_ptr, db_ptr, M, N, BLOCK_SIZE_M: tl.constexpr,
                             BLOCK_SIZE_N: tl.constexpr):
    cols = tl.program_id(0) * BLOCK_SIZE_N + tl.arange(0, BLOCK_SIZE_N)
    dw = tl.zeros((BLOCK_SIZE_M, BLOCK_SIZE_N), dtype=tl.float32)
    db = tl.zeros((BLOCK_SIZE_M, BLOCK_SIZE_N), dtype=tl.float32)
    for i in range(0, M, BLOCK_SIZE_M):
        rows = i + tl.arange(0, BLOCK_SIZE_M)
        valid = (rows[:, None] < M) & (cols[None, :] < N)
        offs = rows[:, None] * N + cols[None, :]
        dw += tl.load(partial_dw_ptr + offs, mask=valid, other=0.0)
        db += tl.load(partial_db_ptr + offs, mask=valid, other=0.0)
    tl.store(dw_ptr + cols, tl.sum(dw, axis=0), mask=cols < N)
    tl.store(db_ptr + cols, tl.sum(db, axis=0), mask=cols < N)


@case(TUTORIALS, "*f16 *f16 *f16 *f16 f32 i32 i32 i32", BLOCK_M=64, BLOCK_N=32, HEAD_DIM=64, CAUSAL=True)
@jit
def attention_forward(q_ptr, k_ptr, v_ptr, o_ptr, sm_scale, stride_h, stride_n, seq_len, BLOCK_M: tl.constexpr,
                      BLOCK_N: tl.constexpr, HEAD_DIM: tl.constexpr, CAUSAL: tl.constexpr):
    tile = tl.program_id(0)
    head = tl.program_id(1)
    base = head * stride_h
    rows = tile * BLOCK_M + tl.arange(0, BLOCK_M)
    cols = tl.arange(0, BLOCK_N)
    dims = tl.arange(0, HEAD_DIM)
    q = tl.load(q_ptr + base + rows[:, None] * stride_n + dims[None, :], mask=rows[:, None] < seq_len, other=0.0)
    running_max = tl.full((BLOCK_M,), -float("inf"), tl.float32)
    running_sum = tl.zeros((BLOCK_M,), dtype=tl.float32)
    acc = tl.zeros((BLOCK_M, HEAD_DIM), dtype=tl.float32)
    # exp2 instead of exp: fold log2(e) into the softmax scale once.
    scale = sm_scale * 1.44269504
    end = tl.minimum((tile + 1) * BLOCK_M, seq_len) if CAUSAL else seq_len
    for start in range(0, end, BLOCK_N):
        keys = start + cols
        k = tl.load(k_ptr + base + keys[None, :] * stride_n + dims[:, None], mask=keys[None, :] < seq_len, other=0.0)
        scores = tl.dot(q, k) * scale
        allowed = keys[None, :] < seq_len
        if CAUSAL:
            allowed = allowed & (rows[:, None] >= keys[None, :])
        scores = tl.where(allowed, scores, -1.0e6)
        new_max = tl.maximum(running_max, tl.max(scores, 1))
        p = tl.math.exp2(scores - new_max[:, None])
        correction = tl.math.exp2(running_max - new_max)
        running_sum = running_sum * correction + tl.sum(p, 1)
        v = tl.load(v_ptr + base + keys[:, None] * stride_n + dims[None, :], mask=keys[:, None] < seq_len, other=0.0)
        acc = acc * correction[:, None]
        acc = tl.dot(p.to(v.dtype), v, acc)
        running_max = new_max
    acc = acc / running_sum[:, None]
    tl.store(o_ptr + base + rows[:, None] * stride_n + dims[None, :], acc.to(o_ptr.dtype.element_ty),
             mask=rows[:, None] < seq_len)
