"""What the built-in targets' capability records say about atomics, and the messages made from them."""
from pantile.targets.atomics import supported_atomic_types
from pantile.targets.registry import get_target


def test_atomic_types_are_listed_from_the_capability_records():
    assert supported_atomic_types(get_target("cpu").capabilities) == "f16, f32, f64 or an integer type"
    assert supported_atomic_types(get_target("cuda:sm_90a").capabilities) == "f16, f32, f64 or an integer type"
    assert supported_atomic_types(get_target("intel:spirv").capabilities) == "f32, f64, i32, i64, u32 or u64"


def test_capabilities_name_the_atomic_types_a_case_needs():
    intel = get_target("intel:spirv").capabilities
    assert intel.unsupported(atomic_dtypes=("i32", "f16")) == "atomics on f16 not in capabilities.atomic_dtypes"
    assert get_target("cpu").capabilities.unsupported(atomic_dtypes=("i32", "f16")) is None
