"""Which NVIDIA code of an ahead-of-time bundle runs where: the exact arch, then a cubin of the same major version,
then the PTX of an earlier arch; sm_90a code only on sm_90. Offline, then on the GPU when there is one."""
import numpy as np
import pytest

import pantile
from pantile.examples.vector_add import add_kernel
from pantile.targets.cuda import make_target


@pytest.mark.parametrize("device, ranks", [
    ("cuda:sm_90a", {"cuda:sm_90a": 0, "cuda:sm_90": 1, "cuda:sm_80": 2, "cuda:sm_86": 2, "cuda:sm_100": None}),
    ("cuda:sm_89", {"cuda:sm_89": 0, "cuda:sm_80": 1, "cuda:sm_86": 1, "cuda:sm_90a": None, "cuda:sm_90": None}),
    ("cuda:sm_100", {"cuda:sm_90": 2, "cuda:sm_80": 2, "cuda:sm_90a": None}),
    ("cuda:sm_80", {"cuda:sm_80": 0, "cuda:sm_86": None, "cuda:sm_90a": None}),
])
def test_code_for_an_arch_runs_on_the_devices_the_driver_loads_it_on(device, ranks):
    target = make_target(device)
    assert {arch: target.compatibility(arch) for arch in ranks} == ranks


def _run_bundle(gpu, path) -> str:
    kernels = pantile.load_bundle(path)
    x = np.arange(5000, dtype=np.float32)
    out = np.zeros_like(x)
    with pantile.target(gpu.arch):
        kernels.add_kernel[(5,)](x, x, out, 5000)
    np.testing.assert_array_equal(out, 2 * x)
    (loaded,) = kernels.add_kernel._loaded.values()
    return loaded.variant.target


def test_a_bundle_runs_its_best_code_for_the_installed_gpu(gpu, tmp_path):
    path = pantile.aot.compile(add_kernel, ["*fp32,*fp32,*fp32,i32"], [{"BLOCK_SIZE": 1024}],
                               targets=["cuda:sm_80", "cuda:sm_90a"], output=tmp_path / "cuda.ptb")
    best = min(["cuda:sm_80", "cuda:sm_90a"], key=lambda arch: (gpu.compatibility(arch) is None,
                                                                   gpu.compatibility(arch)))
    assert _run_bundle(gpu, path) == best


def test_sm_80_code_runs_on_a_later_gpu(gpu, tmp_path):
    path = pantile.aot.compile(add_kernel, ["*fp32,*fp32,*fp32,i32"], [{"BLOCK_SIZE": 1024}],
                               targets=["cuda:sm_80"], output=tmp_path / "sm80.ptb")
    assert _run_bundle(gpu, path) == "cuda:sm_80"
