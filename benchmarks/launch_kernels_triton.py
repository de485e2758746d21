"""The Triton twins of launch_kernels.py's kernels, for cuda_launch.py (imported only where Triton is installed)."""
import triton
import triton.language as tl


@triton.jit
def triton_one(x_ptr, n, BLOCK: tl.constexpr):
    """pantile_one, for Triton."""
    offs = tl.arange(0, BLOCK)
    tl.store(x_ptr + offs, tl.load(x_ptr + offs, mask=offs < n) + 1.0, mask=offs < n)


@triton.jit
def triton_six(a, b, c, d, e, f, stride, n, eps, BLOCK: tl.constexpr):
    """pantile_six, for Triton."""
    offs = tl.arange(0, BLOCK)
    tl.store(a + offs, tl.load(b + offs, mask=offs < n) + eps, mask=offs < n)
