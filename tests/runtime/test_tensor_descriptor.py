"""TensorDescriptor arguments: what the host class accepts, and how a launch expands and specialises them."""
import numpy as np
import pytest

import pantile as triton
import pantile.language as tl
from pantile.ir import BlockType, TensorDescType, f16
from pantile.runtime.args import parse_signature_type
from pantile.tools.tensor_descriptor import TensorDescriptor


@triton.jit
def scale_kernel(x_desc, y_desc, BLOCK: tl.constexpr):
    start = [tl.program_id(0) * BLOCK, 0]
    y_desc.store(start, x_desc.load(start) * 2)


def test_triton_alias_reaches_the_class() -> None:
    assert triton.tools.tensor_descriptor.TensorDescriptor is TensorDescriptor


def test_from_tensor_takes_element_strides_of_a_view() -> None:
    view = np.zeros((8, 10), np.float16)[::2, 1:9]
    desc = TensorDescriptor.from_tensor(view, [4, 8])
    assert (desc.shape, desc.strides, desc.block_shape, desc.padding) == ((4, 8), (20, 1), (4, 8), "zero")


@pytest.mark.parametrize("args,message", [
    (((2, 3, 4, 5, 6, 7), (1,) * 6, (1,) * 6), "TensorDescriptor: the tensor must have 1 to 5 dimensions, got 6"),
    (((4, 4), (4,), (4, 4)), "TensorDescriptor: shape [4, 4], strides [4] and block_shape [4, 4] must have one "
                             "entry per dimension"),
    (((4, 4), (4, 1), (4, 6)), "TensorDescriptor: block_shape [4, 6] must hold powers of 2"),
    (((2**31, 4), (4, 1), (4, 4)), "TensorDescriptor: shape [2147483648, 4] must hold sizes from 0 to 2147483647"),
])
def test_bad_descriptors_are_refused(args, message) -> None:
    with pytest.raises(ValueError) as e:
        TensorDescriptor(np.zeros(16, np.float32), *args)
    assert str(e.value) == message


def test_padding_is_zero_or_nan_and_nan_needs_floats() -> None:
    with pytest.raises(ValueError) as e:
        TensorDescriptor(np.zeros(16, np.float32), (16,), (1,), (16,), padding="inf")
    assert str(e.value) == "TensorDescriptor: padding must be 'zero' or 'nan', got 'inf'"
    with pytest.raises(ValueError) as e:
        TensorDescriptor.from_tensor(np.zeros(16, np.int32), [16], padding="nan")
    assert str(e.value) == "TensorDescriptor: padding 'nan' needs a floating-point tensor, got int32"


def test_byte_strides_that_are_not_whole_elements_are_refused() -> None:
    skewed = np.lib.stride_tricks.as_strided(np.zeros(8, np.float32), shape=(3,), strides=(6,))
    with pytest.raises(ValueError) as e:
        TensorDescriptor.from_tensor(skewed, [4])
    assert str(e.value) == ("TensorDescriptor: strides (6,) (bytes) are not whole elements of 4 bytes; copy the "
                            "array first (np.ascontiguousarray)")


def test_launch_passes_base_shape_and_strides_with_unit_strides_specialised() -> None:
    x = np.arange(48, dtype=np.float32).reshape(6, 8)
    y = np.zeros_like(x)
    compiled = scale_kernel[(2,)](TensorDescriptor.from_tensor(x, [4, 8]), TensorDescriptor.from_tensor(y, [4, 8]),
                                  BLOCK=4)
    np.testing.assert_array_equal(y, 2 * x)
    # the trailing strides equal 1: specialised into the code, not passed
    assert [a.name for a in compiled._variant.artifact.args] == ["x_desc", "x_desc.shape.0", "x_desc.shape.1", "x_desc.strides.0",
                     "y_desc", "y_desc.shape.0", "y_desc.shape.1", "y_desc.strides.0"]


def test_block_shape_set_after_construction_as_an_autotune_pre_hook_sets_it() -> None:
    x = np.arange(48, dtype=np.float32).reshape(6, 8)
    y = np.zeros_like(x)
    x_desc, y_desc = (TensorDescriptor(a, a.shape, (8, 1), [1, 1]) for a in (x, y))
    for desc in (x_desc, y_desc):
        desc.block_shape = [2, 8]       # a list, as Triton's tutorials' pre_hooks assign it
    assert x_desc.block_shape == (2, 8)
    scale_kernel[(3,)](x_desc, y_desc, BLOCK=2)
    np.testing.assert_array_equal(y, 2 * x)
    with pytest.raises(ValueError) as e:
        x_desc.block_shape = [2, 6]
    assert str(e.value) == "TensorDescriptor: block_shape [2, 6] must hold powers of 2"
    with pytest.raises(ValueError) as e:
        x_desc.block_shape = [8]
    assert str(e.value) == "TensorDescriptor: block_shape [8] must have one entry per dimension of shape [6, 8]"


def test_a_read_only_descriptor_base_that_the_kernel_writes_is_refused() -> None:
    x = np.ones((4, 8), np.float32)
    y = np.zeros((4, 8), np.float32)
    y.flags.writeable = False
    with pytest.raises(ValueError) as e:
        scale_kernel[(1,)](TensorDescriptor.from_tensor(x, [4, 8]), TensorDescriptor.from_tensor(y, [4, 8]), BLOCK=4)
    assert str(e.value) == ("argument 'y_desc' of scale_kernel(): the kernel stores through this pointer but the "
                            "array is read-only; pass a writable array (e.g. its .copy())")


def test_triton_signature_strings_for_descriptors() -> None:
    assert parse_signature_type("tensordesc<fp16[64, 32]>") == TensorDescType(BlockType((64, 32), f16))
    assert parse_signature_type("tensordesc<fp16[16], nan>") == TensorDescType(BlockType((16,), f16), "nan")
    artifact = triton.compile(scale_kernel, ["tensordesc<fp32[4, 8]>", "tensordesc<fp32[4, 8]>"], {"BLOCK": 4})
    assert [a.name for a in artifact.args][:5] == ["x_desc", "x_desc.shape.0", "x_desc.shape.1", "x_desc.strides.0",
                                                   "x_desc.strides.1"]
