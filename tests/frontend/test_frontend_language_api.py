"""`import pantile.language as tl` exposes Triton's language, and dtypes behave like Triton's."""
import pantile.language as tl
from pantile.ir import PointerType, ScalarType

FUNCTIONS = """program_id num_programs arange zeros zeros_like full load store atomic_add atomic_max atomic_min
atomic_and atomic_or atomic_xor atomic_xchg atomic_cas dot sum max min argmax argmin cumsum cumprod reduce
associative_scan exp exp2 log log2 sqrt sqrt_rn rsqrt sin cos abs floor ceil fma erf div_rn fdiv maximum minimum
clamp where sigmoid softmax cdiv reshape view permute trans expand_dims broadcast_to join split cat ravel
multiple_of max_contiguous assume static_assert static_print device_print device_assert debug_barrier constexpr
range static_range tensor pointer_type dtype cast""".split()
DTYPES = {"int1": "i1", "int8": "i8", "int16": "i16", "int32": "i32", "int64": "i64", "uint8": "u8",
          "uint16": "u16", "uint32": "u32", "uint64": "u64", "float16": "f16", "bfloat16": "bf16",
          "float32": "f32", "float64": "f64", "float8e4nv": "f8e4m3", "float8e5": "f8e5m2"}


def test_every_language_name_is_exposed() -> None:
    missing = [n for n in FUNCTIONS + list(DTYPES) if not hasattr(tl, n)]
    assert missing == []
    assert set(FUNCTIONS) | set(DTYPES) <= set(tl.__all__)
    for n in ("exp", "exp2", "log", "log2", "sqrt", "rsqrt", "sin", "cos", "abs", "floor", "ceil", "fma", "erf",
              "div_rn", "fdiv", "sqrt_rn"):
        assert getattr(tl.math, n) is getattr(tl, n)


def test_dtypes_map_to_ir_scalars() -> None:
    assert {n: str(getattr(tl, n).to_ir()) for n in DTYPES} == DTYPES


def test_dtype_api() -> None:
    assert tl.float32.primitive_bitwidth == 32 and tl.float32.is_floating() and tl.float32.is_fp32()
    assert tl.bfloat16.fp_mantissa_width == 7 and tl.float16.is_standard_floating()
    assert tl.float8e4nv.is_fp8() and not tl.float8e4nv.is_standard_floating()
    assert tl.int8.is_int_signed() and tl.uint8.is_int_unsigned() and tl.int1.is_bool()
    assert not tl.int1.is_int_signed() and tl.int64.int_bitwidth == 64
    assert (str(tl.float32), repr(tl.float32), str(tl.int8)) == ("fp32", "tl.float32", "int8")
    assert tl.float32 == tl.dtype("fp32") and tl.float32 != tl.float16 and len({tl.int8, tl.dtype("int8")}) == 1
    # a dtype equals the same dtype wrapped in a constexpr, either way round (test_core's test_dtype)
    assert tl.int32 == tl.constexpr(tl.int32) and tl.constexpr(tl.int32) == tl.int32
    assert tl.int32 != tl.constexpr(tl.int16) and tl.int32 != tl.constexpr(32)


def test_pointer_type() -> None:
    p = tl.pointer_type(tl.float16)
    assert p.element_ty == tl.float16 and p.is_ptr() and not p.is_floating()
    assert p.to_ir() == PointerType(ScalarType("f16"), 1)
    assert p == tl.pointer_type(tl.float16) and p != tl.pointer_type(tl.float32)
    assert str(p) == "pointer<fp16>" and repr(p) == "tl.pointer_type(tl.float16)"


def test_constexpr_wraps_values() -> None:
    c = tl.constexpr(tl.constexpr(16))
    assert c.value == 16 and c == 16 and repr(c) == "constexpr[16]"
