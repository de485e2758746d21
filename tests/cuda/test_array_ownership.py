"""Which arrays the cuda target claims, by protocol: stand-ins for a torch CUDA tensor, a ROCm build's tensor
(which says `device.type == 'cuda'` too) and interface-only arrays; no GPU needed."""
import sys
import types

import numpy as np
import pytest

import pantile
from pantile.runtime.target_select import choose_target
from pantile.targets.registry import get_target, host_target


class _Tensor:
    """A torch-like tensor: its framework device says 'cuda' whatever the vendor; DLPack tells the truth."""

    dtype = np.dtype(np.float32)

    def __init__(self, dlpack_type: int) -> None:
        self.device = types.SimpleNamespace(type="cuda", index=0)
        self._dlpack = (dlpack_type, 0)

    def data_ptr(self) -> int:
        return 4096

    def __dlpack_device__(self) -> tuple[int, int]:
        return self._dlpack


class _InterfaceOnly:
    """An array with `__cuda_array_interface__` and no DLPack device (a pycuda or numba array)."""

    dtype = np.dtype(np.float32)
    __cuda_array_interface__ = {"data": (4096, False), "shape": (4,), "typestr": "<f4", "version": 3}


@pytest.fixture
def cuda():
    return get_target("cuda:sm_90a")


def test_a_cuda_tensor_is_claimed_and_chooses_cuda(cuda):
    assert cuda.owns(_Tensor(2))
    assert choose_target([_Tensor(2)]).name == "cuda"


def test_a_rocm_tensor_is_never_claimed_by_cuda(cuda):
    rocm = _Tensor(10)
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
            copy[(1,)](_Tensor(10), np.zeros(4, np.float32), BLOCK=4)


def test_a_cpu_tensor_is_host_memory(cuda):
    assert not cuda.owns(_Tensor(1)) and get_target("cpu").owns(_Tensor(1))


def test_interface_only_arrays_are_claimed_unless_a_rocm_runtime_is_loaded(cuda, monkeypatch):
    assert cuda.owns(_InterfaceOnly())
    monkeypatch.setitem(sys.modules, "torch", types.SimpleNamespace(version=types.SimpleNamespace(hip="6.2")))
    assert not cuda.owns(_InterfaceOnly())
    monkeypatch.setitem(sys.modules, "torch", types.SimpleNamespace(version=types.SimpleNamespace(hip=None)))
    monkeypatch.setitem(sys.modules, "cupy", types.SimpleNamespace(
        cuda=types.SimpleNamespace(runtime=types.SimpleNamespace(is_hip=True))))
    assert not cuda.owns(_InterfaceOnly())
