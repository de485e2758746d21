"""Kernels the execution tests launch on every target (written as users write them)."""
import pantile
import pantile.language as tl
from pantile.language.extra import libdevice


@pantile.jit
def int_binary_ops(x_ptr, y_ptr, out_ptr, n, BLOCK: tl.constexpr):
    """Row k of out (n wide) gets op k of x and y: + - * // % & | ^ max min, x << and >> (y & 7), where(x < y)."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask)
    y = tl.load(y_ptr + offs, mask=mask, other=1)
    tl.store(out_ptr + 0 * n + offs, x + y, mask=mask)
    tl.store(out_ptr + 1 * n + offs, x - y, mask=mask)
    tl.store(out_ptr + 2 * n + offs, x * y, mask=mask)
    tl.store(out_ptr + 3 * n + offs, x // y, mask=mask)
    tl.store(out_ptr + 4 * n + offs, x % y, mask=mask)
    tl.store(out_ptr + 5 * n + offs, x & y, mask=mask)
    tl.store(out_ptr + 6 * n + offs, x | y, mask=mask)
    tl.store(out_ptr + 7 * n + offs, x ^ y, mask=mask)
    tl.store(out_ptr + 8 * n + offs, tl.maximum(x, y), mask=mask)
    tl.store(out_ptr + 9 * n + offs, tl.minimum(x, y), mask=mask)
    tl.store(out_ptr + 10 * n + offs, x << (y & 7), mask=mask)
    tl.store(out_ptr + 11 * n + offs, x >> (y & 7), mask=mask)
    tl.store(out_ptr + 12 * n + offs, tl.where(x < y, x, y), mask=mask)


@pantile.jit
def float_binary_ops(x_ptr, y_ptr, out_ptr, n, BLOCK: tl.constexpr):
    """Row k of out gets op k of x and y: + - * / max min where(x<y) fma."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask)
    y = tl.load(y_ptr + offs, mask=mask, other=1.0)
    tl.store(out_ptr + 0 * n + offs, x + y, mask=mask)
    tl.store(out_ptr + 1 * n + offs, x - y, mask=mask)
    tl.store(out_ptr + 2 * n + offs, x * y, mask=mask)
    tl.store(out_ptr + 3 * n + offs, x / y, mask=mask)
    tl.store(out_ptr + 4 * n + offs, tl.maximum(x, y), mask=mask)
    tl.store(out_ptr + 5 * n + offs, tl.minimum(x, y), mask=mask)
    tl.store(out_ptr + 6 * n + offs, tl.where(x < y, x, y), mask=mask)
    tl.store(out_ptr + 7 * n + offs, tl.fma(x, y, x), mask=mask)


@pantile.jit
def compare_ops(x_ptr, y_ptr, out_ptr, n, BLOCK: tl.constexpr):
    """Rows of out (bool): == != < <= > >=."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask)
    y = tl.load(y_ptr + offs, mask=mask)
    tl.store(out_ptr + 0 * n + offs, x == y, mask=mask)
    tl.store(out_ptr + 1 * n + offs, x != y, mask=mask)
    tl.store(out_ptr + 2 * n + offs, x < y, mask=mask)
    tl.store(out_ptr + 3 * n + offs, x <= y, mask=mask)
    tl.store(out_ptr + 4 * n + offs, x > y, mask=mask)
    tl.store(out_ptr + 5 * n + offs, x >= y, mask=mask)


@pantile.jit
def convert(x_ptr, out_ptr, n, BLOCK: tl.constexpr):
    """out = x converted to out's element type."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    tl.store(out_ptr + offs, tl.load(x_ptr + offs, mask=mask).to(out_ptr.dtype.element_ty), mask=mask)


@pantile.jit
def to_type(x, NAME: tl.constexpr):
    """x converted to the type named NAME (dtype constexprs arrive as names)."""
    if NAME == "bf16":
        y = x.to(tl.bfloat16)
    elif NAME == "fp16":
        y = x.to(tl.float16)
    elif NAME == "fp8e4nv":
        y = x.to(tl.float8e4nv)
    elif NAME == "fp8e5":
        y = x.to(tl.float8e5)
    elif NAME == "fp32":
        y = x.to(tl.float32)
    elif NAME == "int8":
        y = x.to(tl.int8)
    else:
        y = x
    return y


