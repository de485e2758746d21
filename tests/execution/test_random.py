"""tl.randint/rand/randn (and their 4x forms), tl.philox, uint_to_uniform_float, pair_uniform_to_normal and
umulhi on every target, against a numpy Philox that reproduces Random123's known-answer vectors, and against
the outputs of Triton 3.6 itself (tests/execution/data/random_goldens.npz, written on an H100 by
make_random_goldens.py)."""
import os

import numpy as np
import pytest

from execution_kernels import philox_and_parts, random_blocks
from make_random_goldens import KINDS, N, OUT, PHILOX_SEED, SEEDS, cases, counters, offsets
from philox_ref import pair_uniform_to_normal, philox, reference, uint_to_uniform_float


@pytest.mark.parametrize("counter", [
    ((0, 0, 0, 0), 0, (0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8)),
    ((0xFFFFFFFF,) * 4, 2**64 - 1, (0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD)),
    ((0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344), 0x299F31D0A4093822,
     (0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1)),
], ids=["zeros", "ones", "pi"])
def test_reference_gives_random123_known_answers(counter):
    words, key, expected = counter
    out = philox(key, [np.array([w], np.uint32) for w in words])
    assert [int(o[0]) for o in out] == list(expected)


def _launch_random(kind, seed, offsets, rounds):
    blocks = 4 if kind.endswith("4x") else 1
    dtype = ({32: np.uint32, 64: np.uint64}[offsets.itemsize * 8] if kind.startswith("randint") else np.float32)
    out = np.zeros(blocks * N, dtype)
    random_blocks[(1,)](out, offsets, seed, N=N, KIND=kind, ROUNDS=rounds)
    return out.reshape(blocks, N)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("kind", KINDS)
def test_random_blocks_match_the_reference(kind, seed):
    out = _launch_random(kind, seed, offsets("int32"), 10)
    expected = np.stack(reference(kind, seed, offsets("int32")))
    if kind.startswith("randn"):   # through log, sqrt, cos and sin: each target's own math library
        np.testing.assert_allclose(out, expected, rtol=2e-6, atol=2e-6)
    else:
        np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("kind", ("randint4x", "rand"))
def test_64_bit_offsets_are_two_counter_words(kind):
    out = _launch_random(kind, 2**40 + 1, offsets("int64"), 10)
    np.testing.assert_array_equal(out, np.stack(reference(kind, 2**40 + 1, offsets("int64"))))


@pytest.mark.parametrize("rounds", (0, 1, 7))
def test_round_count(rounds):
    np.testing.assert_array_equal(_launch_random("randint4x", 3, offsets("int32"), rounds),
                                  np.stack(reference("randint4x", 3, offsets("int32"), rounds)))


def test_uniforms_stay_below_one():
    out = _launch_random("rand4x", 11, np.arange(N, dtype=np.int32), 10)
    assert 0 <= out.min() and out.max() < 1


@pytest.mark.parametrize("bits", (32, 64))
def test_philox_umulhi_and_conversions(bits):
    words_in = counters(bits)
    utype = words_in.dtype
    words, uniform = np.zeros((5, N), utype), np.zeros(N, np.float32)
    normal = np.zeros((2, N), np.float32)
    seed = PHILOX_SEED[bits]
    philox_and_parts[(1,)](words_in, words, uniform, normal, seed, N=N)
    expected = philox(seed, list(words_in))
    np.testing.assert_array_equal(words[:4], np.stack(expected))
    high = [(int(a) * int(b)) >> bits for a, b in zip(expected[0], expected[1])]
    np.testing.assert_array_equal(words[4], np.array(high, utype))
    u1, u2 = uint_to_uniform_float(expected[0]), uint_to_uniform_float(expected[1])
    np.testing.assert_array_equal(uniform, u1)
    np.testing.assert_allclose(normal, np.stack(pair_uniform_to_normal(u1, u2)), rtol=2e-6, atol=2e-6)


def _triton_goldens() -> dict:
    with np.load(OUT) as goldens:
        return {name: goldens[name] for name in goldens.files}


TRITON = _triton_goldens() if os.path.exists(OUT) else {}


def test_triton_goldens_are_committed():
    assert str(TRITON["triton_version"]).startswith("3.6"), "run make_random_goldens.py on the GPU machine"
    assert all(f"{k}/seed={s}/offsets={o}/rounds={r}" in TRITON for k, s, o, r in cases())


@pytest.mark.parametrize("kind, seed, odt, rounds", cases(), ids=lambda v: str(v))
def test_random_blocks_give_tritons_numbers(kind, seed, odt, rounds):
    out = _launch_random(kind, seed, offsets(odt), rounds)
    golden = TRITON[f"{kind}/seed={seed}/offsets={odt}/rounds={rounds}"]
    if kind.startswith("randn"):   # through log, sqrt, cos and sin: each compiler's own math library
        np.testing.assert_allclose(out, golden, rtol=2e-6, atol=2e-6)
    else:
        np.testing.assert_array_equal(out, golden)


@pytest.mark.parametrize("bits", (32, 64))
def test_philox_parts_give_tritons_numbers(bits):
    words_in = TRITON[f"philox/bits={bits}/counters"]
    words, uniform = np.zeros((5, N), words_in.dtype), np.zeros(N, np.float32)
    normal = np.zeros((2, N), np.float32)
    philox_and_parts[(1,)](words_in, words, uniform, normal, PHILOX_SEED[bits], N=N)
    np.testing.assert_array_equal(words, TRITON[f"philox/bits={bits}/words"])
    np.testing.assert_array_equal(uniform, TRITON[f"philox/bits={bits}/uniform"])
    np.testing.assert_allclose(normal, TRITON[f"philox/bits={bits}/normal"], rtol=2e-6, atol=2e-6)
