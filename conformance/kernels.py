"""The suite's kernels: few of them, each one specialised per case by its constexprs and argument dtypes.

VIEW constexprs name the dtype a kernel computes in while numpy holds the
bits (bfloat16 and fp8 travel as uint16/uint8); `x.to(VIEW, bitcast=True)` is
the identity when the storage already has that dtype.
"""
import pantile
import pantile.language as pl
from pantile.language.extra import libdevice


@pantile.jit
def unary_kernel(x_ptr, out_ptr, n, OP: pl.constexpr, VIEW: pl.constexpr, BLOCK: pl.constexpr):
    offs = pl.program_id(0) * BLOCK + pl.arange(0, BLOCK)
    mask = offs < n
    x = pl.load(x_ptr + offs, mask=mask).to(VIEW, bitcast=True)
    if OP == "neg":
        r = -x
    elif OP == "abs":
        r = pl.abs(x)
    elif OP == "invert":
        r = ~x
    elif OP == "exp":
        r = pl.exp(x)
    elif OP == "exp2":
        r = pl.exp2(x)
    elif OP == "log":
        r = pl.log(x)
    elif OP == "log2":
        r = pl.log2(x)
    elif OP == "sin":
        r = pl.sin(x)
    elif OP == "cos":
        r = pl.cos(x)
    elif OP == "sqrt":
        r = pl.sqrt(x)
    elif OP == "sqrt_rn":
        r = pl.sqrt_rn(x)
    elif OP == "rsqrt":
        r = pl.rsqrt(x)
    elif OP == "floor":
        r = pl.floor(x)
    elif OP == "ceil":
        r = pl.ceil(x)
    elif OP == "asin":
        r = libdevice.asin(x)
    elif OP == "acos":
        r = libdevice.acos(x)
    elif OP == "atan":
        r = libdevice.atan(x)
    elif OP == "sinh":
        r = libdevice.sinh(x)
    elif OP == "cosh":
        r = libdevice.cosh(x)
    elif OP == "tanh":
        r = libdevice.tanh(x)
    elif OP == "asinh":
        r = libdevice.asinh(x)
    elif OP == "acosh":
        r = libdevice.acosh(x)
    elif OP == "atanh":
        r = libdevice.atanh(x)
    elif OP == "expm1":
        r = libdevice.expm1(x)
    elif OP == "log1p":
        r = libdevice.log1p(x)
    elif OP == "cbrt":
        r = libdevice.cbrt(x)
    elif OP == "erfc":
        r = libdevice.erfc(x)
    elif OP == "log10":
        r = libdevice.log10(x)
    elif OP == "exp10":
        r = libdevice.exp10(x)
    elif OP == "tan":
        r = libdevice.tan(x)
    elif OP == "trunc":
        r = libdevice.trunc(x)
    elif OP == "round":
        r = libdevice.round(x)
    elif OP == "rint":
        r = libdevice.rint(x)
    else:
        r = pl.erf(x)
    pl.store(out_ptr + offs, r.to(out_ptr.dtype.element_ty, bitcast=True), mask=mask)


@pantile.jit
def binary_kernel(x_ptr, y_ptr, out_ptr, n, OP: pl.constexpr, VIEW: pl.constexpr, BLOCK: pl.constexpr):
    offs = pl.program_id(0) * BLOCK + pl.arange(0, BLOCK)
    mask = offs < n
    x = pl.load(x_ptr + offs, mask=mask).to(VIEW, bitcast=True)
    y = pl.load(y_ptr + offs, mask=mask).to(VIEW, bitcast=True)
    if OP == "add":
        r = x + y
    elif OP == "sub":
        r = x - y
    elif OP == "mul":
        r = x * y
    elif OP == "div":
        r = (x / y).to(VIEW)  # Triton divides 16-bit floats in float32
    elif OP == "fdiv":
        r = pl.fdiv(x, y)
    elif OP == "div_rn":
        r = pl.div_rn(x, y)
    elif OP == "floordiv":
        r = x // y
    elif OP == "mod":
        r = x % y
    elif OP == "and":
        r = x & y
    elif OP == "or":
        r = x | y
    elif OP == "xor":
        r = x ^ y
    elif OP == "shl":
        r = x << y
    elif OP == "shr":
        r = x >> y
    elif OP == "maximum":
        r = pl.maximum(x, y)
    elif OP == "minimum":
        r = pl.minimum(x, y)
    elif OP == "maximum_nan":
        r = pl.maximum(x, y, propagate_nan=pl.PropagateNan.ALL)
    elif OP == "minimum_nan":
        r = pl.minimum(x, y, propagate_nan=pl.PropagateNan.ALL)
    elif OP == "atan2":
        r = libdevice.atan2(x, y)
    elif OP == "pow":
        r = libdevice.pow(x, y)
    elif OP == "hypot":
        r = libdevice.hypot(x, y)
    elif OP == "fmod":
        r = libdevice.fmod(x, y)
    elif OP == "copysign":
        r = libdevice.copysign(x, y)
    elif OP == "lt":
        r = x < y
    elif OP == "le":
        r = x <= y
    elif OP == "gt":
        r = x > y
    elif OP == "ge":
        r = x >= y
    elif OP == "eq":
        r = x == y
    else:
        r = x != y
    pl.store(out_ptr + offs, r.to(out_ptr.dtype.element_ty, bitcast=True), mask=mask)