@pantile.jit
def through_narrow(x_ptr, y_ptr, out_ptr, n, NARROW: tl.constexpr, BLOCK: tl.constexpr):
    """f32 inputs rounded to NARROW (a type name), added and multiplied there, widened back: (x+y, x*y)."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = to_type(tl.load(x_ptr + offs, mask=mask), NARROW)
    y = to_type(tl.load(y_ptr + offs, mask=mask), NARROW)
    tl.store(out_ptr + offs, (x + y).to(tl.float32), mask=mask)
    tl.store(out_ptr + n + offs, (x * y).to(tl.float32), mask=mask)


@pantile.jit
def unary_math(x_ptr, out_ptr, n, FN: tl.constexpr, BLOCK: tl.constexpr):
    """out = FN(x) for a math function named by FN."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask, other=1.0)
    if FN == "exp":
        y = tl.exp(x)
    elif FN == "exp2":
        y = tl.exp2(x)
    elif FN == "log":
        y = tl.log(x)
    elif FN == "log2":
        y = tl.log2(x)
    elif FN == "sin":
        y = tl.sin(x)
    elif FN == "cos":
        y = tl.cos(x)
    elif FN == "sqrt":
        y = tl.sqrt(x)
    elif FN == "sqrt_rn":
        y = tl.sqrt_rn(x)
    elif FN == "rsqrt":
        y = tl.rsqrt(x)
    elif FN == "erf":
        y = tl.erf(x)
    elif FN == "floor":
        y = tl.floor(x)
    elif FN == "ceil":
        y = tl.ceil(x)
    elif FN == "abs":
        y = tl.abs(x)
    else:
        y = tl.sigmoid(x)
    tl.store(out_ptr + offs, y, mask=mask)


@pantile.jit
def combine_max_with_index(a, ia, b, ib):
    """Combine function for a user reduction: the larger value and its index (first on ties)."""
    take_b = (b > a) | ((b == a) & (ib < ia))
    return tl.where(take_b, b, a), tl.where(take_b, ib, ia)


@pantile.jit
def reduce_2d(x_ptr, out_ptr, M, N, stride, AXIS: tl.constexpr, BM: tl.constexpr, BN: tl.constexpr):
    """Rows of out: sum, max, min, argmax, argmin and a user reduction of x (M x N, masked) along AXIS."""
    rm = tl.arange(0, BM)
    rn = tl.arange(0, BN)
    mask = (rm[:, None] < M) & (rn[None, :] < N)
    x = tl.load(x_ptr + rm[:, None] * stride + rn[None, :], mask=mask, other=0)
    big = tl.load(x_ptr + rm[:, None] * stride + rn[None, :], mask=mask, other=-1000)
    small = tl.load(x_ptr + rm[:, None] * stride + rn[None, :], mask=mask, other=1000)
    idx = (rm[:, None] * 0 + rn[None, :]) if AXIS == 1 else (rm[:, None] + rn[None, :] * 0)
    best, where = tl.reduce((big, idx), AXIS, combine_max_with_index)
    if AXIS == 1:
        width = BM
    else:
        width = BN
    o = tl.arange(0, width)
    tl.store(out_ptr + 0 * width + o, tl.sum(x, axis=AXIS))
    tl.store(out_ptr + 1 * width + o, tl.max(big, axis=AXIS))
    tl.store(out_ptr + 2 * width + o, tl.min(small, axis=AXIS))
    tl.store(out_ptr + 3 * width + o, tl.argmax(big, axis=AXIS).to(x.dtype))
    tl.store(out_ptr + 4 * width + o, tl.argmin(small, axis=AXIS).to(x.dtype))
    tl.store(out_ptr + 5 * width + o, best)
    tl.store(out_ptr + 6 * width + o, where.to(x.dtype))


@pantile.jit
def reduce_all(x_ptr, out_ptr, n, BLOCK: tl.constexpr):
    """Per program: the sum and max of its block of x, to out[pid] and out[num_programs + pid]."""
    pid = tl.program_id(0)
    offs = pid * BLOCK + tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs, mask=offs < n, other=0)
    tl.store(out_ptr + pid, tl.sum(x, axis=0))
    tl.store(out_ptr + tl.num_programs(0) + pid, tl.max(tl.load(x_ptr + offs, mask=offs < n, other=-1e30), axis=0))


