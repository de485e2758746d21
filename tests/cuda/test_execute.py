"""What only the CUDA target does when it runs kernels: device arrays, launch limits, dynamic shared memory,
vprintf and __assertfail (in a child process: a failed assertion ends the CUDA context). The kernels that
every target runs are in tests/execution (PANTILE_TEST_TARGETS=cuda). Skipped, printing why, without a GPU."""
import numpy as np
import pytest

import cuda_kernels as K
from cuda_helpers import compile_module


def run(gpu, module, grid, *args):
    """Compile `module` for the installed GPU and launch it on numpy arrays (copied in and out)."""
    art = compile_module(module, gpu.arch)
    gpu.launcher(art)(grid, list(args))
    return art


def test_torch_tensors_are_passed_by_device_pointer(gpu) -> None:
    torch = pytest.importorskip("torch", reason="torch is not installed")
    n = 5000
    x, y = torch.randn(n, device="cuda"), torch.randn(n, device="cuda")
    out = torch.empty_like(x)
    run(gpu, K.vector_add(1024), ((n + 1023) // 1024, 1, 1), x, y, out, n)
    torch.cuda.synchronize()
    assert torch.equal(out, x + y)


def test_launch_past_the_grid_limit_is_refused(gpu) -> None:
    art = compile_module(K.vector_add(1024), gpu.arch)
    with pytest.raises(ValueError, match=r"axis 1 must be between 0 and 65535"):
        gpu.launcher(art)((1, 70000, 1), [np.zeros(1, np.float32)] * 3 + [1])


def test_conversion_above_48_kb_uses_dynamic_shared_memory(gpu) -> None:
    x = np.random.default_rng(10).standard_normal((128, 128), dtype=np.float32)
    out = np.zeros_like(x)
    art = run(gpu, K.transpose(128, 128), (1, 1, 1), x, out)
    assert art.metadata["dynamic_shared"] and art.shared_memory == 65536
    np.testing.assert_array_equal(out, x.T)


_SCRIPT = """
import sys
import numpy as np
sys.path.insert(0, {here!r})
import cuda_kernels as K
from cuda_helpers import compile_module
from pantile.targets.registry import get_target
target = get_target("cuda")
art = compile_module(K.{kernel}(64), target.arch, debug=True)
target.launcher(art)((1, 1, 1), [np.array({values}, dtype=np.int32)])
print("launched")
"""


def _in_subprocess(kernel: str, values: list) -> "subprocess.CompletedProcess":
    """Run a kernel in a fresh process: device printf goes to its stdout, a failed assertion kills its context."""
    import os
    import subprocess
    import sys
    script = _SCRIPT.format(here=os.path.dirname(__file__), kernel=kernel, values=values)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)


def test_device_print_prints_every_element_once(gpu) -> None:
    done = _in_subprocess("print_values", list(range(100, 164)))
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if " x: " in line]
    assert sorted(lines) == sorted(f"pid (0, 0, 0) idx ({i:2}) x: {100 + i}" for i in range(64))   # Triton pads


def test_device_assert_stops_the_kernel(gpu) -> None:
    done = _in_subprocess("assert_positive", [1] * 63 + [0])
    assert done.returncode != 0 and "launched" not in done.stdout
    assert "Assertion `x > 0` failed" in done.stdout + done.stderr

