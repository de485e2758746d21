"""The CUtensorMap of a TensorDescriptor argument, offline: the values pantile gives cuTensorMapEncodeTiled (sizes
and byte strides innermost first, the box, the swizzle its rows name, the element type and the fill outside the
tensor: zeros), checked against the driver's documented meaning, and the call itself made through ctypes to a stand-in
libcuda whose function has the driver's signature."""
import ctypes

import numpy as np
import pytest

from pantile.ir import BlockType, ScalarType, TensorDescType
from pantile.targets.cuda.libcuda import DriverCallError, LibCuda
from pantile.targets.cuda.tensor_map import descriptor_encoding, tiled_encoding
from pantile.tools.tensor_descriptor import TensorDescriptor

ENCODE = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_uint32, ctypes.c_void_p,
                          ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int,
                          ctypes.c_int, ctypes.c_int, ctypes.c_int)


def test_a_row_major_f16_matrix_in_128_byte_swizzled_boxes() -> None:
    enc = tiled_encoding("f16", 0x7000_0000, (4096, 1024), (1024, 1), (128, 64), "a_desc")
    assert enc.data_type == 6                          # CU_TENSOR_MAP_DATA_TYPE_FLOAT16
    assert enc.dims == (1024, 4096)                    # innermost first
    assert enc.strides == (2048,)                      # bytes, every dimension but the innermost
    assert enc.box == (64, 128) and enc.element_strides == (1, 1)
    assert enc.swizzle == 3                            # CU_TENSOR_MAP_SWIZZLE_128B: 64 f16 = 128-byte rows
    assert enc.oob_fill == 0 and enc.interleave == 0


@pytest.mark.parametrize("element,row,swizzle", [("bf16", 32, 2), ("f16", 16, 1), ("f32", 32, 3), ("f32", 4, 0),
                                                 ("i8", 128, 3)])
def test_the_swizzle_is_named_by_the_box_row(element, row, swizzle) -> None:
    enc = tiled_encoding(element, 0, (100, 256), (256, 1), (8, row), "d")
    assert enc.swizzle == swizzle
    assert enc.data_type == {"bf16": 9, "f16": 6, "f32": 7, "i8": 0}[element]


def test_a_strided_view_keeps_its_strides_and_ragged_sizes() -> None:
    """A [300, 72] view of every other row of a [600, 80] f16 array: the driver reads rows 320 bytes apart and
    fills what lies past row 300 or column 72 (the ragged edge) itself."""
    base = np.zeros((600, 80), np.float16)[::2, :72]
    desc = TensorDescriptor.from_tensor(base, [64, 64])
    t = TensorDescType(BlockType((64, 64), ScalarType("f16")), "zero")
    enc = descriptor_encoding(t, 0x1000, desc.shape, desc.strides, "b_desc")
    assert enc.dims == (72, 300) and enc.strides == (320,) and enc.box == (64, 64)
    assert enc.oob_fill == 0                           # CU_TENSOR_MAP_FLOAT_OOB_FILL_NONE: zeros


@pytest.mark.parametrize("address,shape,strides,box,words", [
    (0x1008, (64, 64), (64, 1), (64, 64), "16-byte aligned base"),
    (0x1000, (64, 60), (60, 1), (64, 64), "multiples of 16"),
    (0x1000, (64, 64), (1, 64), (64, 64), "innermost stride to be 1"),
    (0x1000, (64, 64), (64, 1), (512, 64), "1 to 256 elements"),
    (0x1000, (0, 64), (64, 1), (64, 64), "every size of the tensor to be positive"),
    (0x1000, (64, 64), (64, 1), (64, 4), "multiple of 16 bytes"),
])
def test_what_tma_cannot_address_is_refused_naming_the_argument(address, shape, strides, box, words) -> None:
    with pytest.raises(ValueError, match=f"argument 'a_desc': .*{words}"):
        tiled_encoding("f16", address, shape, strides, box, "a_desc")


class StandInEncoder:
    """cuTensorMapEncodeTiled: records its arguments as the driver reads them and writes 128 marked bytes."""

    def __init__(self, result: int = 0) -> None:
        self.calls, self.result = [], result
        self.cuTensorMapEncodeTiled = ENCODE(self._encode)
        self.cuLaunchKernel = None                     # LibCuda binds it when made

    def _encode(self, out, dtype, rank, address, dims, strides, box, elem, interleave, swizzle, l2, oob):
        read = lambda p, t, n: tuple((t * n).from_address(p))
        self.calls.append((out % 64, dtype, rank, address, read(dims, ctypes.c_uint64, rank),
                           read(strides, ctypes.c_uint64, rank - 1), read(box, ctypes.c_uint32, rank),
                           read(elem, ctypes.c_uint32, rank), interleave, swizzle, l2, oob))
        ctypes.memmove(out, bytes(range(128)), 128)
        return self.result

    def cuGetErrorString(self, result, words):
        words._obj.value = b"invalid argument"
        return 0


def test_the_encoding_crosses_ctypes_as_the_driver_reads_it() -> None:
    stand_in = StandInEncoder()
    enc = tiled_encoding("bf16", 0x7f00_0000_0000, (333, 200), (208, 1), (64, 64), "a")
    got = LibCuda(stand_in).encode_tiled(enc)
    assert got == bytes(range(128))
    assert stand_in.calls == [(0, 9, 2, 0x7f00_0000_0000, (200, 333), (416,), (64, 64), (1, 1), 0, 3, 2, 0)]


def test_a_refused_encoding_names_the_call() -> None:
    enc = tiled_encoding("f16", 0, (64, 64), (64, 1), (64, 64), "a")
    with pytest.raises(DriverCallError, match="cuTensorMapEncodeTiled failed: invalid argument"):
        LibCuda(StandInEncoder(result=1)).encode_tiled(enc)