@pantile.jit
def reduce_3d(x_ptr, out_ptr, A: tl.constexpr, B: tl.constexpr, C: tl.constexpr, AXIS: tl.constexpr):
    """out = sum of a contiguous A x B x C block along AXIS."""
    a = tl.arange(0, A)[:, None, None]
    b = tl.arange(0, B)[None, :, None]
    c = tl.arange(0, C)[None, None, :]
    x = tl.load(x_ptr + a * B * C + b * C + c)
    s = tl.sum(x, axis=AXIS)
    if AXIS == 0:
        tl.store(out_ptr + tl.arange(0, B)[:, None] * C + tl.arange(0, C)[None, :], s)
    elif AXIS == 1:
        tl.store(out_ptr + tl.arange(0, A)[:, None] * C + tl.arange(0, C)[None, :], s)
    else:
        tl.store(out_ptr + tl.arange(0, A)[:, None] * B + tl.arange(0, B)[None, :], s)


@pantile.jit
def add_combine(a, b):
    """a + b, for associative_scan."""
    return a + b


@pantile.jit
def scan_2d(x_ptr, out_ptr, AXIS: tl.constexpr, REVERSE: tl.constexpr, M: tl.constexpr, N: tl.constexpr):
    """Rows of out: cumsum, cumprod and a user scan (add) of an M x N block along AXIS."""
    offs = tl.arange(0, M)[:, None] * N + tl.arange(0, N)[None, :]
    x = tl.load(x_ptr + offs)
    tl.store(out_ptr + offs, tl.cumsum(x, axis=AXIS, reverse=REVERSE))
    tl.store(out_ptr + M * N + offs, tl.cumprod(x, axis=AXIS, reverse=REVERSE))
    tl.store(out_ptr + 2 * M * N + offs, tl.associative_scan(x, AXIS, add_combine, reverse=REVERSE))


@pantile.jit
def scan_1d(x_ptr, sign_ptr, out_ptr, N: tl.constexpr):
    """Rows of out: cumsum of x, reversed cumsum of x, cumprod of the signs, over a 1-D block."""
    offs = tl.arange(0, N)
    x = tl.load(x_ptr + offs)
    tl.store(out_ptr + offs, tl.cumsum(x, axis=0))
    tl.store(out_ptr + N + offs, tl.cumsum(x, axis=0, reverse=True))
    tl.store(out_ptr + 2 * N + offs, tl.cumprod(tl.load(sign_ptr + offs), axis=0))


@pantile.jit
def matmul(a_ptr, b_ptr, c_ptr, M, N, K, sam, sak, sbk, sbn, scm, scn,
           IN: tl.constexpr, BM: tl.constexpr, BN: tl.constexpr, BK: tl.constexpr):
    """C = A @ B with inputs rounded to IN (a type name) and a K loop; masked edges."""
    pid_m = tl.program_id(0)
    pid_n = tl.program_id(1)
    rm = pid_m * BM + tl.arange(0, BM)
    rn = pid_n * BN + tl.arange(0, BN)
    rk = tl.arange(0, BK)
    a_ptrs = a_ptr + rm[:, None] * sam + rk[None, :] * sak
    b_ptrs = b_ptr + rk[:, None] * sbk + rn[None, :] * sbn
    acc = tl.zeros((BM, BN), dtype=tl.float32)
    for k in range(0, tl.cdiv(K, BK)):
        a = tl.load(a_ptrs, mask=(rm[:, None] < M) & (rk[None, :] < K - k * BK), other=0.0)
        b = tl.load(b_ptrs, mask=(rk[:, None] < K - k * BK) & (rn[None, :] < N), other=0.0)
        acc += tl.dot(to_type(a, IN), to_type(b, IN))
        a_ptrs += BK * sak
        b_ptrs += BK * sbk
    tl.store(c_ptr + rm[:, None] * scm + rn[None, :] * scn, acc, mask=(rm[:, None] < M) & (rn[None, :] < N))


@pantile.jit
def typed_dot(a_ptr, b_ptr, c_ptr, M: tl.constexpr, N: tl.constexpr, K: tl.constexpr):
    """C = A (M x K) @ B (K x N) in one block, accumulated in C's element type."""
    rm = tl.arange(0, M)
    rn = tl.arange(0, N)
    rk = tl.arange(0, K)
    a = tl.load(a_ptr + rm[:, None] * K + rk[None, :])
    b = tl.load(b_ptr + rk[:, None] * N + rn[None, :])
    tl.store(c_ptr + rm[:, None] * N + rn[None, :], tl.dot(a, b, out_dtype=c_ptr.dtype.element_ty))


