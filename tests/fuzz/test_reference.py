"""The reference's error bounds hold for a correct target that rounds differently (fuzz seed 698: the rounding of a
dot's sums scales with its accumulator, not with the products alone)."""
import numpy as np

from .reference import DTYPES, Val, dot


def test_dot_bound_covers_sequential_float32_sums_onto_a_large_accumulator() -> None:
    rng = np.random.default_rng(698)
    f32 = DTYPES["float32"]
    a, b = (Val(n, f32, rng.integers(-8, 8, (1, 32, 32)).astype(np.float32)) for n in "ab")
    acc = Val("acc", f32, rng.integers(1 << 31, 1 << 32, (1, 32, 32)).astype(np.float32))
    ref, err = dot(a, b, acc, f32, tf32=False)
    running = acc.ref[0].copy()
    for k in range(32):          # one rounding per step at the accumulator's size, as a k loop on a target does
        running = (running + a.ref[0][:, k:k + 1] * b.ref[0][k:k + 1, :]).astype(np.float32)
    assert np.abs(running.astype(np.float64) - ref[0]).max() <= err
    assert err < 1e-5 * np.abs(ref).max()     # and the bound stays meaningful: a few ulps of the result per term
