"""Frontend kernels the AMD tests compile (a module of its own: conftest names clash across folders)."""
import pantile
import pantile.language as tl


@pantile.jit
def vector_add(x, y, out, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    tl.store(out + offs, tl.load(x + offs, mask=mask) + tl.load(y + offs, mask=mask), mask=mask)


@pantile.jit
def row_sum(x, out, COLS: tl.constexpr):
    row = tl.program_id(0)
    tl.store(out + row, tl.sum(tl.load(x + row * COLS + tl.arange(0, COLS)), axis=0))


@pantile.jit
def grid_size(out):
    tl.store(out + tl.program_id(0), tl.num_programs(0) + tl.num_programs(2))


@pantile.jit
def scalars(out, a, b, c, d):
    tl.store(out, a.to(tl.float32) + b + c.to(tl.float32) + d.to(tl.float32))


def compile_for(arch: str, kernel, signature, constexprs=None, num_warps: int = 4):
    """The validated artifact of `kernel` for `arch`."""
    return pantile.compile(kernel, signature, constexprs or {}, target=arch, num_warps=num_warps)