@pantile.jit
def atomic_counters(counter_ptr, fcounter_ptr, max_ptr, min_ptr, xchg_ptr, or_ptr, old_ptr, n,
                    BLOCK: tl.constexpr):
    """Every element of every program hits the same addresses."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    one = tl.full((BLOCK,), 1, tl.int32)
    old = tl.atomic_add(counter_ptr + offs * 0, one, mask=mask)
    tl.store(old_ptr + offs, old, mask=mask)
    tl.atomic_add(fcounter_ptr + offs * 0, one.to(tl.float32) * 0.5, mask=mask)
    tl.atomic_max(max_ptr + offs * 0, offs, mask=mask)
    tl.atomic_min(min_ptr + offs * 0, offs, mask=mask)
    tl.atomic_xchg(xchg_ptr + offs * 0, offs, mask=mask)
    tl.atomic_or(or_ptr + offs % 4, tl.full((BLOCK,), 1, tl.int32) << (offs % 31), mask=mask)


@pantile.jit
def cas_increment(counter_ptr, lock_ptr, n_iters):
    """Each program increments a plain counter n_iters times under a spin lock built from atomic_cas."""
    for _ in range(n_iters):
        while tl.atomic_cas(lock_ptr, 0, 1) == 1:
            pass
        tl.store(counter_ptr, tl.load(counter_ptr) + 1)
        tl.atomic_xchg(lock_ptr, 0)


@pantile.jit
def bf16_atomic_bins(x_ptr, out_ptr, old_ptr, n, BINS: tl.constexpr, BLOCK: tl.constexpr):
    """bf16 element i goes into bin i % BINS of rows 0 (add), 1 (max) and 2 (min) of out; old gets what each add
    read."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask)
    where = out_ptr + offs % BINS
    tl.store(old_ptr + offs, tl.atomic_add(where, x, mask=mask), mask=mask)
    tl.atomic_max(where + BINS, x, mask=mask)
    tl.atomic_min(where + 2 * BINS, x, mask=mask)


@pantile.jit
def atomic_bins(x_ptr, out_ptr, n, BINS: tl.constexpr, INTEGER: tl.constexpr, BLOCK: tl.constexpr):
    """Element i goes into bin i % BINS of each row of out: add, and for integers max, min, or, xor."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask)
    where = out_ptr + offs % BINS
    tl.atomic_add(where, x, mask=mask)
    if INTEGER:
        tl.atomic_max(where + BINS, x, mask=mask)
        tl.atomic_min(where + 2 * BINS, x, mask=mask)
        tl.atomic_or(where + 3 * BINS, x, mask=mask)
        tl.atomic_xor(where + 4 * BINS, x, mask=mask)


@pantile.jit
def cas_election(lock_ptr, count_ptr):
    """Every program counts itself and tries to claim the lock with its id + 1; each stores what it found."""
    one = tl.arange(0, 1)          # one-element blocks: each program updates once
    pid = tl.program_id(0)
    tl.atomic_add(count_ptr + one, one + 1)
    old = tl.atomic_cas(lock_ptr + one, one * 0, one + pid + 1)
    tl.atomic_xchg(count_ptr + 1 + pid + one, old)


@pantile.jit
def ticket(counter_ptr, out_ptr):
    """Each program takes a ticket with one scalar atomic add and stores it at its program id."""
    tl.store(out_ptr + tl.program_id(0), tl.atomic_add(counter_ptr, 1))


@pantile.jit
def control_flow(x_ptr, out_ptr, n, steps, BLOCK: tl.constexpr):
    """A loop carrying a block and a scalar, an if with block results, a while loop."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask, other=0.0)
    acc = tl.zeros((BLOCK,), dtype=tl.float32)
    total = 0
    for i in range(steps):
        acc = acc + x * i
        total += i
    if total > 10:
        y = acc - 1.0
    else:
        y = acc + 1.0
    k = 0
    z = x
    while k < steps:
        z = z * 0.5
        k += 2
    tl.store(out_ptr + offs, y, mask=mask)
    tl.store(out_ptr + n + offs, z, mask=mask)
    for j in range(1, steps, 3):
        tl.store(out_ptr + 2 * n + offs, x + j, mask=mask & (offs % 2 == 0))


