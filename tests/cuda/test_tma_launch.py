"""A launch of the tensor-descriptor matmul built for cuda:sm_90a, offline: the kernel takes each descriptor it copies
tiles of by TMA, in or out, as a 128-byte CUtensorMap parameter (its box named by the parameter's type), and a
launch encodes it for the descriptor's base address and packs it 64-byte aligned (a stand-in driver records the
encodings)."""
import struct

import numpy as np
import pytest

from pantile.examples.matmul import descriptor_matmul_kernel
from pantile.ir import BlockType, TensorDescType, f16, f32
from pantile.runtime.args import scalar_key
from pantile.runtime.compiler import compile_artifact
from pantile.runtime.descriptor_args import TENSOR_MAP, descriptor_key, expand, launch_plan, tensor_map_parts
from pantile.targets.cuda import context
from pantile.targets.cuda import launcher as cuda_launcher
from pantile.targets.base import CompileOptions
from pantile.targets.cuda.tensor_map import TiledEncoding, tiled_encoding
from pantile.targets.registry import get_target
from pantile.targets.launch.binding import c_struct_layout
from pantile.tools.tensor_descriptor import TensorDescriptor

from array_standins import StandInTensor
from descriptor_matmul import descriptor_matmul_artifact
from tuple_kernels import scaled_tile_copy
from test_launch_checks import H100, Driver


class HalfTensor(StandInTensor):
    """An f16 CUDA tensor of device 0 at `address`."""

    dtype = np.dtype(np.float16)

    def __init__(self, address: int) -> None:
        super().__init__(2)
        self.address = address

    def data_ptr(self) -> int:
        return self.address


class FloatTensor(HalfTensor):
    """An f32 CUDA tensor of device 0 at `address`."""

    dtype = np.dtype(np.float32)


class EncodingDriver(Driver):
    """The stand-in driver, with cuTensorMapEncodeTiled: each encoding recorded, its bytes its number repeated."""

    def __init__(self) -> None:
        super().__init__()
        self.encoded: list = []

    def encode_tiled(self, enc) -> bytes:
        self.encoded.append(enc)
        return bytes([len(self.encoded)]) * 128


@pytest.fixture
def device(monkeypatch):
    driver = EncodingDriver()
    monkeypatch.setattr(context, "_state", {"cuda": driver, "context": None})
    monkeypatch.setattr(cuda_launcher, "driver", lambda: driver)
    monkeypatch.setattr(cuda_launcher, "libcuda", lambda: driver)
    monkeypatch.setattr(cuda_launcher, "device_limits", lambda: H100)
    return driver


@pytest.fixture(scope="module")
def artifact():
    return descriptor_matmul_artifact("fp16", 128, 128, 64, 4, 3)


def test_the_copied_descriptors_are_tensor_map_parameters_whose_type_is_the_box(artifact) -> None:
    """A's [128, 64] tile is one box of 128-byte rows; B's [64, 128] tile two boxes of [64, 64] (wgmma reads B
    in 128-byte swizzle blocks along N); C's [128, 128] tile leaves as two boxes of [128, 64]."""
    maps = [(a.name, a.type) for a in artifact.args if isinstance(a.type, TensorDescType)]
    assert maps == [("a_desc.tensormap", TensorDescType(BlockType((128, 64), f16), "zero")),
                    ("b_desc.tensormap", TensorDescType(BlockType((64, 64), f16), "zero")),
                    ("c_desc.tensormap", TensorDescType(BlockType((128, 64), f16), "zero"))]
    assert artifact.args[0].name == "a_desc" and artifact.args[8].name == "c_desc" and artifact.args[8].writes


def test_a_tensor_map_parameter_is_packed_where_ptxas_put_it(artifact) -> None:
    """ptxas aligns a `.align 64` parameter in the constant bank, whose parameters start at 0x210 on sm_90: the
    maps (A's, B's and C's) sit at 112, 240 and 368, not at a C struct's 128, 256 and 384, and the buffer is 496
    bytes, not 512 (a launch packed as a C struct failed on the H100 with "too many resources requested for
    launch")."""
    layout = cuda_launcher.CudaRuntime().param_layout(artifact)
    struct_layout = c_struct_layout(artifact.args)
    maps = [i for i, a in enumerate(artifact.args) if isinstance(a.type, TensorDescType)]
    assert [layout.slots[i].offset for i in maps] == [112, 240, 368] and layout.size == 496
    assert [(0x210 + layout.slots[i].offset) % 64 for i in maps] == [0, 0, 0]
    assert [struct_layout.slots[i].offset for i in maps] == [128, 256, 384]
    assert layout.slots[:maps[0]] == struct_layout.slots[:maps[0]]        # the rest as a C struct
    assert ".param .align 64 .b8 descriptor_matmul_kernel_param_15[128]" in artifact.asm["ptx"]


