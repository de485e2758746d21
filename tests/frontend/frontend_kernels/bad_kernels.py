"""Kernels with mistakes: each must fail with an exact message at the line marked `# ERR`."""
import math

import numpy as np

import pantile.language as tl
from pantile.frontend import jit

from .registry import bad

BAD: list = []
TABLE = np.zeros(4)
HINT_CONSTRUCT = ("kernels support assignments, arithmetic, calls, if, for over ranges, while and return; "
                  "rewrite this part without it")
HINT_NON_JIT = ("decorate it with @pantile.jit, or compute the value outside the kernel and pass it as a "
                "tl.constexpr argument")


def python_helper(x):
    return x


@bad(BAD, "*f32", 5, "unsupported Python construct in a kernel: with statement", HINT_CONSTRUCT)
@jit
def with_statement(ptr):
    with open("f"):  # ERR
        tl.store(ptr, 1.0)


@bad(BAD, "*f32 i32", 9, "unsupported Python construct in a kernel: break", HINT_CONSTRUCT)
@jit
def break_in_loop(ptr, n):
    for i in range(n):
        break  # ERR


@bad(BAD, "*f32", 9, "unsupported Python construct in a kernel: lambda", HINT_CONSTRUCT)
@jit
def lambda_expression(ptr):
    f = lambda v: v  # ERR  # noqa: E731
    tl.store(ptr, f(1.0))


@bad(BAD, "*f32", 10, "unsupported Python construct in a kernel: list comprehension", HINT_CONSTRUCT)
@jit
def list_comprehension(ptr):
    xs = [i for i in range(4)]  # ERR
    tl.store(ptr, xs[0])


@bad(BAD, "*f32", 5, "unsupported Python construct in a kernel: try statement", HINT_CONSTRUCT)
@jit
def try_statement(ptr):
    try:  # ERR
        tl.store(ptr, 1.0)
    finally:
        pass


@bad(BAD, "*f32", 19, "'python_helper' is not a @jit function and cannot be called from a kernel", HINT_NON_JIT)
@jit
def call_python_function(ptr):
    tl.store(ptr, python_helper(tl.load(ptr)))  # ERR


@bad(BAD, "*f32", 9, "'math.sqrt' is not a @jit function and cannot be called from a kernel", HINT_NON_JIT)
@jit
def call_math_module(ptr):
    x = math.sqrt(tl.load(ptr))  # ERR
    tl.store(ptr, x)


@bad(BAD, "*f32", 19, "bitwise operator & needs integer operands: invalid operands of type fp32 and fp32",
     "convert the operands with .to(tl.int32) first, or use tl.where for a selection")
@jit
def bitwise_and_on_floats(ptr):
    x = tl.load(ptr)
    tl.store(ptr, x & x)  # ERR


@bad(BAD, "*f32", 19, "bitwise operator ~ needs an integer operand, got fp32",
     "convert the operand with .to(tl.int32) first")
@jit
def invert_float(ptr):
    tl.store(ptr, ~tl.load(ptr))  # ERR


@bad(BAD, "*f32", 9, "cannot broadcast shapes [4] and [8]",
     "make the sizes equal or give one of them size 1 in that dimension (e.g. x[:, None])")
@jit
def shapes_do_not_broadcast(ptr):
    x = tl.arange(0, 4) + tl.arange(0, 8)  # ERR
    tl.store(ptr + x, 1.0)


@bad(BAD, "*f32", 12, "tl.arange's length must be a power of 2, got 100",
     "round it up with triton.next_power_of_2 and mask the extra lanes")
@jit
def arange_not_power_of_two(ptr):
    offs = tl.arange(0, 100)  # ERR
    tl.store(ptr + offs, 1.0)


@bad(BAD, "*f32 i32", 12, "tl.arange: end must be a compile-time integer, got a runtime tensor",
     "pass a literal or a tl.constexpr parameter")
@jit
def arange_runtime_bound(ptr, n):
    offs = tl.arange(0, n)  # ERR
    tl.store(ptr + offs, 1.0)