@pantile.jit
def branches_in_loops(x_ptr, out_ptr, steps, negate, BLOCK: tl.constexpr):
    """An if inside a for loop, a while loop bounded by the program id, an if on a runtime bool."""
    pid = tl.program_id(0)
    offs = tl.arange(0, BLOCK)
    acc = tl.load(x_ptr + pid * BLOCK + offs)
    for i in range(steps):
        if i % 2 == 0:
            acc = acc * 2
        else:
            acc = acc - 1
    k = 0
    while k < pid:
        acc += 100
        k += 1
    if negate:
        if pid == 2:
            acc = -acc
    tl.store(out_ptr + pid * BLOCK + offs, acc)


@pantile.jit
def masked_copy(x_ptr, out_ptr, n, other, BLOCK: tl.constexpr):
    """Loads masked by offs < n with a runtime `other`, stores masked by offs % 3 != 0."""
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs, mask=offs < n, other=other)
    tl.store(out_ptr + offs, x, mask=offs % 3 != 0)


@pantile.jit
def widen_select(x_ptr, y_ptr, out_ptr, n, BLOCK: tl.constexpr):
    """out = x * 2 + y where x > 0, else y - 1 (x int8, y and out f32), masked by offs < n."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask, other=0)
    y = tl.load(y_ptr + offs, mask=mask)
    tl.store(out_ptr + offs, tl.where(x > 0, x.to(tl.float32) * 2 + y, y - 1), mask=mask)


@pantile.jit
def reduce_1d(x_ptr, out_ptr, n, OP: tl.constexpr, BLOCK: tl.constexpr):
    """One reduction of x * 2 (masked by offs < n) to a scalar: sum, max or argmax."""
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs, mask=offs < n, other=float("-inf") if OP != "sum" else 0.0) * 2
    if OP == "sum":
        tl.store(out_ptr, tl.sum(x, axis=0))
    elif OP == "max":
        tl.store(out_ptr, tl.max(x, axis=0))
    else:
        tl.store(out_ptr, tl.argmax(x, axis=0).to(tl.float32))


@pantile.jit
def tiled_sum(x_ptr, out_ptr, n, BLOCK: tl.constexpr):
    """The sum of x[:n], BLOCK elements a loop iteration (the arange is hoisted out of the loop)."""
    acc = 0.0
    for start in range(0, n, BLOCK):
        offs = start + tl.arange(0, BLOCK)
        acc += tl.sum(tl.load(x_ptr + offs, mask=offs < n, other=0.0), axis=0)
    tl.store(out_ptr, acc)


@pantile.jit
def nested_loops(out_ptr, A: tl.constexpr, B: tl.constexpr):
    """out[i, j] = i * 10 + j, written from two nested loops over scalars."""
    for i in range(A):
        for j in range(B):
            tl.store(out_ptr + i * B + j, i * 10 + j)


@pantile.jit
def shapes(x_ptr, out_ptr, M: tl.constexpr, N: tl.constexpr):
    """trans, reshape, join/split, broadcast, cat, outer product of an M x N block: out rows hold each result."""
    offs = tl.arange(0, M)[:, None] * N + tl.arange(0, N)[None, :]
    x = tl.load(x_ptr + offs)
    flat = tl.arange(0, M * N)
    tl.store(out_ptr + flat, tl.reshape(tl.trans(x), (M * N,)))
    a, b = tl.split(tl.reshape(x, (M * N // 2, 2)))
    half = tl.arange(0, M * N // 2)
    tl.store(out_ptr + M * N + half, a)
    tl.store(out_ptr + M * N + M * N // 2 + half, b)
    j = tl.join(a, b * 2)
    tl.store(out_ptr + 2 * M * N + flat, tl.reshape(j, (M * N,)))
    col = tl.sum(x, axis=1)
    tl.store(out_ptr + 3 * M * N + offs, x - col[:, None])
    tl.store(out_ptr + 4 * M * N + flat, tl.cat(b, a, can_reorder=True))
    tl.store(out_ptr + 5 * M * N + offs, col[:, None] * tl.sum(x, axis=0)[None, :])


@pantile.jit
def printer(x_ptr, n, BLOCK: tl.constexpr):
    """device_print of a masked block and a scalar."""
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs, mask=offs < n, other=0)
    tl.device_print("x=", x)
    tl.device_print("pid=", tl.program_id(0))


@pantile.jit
def checked(x_ptr, n, BLOCK: tl.constexpr):
    """device_assert that every x is positive."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs, mask=offs < n, other=1)
    tl.device_assert(x > 0, "x must be positive")


