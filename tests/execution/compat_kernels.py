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
def ptx_elementwise(x_ptr, y_ptr, rot_ptr, sum_ptr, diff_ptr, bytes_ptr, N: tl.constexpr):
    """rot = x rotated left by y (a PTX funnel shift); sum, diff = x + y, x - y from one asm with two outputs;
    bytes &= 0x0F, four bytes per asm call (pack=4)."""
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
