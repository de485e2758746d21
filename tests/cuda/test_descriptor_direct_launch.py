"""The warm launch of the tensor-descriptor matmul (cuda:sm_90a: A and B loaded and C stored by TMA), offline against
the stand-in libcuda of C callbacks: from the second launch of a key on, the direct launch packs each descriptor's
base, shape and stride values and the CUtensorMaps of A, B and C, each encoded once per tensor (base address,
shape, strides) and found again by later launches on the same tensors; a new base address or shape is encoded
afresh. On the GPU (skipping elsewhere, printing why): warm launches on torch tensors, refilled between launches,
then on new tensors, each product right, the maps encoded once per tensor."""
import ctypes
import struct
import sys
from types import SimpleNamespace

import numpy as np
import pytest

import pantile
from pantile.examples.matmul import descriptor_matmul_kernel
from pantile.ir import TensorDescType
from pantile.targets.cuda import context
from pantile.targets.cuda.launcher import CudaLauncher
from pantile.targets.cuda.libcuda import LibCuda
from pantile.targets.launch.launcher import SharedLauncher
from pantile.tools.tensor_descriptor import TensorDescriptor

from test_direct_launch import H100, Tensor
from test_libcuda import StandInLibrary

SWIZZLE_128B = 3
# the maps of the tensors _descriptors(0x100000, 0x200000, 0x300000) describes: (address, sizes, byte strides, box,
# swizzle), innermost first
A_MAP = (0x100000, (1024, 512), (2048,), (64, 64), SWIZZLE_128B)
B_MAP = (0x200000, (256, 1024), (512,), (64, 64), SWIZZLE_128B)
C_MAP = (0x300000, (256, 512), (512,), (64, 64), SWIZZLE_128B)


class HalfTensor(Tensor):
    """An f16 CUDA tensor of device 0 at `address`."""

    dtype = np.dtype(np.float16)


class EncodingLibrary(StandInLibrary):
    """The stand-in libcuda with cuTensorMapEncodeTiled: each encoding recorded as (address, sizes, byte strides,
    box, swizzle), innermost first; the map's bytes are its number, repeated."""

    def __init__(self) -> None:
        super().__init__()
        self.encoded: list = []

    def cuTensorMapEncodeTiled(self, room, data_type, rank, address, dims, strides, box, element_strides, interleave,
                               swizzle, l2_promotion, fill):
        n = rank.value
        self.encoded.append((address.value, tuple(dims[:n]), tuple(strides[:n - 1]), tuple(box[:n]), swizzle.value))
        ctypes.memmove(room.value, bytes([len(self.encoded)]) * 128, 128)
        return 0


def _forget_compiled() -> None:
    descriptor_matmul_kernel._variants.clear()
    descriptor_matmul_kernel._entries.clear()


@pytest.fixture
def lib(monkeypatch):
    """The stand-in libcuda as pantile's driver, a torch whose current stream is 0x70, and no compiled variants
    before or after (theirs are loaded into the stand-in: no other test may launch them)."""
    library = LibCuda(EncodingLibrary())
    monkeypatch.setattr(context, "_state", {"cuda": SimpleNamespace(), "limits": H100, "lib": library})
    monkeypatch.setitem(sys.modules, "torch", SimpleNamespace(_C=SimpleNamespace(_cuda_getCurrentRawStream=lambda
                                                                                 device: 0x70)))
    _forget_compiled()
    yield library
    _forget_compiled()


def _descriptors(a: int, b: int, c: int, m: int = 512, n: int = 256, k: int = 1024) -> list:
    """Descriptors of row-major f16 [m, k], [k, n] and [m, n] tensors at a, b and c, in 64x64 tiles."""
    return [TensorDescriptor(HalfTensor(address), shape, (shape[1], 1), (64, 64))
            for address, shape in ((a, (m, k)), (b, (k, n)), (c, (m, n)))]


def _launch(descs: list) -> None:
    m, k = descs[0].shape
    with pantile.target("cuda:sm_90a"):
        descriptor_matmul_kernel[(4,)](*descs, m, descs[1].shape[1], k, BLOCK_M=64, BLOCK_N=64, BLOCK_K=64,
                                       GROUP_M=8)


