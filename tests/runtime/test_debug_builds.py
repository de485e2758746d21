"""Debug builds at launch: debug= of @jit, of a launch and of compile(), the environment, variants and errors."""
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import pantile
import pantile.language as pl
from pantile.targets.registry import get_target


@pytest.fixture(autouse=True)
def no_debug_environment(monkeypatch) -> None:
    """Each test starts from an environment that asks for no debug build."""
    monkeypatch.delenv("PANTILE_DEBUG", raising=False)
    monkeypatch.delenv("TRITON_DEBUG", raising=False)


def _bad() -> np.ndarray:
    x = np.ones(16, dtype=np.int32)
    x[5] = -1
    return x


def test_debug_at_launch_is_a_variant_of_its_own() -> None:
    @pantile.jit
    def positive(x_ptr, n, BLOCK: pl.constexpr):
        offs = pl.arange(0, BLOCK)
        assert pl.load(x_ptr + offs, mask=offs < n, other=1) > 0, "x must be positive"

    positive[(1,)](_bad(), 16, BLOCK=16)                      # compiled out
    with pytest.raises(pantile.DeviceAssertionError, match=r"test_debug_builds\.py:\d+: device assertion failed: "
                                                           r"x must be positive \(program \(0, 0, 0\), element 5\)"):
        positive[(1,)](_bad(), 16, BLOCK=16, debug=True)
    positive[(1,)](_bad(), 16, BLOCK=16, debug=False)
    positive[(1,)](_bad(), 16, BLOCK=16)
    assert sorted(key[3] for key in positive._variants) == [False, True]


def test_launch_debug_false_overrides_the_decorator() -> None:
    @pantile.jit(debug=True)
    def positive(x_ptr, BLOCK: pl.constexpr):
        pl.device_assert(pl.load(x_ptr + pl.arange(0, BLOCK)) > 0, "x must be positive")

    with pytest.raises(pantile.DeviceAssertionError, match="x must be positive"):
        positive[(1,)](_bad(), BLOCK=16)
    positive[(1,)](_bad(), BLOCK=16, debug=False)


@pytest.mark.parametrize("variable", ["PANTILE_DEBUG", "TRITON_DEBUG"])
def test_environment_at_decoration_makes_debug_builds(monkeypatch, variable) -> None:
    monkeypatch.setenv(variable, "1")

    @pantile.jit
    def positive(x_ptr, BLOCK: pl.constexpr):
        pl.device_assert(pl.load(x_ptr + pl.arange(0, BLOCK)) > 0, "x must be positive")

    monkeypatch.delenv(variable)
    for launch_options in ({}, {"debug": False}):             # as in Triton, even debug=False stays a debug build
        with pytest.raises(pantile.DeviceAssertionError, match="x must be positive"):
            positive[(1,)](_bad(), BLOCK=16, **launch_options)


def test_launch_debug_that_is_not_a_bool() -> None:
    @pantile.jit
    def copy(x_ptr, out_ptr, BLOCK: pl.constexpr):
        pl.store(out_ptr + pl.arange(0, BLOCK), pl.load(x_ptr + pl.arange(0, BLOCK)))

    x = np.arange(16, dtype=np.float32)
    with pytest.raises(TypeError) as err:
        copy[(1,)](x, np.zeros_like(x), BLOCK=16, debug="yes")
    assert str(err.value) == "launch of copy(): debug must be True or False, got str 'yes'"
    with pytest.raises(TypeError) as err:
        pantile.compile(copy, ["*fp32", "*fp32"], {"BLOCK": 16}, debug=1)
    assert str(err.value) == "compile(copy): debug must be True or False, got int 1"


def test_compile_takes_debug_and_defaults_to_the_decorator() -> None:
    @pantile.jit(debug=True)
    def positive(x_ptr, BLOCK: pl.constexpr):
        pl.device_assert(pl.load(x_ptr + pl.arange(0, BLOCK)) > 0, "x must be positive")

    def messages(**debug: bool) -> list:
        return pantile.compile(positive, ["*i32"], {"BLOCK": 16}, **debug).metadata["asserts"]

    assert len(messages()) == 1 and len(messages(debug=True)) == 1
    assert messages(debug=False) == []


def test_a_parameter_named_debug_is_an_argument() -> None:
    @pantile.jit
    def store_debug(out_ptr, debug):
        pl.store(out_ptr, debug)

    out = np.zeros(1, dtype=np.int32)
    store_debug[(1,)](out, debug=7)
    assert out[0] == 7 and [key[3] for key in store_debug._variants] == [False]


def test_targets_whose_failed_assert_is_fatal_say_so() -> None:
    assert get_target("cpu").capabilities.unsupported(recoverable_assert=True) is None
    assert get_target("cuda:sm_90a").capabilities.unsupported(recoverable_assert=True) == (
        "a failed device_assert is fatal to the device context (capabilities.assert_is_fatal)")


def test_debug_reaches_the_cuda_code_offline() -> None:
    @pantile.jit(debug=True)
    def positive(x_ptr, BLOCK: pl.constexpr):
        pl.device_assert(pl.load(x_ptr + pl.arange(0, BLOCK)) > 0, "x must be positive")

    def ptx(**debug: bool) -> str:
        return pantile.compile(positive, ["*i32"], {"BLOCK": 64}, target="cuda:sm_90a", **debug).asm["ptx"]

    assert "__assertfail" in ptx() and "__assertfail" not in ptx(debug=False)


GPU_SCRIPT = textwrap.dedent("""
    import numpy as np
    import pantile
    import pantile.language as pl

    @pantile.jit
    def positive(x_ptr, BLOCK: pl.constexpr):
        pl.device_assert(pl.load(x_ptr + pl.arange(0, BLOCK)) > 0, "x must be positive")

    x = np.ones(64, np.int32)
    x[5] = -1
    positive[(1,)](x, BLOCK=64)
    print("compiled out")
    try:
        positive[(1,)](x, BLOCK=64, debug=True)
    except pantile.DeviceAssertionError:
        print("raised DeviceAssertionError")
""")


def test_debug_launch_checks_asserts_on_the_gpu(tmp_path) -> None:
    """In a fresh process, since a failed assert ends the CUDA context for the process."""
    why = get_target("cuda").unavailable()
    if why:
        print(f"skipping GPU execution: {why}")
        pytest.skip(f"no CUDA GPU here: {why}")
    script = tmp_path / "gpu_assert.py"
    script.write_text(GPU_SCRIPT)
    done = subprocess.run([sys.executable, str(script)], env=dict(os.environ, PANTILE_TARGET="cuda"),
                          capture_output=True, text=True, timeout=300)
    lines = done.stdout.splitlines()   # the device's own printing may come in between
    assert "compiled out" in lines and "raised DeviceAssertionError" in lines, done.stdout + done.stderr
    assert "x must be positive" in done.stdout + done.stderr     # the device printed the assertion