@bad(BAD, "*f32 i32", 9, "tl.sum: axis must be a compile-time integer, got a runtime tensor",
     "pass a literal or a tl.constexpr parameter")
@jit
def reduce_axis_runtime(ptr, n):
    s = tl.sum(tl.load(ptr + tl.arange(0, 4)), axis=n)  # ERR
    tl.store(ptr, s)


@bad(BAD, "*f32 *i32 i32", 5, "Mismatched type for x: variable 'x' has type i32 on one side of the if and f32 on the "
     "other",
     "convert both to one type with .to(...) so they match")
@jit
def if_branches_differ(f_ptr, i_ptr, n):
    if n > 0:  # ERR
        x = tl.load(i_ptr)
    else:
        x = tl.load(f_ptr)
    tl.store(f_ptr, x)


@bad(BAD, "*f32 i32", 9, "loop-carried variable 'acc' changes type from i32 to f32 in the loop",
     "give it its final type before the loop, e.g. acc = acc.to(...)")
@jit
def loop_carried_type_change(ptr, n):
    acc = 0
    for i in range(n):
        acc = acc + tl.load(ptr + i)  # ERR
    tl.store(ptr, acc)


@bad(BAD, "*f32", 19, "undefined name 'undefined_value'",
     "define it before this line, or pass it to the kernel as an argument")
@jit
def undefined_name(ptr):
    tl.store(ptr, undefined_value)  # ERR  # noqa: F821


@bad(BAD, "*f32", 12, "wrong arguments to tl.arange(): missing a required argument: 'end'",
     "call it as tl.arange(start, end)")
@jit
def too_few_arguments(ptr):
    offs = tl.arange(0)  # ERR
    tl.store(ptr + offs, 1.0)


@bad(BAD, "*f32", 11, "wrong arguments to tl.program_id(): too many positional arguments",
     "call it as tl.program_id(axis)")
@jit
def too_many_arguments(ptr):
    pid = tl.program_id(0, 1)  # ERR
    tl.store(ptr + pid, 1.0)


@bad(BAD, "*f32", 9, "wrong arguments to tl.load(): got an unexpected keyword argument 'msk'",
     "call it as tl.load(pointer, mask=None, other=None, boundary_check=(), padding_option='', "
     "cache_modifier='', eviction_policy='', volatile=False)")
@jit
def unknown_keyword(ptr):
    x = tl.load(ptr, msk=None)  # ERR
    tl.store(ptr, x)


@bad(BAD, "*f32", 5, "a kernel cannot return a value", "store results through a pointer argument with tl.store")
@jit
def kernel_returns_value(ptr):
    return tl.load(ptr)  # ERR


@bad(BAD, "*f32 i32", 9, "return inside a for or while loop is not supported",
     "assign the result to a variable and return it after the loop")
@jit
def return_in_loop(ptr, n):
    for i in range(n):
        return  # ERR
    tl.store(ptr, 1.0)


@bad(BAD, "*u32", 19, "operator + combines an uint32 tensor with the negative number -1",
     "cast one of them explicitly with .to(...)")
@jit
def unsigned_plus_negative(ptr):
    tl.store(ptr, tl.load(ptr) + -1)  # ERR