@pantile.jit
def ternary_kernel(c_ptr, x_ptr, y_ptr, out_ptr, n, OP: pl.constexpr, VIEW: pl.constexpr, BLOCK: pl.constexpr):
    offs = pl.program_id(0) * BLOCK + pl.arange(0, BLOCK)
    mask = offs < n
    c = pl.load(c_ptr + offs, mask=mask)
    x = pl.load(x_ptr + offs, mask=mask).to(VIEW, bitcast=True)
    y = pl.load(y_ptr + offs, mask=mask).to(VIEW, bitcast=True)
    if OP == "fma":
        r = pl.fma(c.to(VIEW, bitcast=True), x, y)
    elif OP == "mul_add":
        r = c.to(VIEW, bitcast=True) * x + y
    else:
        r = pl.where(c, x, y)
    pl.store(out_ptr + offs, r.to(out_ptr.dtype.element_ty, bitcast=True), mask=mask)


@pantile.jit
def cast_kernel(x_ptr, out_ptr, n, SRC: pl.constexpr, DST: pl.constexpr, ROUNDING: pl.constexpr,
                BLOCK: pl.constexpr):
    offs = pl.program_id(0) * BLOCK + pl.arange(0, BLOCK)
    mask = offs < n
    x = pl.load(x_ptr + offs, mask=mask).to(SRC, bitcast=True)
    r = x.to(DST, fp_downcast_rounding=ROUNDING)
    pl.store(out_ptr + offs, r.to(out_ptr.dtype.element_ty, bitcast=True), mask=mask)


@pantile.jit
def add_combine(a, b):
    return a + b


@pantile.jit
def reduce_kernel(x_ptr, out_ptr, M, N, OP: pl.constexpr, AXIS: pl.constexpr, OTHER: pl.constexpr,
                  BLOCK_M: pl.constexpr, BLOCK_N: pl.constexpr):
    rm = pl.arange(0, BLOCK_M)
    rn = pl.arange(0, BLOCK_N)
    mask = (rm[:, None] < M) & (rn[None, :] < N)
    x = pl.load(x_ptr + rm[:, None] * N + rn[None, :], mask=mask, other=OTHER)
    if OP == "sum":
        r = pl.sum(x, axis=AXIS)
    elif OP == "max":
        r = pl.max(x, axis=AXIS)
    elif OP == "min":
        r = pl.min(x, axis=AXIS)
    elif OP == "argmax":
        r = pl.argmax(x, axis=AXIS)
    elif OP == "argmin":
        r = pl.argmin(x, axis=AXIS)
    else:
        r = pl.reduce(x, AXIS, add_combine)
    if AXIS == 0:
        pl.store(out_ptr + rn, r, mask=rn < N)
    elif AXIS == 1:
        pl.store(out_ptr + rm, r, mask=rm < M)
    else:
        pl.store(out_ptr, r)


@pantile.jit
def scan_kernel(x_ptr, out_ptr, M, N, OP: pl.constexpr, AXIS: pl.constexpr, REVERSE: pl.constexpr,
                OTHER: pl.constexpr, BLOCK_M: pl.constexpr, BLOCK_N: pl.constexpr):
    rm = pl.arange(0, BLOCK_M)
    rn = pl.arange(0, BLOCK_N)
    mask = (rm[:, None] < M) & (rn[None, :] < N)
    x = pl.load(x_ptr + rm[:, None] * N + rn[None, :], mask=mask, other=OTHER)
    if OP == "cumsum":
        r = pl.cumsum(x, axis=AXIS, reverse=REVERSE)
    elif OP == "cumprod":
        r = pl.cumprod(x, axis=AXIS, reverse=REVERSE)
    else:
        r = pl.associative_scan(x, AXIS, add_combine, reverse=REVERSE)
    pl.store(out_ptr + rm[:, None] * N + rn[None, :], r, mask=mask)


