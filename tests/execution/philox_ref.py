"""A numpy reference of Triton's random numbers: Philox 4x32 / 4x64 with its constants and the conversions to
uniform and normal floats, computed on Python integers so every product is exact."""
from __future__ import annotations

import numpy as np

ROUNDS = 10
CONSTANTS = {   # round multipliers A, B and key increments A, B of Philox by counter width
    32: (0xD2511F53, 0xCD9E8D57, 0x9E3779B9, 0xBB67AE85),
    64: (0xD2E7470EE14C6C93, 0xCA5A826395121157, 0x9E3779B97F4A7C15, 0xBB67AE8584CAA73B),
}
SCALE = {32: np.float32(4.6566127342e-10), 64: np.float32(1.0842020432385337e-19)}
UNSIGNED = {32: np.uint32, 64: np.uint64}


def philox(seed: int, counters: list[np.ndarray], rounds: int = ROUNDS) -> list[np.ndarray]:
    """Four unsigned blocks of the counters' width for `seed` (any Python int, taken modulo 2**64)."""
    bits = counters[0].dtype.itemsize * 8
    mask = (1 << bits) - 1
    round_a, round_b, key_a, key_b = CONSTANTS[bits]
    seed %= 1 << 64
    k0, k1 = (seed & 0xFFFFFFFF, seed >> 32) if bits == 32 else (seed, 0)
    c0, c1, c2, c3 = ([int(v) & mask for v in np.asarray(c).view(UNSIGNED[bits]).ravel()] for c in counters)
    for _ in range(rounds):
        prod_b = [round_b * v for v in c2]
        prod_a = [round_a * v for v in c0]
        c0, c1, c2, c3 = ([(p >> bits) ^ v ^ k0 for p, v in zip(prod_b, c1)], [p & mask for p in prod_b],
                          [(p >> bits) ^ v ^ k1 for p, v in zip(prod_a, c3)], [p & mask for p in prod_a])
        k0, k1 = (k0 + key_a) & mask, (k1 + key_b) & mask
    shape = np.shape(counters[0])
    return [np.array(c, dtype=UNSIGNED[bits]).reshape(shape) for c in (c0, c1, c2, c3)]


def randint4x(seed: int, offsets: np.ndarray, rounds: int = ROUNDS) -> list[np.ndarray]:
    """Four random uint32 blocks for `seed` at `offsets`; an int64 offset is the counter pair (low, high word)."""
    if offsets.itemsize == 8:
        words = offsets.view(np.uint64)
        low, high = (words & 0xFFFFFFFF).astype(np.uint32), (words >> np.uint64(32)).astype(np.uint32)
    else:
        low = offsets.view(np.uint32)
        high = np.zeros_like(low)
    return philox(seed, [low, high, np.zeros_like(low), np.zeros_like(low)], rounds)


def uint_to_uniform_float(x: np.ndarray) -> np.ndarray:
    """Random integers to float32 in [0, 1), as Triton converts them (wrapping negation, one f32 product)."""
    bits = x.dtype.itemsize * 8
    signed = x.view(np.int32 if bits == 32 else np.int64)
    with np.errstate(over="ignore"):
        folded = np.where(signed < 0, -signed - 1, signed)
    return folded.astype(np.float32) * SCALE[bits]


def pair_uniform_to_normal(u1: np.ndarray, u2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Box-Muller in float32."""
    radius = np.sqrt(np.float32(-2.0) * np.log(np.maximum(np.float32(1.0e-7), u1)))
    angle = np.float32(6.283185307179586) * u2
    return radius * np.cos(angle), radius * np.sin(angle)


def reference(kind: str, seed: int, offsets: np.ndarray, rounds: int = ROUNDS) -> list[np.ndarray]:
    """What tl.<kind>(seed, offsets, rounds) returns, as a list of blocks."""
    ints = randint4x(seed, offsets, rounds)
    uniforms = [uint_to_uniform_float(i) for i in ints]
    return {
        "randint": ints[:1], "randint4x": ints, "rand": uniforms[:1], "rand4x": uniforms,
        "randn": list(pair_uniform_to_normal(uniforms[0], uniforms[1])[:1]),
        "randn4x": [*pair_uniform_to_normal(*uniforms[:2]), *pair_uniform_to_normal(*uniforms[2:])],
    }[kind]
