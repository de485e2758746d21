"""device_print on the interpreter writes what the cpu target writes (Triton's format), value for value."""
import numpy as np

import pantile
import pantile.language as tl


@pantile.jit
def show(x_ptr, n_ptr, flags_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs)
    n = tl.load(n_ptr)
    flags = tl.load(flags_ptr + offs)
    tl.device_print("x", x)
    tl.device_print("n and x ", n, x)
    tl.device_print("bits", x.to(tl.int32, bitcast=True), hex=True)
    tl.device_print("flags=", flags)
    tl.device_print("half", x.to(tl.bfloat16))
    tl.device_print("done")


def _printed(capfd, arch: str) -> list[str]:
    x = np.array([1.5, -2.25, 3e10, 0.0, -0.0, 7.125, 1e-3, 42.0, 1.0, 2.0, 3.0, -1e-30, 5.0, 6.0, 7.0, 8.0],
                 np.float32)
    n = np.array([-(2 ** 40)], np.int64)
    flags = np.array([True, False] * 8)
    capfd.readouterr()
    with pantile.target(arch):
        show[(2, 1, 1)](x, n, flags, BLOCK=16)
    return sorted(capfd.readouterr().out.splitlines())


def test_the_interpreter_prints_as_the_cpu_target_does(capfd):
    interp, cpu = _printed(capfd, "interp"), _printed(capfd, "cpu")
    assert len(interp) == 2 * (16 + 17 + 16 + 16 + 16 + 1)
    assert interp == cpu
    assert "pid (1, 0, 0) idx ( 1) bits: 0xc0100000" in interp
