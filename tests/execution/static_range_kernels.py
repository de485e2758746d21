"""tl.static_range kernels written as Triton users write them: the loop variable is a compile-time value in each
unrolled copy of the body (issue #16)."""
import pantile as triton
import pantile.language as tl


@triton.jit
def weigh(x, K: tl.constexpr):
    """x times K + 1, K a compile-time index."""
    tl.static_assert(K >= 0, "K counts from 0")
    return x * (K + 1)


@triton.jit
def weighted_parts(a_ptr, b_ptr, out_ptr, N: tl.constexpr):
    """out = a + 2 * b + 3 * 10: the parts (an f32 block, an i32 block, a number) indexed by the loop variable;
    acc is first assigned in the copy where k == 0, a compile-time branch."""
    i = tl.arange(0, N)
    parts = (tl.load(a_ptr + i), tl.load(b_ptr + i), 10)
    for k in tl.static_range(len(parts)):
        tl.static_assert(k < 3, "k indexes parts")
        if k == 0:
            acc = weigh(parts[k], k)
        else:
            acc = acc + weigh(parts[k], k)
    tl.store(out_ptr + i, acc)


@triton.jit
def first_or_count(x_ptr, out_ptr, N: tl.constexpr):
    """out[0] = 2 * x[0] (a block in the copy where k == 0) + 10 * (the number of other copies), a Python int in
    those copies: the two branches give v different types."""
    i = tl.arange(0, N)
    x = tl.load(x_ptr + i)
    total = tl.zeros([N], tl.float32)
    for k in tl.static_range(4):
        if k == 0:
            v = x * 2
        else:
            v = 10
        total += v
    tl.store(out_ptr + i, total)


@triton.jit
def shape_by_index(out_ptr, M: tl.constexpr, N: tl.constexpr):
    """out[0] = 100 * M + N, read from a block's shape by the loop variable."""
    block = tl.zeros((M, N), tl.int32)
    total = 0
    for k in tl.static_range(2):
        total = total * 100 + block.shape[k]
    tl.store(out_ptr, total)


@triton.jit
def static_loops(x_ptr, out_ptr):
    """out[0] = sum of x[j] * j over j = 6, 4, 2 (a negative step); out[1] = sum of x[4 r + c] over c <= r < 4
    (nested, the inner bound from the outer index); out[2] = x[0] (an empty range runs no copy); out[3] = the
    loop variable after its loop (3, Python's last index)."""
    down = 0.0
    for j in tl.static_range(6, 0, -2):
        down += tl.load(x_ptr + j) * j
    tri = 0.0
    for r in tl.static_range(4):
        for c in tl.static_range(r + 1):
            tri += tl.load(x_ptr + r * 4 + c)
    first = tl.load(x_ptr)
    for e in tl.static_range(5, 5):
        first = first * 0.0
    tl.store(out_ptr, down)
    tl.store(out_ptr + 1, tri)
    tl.store(out_ptr + 2, first)
    tl.store(out_ptr + 3, r * 1.0)
