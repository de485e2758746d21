"""device_print prints Triton's format, the same lines on every target."""
import numpy as np
import pytest

import pantile
import pantile.language as tl


@pantile.jit
def printer(x_ptr, y_ptr, n, BLOCK: tl.constexpr):
    """Prints of a masked block, a scalar, two blocks at once, hexadecimal bits, a message and an i64."""
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs, mask=offs < n, other=0)
    y = tl.load(y_ptr + offs, mask=offs < n, other=0)
    tl.device_print("x=", x)
    tl.device_print("pid=", tl.program_id(0))
    tl.device_print("two", x, y)
    tl.device_print("bits", y, hex=True)
    tl.device_print("done 100%")
    tl.device_print("", tl.program_id(0).to(tl.int64) - 5)


def expected(pid: int, x: list, y: list) -> list[str]:
    """The lines of one program, as Triton prints them."""
    head = f"pid ({pid}, 0, 0)"
    bits = [int(np.float16(v).view(np.uint16)) for v in y]
    return ([f"{head} idx ({i}) x=: {v}" for i, v in enumerate(x)] + [f"{head} idx () pid=: {pid}"]
            + [f"{head} idx ({i}) two: (operand 0) {v}" for i, v in enumerate(x)]
            + [f"{head} idx ({i}) two: (operand 1) {v:f}" for i, v in enumerate(y)]
            + [f"{head} idx ({i}) bits: 0x{v:04x}" for i, v in enumerate(bits)]
            + [f"{head} done 100%", f"{head} idx (): {pid - 5}"])


@pytest.fixture
def printing_target(any_target):
    """A target that runs `printer`: device print and f16; others skip, naming the capability."""
    why = any_target.capabilities.unsupported(dtypes=("f16",), device_print=True)
    if why is not None:
        pytest.skip(f"{any_target.arch}: {why}")
    return any_target


def test_device_print_lines_are_the_same_on_every_target(printing_target, capfd):
    x = np.array([3, -1, 4], np.int32)
    y = np.array([1.5, -2, 0.25], np.float16)
    printer[(2,)](x, y, 3, BLOCK=4)
    lines = capfd.readouterr().out.splitlines()
    want = expected(0, [3, -1, 4, 0], [1.5, -2, 0.25, 0]) + expected(1, [3, -1, 4, 0], [1.5, -2, 0.25, 0])
    assert sorted(lines) == sorted(want)


def test_index_is_padded_to_the_digits_of_its_dimension(printing_target, capfd):
    printer[(1,)](np.arange(100, dtype=np.int32), np.zeros(100, np.float16), 100, BLOCK=128)
    lines = capfd.readouterr().out.splitlines()
    assert "pid (0, 0, 0) idx (  7) x=: 7" in lines and "pid (0, 0, 0) idx (127) x=: 0" in lines
