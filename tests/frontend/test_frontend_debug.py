"""Debug builds as in Triton: @jit(debug=True), or PANTILE_DEBUG=1 / TRITON_DEBUG=1 when the kernel is decorated."""
import pytest

import pantile
from pantile.frontend import jit
from pantile.frontend.jit import debug_from_environment


@pytest.fixture(autouse=True)
def no_debug_environment(monkeypatch) -> None:
    """Each test starts from an environment that asks for no debug build."""
    monkeypatch.delenv("PANTILE_DEBUG", raising=False)
    monkeypatch.delenv("TRITON_DEBUG", raising=False)


def _body(x_ptr):
    pantile.language.device_assert(pantile.language.load(x_ptr) > 0, "positive")


def test_debug_keyword_of_both_decorators() -> None:
    assert jit(_body).debug is False and jit()(_body).debug is False
    assert jit(debug=True)(_body).debug is True and jit(debug=False)(_body).debug is False
    kernel = pantile.jit(debug=True)(_body)
    assert isinstance(kernel, pantile.Kernel) and kernel.debug is True
    assert pantile.jit(_body).debug is False


@pytest.mark.parametrize("variable", ["PANTILE_DEBUG", "TRITON_DEBUG"])
@pytest.mark.parametrize("value, on", [("1", True), ("true", True), (" ON ", True), ("0", False), ("", False),
                                       ("no", False)])
def test_environment_asks_for_debug_builds(monkeypatch, variable, value, on) -> None:
    monkeypatch.setenv(variable, value)
    assert debug_from_environment() is on
    assert pantile.jit(_body).debug is on and jit(_body).debug is on
    assert pantile.jit(debug=False)(_body).debug is on   # as in Triton, the environment wins over debug=False


def test_environment_is_read_when_the_kernel_is_decorated(monkeypatch) -> None:
    before = pantile.jit(_body)
    monkeypatch.setenv("PANTILE_DEBUG", "1")
    assert before.debug is False and pantile.jit(_body).debug is True


def test_one_variable_is_enough(monkeypatch) -> None:
    monkeypatch.setenv("PANTILE_DEBUG", "0")
    monkeypatch.setenv("TRITON_DEBUG", "1")
    assert debug_from_environment() is True


def test_unknown_environment_value_is_an_error(monkeypatch) -> None:
    monkeypatch.setenv("TRITON_DEBUG", "maybe")
    with pytest.raises(ValueError) as err:
        pantile.jit(_body)
    assert str(err.value) == ("TRITON_DEBUG='maybe': set it to 1 for debug builds (device_assert checked) "
                              "or 0 for none")


@pytest.mark.parametrize("decorator", [jit, pantile.jit], ids=["frontend", "pantile"])
@pytest.mark.parametrize("value", ["yes", 1, 0.0])
def test_debug_that_is_not_a_bool_names_the_function_and_its_line(decorator, value) -> None:
    with pytest.raises(TypeError) as err:
        decorator(debug=value)(_body)
    line = _body.__code__.co_firstlineno
    assert str(err.value) == (f"@jit of _body ({__file__}:{line}): debug must be True or False, "
                              f"got {type(value).__name__} {value!r}")
