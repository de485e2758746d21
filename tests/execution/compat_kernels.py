"""Kernels of the Triton-compatibility tests (issue #16), written as Triton users write them."""
import pantile as triton
import pantile.language as tl


@triton.jit
def fp8_codes(codes, values, decoded, encoded, FMT: tl.constexpr, N: tl.constexpr):
    """decoded = the f32 value of each fp8 code (loaded through a pointer to FMT); encoded = values rounded to
    FMT, stored as their codes."""
    i = tl.arange(0, N)
    x = tl.load(codes.to(tl.pointer_type(FMT)) + i)
    tl.store(decoded + i, x.to(tl.float32))
    y = tl.load(values + i).to(FMT)
    tl.store(encoded + i, y.to(tl.uint8, bitcast=True))


@triton.jit
def fp8_copy(src, dst, N: tl.constexpr):
    """A copy through pointers of whatever element type the arguments have (fp8 through triton.reinterpret)."""
    i = tl.arange(0, N)
    tl.store(dst + i, tl.load(src + i).to(tl.float32).to(dst.dtype.element_ty))


@triton.jit
def join_scalars(x_ptr, out_ptr):
    """out = [x, x + 1], joined from two scalars."""
    x = tl.load(x_ptr)
    tl.store(out_ptr + tl.arange(0, 2), tl.join(x, x + 1))


@triton.jit
def ptx_elementwise(x_ptr, y_ptr, rot_ptr, sum_ptr, diff_ptr, bytes_ptr, f_ptr, N: tl.constexpr):
    """rot = x rotated left by y (a PTX funnel shift); sum, diff = x + y, x - y from one asm with two outputs;
    bytes &= 0x0F, four bytes per asm call (pack=4, one register); f copied two f32 per call (two registers)."""
    i = tl.arange(0, N)
    x = tl.load(x_ptr + i)
    y = tl.load(y_ptr + i)
    rot = tl.inline_asm_elementwise("shf.l.wrap.b32 $0, $1, $1, $2;", "=r,r,r", [x, y], dtype=tl.uint32,
                                    is_pure=True, pack=1)
    tl.store(rot_ptr + i, rot)
    s, d = tl.inline_asm_elementwise("add.u32 $0, $2, $3;\n\tsub.u32 $1, $2, $3;", "=r,=r,r,r", [x, y],
                                     dtype=(tl.uint32, tl.uint32), is_pure=False, pack=1)
    tl.store(sum_ptr + i, s)
    tl.store(diff_ptr + i, d)
    b = tl.load(bytes_ptr + i)
    tl.store(bytes_ptr + i, tl.inline_asm_elementwise("and.b32 $0, $1, 0x0F0F0F0F;", "=r,r", [b], dtype=tl.uint8,
                                                      is_pure=True, pack=4))
    f = tl.load(f_ptr + i)
    tl.store(f_ptr + i, tl.inline_asm_elementwise("neg.f32 $0, $2;\n\tneg.f32 $1, $3;", "=r,=r,r,r", [f],
                                                  dtype=tl.float32, is_pure=True, pack=2))


