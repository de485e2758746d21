"""Cases a target's capability record rules out are reported unsupported, with the record's reason."""
from dataclasses import replace

import pytest

from pantile.conformance import all_cases, run_case, runner
from pantile.targets.registry import get_target


def _case(name: str):
    [case] = [c for c in all_cases() if c.name == name]
    return case


def test_math_a_target_cannot_compute_is_unsupported_with_the_reason(monkeypatch) -> None:
    case = _case("math/sin/f64/domain")
    assert case.math == ("sin:f64",)
    target = get_target("cpu")     # no built-in target refuses a math function now: one made to
    monkeypatch.setattr(target, "capabilities", replace(target.capabilities, unsupported_math=frozenset({"sin:f64"})))
    monkeypatch.setattr(runner, "get_target", lambda arch: target)
    result = run_case(case, "cpu")
    assert (result.tier, result.detail) == ("unsupported", "math sin:f64 in capabilities.unsupported_math")


@pytest.mark.parametrize("arch", ["cpu", "cuda:sm_80", "cuda:sm_90a"])
def test_every_math_function_is_computed(arch: str) -> None:
    assert get_target(arch).capabilities.unsupported(math=("sin:f64", "cos:f64", "erf:f64", "cos:f16")) is None
