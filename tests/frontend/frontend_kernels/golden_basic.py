"""Golden kernels: operators, promotion, broadcasting, control flow, calls and compile-time values."""
import pantile.language as tl
from pantile.frontend import jit

from .registry import case

CASES: list = []
SCALE: tl.constexpr = tl.constexpr(3)
OFFSET = 5


@case(CASES, "*f32 *f32 *f32 i32", BLOCK=8)
@jit
def vector_add(x_ptr, y_ptr, out_ptr, n, BLOCK: tl.constexpr):
    pid = tl.program_id(axis=0)
    offs = pid * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask, other=0.0)
    y = tl.load(y_ptr + offs, mask=mask)
    tl.store(out_ptr + offs, x + y, mask=mask)


@case(CASES, "*i32")
@jit
def program_ids(out_ptr):
    a = tl.program_id(0) + tl.program_id(1) * tl.num_programs(0)
    b = tl.program_id(2) * tl.num_programs(1) + tl.num_programs(2)
    tl.store(out_ptr, a + b)


@case(CASES, "*i32")
@jit
def arange_offset(out_ptr):
    offs = tl.arange(8, 16)
    tl.store(out_ptr + offs, offs)


@case(CASES, "*i8 *u8 *u8")
@jit
def promote_int8_uint8(a_ptr, b_ptr, out_ptr):
    tl.store(out_ptr, tl.load(a_ptr) + tl.load(b_ptr))


@case(CASES, "*i8 *i32")
@jit
def python_int_keeps_block_type(a_ptr, out_ptr):
    offs = tl.arange(0, 4)
    x = tl.load(a_ptr + offs)
    tl.store(out_ptr + offs, x * 2 + 1)


@case(CASES, "*i32 *f32")
@jit
def python_float_with_int_block(a_ptr, out_ptr):
    offs = tl.arange(0, 4)
    tl.store(out_ptr + offs, tl.load(a_ptr + offs) * 0.5)


@case(CASES, "*f16 *f32 *f32")
@jit
def promote_f16_f32(a_ptr, b_ptr, out_ptr):
    tl.store(out_ptr, tl.load(a_ptr) + tl.load(b_ptr))


@case(CASES, "*i32 *i32 *f32")
@jit
def true_division_of_ints(a_ptr, b_ptr, out_ptr):
    tl.store(out_ptr, tl.load(a_ptr) / tl.load(b_ptr))


@case(CASES, "*f16 *f32")
@jit
def half_division_in_float32(a_ptr, out_ptr):
    x = tl.load(a_ptr)
    tl.store(out_ptr, x / x)


