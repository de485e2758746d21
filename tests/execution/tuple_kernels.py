"""Kernels taking tuples as runtime arguments (Triton 3's tuple parameters)."""
import pantile as triton
import pantile.language as tl


@triton.jit
def add_pair(xy, out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    mask = offs < n
    x_ptr, y_ptr = xy
    tl.store(out_ptr + offs, tl.load(x_ptr + offs, mask=mask) + tl.load(xy[1] + offs, mask=mask), mask=mask)


@triton.jit
def sum_scaled(t, out_ptr, BLOCK: tl.constexpr):
    """t = ((pointers...), (scale, bias or None)): the pointed-to rows summed, times scale, plus bias."""
    offs = tl.arange(0, BLOCK)
    acc = tl.zeros((BLOCK,), tl.float32)
    for i in tl.static_range(len(t[0])):
        acc += tl.load(t[0][i] + offs)
    scale, bias = t[1]
    acc = acc * scale
    if bias is not None:
        acc += bias
    tl.store(out_ptr + offs, acc)


@triton.jit
def each_pointer(ptrs, out_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    acc = tl.zeros((BLOCK,), tl.int32)
    for p in ptrs:
        acc = acc * 10 + tl.load(p + offs)
    tl.store(out_ptr + offs, acc)


@triton.jit
def scalars(ab, out_ptr):
    a, b = ab
    tl.store(out_ptr, a * 100 + b)


@triton.jit
def _second(pair):
    return pair[1]


@triton.jit
def through_helper(pair, out_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.store(_second(pair) + offs, tl.load(pair[0] + offs) * 2)
    tl.store(out_ptr, len(pair))


@triton.jit
def indexed_at_runtime(ptrs, i, out_ptr):
    tl.store(out_ptr, tl.load(ptrs[i]))


@triton.jit
def scaled_tile_copy(descs, scale, BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr):
    """Tile (program 0, program 1) of descs[0], times scale, stored to the same tile of descs[1][0]; descs[1][1]
    (None or a descriptor of [BLOCK_M, 4] blocks) gets the tile's row sums in its columns 4 * program 1 on."""
    src, (dst, sums) = descs
    m, n = tl.program_id(0) * BLOCK_M, tl.program_id(1) * BLOCK_N
    tile = src.load([m, n]) * scale
    dst.store([m, n], tile)
    if sums is not None:
        sums.store([m, 4 * tl.program_id(1)], tl.broadcast_to(tl.sum(tile, 1, keep_dims=True), (BLOCK_M, 4)))
