"""Misused block pointers and tensor descriptors: each fails with an exact message at the line marked `# ERR`."""
import pantile.language as tl
from pantile.frontend import jit

from .registry import bad

BAD: list = []
HINT_RANK = "give one entry per dimension of block_shape"


@bad(BAD, "*f32 i32", 10, "tl.make_block_ptr: shape has 1 entries but the block has rank 2", HINT_RANK)
@jit
def block_ptr_wrong_rank(ptr, n):
    bp = tl.make_block_ptr(ptr, (n,), (n, 1), (0, 0), (16, 16), (1, 0))  # ERR
    tl.store(bp, 1.0)


@bad(BAD, "*f32 i32", 10, "tl.make_block_ptr: block_shape[0] must be a compile-time integer, got a runtime tensor",
     "pass a literal or a tl.constexpr parameter")
@jit
def block_ptr_runtime_block_shape(ptr, n):
    bp = tl.make_block_ptr(ptr, (n,), (1,), (0,), (n,), (0,))  # ERR
    tl.store(bp, 1.0)


@bad(BAD, "*f32 i32", 10, "tl.make_block_ptr: order must be a permutation of the 2 dimensions, got (0, 0)",
     "e.g. order=(1, 0) for a row-major matrix")
@jit
def block_ptr_bad_order(ptr, n):
    bp = tl.make_block_ptr(ptr, (n, n), (n, 1), (0, 0), (16, 16), (0, 0))  # ERR
    tl.store(bp, 1.0)


@bad(BAD, "*f32 i32", 9, "tl.load: boundary_check and padding_option apply to block pointers (tl.make_block_ptr), "
     "not to a pointer or a block of pointers", "use mask= and other= instead")
@jit
def boundary_check_on_plain_pointer(ptr, n):
    x = tl.load(ptr + tl.arange(0, 16), boundary_check=(0,))  # ERR
    tl.store(ptr, tl.sum(x))


@bad(BAD, "*f32 i32", 9, "tl.load: boundary_check entries must be dimensions 0 to 1, got 2",
     "list the dimensions whose bounds to check, e.g. boundary_check=(0, 1)")
@jit
def boundary_check_out_of_range(ptr, n):
    bp = tl.make_block_ptr(ptr, (n, n), (n, 1), (0, 0), (16, 16), (1, 0))
    x = tl.load(bp, boundary_check=(0, 2))  # ERR
    tl.store(ptr, tl.sum(x))


@bad(BAD, "*i32 i32", 9, "tl.load: padding_option 'nan' needs a floating-point tensor, got int32",
     "use padding_option='zero'")
@jit
def nan_padding_of_integers(ptr, n):
    bp = tl.make_block_ptr(ptr, (n,), (1,), (0,), (16,), (0,))
    x = tl.load(bp, boundary_check=(0,), padding_option="nan")  # ERR
    tl.store(ptr, tl.sum(x))


@bad(BAD, "*f32 i32", 9, "tl.load of a block pointer takes no mask or other",
     "use boundary_check=(...) and padding_option='zero' instead")
@jit
def mask_on_block_pointer(ptr, n):
    bp = tl.make_block_ptr(ptr, (n,), (1,), (0,), (16,), (0,))
    x = tl.load(bp, mask=tl.arange(0, 16) < n)  # ERR
    tl.store(ptr, tl.sum(x))


@bad(BAD, "*f32 i32", 14, "operator + is not defined on a block pointer",
     "load its block with tl.load, or move it with tl.advance(ptr, offsets)")
@jit
def arithmetic_on_block_pointer(ptr, n):
    bp = tl.make_block_ptr(ptr, (n,), (1,), (0,), (16,), (0,))
    tl.store(bp + 16, 1.0)  # ERR


@bad(BAD, "*f32 i32", 9, "tl.advance needs a block pointer from tl.make_block_ptr, got ptr<f32, 1>",
     "offset a plain pointer with + instead")
@jit
def advance_plain_pointer(ptr, n):
    p = tl.advance(ptr, (16,))  # ERR
    tl.store(p, 1.0)


@bad(BAD, "*f32 i32", 10, "tl.advance: offsets has 1 entries but the block has rank 2", HINT_RANK)
@jit
def advance_wrong_rank(ptr, n):
    bp = tl.make_block_ptr(ptr, (n, n), (n, 1), (0, 0), (16, 16), (1, 0))
    bp = tl.advance(bp, (16,))  # ERR
    tl.store(bp, 1.0)


@bad(BAD, "*f32 i32", 12, "tl.make_tensor_descriptor: block_shape must be a tuple of compile-time integers, "
     "got 16", "e.g. block_shape=(BLOCK_M, BLOCK_N) with tl.constexpr sizes")
@jit
def descriptor_block_shape_not_a_tuple(ptr, n):
    desc = tl.make_tensor_descriptor(ptr, [n], [1], 16)  # ERR
    desc.store([0], tl.zeros((16,), tl.float32))


@bad(BAD, "*f32 i32", 12, "tl.make_tensor_descriptor: base must be a scalar pointer, got block<16xptr<f32, 1>>",
     "pass the tensor's pointer argument (offset it with + if needed)")