def test_an_f32_output_is_stored_in_32_byte_swizzled_boxes(device) -> None:
    """wgmma's f32 accumulators are written to shared memory in the 32-byte swizzle (the wider ones would put two of
    a warp's rows on the same banks): C [128, 128] leaves as 16 boxes of [128, 8], whose map a launch encodes with
    CU_TENSOR_MAP_SWIZZLE_32B (1) and f32 (7); no spills."""
    art = descriptor_matmul_artifact("fp16", 128, 128, 64, 4, 3, out="fp32")
    assert [a.type for a in art.args if a.name == "c_desc.tensormap"] == [TensorDescType(BlockType((128, 8), f32),
                                                                                          "zero")]
    assert art.asm["ptx"].count("cp.async.bulk.tensor.2d.global.shared::cta.bulk_group") == 16
    assert art.metadata["spill_stores"] == 0 and art.metadata["spill_loads"] == 0
    m, n, k = 200, 100, 64
    a = TensorDescriptor(HalfTensor(0x10000), (m, k), (64, 1), (128, 64))
    b = TensorDescriptor(HalfTensor(0x90000), (k, n), (112, 1), (64, 128))
    c = TensorDescriptor(FloatTensor(0xF0000), (m, n), (112, 1), (128, 128))
    args, where = _launch_arguments(art, (a, b, c), (m, n, k))
    cuda_launcher.launcher_for(art).launch((2, 1, 1), args, where)
    assert device.encoded[2] == TiledEncoding(data_type=7, address=0xF0000, dims=(100, 200), strides=(448,),
                                              box=(8, 128), element_strides=(1, 1), interleave=0, swizzle=1,
                                              l2_promotion=2, oob_fill=0)


def _launch_arguments(artifact, descs, sizes):
    params = list(descriptor_matmul_kernel.arg_names)
    values = [*descs, *sizes, 128, 128, 64, 8]
    keys = [descriptor_key(d, True)[0] for d in descs] + [scalar_key(v, True) for v in sizes] + \
        [("constexpr", v) for v in values[6:]]
    plan = launch_plan(keys, tensor_map_parts(params, keys, artifact.args))
    assert plan[-3:] == ((0, TENSOR_MAP), (1, TENSOR_MAP), (2, TENSOR_MAP))
    return expand(plan, values, [None] * len(values))


def test_a_launch_encodes_each_tensor_map_for_its_base_address(device, artifact) -> None:
    m, n, k = 333, 200, 1000                                   # ragged: TMA fills what lies past the edges
    a = TensorDescriptor(HalfTensor(0x10000), (m, k), (1008, 1), (128, 64))
    b = TensorDescriptor(HalfTensor(0x90000), (k, n), (208, 1), (64, 128))
    c = TensorDescriptor(HalfTensor(0xF0000), (m, n), (208, 1), (128, 128))
    args, where = _launch_arguments(artifact, (a, b, c), (m, n, k))
    cuda_launcher.launcher_for(artifact).launch((6, 1, 1), args, where)
    assert device.encoded[:2] == [tiled_encoding("f16", 0x10000, (m, k), (1008, 1), (128, 64), "a_desc.tensormap"),
                                  tiled_encoding("f16", 0x90000, (k, n), (208, 1), (64, 64), "b_desc.tensormap")]
    # C's map, for the TMA stores: f16 (6), sizes, byte strides and box innermost first, 128-byte swizzle (3)
    assert device.encoded[2] == TiledEncoding(data_type=6, address=0xF0000, dims=(200, 333), strides=(416,),
                                              box=(64, 128), element_strides=(1, 1), interleave=0, swizzle=3,
                                              l2_promotion=2, oob_fill=0)
    packed = device.launched[0][3]
    layout = cuda_launcher.CudaRuntime().param_layout(artifact)
    offsets = [layout.slots[i].offset for i, s in enumerate(artifact.args) if isinstance(s.type, TensorDescType)]
    assert [packed[at:at + 128] for at in offsets] == [bytes([i]) * 128 for i in (1, 2, 3)]
    assert struct.unpack_from("<Q", packed, layout.slots[0].offset)[0] == 0x10000       # the base still passed


def test_descriptors_inside_a_tuple_get_tensor_maps_of_their_own(device) -> None:
    """A tuple leaf a kernel copies tiles of by TMA is a tensor-map parameter like a descriptor parameter: its
    map named by the leaf's path, encoded for that leaf's base, and the launch plan taking it from the tuple."""
    src = TensorDescriptor(FloatTensor(0x10000), (200, 96), (96, 1), (64, 32))
    dst = TensorDescriptor(FloatTensor(0x90000), (200, 96), (96, 1), (64, 32))
    values = [(src, (dst, None)), 2.5, 64, 32]
    keys, addresses, _ = scaled_tile_copy._describe(values)
    artifact = compile_artifact(scaled_tile_copy, scaled_tile_copy.specialization(keys), get_target("cuda:sm_90a"),
                                CompileOptions(num_warps=4))
    # The tile store goes out by TMA (the load, feeding no dot, is read by the threads).
    assert [a.name for a in artifact.args if isinstance(a.type, TensorDescType)] == ["descs.1.0.tensormap"]
    plan = launch_plan(keys, tensor_map_parts(list(scaled_tile_copy.arg_names), keys, artifact.args))
    assert plan[-1] == (0, -2)                                 # leaf 1 of parameter 0
    args, where = expand(plan, values, addresses)
    cuda_launcher.launcher_for(artifact).launch((4, 3, 1), args, where)
    assert [(e.address, e.dims) for e in device.encoded] == [(0x90000, (96, 200))]
    packed = device.launched[0][3]
    layout = cuda_launcher.CudaRuntime().param_layout(artifact)
    bases = [layout.slots[i].offset for i, s in enumerate(artifact.args) if s.name in ("descs.0", "descs.1.0")]
    assert [struct.unpack_from("<Q", packed, at)[0] for at in bases] == [0x10000, 0x90000]
