"""Tutorial 02's persistent softmax on every target: driver.active's properties, warmup, n_regs, metadata.shared,
Triton's occupancy formula and compiled[grid](...) launched with every parameter."""
import numpy as np

from pantile.runtime.driver import active

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