@jit
def descriptor_of_pointer_block(ptr, n):
    desc = tl.make_tensor_descriptor(ptr + tl.arange(0, 16), [n], [1], [16])  # ERR
    desc.store([0], tl.zeros((16,), tl.float32))


@bad(BAD, "*f32 i32", 9, "desc.load: offsets has 1 entries but the block has rank 2", HINT_RANK)
@jit
def descriptor_load_wrong_rank(ptr, n):
    desc = tl.make_tensor_descriptor(ptr, [n, n], [n, 1], [16, 16])
    x = desc.load([0])  # ERR
    tl.store(ptr, tl.sum(x))


@bad(BAD, "*f32 i32", 12, "tl.make_tensor_descriptor: block_shape must have 1 to 5 dimensions, got 6")
@jit
def descriptor_rank_six(ptr, n):
    desc = tl.make_tensor_descriptor(ptr, [n] * 6, [1] * 6, [2] * 6)  # ERR
    desc.store([0] * 6, 1.0)


@bad(BAD, "*f32 i32", 9, "tl.load_tensor_descriptor needs a tensor descriptor, got ptr<f32, 1>",
     "make one with tl.make_tensor_descriptor or pass a TensorDescriptor argument")
@jit
def descriptor_load_of_pointer(ptr, n):
    x = tl.load_tensor_descriptor(ptr, [0])  # ERR
    tl.store(ptr, tl.sum(x))


@bad(BAD, "*f32 i32", 12, "tl.make_tensor_descriptor: block_shape[1] must be a power of 2, got 12",
     "round it up with triton.next_power_of_2; the bounds checks mask the rest")
@jit
def descriptor_block_not_power_of_two(ptr, n):
    desc = tl.make_tensor_descriptor(ptr, [n, n], [n, 1], [16, 12])  # ERR
    desc.store([0, 0], 1.0)


@bad(BAD, "*f32 i32", 9, "tl.load needs a pointer or a block of pointers, got a tensor descriptor",
     "read and write a descriptor with desc.load(offsets) and desc.store(offsets, value)")
@jit
def load_of_descriptor(ptr, n):
    desc = tl.make_tensor_descriptor(ptr, [n], [1], [16])
    x = tl.load(desc)  # ERR
    tl.store(ptr, tl.sum(x))


@bad(BAD, "*f32 i32", 5, "desc.atomic_and needs an integer pointee, got fp32",
     "a float tensor takes atomic_add, atomic_min and atomic_max")
@jit
def descriptor_bitwise_atomic_on_floats(ptr, n):
    desc = tl.make_tensor_descriptor(ptr, [n], [1], [16])
    desc.atomic_and([0], tl.zeros((16,), tl.float32))  # ERR


@bad(BAD, "*f32 i32", 19, "tl.sum() is not defined on a tensor descriptor", "load a tile with desc.load(offsets) first")
@jit
def reduction_of_descriptor(ptr, n):
    desc = tl.make_tensor_descriptor(ptr, [n], [1], [16])
    tl.store(ptr, tl.sum(desc, 0))  # ERR


@bad(BAD, "*f32 i32", 9, "desc.to() is not defined on a tensor descriptor", "load a tile with desc.load(offsets) first")
@jit
def method_of_descriptor(ptr, n):
    desc = tl.make_tensor_descriptor(ptr, [n], [1], [16])
    x = desc.to(tl.float16)  # ERR
    tl.store(ptr, x)


@bad(BAD, "*f32 i32", 5, "tl.store() is not defined on a block pointer",
     "load its block with tl.load, or move it with tl.advance(ptr, offsets)")
@jit
def block_pointer_stored_as_value(ptr, n):
    bp = tl.make_block_ptr(ptr, (n,), (1,), (0,), (16,), (0,))
    tl.store(ptr + tl.arange(0, 16), bp)  # ERR


@bad(BAD, "*f32 i32", 5, "variable 'bp' is a block pointer on one side of the if but not on the other",
     "give it a block pointer or descriptor of the same type on both sides")
@jit
def block_pointer_on_one_side_of_if(ptr, n):
    bp = tl.make_block_ptr(ptr, (n,), (1,), (0,), (16,), (0,))
    if n > 4:  # ERR
        bp = 0
    tl.store(bp, 1.0)


@bad(BAD, "*f32 i32", 9, "loop-carried variable 'bp' is a block pointer before the loop and the number 0 in it",
     "keep it the same kind of value")
@jit
def block_pointer_replaced_by_number_in_loop(ptr, n):
    bp = tl.make_block_ptr(ptr, (n,), (1,), (0,), (16,), (0,))
    for i in range(n):
        bp = 0  # ERR
    tl.store(bp, 1.0)


@bad(BAD, "*i16 i32", 12, "Descriptor block shape must have at least 16 bytes in the last dimension, but got "
     "4 * 2 = 8 bytes", "make the last block dimension longer")
@jit
def descriptor_rows_under_16_bytes(ptr, n):
    desc = tl.make_tensor_descriptor(ptr, [n, n], [n, 1], [8, 4])  # ERR
    desc.store([0, 0], tl.zeros([8, 4], dtype=tl.int16))
