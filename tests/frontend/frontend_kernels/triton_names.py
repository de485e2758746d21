"""Kernels that use Triton's type names and target_info (tests/frontend/test_triton_names.py)."""
import pantile.language as tl
from pantile.frontend import jit
from pantile.language.target_info import cuda_capability_geq, current_target, is_cuda, is_hip


@jit
def which_target(out_ptr):
    """Stores 1 on an NVIDIA GPU of compute capability 9.0 or above, 2 below it, 3 on AMD, 4 elsewhere."""
    if is_cuda():
        if cuda_capability_geq(9, 0):
            tl.store(out_ptr, 1)
        else:
            tl.store(out_ptr, 2)
    elif is_hip():
        tl.store(out_ptr, 3)
    else:
        tl.store(out_ptr, 4)


@jit
def warp_size_of_the_target(out_ptr):
    """Stores the compile target's warp size."""
    tl.store(out_ptr, current_target().warp_size)


@jit
def descriptor_and_constexpr_types(ptr, n, B: tl.constexpr):
    """Static assertions on the types Triton gives a descriptor and its tile."""
    desc = tl.make_tensor_descriptor(ptr, [n, n], [n, 1], [B, B])
    tl.static_assert(isinstance(desc.type, tl.tensor_descriptor_type))
    tl.static_assert(desc.type == tl.tensor_descriptor_type(tl.block_type(tl.float32, [B, B]),
                                                            tl.tuple_type([tl.int32, tl.int32]),
                                                            tl.tuple_type([tl.int64, tl.int64])))
    tl.static_assert(desc.type.block_type == tl.block_type(tl.float32, [B, B]))
    desc.store([0, 0], desc.load([0, 0]) + 1)


@jit
def python_numbers_as_tensors(ptr):
    """Static assertions on the dtypes tl.to_tensor gives Python numbers (Triton's rule), and a store of one."""
    tl.static_assert(tl.to_tensor(True).dtype == tl.int1)
    tl.static_assert(tl.to_tensor(2**31).dtype == tl.uint32)
    tl.static_assert(tl.to_tensor(-2**40).dtype == tl.int64)
    tl.static_assert(tl.to_tensor(1.5).dtype == tl.float32)
    tl.static_assert(tl.to_tensor(float("inf")).dtype == tl.float32)
    tl.static_assert(tl.to_tensor(1e50).dtype == tl.float64)
    tl.static_assert(tl.to_tensor(1e-40).dtype == tl.float64)
    tl.store(ptr, tl.to_tensor(3))
