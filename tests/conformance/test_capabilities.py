"""Cases a target's capability record rules out are reported unsupported, with the record's reason."""
from pantile.conformance import all_cases, run_case
from pantile.targets.registry import get_target


def _case(name: str):
    [case] = [c for c in all_cases() if c.name == name]
    return case


def test_math_a_target_cannot_compute_is_unsupported_with_the_reason() -> None:
    case = _case("math/sin/f64/domain")
    assert case.math == ("sin:f64",)
    result = run_case(case, "cuda:sm_90a")
    assert (result.tier, result.detail) == ("unsupported", "math sin:f64 in capabilities.unsupported_math")


def test_cpu_computes_every_math_function() -> None:
    assert get_target("cpu").capabilities.unsupported(math=("sin:f64", "erf:f64", "cos:f16")) is None