@pantile.jit
def shape_kernel(x_ptr, y_ptr, out_ptr, OP: pl.constexpr, M: pl.constexpr, N: pl.constexpr):
    rm = pl.arange(0, M)
    rn = pl.arange(0, N)
    rh = pl.arange(0, N // 2)
    r2 = pl.arange(0, 2)
    x = pl.load(x_ptr + rm[:, None] * N + rn[None, :])
    if OP == "trans":
        pl.store(out_ptr + rn[:, None] * M + rm[None, :], pl.trans(x))
    elif OP == "permute":
        p = pl.permute(pl.reshape(x, M, N // 2, 2), (2, 0, 1))
        pl.store(out_ptr + r2[:, None, None] * (M * N // 2) + rm[None, :, None] * (N // 2) + rh[None, None, :], p)
    elif OP == "reshape":
        pl.store(out_ptr + rn[:, None] * M + rm[None, :], pl.reshape(x, N, M))
    elif OP == "ravel":
        pl.store(out_ptr + pl.arange(0, M * N), pl.ravel(x))
    elif OP == "expand_dims":
        e = pl.broadcast_to(pl.expand_dims(x, 1), (M, 2, N))
        pl.store(out_ptr + rm[:, None, None] * (2 * N) + r2[None, :, None] * N + rn[None, None, :], e)
    elif OP == "broadcast":
        row = pl.load(y_ptr + rn)
        pl.store(out_ptr + rm[:, None] * N + rn[None, :], x + row[None, :])
    elif OP == "join":
        y = pl.load(y_ptr + rm[:, None] * N + rn[None, :])
        j = pl.join(x, y)
        pl.store(out_ptr + rm[:, None, None] * (2 * N) + rn[None, :, None] * 2 + r2[None, None, :], j)
    else:
        a, b = pl.split(pl.reshape(x, M, N // 2, 2))
        offs = rm[:, None] * (N // 2) + rh[None, :]
        pl.store(out_ptr + offs, a)
        pl.store(out_ptr + M * (N // 2) + offs, b)


@pantile.jit
def memory_kernel(x_ptr, idx_ptr, out_ptr, n, stride, MODE: pl.constexpr, OTHER: pl.constexpr,
                  BLOCK: pl.constexpr):
    offs = pl.program_id(0) * BLOCK + pl.arange(0, BLOCK)
    mask = offs < n
    if MODE == "masked_other":
        pl.store(out_ptr + offs, pl.load(x_ptr + offs, mask=mask, other=OTHER))
    elif MODE == "sparse_mask":
        v = pl.load(x_ptr + offs, mask=mask & (offs % 3 != 1), other=OTHER)
        pl.store(out_ptr + offs, v, mask=mask)
    elif MODE == "strided":
        pl.store(out_ptr + offs, pl.load(x_ptr + offs * stride, mask=mask), mask=mask)
    elif MODE == "gather":
        idx = pl.load(idx_ptr + offs, mask=mask, other=0)
        pl.store(out_ptr + offs, pl.load(x_ptr + idx, mask=mask & (idx >= 0), other=OTHER), mask=mask)
    elif MODE == "scatter":
        idx = pl.load(idx_ptr + offs, mask=mask, other=0)
        pl.store(out_ptr + idx, pl.load(x_ptr + offs, mask=mask), mask=mask)
    else:
        rows = pl.arange(0, BLOCK)[:, None]
        cols = pl.arange(0, 8)[None, :]
        tile = pl.load(x_ptr + cols * stride + rows, mask=(rows < n) & (cols < 5), other=OTHER)
        pl.store(out_ptr + rows * 8 + cols, tile)


@pantile.jit
def atomic_kernel(ptr, val_ptr, old_ptr, n, OP: pl.constexpr, BINS: pl.constexpr, BLOCK: pl.constexpr):
    offs = pl.program_id(0) * BLOCK + pl.arange(0, BLOCK)
    mask = offs < n
    v = pl.load(val_ptr + offs, mask=mask)
    where = ptr + offs % BINS
    if OP == "add":
        old = pl.atomic_add(where, v, mask=mask)
    elif OP == "max":
        old = pl.atomic_max(where, v, mask=mask)
    elif OP == "min":
        old = pl.atomic_min(where, v, mask=mask)
    elif OP == "and":
        old = pl.atomic_and(where, v, mask=mask)
    elif OP == "or":
        old = pl.atomic_or(where, v, mask=mask)
    elif OP == "xor":
        old = pl.atomic_xor(where, v, mask=mask)
    else:
        old = pl.atomic_xchg(where, v, mask=mask)
    pl.store(old_ptr + offs, old, mask=mask)


@pantile.jit
def cas_kernel(slot_ptr, seen_ptr, MODE: pl.constexpr, BINS: pl.constexpr):
    pid = pl.program_id(0)
    if MODE == "claim":
        # Every program tries to claim its slot; exactly one per slot sees the empty value 0.
        seen = pl.atomic_cas(slot_ptr + pid % BINS, 0, pid + 1)
    else:
        # A counter incremented with a compare-and-swap retry loop: each program sees a distinct value.
        seen = pl.atomic_cas(slot_ptr, 0, 1)
        expected = seen * 0
        while seen != expected:
            expected = seen
            seen = pl.atomic_cas(slot_ptr, expected, expected + 1)
    pl.store(seen_ptr + pid, seen)


@pantile.jit
def relay_kernel(flag_ptr, data_ptr, x_ptr, BLOCK: pl.constexpr):
    # Program p waits until program p - 1 has published its row (acquire), adds x's row p to it and publishes its
    # own (release): the rows become running sums whatever order the programs start in.
    pid = pl.program_id(0)
    offs = pl.arange(0, BLOCK)
    row = pl.load(x_ptr + pid * BLOCK + offs)
    if pid > 0:
        pl.atomic_poll(flag_ptr + pid - 1, 1)
        row += pl.load(data_ptr + (pid - 1) * BLOCK + offs)
    pl.store(data_ptr + pid * BLOCK + offs, row)
    pl.atomic_store(flag_ptr + pid, 1)


@pantile.jit
def control_kernel(x_ptr, out_ptr, n, k, MODE: pl.constexpr, BLOCK: pl.constexpr):
    pid = pl.program_id(0)
    offs = pid * BLOCK + pl.arange(0, BLOCK)
    mask = offs < n
    x = pl.load(x_ptr + offs, mask=mask, other=0)
    if MODE == "if_scalar":
        if k > 2:
            y = x * 2
        else:
            y = x - 1
    elif MODE == "if_program":
        if pid % 2 == 0:
            y = x + 1
        else:
            y = -x
    elif MODE == "for_carried":
        y = x
        acc = x * 0
        for i in range(0, k):
            acc = acc * 2 + y
            y = y + i
        y = acc + y
    elif MODE == "for_step":
        y = x
        for i in range(1, k, 3):
            y = y * 3 - i
    elif MODE == "while":
        y = x
        i = 0
        while i < k:
            y = y + i
            i += 1
    elif MODE == "static_range":
        y = x
        for i in pl.static_range(4):
            y = y * 3 + i
    elif MODE == "nested":
        y = x
        for i in range(0, k):
            for j in range(0, i):
                y = y + j
    elif MODE == "if_in_loop":
        y = x
        for i in range(0, k):
            if i % 2 == 0:
                y = y + x
            else:
                y = y - 1
    else:
        y = x
        for i in range(k, 0):
            y = y * 0
    pl.store(out_ptr + offs, y, mask=mask)


@pantile.jit
def grid_kernel(out_ptr):
    p0, p1, p2 = pl.program_id(0), pl.program_id(1), pl.program_id(2)
    n0, n1, n2 = pl.num_programs(0), pl.num_programs(1), pl.num_programs(2)
    base = out_ptr + ((p2 * n1 + p1) * n0 + p0) * 6
    pl.store(base, p0)
    pl.store(base + 1, p1)
    pl.store(base + 2, p2)
    pl.store(base + 3, n0)
    pl.store(base + 4, n1)
    pl.store(base + 5, n2)


@pantile.jit
def dot_kernel(a_ptr, b_ptr, acc_ptr, c_ptr, VIEW: pl.constexpr, WITH_ACC: pl.constexpr, M: pl.constexpr,
               N: pl.constexpr, K: pl.constexpr):
    rm = pl.arange(0, M)
    rn = pl.arange(0, N)
    rk = pl.arange(0, K)
    a = pl.load(a_ptr + rm[:, None] * K + rk[None, :]).to(VIEW, bitcast=True)
    b = pl.load(b_ptr + rk[:, None] * N + rn[None, :]).to(VIEW, bitcast=True)
    if WITH_ACC:
        acc = pl.load(acc_ptr + rm[:, None] * N + rn[None, :])
        c = pl.dot(a, b, acc, input_precision="ieee")
    else:
        c = pl.dot(a, b, input_precision="ieee")
    pl.store(c_ptr + rm[:, None] * N + rn[None, :], c)

