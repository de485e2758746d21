"""What the built-in targets' capability records say about atomics, and the messages made from them (and, for the
atomics a record lacks, the errors kernels get at their line on those targets)."""
import pytest

import pantile
import pantile.language as tl
from pantile.frontend import CompilationError
from pantile.ir import ScalarType
from pantile.targets.atomics import supported_atomic_types, unsupported_atomic
from pantile.targets.base import Capabilities
from pantile.targets.registry import all_targets, get_target


def test_atomic_types_are_listed_from_the_capability_records():
    assert supported_atomic_types(get_target("cpu").capabilities) == "f16, bf16, f32, f64 or an integer type"
    assert supported_atomic_types(get_target("cuda:sm_90a").capabilities) == "f16, f32, f64 or an integer type"
    assert supported_atomic_types(get_target("intel:spirv").capabilities) == "f32, f64, i32, i64, u32 or u64"


def test_capabilities_name_the_atomic_types_a_case_needs():
    intel = get_target("intel:spirv").capabilities
    assert intel.unsupported(atomic_dtypes=("i32", "f16")) == "atomics on f16 not in capabilities.atomic_dtypes"
    assert get_target("cpu").capabilities.unsupported(atomic_dtypes=("i32", "f16")) is None


@pantile.jit
def atomic_copy(x_ptr, y_ptr):
    tl.atomic_store(y_ptr, tl.atomic_load(x_ptr))


@pantile.jit
def poll_for_a_while(flag_ptr, out_ptr):
    tl.store(out_ptr, tl.atomic_poll(flag_ptr, 1, timeout_ns=1000))


def _archs(keep) -> list[str]:
    return [arch for t in all_targets() for arch in t.family_archs() if keep(get_target(arch).capabilities)]


@pytest.mark.parametrize("arch", _archs(lambda caps: "load" not in caps.atomic_kinds))
def test_targets_without_atomic_loads_refuse_them_at_the_users_line(arch):
    line = atomic_copy.fn.__code__.co_firstlineno + 2
    with pytest.raises(CompilationError) as err:
        pantile.compile(atomic_copy, {"x_ptr": "*i32", "y_ptr": "*i32"}, target=arch)
    assert f"test_capability_records.py:{line}:28: error: atomic_load is not supported on the {arch} target" in \
        str(err.value)


@pytest.mark.parametrize("arch", _archs(lambda caps: "load" in caps.atomic_kinds and "i32" in caps.atomic_dtypes
                                        and not caps.clock))
def test_a_poll_timeout_needs_a_clock(arch):
    line = poll_for_a_while.fn.__code__.co_firstlineno + 2
    with pytest.raises(CompilationError) as err:
        pantile.compile(poll_for_a_while, {"flag_ptr": "*i32", "out_ptr": "*i1"}, target=arch)
    assert f"test_capability_records.py:{line}:23: error: atomic_poll with timeout_ns needs a clock, which kernels " \
           f"on the {arch} target cannot read; leave timeout_ns out" in str(err.value)


def test_atomic_loads_stores_and_polls_need_their_kinds():
    caps = Capabilities(warp_size=1, max_threads_per_program=1, shared_memory_bytes=0, dtypes=frozenset(),
                        dot_dtypes=frozenset(), atomic_kinds=frozenset({"fadd", "cas", "load"}),
                        atomic_dtypes=frozenset({"i32", "f32"}))
    assert unsupported_atomic(caps, "x", "store", ScalarType("f32")) == "atomic_store is not supported on the x target"
    assert unsupported_atomic(caps, "x", "poll", ScalarType("i32")) is None     # a poll is a loop of atomic loads
    assert unsupported_atomic(caps, "x", "load", ScalarType("i64")) == \
        "atomic_load on i64 is not supported on the x target; use f32 or i32"
    assert caps.unsupported(clock=True) == "kernels cannot read a clock (capabilities.clock)"


@pytest.mark.parametrize("arch", _archs(lambda caps: caps.simt and caps.clock and "load" in caps.atomic_kinds))
def test_a_poll_timeout_compiles_and_validates_where_the_record_has_a_clock(arch):
    artifact = pantile.compile(poll_for_a_while, {"flag_ptr": "*i32", "out_ptr": "*i1"}, target=arch, validate=True)
    assert artifact.kernel_name == "poll_for_a_while"
