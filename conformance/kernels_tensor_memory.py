"""Kernels of the block-pointer and tensor-descriptor cases: tiles of ranks 1 to 3 moved with bounds checks.

Each program handles the tile at its program ids; the source (or destination) tensor has SHAPE and STRIDES
given as arguments (s*, t*) and the tile starts at program_id * B + o* (o* may be negative). The other side
is a dense array of whole tiles, accessed without checks.
"""
import pantile
import pantile.language as pl


@pantile.jit
def tile_move_kernel(x_ptr, out_ptr, s0, s1, s2, t0, t1, t2, o0, o1, o2, RANK: pl.constexpr, VIA: pl.constexpr,
                     STORE: pl.constexpr, CHECK: pl.constexpr, PADDING: pl.constexpr, B0: pl.constexpr,
                     B1: pl.constexpr, B2: pl.constexpr):
    p0, p1, p2 = pl.program_id(0), pl.program_id(1), pl.program_id(2)
    n0, n1, n2 = pl.num_programs(0) * B0, pl.num_programs(1) * B1, pl.num_programs(2) * B2
    if RANK == 1:
        shape, strides, start, block, order, block_dims = (s0,), (t0,), (p0 * B0 + o0,), (B0,), (0,), (0,)
        dense_shape, dense_strides, dense_start = (n0,), (1,), (p0 * B0,)
    elif RANK == 2:
        shape, strides, start, block, order = (s0, s1), (t0, t1), (p0 * B0 + o0, p1 * B1 + o1), (B0, B1), (1, 0)
        block_dims = (0, 1)
        dense_shape, dense_strides, dense_start = (n0, n1), (n1, 1), (p0 * B0, p1 * B1)
    else:
        shape, strides, block, order, block_dims = (s0, s1, s2), (t0, t1, t2), (B0, B1, B2), (2, 1, 0), (0, 1, 2)
        start = (p0 * B0 + o0, p1 * B1 + o1, p2 * B2 + o2)
        dense_shape, dense_strides, dense_start = (n0, n1, n2), (n1 * n2, n2, 1), (p0 * B0, p1 * B1, p2 * B2)
    # CHECK names the dimensions to check: "all", "dim1" or "none" (a tuple cannot be a launch constexpr).
    check = block_dims if CHECK == "all" else ((1,) if CHECK == "dim1" else ())
    if STORE:
        # x is dense, out is the checked tensor
        tile = pl.load(pl.make_block_ptr(x_ptr, dense_shape, dense_strides, dense_start, block, order))
        if VIA == "block_ptr":
            pl.store(pl.make_block_ptr(out_ptr, shape, strides, start, block, order), tile, boundary_check=check)
        else:
            pl.make_tensor_descriptor(out_ptr, shape, strides, block).store(start, tile)
    else:
        if VIA == "block_ptr":
            src = pl.make_block_ptr(x_ptr, shape, strides, start, block, order)
            tile = pl.load(src, boundary_check=check, padding_option=PADDING)
        else:
            tile = pl.make_tensor_descriptor(x_ptr, shape, strides, block, padding_option=PADDING).load(start)
        pl.store(pl.make_block_ptr(out_ptr, dense_shape, dense_strides, dense_start, block, order), tile)


@pantile.jit
def tile_loop_kernel(x_ptr, out_ptr, M, K, stride_m, VIA: pl.constexpr, BM: pl.constexpr, BK: pl.constexpr):
    """out[m] = sum over k of x[m, k]: a K loop carrying a block pointer (advanced, and advanced again on odd
    programs through a runtime if) or reading a descriptor at the loop's offset."""
    pm = pl.program_id(0)
    acc = pl.zeros((BM, BK), pl.int32)
    if VIA == "block_ptr":
        bp = pl.make_block_ptr(x_ptr, (M, K), (stride_m, 1), (pm * BM, -BK), (BM, BK), (1, 0))
        if pm % 2 == 1:
            bp = pl.advance(pl.advance(bp, (0, 2 * BK)), (0, -BK))
        else:
            bp = pl.advance(bp, (0, BK))
        for k in range(0, K, BK):
            acc += pl.load(bp, boundary_check=(0, 1), padding_option="zero")
            bp = pl.advance(bp, (0, BK))
    else:
        desc = pl.make_tensor_descriptor(x_ptr, (M, K), (stride_m, 1), (BM, BK))
        for k in range(0, K, BK):
            acc += desc.load((pm * BM, k))
    out = pl.make_block_ptr(out_ptr, (M,), (1,), (pm * BM,), (BM,), (0,))
    pl.store(out, pl.sum(acc, 1), boundary_check=(0,))


@pantile.jit
def descriptor_arg_kernel(x_desc, out_desc, o0, o1, o2, RANK: pl.constexpr, B0: pl.constexpr, B1: pl.constexpr,
                          B2: pl.constexpr):
    """Tile copy between two TensorDescriptor arguments: out-of-bounds elements read as padding and are
    dropped when stored."""
    p0, p1, p2 = pl.program_id(0), pl.program_id(1), pl.program_id(2)
    if RANK == 1:
        start = (p0 * B0 + o0,)
    elif RANK == 2:
        start = (p0 * B0 + o0, p1 * B1 + o1)
    else:
        start = (p0 * B0 + o0, p1 * B1 + o1, p2 * B2 + o2)
    out_desc.store(start, x_desc.load(start))


@pantile.jit
def descriptor_atomic_kernel(x_ptr, out_ptr, s0, s1, t0, o0, o1, OP: pl.constexpr, B0: pl.constexpr,
                             B1: pl.constexpr):
    """Each program combines its dense tile of x into the tile of out at program_id * B + o atomically."""
    p0, p1 = pl.program_id(0), pl.program_id(1)
    n1 = pl.num_programs(1) * B1
    tile = pl.load(pl.make_block_ptr(x_ptr, (pl.num_programs(0) * B0, n1), (n1, 1), (p0 * B0, p1 * B1), (B0, B1),
                                     (1, 0)))
    out = pl.make_tensor_descriptor(out_ptr, (s0, s1), (t0, 1), (B0, B1))
    start = (p0 * B0 + o0, p1 * B1 + o1)
    if OP == "add":
        out.atomic_add(start, tile)
    elif OP == "max":
        out.atomic_max(start, tile)
    else:
        out.atomic_xor(start, tile)