@triton.jit
def mx_dot(a_ptr, a_scale_ptr, b_ptr, b_scale_ptr, out_ptr, M: tl.constexpr, N: tl.constexpr, K: tl.constexpr,
           A_FMT: tl.constexpr, B_FMT: tl.constexpr, A_SCALED: tl.constexpr, B_SCALED: tl.constexpr,
           GROUP: tl.constexpr = 32):
    """out = tl.dot_scaled of an [M, K] and a [K, N] operand (e2m1 packed two per byte along K), one scale per
    GROUP elements along K."""
    KA: tl.constexpr = K // 2 if A_FMT == "e2m1" else K
    KB: tl.constexpr = K // 2 if B_FMT == "e2m1" else K
    a = tl.load(a_ptr + tl.arange(0, M)[:, None] * KA + tl.arange(0, KA)[None, :])
    b = tl.load(b_ptr + tl.arange(0, KB)[:, None] * N + tl.arange(0, N)[None, :])
    a_scale = tl.load(a_scale_ptr + tl.arange(0, M)[:, None] * (K // GROUP) + tl.arange(0, K // GROUP)[None, :])
    b_scale = tl.load(b_scale_ptr + tl.arange(0, N)[:, None] * (K // GROUP) + tl.arange(0, K // GROUP)[None, :])
    c = tl.dot_scaled(a, a_scale if A_SCALED else None, A_FMT, b, b_scale if B_SCALED else None, B_FMT)
    tl.store(out_ptr + tl.arange(0, M)[:, None] * N + tl.arange(0, N)[None, :], c)


@triton.jit
def countdown(x_ptr, out_ptr):
    """out = [steps taken halving x down to 1, x's first element taken through a tl.tuple slice]: tl.condition
    in a while loop, a tl.async_task block, tl.tuple and tl.slice."""
    x = tl.load(x_ptr)
    steps = 0
    with tl.async_task([0]):
        while tl.condition(x > 1, disable_licm=True):
            x = x // 2
            steps += 1
    pair = tl.tuple([tl.load(x_ptr), steps])
    first = pair[tl.slice(0, 1)]
    tl.store(out_ptr, steps)
    tl.store(out_ptr + 1, first[0])


@triton.jit
def numbers_and_scalar_halves(x_ptr, out_ptr):
    """out[0:4] = 1 + a + b + 7 where (a, b) = tl.split of x[0:2] (two scalars); numbers held in variables take
    tensor attributes as in Triton (acc.to(...), value.dtype)."""
    acc = 7
    acc = acc.to(tl.int64)
    value = 1
    ones = tl.full([4], value, dtype=value.dtype)
    a, b = tl.split(tl.load(x_ptr + tl.arange(0, 2)))
    tl.static_assert(a.shape == [])
    tl.store(out_ptr + tl.arange(0, 4), ones + a + b + acc.to(tl.int32))


@triton.jit
def copy_from_const(src: tl.const, dst, N: tl.constexpr, WRITE_SRC: tl.constexpr):
    """dst = src through a tl.const source pointer; WRITE_SRC stores through it (a compilation error)."""
    i = tl.arange(0, N)
    x = tl.load(src + i)
    tl.store(dst + i, x)
    if WRITE_SRC:
        tl.store(tl.where(x > 0, src, dst) + i, x)


@triton.jit
def batched_dot(a_ptr, b_ptr, acc_ptr, out_ptr, B: tl.constexpr, M: tl.constexpr, N: tl.constexpr, K: tl.constexpr,
                BM: tl.constexpr, BN: tl.constexpr, OUT: tl.constexpr, WITH_ACC: tl.constexpr):
    """out[b] = a[b] @ b[b] (+ acc[b]) for every b of [B, M, K] @ [B, K, N], one rank-3 tl.dot per BM x BN tile."""
    ob = tl.arange(0, B)[:, None, None]
    om = tl.program_id(0) * BM + tl.arange(0, BM)[None, :, None]
    on = tl.program_id(1) * BN + tl.arange(0, BN)[None, None, :]
    a = tl.load(a_ptr + ob * M * K + om * K + tl.arange(0, K)[None, None, :])
    b = tl.load(b_ptr + ob * K * N + tl.arange(0, K)[None, :, None] * N + on)
    if WITH_ACC:
        c = tl.dot(a, b, tl.load(acc_ptr + ob * M * N + om * N + on), input_precision="ieee")
    else:
        c = tl.dot(a, b, input_precision="ieee", out_dtype=OUT)
    tl.store(out_ptr + ob * M * N + om * N + on, c)


@triton.jit
def shift_right(x_ptr, y_ptr, out_ptr, N: tl.constexpr):
    """out = x >> y, elementwise, in the operands' promoted type."""
    i = tl.arange(0, N)
    tl.store(out_ptr + i, tl.load(x_ptr + i) >> tl.load(y_ptr + i))


@triton.jit
def sign_of(v):
    """1, -1 or 0 by the sign of scalar v: returns inside runtime ifs."""
    if v > 0:
        return 1
    elif v < 0:
        return -1
    return 0


@triton.jit
def early_returns(x_ptr, out_ptr, count_ptr, n, TOTAL: tl.constexpr):
    """Program p writes sign_of(x[p]) to out[p] unless x[p] is 0 or p >= n (it returns first); with TOTAL == 1 it
    writes 7 and returns; the last program to count itself writes the count to count_ptr[1]."""
    pid = tl.program_id(0)
    if TOTAL == 1:
        tl.store(out_ptr + pid, 7)
        return
    if pid >= n:
        return
    x = tl.load(x_ptr + pid)
    if x == 0:
        return
    tl.store(out_ptr + pid, sign_of(x))
    seen = tl.atomic_add(count_ptr, 1)
    if seen + 1 != tl.load(count_ptr + 2):
        return
    tl.store(count_ptr + 1, seen + 1)


@triton.jit
def expect_zero_upper_half(x_ptr, out_ptr, N: tl.constexpr):
    """out = tl.expect_zero(x, i >= N // 2): x itself; debug builds check that its upper half is zero."""
    i = tl.arange(0, N)
    tl.store(out_ptr + i, tl.expect_zero(tl.load(x_ptr + i), i >= N // 2))


@triton.jit
def one_element_blocks(x_ptr, out_ptr):
    """x[0] of a [1, 1] block through .item() (twice, the second on a scalar), then an if on the block."""
    x = tl.load(x_ptr + tl.arange(0, 1)[:, None])
    s = x.item()
    tl.store(out_ptr, s * 2)
    tl.store(out_ptr + 1, s.item() + 1)
    if x > 0:
        tl.store(out_ptr + 2, 1.0)
    else:
        tl.store(out_ptr + 2, -1.0)
