"""Golden kernels: every function of the language at least once."""
import pantile.language as tl
from pantile.frontend import jit

from .registry import case

CASES: list = []


@case(CASES, "*f32 f32", BLOCK=4)
@jit
def creation(ptr, v, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    z = tl.zeros((BLOCK,), tl.float32)
    f = tl.full((BLOCK,), 2, tl.float32)
    g = tl.full([BLOCK], v, tl.float32)
    tl.store(ptr + offs, z + f + g + tl.zeros_like(g))


@case(CASES, "*f32 *f32 *f32 *f32")
@jit
def load_store_options(a_ptr, b_ptr, c_ptr, d_ptr):
    offs = tl.arange(0, 4)
    a = tl.load(a_ptr + offs, cache_modifier=".cg", eviction_policy="evict_last")
    b = tl.load(b_ptr + offs, volatile=True)
    tl.store(c_ptr + offs, a, cache_modifier=".ca", eviction_policy="evict_first")
    tl.store(d_ptr + offs, b, mask=offs < 2)


@case(CASES, "*f32 *i32 *u32")
@jit
def atomics_rmw(f_ptr, i_ptr, u_ptr):
    offs = tl.arange(0, 4)
    tl.atomic_add(f_ptr + offs, 1.0)
    tl.atomic_max(f_ptr + offs, 2.0, mask=offs < 3)
    tl.atomic_min(i_ptr + offs, offs, sem="relaxed", scope="cta")
    tl.atomic_max(u_ptr, 7)
    tl.atomic_and(i_ptr, 1)
    tl.atomic_or(i_ptr, 2, sem="release")
    tl.atomic_xor(u_ptr, 3, scope="sys")
    old = tl.atomic_xchg(f_ptr, 0.5, sem="acquire")
    tl.store(f_ptr + 1, old)


@case(CASES, "*i32")
@jit
def atomic_compare_and_swap(lock_ptr):
    while tl.atomic_cas(lock_ptr, 0, 1) == 1:
        pass
    tl.atomic_xchg(lock_ptr, 0)


@case(CASES, "*f32 *f32 *f32", M=4, N=4, K=4)
@jit
def dot_products(a_ptr, b_ptr, c_ptr, M: tl.constexpr, N: tl.constexpr, K: tl.constexpr):
    rm, rn, rk = tl.arange(0, M), tl.arange(0, N), tl.arange(0, K)
    a = tl.load(a_ptr + rm[:, None] * K + rk[None, :])
    b = tl.load(b_ptr + rk[:, None] * N + rn[None, :])
    acc = tl.dot(a, b)
    acc = tl.dot(a, b, acc, allow_tf32=False)
    acc += tl.dot(a, b, input_precision="tf32x3")
    tl.store(c_ptr + rm[:, None] * N + rn[None, :], acc)


@case(CASES, "*f16 *f16 *f16 *i8")
@jit
def dot_half_and_int8(a_ptr, b_ptr, c_ptr, q_ptr):
    r = tl.arange(0, 4)
    offs = r[:, None] * 4 + r[None, :]
    a = tl.load(a_ptr + offs)
    c = tl.dot(a, tl.load(b_ptr + offs), out_dtype=tl.float16)
    q = tl.load(q_ptr + offs)
    tl.store(c_ptr + offs, c + tl.dot(q, q).to(tl.float16))


@case(CASES, "*f32 *f32", M=2, N=4)
@jit
def sums(in_ptr, out_ptr, M: tl.constexpr, N: tl.constexpr):
    offs = tl.arange(0, M)[:, None] * N + tl.arange(0, N)[None, :]
    x = tl.load(in_ptr + offs)
    rows = tl.sum(x, axis=1)
    cols = tl.sum(x, 0, keep_dims=True)
    total = tl.sum(x)
    tl.store(out_ptr + tl.arange(0, M), rows + total)
    tl.store(out_ptr + tl.arange(0, N)[None, :], cols)


@case(CASES, "*i8 *i32")
@jit
def sum_of_small_ints(in_ptr, out_ptr):
    tl.store(out_ptr, tl.sum(tl.load(in_ptr + tl.arange(0, 4)), axis=0))


@case(CASES, "*f32 *f32 *i32")
@jit
def max_min_reductions(in_ptr, out_ptr, idx_ptr):
    x = tl.load(in_ptr + tl.arange(0, 4))
    tl.store(out_ptr, tl.max(x, axis=0) - tl.min(x, axis=0))
    v, i = tl.max(x, axis=0, return_indices=True)
    tl.store(idx_ptr, i)


@case(CASES, "*f16 *i32", M=2, N=4)
@jit
def argmax_argmin(in_ptr, out_ptr, M: tl.constexpr, N: tl.constexpr):
    offs = tl.arange(0, M)[:, None] * N + tl.arange(0, N)[None, :]
    x = tl.load(in_ptr + offs)
    tl.store(out_ptr + tl.arange(0, M), tl.argmax(x, axis=1))
    tl.store(out_ptr + tl.arange(0, N), tl.argmin(x, axis=0, tie_break_left=False))


@case(CASES, "*i32 *f32")
@jit
def scans(i_ptr, f_ptr):
    offs = tl.arange(0, 4)
    tl.store(i_ptr + offs, tl.cumsum(tl.load(i_ptr + offs), axis=0))
    tl.store(f_ptr + offs, tl.cumprod(tl.load(f_ptr + offs), 0, reverse=True))


@jit
def add_combine(a, b):
    return a + b


@jit
def max_with_index(v1, i1, v2, i2):
    better = v1 > v2
    return tl.where(better, v1, v2), tl.where(better, i1, i2)


@case(CASES, "*f32 *i32")
@jit
def custom_reduce_and_scan(f_ptr, i_ptr):
    offs = tl.arange(0, 4)
    x = tl.load(f_ptr + offs)
    tl.store(f_ptr, tl.reduce(x, 0, add_combine))
    v, i = tl.reduce((x, offs), 0, max_with_index)
    tl.store(i_ptr, i)
    tl.store(f_ptr + offs, tl.associative_scan(x, 0, add_combine, reverse=True))


@case(CASES, "*f32")
@jit
def unary_math(ptr):
    offs = tl.arange(0, 4)
    x = tl.load(ptr + offs)
    y = tl.exp(x) + tl.exp2(x) + tl.log(x) + tl.log2(x) + tl.sqrt(x) + tl.sqrt_rn(x) + tl.rsqrt(x)
    z = tl.sin(x) + tl.cos(x) + tl.abs(x) + tl.floor(x) + tl.ceil(x) + tl.erf(x)
    tl.store(ptr + offs, y + z)


@case(CASES, "*f32 *i32")
@jit
def math_namespace_and_int_abs(f_ptr, i_ptr):
    x = tl.load(f_ptr)
    tl.store(f_ptr, tl.math.exp(x) + tl.math.fma(x, x, 1.0))
    tl.store(i_ptr, tl.abs(tl.load(i_ptr)))


@case(CASES, "*f32 f32 f32")
@jit
def fused_and_rounded_division(ptr, a, b):
    tl.store(ptr, tl.fma(a, b, a))
    tl.store(ptr + 1, tl.div_rn(a, b))
    tl.store(ptr + 2, tl.fdiv(a, b))


@case(CASES, "*f32 *i32")
@jit
def maximum_minimum_clamp(f_ptr, i_ptr):
    x = tl.load(f_ptr + tl.arange(0, 4))
    tl.store(f_ptr + tl.arange(0, 4), tl.maximum(x, 0.0) + tl.minimum(x, 1.0, propagate_nan=tl.PropagateNan.ALL))
    tl.store(f_ptr, tl.clamp(tl.load(f_ptr), -1.0, 1.0))
    tl.store(i_ptr, tl.maximum(tl.load(i_ptr), 3))


@case(CASES, "*f32 *i32")
@jit
def where_select(f_ptr, i_ptr):
    offs = tl.arange(0, 4)
    x = tl.load(f_ptr + offs)
    tl.store(f_ptr + offs, tl.where(x > 0, x, 0.0))
    tl.store(i_ptr + offs, tl.where(offs < 2, 1, offs))


@case(CASES, "*f32", N=4)
@jit
def sigmoid_and_softmax(ptr, N: tl.constexpr):
    offs = tl.arange(0, N)
    x = tl.load(ptr + offs)
    tl.store(ptr + offs, tl.sigmoid(x) + tl.softmax(x))


@case(CASES, "*i32 i32", BLOCK=16)
@jit
def ceiling_division(ptr, n, BLOCK: tl.constexpr):
    tl.store(ptr, tl.cdiv(n, BLOCK))
    tl.store(ptr + tl.cdiv(40, BLOCK), 0)


@case(CASES, "*f32")
@jit
def reshape_view_ravel(ptr):
    x = tl.load(ptr + tl.arange(0, 8))
    y = tl.reshape(x, (2, 4))
    z = tl.view(y, 4, 2)
    tl.store(ptr + tl.arange(0, 8), tl.ravel(z) + x.reshape(8))


@case(CASES, "*f32")
@jit
def permute_trans_expand(ptr):
    offs = tl.arange(0, 2)[:, None, None] * 8 + tl.arange(0, 2)[None, :, None] * 4 + tl.arange(0, 4)[None, None, :]
    x = tl.load(ptr + offs)
    p = tl.permute(x, (2, 0, 1))
    t = tl.trans(x, 1, 0, 2)
    e = tl.expand_dims(tl.sum(t, axis=2), 0)
    tl.store(ptr + tl.arange(0, 4)[:, None, None] + tl.arange(0, 2)[None, :, None] + tl.arange(0, 2)[None, None, :], p)
    tl.store(ptr + tl.arange(0, 2)[None, :, None] + tl.arange(0, 2)[None, None, :], e)


@case(CASES, "*f32 f32")
@jit
def broadcast_to_shapes(ptr, v):
    row = tl.load(ptr + tl.arange(0, 4))[None, :]
    b = tl.broadcast_to(row, (2, 4))
    s = tl.broadcast_to(v, 2, 4)
    tl.store(ptr + tl.arange(0, 2)[:, None] * 4 + tl.arange(0, 4)[None, :], b + s)


@case(CASES, "*f32")
@jit
def join_split_cat(ptr):
    a = tl.load(ptr + tl.arange(0, 4))
    b = tl.load(ptr + tl.arange(4, 8))
    j = tl.join(a, b)
    lo, hi = tl.split(j)
    c = tl.cat(lo, hi, can_reorder=True)
    tl.store(ptr + tl.arange(0, 8), c)


@case(CASES, "*f32 i32 i32")
@jit
def hints_and_barrier(ptr, n, stride):
    tl.assume(n > 0)
    offs = tl.max_contiguous(tl.multiple_of(tl.arange(0, 4), 4), 4)
    offs2 = tl.max_constancy(offs[:, None] * 0, (4, 1))
    tl.store(ptr + tl.multiple_of(stride, 16) + offs, 1.0)
    tl.debug_barrier()
    tl.store(ptr + offs2, 2.0)


@case(CASES, "*f32 *i8 *i64")
@jit
def pointer_casts(f_ptr, b_ptr, i_ptr):
    raw = f_ptr.to(tl.pointer_type(tl.int8))
    tl.store(raw, tl.load(b_ptr))
    tl.store(i_ptr, f_ptr.to(tl.int64))


@case(CASES, "*f32 *bf16 *f8e4m3 *f8e5m2")
@jit
def low_precision_casts(f_ptr, bf_ptr, e4_ptr, e5_ptr):
    x = tl.load(f_ptr)
    tl.store(bf_ptr, x.to(tl.bfloat16))
    tl.store(e4_ptr, x.to(tl.float8e4nv, fp_downcast_rounding="rtne"))
    tl.store(e5_ptr, x.to(tl.float8e5))
    tl.store(f_ptr, tl.load(e4_ptr).to(tl.float32) + tl.load(bf_ptr))


@case(CASES, "*f32")
@jit
def tensor_methods(ptr):
    offs = tl.arange(0, 8)
    x = tl.load(ptr + offs)
    y = x.exp().sum(axis=0) + x.reshape(2, 4).max(axis=1).sum() + x.abs().cumsum(0).to(tl.float32).sum()
    tl.store(ptr, y + x.sigmoid().sqrt().sum())


@case(CASES, "*f32 *f32")
@jit
def keep_dims_reductions(in_ptr, out_ptr):
    offs = tl.arange(0, 2)[:, None] * 4 + tl.arange(0, 4)[None, :]
    x = tl.load(in_ptr + offs)
    m = tl.max(x, axis=1, keep_dims=True)
    s = tl.sum(x, keep_dims=True)
    tl.store(out_ptr + offs, x - m + s)


@case(CASES, "*u8 *f64 i64")
@jit
def unsigned_and_double(u_ptr, d_ptr, n):
    u = tl.load(u_ptr + tl.arange(0, 4))
    tl.store(u_ptr + tl.arange(0, 4), tl.where(u > 10, u - 10, u))
    d = tl.load(d_ptr)
    tl.store(d_ptr, d * n + 0.5)


@case(CASES, "*f32 *f32 f32")
@jit
def full_like_broadcast_and_pointer_select(a_ptr, b_ptr, v):
    offs = tl.arange(0, 4)
    x = tl.load(a_ptr + offs)
    row, col = tl.broadcast(x[None, :], tl.full_like(x, v)[:, None])
    tl.store(a_ptr + offs[:, None] * 4 + offs[None, :], row + col)
    p = tl.where(offs < 2, a_ptr + offs, b_ptr + offs)
    tl.store(p, tl.full_like(x, 1))


@case(CASES, "*i32 *f32 *i1", BLOCK=4)
@jit
def atomic_loads_stores_and_polls(flag_ptr, x_ptr, done_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    seen = tl.atomic_poll(flag_ptr + offs, 1, timeout_ns=1000)
    x = tl.atomic_load(x_ptr + offs, mask=seen, sem="relaxed", scope="cta")
    (x_ptr + offs).atomic_store(x + 1.0, mask=seen)
    tl.atomic_store(done_ptr, tl.atomic_load(done_ptr) == 0)


@case(CASES, "*i32")
@jit
def method_call_statement(counter_ptr):
    tl.atomic_add(counter_ptr, 1).to(tl.float32)
