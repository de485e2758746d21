"""Mistakes that only a pass can find reach the user as a CompilationError at their line."""
import numpy as np
import pytest

import pantile
import pantile.language as pl


@pantile.jit
def unroll_too_far(out_ptr):
    for i in pl.range(0, 2_000_000, loop_unroll_factor=2_000_000):
        pl.store(out_ptr, i)


def test_loop_unroll_factor_too_large_to_unroll() -> None:
    out = np.zeros(1, dtype=np.int32)
    with pytest.raises(pantile.CompilationError) as e:
        unroll_too_far[(1,)](out)
    err = e.value
    assert (err.file, err.line) == (__file__, unroll_too_far.first_line + 2)
    assert str(err).splitlines() == [
        f"{__file__}:{err.line}:5: error: unrolling this loop would copy its 2 operations 2000000 times; "
        "use a smaller loop_unroll_factor",
        "    for i in pl.range(0, 2_000_000, loop_unroll_factor=2_000_000):",
        "    ^"]