@pantile.jit
def scale_add(x_ptr, out_ptr, n, alpha, beta, flag, BLOCK: tl.constexpr):
    """out = x * alpha + beta (+1 where flag), with float, int64 and bool scalars."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    y = tl.load(x_ptr + offs, mask=mask) * alpha + beta
    if flag:
        y = y + 1
    tl.store(out_ptr + offs, y, mask=mask)


@pantile.jit
def volatile_copy(x_ptr, out_ptr, n, BLOCK: tl.constexpr):
    """out = x through volatile loads."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    tl.store(out_ptr + offs, tl.load(x_ptr + offs, mask=mask, volatile=True), mask=mask)


@pantile.jit
def countdown(out_ptr, n, BLOCK: tl.constexpr):
    """A loop with a negative step carrying a block, and a while loop whose condition reduces a block."""
    offs = tl.arange(0, BLOCK)
    acc = tl.zeros((BLOCK,), dtype=tl.int32)
    k = 0
    for i in range(n, 0, -2):
        acc = acc * 2 + i + offs
        k += 1
    v = offs
    while tl.max(v, axis=0) > 3:
        v = v // 2
    tl.store(out_ptr + offs, acc)
    tl.store(out_ptr + BLOCK + offs, v)
    tl.store(out_ptr + 2 * BLOCK, k)


@pantile.jit
def unrolled_ranges(out_ptr, lo, hi, BLOCK: tl.constexpr, STEP: tl.constexpr, UNROLL: tl.constexpr):
    """A loop unrolled by UNROLL (loop_unroll_factor) carrying a block and a count; the order of the trips
    shows in the result (acc * 3 + i)."""
    offs = tl.arange(0, BLOCK)
    acc = tl.zeros((BLOCK,), dtype=tl.int32)
    k = 0
    for i in tl.range(lo, hi, STEP, loop_unroll_factor=UNROLL):
        acc = acc * 3 + i + offs
        k += 1
    tl.store(out_ptr + offs, acc)
    tl.store(out_ptr + BLOCK, k)


@pantile.jit(noinline=True)
def scaled_sum(x, factor):
    """A helper kept as a call (noinline): factor * sum(x) and x shifted by it."""
    s = tl.sum(x, axis=0) * factor
    return s, x + s


@pantile.jit
def calls_helper(x_ptr, out_ptr, BLOCK: tl.constexpr):
    """Two calls of a noinline helper."""
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs)
    s, y = scaled_sum(x, 2.0)
    t, z = scaled_sum(y, 0.5)
    tl.store(out_ptr + offs, z)
    tl.store(out_ptr + BLOCK, s + t)


@pantile.jit
def fp8_atomic(x_ptr, out_ptr):
    """An atomic add on fp8 values, which no target supports."""
    tl.atomic_add(out_ptr.to(tl.pointer_type(tl.float8e5)), tl.load(x_ptr).to(tl.float8e5))


@pantile.jit
def grid_ids(out_ptr):
    """Each program writes its ids and the grid size at its linear index."""
    x, y, z = tl.program_id(0), tl.program_id(1), tl.program_id(2)
    nx, ny = tl.num_programs(0), tl.num_programs(1)
    linear = (z * ny + y) * nx + x
    tl.store(out_ptr + linear * 6 + 0, x)
    tl.store(out_ptr + linear * 6 + 1, y)
    tl.store(out_ptr + linear * 6 + 2, z)
    tl.store(out_ptr + linear * 6 + 3, nx)
    tl.store(out_ptr + linear * 6 + 4, ny)
    tl.store(out_ptr + linear * 6 + 5, tl.num_programs(2))


@pantile.jit
def softmax_rows(out_ptr, in_ptr, in_stride, out_stride, n_rows, n_cols, BLOCK_SIZE: tl.constexpr,
                 num_stages: tl.constexpr):
    """Tutorial 02's persistent softmax: programs stride over the rows; `num_stages` is the kernel's parameter."""
    for row in tl.range(tl.program_id(0), n_rows, tl.num_programs(0), num_stages=num_stages):
        cols = tl.arange(0, BLOCK_SIZE)
        x = tl.load(in_ptr + row * in_stride + cols, mask=cols < n_cols, other=-float("inf"))
        e = tl.exp(x - tl.max(x, axis=0))
        tl.store(out_ptr + row * out_stride + cols, e / tl.sum(e, axis=0), mask=cols < n_cols)