def _packed(lib: LibCuda) -> list:
    return [call[-1] for call in lib.lib.calls if call[0] == "launch"]


def _maps(*numbers: int) -> bytes:
    """The packed tensor maps of A, B and C that the stand-in encoded as these numbers."""
    return b"".join(bytes([n]) * 128 for n in numbers)


def test_a_warm_launch_on_the_same_tensors_encodes_no_map_and_skips_the_shared_launcher(lib, monkeypatch):
    descs = _descriptors(0x100000, 0x200000, 0x300000)
    _launch(descs)
    _launch(descs)                              # the general path, twice: the second registers the entry
    assert lib.lib.encoded == [A_MAP, B_MAP, C_MAP]
    monkeypatch.setattr(SharedLauncher, "launch", None)   # from here on, the shared launcher is never called
    for _ in range(3):
        _launch(_descriptors(0x100000, 0x200000, 0x300000))     # new descriptor objects of the same tensors
    assert len(lib.lib.encoded) == 3 and len(descriptor_matmul_kernel._entries) == 1
    first = _packed(lib)[0]
    assert _packed(lib) == [first] * 5
    # A's base, sizes and row stride, then B's ...; the three maps last, as the first launch packed them
    assert struct.unpack_from("<Qiii", first, 0) + struct.unpack_from("<Qiii", first, 24) == \
        (0x100000, 512, 1024, 1024, 0x200000, 1024, 256, 256)
    assert first[-384:] == _maps(1, 2, 3)


@pytest.mark.parametrize("change", ["address", "shape"])
def test_a_new_base_address_or_shape_is_encoded_afresh(lib, monkeypatch, change):
    _launch(_descriptors(0x100000, 0x200000, 0x300000))
    _launch(_descriptors(0x100000, 0x200000, 0x300000))
    monkeypatch.setattr(SharedLauncher, "launch", None)
    moved = _descriptors(0x400000, 0x200000, 0x300000) if change == "address" else \
        _descriptors(0x100000, 0x200000, 0x300000, m=768)            # same specialization, so the same entry
    _launch(moved)
    _launch(moved)
    if change == "address":         # A's map anew
        fresh, maps = [(0x400000, *A_MAP[1:])], _maps(4, 2, 3)
    else:                           # A's and C's, each M rows
        fresh, maps = [(0x100000, (1024, 768), *A_MAP[2:]), (0x300000, (256, 768), *C_MAP[2:])], _maps(4, 2, 5)
    assert lib.lib.encoded[3:] == fresh and len(descriptor_matmul_kernel._entries) == 1
    assert [p[-384:] for p in _packed(lib)] == [_maps(1, 2, 3)] * 2 + [maps] * 2
    _launch(_descriptors(0x100000, 0x200000, 0x300000))              # the first tensors' maps are still kept
    assert len(lib.lib.encoded) == 3 + len(fresh) and _packed(lib)[-1][-384:] == _maps(1, 2, 3)


def test_a_tensor_tma_cannot_address_is_refused_on_the_warm_path_by_name(lib):
    _launch(_descriptors(0x100000, 0x200000, 0x300000))
    _launch(_descriptors(0x100000, 0x200000, 0x300000))
    empty = _descriptors(0x100000, 0x200000, 0x300000, m=0)    # 0 keys as 512 does (a multiple of 16): the entry
    with pytest.raises(ValueError, match="argument 'a_desc.tensormap': TMA copies need every size of the tensor "
                                         "to be positive, got \\[0, 1024\\]"):
        _launch(empty)
    assert len(_packed(lib)) == 2 and len(descriptor_matmul_kernel._entries) == 1


