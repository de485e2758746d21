"""A ROCm torch tensor (DLPack device type kDLROCM, though torch calls its device 'cuda') goes to the AMD
target, never to the NVIDIA one; an interface-only array is AMD memory only when a ROCm framework is loaded."""
import sys
import types

from pantile.runtime.target_select import choose_target, device_targets
from pantile.targets import dlpack
from pantile.targets.registry import get_target

from array_standins import InterfaceOnlyArray, StandInTensor


def test_a_rocm_tensor_goes_to_the_amd_target_only():
    rocm = StandInTensor(dlpack.kDLROCM)
    owners = [t.arch for t in device_targets() if t.owns(rocm)]
    assert owners and all(a.startswith(get_target("hip").name + ":") for a in owners)
    assert choose_target([rocm]).name == "hip"
    assert not get_target("hip").owns(StandInTensor(dlpack.kDLCUDA))


def test_an_interface_only_array_is_amd_memory_when_a_rocm_framework_is_loaded(monkeypatch):
    assert not get_target("hip").owns(InterfaceOnlyArray())
    monkeypatch.setitem(sys.modules, "torch", types.SimpleNamespace(version=types.SimpleNamespace(hip="6.2")))
    assert get_target("hip").owns(InterfaceOnlyArray())