@pantile.jit
def random_blocks(out_ptr, offset_ptr, seed, N: tl.constexpr, KIND: tl.constexpr, ROUNDS: tl.constexpr):
    """Row k of out gets block k of tl.KIND(seed, offsets, ROUNDS) (one block, or four for the *4x kinds)."""
    i = tl.arange(0, N)
    offsets = tl.load(offset_ptr + i)
    if KIND == "randint":
        tl.store(out_ptr + i, tl.randint(seed, offsets, ROUNDS))
    elif KIND == "rand":
        tl.store(out_ptr + i, tl.rand(seed, offsets, ROUNDS))
    elif KIND == "randn":
        tl.store(out_ptr + i, tl.randn(seed, offsets, ROUNDS))
    else:
        if KIND == "randint4x":
            a, b, c, d = tl.randint4x(seed, offsets, ROUNDS)
        elif KIND == "rand4x":
            a, b, c, d = tl.rand4x(seed, offsets, ROUNDS)
        else:
            a, b, c, d = tl.randn4x(seed, offsets, ROUNDS)
        tl.store(out_ptr + i, a)
        tl.store(out_ptr + N + i, b)
        tl.store(out_ptr + 2 * N + i, c)
        tl.store(out_ptr + 3 * N + i, d)


@pantile.jit
def philox_and_parts(c_ptr, words_ptr, uniform_ptr, normal_ptr, seed, N: tl.constexpr):
    """tl.philox on four loaded counter blocks, uint_to_uniform_float of its first word, pair_uniform_to_normal
    of the first two uniforms, and umulhi of the first two words."""
    i = tl.arange(0, N)
    c0, c1 = tl.load(c_ptr + i), tl.load(c_ptr + N + i)
    c2, c3 = tl.load(c_ptr + 2 * N + i), tl.load(c_ptr + 3 * N + i)
    a, b, c, d = tl.philox(seed, c0, c1, c2, c3)
    tl.store(words_ptr + i, a)
    tl.store(words_ptr + N + i, b)
    tl.store(words_ptr + 2 * N + i, c)
    tl.store(words_ptr + 3 * N + i, d)
    tl.store(words_ptr + 4 * N + i, tl.umulhi(a, b))
    u1, u2 = tl.uint_to_uniform_float(a), tl.uint_to_uniform_float(b)
    tl.store(uniform_ptr + i, u1)
    n1, n2 = tl.pair_uniform_to_normal(u1, u2)
    tl.store(normal_ptr + i, n1)
    tl.store(normal_ptr + N + i, n2)


@pantile.jit
def block_functions(x_ptr, i_ptr, out_ptr, M: tl.constexpr, N: tl.constexpr, FN: tl.constexpr, K: tl.constexpr):
    """out = FN of the (M, N) block x (and the index block i): sort, topk, flip, gather, interleave, ..."""
    r = tl.arange(0, M)[:, None]
    c = tl.arange(0, N)[None, :]
    x = tl.load(x_ptr + r * N + c)
    if FN == "sort":
        tl.store(out_ptr + r * N + c, tl.sort(x))
    elif FN == "sort_descending":
        tl.store(out_ptr + r * N + c, x.sort(descending=True))
    elif FN == "topk":
        tl.store(out_ptr + r * K + tl.arange(0, K)[None, :], tl.topk(x, K))
    elif FN == "bottomk":
        tl.store(out_ptr + r * K + tl.arange(0, K)[None, :], x.topk(K, descending=False))
    elif FN == "flip_rows":
        tl.store(out_ptr + r * N + c, tl.flip(x, 0))
    elif FN == "flip":
        tl.store(out_ptr + r * N + c, x.flip())
    elif FN == "gather_columns":
        tl.store(out_ptr + r * N + c, tl.gather(x, tl.load(i_ptr + r * N + c), 1))
    elif FN == "gather_rows":
        tl.store(out_ptr + r * N + c, x.gather(tl.load(i_ptr + r * N + c), 0))
    elif FN == "interleave":
        tl.store(out_ptr + r * 2 * N + tl.arange(0, 2 * N)[None, :], tl.interleave(x, x + 1))
    elif FN == "reduce_or":
        tl.store(out_ptr + tl.arange(0, M), tl.reduce_or(x, 1))
    elif FN == "xor_sum":
        tl.store(out_ptr + tl.arange(0, N), x.xor_sum(0))
    elif FN == "squeeze":
        tl.store(out_ptr + tl.arange(0, N), tl.squeeze(tl.sum(x, 0, keep_dims=True), 0))
    else:
        tl.store(out_ptr + r * N + c, tl.unsqueeze(tl.max(x, 1), 1) + x * 0)