def test_without_a_direct_launch_the_entry_gives_the_shared_launcher_each_descriptors_parts(lib, monkeypatch):
    """Where the launcher makes no direct launch, the entry calls it with the bases, shape and stride values and
    descriptors the launch plan lists; the runtime keeps the maps it encoded there too."""
    monkeypatch.setattr(CudaLauncher, "direct", lambda self, args: None)
    _launch(_descriptors(0x100000, 0x200000, 0x300000))
    _launch(_descriptors(0x100000, 0x200000, 0x300000))
    general = []
    bind = descriptor_matmul_kernel._bind_with_options
    monkeypatch.setattr(descriptor_matmul_kernel, "_bind_with_options", lambda *a: general.append(a) or bind(*a))
    for address in (0x100000, 0x400000):
        _launch(_descriptors(address, 0x200000, 0x300000))
    assert not general and len(descriptor_matmul_kernel._entries) == 1
    assert [e[0] for e in lib.lib.encoded] == [0x100000, 0x200000, 0x300000, 0x400000]
    packed = _packed(lib)
    assert packed[:3] == [packed[0]] * 3 and struct.unpack_from("<Q", packed[3])[0] == 0x400000
    assert packed[3][-384:] == _maps(4, 2, 3)


def test_warm_launches_on_torch_tensors_on_the_gpu(gpu) -> None:
    """Three launches on the same torch tensors, refilled in place before each (the maps point at the same memory),
    then one on new tensors of another M (the same entry, new maps); each product against torch's, in f32."""
    import torch
    _forget_compiled()
    stats = []

    def compiled_args():
        return next(iter(descriptor_matmul_kernel._variants.values())).artifact.args

    def launch_and_check(a, b, c):
        descs = (TensorDescriptor.from_tensor(a, [128, 64]), TensorDescriptor.from_tensor(b, [64, 128]),
                 TensorDescriptor.from_tensor(c, [128, 128]))
        for t in (a, b):
            t.normal_()
        c.fill_(float("nan"))
        with pantile.target(gpu.arch):
            compiled = descriptor_matmul_kernel[(pantile.cdiv(a.shape[0], 128) * pantile.cdiv(b.shape[1], 128),)](
                *descs, a.shape[0], b.shape[1], a.shape[1], BLOCK_M=128, BLOCK_N=128, BLOCK_K=64, GROUP_M=8)
        torch.testing.assert_close(c.float(), a.float() @ b.float(), rtol=2e-2, atol=2e-2)
        stats.append(compiled._variant.launcher.runtime.encoded_map.cache_info())

    tensors = [torch.empty(shape, device="cuda", dtype=torch.float16) for shape in ((512, 256), (256, 384), (512, 384))]
    for _ in range(3):
        launch_and_check(*tensors)
    launch_and_check(torch.empty(640, 256, device="cuda", dtype=torch.float16), tensors[1],
                     torch.empty(640, 384, device="cuda", dtype=torch.float16))
    # a map per descriptor copied by TMA (sm_90a only); the new tensors are A's and C's
    maps = [a.name for a in compiled_args() if isinstance(a.type, TensorDescType)]
    fresh = [name for name in maps if not name.startswith("b_desc")]
    assert [s.misses for s in stats] == [len(maps)] * 3 + [len(maps) + len(fresh)]
    assert len(descriptor_matmul_kernel._entries) == 1
    _forget_compiled()


@pytest.mark.parametrize("n,lead,c_map", [(256, 272, (0x300000, (256, 512), (544,), (64, 64), SWIZZLE_128B)),
                                          (300, 304, None)], ids=["whole_chunks", "ragged_chunk"])
def test_views_are_mapped_with_their_own_sizes_and_strides_and_c_only_where_a_store_ends_at_its_last_column(
        lib, n, lead, c_map):
    """B and C views of the first n of `lead` f16 columns: B's map has n columns and rows 2 * lead bytes apart;
    C's too where n is a multiple of 16, whose TMA stores end exactly at column n; none where it is not (300
    columns are 600 bytes: TMA's 16-byte chunks would write columns 300 to 303 of the view's padding), C then
    stored through pointers."""
    descs = [TensorDescriptor(HalfTensor(address), shape, (stride, 1), (64, 64))
             for address, shape, stride in ((0x100000, (512, 1024), 1024), (0x200000, (1024, n), lead),
                                            (0x300000, (512, n), lead))]
    _launch(descs)
    assert lib.lib.encoded == [A_MAP, (0x200000, (n, 1024), (2 * lead,), (64, 64), SWIZZLE_128B)] + \
        ([c_map] if c_map else [])
