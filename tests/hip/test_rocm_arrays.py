"""A ROCm torch tensor (DLPack device type kDLROCM, though torch calls its device 'cuda') goes to the AMD
target, never to the NVIDIA one; an interface-only array is AMD memory only when a ROCm framework is loaded."""
import sys
import types

import numpy as np

from pantile.runtime.target_select import choose_target, device_targets
from pantile.targets import dlpack
from pantile.targets.registry import get_target


class _Tensor:
    dtype = np.dtype(np.float32)

    def __init__(self, dlpack_type: int) -> None:
        self.device = types.SimpleNamespace(type="cuda", index=0)
        self._dlpack = (dlpack_type, 0)

    def data_ptr(self) -> int:
        return 4096

    def __dlpack_device__(self) -> tuple[int, int]:
        return self._dlpack


class _InterfaceOnly:
    dtype = np.dtype(np.float32)
    __cuda_array_interface__ = {"data": (4096, False), "shape": (4,), "typestr": "<f4", "version": 3}


def test_a_rocm_tensor_goes_to_the_amd_target_only():
    rocm = _Tensor(dlpack.kDLROCM)
    owners = [t.arch for t in device_targets() if t.owns(rocm)]
    assert owners and all(a.startswith(get_target("hip").name + ":") for a in owners)
    assert choose_target([rocm]).name == "hip"
    assert not get_target("hip").owns(_Tensor(dlpack.kDLCUDA))


def test_an_interface_only_array_is_amd_memory_when_a_rocm_framework_is_loaded(monkeypatch):
    assert not get_target("hip").owns(_InterfaceOnly())
    monkeypatch.setitem(sys.modules, "torch", types.SimpleNamespace(version=types.SimpleNamespace(hip="6.2")))
    assert get_target("hip").owns(_InterfaceOnly())