@pantile.jit
def topk_rows(x_ptr, out_ptr, M: tl.constexpr, N: tl.constexpr, K: tl.constexpr, DESCENDING: tl.constexpr):
    """out = tl.topk of each row of the (M, N) block x; out's element type must be the one tl.topk returns."""
    r = tl.arange(0, M)[:, None]
    y = tl.topk(tl.load(x_ptr + r * N + tl.arange(0, N)[None, :]), K, descending=DESCENDING)
    tl.static_assert(y.dtype == out_ptr.dtype.element_ty, "tl.topk returned another element type")
    tl.store(out_ptr + r * K + tl.arange(0, K)[None, :], y)


@pantile.jit
def histogram_kernel(x_ptr, out_ptr, n, N: tl.constexpr, BINS: tl.constexpr):
    """out = tl.histogram of the first n of N values (the rest masked off)."""
    i = tl.arange(0, N)
    tl.store(out_ptr + tl.arange(0, BINS), tl.histogram(tl.load(x_ptr + i), BINS, mask=i < n))


@pantile.jit
def clamp_scalar(x, lo, hi):
    """A scalar function for tl.map_elementwise."""
    return tl.minimum(tl.maximum(x, lo), hi)


@pantile.jit
def language_extras(x_ptr, w_ptr, out_ptr, iout_ptr, N: tl.constexpr):
    """Row k of out / iout: add, sub, mul, map_elementwise, classifications of x, swizzle2d of the indices,
    philox_impl of the words w (uint32), and the programmatic-dependent-launch calls in between."""
    tl.extra.cuda.gdc_wait()
    i = tl.arange(0, N)
    x = tl.load(x_ptr + i)
    tl.store(out_ptr + i, tl.add(x, 1.5))
    tl.store(out_ptr + N + i, tl.sub(x, 1.5, sanitize_overflow=False))
    tl.store(out_ptr + 2 * N + i, tl.mul(x, x))
    tl.store(out_ptr + 3 * N + i, tl.map_elementwise(clamp_scalar, x, -1.0, 1.0))
    tl.store(iout_ptr + i, libdevice.isnan(x))
    tl.store(iout_ptr + N + i, libdevice.isinf(x))
    tl.store(iout_ptr + 2 * N + i, libdevice.signbit(x))
    tl.store(iout_ptr + 3 * N + i, libdevice.isfinited(x))
    a, b = tl.swizzle2d(i // 8, i % 8, N // 8, 8, 3)
    tl.store(iout_ptr + 4 * N + i, a)
    tl.store(iout_ptr + 5 * N + i, b)
    w = tl.load(w_ptr + i)
    c0, c1, c2, c3 = tl.philox_impl(w, w + 1, w + 2, w + 3, w * 5, w * 7, 10)
    tl.store(iout_ptr + 6 * N + i, c0.to(tl.int32, bitcast=True))
    tl.store(iout_ptr + 7 * N + i, c3.to(tl.int32, bitcast=True))
    tl.extra.cuda.gdc_launch_dependents()


@pantile.constexpr_function
def twice(n):
    """A compile-time helper kernels call through tl.constexpr_function."""
    return 2 * n


@pantile.jit
def merge_halves(x_ptr, out_ptr, M: tl.constexpr, N: tl.constexpr):
    """Rows of out = tl.bitonic_merge of the rows of x (each an ascending then a descending half), and the row
    after them = twice(N) as a block."""
    r = tl.arange(0, M)[:, None]
    c = tl.arange(0, N)[None, :]
    tl.store(out_ptr + r * N + c, tl.bitonic_merge(tl.load(x_ptr + r * N + c)))
    tl.store(out_ptr + M * N + tl.arange(0, N), tl.full((N,), twice(N), tl.float32))


@pantile.jit
def hinted_pointers(x_ptr, out_ptr, BLOCK: tl.constexpr):
    """out = 2 * x, loading through pointers carrying tl.multiple_of / tl.max_contiguous hints (as Triton allows)."""
    ptrs = tl.max_contiguous(tl.multiple_of(x_ptr + tl.arange(0, BLOCK), [16]), [BLOCK])
    tl.multiple_of(out_ptr, 16)
    tl.store(out_ptr + tl.arange(0, BLOCK), tl.load(ptrs) * 2)