@bad(BAD, "*f32", 19, "operator // needs integer operands, got fp32 and int32", "use tl.floor(a / b) for floats")
@jit
def floor_division_of_floats(ptr):
    tl.store(ptr, tl.load(ptr) // 2)  # ERR


@bad(BAD, "*i32 i32 u32", 19, "Cannot use // on int32 and uint32 because they have different signedness",
     "cast both operands to the same signedness with .to(...)")
@jit
def division_mixed_signedness(ptr, a, b):
    tl.store(ptr, a // b)  # ERR


@bad(BAD, "*f32 i32", 14, "operator * is not defined on pointer<fp32> and int32",
     "pointers support `pointer + integer offset` and `pointer - integer offset` only")
@jit
def multiply_pointer(ptr, n):
    tl.store(ptr * n, 1.0)  # ERR


@bad(BAD, "*f32", 14, "a pointer offset must be an integer, got fp32", "convert the offset with .to(tl.int32)")
@jit
def float_pointer_offset(ptr):
    tl.store(ptr + 1.5, 1.0)  # ERR


@bad(BAD, "*f32 f32", 9, "tl.load needs a pointer or a block of pointers, got fp32",
     "offset a pointer argument, e.g. x_ptr + offsets")
@jit
def load_from_float(ptr, x):
    y = tl.load(x)  # ERR
    tl.store(ptr, y)


@bad(BAD, "*f32", 9, "the mask must be a boolean (int1) tensor, got int32",
     "build it with a comparison, e.g. offsets < n")
@jit
def mask_not_boolean(ptr):
    offs = tl.arange(0, 4)
    x = tl.load(ptr + offs, mask=offs)  # ERR
    tl.store(ptr + offs, x)


@bad(BAD, "*f32", 9, "tl.load got `other` without `mask`", "give a mask, or leave `other` out")
@jit
def other_without_mask(ptr):
    x = tl.load(ptr, other=0.0)  # ERR
    tl.store(ptr, x)


@bad(BAD, "*f32", 5, "static_assert failed: BLOCK=6 must be a power of two",
     "the kernel's compile-time values break this assertion", BLOCK=6)
@jit
def static_assert_fails(ptr, BLOCK: tl.constexpr):
    tl.static_assert(BLOCK & (BLOCK - 1) == 0, f"BLOCK={BLOCK} must be a power of two")  # ERR
    tl.store(ptr, 1.0)


@bad(BAD, "*f32 i32", 5, "tl.static_assert needs a compile-time condition, got a runtime tensor",
     "use tl.device_assert for runtime checks")
@jit
def static_assert_runtime(ptr, n):
    tl.static_assert(n > 0)  # ERR
    tl.store(ptr, 1.0)


@bad(BAD, "*f32", 9, "tl.dot: the inner dimensions differ: [4, 8] @ [4, 8]",
     "the first operand's columns must equal the second operand's rows")
@jit
def dot_inner_mismatch(ptr):
    a = tl.zeros((4, 8), tl.float32)
    c = tl.dot(a, a)  # ERR
    tl.store(ptr, tl.sum(c))


@bad(BAD, "*f32", 9, "tl.dot needs two rank-2 or two rank-3 blocks, got shapes [4] and [4]",
     "reshape the operands to [M, K] and [K, N], or [B, M, K] and [B, K, N]")
@jit
def dot_rank_one(ptr):
    a = tl.zeros((4,), tl.float32)
    c = tl.dot(a, a)  # ERR
    tl.store(ptr, c)


@bad(BAD, "*f32", 9, "tl.dot needs two rank-2 or two rank-3 blocks, got shapes [2, 4, 4] and [4, 4]",
     "reshape the operands to [M, K] and [K, N], or [B, M, K] and [B, K, N]")
@jit
def dot_ranks_differ(ptr):
    a = tl.zeros((2, 4, 4), tl.float32)
    b = tl.zeros((4, 4), tl.float32)
    c = tl.dot(a, b)  # ERR
    tl.store(ptr, tl.sum(c))


@bad(BAD, "*f32", 9, "tl.dot: the batch dimensions differ: [2, 4, 4] @ [4, 4, 4]",
     "both operands of a batched dot need the same first dimension")
@jit
def dot_batches_differ(ptr):
    a = tl.zeros((2, 4, 4), tl.float32)
    b = tl.zeros((4, 4, 4), tl.float32)
    c = tl.dot(a, b)  # ERR
    tl.store(ptr, tl.sum(c))


@bad(BAD, "*f32", 8, "the condition of an if statement must be a scalar, got a block of shape [4]",
     "reduce it first (e.g. tl.max(...)), or use tl.where for elementwise selection")
@jit
def if_on_block(ptr):
    offs = tl.arange(0, 4)
    if offs < 2:  # ERR
        tl.store(ptr, 1.0)


@bad(BAD, "*f32", 9, "unsupported tensor index: 0 (a tensor subscript may only contain None and ':')",
     "load elements through pointers instead: tl.load(ptr + offsets)")
@jit
def integer_subscript(ptr):
    x = tl.arange(0, 4)
    y = x[0]  # ERR
    tl.store(ptr, y)


@bad(BAD, "*f32", 5, "assignment to a subscript is not supported",
     "tensors are immutable: build a new one, e.g. with tl.where")
@jit
def assign_to_subscript(ptr):
    x = tl.zeros((4,), tl.float32)
    x[0] = 1.0  # ERR
    tl.store(ptr, x)


@bad(BAD, "*f32", 5, "cannot unpack a tensor into 2 names",
     "only tuples (e.g. several values returned by a @jit function) can be unpacked")
@jit
def unpack_tensor(ptr):
    a, b = tl.load(ptr)  # ERR
    tl.store(ptr, a + b)


@bad(BAD, "*f32", 19, "global 'TABLE' of type ndarray cannot be used in a kernel",
     "kernels read only @jit functions, tl.constexpr values and plain numbers or strings from globals; pass "
     "other values as arguments")
@jit
def numpy_global(ptr):
    tl.store(ptr, TABLE)  # ERR


@bad(BAD, "*f32", 11, "tl.program_id axis must be 0, 1, or 2 but got 3")
@jit
def program_id_axis_out_of_range(ptr):
    pid = tl.program_id(3)  # ERR
    tl.store(ptr + pid, 1.0)


@bad(BAD, "*f32", 9, "tl.zeros: shape element 1 must be a power of 2, got 3",
     "round it up with triton.next_power_of_2 and mask the extra elements")
@jit
def zeros_not_power_of_two(ptr):
    z = tl.zeros((4, 3), tl.float32)  # ERR
    tl.store(ptr, tl.sum(z))


@bad(BAD, "*f32", 9, "tl.reshape cannot reshape [8] (8 elements) to [4, 4]",
     "the new shape must have the same number of elements")
@jit
def reshape_wrong_size(ptr):
    x = tl.reshape(tl.arange(0, 8), (4, 4))  # ERR
    tl.store(ptr, tl.sum(x).to(tl.float32))


@bad(BAD, "*i32", 19, "tl.exp needs a floating-point operand, got int32", "convert it first, e.g. x.to(tl.float32)")
@jit
def exp_of_integer(ptr):
    tl.store(ptr, tl.exp(tl.load(ptr)))  # ERR


@bad(BAD, "*f32", 9, "cannot bitcast fp32 to int16: the bit widths or kinds differ",
     "bitcast needs types of equal width; use .to(dtype) to convert the value")
@jit
def bitcast_width_mismatch(ptr):
    x = tl.load(ptr).to(tl.int16, bitcast=True)  # ERR
    tl.store(ptr, x)


@bad(BAD, "*f32", 9, "expected a dtype such as tl.float32, got int 5")
@jit
def cast_to_number(ptr):
    x = tl.load(ptr).to(5)  # ERR
    tl.store(ptr, x)


@bad(BAD, "*f32", 14, "a kernel for loop must iterate over range(...), tl.range(...), tl.static_range(...) or a tuple",
     "loop over indices and load elements through pointers")
@jit
def loop_over_tensor(ptr):
    x = tl.arange(0, 4)
    for v in x:  # ERR
        tl.store(ptr + v, 1.0)


@bad(BAD, "*f32 i32", 14, "tl.static_range needs compile-time bounds, got a runtime value",
     "use tl.range (or range) for runtime bounds")
@jit
def static_range_runtime_bound(ptr, n):
    for i in tl.static_range(n):  # ERR
        tl.store(ptr + i, 1.0)


@bad(BAD, "*f32", 11, "the condition of a while loop must be a runtime value",
     "use a for loop over tl.static_range for compile-time repetition")
@jit
def while_constant(ptr):
    while False:  # ERR
        tl.store(ptr, 1.0)


@jit
def add_two(a, b):
    return a + b


@bad(BAD, "*f32", 19, "wrong arguments to add_two(): missing a required argument: 'b'", "call it as add_two(a, b)")
@jit
def helper_missing_argument(ptr):
    tl.store(ptr, add_two(1.0))  # ERR


@jit
def recurse(x):
    return recurse(x)  # ERR


@bad(BAD, "*f32", 12, "recursive call of recurse() is not supported", "rewrite the recursion as a loop",
     error_in=recurse)
@jit
def recursive_helper(ptr):
    tl.store(ptr, recurse(tl.load(ptr)))


@jit
def bad_helper(x):
    return x | 1  # ERR


@bad(BAD, "*f32", 12, "bitwise operator | needs integer operands: invalid operands of type fp32 and int32",
     "convert the operands with .to(tl.int32) first, or use tl.where for a selection", error_in=bad_helper)
@jit
def error_inside_helper(ptr):
    tl.store(ptr, bad_helper(tl.load(ptr)))


@bad(BAD, "*f32", 9, "unknown cache_modifier '.xx'", "use one of '.ca', '.cg', '.cv'")
@jit
def unknown_cache_modifier(ptr):
    x = tl.load(ptr, cache_modifier=".xx")  # ERR
    tl.store(ptr, x)


@bad(BAD, "*f32", 5, "unknown memory semantics 'strong'",
     "use one of 'relaxed', 'acquire', 'release', 'acq_rel'")
@jit
def unknown_atomic_semantics(ptr):
    tl.atomic_add(ptr, 1.0, sem="strong")  # ERR


@bad(BAD, "*f32", 5, "tl.atomic_and needs an integer pointee, got fp32", "use tl.atomic_xchg or tl.atomic_cas")
@jit
def atomic_and_on_floats(ptr):
    tl.atomic_and(ptr, 1.0)  # ERR


@bad(BAD, "*f32", 12, "tl.multiple_of needs one value per dimension: 2 given for shape [4]")
@jit
def multiple_of_wrong_count(ptr):
    offs = tl.multiple_of(tl.arange(0, 4), (4, 4))  # ERR
    tl.store(ptr + offs, 1.0)


@bad(BAD, "*f32", 9, "tl.permute: [0, 0] is not a permutation of the 2 dimensions", "give each of 0..1 once")
@jit
def permute_not_permutation(ptr):
    x = tl.permute(tl.zeros((2, 4), tl.float32), (0, 0))  # ERR
    tl.store(ptr, tl.sum(x))


@bad(BAD, "*f32 i32", 9, "variable 'acc' holds the compile-time value None before the loop and is reassigned "
     "inside it", "give it a tensor or number value before the loop")
@jit
def loop_carried_none(ptr, n):
    acc = None
    for i in range(n):
        acc = tl.load(ptr + i)  # ERR
    tl.store(ptr, acc)


@bad(BAD, "*f32", 12, "operator + on compile-time values 4, 'a' failed: unsupported operand type(s) for +: "
     "'int' and 'str'", BLOCK=4)
@jit
def compile_time_type_error(ptr, BLOCK: tl.constexpr):
    size = BLOCK + "a"  # ERR
    tl.store(ptr, size)


@bad(BAD, "*f32", 9, "operator ** is not supported on tensors", "use tl.exp2(y * tl.log2(x)) for powers")
@jit
def power_of_tensor(ptr):
    x = tl.load(ptr) ** 2  # ERR
    tl.store(ptr, x)


@bad(BAD, "*f32 i32", 21, "an f-string can only show compile-time values, not a runtime tensor",
     "print runtime values with tl.device_print")
@jit
def f_string_with_tensor(ptr, n):
    tl.static_print(f"n is {n}")  # ERR
    tl.store(ptr, 1.0)


@bad(BAD, "*f32 i32", 9, "tl.full: shape element 0 must be a compile-time integer, got a runtime tensor",
     "pass a literal or a tl.constexpr parameter")
@jit
def full_with_runtime_shape(ptr, n):
    x = tl.full((n,), 0, tl.float32)  # ERR
    tl.store(ptr, tl.sum(x))


@bad(BAD, "*f32", 9, "tl.join needs operands of one dtype, got fp32 and int32", "convert one with .to(...)")
@jit
def join_different_dtypes(ptr):
    j = tl.join(tl.zeros((4,), tl.float32), tl.arange(0, 4))  # ERR
    tl.store(ptr, tl.sum(tl.sum(j, 1)))


@bad(BAD, "*f32 i32", 9, "loop-carried variable 'x' changes type from i32 to f32 in the loop",
     "give it its final type before the loop, e.g. x = x.to(...)")
@jit
def float_number_into_int_loop_variable(ptr, n):
    x = 0
    while x < n:
        x = 1.5  # ERR
    tl.store(ptr, x)


@bad(BAD, "*f32 i32", 9, "tl.load: Cannot broadcast other= of shape [8] to the pointers' shape [4]: dimension 0 "
     "has size 8, not 4 or 1", "offset the pointer by offsets of the value's shape, so that each element has its own "
     "address")
@jit
def load_other_of_another_shape(ptr, n):
    offs = tl.arange(0, 4)
    x = tl.load(ptr + offs, mask=offs < n, other=tl.zeros((8,), tl.float32))  # ERR
    tl.store(ptr + offs, x)


@bad(BAD, "*f32", 9, "there are no constants of type pointer<fp32>", "offset a pointer argument instead")
@jit
def pointer_or_number(ptr):
    q = tl.where(tl.arange(0, 4) < 2, ptr, 0)  # ERR
    tl.store(q, 1.0)


@bad(BAD, "*f32", 9, "a tensor has no attribute 'tolist'")
@jit
def unknown_tensor_method(ptr):
    x = tl.load(ptr).tolist()  # ERR
    tl.store(ptr, x)


@bad(BAD, "*f32", 9, "tensor.item() needs a block of one element, got shape [2]",
     "reduce the block first, e.g. with tl.sum or tl.max")
@jit
def item_of_two_elements(ptr):
    x = tl.load(ptr + tl.arange(0, 2)).item()  # ERR
    tl.store(ptr, x)


@bad(BAD, "*f32 i32", 14, "range step must not be zero", "use a positive or negative step")
@jit
def range_step_zero(ptr, n):
    for i in range(0, n, 0):  # ERR
        tl.store(ptr + i, 1.0)


@bad(BAD, "*f32", 20, "min() failed on compile-time values: '<' not supported between instances of 'int' and "
     "'NoneType'", BLOCK=4)
@jit
def min_of_none(ptr, BLOCK: tl.constexpr):
    tl.store(ptr + min(None, BLOCK), 1.0)  # ERR


@bad(BAD, "*f32", 9, "tl.dot: out_dtype must be a dtype such as tl.float32, got the function maximum")
@jit
def dot_out_dtype_not_a_dtype(ptr):
    a = tl.zeros((4, 4), tl.float32)
    c = tl.dot(a, a, out_dtype=tl.maximum)  # ERR
    tl.store(ptr, tl.sum(c))


@bad(BAD, "*i32", 9, "tl.cumsum needs integer or float values, got pointer<int32>",
     "load the values first, or convert pointers with .to(tl.int64)")
@jit
def scan_of_pointers(ptr):
    s = tl.cumsum(ptr + tl.arange(0, 4), 0)  # ERR
    tl.store(s, 1)


def _scalar_pointer_hint(n: int) -> str:
    return (f"offset the pointer by a block of offsets (e.g. ptr + tl.arange(0, {n})) so that each element has its "
            f"own address, or pass a scalar instead")


@bad(BAD, "*f32", 5, "tl.store: the value is a block of shape [4] but the pointer is a scalar",
     _scalar_pointer_hint(4))
@jit
def store_block_through_scalar_pointer(ptr):
    x = tl.load(ptr + tl.arange(0, 4))
    tl.store(ptr, x)  # ERR


@bad(BAD, "*f32 i32", 5, "tl.store: the mask is a block of shape [2, 8] but the pointer is a scalar",
     _scalar_pointer_hint(8))
@jit
def store_scalar_with_block_mask(ptr, n):
    offs = tl.arange(0, 2)[:, None] * 8 + tl.arange(0, 8)[None, :]
    tl.store(ptr, 1.0, mask=offs < n)  # ERR


@bad(BAD, "*f32 i32", 9, "tl.load: the mask is a block of shape [16] but the pointer is a scalar",
     _scalar_pointer_hint(16))
@jit
def load_scalar_with_block_mask(ptr, n):
    x = tl.load(ptr, mask=tl.arange(0, 16) < n)  # ERR
    tl.store(ptr + tl.arange(0, 16), x)


@bad(BAD, "*f32 i32", 9, "tl.load: other= is a block of shape [8] but the pointer is a scalar",
     _scalar_pointer_hint(8))
@jit
def load_scalar_with_block_other(ptr, n):
    x = tl.load(ptr, mask=n > 0, other=tl.zeros((8,), tl.float32))  # ERR
    tl.store(ptr + tl.arange(0, 8), x)


@bad(BAD, "*f32", 19, "tl.sum: axis 3 is out of range for a block of rank 1",
     "use an axis from -1 to 0")
@jit
def sum_axis_out_of_range(ptr):
    x = tl.load(ptr + tl.arange(0, 4))
    tl.store(ptr, tl.sum(x, axis=3))  # ERR


@bad(BAD, "*f32", 20, "tl.arange needs end > start, got start=8 and end=4",
     "give the bounds in increasing order; for a descending block use end - 1 - tl.arange(...)")
@jit
def arange_end_before_start(ptr):
    tl.store(ptr + tl.arange(8, 4), 1.0)  # ERR


@bad(BAD, "*f32", 44, "tl.expand_dims: invalid axis 5. Expected -2 <= axis < 2",
     "use distinct axes from -2 to 1")
@jit
def expand_dims_axis_out_of_range(ptr):
    x = tl.load(ptr + tl.arange(0, 4))
    tl.store(ptr + tl.arange(0, 4), tl.sum(tl.expand_dims(x, 5), 0))  # ERR


@bad(BAD, "*f32", 9, "tl.expand_dims received duplicate axes, normalized axes = [0, 0]",
     "use distinct axes from -3 to 2")
@jit
def expand_dims_duplicate_axes(ptr):
    x = tl.load(ptr + tl.arange(0, 4))
    y = tl.expand_dims(x, (0, -3))  # ERR
    tl.store(ptr + tl.arange(0, 4), tl.sum(tl.sum(y, 0), 0))


@bad(BAD, "*f32", 5, "unknown scope 'planet'",
     "use one of 'cta', 'gpu', 'sys'")
@jit
def unknown_scope(ptr):
    tl.atomic_add(ptr, 1.0, scope="planet")  # ERR


@bad(BAD, "*f32", 19, "unknown eviction_policy 'evict_sometimes'",
     "use one of 'evict_normal', 'evict_first', 'evict_last'")
@jit
def unknown_eviction(ptr):
    tl.store(ptr, tl.load(ptr, eviction_policy="evict_sometimes"))  # ERR


@bad(BAD, "*f32", 19, "tl.max needs integer or float values, got pointer<fp32>",
     "load the values first, or convert pointers with .to(tl.int64)")
@jit
def max_of_pointers(ptr):
    tl.store(ptr, tl.max(ptr + tl.arange(0, 4), 0))  # ERR


@bad(BAD, "*f32", 5, "unsupported Python construct in a kernel: global statement",
     HINT_CONSTRUCT)
@jit
def global_statement(ptr):
    global G  # ERR
    tl.store(ptr, 1.0)


@bad(BAD, "*f32", 5, "unsupported Python construct in a kernel: del statement",
     HINT_CONSTRUCT)
@jit
def del_statement(ptr):
    x = 1.0
    del x  # ERR
    tl.store(ptr, 1.0)


@bad(BAD, "*f32", 5, "unsupported Python construct in a kernel: nested function definition",
     HINT_CONSTRUCT)
@jit
def nested_def(ptr):
    def f(v):  # ERR
        return v
    tl.store(ptr, 1.0)


@bad(BAD, "*f32", 37, "tl.zeros: dtype must be a tl dtype such as tl.float32, got 5",
     "pass one of tl.float32, tl.float16, tl.int32, ... (or a parameter holding one)")
@jit
def zeros_dtype_number(ptr):
    tl.store(ptr + tl.arange(0, 4), tl.zeros((4,), dtype=5))  # ERR


@bad(BAD, "*f32", 37, "tl.cumsum: axis 1 is out of range for a block of rank 1",
     "use an axis from -1 to 0")
@jit
def cumsum_axis_out_of_range(ptr):
    x = tl.load(ptr + tl.arange(0, 4))
    tl.store(ptr + tl.arange(0, 4), tl.cumsum(x, axis=1))  # ERR


@bad(BAD, "*f32", 33, "tl.dot needs operands of one dtype, got fp16 and fp32",
     "convert one operand with .to(...)")
@jit
def dot_dtype_mismatch(ptr):
    a = tl.zeros((16, 16), tl.float16)
    b = tl.zeros((16, 16), tl.float32)
    tl.store(ptr, tl.sum(tl.sum(tl.dot(a, b), 0), 0))  # ERR


@bad(BAD, "*f32", 12, "tl.split needs a last dimension of size 2, got shape [4, 4]",
     "reshape so the last dimension is 2")
@jit
def split_not_two(ptr):
    x = tl.zeros((4, 4), tl.float32)
    a, b = tl.split(x)  # ERR
    tl.store(ptr, tl.sum(a, 0))


@bad(BAD, "*f32", 14, "range bounds must be integers, got 2.5",
     "pass ints: literals, integer arguments or values computed from them")
@jit
def range_of_float(ptr):
    for i in range(2.5):  # ERR
        tl.store(ptr + i, 1.0)


@bad(BAD, "*f32", 9, "unsupported Python construct in a kernel: assignment expression (:=)",
     HINT_CONSTRUCT)
@jit
def walrus(ptr):
    if (y := 3) > 2:  # ERR
        tl.store(ptr, 1.0)


@bad(BAD, "*f32", 5, "tl.store needs a pointer or a block of pointers, got 5",
     "offset a pointer argument, e.g. x_ptr + offsets")
@jit
def store_to_int(ptr):
    tl.store(5, 1.0)  # ERR


@bad(BAD, "*f32", 19, "tl.fdiv needs floating-point operands, got int32",
     "convert them with .to(tl.float32)")
@jit
def fdiv_ints(ptr):
    tl.store(ptr, tl.fdiv(1, 2))  # ERR


@bad(BAD, "*f32", 20, "tl.arange: start must be an integer, got 0.0",
     "pass an int: a literal or a tl.constexpr parameter")
@jit
def arange_float(ptr):
    tl.store(ptr + tl.arange(0.0, 4), 1.0)  # ERR


@bad(BAD, "*f32", 19, "bitwise operator << needs integer operands: invalid operands of type fp32 and int32",
     "convert the operands with .to(tl.int32) first, or use tl.where for a selection")
@jit
def shift_float(ptr):
    x = tl.load(ptr)
    tl.store(ptr, x << 1)  # ERR


@bad(BAD, "*f32", 5, "unsupported Python construct in a kernel: yield",
     HINT_CONSTRUCT)
@jit
def yield_in_kernel(ptr):
    yield ptr  # ERR


@bad(BAD, "*f32", 9, "unsupported Python construct in a kernel: set literal",
     HINT_CONSTRUCT)
@jit
def set_literal(ptr):
    s = {1, 2}  # ERR
    tl.store(ptr, 1.0)


@bad(BAD, "*f32 i32", 37, "tl.reshape: shape element 0 must be a compile-time integer, got a runtime tensor",
     "pass a literal or a tl.constexpr parameter")
@jit
def reshape_runtime(ptr, n):
    x = tl.zeros((4,), tl.float32)
    tl.store(ptr + tl.arange(0, 4), tl.reshape(x, (n,)))  # ERR
