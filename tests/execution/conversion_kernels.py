"""Kernels of the conversion tests: narrow floats from every type, constants in them, truncations then widenings."""
import pantile
import pantile.language as tl
from execution_kernels import to_type


@pantile.jit
def narrow_and_back(x_ptr, out_ptr, n, NARROW: tl.constexpr, BLOCK: tl.constexpr):
    """x converted to NARROW (a type name), then to f32."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    tl.store(out_ptr + offs, to_type(tl.load(x_ptr + offs, mask=mask), NARROW).to(tl.float32), mask=mask)


@pantile.jit
def narrow_with_constants(x_ptr, out_ptr, n, NARROW: tl.constexpr, BLOCK: tl.constexpr):
    """f32 x rounded to NARROW, then with Python float constants: (max(x, 0.0), x + 0.1, min(x, -1.5)) as f32."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = to_type(tl.load(x_ptr + offs, mask=mask), NARROW)
    tl.store(out_ptr + offs, tl.maximum(x, 0.0).to(tl.float32), mask=mask)
    tl.store(out_ptr + n + offs, (x + 0.1).to(tl.float32), mask=mask)
    tl.store(out_ptr + 2 * n + offs, tl.minimum(x, -1.5).to(tl.float32), mask=mask)


@pantile.jit
def truncate_then_add(x_ptr, y_ptr, out_ptr, n, BLOCK: tl.constexpr):
    """out = x converted to out's (narrower) element type, plus a wider y, stored back into out's type."""
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask).to(out_ptr.dtype.element_ty)
    tl.store(out_ptr + offs, x + tl.load(y_ptr + offs, mask=mask), mask=mask)
