"""Kernels whose results on every test target pin down the language's semantics against numpy."""
import pantile
import pantile.language as tl


@pantile.jit
def integer_division(a_ptr, b_ptr, q_ptr, r_ptr, N: tl.constexpr):
    offs = tl.arange(0, N)
    a = tl.load(a_ptr + offs)
    b = tl.load(b_ptr + offs)
    tl.store(q_ptr + offs, a // b)
    tl.store(r_ptr + offs, a % b)


@pantile.jit
def arg_reductions(x_ptr, out_ptr, N: tl.constexpr):
    x = tl.load(x_ptr + tl.arange(0, N))
    tl.store(out_ptr, tl.argmax(x, 0))
    tl.store(out_ptr + 1, tl.argmin(x, 0))
    v, i = tl.min(x, 0, return_indices=True)
    tl.store(out_ptr + 2, i)


@pantile.jit
def arg_reductions_with_nan(x_ptr, out_ptr, value_ptr, n, R: tl.constexpr, N: tl.constexpr):
    """Per row of x (R x N; columns from n on are masked to NaN): argmax, argmin, their unordered-tie
    forms, and max/min with return_indices (indices to out, values to value)."""
    rows = tl.arange(0, R)
    cols = tl.arange(0, N)
    offs = rows[:, None] * N + cols[None, :]
    x = tl.load(x_ptr + offs, mask=cols[None, :] < n, other=float("nan"))
    tl.store(out_ptr + rows, tl.argmax(x, 1))
    tl.store(out_ptr + R + rows, tl.argmin(x, 1))
    tl.store(out_ptr + 2 * R + rows, tl.argmax(x, 1, tie_break_left=False))
    tl.store(out_ptr + 3 * R + rows, tl.argmin(x, 1, tie_break_left=False))
    v, i = tl.max(x, 1, return_indices=True)
    tl.store(out_ptr + 4 * R + rows, i)
    tl.store(value_ptr + rows, v)
    v, i = tl.min(x, 1, return_indices=True)
    tl.store(out_ptr + 5 * R + rows, i)
    tl.store(value_ptr + R + rows, v)


@pantile.jit
def wrapping_uint8(x_ptr, out_ptr, N: tl.constexpr):
    offs = tl.arange(0, N)
    tl.store(out_ptr + offs, tl.load(x_ptr + offs) + 10)


@pantile.jit
def split_sum(x, y):
    return x + y, x - y


@pantile.jit
def control_flow(out_ptr, n):
    k = 0
    for i in range(n, 0, -3):
        tl.store(out_ptr + k, i)
        k += 1
    total = 0
    while k < 8:
        total += k
        k += 1
    s, d = split_sum(total, n)
    tl.store(out_ptr + 8, s if n > 5 else d)
    tl.store(out_ptr + 9, (-7) // 2)


@pantile.jit
def scans_and_where(x_ptr, out_ptr, N: tl.constexpr):
    offs = tl.arange(0, N)
    x = tl.load(x_ptr + offs)
    tl.store(out_ptr + offs, tl.cumsum(x, 0))
    tl.store(out_ptr + N + offs, tl.where(x > 2, x, -1))
