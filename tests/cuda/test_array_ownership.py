"""Which arrays the cuda target claims, by protocol: stand-ins for a torch CUDA tensor, a ROCm build's tensor
(which says `device.type == 'cuda'` too) and interface-only arrays; no GPU needed."""
import sys
import types

import numpy as np
import pytest

import pantile
from pantile.runtime.target_select import choose_target, device_targets, place_launch
from pantile.targets import registry
from pantile.targets.registry import get_target, host_target

from array_standins import InterfaceOnlyArray, StandInTensor


@pytest.fixture
def cuda():
    return get_target("cuda:sm_90a")


def test_a_cuda_tensor_is_claimed_and_chooses_cuda(cuda):
    assert cuda.owns(StandInTensor(2))
    assert choose_target([StandInTensor(2)]).name == "cuda"


def test_a_launch_knows_whether_its_target_owns_every_array_it_passes():
    """Only then are the addresses the launch read from the arrays the target's own pointer values."""
    cuda_tensor, cpu_tensor = StandInTensor(2), StandInTensor(1)
    for arrays, owned in (([cuda_tensor, cuda_tensor], True), ([cuda_tensor, cpu_tensor], False),
                          ([cpu_tensor, cuda_tensor], False)):
        target, found = place_launch(arrays)
        assert (target.name, found) == ("cuda", owned)
    assert place_launch([]) == (host_target(), True)
    assert place_launch([cpu_tensor]) == (host_target(), False)     # host memory: read by the host's launcher
    with pantile.target(host_target().arch):
        assert place_launch([cuda_tensor]) == (host_target(), False)


def test_a_rocm_tensor_is_never_claimed_by_cuda(cuda):
    rocm = StandInTensor(10)
    assert not cuda.owns(rocm)
    assert choose_target([rocm]).name != cuda.name


def test_a_rocm_tensor_is_refused_by_the_host_target_naming_its_device():
    """(With the host target chosen explicitly: an installed ROCm-capable target would otherwise take it.)"""
    @pantile.jit
    def copy(src, dst, BLOCK: pantile.language.constexpr):
        pantile.language.store(dst + pantile.language.arange(0, BLOCK),
                               pantile.language.load(src + pantile.language.arange(0, BLOCK)))

    with pytest.raises(ValueError, match=r"the array is on device namespace\(type='cuda', index=0\) but the "
                                         r"kernel runs on target cpu"):
        with pantile.target(host_target().arch):
            copy[(1,)](StandInTensor(10), np.zeros(4, np.float32), BLOCK=4)


def test_a_cpu_tensor_is_host_memory(cuda):
    assert not cuda.owns(StandInTensor(1)) and get_target("cpu").owns(StandInTensor(1))


def test_interface_only_arrays_are_claimed_unless_a_rocm_runtime_is_loaded(cuda, monkeypatch):
    assert cuda.owns(InterfaceOnlyArray())
    monkeypatch.setitem(sys.modules, "torch", types.SimpleNamespace(version=types.SimpleNamespace(hip="6.2")))
    assert not cuda.owns(InterfaceOnlyArray())
    monkeypatch.setitem(sys.modules, "torch", types.SimpleNamespace(version=types.SimpleNamespace(hip=None)))
    monkeypatch.setitem(sys.modules, "cupy", types.SimpleNamespace(
        cuda=types.SimpleNamespace(runtime=types.SimpleNamespace(is_hip=True))))
    assert not cuda.owns(InterfaceOnlyArray())


def test_host_memory_is_no_device_targets_own_after_the_registry_reloads():
    """Reloading makes new target objects (a test installing a plug-in does); the host target stays the host's."""
    host_target()
    registry.reload()
    assert host_target().name not in [t.name for t in device_targets()]
    assert place_launch([StandInTensor(1), StandInTensor(2)]) == (get_target("cuda"), False)
