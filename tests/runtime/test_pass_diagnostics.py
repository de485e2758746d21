"""Mistakes that only a pass can find reach the user as a CompilationError at their line."""
import numpy as np
import pytest

import pantile
import pantile.language as pl


@pantile.jit
def unroll_too_far(out_ptr):
    acc = 0
    for i in pl.static_range(0, 10_000_000):
        acc += i
    pl.store(out_ptr, acc)


def test_static_range_too_long_to_unroll() -> None:
    out = np.zeros(1, dtype=np.int32)
    with pytest.raises(pantile.CompilationError) as e:
        unroll_too_far[(1,)](out)
    err = e.value
    assert (err.file, err.line) == (__file__, unroll_too_far.first_line + 3)
    assert str(err).splitlines() == [
        f"{__file__}:{err.line}:5: error: unrolling this loop would copy its 2 operations 10000000 times; "
        "use range() instead of static_range",
        "    for i in pl.static_range(0, 10_000_000):",
        "    ^"]
