"""Launching a kernel that makes its tensor descriptors itself on cuda:sm_90a, offline (the stand-in libcuda of
test_direct_launch): each launch asks the allocator set with pantile.set_allocator for the kernel's global scratch
(128 bytes per TMA-copied descriptor and program, 128-byte aligned) and passes it as the kernel's last argument;
without an allocator the launch is refused, naming the user's line that needs the scratch."""
import inspect
import struct

import numpy as np
import pytest

import pantile
from pantile.runtime import allocator
from pantile.targets.launch.binding import c_struct_layout

from array_standins import StandInTensor
from kernel_descriptor_matmul import make_descriptor_matmul_kernel
from test_direct_launch import Device, lib  # noqa: F401  (the stand-in driver's fixture)


class HalfTensor(StandInTensor):
    """An f16 CUDA tensor of device 0 at `address`."""

    dtype = np.dtype(np.float16)

    def __init__(self, address: int) -> None:
        super().__init__(2)
        self.address, self.device = address, Device("cuda", 0)

    def data_ptr(self) -> int:
        return self.address


class Buffer(HalfTensor):
    """The scratch a stand-in allocator returns."""

    dtype = np.dtype(np.int8)


def _launch(m: int, n: int, k: int, stream=None):
    a, b, c = HalfTensor(0x100000), HalfTensor(0x200000), HalfTensor(0x300000)
    grid = (pantile.cdiv(m, 128) * pantile.cdiv(n, 128),)
    with pantile.target("cuda:sm_90a"):
        return make_descriptor_matmul_kernel[grid](a, b, c, m, n, k, k, n, n, BLOCK_M=128, BLOCK_N=128, BLOCK_K=64,
                                                   GROUP_M=8, num_warps=4, num_stages=3, stream=stream)


@pytest.fixture
def fresh(lib, monkeypatch):  # noqa: F811
    make_descriptor_matmul_kernel._variants.clear()
    make_descriptor_matmul_kernel._entries.clear()
    monkeypatch.setattr(allocator, "_ALLOCATOR", None)
    return lib


def test_each_launch_passes_scratch_for_every_program_from_the_allocator(fresh, monkeypatch) -> None:
    """128 bytes a program for each descriptor copied by TMA (C's tiles are stored through pointers; B's row
    stride of 200 elements is no multiple of 16, so its tiles come through pointers too), asked for at every launch
    (never cached in a warm entry) for the launch's grid, and packed last."""
    asked = []
    monkeypatch.setattr(allocator, "_ALLOCATOR", lambda size, align, stream: asked.append((size, align, stream)) or
                        Buffer(0x800000 + 0x1000 * len(asked)))
    ragged = _launch(333, 200, 1024)
    compiled = _launch(1024, 1024, 64, stream=0x90)
    _launch(1024, 1024, 64)
    assert asked == [(128 * 3 * 2, 128, None), (256 * 64, 128, 0x90), (256 * 64, 128, None)]
    assert ragged.asm["ptx"].count("tensormap.cp_fenceproxy") == 1
    assert compiled.asm["ptx"].count("tensormap.cp_fenceproxy") == 2
    args = compiled._variant.artifact.args
    assert args[-1].name == "scratch.global"
    last = c_struct_layout(args).slots[-1].offset
    launches = [call for call in fresh.lib.calls if call[0] == "launch"]
    assert [struct.unpack_from("<Q", call[-1], last)[0] for call in launches] == [0x801000, 0x802000, 0x803000]
    assert [call[2] for call in launches] == [(6, 1, 1), (64, 1, 1), (64, 1, 1)]


def test_a_launch_without_an_allocator_names_the_line_that_needs_scratch(fresh) -> None:
    with pytest.raises(RuntimeError) as info:
        _launch(256, 256, 256)
    source = make_descriptor_matmul_kernel.fn.__code__
    lines, first = inspect.getsourcelines(source)
    line = first + next(i for i, text in enumerate(lines) if "a_desc = " in text)    # the first descriptor's
    where = f"{source.co_filename}:{line}"
    assert str(info.value) == (
        f"{where}: make_descriptor_matmul_kernel() needs 256 bytes of global scratch memory per program for the "
        "tensor maps of the descriptors it makes with tl.make_tensor_descriptor, and no allocator is set; call "
        "pantile.set_allocator(alloc) before launching it, alloc(size, alignment, stream) returning a device "
        "buffer of `size` bytes")


def test_an_allocator_that_returns_nothing_is_named(fresh, monkeypatch) -> None:
    monkeypatch.setattr(allocator, "_ALLOCATOR", lambda size, align, stream: None)
    with pytest.raises(TypeError) as info:
        _launch(256, 256, 256)
    assert str(info.value) == (
        "the allocator set with pantile.set_allocator returned None for the 1024 bytes of global scratch memory of a "
        "launch of make_descriptor_matmul_kernel(); it must return a buffer of that size on the kernel's device, "
        "such as a torch tensor of that many bytes")
