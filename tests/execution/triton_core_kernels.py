"""Kernels for test_triton_core_semantics.py: constructs from Triton 3.6's own language tests."""
import pantile as triton
import pantile.language as tl


@triton.jit
def subscripts_like_triton(x_ptr, out_ptr, M: tl.constexpr, N: tl.constexpr):
    offs = tl.arange(0, M)[:, None] * N + tl.arange(0, N)[None, :]
    x = tl.load(x_ptr + offs)
    lifted = x[None]                                   # a leading None on a rank-2 tensor: (1, M, N)
    tl.static_assert(lifted.shape == [1, M, N])
    total = tl.sum(tl.sum(x, 1), 0)
    corner = total[None, None, :]                      # Nones on a scalar, the ':' past its rank: (1, 1)
    tl.static_assert(corner.shape == [1, 1])
    tl.store(out_ptr + offs, tl.reshape(lifted, (M, N)) + corner)


@triton.jit
def reshape_to(x_ptr, out_ptr, N: tl.constexpr, SHAPE: tl.constexpr):
    y = tl.reshape(tl.load(x_ptr + tl.arange(0, N)), SHAPE)
    tl.static_assert(y.shape == SHAPE)
    rows = tl.arange(0, SHAPE[0])[:, None] * SHAPE[1] + tl.arange(0, SHAPE[1])[None, :]
    tl.store(out_ptr + rows, y * (tl.arange(0, SHAPE[1])[None, :] + 1))


@triton.jit
def number_or_default(value=10):
    return value


@triton.jit
def helper_defaults(out0, out1, value=3):
    tl.store(out0, number_or_default())                # the helper returns its default, a Python number
    tl.store(out1, number_or_default(value))


@triton.jit
def store_by_ternary(x_ptr, out_ptr):
    pid = tl.program_id(0)
    tl.store(out_ptr + pid, tl.load(x_ptr + pid)) if pid % 2 == 0 else tl.store(out_ptr + pid, -tl.load(x_ptr + pid))


@triton.jit
def count_threads(out_ptr):
    threads: tl.constexpr = tl.extra.cuda.num_threads()
    tl.store(out_ptr + tl.arange(0, threads), tl.full((threads,), tl.extra.cuda.num_warps(), tl.int32))


@triton.jit
def weighted_total(blocks, weights: tl.constexpr):
    tl.static_assert(len(blocks) == 3)
    return blocks[0] * weights[0] + blocks[1] * weights[1] + blocks[2] * weights[2]


@triton.jit
def lists_nones_and_classes(x_ptr, scale_ptr, out_ptr, N: tl.constexpr, C: tl.constexpr):
    i = tl.arange(0, N)
    a = tl.load(x_ptr + i)
    y = weighted_total([a, tl.load(x_ptr + N + i), a], (1, 2, 3))     # a list of tensors to a helper
    if scale_ptr is not None:                          # None is compiled in
        y = y * tl.load(scale_ptr + i)
    if isinstance(C, int):                             # isinstance reads a constexpr's value, as Triton does
        y += C
    if isinstance(C, tl.constexpr):                    # so never its wrapper
        y += 1000
    tl.store(out_ptr + i, y)