@case(CASES, "*i32 *u32 i32 u32")
@jit
def floor_div_and_mod(a_ptr, b_ptr, n, m):
    tl.store(a_ptr, n // 4 + n % 3)
    tl.store(b_ptr, m // m + m % 7)


@case(CASES, "*i32 i32 i32")
@jit
def bitwise_operators(out_ptr, a, b):
    tl.store(out_ptr, (a & b) | (a ^ b))
    tl.store(out_ptr + 1, (a << 2) + (b >> 1) + ~a)


@case(CASES, "*u32 u32")
@jit
def unsigned_shift_and_compare(out_ptr, a):
    if a >> 3 > 10:
        tl.store(out_ptr, a)


@case(CASES, "*i1 f32 f32")
@jit
def comparisons(out_ptr, a, b):
    tl.store(out_ptr, a == b)
    tl.store(out_ptr + 1, a != b)
    tl.store(out_ptr + 2, a < b)
    tl.store(out_ptr + 3, a <= b)
    tl.store(out_ptr + 4, a > b)
    tl.store(out_ptr + 5, a >= b)


@case(CASES, "*f32 i32", BLOCK=4)
@jit
def chained_comparison(out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK) - 2
    tl.store(out_ptr + offs, 1.0, mask=0 <= offs < n)


@case(CASES, "*i32 i32 i32")
@jit
def boolean_operators(out_ptr, a, b):
    if a > 0 and b > 0 or not a < b:
        tl.store(out_ptr, a)


@case(CASES, "*f32 *i32")
@jit
def unary_operators(x_ptr, y_ptr):
    offs = tl.arange(0, 4)
    x = tl.load(x_ptr + offs)
    y = tl.load(y_ptr + offs)
    tl.store(x_ptr + offs, -x + +x)
    tl.store(y_ptr + offs, ~y)
    tl.store(y_ptr + offs, y, mask=not y)


@case(CASES, "*f32 i32", BLOCK_M=2, BLOCK_N=4)
@jit
def subscript_broadcast(ptr, stride, BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr):
    rows = tl.arange(0, BLOCK_M)
    cols = tl.arange(0, BLOCK_N)
    offs = rows[:, None] * stride + cols[None, :]
    tl.store(ptr + offs, tl.load(ptr + offs) * 2.0)


@case(CASES, "*f32 *i32 *f16")
@jit
def casts_and_bitcasts(f_ptr, i_ptr, h_ptr):
    x = tl.load(f_ptr)
    tl.store(i_ptr, x.to(tl.int32))
    tl.store(i_ptr + 1, x.to(tl.int32, bitcast=True))
    tl.store(h_ptr, x.to(tl.float16, fp_downcast_rounding="rtz"))
    tl.store(f_ptr, tl.cast(tl.load(i_ptr), tl.float32))


@case(CASES, "*f32", BLOCK=4)
@jit
def tensor_attributes(ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)[:, None] * BLOCK + tl.arange(0, BLOCK)[None, :]
    x = tl.load(ptr + offs)
    tl.static_assert(x.shape[0] == BLOCK)
    tl.static_assert(x.dtype == tl.float32)
    tl.store(ptr + offs, x.T)


@case(CASES, "*f32", FLAG=True, MODE="double")
@jit
def static_if(ptr, FLAG: tl.constexpr, MODE: tl.constexpr):
    x = tl.load(ptr)
    if FLAG:
        x = x + 1.0
    else:
        x = x - 1.0
    if MODE == "double":
        x = x * 2.0
    elif MODE == "half":
        x = x * 0.5
    tl.store(ptr, x)


@case(CASES, "*f32 i32")
@jit
def runtime_if_with_results(ptr, n):
    x = tl.load(ptr)
    if n > 0:
        y = x * 2.0
        z = 1.0
    else:
        y = x
        z = 2.0
    tl.store(ptr, y + z)


@case(CASES, "*f32 i32")
@jit
def runtime_if_without_else(ptr, n):
    x = tl.load(ptr)
    if n == 0:
        x = x + 1.0
    tl.store(ptr, x)


@case(CASES, "*f32 i32", USE_MAX=False)
@jit
def conditional_expressions(ptr, n, USE_MAX: tl.constexpr):
    x = tl.load(ptr)
    y = tl.maximum(x, 0.0) if USE_MAX else x
    z = y if n > 2 else y * 3.0
    tl.store(ptr, z)


@case(CASES, "*f32 i32", BLOCK=4)
@jit
def for_loop_carried(ptr, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    acc = tl.zeros((BLOCK,), dtype=tl.float32)
    count = 0
    for i in range(0, n, BLOCK):
        acc += tl.load(ptr + i + offs)
        count += 1
    tl.store(ptr + offs, acc / count)


@case(CASES, "*f32 i32")
@jit
def pipelined_range(ptr, n):
    acc = 0.0
    for i in tl.range(n, num_stages=3, loop_unroll_factor=2):
        acc += tl.load(ptr + i)
    tl.store(ptr, acc)


@case(CASES, "*f32")
@jit
def static_range_loop(ptr):
    acc = tl.load(ptr)
    for i in tl.static_range(1, 4):
        acc = acc * tl.load(ptr + i)
    tl.store(ptr, acc)


@case(CASES, "*i32 i32")
@jit
def while_loop(ptr, n):
    i = 0
    total = 0
    while i < n:
        total += tl.load(ptr + i)
        i += 1
    tl.store(ptr, total)


@case(CASES, "*f32 i32 i32")
@jit
def nested_loops(ptr, n, m):
    acc = 0.0
    for i in range(n):
        for j in range(m):
            acc += tl.load(ptr + i * m + j)
    tl.store(ptr, acc)


@jit
def mul_add(a, b, c):
    return a * b + c


@jit
def sum_and_difference(a, b):
    return a + b, a - b


@jit
def scaled(x, FACTOR: tl.constexpr):
    if FACTOR == 1:
        return x
    return x * FACTOR


@jit(noinline=True)
def kept_call(x):
    return x + 1


@jit
def store_twice(ptr, value):
    tl.store(ptr, value)
    tl.store(ptr + 1, value)


@case(CASES, "*f32 f32 f32")
@jit
def helper_calls(ptr, a, b):
    s, d = sum_and_difference(a, b)
    tl.store(ptr, mul_add(s, d, a))


@case(CASES, "*f32 *i32 f32 i32")
@jit
def helper_specialised_per_type(f_ptr, i_ptr, a, b):
    tl.store(f_ptr, mul_add(a, a, a))
    tl.store(i_ptr, mul_add(b, b, b))
    tl.store(f_ptr, mul_add(a, a, a))


@case(CASES, "*f32 f32")
@jit
def helper_with_constexpr_and_early_return(ptr, a):
    tl.store(ptr, scaled(a, 1) + scaled(a, 4))


@case(CASES, "*i32 i32")
@jit
def noinline_helper_and_no_result(ptr, a):
    store_twice(ptr, kept_call(a))


@case(CASES, "*i32 i32 i32")
@jit
def tuples(ptr, a, b):
    pair = (a, b)
    x, y = pair
    (p, q), r = (y, x), pair[0]
    tl.store(ptr, p + q + r + len(pair))


@case(CASES, "*i32")
@jit
def constexpr_globals(ptr):
    tl.store(ptr, tl.load(ptr) * SCALE + OFFSET)


@case(CASES, "*i32 i32 i32", A=3, B=9)
@jit
def min_max_builtins(ptr, x, y, A: tl.constexpr, B: tl.constexpr):
    tl.store(ptr + min(A, B), max(x, y))
    tl.store(ptr + max(A, B, 4), min(x, y, 0))


@case(CASES, "*f32", BLOCK=8)
@jit
def static_checks(ptr, BLOCK: tl.constexpr):
    tl.static_assert(BLOCK % 4 == 0, f"BLOCK={BLOCK} must be a multiple of 4")
    tl.static_print(f"compiling static_checks with BLOCK={BLOCK}")
    tl.store(ptr, 0.0)


@case(CASES, "*i32 i32")
@jit
def assert_and_print(ptr, n):
    x = tl.load(ptr)
    assert x < n, "x out of range"
    assert n > 0
    print("x =", x)
    tl.device_print("n", n, hex=True)
    tl.device_assert(x >= 0, "negative")


@case(CASES, "*f32 *f32 i32 i32", BLOCK=4)
@jit
def pointer_arithmetic(a_ptr, b_ptr, i, j, BLOCK: tl.constexpr):
    p = a_ptr + i - j
    q = 2 + b_ptr
    tl.store(q, tl.load(p))
    tl.store(b_ptr + tl.arange(0, BLOCK), tl.load(a_ptr))


@case(CASES, "*i64 *u16 i64 u16")
@jit
def wide_and_unsigned_scalars(a_ptr, b_ptr, big, small):
    tl.store(a_ptr, big + small)
    tl.store(b_ptr, small * 3)


@case(CASES, "*i1 i1 i32")
@jit
def boolean_values(ptr, flag, n):
    tl.store(ptr, flag)
    tl.store(ptr + 1, True)
    tl.store(ptr + 2, flag & (n > 0))


@case(CASES, "*f32 *f32 i32", BLOCK=4)
@jit
def negative_infinity_other(in_ptr, out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    x = tl.load(in_ptr + offs, mask=offs < n, other=-float("inf"))
    tl.store(out_ptr, tl.max(x, axis=0))


@case(CASES, "*f16", DTYPE=tl.float16)
@jit
def dtype_constexpr(ptr, DTYPE: tl.constexpr):
    x = tl.zeros((4,), dtype=DTYPE)
    tl.static_assert(x.dtype == DTYPE)
    tl.store(ptr + tl.arange(0, 4), x)


@case(CASES, "*f32 i32 i32", arg_attrs={"ptr": {"divisibility": 16}, "n": {"divisibility": 16}})
@jit
def argument_attributes(ptr, n, k):
    tl.store(ptr + n, k.to(tl.float32))


@case(CASES, "*f32 *f32", M=2, N=4)
@jit
def outer_broadcast(a_ptr, out_ptr, M: tl.constexpr, N: tl.constexpr):
    col = tl.load(a_ptr + tl.arange(0, M))[:, None]
    row = tl.load(a_ptr + tl.arange(0, N))[None, :]
    offs = tl.arange(0, M)[:, None] * N + tl.arange(0, N)[None, :]
    tl.store(out_ptr + offs, col * row + 1.0)


@case(CASES, "*i32 i32")
@jit
def descending_range(ptr, n):
    for i in range(n, 0, -2):
        tl.store(ptr + i, i)
