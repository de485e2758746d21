"""Kernels the CPU execution tests launch (written as users write them)."""
import pantile
import pantile.language as tl


@pantile.jit
def int_binary_ops(x_ptr, y_ptr, out_ptr, n, BLOCK: tl.constexpr):
    """Row k of out (n wide) gets op k of x and y: + - * // % & | ^ max min."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask)
    y = tl.load(y_ptr + offs, mask=mask, other=1)
    tl.store(out_ptr + 0 * n + offs, x + y, mask=mask)
    tl.store(out_ptr + 1 * n + offs, x - y, mask=mask)
    tl.store(out_ptr + 2 * n + offs, x * y, mask=mask)
    tl.store(out_ptr + 3 * n + offs, x // y, mask=mask)
    tl.store(out_ptr + 4 * n + offs, x % y, mask=mask)
    tl.store(out_ptr + 5 * n + offs, x & y, mask=mask)
    tl.store(out_ptr + 6 * n + offs, x | y, mask=mask)
    tl.store(out_ptr + 7 * n + offs, x ^ y, mask=mask)
    tl.store(out_ptr + 8 * n + offs, tl.maximum(x, y), mask=mask)
    tl.store(out_ptr + 9 * n + offs, tl.minimum(x, y), mask=mask)


@pantile.jit
def float_binary_ops(x_ptr, y_ptr, out_ptr, n, BLOCK: tl.constexpr):
    """Row k of out gets op k of x and y: + - * / max min where(x<y) fma."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask)
    y = tl.load(y_ptr + offs, mask=mask, other=1.0)
    tl.store(out_ptr + 0 * n + offs, x + y, mask=mask)
    tl.store(out_ptr + 1 * n + offs, x - y, mask=mask)
    tl.store(out_ptr + 2 * n + offs, x * y, mask=mask)
    tl.store(out_ptr + 3 * n + offs, x / y, mask=mask)
    tl.store(out_ptr + 4 * n + offs, tl.maximum(x, y), mask=mask)
    tl.store(out_ptr + 5 * n + offs, tl.minimum(x, y), mask=mask)
    tl.store(out_ptr + 6 * n + offs, tl.where(x < y, x, y), mask=mask)
    tl.store(out_ptr + 7 * n + offs, tl.fma(x, y, x), mask=mask)


@pantile.jit
def compare_ops(x_ptr, y_ptr, out_ptr, n, BLOCK: tl.constexpr):
    """Rows of out (bool): == != < <= > >=."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask)
    y = tl.load(y_ptr + offs, mask=mask)
    tl.store(out_ptr + 0 * n + offs, x == y, mask=mask)
    tl.store(out_ptr + 1 * n + offs, x != y, mask=mask)
    tl.store(out_ptr + 2 * n + offs, x < y, mask=mask)
    tl.store(out_ptr + 3 * n + offs, x <= y, mask=mask)
    tl.store(out_ptr + 4 * n + offs, x > y, mask=mask)
    tl.store(out_ptr + 5 * n + offs, x >= y, mask=mask)


@pantile.jit
def convert(x_ptr, out_ptr, n, BLOCK: tl.constexpr):
    """out = x converted to out's element type."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    tl.store(out_ptr + offs, tl.load(x_ptr + offs, mask=mask).to(out_ptr.dtype.element_ty), mask=mask)


@pantile.jit
def to_type(x, NAME: tl.constexpr):
    """x converted to the type named NAME (dtype constexprs arrive as names)."""
    if NAME == "bf16":
        y = x.to(tl.bfloat16)
    elif NAME == "fp16":
        y = x.to(tl.float16)
    elif NAME == "fp8e4nv":
        y = x.to(tl.float8e4nv)
    elif NAME == "fp8e5":
        y = x.to(tl.float8e5)
    elif NAME == "fp32":
        y = x.to(tl.float32)
    elif NAME == "int8":
        y = x.to(tl.int8)
    else:
        y = x
    return y


@pantile.jit
def through_narrow(x_ptr, y_ptr, out_ptr, n, NARROW: tl.constexpr, BLOCK: tl.constexpr):
    """f32 inputs rounded to NARROW (a type name), added and multiplied there, widened back: (x+y, x*y)."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = to_type(tl.load(x_ptr + offs, mask=mask), NARROW)
    y = to_type(tl.load(y_ptr + offs, mask=mask), NARROW)
    tl.store(out_ptr + offs, (x + y).to(tl.float32), mask=mask)
    tl.store(out_ptr + n + offs, (x * y).to(tl.float32), mask=mask)


@pantile.jit
def unary_math(x_ptr, out_ptr, n, FN: tl.constexpr, BLOCK: tl.constexpr):
    """out = FN(x) for a math function named by FN."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask, other=1.0)
    if FN == "exp":
        y = tl.exp(x)
    elif FN == "exp2":
        y = tl.exp2(x)
    elif FN == "log":
        y = tl.log(x)
    elif FN == "log2":
        y = tl.log2(x)
    elif FN == "sin":
        y = tl.sin(x)
    elif FN == "cos":
        y = tl.cos(x)
    elif FN == "sqrt":
        y = tl.sqrt(x)
    elif FN == "rsqrt":
        y = tl.rsqrt(x)
    elif FN == "erf":
        y = tl.erf(x)
    elif FN == "floor":
        y = tl.floor(x)
    elif FN == "ceil":
        y = tl.ceil(x)
    elif FN == "abs":
        y = tl.abs(x)
    else:
        y = tl.sigmoid(x)
    tl.store(out_ptr + offs, y, mask=mask)
