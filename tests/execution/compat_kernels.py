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
