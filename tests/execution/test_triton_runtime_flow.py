"""Tutorial 02's persistent softmax on every target: driver.active's properties, warmup, n_regs, metadata.shared,
Triton's occupancy formula and compiled[grid](...) launched with every parameter; Triton's launch options and a
kernel parameter named like one."""
import numpy as np

import pantile
import pantile.language as tl
from pantile.runtime.driver import active


@pantile.jit
def fill_with_options(out_ptr, num_stages: tl.constexpr, num_warps: tl.constexpr):
    tl.store(out_ptr + tl.arange(0, 4), tl.full((4,), num_stages * 10 + num_warps, tl.int32))

from execution_kernels import softmax_rows


def _softmax(x):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def test_tutorial_occupancy_flow_gives_the_numpy_answer(exec_target):
    """Tutorial 02's persistent softmax: warmup, n_regs, metadata.shared, the occupancy formula, compiled[grid]."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((37, 100)).astype(np.float32)
    y = np.zeros_like(x)
    props = active.utils.get_device_properties()
    kernel = softmax_rows.warmup(y, x, 100, 100, 37, 100, BLOCK_SIZE=128, num_stages=2, num_warps=8, grid=(1,))
    kernel._init_handles()
    assert not y.any()   # warmup compiles only
    assert kernel.metadata.num_warps == 8 and kernel.metadata.shared > 0
    occupancy = props["max_num_regs"] // (kernel.n_regs * props["warpSize"] * 8)
    occupancy = min(occupancy, props["max_shared_mem"] // kernel.metadata.shared)
    assert occupancy >= 1
    programs = min(props["multiprocessor_count"] * occupancy, 37)
    kernel[(programs, 1, 1)](y, x, 100, 100, 37, 100, 128, 2)
    np.testing.assert_allclose(y, _softmax(x), rtol=1e-5, atol=1e-7)
    assert active.get_current_target().backend == exec_target.name


def test_launch_options_are_accepted_and_a_parameter_named_like_one_is_the_kernels(exec_target):
    out = np.zeros(4, np.int32)
    compiled = fill_with_options[(1,)](out, num_stages=5, num_warps=2, num_ctas=1, launch_pdl=True, maxnreg=128)
    np.testing.assert_array_equal(out, 52)
    assert (compiled.metadata.num_stages, compiled.metadata.num_warps) == (3, 4)
    assert "pt" in compiled.asm and len(compiled.asm) >= 2 and all(compiled.asm.values())
    assert compiled.n_regs > 0 and compiled.n_spills == 0 and compiled.metadata.shared >= 0
