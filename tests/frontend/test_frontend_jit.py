"""JITFunction: captured parameters, the dependency hash, and the plain Python helpers."""
import inspect

import pytest

import pantile.language as tl
from pantile.frontend import JITFunction, build_ir, cdiv, jit, next_power_of_2
from pantile.frontend.errors import LanguageError
from pantile.ir import PointerType, f32, i32

from frontend_kernels import jit_subjects


def test_parameters_constexprs_and_options() -> None:
    k = jit_subjects.kernel
    assert isinstance(k, JITFunction)
    assert k.arg_names == ["x_ptr", "n", "BLOCK", "flag", "scale"]
    assert k.constexpr_names == {"BLOCK", "flag"}
    assert k.defaults == {"flag": False, "scale": 1.5}
    assert k.do_not_specialize == ("n",)
    assert k.noinline is True
    assert k.__name__ == "kernel"
    assert k.file == jit_subjects.__file__
    assert k.src.startswith("@jit(do_not_specialize=")


def test_dependencies_key_tracks_helpers_and_globals(monkeypatch) -> None:
    k = jit_subjects.kernel
    base = k.dependencies_key()
    assert len(base) == 64 and base == k.dependencies_key()
    monkeypatch.setattr(jit_subjects, "UNUSED", 2)
    assert k.dependencies_key() == base
    monkeypatch.setattr(jit_subjects, "PLAIN", 8)
    changed_plain = k.dependencies_key()
    assert changed_plain != base
    monkeypatch.setattr(jit_subjects, "SCALE", tl.constexpr(3))
    changed_scale = k.dependencies_key()
    assert changed_scale not in (base, changed_plain)
    monkeypatch.setattr(jit_subjects, "SIZES", (16, 64))
    changed_sizes = k.dependencies_key()
    assert changed_sizes not in (base, changed_plain, changed_scale)
    monkeypatch.setattr(jit_subjects, "helper", jit_subjects.pong)
    assert k.dependencies_key() not in (base, changed_plain, changed_scale, changed_sizes)


def test_dependencies_key_survives_mutual_recursion() -> None:
    assert jit_subjects.ping.dependencies_key() != jit_subjects.pong.dependencies_key()


def test_jit_forms() -> None:
    def f(x):
        return x
    plain, configured = jit(f), jit(noinline=True)(f)
    assert plain.noinline is False and configured.noinline is True
    assert plain.dependencies_key() != configured.dependencies_key()


def test_jit_of_a_lambda_or_an_async_function_names_its_line() -> None:
    line = inspect.currentframe().f_lineno + 2
    with pytest.raises(TypeError) as info:
        jit(lambda x: x)
    assert str(info.value) == (f"@jit needs a function defined with def, got a lambda ({__file__}:{line}); write "
                               f"`@pantile.jit` above a plain `def name(...):` instead")

    async def f(x):
        return x
    with pytest.raises(TypeError) as info:
        jit(f)
    assert str(info.value) == (f"@jit needs a function defined with def, got an async function ({__file__}:"
                               f"{f.__code__.co_firstlineno}); write `@pantile.jit` above a plain `def name(...):` "
                               f"instead")


def test_calling_a_jit_function_directly_is_an_error() -> None:
    with pytest.raises(TypeError, match=r"kernel is a @jit function: launch it with kernel\[grid\]\(\.\.\.\)"):
        jit_subjects.kernel(1, 2)


def test_build_ir_needs_a_type_for_each_runtime_parameter() -> None:
    with pytest.raises(ValueError, match="build_ir\\(kernel\\): no type for n, scale in the signature"):
        build_ir(jit_subjects.kernel, {"x_ptr": PointerType(f32)}, {"BLOCK": 4})


def test_constexpr_instances_and_defaults() -> None:
    module = build_ir(jit_subjects.kernel, {"x_ptr": PointerType(f32), "n": i32, "scale": f32},
                      {"BLOCK": tl.constexpr(4)})
    assert [f.attributes["sym_name"] for f in module.functions()] == ["kernel", "helper"]
    assert str(module.functions()[0].attributes["function_type"]) == "(ptr<f32, 1>, i32, f32) -> ()"


def test_integer_helpers() -> None:
    assert [cdiv(x, 4) for x in (0, 1, 4, 5)] == [0, 1, 1, 2]
    assert [next_power_of_2(n) for n in (0, 1, 2, 3, 17, 1024)] == [1, 1, 2, 4, 32, 1024]


def test_language_functions_outside_a_kernel() -> None:
    with pytest.raises(LanguageError, match="pantile.language functions can only be called inside a @jit function"):
        tl.program_id(0)
